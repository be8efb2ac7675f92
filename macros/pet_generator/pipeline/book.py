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
from markupsafe import Markup
from pet_generator import __version__
from pet_generator.catalog import translations, urls
from pet_generator.catalog.dates import today
from pet_generator.catalog.frameworks import employer_competencies
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.paths import ASSETS
from pet_generator.pipeline import book_cache, book_links, pdf_tags
from pet_generator.pipeline.book_links import Linker, Part, page_key
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.pipeline.toolkit import Toolkit, generator_site, read_settings
from pet_generator.site import render, resource_table
from pet_generator.site.components import for_catalog, message, render_component
from pet_generator.site.entry import MACRO_MODULES, SPEAKS_THE_LANGUAGE, abbreviations, escaped, marked_english
from pet_generator.site.handouts import handout_document, source_text
from pet_generator.site.html import Context, block, esc, safe_href, shift_headings, without_scripts

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
_H2 = re.compile(r'<h2\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</h2>', re.S)
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
    # In a book in another language (ADR 0014): "en" for a part shown in English (its page is
    # not translated yet) and for its title when that is English; what the site's notice says
    # about the translation.
    lang: str | None = None
    title_lang: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BookFacts:
    """What the site says about the book beside its link."""

    href: str  # site-relative: downloads/<name>.pdf
    pages: int
    bytes: int
    seconds: float
    cached: bool = False  # reused from the book cache (pipeline/book_cache.py), not rendered now
    lang: str = "en"  # the language it is written in (its pages give it: one book per language)

    @property
    def size(self) -> str:
        return f"{self.bytes / 1_000_000:.1f} MB" if self.bytes >= 1_000_000 else f"{max(1, round(self.bytes / 1000))} KB"

    def as_config(self) -> dict[str, Any]:
        """What the pages say: the book's address, pages and size, and the offline copy's address."""
        return {
            "href": self.href,
            "pages": self.pages,
            "size": self.size,
            "offline": offline_href(self.href),
            "lang": self.lang,
            "file": saved_as(self.href, self.lang),
        }


def saved_as(book_href: str, language: str) -> str:
    """The name a reader's download gets: peer-employer-toolkit-2026.pdf, and in another
    language peer-employer-toolkit-2026-es.pdf (the address is the same under /es/)."""
    name = book_href.rpartition("/")[2]
    return name if language == translations.DEFAULT_LANGUAGE else f"{name.removesuffix('.pdf')}-{language}.pdf"


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
    renderers bound to that page, and the book's own versions of the few that differ on paper.

    In another language (a TranslatedCatalog) it renders as that language's site does (ADR 0014,
    site/entry.py): on a translated page, the macros that speak the language from the translated
    catalog, every other one from the English catalog inside lang="en"; an untranslated page
    (`english=True`) wholly in English."""

    def __init__(self, cat: Catalog, toolkit: Toolkit) -> None:
        self.cat = cat
        self.english: Catalog = getattr(cat, "english", None) or cat
        self.abbrs = abbreviations(cat)
        self.jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 - values are escaped by the macros
        self.variables = {
            "edition": {k: escaped(v) for k, v in cat["edition"].items()},
            "counts": {k: len(v) for k, v in cat.data.items() if isinstance(v, list)},
        }
        self.toolkit = toolkit
        names, settings = markdown_extensions(toolkit, cat)
        self.md = markdown.Markdown(extensions=names, extension_configs=settings)
        self._md_english: markdown.Markdown | None = None

    @property
    def translated(self) -> bool:
        return self.english is not self.cat

    def context(self, page_url: str) -> Context:
        return Context(page_url=page_url, abbreviations=self.abbrs)

    def macros(self, ctx: Context, english: bool = False) -> dict[str, Any]:
        here = self.english if english else self.cat
        bound: dict[str, Any] = {}
        for module in MACRO_MODULES:
            for name, fn in module.MACROS.items():
                if here is not self.english and name not in SPEAKS_THE_LANGUAGE:
                    bound[name] = _bind_english(fn, self.english, ctx)
                else:
                    bound[name] = _bind(fn, here, ctx)
        bound["competency_detail"] = lambda competency_id: competency_detail(here, ctx, competency_id)
        bound["cited_resources"] = lambda section, **kwargs: cited_resources(here, ctx, section, **kwargs)
        bound["title"] = lambda collection, entity_id: esc(_name(here.get(collection, entity_id)))
        return bound

    def page(self, source: str, text: str, page_url: str, english: bool = False) -> tuple[dict[str, Any], str]:
        meta, body = front_matter(text)
        if meta.get("render_macros"):
            try:
                body = self.jinja.from_string(body).render(**self.variables, **self.macros(self.context(page_url), english))
            except jinja2.TemplateError as exc:
                raise BuildFailed(f"docs/{source}: the book could not run this page's macros: {exc}") from exc
        md = self.md
        if english and self.translated:  # an English page: the English glossary explains its abbreviations
            if self._md_english is None:
                names, settings = markdown_extensions(self.toolkit, self.english)
                self._md_english = markdown.Markdown(extensions=names, extension_configs=settings)
            md = self._md_english
        md.reset()
        return meta, md.convert(body)


def _bind(fn: Callable[..., str], cat: Catalog, ctx: Context) -> Callable[..., str]:
    return lambda *args, **kwargs: fn(cat, ctx, *args, **kwargs)


def _bind_english(fn: Callable[..., str], english: Catalog, ctx: Context) -> Callable[..., str]:
    """A macro that does not speak the page's language yet: its English, marked lang="en"."""
    return lambda *args, **kwargs: marked_english(english, fn(english, ctx, *args, **kwargs))


