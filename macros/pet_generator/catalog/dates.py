"""Dates for people and the build's idea of today: one style and one clock for every page,
export and check.

Pages write dates the way people read them ("12 March 2027", never "2027-03-12"). Checks that
compare with today (overdue facts, reviews dated in the future) ask `today()`, which the
environment variable PET_TODAY can set to an ISO date, so tests and a rebuilt old edition
see the same day every time.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def today() -> datetime.date:
    """The build's today: PET_TODAY (YYYY-MM-DD) when set, else the machine's local date."""
    override = os.environ.get("PET_TODAY", "").strip()
    if override:
        return datetime.date.fromisoformat(override)
    return datetime.date.today()


# A record of something done (a review, a link check) may be dated at most this far past the
# build's today: a person ahead of the build machine's time zone, or a build just after
# midnight, is not lying. Anything later claims a check that has not happened yet.
SLACK = datetime.timedelta(days=1)

# Fields whose date records a check a person or a tool made. A date after today in one of them
# would report a check that never happened and drop the entry from the worklists. (`added` and
# `updated` say when an entry changed, which an edition prepared ahead may date ahead.)
DONE_FIELDS = ("reviewed", "copy_checked", "live_checked")


def latest_done_date() -> datetime.date:
    """The latest day a review or check can honestly carry: today plus one day of slack."""
    return today() + SLACK


def from_the_future(value: object) -> bool:
    """True when `value` (an ISO date, or a timestamp starting with one) lies after today
    beyond the slack. Anything that is not a date is False: the schema reports its form."""
    if isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str):
        try:
            day = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return False
    else:
        return False
    return day > latest_done_date()


def future_problem(field: str, value: object) -> str | None:
    """The message for a done-date after today, or None: one wording for the catalog, the
    link report and the reviews."""
    if not from_the_future(value):
        return None
    return (
        f"'{field}' {str(value)[:40]!r} is after today ({today().isoformat()}): a review or check can only be dated "
        "the day it happened; write that date, or leave the field out until it has happened"
    )


def as_date(value: str | datetime.date) -> datetime.date:
    """An ISO date string (the catalog's form) or a date, as a date."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def human_date(value: str | datetime.date, months: Sequence[str] = MONTHS, pattern: str = "{day} {month} {year}") -> str:
    """'12 March 2027': day without a leading zero, the month's name, the year. Another
    language gives its month names and order (the site's messages date.*: "12 de marzo de 2027")."""
    day = as_date(value)
    return pattern.format(day=day.day, month=months[day.month - 1], year=day.year)


def human_month(value: str | datetime.date, months: Sequence[str] = MONTHS, pattern: str = "{month} {year}") -> str:
    """'March 2027', for figures the source dates by month ("marzo de 2027" in Spanish)."""
    day = as_date(value)
    return pattern.format(month=months[day.month - 1], year=day.year)


def as_of_date(text: str) -> tuple[str, datetime.date] | None:
    """When a figure was true, as the catalog writes it ("2018", "February 2025", "10 February
    2025"), as (precision, date): ("year", 2018-01-01), ("month", ...), ("day", ...); None for
    words ("an undated estimate"). Pages write the date in their language (Messages.date/.month)."""
    parts = text.split()
    try:
        if len(parts) == 1 and re.fullmatch(r"\d{4}", parts[0]):
            return "year", datetime.date(int(parts[0]), 1, 1)
        if len(parts) == 2 and parts[0] in MONTHS and re.fullmatch(r"\d{4}", parts[1]):
            return "month", datetime.date(int(parts[1]), MONTHS.index(parts[0]) + 1, 1)
        if len(parts) == 3 and re.fullmatch(r"\d{1,2}", parts[0]) and parts[1] in MONTHS and re.fullmatch(r"\d{4}", parts[2]):
            return "day", datetime.date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0]))
    except ValueError:  # 31 February 2025: not a date, so words
        return None
    return None
