"""The maintainers' page: worklists computed from the catalog and the last link report."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog import side_files, translations, urls
from pet_generator.catalog.dates import human_date, today
from pet_generator.catalog.link_evidence import KINDS
from pet_generator.catalog.link_report import matches_workflow_run
from pet_generator.catalog.loader import Catalog, load_side_file
from pet_generator.catalog.review import RANKS, REVIEWED_COLLECTIONS, dated_facts, docs_dir, fact_status, guidance_pages, queue
from pet_generator.site.html import Context, block, esc, safe_href, tag
from pet_generator.site.render import when_text


def _list(items: list[str], empty: str, indexed: bool = True) -> str:
    """`indexed=False` for worklists that grow with the catalog: kept out of the search index
    (at 10,000 resources one such list made a 900 KB search fragment; ADR 0004)."""
    if not items:
        return tag("p", esc(empty))
    return tag("ul", "".join(items), data_pagefind_ignore=None if indexed else "all")


def not_reviewed(cat: Catalog, ctx: Context) -> str:
    """The review queue (macros/pet_generator/catalog/review.py): everything overdue or never reviewed, ranked
    by what employers see most. Only a review in catalog/reviews.yaml, naming its person, takes
    an entry off it: the catalog never pretends a check happened."""
    items = queue(cat)
    never = sum(1 for i in items if i.last is None and not i.overdue)
    overdue = sum(1 for i in items if i.overdue)
    pages = guidance_pages(docs_dir(cat))
    total = len(pages) + sum(len(cat.data.get(c, [])) for c in REVIEWED_COLLECTIONS)
    summary = tag(
        "p",
        esc(
            f"{len(items)} of {total} records and guidance pages are in the review queue on {human_date(today())}: "
            f"{overdue} overdue, {never} never reviewed by anyone."
        ),  # fmt: skip
        class_="pet-review-count",
        data_due=len(items),
        data_never=never,
        data_overdue=overdue,
    )
    groups = []
    for rank, label in enumerate(RANKS):
        members = [i for i in items if i.rank == rank]
        if not members:
            continue
        rows = []
        for i in members:
            status = tag("strong", esc(f"overdue since {human_date(i.due)}")) if i.overdue and i.due else esc("never reviewed")
            last = esc(f"; last reviewed {human_date(i.last.date)} by {i.last.by}") if i.last else ""
            shown = esc(f"; shown on {', '.join(i.shown_on)}") if i.shown_on else ""
            rows.append(
                tag(
                    "li", f"{ctx.text(i.name)} ({tag('code', esc(i.key))}): {status}{last}{shown}", data_id=i.key.partition(":")[2], data_record=i.key
                )
            )
        heading = tag("summary", esc(f"{label}: {len(members)}"))
        groups.append(tag("details", heading + _list(rows, "", indexed=False), class_="pet-review-group", open=rank == 0 or None))
    empty = "" if items else tag("p", "Nothing is due: every record and page has a current review.")
    return block(tag("div", summary + "".join(groups) + empty, class_="pet-not-reviewed"))


def review_dates(cat: Catalog, ctx: Context) -> str:
    """Facts that age (wages, billing codes, rules, projections), each with the date by which a
    person should check it again; overdue ones say so in words."""
    now = today()
    rows = []
    for collection, f in dated_facts(cat):
        due, overdue = fact_status(cat, collection, f, now)
        when = human_date(due) if due else ""
        status = tag("strong", esc(f"overdue: due {when}")) if overdue else esc(f"due {when}")
        as_of = f" ({esc(when_text(f))})" if f.get("as_of") else ""
        name = f.get("label") or f.get("code") or f["id"]
        rows.append(tag("li", f"{ctx.text(name)}{as_of}: {status}", data_id=f["id"], data_overdue="true" if overdue else None))
    count = sum(1 for c, f in dated_facts(cat) if fact_status(cat, c, f, now)[1])
    summary = tag("p", esc(f"{len(rows)} dated facts; {count} past their review date on {human_date(now)}."), class_="pet-dated-count")
    return block(tag("div", summary + _list(rows, "No fact has a review date."), class_="pet-review-dates"))


def link_pending(cat: Catalog, ctx: Context) -> str:
    pending = [r for r in cat["resources"] if not r.get("url")]
    rows = [
        tag("li", tag("a", ctx.text(r["title"]), href=ctx.resource(r["id"])) + f" ({tag('code', esc(r['id']))})", data_id=r["id"]) for r in pending
    ]
    summary = tag("p", esc(f"{len(pending)} of {len(cat['resources'])} resources have no confirmed link."))
    return block(tag("div", summary + _list(rows, "Every resource has a link.", indexed=False), class_="pet-link-pending"))


def _load_report(cat: Catalog) -> dict[str, Any] | None:
    """The last link report, checked like the catalog (scripts/validate reports its errors)."""
    return load_side_file("link_report", side_files.link_report_path(cat.root))


def link_report(cat: Catalog, ctx: Context) -> str:
    report = _load_report(cat)
    if report is None:
        return block(tag("p", "No external link report yet. Run scripts/check-links --external to make one."))
    rows = []
    for item in report["results"]:  # the schema guarantees the shape and the types
        cells = [esc(item["id"]), esc(item["url"]), tag("strong", esc(item["status"])), esc(item.get("detail") or item.get("new_url") or "")]
        rows.append(tag("tr", "".join(tag("td", c) for c in cells)))
    when = report.get("checked_at")
    if not matches_workflow_run(report):
        when = f"{when or 'undated'}; not confirmed as the link-check workflow's own run, so no URL counts as checked live"
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


def _live_ok(report: dict[str, Any] | None) -> dict[str, str]:
    """URL -> when it last answered ok, from the last external link report, when that report is
    the link-check workflow's own run (link_report.py); a committed file alone proves nothing."""
    if not isinstance(report, dict) or not isinstance(report.get("results"), list) or not matches_workflow_run(report):
        return {}
    when = str(report.get("checked_at") or report.get("generated") or "the last report")
    return {str(r.get("url")): when for r in report["results"] if isinstance(r, dict) and r.get("status") == "ok"}