def _name(entity: dict[str, Any]) -> str:
    return str(entity.get("title") or entity.get("name") or entity.get("term"))


def competency_detail(cat: Catalog, ctx: Context, competency_id: str) -> str:
    """A competency as on its page, but with the resources as short references into the
    bibliography (the book prints each resource once, at the back)."""
    listed = [r for r in cat["resources"] if competency_id in r.get("cited_in", [])]
    listed_ids = {r["id"] for r in listed}
    tagged = [r for r in cat["resources"] if competency_id in r.get("competencies", []) and r["id"] not in listed_ids]

    def items(rows: list[dict[str, Any]], in_list: bool) -> str:
        # Titles stay in their original language (English), marked so in a book in another one.
        shown = [{"title": r["title"], "href": ctx.rel(urls.resource_page(r["id"]))} for r in rows[:LIST_LIMIT]]
        more = _more(len(rows) - LIST_LIMIT) if len(rows) > LIST_LIMIT else None
        lang = translations.original_lang(cat)
        return render_component(cat, "book-resource-items", ctx=ctx, rows=shown, lang=lang, more=more, in_list=in_list)

    tagged_html = items(tagged, in_list=True) if tagged else ""
    return render.competency_detail(cat, ctx, competency_id, tagged_html, items(listed, in_list=False) if listed else "")


def cited_resources(cat: Catalog, ctx: Context, section: str, **kwargs: Any) -> str:
    """The site's list of the resources a section cites, at most LIST_LIMIT of them in the book."""
    cited = [r for r in cat["resources"] if section in r.get("cited_in", [])]
    if len(cited) <= LIST_LIMIT:
        return render.cited_resources(cat, ctx, section, **kwargs)
    view = Catalog(root=cat.root, data={**cat.data, "resources": cited[:LIST_LIMIT]})
    more = render_component(cat, "book-more", **_more(len(cited) - LIST_LIMIT))
    return render.cited_resources(view, ctx, section, **kwargs) + block(more)


def _more(count: int) -> dict[str, Any]:
    """How many more are on the website's Resources page: the count, and as the book prints it ("1,234")."""
    return {"count": count, "number": f"{count:,}"}


def split_title(fragment: str, fallback: str) -> tuple[str, str]:
    """A page's <h1> (its title) and the rest."""
    match = _H1.search(fragment)
    if not match:
        return esc(fallback), fragment
    return match.group(1), fragment[: match.start()] + fragment[match.end() :]


def _page_url(rel: str) -> str:
    from pet_generator.pipeline.pages import page_url

    return page_url(rel)


