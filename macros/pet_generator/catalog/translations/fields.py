"""What may be translated, and the hash that says which English a translation was made from."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from pet_generator.catalog.dates import as_of_date
from pet_generator.catalog.loader import Catalog

DEFAULT_LANGUAGE = "en"
FOLDER = "i18n"  # catalog/i18n/<language>/ and docs/i18n/<language>/

# What may be translated, per catalog file: the fields people read. Ids, dates, links and
# numbers are the English record's.
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "glossary": ("term", "definition", "background"),
    "sections": ("title", "summary"),
    # A resource's title stays in its original language (it is what people search for and cite).
    # Its findings are a structure: each group's list translated, its source (id, locator) not.
    "resources": ("summary", "findings"),
    # taxonomy.yaml's terms, in a file shaped like it ({vocabulary: [records]}): what the filters,
    # group headings and rows show. Descriptions are for maintainers and are not shown.
    "taxonomy": ("label",),
    # The resource list's facets (the schemas' x-facet), keyed by facet name: a filter's name and
    # the words before a row's line of labels ("Topics: ...").
    "facets": ("label", "lead"),
    # An editors' source_note says how they adapted the official text (shown beside it).
    "competencies": ("name", "summary", "highlights", "overview", "why_it_matters", "questions", "source_note"),
    # A handout's copy_heading names placeholders: not words.
    "handouts": ("title", "summary", "excerpt", "tick_means", "blocks", "placeholders", "rights", "key_for"),
    # A fact's words; its as_of only when it is words ("an undated estimate"): a date there is
    # written in the page's language from the messages (as_of_date), never translated by hand.
    "facts": ("label", "value", "as_of", "note", "description", "table"),
    "procedure_codes": ("name", "description"),
    "career_ladder": ("name",),
    "peer_types": ("name", "population", "lived_experience"),
    "roles": ("name", "description"),
    "settings": ("name", "description"),
    "supervisor_options": ("name", "requirements"),
    "scope": ("name", "description", "tasks"),
}
# A field that is a list or mapping (a handout's blocks, a competency's questions) is translated
# as a copy of the English structure: the same list lengths and keys, every piece of text in the
# page's language. These keys inside such a structure are not words: they stay the English record's.
NOT_WORDS = frozenset({"id", "kind", "url", "competency", "source", "locator", "lines", "page_break_before"})
# A handout's placeholder in its text ([[agency]]): a translation keeps each one.
SLOT = re.compile(r"\[\[([a-z0-9-]+)\]\]")
# Translation files shaped like their English file, a mapping of lists: the records of
# taxonomy.yaml's `topics` are the collection "taxonomy.topics" (as Catalog.by_id names them).
GROUPED = frozenset({"taxonomy"})
# The collections whose translations the pages show: their renderers mark a field that is still
# English with lang="en" (ADR 0014).
APPLIED = frozenset(
    {
        "glossary", "sections", "resources", "taxonomy", "facets", "competencies", "handouts", "facts", "procedure_codes",
        "career_ladder", "peer_types", "roles", "settings", "supervisor_options", "scope",
    }
)  # fmt: skip
TERMS_FILE = "terms.yaml"
METHODS = ("human", "machine", "machine-reviewed")
PROVENANCE = ("source_hash", "method", "translated_by", "reviewed_by", "reviewed_on")
REQUIRED = ("source_hash", "method", "translated_by")
# Markup never belongs in a translation: the site escapes it, so it would show as typed.
MARKUP = re.compile(r"<[A-Za-z/!]|\]\(|\{\{|\{%|\*\*|`")


def has_words(name: str, value: Any) -> bool:
    """Whether an English field holds words to translate: any value but None, except a date in
    `as_of`, which pages write in their own language (dates.as_of_date)."""
    if value is None:
        return False
    return not (name == "as_of" and isinstance(value, str) and as_of_date(value) is not None)


def english_hash(value: Any) -> str:
    """A short hash of the English a translation is made from: a record's translatable fields,
    or a page's bytes. A translation records it; when the English changes, it no longer matches."""
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:12]


def fields_of(collection: str) -> tuple[str, ...]:
    """The translatable fields of a collection ("taxonomy.topics" is taxonomy's)."""
    return TRANSLATABLE[collection.split(".", 1)[0]]


def record_hash(collection: str, record: dict[str, Any], carried: Iterable[str]) -> str:
    """The hash of the English a translation record was made from: the English values of the
    translatable fields that translation carries (`carried`: its keys), not of every
    translatable field. So a field made translatable later, or added to the English record
    later, leaves existing translations fresh (it shows in English, marked lang="en", until a
    translation carries it, which then records a new hash); only a change to English words a
    translation was made from makes it stale."""
    wanted = set(carried)
    return english_hash({f: record.get(f) for f in fields_of(collection) if f in wanted})


def english_records(cat: Catalog, collection: str) -> dict[str, dict[str, Any]]:
    """The English records a collection's translations are keyed to, by id. Facets are the
    schemas' (x-facet), by name; the rest are the catalog's (a vocabulary is "taxonomy.<name>")."""
    if collection == "facets":
        return {f.name: {"id": f.name, "label": f.label, "lead": f.lead or None} for f in cat.model.facets}
    return cat.by_id.get(collection, {})
