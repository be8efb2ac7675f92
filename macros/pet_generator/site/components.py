"""Components: the site's markup as Jinja templates, one folder per component (ADR 0012).

    macros/pet_generator/site/templates/components/<name>/template.html.j2   the markup
    macros/pet_generator/site/templates/components/<name>/examples.yaml      example data

`render_component(cat, "resource-row", ctx=ctx, **data)` renders one. The examples drive the
component's render tests, the hostile-string test every template goes through, and the
maintainers' component gallery (docs/reference/components.md).

Templates are files the generator or a toolkit ships, never catalog text: catalog strings only
ever arrive as variables (the rule "never render catalog text as Jinja"). Every variable a
template prints passes through html.esc (the project's escape: quotes, and the braces and
Markdown characters that could make text read as Jinja or a link) unless it is already markup
made by the generator (markupsafe.Markup: the `text` filter, `attrs()`); a variable the
template does not get fails the render (StrictUndefined), naming the template and its line.

A toolkit changes a component by putting a file at the same path under `<toolkit>/templates/`
(searched before the generator's), and its words under `<toolkit>/messages/` (message_catalog).

Layout whitespace does not reach the page: a line break and the next line's indentation are
dropped outside Jinja tags, so templates can be indented like HTML and still render the one-line
markup the pages had (Python-Markdown needs a raw block on one line). Write a space that matters
inside a line, or as {{ " " }}.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup
from pet_generator.catalog import strict_yaml
from pet_generator.catalog.addresses import check_url
from pet_generator.catalog.loader import Catalog, display_path
from pet_generator.site import html
from pet_generator.site.message_catalog import DEFAULT_LANGUAGE, MessageError, Messages

TEMPLATES = Path(__file__).parent / "templates"
COMPONENTS = "components"
TEMPLATE = "template.html.j2"
EXAMPLES = "examples.yaml"
# A toolkit folder holds this file (scripts/new-toolkit; macros/pet_generator/pipeline/toolkit.py SETTINGS):
# the site layer finds the toolkit's own templates and messages beside its catalog folder.
TOOLKIT_SETTINGS = "toolkit.yml"


class ComponentError(Exception):
    """A template that is missing, malformed or not given a value it prints: the build stops."""


# Jinja's own syntax; everything between is the template's markup, whose layout whitespace goes.
_JINJA = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.DOTALL)
_LAYOUT = re.compile(r"\n[ \t]*")


class _Compact(Extension):
    """Drops a line break and the next line's indentation outside Jinja tags. Each one becomes an
    empty comment holding the line break, so error messages keep the file's line numbers."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        pieces = _JINJA.split(source)
        return "".join(p if i % 2 else _LAYOUT.sub("{#\n#}", p) for i, p in enumerate(pieces))


def _finalize(value: Any) -> Any:
    """Every printed value: generator markup as it is, None as nothing, the rest escaped by html.esc."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.esc(value))


def _escaped(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(html.esc(value))


def _join(values: Iterable[Any], separator: str = "") -> Markup:
    """Jinja's join escapes with markupsafe, which leaves braces as they are: join with html.esc."""
    return _escaped(separator).join(_escaped(v) for v in values)


@jinja2.pass_context
def _text(context: jinja2.runtime.Context, value: Any) -> Markup:
    """Catalog text with the glossary's abbreviations explained (html.Context.text), escaped;
    generator markup (marked English in a translated page, made the same way) as it is."""
    if isinstance(value, Markup):
        return value
    ctx = context.get("ctx")
    return Markup(ctx.text(value) if isinstance(ctx, html.Context) else html.esc(value))


# A link the generator made to a page of its own site: relative, no scheme, nothing that could end an attribute.
_RELATIVE = re.compile(r"(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//)[^\s<>\"'`\\\x00-\x1f\x7f]*")


@functools.lru_cache(maxsize=65536)  # rows and pages print the same addresses again and again
def _href(value: Any) -> str:
    """A link target: one of the site's relative links, or an http(s)/mailto address that passes
    the catalog's address check. Anything else stops the build (defence in depth: the catalog's
    validation refuses such addresses first)."""
    text = str(value)
    if _RELATIVE.fullmatch(text) or check_url(text) is None:
        return text
    raise ComponentError(f"refused to print an unsafe link target {text[:60]!r}")


def _attrs(values: Mapping[str, Any]) -> Markup:
    """{"data-x": value, ...} as attributes, as html.attrs writes them: a None or False value
    leaves its attribute out, True writes it bare; each starts with its own space."""
    return Markup(html.attrs(values))


def _where(exc: BaseException) -> str:
    """template path:line of the innermost template frame of an error, if any."""
    tb, found = exc.__traceback__, ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{display_path(Path(filename))}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