def page_in_language(toolkit: Toolkit, rel: str, english_text: str, language: str) -> tuple[str, dict[str, Any] | None]:
    """A page's source in the book's language and its translation state, as the language's site
    takes them (pages.translated_pages): docs/i18n/<language>/<page>, or the English page
    (state "fallback"). English: the page as it is, no state."""
    if language == translations.DEFAULT_LANGUAGE:
        return english_text, None
    from pet_generator.pipeline.pages import translated_pages

    own = toolkit.docs / translations.FOLDER / language / rel
    found = {rel: own.read_bytes()} if own.is_file() else {}
    text = translated_pages({rel: english_text.encode("utf-8")}, found, language)[rel].decode("utf-8")
    state = front_matter(text)[0].get("pet_translation")
    return text, state if isinstance(state, dict) else None


def chapters(cat: Catalog, toolkit: Toolkit, log: Callable[[str], None] = lambda _: None) -> list[Chapter]:
    renderer = PageRenderer(cat, toolkit)
    language = book_language(cat) if renderer.translated else translations.DEFAULT_LANGUAGE
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
        text, state = page_in_language(toolkit, rel, text, language)
        english = state is not None and state.get("state") == "fallback"
        _, body = renderer.page(rel, text, url, english)
        body = _CAPTION.sub("", without_scripts(body)).replace('<p class="pet-table-title" aria-hidden="true">', '<p class="pet-table-title">')
        title, body = split_title(body, rel)
        chapter = Chapter(page_key(url), title, book_links.prefix_ids(body, page_key(url)), rel, url)
        if state:
            chapter.lang = chapter.title_lang = "en" if english else None
            chapter.notes = translation_notes(cat, state, english)
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
    """Every employer competency as a section of the competencies chapter (on the site, a page
    each). In another language, one not translated yet is in English, as its page is."""
    out = []
    states = generated_states(renderer)
    for c in employer_competencies(cat):
        url = urls.competency_page(c["id"])
        key = page_key(url)
        ctx = renderer.context(url)
        state = states.get(f"competencies/{c['id']}.md") if states is not None else None
        english = states is not None and state is None
        here = renderer.english if english else cat
        body = book_links.prefix_ids(shift_headings(competency_detail(here, ctx, c["id"]), 1), key)
        notes = translation_notes(cat, state if states is not None else None, english)
        chapter.extra_urls.append(url)
        # Links inside were written from the competency's own URL: mark the section so the
        # linker resolves them from there.
        out.append(
            render_component(
                cat,
                "book-competency-section",
                ctx=ctx,
                key=key,
                url=url,
                heading_id=f"{key}{book_links.KEY_SEPARATOR}title",
                name=here.get("competencies", c["id"])["name"],
                notes=notes,
                body=Markup(body),
                lang="en" if english else None,
            )
        )
    return "".join(out)


def generated_states(renderer: PageRenderer) -> dict[str, dict[str, Any]] | None:
    """In another language, the translation state of each page made from a translated record
    (by docs path: "handouts/<id>.md"), as the site gives it; None in English."""
    if not renderer.translated:
        return None
    from pet_generator.pipeline.pages import catalog_translation_states

    return catalog_translation_states(renderer.english, book_language(renderer.cat))


def translation_notes(cat: Catalog, state: dict[str, Any] | None, english: bool = False) -> list[str]:
    """What the site's notice says about a page's translation, for its part of the book: shown
    in English, out of date, or the editors' translation (reviewed by a named person, or not yet)."""
    words = for_catalog(cat).messages
    if english:
        return [words("book.fallback")]
    if not state:
        return []
    notes = [words("i18n.stale")] if state.get("state") == "stale" else []
    return [*notes, str(state.get("reviewed") or words("i18n.machine_draft"))]


