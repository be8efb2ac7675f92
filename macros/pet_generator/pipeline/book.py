"""The edition as one book: a tagged PDF (PDF/UA-1) made from the catalog and the pages' words.

The book is written from the same sources as the site, not from the engine's HTML: each page
in the site's menu (mkdocs.yml, or a toolkit's toolkit.yml) is read from docs/, its macros run
with the same renderers as on the site, and Python-Markdown turns it into HTML with the same
extensions. So the book needs no MkDocs, ProperDocs or Zensical, and another organization's
toolkit gets its own book from its own menu, catalog and pages.

Order: a cover, the contents, one chapter per page of the menu (the employer competencies
chapter holds every competency), the handouts as appendices, then the glossary, the
references and the resource catalog as an annotated bibliography grouped like the
Resources page. Pages that only work on the web (home, search, self-assessment, about, what's
new, maintainers) stay out; a page's front matter may say `book: false` or `book: true`.

All parts become one HTML document (macros/pet_generator/pipeline/book_links.py keeps their ids apart and
turns every link into a link inside the book, a web address, or plain words), which
WeasyPrint lays out with docs/assets/book.css. WeasyPrint may fetch nothing.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown
import yaml
from pet_generator.catalog import urls
from pet_generator.catalog.dates import human_date, today
from pet_generator.catalog.frameworks import employer_competencies
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.paths import ASSETS
from pet_generator.pipeline import book_cache, book_links, pdf_tags
from pet_generator.pipeline.book_links import Linker, Part, page_key
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.pipeline.toolkit import Toolkit, generator_site, read_settings
from pet_generator.site import render, resource_table
from pet_generator.site.entry import MACRO_MODULES, abbreviations, escaped
from pet_generator.site.handouts import handout_document, source_text
from pet_generator.site.html import Context, block, esc, safe_href, tag

STYLESHEET = ASSETS / "book.css"
# Pages of the generator's menu that only work on the web; front matter `book: true` brings one in.
WEB_ONLY = ("index.md", "search.md", "assessment.md", "whats-new.md", "about.md", "maintainers.md", "resources.md")
BACK_MATTER = ("glossary.md", "references.md")  # after the appendices, in menu order
HANDOUTS_PAGE = "handouts/index.md"
COMPETENCIES_PAGE = "competencies/index.md"
# Above this many resources the bibliography lists only those the toolkit itself cites (and at
# most this many), and says so: a 10,000-entry bibliography would be some 1,500 pages.
BIBLIOGRAPHY_LIMIT = 200
# Resources named in one list inside a chapter (a section's citations, a competency's resources)
# before "and N more": at 10,000 resources a section cites some 200, which would fill pages.
LIST_LIMIT = 25
_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n?", re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_H2 = re.compile(r'<h2\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_TAGS = re.compile(r"<[^<>]*>")
# WeasyPrint 70 tags a table's <caption> as a table of its own (rows elsewhere): on paper the
# caption is the visible title paragraph the site shows above the table, and the caption goes.
_CAPTION = re.compile(r"<caption\b.*?</caption>", re.S)


@dataclass
class Chapter:
    key: str
    title: str  # HTML, escaped
    body: str  # HTML of everything after the title
    source: str = ""  # docs-relative Markdown file, "" when made from the catalog
    url: str = ""  # the site URL it stands for
    kind: str = "chapter"  # chapter, appendix, back
    contents_depth: int = 2  # heading levels listed in the contents
    extra_urls: list[str] = field(default_factory=list)  # other site URLs this part holds


@dataclass(frozen=True)
class BookFacts:
    """What the site says about the book beside its link."""

    href: str  # site-relative: downloads/<name>.pdf
    pages: int
    bytes: int
    seconds: float
    cached: bool = False  # reused from the book cache (pipeline/book_cache.py), not rendered now

    @property
    def size(self) -> str:
        return f"{self.bytes / 1_000_000:.1f} MB" if self.bytes >= 1_000_000 else f"{max(1, round(self.bytes / 1000))} KB"

    def as_config(self) -> dict[str, Any]:
        """What the pages say: the book's address, pages and size, and the offline copy's address."""
        return {"href": self.href, "pages": self.pages, "size": self.size, "offline": offline_href(self.href)}


def offline_href(book_href: str) -> str:
    """The offline copy sits beside the book: downloads/<title>-<year>-offline.zip."""
    return book_href.removesuffix(".pdf") + "-offline.zip"


def book_path(cat: Catalog) -> str:
    """downloads/<title>-<year>.pdf, e.g. downloads/peer-employer-toolkit-2026.pdf."""
    edition = cat["edition"]
    slug = re.sub(r"[^a-z0-9]+", "-", str(edition["title"]).lower()).strip("-") or "toolkit"
    return f"downloads/{slug}-{edition['year']}.pdf"


# ---- which pages, in which order -------------------------------------------------------


def menu_pages(toolkit: Toolkit) -> list[str]:
    """The docs-relative Markdown files of the site's menu, in menu order."""
    from pet_generator.pipeline.pages import _Loader

    config = yaml.load(toolkit.config.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader plus !ENV
    if toolkit.settings is not None:
        config.update(read_settings(toolkit.settings))
    found: list[str] = []

    def walk(entries: Any) -> None:
        for entry in entries or []:
            target = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
            if isinstance(target, list):
                walk(target)
            elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
                found.append(target)

    walk(config.get("nav"))
    if not config.get("nav"):
        found = sorted(p.relative_to(toolkit.docs).as_posix() for p in toolkit.docs.rglob("*.md"))
    return list(dict.fromkeys(found))


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def markdown_extensions(toolkit: Toolkit, cat: Catalog) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The site's Markdown extensions and settings, with the catalog's abbreviations, and no
    permalink signs (paper has nowhere to click them)."""
    from pet_generator.pipeline.pages import _Loader, with_glossary

    config = yaml.load(toolkit.config.read_text("utf-8"), Loader=_Loader)  # noqa: S506
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for entry in with_glossary(config.get("markdown_extensions") or [], abbreviations(cat)):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings[name] = dict(options or {})
    if "toc" in settings:
        settings["toc"] = {k: v for k, v in settings["toc"].items() if k not in ("permalink", "permalink_title", "title")}
    return names, settings


# ---- rendering the pages ---------------------------------------------------------------


class PageRenderer:
    """Runs a page's macros (as mkdocs-macros would: Jinja first, then Markdown) with the site's
    renderers bound to that page, and the book's own versions of the few that differ on paper."""

    def __init__(self, cat: Catalog, toolkit: Toolkit) -> None:
        self.cat = cat
        self.abbrs = abbreviations(cat)
        self.jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 - values are escaped by the macros
        self.variables = {
            "edition": {k: escaped(v) for k, v in cat["edition"].items()},
            "counts": {k: len(v) for k, v in cat.data.items() if isinstance(v, list)},
        }
        names, settings = markdown_extensions(toolkit, cat)
        self.md = markdown.Markdown(extensions=names, extension_configs=settings)

    def context(self, page_url: str) -> Context:
        return Context(page_url=page_url, abbreviations=self.abbrs)

    def macros(self, ctx: Context) -> dict[str, Any]:
        bound: dict[str, Any] = {}
        for module in MACRO_MODULES:
            for name, fn in module.MACROS.items():
                bound[name] = _bind(fn, self.cat, ctx)
        bound["competency_detail"] = lambda competency_id: competency_detail(self.cat, ctx, competency_id)
        bound["cited_resources"] = lambda section, **kwargs: cited_resources(self.cat, ctx, section, **kwargs)
        bound["title"] = lambda collection, entity_id: esc(_name(self.cat.get(collection, entity_id)))
        return bound

    def page(self, source: str, text: str, page_url: str) -> tuple[dict[str, Any], str]:
        meta, body = front_matter(text)
        if meta.get("render_macros"):
            try:
                body = self.jinja.from_string(body).render(**self.variables, **self.macros(self.context(page_url)))
            except jinja2.TemplateError as exc:
                raise BuildFailed(f"docs/{source}: the book could not run this page's macros: {exc}") from exc
        self.md.reset()
        return meta, self.md.convert(body)


def _bind(fn: Callable[..., str], cat: Catalog, ctx: Context) -> Callable[..., str]:
    return lambda *args, **kwargs: fn(cat, ctx, *args, **kwargs)


def _name(entity: dict[str, Any]) -> str:
    return str(entity.get("title") or entity.get("name") or entity.get("term"))


def competency_detail(cat: Catalog, ctx: Context, competency_id: str) -> str:
    """A competency as on its page, but with the resources as short references into the
    bibliography (the book prints each resource once, at the back)."""
    listed = [r for r in cat["resources"] if competency_id in r.get("cited_in", [])]
    listed_ids = {r["id"] for r in listed}
    tagged = [r for r in cat["resources"] if competency_id in r.get("competencies", []) and r["id"] not in listed_ids]

    def items(rows: list[dict[str, Any]]) -> str:
        lis = "".join(tag("li", tag("a", ctx.text(r["title"]), href=ctx.rel(urls.resource_page(r["id"])))) for r in rows[:LIST_LIMIT])
        if len(rows) > LIST_LIMIT:
            lis += tag("li", esc(f"and {len(rows) - LIST_LIMIT:,} more on the website's Resources page"))
        return lis

    tagged_html = tag("ul", items(tagged), class_="pet-resource-list") if tagged else ""
    return render.competency_detail(cat, ctx, competency_id, tagged_html, items(listed) if listed else "")


def cited_resources(cat: Catalog, ctx: Context, section: str, **kwargs: Any) -> str:
    """The site's list of the resources a section cites, at most LIST_LIMIT of them in the book."""
    cited = [r for r in cat["resources"] if section in r.get("cited_in", [])]
    if len(cited) <= LIST_LIMIT:
        return render.cited_resources(cat, ctx, section, **kwargs)
    view = Catalog(root=cat.root, data={**cat.data, "resources": cited[:LIST_LIMIT]})
    more = tag("p", esc(f"And {len(cited) - LIST_LIMIT:,} more on the website's Resources page."))
    return render.cited_resources(view, ctx, section, **kwargs) + block(more)


def shift_headings(fragment: str, by: int) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", fragment)


def split_title(fragment: str, fallback: str) -> tuple[str, str]:
    """A page's <h1> (its title) and the rest."""
    match = _H1.search(fragment)
    if not match:
        return esc(fallback), fragment
    return match.group(1), fragment[: match.start()] + fragment[match.end() :]


def _page_url(rel: str) -> str:
    from pet_generator.pipeline.pages import page_url

    return page_url(rel)


def chapters(cat: Catalog, toolkit: Toolkit, log: Callable[[str], None] = lambda _: None) -> list[Chapter]:
    renderer = PageRenderer(cat, toolkit)
    front: list[Chapter] = []
    back: list[Chapter] = []
    handouts_intro: Chapter | None = None
    for rel in menu_pages(toolkit):
        path = toolkit.docs / rel
        if not path.is_file():
            continue
        text = path.read_text("utf-8")
        meta, _ = front_matter(text)
        wanted = meta.get("book")
        if wanted is False or (wanted is not True and rel in WEB_ONLY):
            continue
        url = _page_url(rel)
        _, body = renderer.page(rel, text, url)
        body = _CAPTION.sub("", _SCRIPT.sub("", body)).replace('<p class="pet-table-title" aria-hidden="true">', '<p class="pet-table-title">')
        title, body = split_title(body, rel)
        chapter = Chapter(page_key(url), title, book_links.prefix_ids(body, page_key(url)), rel, url)
        if rel == COMPETENCIES_PAGE:
            chapter.body += competency_sections(cat, renderer, chapter)
        if rel == HANDOUTS_PAGE:
            handouts_intro = chapter
            handouts_intro.kind = "appendix"
        elif rel in BACK_MATTER:
            chapter.kind = "back"
            back.append(chapter)
        else:
            front.append(chapter)
    front = in_source_order(cat, front)
    appendices = handout_appendices(cat, renderer)
    if handouts_intro is not None and appendices:
        appendices.insert(0, handouts_intro)
    return front + appendices + back + [bibliography(cat, renderer)]


def in_source_order(cat: Catalog, parts: list[Chapter]) -> list[Chapter]:
    """Chapters in the order of the catalog's sections (the source toolkit's order), where the
    sections name their pages; the others keep their place from the menu (which puts the
    site's main destinations first)."""
    order: dict[str, int] = {}
    for s in cat.data.get("sections", []):
        if s.get("page"):
            order.setdefault(s["page"], len(order))
    named = sorted((ch for ch in parts if ch.url in order), key=lambda ch: order[ch.url])
    slots = iter(named)
    return [next(slots) if ch.url in order else ch for ch in parts]


def competency_sections(cat: Catalog, renderer: PageRenderer, chapter: Chapter) -> str:
    """Every employer competency as a section of the competencies chapter (on the site, a page each)."""
    out = []
    for c in employer_competencies(cat):
        url = urls.competency_page(c["id"])
        key = page_key(url)
        ctx = renderer.context(url)
        body = shift_headings(competency_detail(cat, ctx, c["id"]), 1)
        body = book_links.prefix_ids(body, key)
        chapter.extra_urls.append(url)
        # Links inside were written from the competency's own URL: mark the section so the
        # linker resolves them from there.
        out.append(
            f'<section class="pet-competency-section" id="{key}" data-book-url="{esc(url)}">{tag("h2", ctx.text(c["name"]), id=f"{key}{book_links.KEY_SEPARATOR}title")}{body}</section>'
        )
    return "".join(out)


def handout_appendices(cat: Catalog, renderer: PageRenderer) -> list[Chapter]:
    out = []
    for n, h in enumerate(cat["handouts"]):
        url = urls.handout_page(h["id"])
        ctx = renderer.context(url)
        letter = _appendix_letter(n)
        title = f"Appendix {letter}. {ctx.text(h['title'])}"
        body = tag("p", esc(f"Handout · Source: {source_text(cat, h)}"), class_="pet-appendix-source") + handout_document(
            cat, ctx, h["id"], interactive=False
        )
        body = book_links.prefix_ids(body, page_key(url))
        out.append(Chapter(page_key(url), title, body, "", url, kind="appendix", contents_depth=1))
    return out


def _appendix_letter(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def bibliography(cat: Catalog, renderer: PageRenderer) -> Chapter:
    """The resource catalog, grouped by category like the Resources page: title, publisher,
    year, summary, and the address or "link pending"."""
    resources = cat["resources"]
    ctx = renderer.context("resources/")
    shown = resources
    intro = tag(
        "p",
        esc(f"Every resource in this edition's catalog ({len(resources)}), grouped as on the website's Resources page. ")
        + "An address is given only once it has been confirmed from the publisher's own page; "
        + "the others say “link pending”.",
    )
    if len(resources) > BIBLIOGRAPHY_LIMIT:
        cited = [r for r in resources if r.get("cited_in")]
        shown = cited[:BIBLIOGRAPHY_LIMIT]
        intro = tag(
            "p",
            esc(
                f"This edition's catalog holds {len(resources):,} resources, too many to print. This list is shortened: it "
                f"gives the {len(shown):,} resources the toolkit itself cites"
                + (f" (the first {BIBLIOGRAPHY_LIMIT:,} of {len(cited):,})" if len(cited) > len(shown) else "")
                + ". All of them are on the website's Resources page and in its downloads (CSV, JSON and BibTeX)."
            ),
            class_="pet-shortened",
        )
    groups = []
    group = cat.model.group_facet  # grouped as the site's list is (x-facet group), under the same ids
    for value, label, members in resource_table.groups(cat, shown):
        entries = "".join(bibliography_entry(cat, ctx, r) for r in members)
        anchor = f"resources{book_links.KEY_SEPARATOR}{group.name}-{value or '-other'}" if group else ""
        groups.append((tag("h2", esc(label or "Other resources"), id=anchor) if group else "") + entries)
    body = intro + "".join(groups)
    return Chapter("resources", "Resource catalog", body, "", "resources/", kind="back")


def bibliography_entry(cat: Catalog, ctx: Context, r: dict[str, Any]) -> str:
    href = safe_href(r.get("url"))
    who = ", ".join(ctx.text(v) for v in (r.get("publisher"), r.get("year")) if v)
    head = tag("strong", ctx.text(r["title"]), class_="pet-bib-title") + (f". {who}." if who else ".")
    parts = [tag("p", head, class_="pet-bib-head")]
    if r.get("summary"):
        parts.append(tag("p", ctx.text(" ".join(r["summary"].split())), class_="pet-bib-summary"))
    link = tag("a", esc(href), href=href) if href else tag("span", "Link pending", class_="pet-pending")
    parts.append(tag("p", link, class_="pet-bib-link"))
    # The entry's id is the one the site's resource page maps to (Linker.entry_key).
    return tag("div", "".join(parts), class_="pet-bib", id=f"{book_links.page_key('resources/')}{book_links.KEY_SEPARATOR}{r['id']}")


# ---- one document ----------------------------------------------------------------------


def document(cat: Catalog, parts: list[Chapter], printed_on: str) -> tuple[str, list[str]]:
    """The whole book as one HTML document; returns it and the hrefs that lost their link."""
    edition = cat["edition"]
    sections: list[tuple[Chapter, str]] = []
    urls_to_keys: dict[str, str] = {}
    for ch in parts:
        sections.append((ch, ch.body))  # ids already carry their part's key
        urls_to_keys[ch.url] = ch.key
        for url in ch.extra_urls:
            urls_to_keys[url] = page_key(url)
    contents = _contents(sections)
    cover = _cover(cat, printed_on)
    joined_parts = [_section(ch, body) for ch, body in sections]
    all_ids = book_links.ids_in("".join(joined_parts)) | {"contents"}

    def entry_key(url: str) -> str | None:
        m = re.fullmatch(r"resources/([^/]+)/", url)
        return f"resources{book_links.KEY_SEPARATOR}{m.group(1)}" if m else None

    linker = Linker(urls_to_keys, all_ids, edition.get("site_url"), entry_key)
    linked = []
    for (ch, _), html_part in zip(sections, joined_parts, strict=True):
        pieces = re.split(r'(<section class="pet-competency-section" id="[^"]+" data-book-url="[^"]+">)', html_part)
        part = Part(ch.key, ch.source, ch.url)
        out = []
        for piece in pieces:
            found = re.match(r'<section class="pet-competency-section" id="[^"]+" data-book-url="([^"]+)">', piece)
            if found:
                part = Part(ch.key, "", found.group(1))
                out.append(piece)
            else:
                out.append(linker.rewrite(piece, part))
        linked.append("".join(out))
    title = esc(f"{edition['title']}, {edition['year']} edition")
    head = (
        f'<!doctype html><html lang="{esc(edition.get("language") or "en")}"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<meta name="author" content="{esc(edition["publisher"])}">'
        f'<meta name="description" content="{esc(edition.get("subtitle") or edition["title"])}">'
        f'<meta name="generator" content="Peer Employer Toolkit generator">'
        "</head><body>"
    )
    return head + cover + contents + "".join(linked) + "</body></html>", linker.unlinked


def _section(ch: Chapter, body: str) -> str:
    h1 = tag("h1", ch.title, id=f"{ch.key}{book_links.KEY_SEPARATOR}title")
    return f'<section class="pet-part pet-{ch.kind}" id="{ch.key}">{h1}{body}</section>'


def _contents(sections: list[tuple[Chapter, str]]) -> str:
    lis = []
    for ch, body in sections:
        subs = ""
        if ch.contents_depth >= 2:
            items = [tag("li", tag("a", _plain_inline(text), href=f"#{html.unescape(sid)}")) for sid, text in _H2.findall(body)]
            subs = tag("ol", "".join(items)) if items else ""
        lis.append(tag("li", tag("a", _plain_inline(ch.title), href=f"#{ch.key}") + subs, class_=f"pet-toc-{ch.kind}"))
    return tag("nav", tag("h1", "Contents", id="contents") + tag("ol", "".join(lis), class_="pet-toc"), class_="pet-contents", aria_label="Contents")


def _plain_inline(fragment: str) -> str:
    """A heading's words without links or other markup (the contents entry is the link)."""
    return _TAGS.sub("", fragment).strip()


def _cover(cat: Catalog, printed_on: str) -> str:
    e = cat["edition"]
    released = e.get("released")
    when = (
        f"Published {human_date(released)}"
        if released
        else f"Not yet published: printed on {printed_on} from the working catalog of the {e['year']} edition"
    )
    lines = [
        tag("p", esc(e["title"]), class_="pet-cover-title"),
        tag("p", esc(e["subtitle"]), class_="pet-cover-subtitle") if e.get("subtitle") else "",
        tag("p", esc(f"{e['year']} edition"), class_="pet-cover-edition"),
        tag("p", esc(e["publisher"]) + "".join(tag("br", "") + esc(p) for p in e.get("partners") or []), class_="pet-cover-publisher"),
        tag("p", esc(when), class_="pet-cover-date"),
    ]
    about = [e.get("attribution"), e.get("funding"), e.get("license")]
    colophon = "".join(tag("p", esc(" ".join(str(t).split()))) for t in about if t)
    if e.get("site_url") and safe_href(e["site_url"]):
        colophon += tag("p", "Online: " + tag("a", esc(e["site_url"]), href=e["site_url"]))
    if e.get("contact_email"):
        mail = safe_href(f"mailto:{e['contact_email']}")
        colophon += tag("p", "Contact: " + (tag("a", esc(e["contact_email"]), href=mail) if mail else esc(e["contact_email"])))
    # The cover's big title is a paragraph, not a heading: the document title names the book,
    # and the first heading and bookmark is Contents.
    return tag("div", "".join(lines), class_="pet-cover") + tag("div", colophon, class_="pet-colophon")


# ---- writing it ------------------------------------------------------------------------


def render_book(cat: Catalog, toolkit: Toolkit, target: Path) -> BookFacts:
    from weasyprint import CSS, HTML, URLFetcher
    from weasyprint.text.fonts import FontConfiguration

    started = time.perf_counter()
    source, _ = document(cat, chapters(cat, toolkit), human_date(today()))
    fonts = FontConfiguration()
    refuse_all = URLFetcher(allowed_protocols=())  # nothing may be fetched while rendering
    style = CSS(string=STYLESHEET.read_text("utf-8"), font_config=fonts, url_fetcher=refuse_all)
    target.parent.mkdir(parents=True, exist_ok=True)
    laid_out = HTML(string=source, url_fetcher=refuse_all).render(stylesheets=[style], font_config=fonts, pdf_variant="pdf/ua-1")
    pages = len(laid_out.pages)
    laid_out.write_pdf(target, pdf_variant="pdf/ua-1", custom_metadata=False)
    pdf_tags.finish(target)
    return BookFacts(book_path(cat), pages, target.stat().st_size, time.perf_counter() - started)


def write_book(site_dir: Path, cat: Catalog, toolkit: Toolkit | None = None, cache: bool = True) -> BookFacts:
    """The book into site_dir/downloads/: the cached one when the same sources made one before
    (book_cache.book_key, ADR 0013), else rendered now and kept for next time."""
    toolkit = toolkit or generator_site(Path(cat.root))
    target = site_dir / book_path(cat)
    started = time.perf_counter()
    key = book_cache.book_key(cat, toolkit) if cache else ""
    found = book_cache.fetch(key, target) if cache else None
    if found is not None:
        return BookFacts(book_path(cat), int(found["pages"]), target.stat().st_size, time.perf_counter() - started, cached=True)
    facts = render_book(cat, toolkit, target)
    if cache:
        book_cache.store(key, target, {"pages": facts.pages, "bytes": facts.bytes, "seconds": round(facts.seconds, 2)})
    return facts


def facts_json(facts: BookFacts) -> str:
    return json.dumps(facts.as_config())


def main(argv: list[str]) -> int:
    """`python -m pet_generator.pipeline.book --out DIR [--catalog DIR | --toolkit DIR]`: the book alone
    (scripts/bench measures its time and memory this way)."""
    import argparse
    import sys

    from pet_generator.catalog.loader import CatalogInvalid, load_catalog
    from pet_generator.pipeline.toolkit import ToolkitError, add_source_options, chosen_toolkit, user_path

    parser = argparse.ArgumentParser(prog="python -m pet_generator.pipeline.book", description="Write the edition as one book (PDF/UA-1).")
    add_source_options(parser)
    parser.add_argument("--out", required=True, help="folder to write downloads/<title>-<year>.pdf into")
    parser.add_argument(
        "--cached",
        action="store_true",
        help="reuse a book made from the same sources (the build does); without it, render (what scripts/bench measures)",
    )
    args = parser.parse_args(argv)
    try:
        toolkit = chosen_toolkit(args)
        facts = write_book(user_path(args.out), load_catalog(toolkit.catalog), toolkit, cache=args.cached)
    except (BuildFailed, ToolkitError, CatalogInvalid) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({**facts.as_config(), "bytes": facts.bytes, "seconds": round(facts.seconds, 2), "cached": facts.cached}))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
