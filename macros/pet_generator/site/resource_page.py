"""A resource's own page, /resources/<id>/ (ADR 0009): everything the catalog knows about it.

Pure functions from one resource to escaped HTML, like the other renderers. The build writes
these pages itself, into the layout of one page the engine rendered (macros/pet_generator/pipeline/resource_pages.py),
so nothing here depends on the engine. Every catalog string passes through esc/ctx.text; the
JSON-LD is json.dumps output with <, > and & written as \\u escapes, so it can never end its
script element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup
from pet_generator.catalog import link_evidence, link_history, reviews, urls
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.model import resource_facets, term_mapping
from pet_generator.catalog.records import Resource
from pet_generator.catalog.translations import lang_of, original_lang
from pet_generator.site import review_line
from pet_generator.site.components import for_catalog, message, render_component
from pet_generator.site.html import Context, safe_href
from pet_generator.site.resource_table import label_lang, marked, marked_labels, pagefind_filters, suggest_link_href, web_search

# The value of the "section" search filter on resource pages: the nav title of /resources/.
SECTION = "Resources"
# The findings' groups, in order; their headings are the messages findings.<group>.
FINDING_GROUPS = ("principles", "practices", "policies", "implementation")
# A resource's schema.org type comes from the taxonomy (a term's `schema_org`); without one it is
# the most general kind of work.
SCHEMA_TYPE_DEFAULT = "CreativeWork"
# Properties of a creative work that an Organization does not have (schema.org).
NOT_FOR_ORGANIZATIONS = ("publisher", "datePublished", "audience")


def description(cat: Catalog, r: Resource) -> str:
    """The page's meta description: the summary's first 200 characters, cut at a word; without
    a summary, the message page.description, naming the toolkit by its edition's title."""
    text = " ".join((r.get("summary") or "").split())
    if not text:
        return message(cat, "page.description", toolkit=cat["edition"]["title"])
    return text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0] + "…"


def citation(cat: Catalog, r: Resource) -> str:
    """A plain-text reference to copy: Publisher. (Year). Title. Address. Without a publisher
    the title leads (APA's rule for a work with no author): Title. (Year). Address."""
    when = f"({r['year']})." if r.get("year") else "(n.d.)."
    title = r["title"].rstrip(".") + "."
    lead = [r["publisher"].rstrip(".") + ".", when, title] if r.get("publisher") else [title, when]
    parts = [*lead, safe_href(r.get("url")) or ""]
    return " ".join(" ".join(p.split()) for p in parts if p)


def _facet_links(cat: Catalog, ctx: Context, r: Resource, pages: Mapping[str, Collection[str]]) -> list[dict[str, Any]]:
    """Each facet's values, each a link: an entry with a page of its own (a competency) to that
    page, everything else to the list filtered to it (/resources/?topic=x)."""
    rows = []
    for facet, values in resource_facets(cat, r):  # the list's own facets (x-facet), in their order
        links = []
        for value, label in values:
            own = value in pages.get(facet.target, ())
            target = urls.entry_page(facet.target, value) if own else urls.resources_filtered(facet.name, value)
            links.append({"href": ctx.rel(target), "label": marked(label, label_lang(cat, facet.target, value))})
        if links:
            rows.append({"label": marked(facet.label, lang_of(cat, "facets", facet.name, "label")), "links": links})
    return rows


def _findings(cat: Catalog, ctx: Context, r: Resource) -> dict[str, Any] | None:
    findings = r.get("findings")
    if not findings:
        return None
    grouped: Mapping[str, Any] = findings  # read by group name, in FINDING_GROUPS' order
    source = cat.get("sources", findings["source"]["source"])
    return {
        "groups": [{"name": key, "items": grouped[key]} for key in FINDING_GROUPS if grouped.get(key)],
        "source_name": source.get("title") or source.get("citation"),
        "source_href": ctx.rel(urls.source_anchor(source["id"])),
        "locator": f", {findings['source']['locator']}" if findings["source"].get("locator") else "",
    }


