"""The resource list: one implementation, used on /resources/ and embedded pre-filtered.

The server renders every resource as a compact row grouped by category: that is the list
without JavaScript, the text Pagefind indexes, and the data docs/assets/resources.js filters
(it reads the rows' data-* attributes; there is no second copy of the data). ADR 0003.

The facets (which filters, their names, labels and order, which one groups the list and which
a row shows) come from the schemas (x-facet, macros/pet_generator/catalog/model.py); the page tells
resources.js their names (the table's data-facets), so the script holds no list of its own, and
this module names none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.model import Facet, Model, facet_values, load_model, resource_facets, term_label
from pet_generator.catalog.records import Resource
from pet_generator.catalog.translations import lang_of, original_lang
from pet_generator.site.components import for_catalog, message, render_component
from pet_generator.site.html import Context, block, esc, safe_href

# Above this many rows a table renders lean rows (ADR 0003: the 10,000-resource budget).
FULL_ROWS_LIMIT = 2000
# The orders besides the first (the list's own: by the grouping facet, or as the catalog lists);
# their words are the messages sort.<value>.
SORTS = ("title", "year")


def sorts(cat: Catalog) -> list[tuple[str, str]]:
    """The sort options, the list's own order first: its value is what resources.js restores."""
    group = cat.model.group_facet
    first = (
        (group.name, message(cat, "sort.group", facet=f"{group.label[:1].lower()}{group.label[1:]}"))
        if group
        else ("list", message(cat, "sort.list"))
    )
    return [first, *((value, message(cat, f"sort.{value}")) for value in SORTS)]


Wanted = str | Iterable[str] | None


def _wanted(value: Wanted) -> set[str]:
    if value is None:
        return set()
    return {value} if isinstance(value, str) else set(value)


def _row_labels(cat: Catalog, resource: Mapping[str, Any], facet: Facet) -> list[str]:
    return [term_label(cat.get(facet.target, v)) for v in facet_values(resource, facet)]


def label_lang(cat: Catalog, target: str, value: str) -> str | None:
    """'en' when a vocabulary term's or an entry's label still shows the English in a translated
    catalog (a term's `label`, an entry's `name` or `title`), else None."""
    term = cat.get(target, value)
    return lang_of(cat, target, value, "label" if term.get("label") else ("name" if term.get("name") else "title"))


def marked(text: Any, lang: str | None, ctx: Context | None = None) -> Any:
    """Text as a template prints it: as it is, or, still English on a page in another language,
    as generator markup in <span lang="en"> (escaped here, abbreviations explained with `ctx`)."""
    if not lang:
        return text
    return Markup(f'<span lang="{lang}">{ctx.text(text) if ctx else esc(text)}</span>')


def marked_labels(cat: Catalog, resource: Mapping[str, Any], facet: Facet, ctx: Context | None = None) -> list[Any]:
    """A row's labels of one facet, each marked lang="en" where it is still English."""
    return [marked(term_label(cat.get(facet.target, v)), label_lang(cat, facet.target, v), ctx) for v in facet_values(resource, facet)]


def _text_facets(model: Model) -> list[Facet]:
    """The facets whose labels a row shows, and so the free-text filter looks in."""
    return [*model.row_facets("meta"), *model.row_facets("line")]


def groups(cat: Catalog, rows: list[Any]) -> list[tuple[str | None, str | None, list[Any]]]:
    """The list's groups, (value id, label, rows), in the grouping facet's vocabulary order;
    rows without a value come last, under no heading, as do all rows when no facet groups."""
    group = cat.model.group_facet
    if group is None:
        return [(None, None, rows)] if rows else []
    out = []
    for value, term in cat.by_id[group.target].items():
        members = [r for r in rows if value in facet_values(r, group)]
        if members:
            out.append((value, marked(term_label(term), label_lang(cat, group.target, value)), members))
    rest = [r for r in rows if not facet_values(r, group)]
    return out + ([(None, None, rest)] if rest else [])


