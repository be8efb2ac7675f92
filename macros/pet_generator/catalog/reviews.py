"""Reviews people made: catalog/reviews.yaml, one entry per review, newest last.

A review says that a named person checked a record (a resource, fact, glossary entry, ...)
or a guidance page (docs/) against its sources on a given day. `scripts/review` appends
entries (macros/pet_generator/tools/review.py); maintainers may also add them by hand in GitHub's web editor.
The file starts empty: nothing is reviewed until a person does it.

Each entry:

    - record: resources:peer-workforce-guide   # collection:id, or page:<docs path without .md>
      date: "2027-03-12"                       # the day of the review: not in the future,
                                               # not before the record was added
      by: Jane Doe                             # the person who reviewed it
      note: Checked the link and the summary.  # optional
      next_due: "2027-09-30"                   # optional: else date + the kind's interval

How long a review lasts is data: `review_intervals` in edition.yaml, in months per kind of
record (`pages`, `facts`, `resources`, ...) with a `default`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pet_generator.catalog.dates import as_date, future_problem

FILE = "reviews.yaml"
PAGE = "page"  # the "collection" of a guidance page: page:pay is docs/pay.md
DEFAULT_INTERVAL_MONTHS = 12
FIELDS = ("record", "date", "by", "note", "next_due")
KEY = _RECORD = re.compile(r"([a-z_]+):([a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A person's name: letters (any script), spaces, and the marks names use. No markup, no braces.
_NAME = re.compile(r"[^\W\d_][\w .,'’()-]*", re.UNICODE)
# Words that stand for no one: a review needs a person who can be asked about it.
NOT_A_PERSON = {
    "me", "myself", "someone", "somebody", "anyone", "anonymous", "unknown", "nobody", "none", "n/a", "na", "todo", "tbd",
    "test", "admin", "maintainer", "maintainers", "editor", "editors", "team", "staff", "bot", "robot", "ci", "github",
    "github-actions", "automation", "script", "system", "name", "your name", "jane doe", "john doe",
}  # fmt: skip
MAX_NOTE = 500
MAX_NAME = 100


def path(catalog_dir: Path) -> Path:
    return catalog_dir / FILE


def record_key(collection: str, record_id: str) -> str:
    return f"{collection}:{record_id}"


def page_key(docs_rel: str) -> str:
    """docs/pay.md -> page:pay; handouts/index.md -> page:handouts/index."""
    return f"{PAGE}:{docs_rel.removesuffix('.md')}"


def split_key(key: str) -> tuple[str, str]:
    collection, _, record_id = key.partition(":")
    return collection, record_id


@dataclass(frozen=True)
class Review:
    record: str
    date: str
    by: str
    note: str | None = None
    next_due: str | None = None


def reviews(data: dict[str, Any]) -> list[Review]:
    """The validated reviews of a loaded catalog, in file order."""
    return [Review(**{k: r.get(k) for k in FIELDS}) for r in data.get("reviews") or []]


def latest(data: dict[str, Any]) -> dict[str, Review]:
    """record key -> its most recent review (the later entry wins on the same day)."""
    out: dict[str, Review] = {}
    for review in reviews(data):
        if review.record not in out or review.date >= out[review.record].date:
            out[review.record] = review
    return out


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(d, day.day))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def interval_months(data: dict[str, Any], collection: str) -> int:
    intervals = (data.get("edition") or {}).get("review_intervals") or {}
    key = "pages" if collection == PAGE else collection
    return int(intervals.get(key, intervals.get("default", DEFAULT_INTERVAL_MONTHS)))


def next_due(data: dict[str, Any], review: Review) -> datetime.date:
    """When a reviewed record is due again: the review's own next_due, else its date plus the
    interval for its kind (edition.yaml review_intervals)."""
    if review.next_due:
        return as_date(review.next_due)
    return add_months(as_date(review.date), interval_months(data, split_key(review.record)[0]))


# ---------------------------------------------------------------- validation


@dataclass(frozen=True)
class Problem:
    at: tuple[Any, ...]  # path inside reviews.yaml, for its line and column
    message: str


def check(
    value: Any,
    records: Callable[[str, str], dict[str, Any] | None | bool],
) -> Iterator[Problem]:
    """Every broken rule of reviews.yaml. `records(collection, id)` gives the reviewed record
    (a dict, for its `added` date), True for a record without one (a page), or None if unknown.
    A date after today is refused with dates.future_problem's words (one day of slack for time zones)."""
    if value is None:  # only comments: no review yet
        return
    if not isinstance(value, list):
        yield Problem((), "reviews.yaml must be a list of reviews (each starting with '- record:'), or only comments while there are none")
        return
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            yield Problem((i,), "each review is a mapping with record, date and by; see the comment at the top of reviews.yaml")
            continue
        for extra in sorted(set(entry) - set(FIELDS)):
            yield Problem((i, extra, "<key>"), f"unknown field {extra!r}; a review has only: {', '.join(FIELDS)}")
        for required in ("record", "date", "by"):
            if entry.get(required) in (None, ""):
                yield Problem((i,), f"this review has no '{required}'; add it (" + {
                    "record": "which record or page: resources:ID, facts:ID, page:pay",
                    "date": 'the day of the review, "YYYY-MM-DD"',
                    "by": "the name of the person who reviewed it",
                }[required] + ")")  # fmt: skip
        record = entry.get("record")
        target: dict[str, Any] | None | bool = None
        if isinstance(record, str) and record:
            match = _RECORD.fullmatch(record)
            if not match:
                yield Problem((i, "record"), f"record {record[:80]!r} is not collection:id (resources:my-resource) or page:PATH (page:pay)")
            else:
                target = records(match.group(1), match.group(2))
                if target is None:
                    yield Problem(
                        (i, "record"), f"no record {record!r}: check the collection and the id (or the page's path under docs/, without .md)"
                    )
        elif record is not None and record != "":
            yield Problem((i, "record"), "record must be text such as resources:my-resource")
        by = entry.get("by")
        if isinstance(by, str) and by:
            yield from (Problem((i, "by"), m) for m in name_problems(by))
        elif by not in (None, ""):
            yield Problem((i, "by"), "by must be a person's name, as text")
        day = _date(entry.get("date"))
        if entry.get("date") not in (None, "") and day is None:
            yield Problem((i, "date"), 'date must be a real day written "YYYY-MM-DD" in quotes')
        if day is not None:
            if why := future_problem("date", entry.get("date")):
                yield Problem((i, "date"), why)
            added = _date(target.get("added")) if isinstance(target, dict) else None
            if added and day < added:
                yield Problem(
                    (i, "date"),
                    f"date {day.isoformat()} is before {record} was added to the catalog ({added.isoformat()}); a review cannot be older than its record",
                )
        due = _date(entry.get("next_due"))
        if entry.get("next_due") is not None and due is None:
            yield Problem((i, "next_due"), 'next_due must be a real day written "YYYY-MM-DD" in quotes, or left out')
        if due and day and due <= day:
            yield Problem((i, "next_due"), "next_due must come after the review's date; leave it out to use the usual interval")
        note = entry.get("note")
        if note is not None and (not isinstance(note, str) or not note.strip() or len(note) > MAX_NOTE or "\n" in note.strip()):
            yield Problem((i, "note"), f"note must be one line of text of at most {MAX_NOTE} characters, or left out")


def name_problems(name: str) -> list[str]:
    clean = " ".join(name.split())
    if len(clean) > MAX_NAME:
        return [f"by is too long ({len(clean)} characters; at most {MAX_NAME}): give the person's name"]
    if clean.casefold() in NOT_A_PERSON or len(clean) < 2:
        return [f"by {name!r} does not name a person; give the name of the person who did the review"]
    if not _NAME.fullmatch(clean):
        return [f"by {name[:60]!r} is not a name: use letters, spaces, hyphens, apostrophes and full stops only"]
    return []


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
