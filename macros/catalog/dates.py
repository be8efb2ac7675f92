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


def as_date(value: str | datetime.date) -> datetime.date:
    """An ISO date string (the catalog's form) or a date, as a date."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def human_date(value: str | datetime.date) -> str:
    """'12 March 2027': day without a leading zero, the month's name, the year."""
    day = as_date(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def human_month(value: str | datetime.date) -> str:
    """'March 2027', for figures the source dates by month."""
    day = as_date(value)
    return f"{MONTHS[day.month - 1]} {day.year}"
