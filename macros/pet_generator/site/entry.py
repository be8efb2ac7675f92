"""mkdocs-macros entry point: load the catalog once per build and register the page macros.

Nothing else lives here; rendering is in plain modules that tests call without MkDocs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pet_generator.catalog import translations, urls
from pet_generator.catalog.loader import HANDOVER_ENV, Catalog, load_catalog
from pet_generator.catalog.model import referring
from pet_generator.site import assessment, book, components, editions, gallery, handouts, home, maintainers, render, resource_table, review_line
from pet_generator.site.html import LINK_BASE_KEY, Context, block, esc


def catalog_dir(project_dir: str, configured: str | None) -> Path:
    """scripts/build passes --catalog through PET_CATALOG; mkdocs.yml may name one too."""
    chosen = os.environ.get("PET_CATALOG") or configured or "catalog"
    path = Path(chosen)
    return path if path.is_absolute() else Path(project_dir) / path


# Above this many resources, a competency page links to /resources/?competency=<id> instead of
# embedding the list: keeps pages light and builds linear at 10,000 resources.
EMBED_LIMIT = 150

# The modules whose page macros (MACROS = {name: fn(cat, ctx, ...)}) the site registers.
MACRO_MODULES = (render, resource_table, handouts, assessment, editions, maintainers, home, review_line, gallery)


def escaped(value: Any) -> Any:
    """A catalog value as page variables hold it: strings escaped, lists item by item (the book uses it too)."""
    if isinstance(value, str):
        return esc(value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    return value


def inline_or_block(html: Any) -> Any:
    """A macro's output as Markdown will read it. A block macro starts its output with a blank
    line (html.block(), or a Markdown heading built from escaped text) and stays as it is.
    Anything else is inline, placed mid-sentence by a hand-written page, so it is made one line:
    a blank line or a line break in catalog text (a fact's note) would otherwise end the
    paragraph there and let the rest start a heading, a list or a code block. Catalog text never
    starts an output: inline macros begin with their own tag."""
    if not isinstance(html, str) or html.startswith("\n\n"):
        return html
    return " ".join(html.split("\n")).replace("\r", " ")


# Macros whose words follow the page's language (messages, translated catalog fields that mark
# their own English fallbacks). On a translated page every other macro's output is still
# English (catalog text and words written in Python): it is marked lang="en", never silently
# passed off as the page's language (ADR 0014). An untranslated page is lang="en" as a whole.
SPEAKS_THE_LANGUAGE = frozenset(
    {
        "glossary_list", "page_review", "resource_table", "resource_list", "search_filters", "assessment", "handout", "handout_list",
        "whats_new", "downloads", "competency_list", "coverage_matrix", "cited_resources", "fact", "fact_table", "fact_chart",
        "procedure_codes", "peer_types", "career_ladder", "items", "supervisor_options", "scope_of_practice", "facts_status",
        "contact_details", "references", "resource_links", "facet_resources", "edition_line",
    }
)  # fmt: skip


def marked_english(cat: Catalog, html: Any) -> Any:
    """A macro's output marked as English (components/marked-english): each raw HTML block of a
    block macro in a div (a Markdown heading the page wrote stays as it is), an inline one in a span."""
    if not isinstance(html, str) or not html.strip():
        return html
    mark = components.for_catalog(cat).render
    if html.startswith("\n\n"):
        return "\n\n".join(
            mark("marked-english", html=Markup(chunk), inline=False) if chunk.startswith("<") else chunk for chunk in html.split("\n\n")
        )
    return mark("marked-english", html=Markup(html), inline=True)


def abbreviations(cat: Catalog) -> dict[str, str]:
    return {g["abbr"]: g["term"] for g in cat["glossary"] if g.get("abbr")}


# Zensical runs define_env again for every page. Within one build the pipeline hands the
# validated catalog over (PET_VALIDATED_CATALOG), so it cannot change: load it once per build.
_LOADED: dict[tuple[Path, str], Catalog] = {}


def _load_once_per_build(root: Path) -> Catalog:
    handed = os.environ.get(HANDOVER_ENV)
    if not handed:  # a live preview: MkDocs calls define_env once per rebuild, and the catalog may have changed
        return load_catalog(root)
    if (root, handed) not in _LOADED:
        _LOADED.clear()
        _LOADED[root, handed] = load_catalog(root)
    return _LOADED[root, handed]


def in_language(cat: Catalog, language: str) -> Catalog:
    """The catalog as this language's build reads it: its translated fields in place (ADR 0014)."""
    if language == translations.DEFAULT_LANGUAGE:
        return cat
    report = translations.check_language(cat, language, None)
    if report.errors:  # the build validated them first; a live preview says what is wrong
        raise ValueError("\n".join(map(str, report.errors)))
    return translations.translated(cat, language, report)


def define_env(env: Any) -> None:
    cat = _load_once_per_build(catalog_dir(env.project_dir, env.conf.get("extra", {}).get("catalog_dir")))
    # In another language, macros that do not speak it yet render from the English catalog with
    # the English messages, so that everything inside their lang="en" is English (ADR 0014).
    english = cat
    cat = in_language(cat, str((env.conf.get("extra") or {}).get("pet_language") or translations.DEFAULT_LANGUAGE))
    abbrs = abbreviations(cat)
    # Page variables land in Markdown source: escape them like everything else.
    env.variables["edition"] = {k: escaped(v) for k, v in cat["edition"].items()}
    env.variables["counts"] = {k: len(v) for k, v in cat.data.items() if isinstance(v, list)}

    # A resource without a translation has no page in this language: links go to the English one.
    resource_pages = translations.pages_in(cat, "resources")
    up_to_english = "../" * str((env.conf.get("extra") or {}).get("pet_prefix") or "").count("/")

    def ctx(page: Any) -> Context:
        # Where the page's links start comes from its own front matter, written before the
        # engine runs (macros/pet_generator/pipeline/pages.py), not from env.page, which only MkDocs fills in (ADR 0008).
        return Context(page_url=str(page.get(LINK_BASE_KEY) or ""), abbreviations=abbrs, resource_pages=resource_pages, up_to_english=up_to_english)

    def bind(fn: Any, name: str) -> None:
        # pass_context: Jinja hands the macro the page's variables (front matter included).
        if cat is english:
            env.macro(pass_context(lambda page, *args, **kwargs: inline_or_block(fn(cat, ctx(page), *args, **kwargs))), name)
            return

        def in_the_pages_language(page: Any, *args: Any, **kwargs: Any) -> Any:
            state = page.get("pet_translation")
            fallback = isinstance(state, dict) and state.get("state") == "fallback"  # the whole page is English
            if name in SPEAKS_THE_LANGUAGE and not fallback:
                return inline_or_block(fn(cat, ctx(page), *args, **kwargs))
            html = inline_or_block(fn(english, ctx(page), *args, **kwargs))
            return html if fallback else marked_english(cat, html)

        env.macro(pass_context(in_the_pages_language), name)

    # Each feature module lists its page macros in MACROS = {name: fn(cat, ctx, ...)}.
    for module in MACRO_MODULES:
        for name, fn in module.MACROS.items():
            bind(fn, name)

    @pass_context
    def competency_detail(page: Any, competency_id: str) -> str:
        # In another language a competency's page speaks it once the page is translated (its record
        # is: pipeline/pages.py); an untranslated page is English throughout (ADR 0014).
        state = page.get("pet_translation")
        here = english if isinstance(state, dict) and state.get("state") == "fallback" else cat
        c = ctx(page)
        # The toolkit itself lists some resources under this competency (cited_in); our
        # editors tagged more (a field referring to competencies). Readers see the two groups apart.
        listed = [r for r in here["resources"] if competency_id in r.get("cited_in", [])]
        listed_ids = {r["id"] for r in listed}
        tagged = [r for r in referring(here, "resources", "competencies", competency_id) if r["id"] not in listed_ids]
        href = c.rel(urls.resources_for(here.model.facet_name_to("competencies"), competency_id))
        facet = here.model.facet_to("competencies")
        if len(listed) <= EMBED_LIMIT:
            listed_html = "".join(resource_table.resource_item(here, c, r, level=4) for r in listed)
        else:  # a large catalog: keep the page light (the filtered list has them all)
            listed_html = components.render_component(here, "competency-listed-more", href=href, count=len(listed))
        if len(tagged) <= EMBED_LIMIT:
            # One list per page (issue 25, part 5): the rows, like the toolkit's own list above;
            # filtering is on the Resources page, one link away.
            rows = Markup("".join(resource_table.resource_item(here, c, r, level=4) for r in tagged))
            spans = Markup(resource_table.page_filters(here, tagged + listed, {facet.name: {competency_id}} if facet else {}))
            table = components.render_component(here, "competency-tagged", href=href, rows=rows, filters=spans, count=len(tagged)) if tagged else ""
        else:  # a large catalog: link to the filtered list rather than copy it into the page
            n = len(tagged) + len(listed)
            table = block(components.render_component(here, "competency-tagged", href=href, rows=None, filters="", count=n))
        return inline_or_block(render.competency_detail(here, c, competency_id, table, listed_html))

    env.macro(competency_detail, "competency_detail")

    @pass_context
    def title(page: Any, collection: str, entity_id: str) -> str:
        """An entity's title or name, escaped, for use in a Markdown heading: in the page's
        language, or the English on a page shown in English (a fallback)."""
        state = page.get("pet_translation")
        fallback = isinstance(state, dict) and state.get("state") == "fallback"
        entity = (english if fallback else cat).get(collection, entity_id)
        # Escaped: MkDocs takes the page title from this heading and themes print page
        # titles as HTML (the nav does not escape them), so raw text here would be a hole.
        return inline_or_block(esc(entity.get("title") or entity.get("name") or entity.get("term")))

    env.macro(title, "title")

    # The book's address, page count and size, from the config the build wrote (None in a live preview).
    book_facts = (env.conf.get("extra") or {}).get("book")
    env.macro(pass_context(lambda page: book.book_download(cat, ctx(page), book_facts)), "book_download")
    # Glossary abbreviations in the pages' own Markdown are explained by the `abbr` extension,
    # whose glossary macros/pet_generator/pipeline/pages.py fills from the catalog (no per-page hook: ADR 0008).