def search_text(resource: Resource, cat: Catalog) -> str:
    """What the free-text filter looks in: every field a row shows except its navigation
    (title, aliases, publisher, year, summary, and the labels of the row's facets: type,
    topics and competencies). resources.js reads the same from the row."""
    parts = [resource["title"], *resource.get("aliases", []), resource.get("publisher") or "", str(resource.get("year") or ""),
             resource.get("summary") or "", *(label for f in _text_facets(cat.model) for label in _row_labels(cat, resource, f))]  # fmt: skip
    return "\n".join(parts).lower()


def matches(resource: Resource, q: str | None = None, cat: Catalog | None = None, **facets: Wanted) -> bool:
    """The one definition of the filters, shared by the pages, resources.js and the tests.

    Facets are given by URL name (competency=...) or field name (competencies=...). Several
    values of one facet mean any of them; different facets and the words of `q` must all
    match, each word anywhere in search_text() (case-insensitive substrings; needs `cat`).
    """
    model = (cat.model if cat is not None else load_model()) if facets else None
    for name, value in facets.items():
        wanted = _wanted(value)
        if not wanted:
            continue
        assert model is not None
        try:
            facet = model.facet(name)
        except KeyError:
            raise TypeError(f"unknown resource filter '{name}'; use one of {', '.join(f.name for f in model.facets)}") from None
        if not set(facet_values(resource, facet)) & wanted:
            return False
    if q:
        if cat is None:
            raise TypeError("matching text needs the catalog (cat=...) for the labels rows show")
        text = search_text(resource, cat)
        return all(word in text for word in q.lower().split())
    return True


def suggest_link_href(cat: Catalog) -> str:
    """The page's one 'suggest a link' link: the prefilled broken-link issue form when the
    edition names a GitHub repository, otherwise an e-mail to the edition's contact."""
    edition = cat["edition"]
    repo = safe_href(edition.get("repository"))
    if repo and repo.startswith("https://github.com/"):
        return f"{repo.rstrip('/')}/issues/new?template=broken-link.yml&title=Link:+&problem=link+pending"
    return f"mailto:{edition['contact_email']}?subject={quote(message(cat, 'link.suggest_subject'))}"


def web_search_href(cat: Catalog, resource: Resource) -> str | None:
    """'Search the web for this title': the edition's search address (edition.web_search.url,
    a prefix the query is appended to) with the title and publisher, or None when unset."""
    prefix = safe_href((cat["edition"].get("web_search") or {}).get("url"))
    if not prefix:
        return None
    query = " ".join(" ".join(filter(None, [resource["title"], resource.get("publisher")])).split())
    return prefix + quote(query, safe="")  # resources.js encodes lean rows' titles the same way


def web_search(cat: Catalog, r: Resource) -> dict[str, str] | None:
    """The link-pending component's `web_search`: {href, name}, or None when the edition names none."""
    href = web_search_href(cat, r)
    return {"href": href, "name": cat["edition"]["web_search"]["name"]} if href else None


def link_pending(cat: Catalog, r: Resource, lean: bool = False) -> str:
    """ "link pending" and, when the edition names a web search, a search for the title: the
    same on a row and on the resource's own page (lean rows get the search from resources.js)."""
    return render_component(cat, "link-pending", web_search=None if lean else web_search(cat, r))


def outbound_link(cat: Catalog, href: str, main: bool = False, robust: Mapping[str, str] | None = None) -> str:
    """The resource's address as a link of its own (the title leads to its page): in a row,
    "Online at <host>" (a link within text); on the resource's page, its main action."""
    return render_component(cat, "outbound-link", href=href, host=urlsplit(href).hostname or href, main=main, robust=robust)


def publisher_status_note(cat: Catalog, ctx: Context, r: Resource) -> str:
    """The note after the publisher's name, from publisher_status (components/publisher-status)."""
    return render_component(cat, "publisher-status", ctx=ctx, publisher_status=r.get("publisher_status"))