def handout_appendices(cat: Catalog, renderer: PageRenderer) -> list[Chapter]:
    """Every handout as an appendix. In another language, one not translated yet (or a reproduced
    work that stays English: ADR 0014) is in English, as its page is; "Appendix A." is not."""
    out = []
    parts = for_catalog(cat)
    states = generated_states(renderer)
    for n, h in enumerate(cat["handouts"]):
        url = urls.handout_page(h["id"])
        ctx = renderer.context(url)
        state = states.get(f"handouts/{h['id']}.md") if states is not None else None
        english = states is not None and state is None
        here = renderer.english if english else cat
        shown = here.get("handouts", h["id"])
        name = Markup(ctx.text(shown["title"]))
        if english:  # "Appendix A." in the book's language, the title in English
            name = Markup(f'<span lang="en">{name}</span>')
        title = parts.message_html("book.appendix.title", letter=_appendix_letter(n), title=name)
        document = Markup(handout_document(here, ctx, h["id"], interactive=False))
        # The label in the book's language; a handout still in English is marked so inside it.
        appendix = parts.render("book-appendix", source=source_text(here, shown), document=document, lang="en" if english else None)
        body = book_links.prefix_ids(appendix, page_key(url))
        chapter = Chapter(page_key(url), title, body, "", url, kind="appendix", contents_depth=1)
        chapter.notes = translation_notes(cat, state, english) if states is not None else []
        out.append(chapter)
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
    year, summary, and the address or "link pending" (components/book-bibliography)."""
    resources = cat["resources"]
    ctx = renderer.context("resources/")
    shown, cited = resources, []
    if len(resources) > BIBLIOGRAPHY_LIMIT:
        cited = [r for r in resources if r.get("cited_in")]
        shown = cited[:BIBLIOGRAPHY_LIMIT]
    group = cat.model.group_facet  # grouped as the site's list is (x-facet group), under the same ids
    groups = [
        {
            "label": label,
            "anchor": f"resources{book_links.KEY_SEPARATOR}{group.name}-{value or '-other'}" if group else None,
            "entries": [bibliography_entry(cat, r) for r in members],
        }
        for value, label, members in resource_table.groups(cat, shown)
    ]
    parts = for_catalog(cat)
    body = parts.render(
        "book-bibliography",
        ctx=ctx,
        total=f"{len(resources):,}",
        shortened=len(resources) > BIBLIOGRAPHY_LIMIT,
        shown=f"{len(shown):,}",
        limit=f"{BIBLIOGRAPHY_LIMIT:,}",
        cited=f"{len(cited):,}" if len(cited) > len(shown) else None,
        groups=groups,
    )
    return Chapter("resources", esc(parts.message("book.bibliography.title")), body, "", "resources/", kind="back")


def bibliography_entry(cat: Catalog, r: dict[str, Any]) -> dict[str, Any]:
    """One entry's data; its id is the one the site's resource page maps to (Linker.entry_key).
    In another language, a title and publisher keep their original language (lang="en"), and a
    summary not translated yet is marked English."""
    return {
        "lang": translations.original_lang(cat),
        "summary_lang": translations.lang_of(cat, "resources", r["id"], "summary"),
        "id": f"{book_links.page_key('resources/')}{book_links.KEY_SEPARATOR}{r['id']}",
        "title": r["title"],
        "publisher": r.get("publisher"),
        "year": r.get("year"),
        "summary": " ".join(r["summary"].split()) if r.get("summary") else None,
        "href": safe_href(r.get("url")),
    }


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
    contents = _contents(cat, sections)
    cover = _cover(cat, printed_on)
    joined_parts = [_section(cat, ch, body) for ch, body in sections]
    all_ids = book_links.ids_in("".join(joined_parts)) | {"pet-contents"}

    def entry_key(url: str) -> str | None:
        m = re.fullmatch(r"resources/([^/]+)/", url)
        return f"resources{book_links.KEY_SEPARATOR}{m.group(1)}" if m else None

    linker = Linker(urls_to_keys, all_ids, language_site_url(cat), entry_key)
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
    document = render_component(
        cat,
        "print-document",
        lang=book_language(cat),
        title=document_title(cat),
        author=edition["publisher"],
        description=edition.get("subtitle") or edition["title"],
        generator=f"pet-generator {__version__}",  # the package's name (ADR 0011), not this toolkit's
        css=None,
        body=Markup(cover + contents + "".join(linked)),
    )
    return document, linker.unlinked


def language_site_url(cat: Catalog) -> str | None:
    """Where the book's language is published: edition.site_url, plus "<language>/" in another
    language (links to pages the book does not hold lead there)."""
    address = cat["edition"].get("site_url")
    language = book_language(cat)
    if not address or language == translations.DEFAULT_LANGUAGE:
        return address
    return f"{str(address).rstrip('/')}/{language}/"


def document_title(cat: Catalog) -> str:
    """The book's title, the PDF's: "Peer Employer Toolkit, 2026 edition"."""
    edition = cat["edition"]
    return message(cat, "book.title", title=edition["title"], year=edition["year"])


def book_language(cat: Catalog) -> str:
    """The language the book is written in: a translated catalog's, else the edition's (English)."""
    language = getattr(cat, "language", None)
    return str(language or cat["edition"].get("language") or "en")


def _section(cat: Catalog, ch: Chapter, body: str) -> str:
    return for_catalog(cat).render(
        "book-chapter",
        key=ch.key,
        kind=ch.kind,
        title=Markup(ch.title),
        title_id=f"{ch.key}{book_links.KEY_SEPARATOR}title",
        body=Markup(body),
        lang=ch.lang,
        title_lang=ch.title_lang,
        notes=ch.notes,
    )


def _contents(cat: Catalog, sections: list[tuple[Chapter, str]]) -> str:
    parts = []
    for ch, body in sections:
        subs = []
        if ch.contents_depth >= 2:
            subs = [{"href": f"#{html.unescape(sid)}", "title": Markup(_plain_inline(text))} for sid, text in _H2.findall(body)]
        title = Markup(_plain_inline(ch.title))  # (a link holds only words: see book_links._a)
        parts.append({"href": f"#{ch.key}", "title": title, "kind": ch.kind, "lang": ch.title_lang, "subs": subs})
    return for_catalog(cat).render("book-contents", parts=parts)


def _plain_inline(fragment: str) -> str:
    """A heading's words without links or other markup (the contents entry is the link)."""
    return _TAGS.sub("", fragment).strip()


