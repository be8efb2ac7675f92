"""The review line people see at the end of a page: "Last reviewed 12 March 2027 by Ana Ruiz ·
Next review due 12 March 2028", or a quiet "Not yet reviewed" (the NHS service manual's pattern).

Only reviews in catalog/reviews.yaml count (macros/pet_generator/catalog/reviews.py): each names its person,
so the page never claims a check nobody made. Guidance pages also carry the review in their
structured data (schema.org WebPage lastReviewed and reviewedBy).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup
from pet_generator.catalog import reviews
from pet_generator.catalog.dates import today
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.review import dated_facts, fact_status
from pet_generator.site.components import for_catalog, render_component
from pet_generator.site.html import Context, block

_LATEST: dict[tuple[int, int], dict[str, reviews.Review]] = {}


def latest(cat: Catalog) -> dict[str, reviews.Review]:
    """record key -> last review, computed once per loaded catalog (10,000 resource pages ask)."""
    listed = cat.data.get("reviews") or []
    key = (id(listed), len(listed))
    if key not in _LATEST:
        _LATEST.clear()
        _LATEST[key] = reviews.latest(cat.data)
    return _LATEST[key]


def review_data(cat: Catalog, last: reviews.Review | None) -> dict[str, Any] | None:
    """The review-line component's `review`: the last review and when the next one is due."""
    if last is None:
        return None
    due = reviews.next_due(cat.data, last)
    shown = for_catalog(cat).messages.date  # in the page's language: "12 de marzo de 2027"
    return {
        "date": last.date,
        "date_shown": shown(last.date),
        "by": " ".join(last.by.split()),
        "due_shown": shown(due),
        "overdue": due <= today(),
    }


def review_paragraph(cat: Catalog, key: str, resource: bool = False) -> str:
    """The review line (components/review-line); `resource`: on a resource's page ("Reviewed ...")."""
    return render_component(cat, "review-line", review=review_data(cat, latest(cat).get(key)), resource=resource)


def json_ld(page_name: str | None, last: reviews.Review | None) -> str:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebPage"}
    if page_name:
        data["name"] = page_name
    if last:
        data["lastReviewed"] = last.date
        data["reviewedBy"] = {"@type": "Person", "name": " ".join(last.by.split())}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("{{", "{ {").replace("}}", "} }")


def page_review(cat: Catalog, ctx: Context, key: str) -> str:
    """The page macro the build appends to every guidance page (macros/pet_generator/pipeline/pages.py)."""
    return block(page_block(cat, key))


def page_block(cat: Catalog, key: str) -> str:
    """The review line and, once reviewed, the page's WebPage structured data (components/page-review)."""
    last = latest(cat).get(key)
    data = Markup(json_ld(None, last)) if last else None  # markup-safe: json_ld escapes <, > and &
    return render_component(cat, "page-review", key=key, review=review_data(cat, last), resource=False, json_ld=data)


def facts_status(cat: Catalog, ctx: Context) -> str:
    """For the About page: how many dated facts there are, how many are past their review date
    today, and, when an editor published with overdue facts, why (scripts/publish)."""
    dated = dated_facts(cat)
    late = [f for c, f in dated if fact_status(cat, c, f)[1]]
    date = for_catalog(cat).messages.date
    reason = cat["edition"].get("overdue_reason")
    why = None
    if reason:  # the editor's own words, in the language they wrote them (marked on a page in another language)
        lang = "en" if getattr(cat, "language", "en") != "en" else None
        why = {"date": date(reason["date"]), "by": " ".join(reason["by"].split()), "text": reason["reason"], "lang": lang}
    return block(render_component(cat, "facts-status", ctx=ctx, dated=len(dated), overdue=len(late), date=date(today()), reason=why))


MACROS = {"page_review": page_review, "facts_status": facts_status}
