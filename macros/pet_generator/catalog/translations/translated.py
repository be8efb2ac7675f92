"""The catalog as one language's pages read it, and what of it still shows the English."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.translations.checks import Report, State
from pet_generator.catalog.translations.fields import APPLIED, DEFAULT_LANGUAGE, GROUPED, TRANSLATABLE, english_records, fields_of, has_words


@dataclass
class TranslatedCatalog(Catalog):
    """The catalog as one language's pages read it: translated fields in place, and which
    fields still show the English (rendered inside lang="en", never silently)."""

    language: str = DEFAULT_LANGUAGE
    untranslated: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # collection -> the ids of its records this language has a translation of. A resource has a
    # page in this language only when it has one; the language's lists link to the English page
    # of any other (at 10,000 resources a copy of every English page would double the build).
    translated_ids: dict[str, frozenset[str]] = field(default_factory=dict)
    english: Catalog | None = None  # the catalog in English, for what a translation names ("our translation of ...")
    # (collection, id) -> what each record's translation is (stale, reviewed): its page's note.
    states: dict[tuple[str, str], State] = field(default_factory=dict)


def translated(cat: Catalog, language: str, report: Report) -> TranslatedCatalog:
    data = dict(cat.data)
    untranslated: dict[tuple[str, str], set[str]] = {}

    def apply(collection: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        fields = fields_of(collection)
        out = []
        for record in records:
            done = report.records.get((collection, record["id"]), {})
            left = {f for f in fields if has_words(f, record.get(f)) and f not in done}
            if left:
                untranslated[collection, record["id"]] = left
            out.append({**record, **{f: done[f] for f in fields if f in done}})
        return out

    for collection in TRANSLATABLE:
        # Shown only once its renderers mark their English (APPLIED); facets live in the model, below.
        if collection not in APPLIED or collection not in cat.data:
            continue
        if collection in GROUPED:
            data[collection] = {group: apply(f"{collection}.{group}", records) for group, records in cat.data[collection].items()}
        else:
            data[collection] = apply(collection, cat.data[collection])
    ids = {c: frozenset(rid for (kind, rid) in report.records if kind == c) for c in TRANSLATABLE}
    states = {key: state for key in report.records if key[0] != "page" and (state := report.state(*key))}
    out = TranslatedCatalog(root=cat.root, data=data, language=language, untranslated=untranslated, translated_ids=ids, english=cat, states=states)
    if "facets" in APPLIED:
        facets = []
        for facet in out.model.facets:
            done = report.records.get(("facets", facet.name), {})
            left = {f for f in fields_of("facets") if getattr(facet, f) and f not in done}
            if left:
                untranslated["facets", facet.name] = left
            facets.append(replace(facet, label=done.get("label", facet.label), lead=done.get("lead", facet.lead)))
        out.model = replace(out.model, facets=tuple(facets))
    return out


def pages_in(cat: Catalog, collection: str) -> frozenset[str] | None:
    """The ids of a collection whose records have their own page in the catalog's language:
    None for English (every one), else those with a translation."""
    return cat.translated_ids.get(collection, frozenset()) if isinstance(cat, TranslatedCatalog) else None


def state_of(cat: Catalog, collection: str, record_id: str) -> State | None:
    """What the translation of a record is in the catalog's language (stale, reviewed), or None
    in English and for a record without one."""
    return cat.states.get((collection, record_id)) if isinstance(cat, TranslatedCatalog) else None


def lang_of(cat: Catalog, collection: str, record_id: str, name: str) -> str | None:
    """'en' when this field of a translated catalog still shows the English (for lang="en"), else
    None. A collection or field the language's pages do not translate (yet) is English throughout."""
    if not isinstance(cat, TranslatedCatalog) or cat.language == DEFAULT_LANGUAGE:
        return None
    top = collection.split(".", 1)[0]
    if top not in APPLIED or name not in TRANSLATABLE.get(top, ()):
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE if name in cat.untranslated.get((collection, record_id), ()) else None


def original_lang(cat: Catalog) -> str | None:
    """'en' on a page in another language, for text that is never translated: a resource's title,
    publisher and aliases stay in their original language (here English), inside lang="en"."""
    if isinstance(cat, TranslatedCatalog) and cat.language != DEFAULT_LANGUAGE:
        return DEFAULT_LANGUAGE
    return None


def counts(cat: Catalog, report: Report) -> dict[str, tuple[int, int]]:
    """collection -> (fields translated, fields in English) for the closing counts and the worklist."""
    out = {}
    for collection, fields in TRANSLATABLE.items():
        names = [c for c in cat.by_id if c.startswith(f"{collection}.")] if collection in GROUPED else [collection]
        total = sum(1 for name in names for r in english_records(cat, name).values() for f in fields if has_words(f, r.get(f)))
        done = sum(1 for (c, _), rec in report.records.items() if c in names for f in fields if f in rec)
        out[collection] = (done, total)
    return out