def _cover(cat: Catalog, printed_on: str) -> str:
    e = cat["edition"]
    words = for_catalog(cat).messages
    about = [e.get("attribution"), e.get("funding"), e.get("license")]
    mail = safe_href(f"mailto:{e['contact_email']}") if e.get("contact_email") else None
    return for_catalog(cat).render(
        "book-cover",
        title=e["title"],
        subtitle=e.get("subtitle"),
        year=e["year"],
        publisher=e["publisher"],
        partners=e.get("partners") or [],
        released=words.date(e["released"]) if e.get("released") else None,
        printed_on=printed_on,
        colophon=[" ".join(str(t).split()) for t in about if t],
        site_href=e["site_url"] if e.get("site_url") and safe_href(e["site_url"]) else None,
        contact_email=e.get("contact_email"),
        contact_href=mail,
        # The edition's words are not translated (names, credits): English inside a book in another language.
        edition_lang=translations.original_lang(cat),
    )


# ---- writing it ------------------------------------------------------------------------


def words_css(cat: Catalog) -> str:
    """The words the stylesheet prints, in the book's language: the running foot's "Page 3 of
    124", the contents' running head and a cross-reference's "(p. 12)" (book.css holds none)."""
    words = for_catalog(cat).messages
    return (
        f"\n@page {{ @bottom-right {{ content: {css_words(words('book.page', page=_PAGE, pages=_PAGES))}; }} }}"
        f"\n@page contents {{ @top-right {{ content: {css_words(words('book.contents'))}; }} }}"
        f"\na.pet-xref::after {{ content: {css_words(words('book.xref_page', page=_TARGET))}; }}\n"
    )


# What the words' placeholders become in CSS: counters of the page being laid out, and the page a link leads to.
_PAGE, _PAGES, _TARGET = "\x01", "\x02", "\x03"
_COUNTERS = {_PAGE: "counter(page)", _PAGES: "counter(pages)", _TARGET: "target-counter(attr(href), page)"}