def _cited_in(cat: Catalog, ctx: Context, r: Resource, places: Mapping[str, tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    out = []
    for s in (cat.get("sections", s) for s in r.get("cited_in", [])):
        # Where the section is now and its current name (resource_pages.section_places), else its page.
        target, name = (places or {}).get(s["id"], (s.get("page"), s["title"]))
        out.append({"href": ctx.rel(target), "name": name} if target else {"href": None, "name": s["title"]})
    return out


def _added_from(cat: Catalog, ctx: Context, r: Resource) -> dict[str, Any] | None:
    """A resource no section cites came from elsewhere: the page says where."""
    if r.get("cited_in"):
        return None
    source = cat.get("sources", r["source"]["source"])
    return {"name": source.get("title") or source.get("citation"), "href": ctx.rel(urls.source_anchor(source["id"]))}


def checks(cat: Catalog, r: Resource) -> dict[str, Any]:
    """What was actually checked (components/resource-checks), each with its date: a person's
    review, how the link was confirmed (a stored copy is not a live visit), a live check, the
    weekly automatic check, an archived copy, when it was added."""
    evidence: dict[str, Any] = dict(r.get("url_evidence") or {})
    known = r.get("url") and evidence.get("kind") in link_evidence.KINDS
    entry = _history(cat, r)
    answered = link_history.last_ok(entry)
    archived = link_history.archived_copy(entry)

    def shown(day: str | None) -> str | None:  # in the page's language: "7 de diciembre de 2026"
        return for_catalog(cat).messages.date(day) if day else None

    return {
        "review": review_line.review_data(cat, review_line.latest(cat).get(reviews.record_key("resources", r["id"]))),
        "evidence_kind": evidence["kind"] if known else None,
        "copy_checked_shown": shown(evidence.get("copy_checked")) if known else None,
        "live_checked_shown": shown(evidence.get("live_checked")) if r.get("url") else None,
        "answered_shown": shown(answered),
        "archived_shown": shown(archived[1]) if archived else None,
        "added_shown": shown(r.get("added")),
    }


def _history(cat: Catalog, r: Resource) -> dict[str, Any] | None:
    """This resource's link history (macros/pet_generator/catalog/link_history.py), if it was ever checked."""
    url = r.get("url")
    return link_history.load_cached(cat.root)["links"].get(url) if url else None


def archived(cat: Catalog, r: Resource) -> tuple[dict[str, str], dict[str, Any] | None]:
    """(Robust Links attributes for the publisher's link, the archived copy to offer) for a link
    broken twice a week apart or moved to another site. The publisher's address stays the link:
    only a person changes the catalog."""
    entry = _history(cat, r)
    copy = link_history.archived_copy(entry)
    if not copy:
        return {}, None
    snapshot, day = copy
    verdict, since, _ = link_history.state(entry)
    shown = for_catalog(cat).messages.date  # in the page's language
    broken_since = shown(since) if verdict == "broken" and since else None
    return {"data-versionurl": snapshot, "data-versiondate": day}, {
        "href": snapshot,
        "date": day,
        "date_shown": shown(day),
        "broken_since": broken_since,
    }


def json_ld(cat: Catalog, r: Resource, page_url: str | None) -> str:
    """schema.org data about the resource, as the text of a <script type="application/ld+json">."""
    kind = term_mapping(cat, r, "schema_org") or SCHEMA_TYPE_DEFAULT
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "name": r["title"]}
    if r.get("aliases"):
        data["alternateName"] = r["aliases"]
    if r.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": r["publisher"]}
    if r.get("year"):
        data["datePublished"] = str(r["year"])
    if safe_href(r.get("url")):
        data["url"] = r["url"]
        archived = link_history.archived_copy(_history(cat, r))
        if archived:
            data["archivedAt"] = archived[0]
    last = review_line.latest(cat).get(reviews.record_key("resources", r["id"]))
    if last:  # who checked the page, when (schema.org WebPage lastReviewed/reviewedBy)
        page: dict[str, Any] = {"@type": "WebPage", "lastReviewed": last.date, "reviewedBy": {"@type": "Person", "name": " ".join(last.by.split())}}
        data["mainEntityOfPage"] = {"@id": page_url, **page} if page_url else page
    elif page_url:
        data["mainEntityOfPage"] = page_url
    if r.get("summary"):
        data["description"] = " ".join(r["summary"].split())
    for facet, values in resource_facets(cat, r):  # x-facet json_ld: which property a facet fills
        labels = [label for _, label in values]
        if facet.json_ld == "keywords" and labels:
            data["keywords"] = [*data.get("keywords", []), *labels]
        elif facet.json_ld == "audience" and labels:
            data["audience"] = [*data.get("audience", []), *({"@type": "Audience", "audienceType": label} for label in labels)]
    if data["@type"] == "Organization":
        for key in NOT_FOR_ORGANIZATIONS:
            data.pop(key, None)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON allows these as \u escapes: no "</script", "<!--" or entity can appear in the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _kind(cat: Catalog, r: Resource) -> Any:
    """The labels a row shows after publisher and year (the type), each marked where still English."""
    labels = [label for f in cat.model.row_facets("meta") for label in marked_labels(cat, r, f)]
    return Markup(", ").join(labels) if any(isinstance(label, Markup) for label in labels) else ", ".join(labels)


def resource_page_body(
    cat: Catalog,
    ctx: Context,
    r: Resource,
    pages: Mapping[str, Collection[str]],
    site_url: str | None = None,
    places: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The page's main content after its <h1> (the layout holds the title). Search indexes the
    title, the publisher line, aliases, summary and findings; links and navigation (facets,
    citing sections, citation, review) stay out, so a resource's search text stays short,
    as its search record's was (ADR 0005), and ranks after guidance pages. `pages`: for a
    collection, the ids of its entries with a page of their own (<collection>/<id>/)."""
    href = safe_href(r.get("url"))
    robust, copy = archived(cat, r) if href else ({}, None)
    page_url = f"{site_url.rstrip('/')}/{urls.resource_page(r['id'])}" if site_url else None
    summary = [p.strip() for p in re.split(r"\n\s*\n", r.get("summary") or "") if p.strip()]
    data: dict[str, Any] = {
        "ctx": ctx, "id": r["id"], "publisher": r.get("publisher"), "publisher_status": r.get("publisher_status"), "year": r.get("year"),
        "kind": _kind(cat, r),
        "link": {"href": href, "host": (urlsplit(href).hostname or href) if href else None, "robust": robust, "archived": copy,
                 "web_search": None if href else web_search(cat, r), "suggest_href": None if href else suggest_link_href(cat)},
        "aliases": r.get("aliases") or [], "summary": summary, "findings": _findings(cat, ctx, r), "facets": _facet_links(cat, ctx, r, pages),
        "cited_in": _cited_in(cat, ctx, r, places), "added_from": _added_from(cat, ctx, r), "citation": citation(cat, r), "checks": checks(cat, r),
        "back_href": ctx.rel(urls.resource_anchor(r["id"])), "search_filters": [f"{n}:{v}" for n, values in pagefind_filters(cat, r).items() for v in values],
        "json_ld": Markup(json_ld(cat, r, page_url)),  # generator-made JSON: <, > and & are \u escapes
        # In another language: what stays in its original language (title, publisher, aliases, the
        # citation, sources' names) and what is not translated yet (summary, findings) is lang="en".
        "english": original_lang(cat), "summary_lang": lang_of(cat, "resources", r["id"], "summary"),
        "findings_lang": lang_of(cat, "resources", r["id"], "findings"),
    }  # fmt: skip
    return render_component(cat, "resource-page", **data)