def _evidence_rows(cat: Catalog) -> list[tuple[str, dict[str, Any]]]:
    return [(name, e) for name in ("resources", "sources") for e in cat[name] if e.get("url")]


def link_evidence(cat: Catalog, ctx: Context) -> str:
    """Every URL in the catalog with the evidence that confirmed it. A URL confirmed only
    against a stored copy is flagged "never checked live" until it has worked live: set
    url_evidence.live_checked, or let the link-check workflow report it ok."""
    live = _live_ok(_load_report(cat))
    rows, kinds, never = [], dict.fromkeys(KINDS, 0), 0
    for collection, e in _evidence_rows(cat):
        evidence = e.get("url_evidence") or {}
        kind = evidence.get("kind", "none")
        kinds[kind] = kinds.get(kind, 0) + 1
        name = e.get("title") or e["id"]
        title = tag("a", ctx.text(name), href=ctx.resource(e["id"])) if collection == "resources" else ctx.text(name)
        where = evidence.get("page")
        if where:
            seen = tag("a", esc(where), href=safe_href(where)) if safe_href(where) else esc(where)
        elif evidence.get("source"):
            cited = evidence["source"]
            seen = "printed in " + tag("code", esc(cited.get("source", ""))) + (": " + ctx.text(cited["locator"]) if cited.get("locator") else "")
        else:
            seen = "no evidence"
        if evidence.get("live_checked"):
            status = esc(f"worked live on {evidence['live_checked']}")
        elif e["url"] in live:
            status = esc(f"ok in the link report of {live[e['url']]}; set live_checked")
        else:
            never += 1
            status = tag("strong", "never checked live")
        change = e.get("publisher_status")
        if change:
            status += esc(f"; publisher {change.get('status')}")
        copy = "<br>" + esc(f"stored copy checked {evidence['copy_checked']}") if evidence.get("copy_checked") else ""
        cells = [f"{esc(collection)}: {title}", tag("a", esc(e["url"]), href=safe_href(e["url"])), esc(kind) + "<br>" + seen + copy,
                 status]  # fmt: skip
        rows.append(tag("tr", "".join(tag("td", c) for c in cells), data_id=e["id"]))
    missing = kinds.pop("none", 0)
    counted = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    with_evidence = f"{len(rows) - missing} with evidence ({counted or 'none'})" + (f", {missing} without" if missing else "")
    summary = tag("p", esc(f"{len(rows)} URLs: {with_evidence}. {never} never checked live: "
                           "the link-check workflow confirms them; then set url_evidence.live_checked."))  # fmt: skip
    head = tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in ("Entry", "URL", "Evidence", "Live check"))))
    table = tag("table", tag("caption", "Every URL and its evidence") + head + tag("tbody", "".join(rows)), data_pagefind_ignore="all")
    return block(summary + tag("div", table, class_="pet-table-wrap pet-link-evidence"))


def publisher_changes(cat: Catalog, ctx: Context) -> str:
    """Resources whose publisher dissolved, was renamed or moved its website (publisher_status)."""
    rows = []
    for r in cat["resources"]:
        change = r.get("publisher_status")
        if not change:
            continue
        what = {
            "dissolved": "no longer exists",
            "renamed": "renamed",
            "moved": "moved its website",
            "transferred": "the resource has a new owner or host",
            "enforced-by": "the law's enforcing agency",
        }.get(change["status"], change["status"])
        words = f"{r.get('publisher', '')}: {what}" + (f" ({change['since']})" if change.get("since") else "")
        now = " Now: " + ctx.text(change["current_name"]) + "." if change.get("current_name") else ""
        proof = ", ".join(tag("a", esc(u), href=safe_href(u)) for u in change.get("evidence", []) if safe_href(u))
        link = tag("a", ctx.text(r["title"]), href=ctx.resource(r["id"]))
        rows.append(tag("li", f"{link}: {ctx.text(words)}.{now} Evidence: {proof}", data_id=r["id"]))
    return block(_list(rows, "No publisher has changed.", indexed=False))


def translation_worklist(cat: Catalog, ctx: Context) -> str:
    """Per language (ADR 0014): what is translated, what still shows English, and the
    translations whose English changed since (stale), each with its file."""
    docs = docs_dir(cat)
    out = []
    english_pages = sorted(
        p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in (translations.FOLDER, "adr")
    )
    for language in translations.languages(cat.root):
        report = translations.check_language(cat, language, docs)
        pages = [k for c, k in report.records if c == "page"]
        fields = translations.counts(cat, report)
        counted = "; ".join(f"{name}: {done} of {total} fields" for name, (done, total) in fields.items())
        summary = (
            f"{translations.NAMES.get(language, language)} ({language}): {len(pages)} of {len(english_pages)} written pages translated, "
            f"the other {len(english_pages) - len(pages)} and every page made from the catalog shown in English; {counted}; "
            f"{len(report.stale)} out of date."
        )
        items = [tag("li", esc(f"{what}: {where}")) for what, where in report.stale]
        errors = [tag("li", esc(str(e))) for e in report.errors]
        out.append(tag("p", esc(summary)) + _list(items + errors, "No translation is out of date.", indexed=False))
    return block("".join(out) or tag("p", esc("The site is in one language (no catalog/i18n/ folder).")))


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
