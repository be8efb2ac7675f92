"""The What's new page (changes since the previous edition) and the downloads list."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog import export, urls
from pet_generator.catalog.editions import diff, load_baseline, tracked
from pet_generator.catalog.frameworks import employer_framework_ids
from pet_generator.catalog.loader import Catalog
from pet_generator.site.html import Context, block, esc, tag


def whats_new(cat: Catalog, ctx: Context) -> str:
    year = cat["edition"]["year"]
    previous = cat["edition"].get("previous_year")
    baseline = load_baseline(cat)
    if baseline is None:
        message = (
            f"This is the first edition ({year}) in this catalog, so there is nothing to compare it with yet."
            if not previous
            else f"The {previous} baseline (catalog/editions/{previous}.json) is missing, so changes cannot be listed."
        )
        return block(tag("p", esc(message), class_="pet-whats-new-empty"))
    changes = diff(baseline, export.to_json(cat), cat.model)
    parts = [tag("p", esc(f"Changes in the {year} edition since the {previous} edition."))]
    employer = employer_framework_ids(cat)  # only their competencies have pages
    for collection, title_field in tracked(cat.model):
        c = changes[collection]
        label = collection.capitalize()
        counts = f"{len(c['added'])} added, {len(c['removed'])} removed, {len(c['changed'])} changed"
        section = tag("h2", esc(f"{label}: {counts}"), id=f"{collection}-changes")

        def name(e: dict[str, Any], link: bool = True, collection: str = collection, title_field: str = title_field) -> str:
            text = ctx.text(e.get(title_field) or e["id"])
            if not link:
                return text
            href = {"resources": urls.resource_page, "competencies": urls.competency_page, "handouts": urls.handout_page}[collection](e["id"])
            return tag("a", text, href=ctx.rel(href)) if collection != "competencies" or e.get("framework") in employer else text

        if c["added"]:
            section += tag("h3", "Added") + tag("ul", "".join(tag("li", name(e), data_id=e["id"]) for e in c["added"]))
        if c["removed"]:
            section += tag("h3", "Removed") + tag("ul", "".join(tag("li", name(e, link=False), data_id=e["id"]) for e in c["removed"]))
        if c["changed"]:
            items = "".join(
                tag("li", name(e) + tag("ul", "".join(tag("li", esc(line)) for line in lines)), data_id=e["id"]) for e, lines in c["changed"]
            )
            section += tag("h3", "Changed") + tag("ul", items)
        parts.append(tag("section", section))
    return block(tag("div", "".join(parts), class_="pet-whats-new"))


def downloads(cat: Catalog, ctx: Context) -> str:
    items = "".join(tag("li", tag("a", esc(label), href=ctx.rel(f"downloads/{name}"), download=name)) for name, label in export.DOWNLOADS)
    return block(tag("ul", items, class_="pet-downloads"))


MACROS = {"whats_new": whats_new, "downloads": downloads}
