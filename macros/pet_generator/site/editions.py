"""The What's new page (changes since the previous edition) and the downloads list
(components/whats-new and components/downloads-list)."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog import export, translations, urls
from pet_generator.catalog.editions import diff, load_baseline, tracked
from pet_generator.catalog.frameworks import employer_framework_ids
from pet_generator.catalog.loader import Catalog
from pet_generator.site.components import for_catalog, render_component
from pet_generator.site.html import Context, block

_PAGES = {"resources": urls.resource_page, "competencies": urls.competency_page, "handouts": urls.handout_page}


def whats_new(cat: Catalog, ctx: Context) -> str:
    year = cat["edition"]["year"]
    previous = cat["edition"].get("previous_year")
    baseline = load_baseline(cat)
    data: dict[str, Any] = {"year": year, "previous": previous, "collections": [], "lines_lang": None}
    if baseline is None:
        return block(render_component(cat, "whats-new", state="missing" if previous else "first", **data))
    messages = for_catalog(cat).messages
    english = getattr(cat, "english", None) or cat  # the baseline is English: compare English with English
    changes = diff(baseline, export.to_json(english), english.model)
    names = {(c, r["id"]): r for c in ("competencies", "handouts") for r in cat.data.get(c, []) if isinstance(r, dict)}
    employer = employer_framework_ids(cat)  # only their competencies have pages

    def entry(collection: str, e: dict[str, Any], title_field: str, link: bool = True) -> dict[str, Any]:
        has_page = link and collection in _PAGES and (collection != "competencies" or e.get("framework") in employer)
        href = (ctx.resource(e["id"]) if collection == "resources" else ctx.rel(_PAGES[collection](e["id"]))) if has_page else None
        shown = names.get((collection, e["id"]), e)  # in the page's language where translated
        name = shown.get(title_field) or e["id"]
        # Resource titles stay in their original language; other names are English until translated.
        english_name = collection == "resources" or translations.lang_of(cat, collection, e["id"], title_field) or shown is e
        return {"id": e["id"], "name": name, "href": href, "lang": translations.original_lang(cat) if english_name else None}

    for collection, title_field in tracked(cat.model):
        c = changes[collection]
        label_id = f"whats_new.collection.{collection}"
        data["collections"].append(
            {
                "id": collection,
                "label": messages(label_id) if label_id in messages else collection.capitalize(),
                "added": [entry(collection, e, title_field) for e in c["added"]],
                "removed": [entry(collection, e, title_field, link=False) for e in c["removed"]],
                "changed": [{**entry(collection, e, title_field), "lines": lines} for e, lines in c["changed"]],
            }
        )
    # How each field changed is worded by the catalog layer, in English (field names are ids).
    data["lines_lang"] = None if getattr(cat, "language", translations.DEFAULT_LANGUAGE) == translations.DEFAULT_LANGUAGE else "en"
    return block(render_component(cat, "whats-new", state="changes", **data))


def downloads(cat: Catalog, ctx: Context) -> str:
    messages = for_catalog(cat).messages
    files = [
        {"name": name, "href": ctx.rel(f"downloads/{name}"), "label": messages(f"downloads.{name}") if f"downloads.{name}" in messages else label}
        for name, label in export.DOWNLOADS
    ]
    return block(render_component(cat, "downloads-list", files=files))


MACROS = {"whats_new": whats_new, "downloads": downloads}
