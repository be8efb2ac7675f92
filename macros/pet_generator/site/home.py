"""The home page's edition line: which edition this is, who publishes it, and when the catalog
last changed ("Last updated 30 November 2026"), so a reader sees at once how fresh it is."""

from __future__ import annotations

import datetime
from typing import Any

from pet_generator.catalog.dates import as_date, today
from pet_generator.catalog.loader import Catalog
from pet_generator.site.components import for_catalog, render_component
from pet_generator.site.html import Context

# Bookkeeping dates a change to an entry sets (catalog/schema: added, updated, reviewed).
CHANGE_FIELDS = ("added", "updated", "reviewed")


def last_updated(cat: Catalog) -> datetime.date | None:
    """The latest day any catalog entry was added, updated or reviewed, never after today
    (an edition in preparation may date entries ahead)."""
    now = today()
    days: list[datetime.date] = []
    for records in cat.data.values():
        for record in records if isinstance(records, list) else []:
            for key in CHANGE_FIELDS:
                value: Any = record.get(key) if isinstance(record, dict) else None
                if value:
                    day = as_date(value)
                    if day <= now:
                        days.append(day)
    released = cat["edition"].get("released")
    if released and as_date(released) <= now:
        days.append(as_date(released))
    return max(days, default=None)


def edition_line(cat: Catalog, ctx: Context) -> str:
    """The home page's edition line (components/edition-line)."""
    e = cat["edition"]
    day = last_updated(cat)
    updated = {"iso": day.isoformat(), "shown": for_catalog(cat).messages.date(day)} if day else None
    return render_component(cat, "edition-line", year=e["year"], publisher=e["publisher"], updated=updated)


MACROS = {"edition_line": edition_line}
