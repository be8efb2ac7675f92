"""The maintainers' page: worklists computed from the catalog and the last link report."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog import side_files, translations, urls
from pet_generator.catalog.dates import human_date, today
from pet_generator.catalog.link_evidence import KINDS
from pet_generator.catalog.link_report import matches_workflow_run
from pet_generator.catalog.loader import Catalog, load_side_file
from pet_generator.catalog.review import RANKS, REVIEWED_COLLECTIONS, dated_facts, docs_dir, fact_status, guidance_pages, queue
from pet_generator.site.components import for_catalog, render_component
from pet_generator.site.html import Context, block, safe_href
from pet_generator.site.render import when_text


def not_reviewed(cat: Catalog, ctx: Context) -> str:
    """The review queue (macros/pet_generator/catalog/review.py): everything overdue or never reviewed, ranked
    by what employers see most. Only a review in catalog/reviews.yaml, naming its person, takes
    an entry off it: the catalog never pretends a check happened."""
    items = queue(cat)
    pages = guidance_pages(docs_dir(cat))
    total = len(pages) + sum(len(cat.data.get(c, [])) for c in REVIEWED_COLLECTIONS)
    groups = []
    for rank, label in enumerate(RANKS):
        members = [i for i in items if i.rank == rank]
        if members:
            rows = [
                {
                    "name": i.name,
                    "key": i.key,
                    "id": i.key.partition(":")[2],
                    "overdue_since": human_date(i.due) if i.overdue and i.due else None,
                    "last": {"date": human_date(i.last.date), "by": i.last.by} if i.last else None,
                    "shown_on": list(i.shown_on or []),
                }
                for i in members
            ]
            groups.append({"label": label, "open": rank == 0 or None, "items": rows})
    return block(
        render_component(
            cat,
            "review-queue",
            due=len(items),
            total=total,
            date=human_date(today()),
            overdue=sum(1 for i in items if i.overdue),
            never=sum(1 for i in items if i.last is None and not i.overdue),
            groups=groups,
        )
    )


def review_dates(cat: Catalog, ctx: Context) -> str:
    """Facts that age (wages, billing codes, rules, projections), each with the date by which a
    person should check it again; overdue ones say so in words."""
    now = today()
    rows = []
    for collection, f in dated_facts(cat):
        due, overdue = fact_status(cat, collection, f, now)
        as_of = when_text(cat, f) if f.get("as_of") else None
        rows.append(
            {
                "id": f["id"],
                "name": f.get("label") or f.get("code") or f["id"],
                "as_of": as_of,
                "due": human_date(due) if due else "",
                "overdue": overdue,
            }
        )
    count = sum(1 for r in rows if r["overdue"])
    return block(render_component(cat, "dated-facts", items=rows, overdue_count=count, date=human_date(now)))


def link_pending(cat: Catalog, ctx: Context) -> str:
    pending = [{"id": r["id"], "title": r["title"], "href": ctx.resource(r["id"])} for r in cat["resources"] if not r.get("url")]
    return block(render_component(cat, "link-pending-list", items=pending, total=len(cat["resources"])))


def _load_report(cat: Catalog) -> dict[str, Any] | None:
    """The last link report, checked like the catalog (scripts/validate reports its errors)."""
    return load_side_file("link_report", side_files.link_report_path(cat.root))


def link_report(cat: Catalog, ctx: Context) -> str:
    report = _load_report(cat)
    shown = None
    if report is not None:
        rows = [  # the schema guarantees the shape and the types
            {"id": item["id"], "url": item["url"], "status": item["status"], "detail": item.get("detail") or item.get("new_url") or ""}
            for item in report["results"]
        ]
        shown = {"when": report.get("checked_at"), "confirmed": matches_workflow_run(report), "rows": rows}
    return block(render_component(cat, "link-report", report=shown))


def rights_notices(cat: Catalog, ctx: Context) -> str:
    items = [
        {"id": h["id"], "title": h["title"], "href": ctx.rel(urls.handout_page(h["id"])), "notice": h["rights"]["notice"]}
        for h in cat["handouts"]
        if h["rights"].get("notice")
    ]
    return block(render_component(cat, "rights-notices", items=items))


def _live_ok(report: dict[str, Any] | None) -> dict[str, str]:
    """URL -> when it last answered ok, from the last external link report, when that report is
    the link-check workflow's own run (link_report.py); a committed file alone proves nothing."""
    if not isinstance(report, dict) or not isinstance(report.get("results"), list) or not matches_workflow_run(report):
        return {}
    when = str(report.get("checked_at") or report.get("generated") or "")  # "": a report without its date
    return {str(r.get("url")): when for r in report["results"] if isinstance(r, dict) and r.get("status") == "ok"}


