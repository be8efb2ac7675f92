"""The resource list: one implementation, used on /resources/ and embedded pre-filtered."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from . import urls
from .catalog import Catalog
from .html import Context, block, esc, safe_href, tag


def matches(resource: dict[str, Any], **filters: str | None) -> bool:
    """The one definition of the facet filters, shared by the page and the tests."""
    for field, value in filters.items():
        if value is None:
            continue
        have = resource.get(field)
        if isinstance(have, list) and value not in have or not isinstance(have, list) and have != value:
            return False
    return True


def suggest_link_href(cat: Catalog, resource: dict[str, Any]) -> str:
    """A prefilled 'suggest a link' issue, or an e-mail when there is no repository."""
    edition = cat["edition"]
    title = f"Suggest a link: {resource['title']}"
    body = f"Resource id: {resource['id']}\nTitle: {resource['title']}\nProposed URL (the publisher's own page): \n"
    repo = safe_href(edition.get("repository"))
    if repo and repo.startswith("https://github.com/"):
        return f"{repo.rstrip('/')}/issues/new?template=broken-link.yml&title={quote(title)}&body={quote(body)}"
    return f"mailto:{edition['contact_email']}?subject={quote(title)}&body={quote(body)}"


def resource_item(cat: Catalog, ctx: Context, r: dict[str, Any]) -> str:
    href = safe_href(r.get("url"))
    title = ctx.text(r["title"])
    heading = tag("a", title, href=href, rel="noopener") if href else title
    if not href:
        heading += " " + tag("span", "link pending", class_="pet-pending") + " " + tag(
            "a", "suggest a link", href=suggest_link_href(cat, r), class_="pet-suggest", aria_label=f"Suggest a link for {r['title']}"
        )
    meta = []
    if r.get("publisher"):
        meta.append(tag("span", ctx.text(r["publisher"]), class_="pet-publisher"))
    meta.append(tag("span", esc(cat.get("taxonomy.types", r["type"])["label"]), class_="pet-type"))
    comps = [cat.get("competencies", c) for c in r.get("competencies", [])]
    body = tag("h3", heading + " " + tag("a", "#", href=f"#{r['id']}", class_="pet-permalink", aria_label=f"Permalink to {r['title']}"))
    body += tag("p", " · ".join(meta), class_="pet-meta")
    if r.get("summary"):
        body += tag("p", ctx.text(r["summary"]))
    if r.get("aliases"):
        body += tag("p", "Also cited as: " + "; ".join(ctx.text(a) for a in r["aliases"]), class_="pet-aliases")
    if comps:
        links = ", ".join(tag("a", ctx.text(c["name"]), href=ctx.rel(urls.competency_page(c["id"]))) if c["framework"] == "employer-competencies" else ctx.text(c["name"]) for c in comps)
        body += tag("p", "Supports: " + links, class_="pet-supports")
    if r.get("cited_in"):
        body += tag("p", "Cited in: " + ", ".join(esc(cat.get("sections", s)["title"]) for s in r["cited_in"]), class_="pet-cited")
    return tag("article", body, id=r["id"], class_="pet-resource", data_resource_id=r["id"],
               data_category=r["category"], data_type=r["type"], data_topics=" ".join(r.get("topics", [])),
               data_competencies=" ".join(r.get("competencies", [])), data_audience=" ".join(r.get("audience", [])))  # fmt: skip


def resource_table(cat: Catalog, ctx: Context, **filters: str | None) -> str:
    chosen = [r for r in cat["resources"] if matches(r, **filters)]
    groups = []
    for category in cat["taxonomy"]["categories"]:
        members = [r for r in chosen if r["category"] == category["id"]]
        if members:
            groups.append(tag("section", tag("h3", esc(category["label"]), class_="pet-category") + "".join(resource_item(cat, ctx, r) for r in members), data_category=category["id"]))
    count = tag("p", f"{len(chosen)} resource{'s' if len(chosen) != 1 else ''}", class_="pet-count", role="status")
    data_filters = {f"data_filter_{k}": v for k, v in filters.items() if v}
    return block(tag("div", count + "".join(groups), class_="pet-resource-table", **data_filters))


def resource_list(cat: Catalog, ctx: Context, section: str) -> str:
    """A short linked list of the resources the toolkit cites in one section."""
    lis = []
    for r in cat["resources"]:
        if section in r.get("cited_in", []):
            lis.append(tag("li", tag("a", ctx.text(r["title"]), href=ctx.rel(urls.resource_anchor(r["id"])))))
    return block(tag("ul", "".join(lis), class_="pet-resource-list")) if lis else ""


MACROS = {"resource_table": resource_table, "resource_list": resource_list}