def resource_item(cat: Catalog, ctx: Context, r: Resource, level: int = 3, lean: bool = False) -> str:
    """One compact row (components/resource-row): title, publisher · year · type, summary, and
    for a link-pending resource a web search for its title. Every piece of catalog text is
    escaped by the template.

    `lean` rows (catalogs above FULL_ROWS_LIMIT) keep the title, link, "link pending", publisher
    and aliases; they leave out the facet attributes, the year and type, the summary, the topics
    and competencies lines and the web-search link, which resources.js rebuilds (all but the
    summary) from lean_data(), and the citations (ADR 0003).
    """
    href = safe_href(r.get("url"))
    # The title leads to the resource's own page (ADR 0009); its address is a link of its own.
    page = ctx.resource(r["id"])
    # On /resources/ itself "<id>/" is enough: 13 bytes less per row, which counts at 10,000 rows.
    if ctx.page_url == "resources/" and page.startswith("../resources/"):
        page = page.removeprefix("../resources/")
    data: dict[str, Any] = {
        "ctx": ctx, "level": level, "id": r["id"], "page": page, "title": r["title"], "lean": lean,
        "publisher": r.get("publisher"), "publisher_status": r.get("publisher_status"),
        "href": href, "host": (urlsplit(href).hostname or href) if href else None,
        "web_search": None if lean or href else web_search(cat, r), "aliases": r.get("aliases") or [],
        "meta": [], "summary": None, "lines": [], "cited_in": [], "attributes": {},
        # In another language: titles, publishers and aliases stay in their original language
        # (lang="en"), as does a summary not translated yet (summary_lang).
        "english": original_lang(cat), "summary_lang": None,
    }  # fmt: skip
    if not lean:
        data["meta"] = [
            *([r["year"]] if r.get("year") else []),
            *(label for f in cat.model.row_facets("meta") for label in marked_labels(cat, r, f)),
        ]
        data["summary"] = " ".join(r["summary"].split()) if r.get("summary") else None
        data["summary_lang"] = lang_of(cat, "resources", r["id"], "summary")
        for facet in cat.model.row_facets("line"):
            labels = marked_labels(cat, r, facet, ctx)
            if labels:  # navigational lists stay out of the search index (they would match every query)
                lead_lang = lang_of(cat, "facets", facet.name, "lead")
                text: Any = f"{facet.lead}: " + ", ".join(labels)
                if lead_lang or any(isinstance(label, Markup) for label in labels):  # some words still English: markup, each piece escaped
                    pieces = (label if isinstance(label, Markup) else ctx.text(label) for label in labels)
                    text = Markup(f"{marked(facet.lead, lead_lang, ctx) if lead_lang else ctx.text(facet.lead)}: " + ", ".join(pieces))
                data["lines"].append({"name": facet.name, "text": text, "navigation": facet.navigation})
        data["cited_in"] = [marked(cat.get("sections", s)["title"], lang_of(cat, "sections", s, "title")) for s in r.get("cited_in") or []]
        # data-resource-id too comes from resources.js on lean rows (the heading's id): ADR 0003
        data["attributes"] = {
            "data-resource-id": r["id"],
            **{f"data-{f.name}": " ".join(facet_values(r, f)) for f in cat.model.facets},
            "data-year": r.get("year"),
        }
    return render_component(cat, "resource-row", **data)


def lean_data(cat: Catalog, rows: list[dict[str, Any]]) -> str:
    """What lean rows leave out, as plain JSON (ADR 0003) that resources.js reads as it is:
    `values` holds each facet's vocabulary (value ids, in order) and the years; `rows` holds a
    column per facet and one for the year, an entry per row in page order: an index into
    `values`, a list of them, or null. `labels` are the labels of the facets a row shows
    (those of `meta` after the year, one line per entry of `lines`, which also feed the text
    filter)."""
    order = [r for _, _, members in groups(cat, rows) for r in members]
    values: dict[str, list[Any]] = {}
    columns: dict[str, list[Any]] = {}
    for facet in cat.model.facets:
        values[facet.name] = [i for i, _ in _facet_options(cat, facet, rows)]
        index = {v: n for n, v in enumerate(values[facet.name])}
        cells = ([index[v] for v in facet_values(r, facet)] for r in order)
        columns[facet.name] = [c if facet.many else (c[0] if c else None) for c in cells]
    values["year"] = sorted({r["year"] for r in rows if r.get("year")})
    years = {y: n for n, y in enumerate(values["year"])}
    columns["year"] = [years.get(r.get("year")) for r in order]
    labels = {f.name: [label for _, label in _facet_options(cat, f, rows)] for f in _text_facets(cat.model)}
    web_search = cat["edition"].get("web_search") or {}
    data = {"values": values, "rows": columns, "labels": labels, "meta": [f.name for f in cat.model.row_facets("meta")],
            "lines": [[f.name, f"{f.lead}: "] for f in cat.model.row_facets("line")],
            "search": safe_href(web_search.get("url")) or "", "search_name": web_search.get("name", "")}  # fmt: skip
    return json_island(data)