def css_words(text: str) -> str:
    """Words as CSS `content`: quoted strings, and the counters where the placeholders were."""
    out = []
    for piece in re.split("([\x01\x02\x03])", text):
        if piece in _COUNTERS:
            out.append(_COUNTERS[piece])
        elif piece:
            out.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ") + '"')
    return " ".join(out)


def render_book(cat: Catalog, toolkit: Toolkit, target: Path) -> BookFacts:
    from weasyprint import CSS, HTML, URLFetcher
    from weasyprint.text.fonts import FontConfiguration

    started = time.perf_counter()
    source, _ = document(cat, chapters(cat, toolkit), for_catalog(cat).messages.date(today()))
    fonts = FontConfiguration()
    refuse_all = URLFetcher(allowed_protocols=())  # nothing may be fetched while rendering
    style = CSS(string=STYLESHEET.read_text("utf-8") + words_css(cat), font_config=fonts, url_fetcher=refuse_all)
    target.parent.mkdir(parents=True, exist_ok=True)
    laid_out = HTML(string=source, url_fetcher=refuse_all).render(stylesheets=[style], font_config=fonts, pdf_variant="pdf/ua-1")
    pages = len(laid_out.pages)
    laid_out.write_pdf(target, pdf_variant="pdf/ua-1", custom_metadata=False)
    pdf_tags.finish(target)
    return BookFacts(book_path(cat), pages, target.stat().st_size, time.perf_counter() - started, lang=book_language(cat))


def write_book(site_dir: Path, cat: Catalog, toolkit: Toolkit | None = None, cache: bool = True) -> BookFacts:
    """The book into site_dir/downloads/: the cached one when the same sources made one before
    (book_cache.book_key, ADR 0013), else rendered now and kept for next time."""
    toolkit = toolkit or generator_site(Path(cat.root))
    target = site_dir / book_path(cat)
    started = time.perf_counter()
    key = book_cache.book_key(cat, toolkit) if cache else ""
    found = book_cache.fetch(key, target) if cache else None
    if found is not None:
        return BookFacts(
            book_path(cat), int(found["pages"]), target.stat().st_size, time.perf_counter() - started, cached=True, lang=book_language(cat)
        )
    facts = render_book(cat, toolkit, target)
    if cache:
        book_cache.store(key, target, {"pages": facts.pages, "bytes": facts.bytes, "seconds": round(facts.seconds, 2)})
    return facts


def facts_json(facts: BookFacts) -> str:
    return json.dumps(facts.as_config())


def main(argv: list[str]) -> int:
    """`python -m pet_generator.pipeline.book --out DIR [--catalog DIR | --toolkit DIR] [--language es]`:
    the book alone (scripts/bench measures its time and memory this way)."""
    import argparse
    import sys

    from pet_generator.catalog.loader import CatalogInvalid, load_catalog
    from pet_generator.pipeline.toolkit import ToolkitError, add_source_options, chosen_toolkit, user_path

    parser = argparse.ArgumentParser(prog="python -m pet_generator.pipeline.book", description="Write the edition as one book (PDF/UA-1).")
    add_source_options(parser)
    parser.add_argument("--out", required=True, help="folder to write downloads/<title>-<year>.pdf into")
    parser.add_argument(
        "--language", default=translations.DEFAULT_LANGUAGE, help="the book in this language (default: en; a language of catalog/i18n/)"
    )
    parser.add_argument(
        "--cached",
        action="store_true",
        help="reuse a book made from the same sources (the build does); without it, render (what scripts/bench measures)",
    )
    args = parser.parse_args(argv)
    try:
        toolkit = chosen_toolkit(args)
        cat = load_catalog(toolkit.catalog)
        if args.language != translations.DEFAULT_LANGUAGE:
            if args.language not in translations.languages(Path(cat.root)):
                raise BuildFailed(f"the catalog has no translation into '{args.language}' (catalog/i18n/{args.language}/)")
            from pet_generator.site.entry import in_language

            cat = in_language(cat, args.language)
        facts = write_book(user_path(args.out), cat, toolkit, cache=args.cached)
    except (BuildFailed, ToolkitError, CatalogInvalid, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({**facts.as_config(), "bytes": facts.bytes, "seconds": round(facts.seconds, 2), "cached": facts.cached}))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
