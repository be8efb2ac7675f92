"""Ids the site already uses, so no catalog entry may take them.

Entries of these collections become pages (/competencies/<id>/, /handouts/<id>/,
/resources/<id>/) or element ids on a page (#<id> on the resource list, the glossary, the
references, and wherever resources are listed). An id equal to a page the docs tree holds
(`index`), a folder the build writes (`handouts/pdf/`), a page's own heading (`#resources` on
/resources/, `#glossary`) or an element id the site's own macros write (`#highlights`) would
replace that page or duplicate that element id. The validator refuses them with the position.
"""

from __future__ import annotations

# Collections whose ids become page addresses or element ids.
WITH_PAGES_OR_ANCHORS = ("resources", "competencies", "handouts", "glossary", "sources")

_WHY = {
    "index": "the folder's own page (index.md)",
    "pdf": "the folder of the handouts' PDFs",
}
# The headings of the pages that list these collections (Material gives each heading an id
# from its words) and their folders' names.
PAGE_IDS = ("resources", "glossary", "references", "competencies", "handouts", "search", "downloads", "assets", "pagefind")
# Element ids the site's own macros write on pages that list catalog entries (macros/pet_generator/site/*;
# tests/test_hostile_round3.py checks this list against them).
SITE_ELEMENT_IDS = (
    "resources-listed", "resources-tagged", "highlights", "overview", "figures", "why-it-matters",
    "scoring", "fill-in", "results", "action-plan", "team", "assessment-questions", "discussion-points", "print-options", "start-here",
    "top",  # overrides/main.html: what "Back to top" leads to
    "not-found",  # overrides/404.html's heading
)  # fmt: skip

RESERVED = {**_WHY, **dict.fromkeys(PAGE_IDS, "a page or heading of the site"), **dict.fromkeys(SITE_ELEMENT_IDS, "a heading the site writes")}


def reserved_id_problem(collection: str, entity_id: object) -> str | None:
    """Why this id is taken in this collection, or None."""
    if collection not in WITH_PAGES_OR_ANCHORS or not isinstance(entity_id, str) or entity_id not in RESERVED:
        return None
    return (
        f"the id {entity_id!r} is already used by the site ({RESERVED[entity_id]}); choose another id, such as '{entity_id}-1' or a more specific one"
    )