# The words resources.js shows (filtering, sharing, a lean row's web-search link): sent with each
# list as JSON (#pet-words-<key>), read with pet.messages(); never literals in the script.
SCRIPT_MESSAGES = ("resources.count", "list.showing", "list.showing_for", "list.filter", "list.or", "list.filter_words", "list.chosen",
                   "list.copy_field", "list.copy_refused", "list.copied", "link.web_search", "link.leaves_site_named")  # fmt: skip


def script_words(cat: Catalog) -> Markup:
    messages = for_catalog(cat).messages.messages
    return Markup(json_island({k: messages[k] for k in SCRIPT_MESSAGES}))


def json_island(data: Any) -> str:
    """JSON for a <script type="application/json"> element: no "<" at all, so catalog text can
    never end the element (or open a comment); the site scan checks it."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")


def _facet_options(cat: Catalog, facet: Facet, rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(id, label) of the values that occur in these rows, in the vocabulary's order."""
    present: set[str] = set()
    for r in rows:
        present.update(facet_values(r, facet))
    return [(i, term_label(term)) for i, term in cat.by_id[facet.target].items() if i in present]


def _filters_form(cat: Catalog, rows: list[dict[str, Any]], fixed: set[str], key: str) -> str:
    """The filter controls (components/list-filters): every facet not fixed with two values or more."""
    facets = []
    for facet in cat.model.facets:
        options = _facet_options(cat, facet, rows) if facet.name not in fixed else []
        if len(options) >= 2:
            label = marked(facet.label, lang_of(cat, "facets", facet.name, "label"))
            facets.append(
                {
                    "name": facet.name,
                    "label": label,
                    "options": [{"id": i, "label": marked(text, label_lang(cat, facet.target, i))} for i, text in options],
                }
            )
    choices = [{"value": value, "label": label} for value, label in sorts(cat)]
    return render_component(cat, "list-filters", key=key, facets=facets, sorts=choices)


def pagefind_filter_value(label: str) -> str:
    """How a facet value is spelled as a Pagefind filter, on pages and on search records alike
    (macros/pet_generator/pipeline/search_index.py): a comma would split it in the attribute, and Pagefind collapses
    whitespace, so both are normalised here and a value appears once in the filter list."""
    return " ".join(label.replace(",", " ").split())


def pagefind_filters(cat: Catalog, r: Mapping[str, Any]) -> dict[str, list[str]]:
    """One resource's search filters, {facet name: [value, ...]}: the facets the schemas offer
    on the search page (x-facet search_order), by label, spelled as Pagefind filter values.
    Its search record uses it (macros/pet_generator/pipeline/search_index.py), and so can a page of its own."""
    return {
        facet.name: [pagefind_filter_value(label) for _, label in values]
        for facet, values in resource_facets(cat, r)
        if facet.search_order is not None
    }


def _pagefind_filters(cat: Catalog, rows: list[dict[str, Any]], fixed: dict[str, set[str]]) -> str:
    """Page-level Pagefind filters (Pagefind filters pages, not parts of pages): the types and
    topics listed here, and the competencies (only the chosen one on an embedded table)."""
    filters = []
    for facet in cat.model.search_facets:
        options = _facet_options(cat, facet, rows)
        if facet.name in fixed:
            options = [o for o in options if o[0] in fixed[facet.name]]
        filters += [f"{facet.name}:{pagefind_filter_value(label)}" for _, label in options]
    return render_component(cat, "pagefind-filters", filters=filters)


def page_filters(cat: Catalog, rows: list[dict[str, Any]], fixed: dict[str, set[str]]) -> str:
    """The page-level Pagefind filters of a page that lists `rows` without a filterable table."""
    return _pagefind_filters(cat, rows, fixed)