def _evidence_rows(cat: Catalog) -> list[tuple[str, dict[str, Any]]]:
    return [(name, e) for name in ("resources", "sources") for e in cat[name] if e.get("url")]


def link_evidence(cat: Catalog, ctx: Context) -> str:
    """Every URL in the catalog with the evidence that confirmed it. A URL confirmed only
    against a stored copy is flagged "never checked live" until it has worked live: set
    url_evidence.live_checked, or let the link-check workflow report it ok."""
    live = _live_ok(_load_report(cat))
    rows, kinds = [], dict.fromkeys(KINDS, 0)
    for collection, e in _evidence_rows(cat):
        evidence = e.get("url_evidence") or {}
        kind = evidence.get("kind", "none")
        kinds[kind] = kinds.get(kind, 0) + 1
        cited = evidence.get("source") if not evidence.get("page") else None
        rows.append(
            {
                "id": e["id"],
                "collection": collection,
                "name": e.get("title") or e["id"],
                "href": ctx.resource(e["id"]) if collection == "resources" else None,
                "url": e["url"],
                "url_href": safe_href(e["url"]),
                "kind": kind,
                "evidence": {
                    "page": evidence.get("page"),
                    "page_href": safe_href(evidence.get("page")),
                    "source": cited.get("source", "") if cited else None,
                    "locator": cited.get("locator") if cited else None,
                },
                "copy_checked": evidence.get("copy_checked"),
                "live": {"checked": evidence.get("live_checked"), "report": live.get(e["url"])},
                "publisher_status": (e.get("publisher_status") or {}).get("status"),
            }
        )
    never = sum(1 for r in rows if not r["live"]["checked"] and not r["live"]["report"])
    missing = kinds.pop("none", 0)
    counted = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    return block(
        render_component(
            cat, "link-evidence", rows=rows, count=len(rows), with_evidence=len(rows) - missing, without=missing, never=never, kinds=counted
        )
    )


PUBLISHER_STATUSES = ("dissolved", "renamed", "moved", "transferred", "enforced-by")  # worded by maintainers.publisher.<status>


def publisher_changes(cat: Catalog, ctx: Context) -> str:
    """Resources whose publisher dissolved, was renamed or moved its website (publisher_status)."""
    messages = for_catalog(cat).messages
    items = []
    for r in cat["resources"]:
        change = r.get("publisher_status")
        if not change:
            continue
        items.append(
            {
                "id": r["id"],
                "title": r["title"],
                "href": ctx.resource(r["id"]),
                "publisher": r.get("publisher", ""),
                "status": messages(f"maintainers.publisher.{change['status']}") if change["status"] in PUBLISHER_STATUSES else change["status"],
                "since": change.get("since"),
                "current_name": change.get("current_name"),
                "evidence": [{"url": u, "href": safe_href(u)} for u in change.get("evidence", []) if safe_href(u)],
            }
        )
    return block(render_component(cat, "publisher-changes", items=items))


def translation_worklist(cat: Catalog, ctx: Context) -> str:
    """Per language (ADR 0014): what is translated, what still shows English, and the
    translations whose English changed since (stale), each with its file."""
    docs = docs_dir(cat)
    english_pages = sorted(
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in (translations.FOLDER, "adr")
    )
    languages = []
    for language in translations.languages(cat.root):
        report = translations.check_language(cat, language, docs)
        languages.append(
            {
                "name": translations.NAMES.get(language, language),
                "code": language,
                "pages": sum(1 for c, _ in report.records if c == "page"),
                "written_pages": len(english_pages),
                "fields": [{"collection": c, "done": d, "total": t} for c, (d, t) in translations.counts(cat, report).items()],
                "stale": [{"what": what, "where": where} for what, where in report.stale],
                "errors": [str(e) for e in report.errors],
            }
        )
    return block(render_component(cat, "translation-worklist", languages=languages))


MACROS = {
    "translation_worklist": translation_worklist,
    "not_reviewed": not_reviewed,
    "review_dates": review_dates,
    "link_pending": link_pending,
    "link_report": link_report,
    "link_evidence": link_evidence,
    "publisher_changes": publisher_changes,
    "rights_notices": rights_notices,
}
