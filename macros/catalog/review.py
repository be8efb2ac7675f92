"""Which catalog entries a person still has to review: one definition for the maintainers'
page, scripts/new-edition and the tests.

An entry counts as reviewed in a cycle only when it carries a `reviewed` date in that
edition's year. No date means no person has checked it yet (never a placeholder date).
"""

from __future__ import annotations

from typing import Any

from macros.catalog.loader import Catalog

# Every collection whose entries state facts a person can check against a source.
REVIEWED_COLLECTIONS = (
    "resources", "sources", "facts", "glossary", "competencies", "handouts", "sections",
    "scope", "procedure_codes", "supervisor_options", "peer_types", "roles", "settings",
    "career_ladder", "frameworks",
)  # fmt: skip


def entry_name(entry: dict[str, Any]) -> str:
    return str(entry.get("title") or entry.get("name") or entry.get("label") or entry.get("term") or entry["id"])


def due_for_review(cat: Catalog, year: int | None = None) -> list[tuple[str, dict[str, Any], str | None]]:
    """(collection, entry, last reviewed date or None) for every entry not reviewed in `year`
    (default: the edition's year), in collection order then catalog order."""
    year = year or cat["edition"]["year"]
    due = []
    for collection in REVIEWED_COLLECTIONS:
        for entry in cat.data.get(collection, []):
            reviewed = entry.get("reviewed")
            if not reviewed or int(reviewed[:4]) < year:
                due.append((collection, entry, reviewed))
    return due


def dated_facts(cat: Catalog) -> list[dict[str, Any]]:
    """Facts that age (wages, projections, laws): those with a `review_by` date, soonest first."""
    return sorted((f for f in cat.data.get("facts", []) if f.get("review_by")), key=lambda f: (f["review_by"], f["id"]))
