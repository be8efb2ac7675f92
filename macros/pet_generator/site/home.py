"""The home page's edition line: which edition this is, who publishes it, and when the catalog
last changed ("Last updated 30 November 2026"), so a reader sees at once how fresh it is."""

from __future__ import annotations

import datetime
from typing import Any

from markupsafe import Markup
from pet_generator.catalog.dates import as_date, today
from pet_generator.catalog.loader import Catalog
from pet_generator.site.components import for_catalog
from pet_generator.site.html import Context, esc, tag

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
    e = cat["edition"]
    words = for_catalog(cat)
    parts = [esc(words.messages("home.edition", year=e["year"], publisher=e["publisher"]))]
    day = last_updated(cat)
    if day:
        when = Markup(tag("time", esc(words.messages.date(day)), datetime=day.isoformat()))
        parts.append(str(words.message_html("home.updated", date=when)))
    return tag("p", " · ".join(parts), class_="pet-edition-line")


MACROS = {"edition_line": edition_line}
