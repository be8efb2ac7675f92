"""The maintainers' page: worklists computed from the catalog and the last link report."""

from __future__ import annotations

import json
from typing import Any

from . import urls
from .catalog import Catalog
from .html import Context, block, esc, tag

LINK_REPORT = ("reports", "external-links.json")


def _list(items: list[str], empty: str, indexed: bool = True) -> str:
    """`indexed=False` for worklists that grow with the catalog: kept out of the search index
    (at 10,000 resources one such list made a 900 KB search fragment; ADR 0004)."""
    if not items:
        return tag("p", esc(empty))
    return tag("ul", "".join(items), data_pagefind_ignore=None if indexed else "all")


def not_reviewed(cat: Catalog, ctx: Context) -> str:
    year = cat["edition"]["year"]
    rows = []
    for collection in ("resources", "competencies", "handouts", "facts"):
        for e in cat[collection]:
            reviewed = e.get("reviewed")
            if not reviewed or int(reviewed[:4]) < year:
                name = e.get("title") or e.get("name") or e.get("label") or e["id"]
                rows.append(tag("li", f"{esc(collection)}: {ctx.text(name)} ({esc(reviewed or 'never reviewed')})", data_id=e["id"]))
    return block(
        tag(
            "div",
            tag("p", esc(f"{len(rows)} entries not reviewed in the {year} cycle.")) + _list(rows, "Everything is reviewed.", indexed=False),
            class_="pet-not-reviewed",
        )
    )


def link_pending(cat: Catalog, ctx: Context) -> str:
    pending = [r for r in cat["resources"] if not r.get("url")]
    rows = [
        tag("li", tag("a", ctx.text(r["title"]), href=ctx.rel(urls.resource_anchor(r["id"]))) + f" ({tag('code', esc(r['id']))})", data_id=r["id"])
        for r in pending
    ]
    summary = tag("p", esc(f"{len(pending)} of {len(cat['resources'])} resources have no confirmed link."))
    return block(tag("div", summary + _list(rows, "Every resource has a link.", indexed=False), class_="pet-link-pending"))


def _load_report(cat: Catalog) -> dict[str, Any] | None:
    path = cat.root.joinpath(*LINK_REPORT)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def link_report(cat: Catalog, ctx: Context) -> str:
    report = _load_report(cat)
    if report is None:
        return block(tag("p", "No external link report yet. Run scripts/check-links --external to make one."))
    results = report.get("results", report if isinstance(report, list) else [])
    rows = []
    for item in results if isinstance(results, list) else []:
        if not isinstance(item, dict):
            continue
        status = str(item.get("status", "unknown"))
        cells = [esc(item.get("id", "")), esc(item.get("url", "")), tag("strong", esc(status)), esc(item.get("detail") or item.get("new_url") or "")]
        rows.append(tag("tr", "".join(tag("td", c) for c in cells)))
    when = report.get("checked_at") or report.get("generated") if isinstance(report, dict) else None
    head = tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in ("Resource", "URL", "Status", "Detail"))))
    caption = tag("caption", esc(f"External link report{f' ({when})' if when else ''}"))
    table = tag("table", caption + head + tag("tbody", "".join(rows)), data_pagefind_ignore="all")  # one row per checked URL
    return block(tag("div", table, class_="pet-table-wrap pet-link-report"))


def rights_notices(cat: Catalog, ctx: Context) -> str:
    rows = [
        tag("li", tag("a", ctx.text(h["title"]), href=ctx.rel(urls.handout_page(h["id"]))) + ": " + ctx.text(h["rights"]["notice"]), data_id=h["id"])
        for h in cat["handouts"]
        if h["rights"].get("notice")
    ]
    return block(_list(rows, "No handout carries a rights notice."))


MACROS = {"not_reviewed": not_reviewed, "link_pending": link_pending, "link_report": link_report, "rights_notices": rights_notices}