def resource_table(cat: Catalog, ctx: Context, level: int | None = None, key: str = "pet-filter", **filters: Wanted) -> str:
    """The filterable list, optionally pre-filtered (competency=..., topic=..., ...).

    `level` is the heading level of the category headings (2 on /resources/, 3 when
    embedded under a section heading); `key` prefixes the control ids (one table per key).
    """
    fixed = {cat.model.facet(k).name: _wanted(v) for k, v in filters.items() if _wanted(v)}
    chosen = [r for r in cat["resources"] if matches(r, cat=cat, **filters)]  # type: ignore[arg-type]  # facet names only, never q
    level = level or (3 if fixed else 2)
    lean = len(chosen) > FULL_ROWS_LIMIT
    sections = []
    group = cat.model.group_facet
    for value, label, members in groups(cat, chosen):
        head = None
        if group:  # rows without a value are "Other resources" ("--": never in an id)
            words = label if isinstance(label, Markup) else label or message(cat, "list.other_resources")
            head = {"level": level, "id": f"{key}-{group.name}-{value or '-other'}", "words": words}
        row_level = level + 1 if head else level  # no heading to sit under: no level skipped
        rows = Markup("".join(resource_item(cat, ctx, r, row_level, lean) for r in members))
        sections.append({"head": head, "data": {f"data-{group.name}": value} if group and value else {}, "rows": rows})
    pending = sum(1 for r in chosen if not safe_href(r.get("url")))
    suggest = suggest_link_href(cat)
    notes = render_component(cat, "list-notes", pending=pending, total=len(chosen), web_search=bool(cat["edition"].get("web_search")),
                             suggest_href=suggest, suggest_on_github="github.com/" in suggest)  # fmt: skip
    count = render_component(cat, "list-count", key=key, count=len(chosen), share=key == "pet-filter", words=script_words(cat))
    return block(
        render_component(
            cat,
            "resource-table",
            key=key,
            facets=" ".join(f.name for f in cat.model.facets),
            notes=Markup(notes),
            form=Markup(_filters_form(cat, chosen, set(fixed), key)),
            count=Markup(count),
            groups=sections,
            filters=Markup(_pagefind_filters(cat, chosen, fixed)),
            lean=Markup(lean_data(cat, chosen)) if lean else None,  # JSON without "<" (json_island)
            # Only pages with a list load the script; with two lists it runs once (see resources.js).
            script_href=ctx.rel("assets/resources.js"),
        )
    )  # rows are search records (ADR 0004)


def resource_list(cat: Catalog, ctx: Context, section: str) -> str:
    """A short linked list of the resources the toolkit cites in one section."""
    cited = [{"title": r["title"], "href": ctx.resource(r["id"])} for r in cat["resources"] if section in r.get("cited_in", [])]
    return block(render_component(cat, "cited-list", resources=cited, lang=original_lang(cat), ctx=ctx)) if cited else ""


# The words of the search page's scripts (search.js; offline-search.js in the offline copy).
SEARCH_SCRIPT_MESSAGES = "search.js."

# The search page's own filter: the top-level navigation section of each page (overrides/main.html).
SECTION_FILTER = "section"  # its label: message search.js.section


def search_filters(cat: Catalog, ctx: Context) -> str:
    """The search page's filters for search.js, as a JSON island (the section, then the facets
    the schemas offer on the search page, x-facet search_order, by name and label), and the
    script itself: only this page loads it."""
    messages = for_catalog(cat).messages.messages
    filters = [(SECTION_FILTER, messages["search.js.section"]), *((f.name, f.label) for f in cat.model.search_facets)]
    words = {k: v for k, v in messages.items() if k.startswith(SEARCH_SCRIPT_MESSAGES)}
    return block(
        render_component(
            cat,
            "search-filters",
            filters=Markup(json_island([list(f) for f in filters])),
            words=Markup(json_island(words)),
            script_href=ctx.rel("assets/search.js"),
        )
    )


MACROS = {"resource_table": resource_table, "resource_list": resource_list, "search_filters": search_filters}