class Components:
    """The templates and messages of one site: a toolkit's first, then the generator's."""

    def __init__(self, toolkit: Path | None = None, language: str | None = None):
        self.toolkit = toolkit
        self.search_path = [*([toolkit / "templates"] if toolkit else []), TEMPLATES]
        self.messages = Messages([toolkit / "messages"] if toolkit else [], **({"language": language} if language else {}))
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in self.search_path]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=_finalize,
            extensions=[_Compact],
            auto_reload=False,
            keep_trailing_newline=False,
        )
        # Filters, not globals: Jinja calls a filter directly, a global through its context (3x slower
        # at 10,000 rows). {{ "link.pending"|msg }}, {{ "resources.count"|msg(count=n) }}.
        # msg_html: a message whose placeholders hold generator markup ({{ "plan.handout"|msg_html(link=a) }}).
        env.filters.update(msg=self.messages, msg_html=self.message_html, attrs=_attrs, text=_text, join=_join, href=_href)
        self.env = env
        self._templates: dict[str, jinja2.Template] = {}

    def template_name(self, name: str) -> str:
        return f"{COMPONENTS}/{name}/{TEMPLATE}"

    def render(self, name: str, /, **data: Any) -> str:
        """One component as HTML; `ctx` (html.Context) lets the `text` filter explain abbreviations."""
        try:
            template = self._templates.get(name)
            if template is None:
                template = self._templates[name] = self.env.get_template(self.template_name(name))
            return template.render(**data)
        except jinja2.TemplateNotFound:
            raise ComponentError(
                f"no component '{name}': expected {self.template_name(name)} under {', '.join(map(display_path, self.search_path))}"
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise ComponentError(f"{display_path(Path(exc.filename or '?'))}:{exc.lineno}: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            raise ComponentError(f"{_where(exc)}: component '{name}' was not given {exc.message}") from None
        except MessageError as exc:
            raise ComponentError(f"{_where(exc)}: {exc}") from None

    def message(self, message_id: str, **values: Any) -> str:
        return self.messages(message_id, **values)

    def message_html(self, message_id: str, **values: Any) -> Markup:
        """A message as markup: its words and plain values escaped, markup values (a link made
        by a template or the `text` filter) kept whole."""
        return Markup(self.messages.html(html.esc, message_id, **values))

    def names(self) -> list[str]:
        """Every component, the generator's and a toolkit's own, by name."""
        found = {p.parent.name for folder in self.search_path for p in (folder / COMPONENTS).glob(f"*/{TEMPLATE}")}
        return sorted(found)

    def examples(self, name: str) -> list[dict[str, Any]]:
        """A component's examples: [{name, data}], from the first examples.yaml on the search path."""
        for folder in self.search_path:
            path = folder / COMPONENTS / name / EXAMPLES
            if path.is_file():
                return read_examples(path)
        return []


def read_examples(path: Path) -> list[dict[str, Any]]:
    shown = display_path(path)
    try:
        data, _ = strict_yaml.load(path.read_text(encoding="utf-8"))
    except strict_yaml.StrictYAMLError as exc:
        raise ComponentError(f"{shown}:{exc.problem.line}:{exc.problem.col}: {exc.problem.message}") from None
    if not isinstance(data, list) or not all(
        isinstance(e, dict) and isinstance(e.get("name"), str) and isinstance(e.get("data"), dict) for e in data
    ):
        raise ComponentError(f"{shown}:1:1: examples are a list of {{name: ..., data: {{...}}}}")
    return data


def toolkit_folder(cat: Catalog) -> Path | None:
    """Another organization's toolkit folder (the one holding toolkit.yml beside its catalog), or None."""
    folder = Path(cat.root).parent
    return folder if (folder / TOOLKIT_SETTINGS).is_file() else None


_SITES: dict[tuple[Path | None, str], Components] = {}
_BY_CATALOG: dict[tuple[Path, str], Components] = {}


def for_catalog(cat: Catalog) -> Components:
    """The components of the site this catalog builds, made once per toolkit and language (and
    looked up once per catalog folder: a row is rendered 10,000 times). A translated catalog
    (catalog/translations/) carries its language; the plain catalog is English."""
    language = getattr(cat, "language", DEFAULT_LANGUAGE)
    found = _BY_CATALOG.get((cat.root, language))
    if found is None:
        found = _BY_CATALOG[cat.root, language] = for_language(cat, language)
    return found


def for_language(cat: Catalog, language: str) -> Components:
    """The components of the site this catalog builds, in a language (the pages' build, which
    reads the English catalog, writes each page's translation note in its language)."""
    folder = toolkit_folder(cat)
    if (folder, language) not in _SITES:
        _SITES[folder, language] = Components(folder, language)
    return _SITES[folder, language]


def render_component(cat: Catalog, name: str, /, **data: Any) -> str:
    return for_catalog(cat).render(name, **data)


def message(cat: Catalog, message_id: str, **values: Any) -> str:
    return for_catalog(cat).message(message_id, **values)
