"""What a person still has to review, and when each record is due: one definition for the
maintainers' page, `scripts/review --due`, `scripts/new-edition`, `scripts/publish` and the tests.

A record or guidance page counts as reviewed only through a review in catalog/reviews.yaml
(macros/pet_generator/catalog/reviews.py), which names the person. A record is due again when its last
review's interval has passed; a dated fact (a record with `review_by`: wages, billing codes,
rules, projections) is due by that date until someone reviews it. The queue lists what is due
or never reviewed, ranked by what employers see most: dated facts shown on guidance pages,
then guidance pages, then resources, then everything else.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pet_generator.catalog import reviews
from pet_generator.catalog.dates import as_date, today
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.paths import GENERATOR_DOCS

# Every collection whose entries state facts a person can check against a source.
REVIEWED_COLLECTIONS = (
    "resources", "sources", "facts", "glossary", "competencies", "handouts", "sections",
    "scope", "procedure_codes", "supervisor_options", "peer_types", "roles", "settings",
    "career_ladder", "frameworks",
)  # fmt: skip
# Collections whose records may carry as_of/source/review_by: facts an employer acts on.
DATED_COLLECTIONS = ("facts", "procedure_codes")
RANKS = ("Dated facts shown on guidance pages", "Guidance pages", "Resources", "Other catalog entries")
_FACT_CALL = re.compile(r"\bfact(?:_table|_chart)?\(\s*['\"]([a-z0-9-]+)['\"]")
_PROCEDURE_CALL = re.compile(r"\bprocedure_codes\(")


def entry_name(entry: dict[str, Any]) -> str:
    return str(entry.get("title") or entry.get("name") or entry.get("label") or entry.get("term") or entry["id"])


def docs_dir(cat: Catalog) -> Path:
    """The guidance pages' folder: the catalog's sibling docs/, else the generator's."""
    mine = Path(cat.root).parent / "docs"
    return mine if mine.is_dir() else GENERATOR_DOCS


def _front_matter(text: str) -> str:
    if not text.startswith("---\n"):
        return ""
    return text[4:].split("\n---", 1)[0]


def guidance_pages(docs: Path) -> dict[str, str]:
    """docs-relative path -> source, for every page readers are meant to act on: maintainers'
    pages (front matter `search_exclude: true`) and the ADRs are left out."""
    out: dict[str, str] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith("adr/"):
            continue
        text = path.read_text("utf-8")
        if re.search(r"^search_exclude:\s*true\b", _front_matter(text), re.MULTILINE):
            continue
        out[rel] = text
    return out


def shown_dated(cat: Catalog, pages: dict[str, str]) -> dict[str, list[str]]:
    """record key -> the guidance pages that show it, for dated facts and billing codes (a
    competency page shows its competency's facts)."""
    shown: dict[str, list[str]] = {}
    for rel, text in pages.items():
        for fact_id in _FACT_CALL.findall(text):
            shown.setdefault(reviews.record_key("facts", fact_id), []).append(rel)
        if _PROCEDURE_CALL.search(text):
            for p in cat.data.get("procedure_codes", []):
                shown.setdefault(reviews.record_key("procedure_codes", p["id"]), []).append(rel)
    for c in cat.data.get("competencies", []):
        for fact_id in c.get("facts", []):
            shown.setdefault(reviews.record_key("facts", fact_id), []).append(f"competencies/{c['id']}.md")
    return {k: sorted(set(v)) for k, v in shown.items()}


def due_date(cat: Catalog, collection: str, record: dict[str, Any] | None, last: reviews.Review | None) -> datetime.date | None:
    """When the record is next due: after a review, the review's next_due or its date plus the
    interval; never reviewed, a dated fact's review_by (None for other records: they are due now)."""
    if last is not None:
        return reviews.next_due(cat.data, last)
    if record and collection in DATED_COLLECTIONS and record.get("review_by"):
        return as_date(record["review_by"])
    return None


def fact_status(cat: Catalog, collection: str, record: dict[str, Any], now: datetime.date | None = None) -> tuple[datetime.date | None, bool]:
    """(date by which the figure should be checked again, whether that date has passed)."""
    last = reviews.latest(cat.data).get(reviews.record_key(collection, record["id"]))
    due = due_date(cat, collection, record, last)
    return due, bool(due and due <= (now or today()))


@dataclass(frozen=True)
class QueueItem:
    key: str  # collection:id or page:path
    name: str
    rank: int  # index into RANKS
    last: reviews.Review | None
    due: datetime.date | None
    overdue: bool  # reviewed or dated, and past its date
    shown_on: tuple[str, ...] = ()

    @property
    def why(self) -> str:
        if self.overdue and self.due:
            return f"overdue since {self.due.isoformat()}" + (f" (last reviewed {self.last.date} by {self.last.by})" if self.last else "")
        return "never reviewed"


def queue(cat: Catalog, pages: dict[str, str] | None = None, now: datetime.date | None = None) -> list[QueueItem]:
    """Everything overdue or never reviewed, ranked: dated facts on guidance pages (overdue
    first), guidance pages, resources, then the rest; within a rank, overdue by date, then
    never reviewed in catalog order."""
    now = now or today()
    pages = guidance_pages(docs_dir(cat)) if pages is None else pages
    latest = reviews.latest(cat.data)
    shown = shown_dated(cat, pages)
    items: list[QueueItem] = []

    def consider(key: str, name: str, rank: int, collection: str, record: dict[str, Any] | None) -> None:
        last = latest.get(key)
        due = due_date(cat, collection, record, last)
        overdue = bool(due and due <= now)
        if last is None or overdue:
            items.append(QueueItem(key, name, rank, last, due, overdue, tuple(shown.get(key, ()))))

    for rel, text in pages.items():
        title = re.search(r"^# (.+)$", text, re.MULTILINE)
        consider(reviews.page_key(rel), title.group(1).strip() if title else rel, 1, reviews.PAGE, None)
    for collection in REVIEWED_COLLECTIONS:
        for e in cat.data.get(collection, []):
            key = reviews.record_key(collection, e["id"])
            rank = 0 if key in shown and e.get("review_by") else 2 if collection == "resources" else 3
            consider(key, entry_name(e), rank, collection, e)
    order = {item.key: i for i, item in enumerate(items)}
    return sorted(items, key=lambda it: (it.rank, not it.overdue, it.due or datetime.date.max, order[it.key]))


def dated_facts(cat: Catalog) -> list[tuple[str, dict[str, Any]]]:
    """(collection, record) for facts that age (those with a `review_by` date), soonest first."""
    found = [(c, r) for c in DATED_COLLECTIONS for r in cat.data.get(c, []) if r.get("review_by")]
    return sorted(found, key=lambda cr: (cr[1]["review_by"], cr[1]["id"]))
