"""Small, safe HTML building blocks. Every catalog string passes through `esc` or `text`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from pet_generator.catalog import urls
from pet_generator.catalog.addresses import check_url

_NEUTRALISE = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;", "*": "&#42;", "_": "&#95;"})


def esc(value: Any) -> str:
    """Escape for text and double-quoted attributes. Braces become entities so catalog text
    can never look like Jinja, and [ ] ` \\ * _ so that text which lands in Markdown (inline
    macros, page variables) can never form a link such as [x](javascript:...) or emphasis."""
    return escape(str(value), quote=True).translate(_NEUTRALISE)


def attrs(values: Mapping[str, Any]) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(parts)


def tag(name: str, content: str = "", **attributes: Any) -> str:
    """`content` must already be safe HTML; attribute names use _ for - (data_id → data-id)."""
    clean = {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()}
    return f"<{name}{attrs(clean)}>{content}</{name}>"


def safe_href(url: str | None) -> str | None:
    """Only http(s) and mailto URLs that passed validation ever reach an href."""
    if not url or check_url(url) is not None:
        return None
    return url


# Front matter keys macros/pet_generator/pipeline/pages.py writes into every page before the engine runs (ADR 0008),
# in place of mkdocs-macros' env.page, which Zensical leaves empty: the page's own URL, and
# where its relative links start (the URL, or the source file's folder for an engine that
# rewrites relative URLs as if written in the Markdown source). The macros read the second.
PAGE_URL_KEY = "pet_page_url"
LINK_BASE_KEY = "pet_link_base"


@dataclass
class Context:
    """What a renderer needs to know about the page it renders into."""

    page_url: str = ""  # where the page's relative links start, e.g. "competencies/x/" (LINK_BASE_KEY)
    abbreviations: dict[str, str] = field(default_factory=dict)
    # In another language's build (ADR 0014): the resources that have a page in it (None: all),
    # and the way from that language's root up to the English one ("../" from /es/).
    resource_pages: frozenset[str] | None = None
    up_to_english: str = ""
    _abbr_re: re.Pattern[str] | None = None

    def rel(self, target: str) -> str:
        """A link from the current page to a site-relative target ("resources/#x")."""
        depth = self.page_url.strip("/").count("/") + 1 if self.page_url.strip("/") else 0
        return "../" * depth + target

    def resource(self, resource_id: str) -> str:
        """A link to a resource's own page: in this language when it has one there, else the
        English page (a resource not yet translated has no copy under /es/)."""
        page = urls.resource_page(resource_id)
        if self.resource_pages is None or resource_id in self.resource_pages:
            return self.rel(page)
        return self.rel(self.up_to_english + page)

    def text(self, value: Any) -> str:
        """Escaped text with known abbreviations explained (Material shows a tooltip).
        Abbreviations are found in the text itself, before escaping, and each piece is escaped
        on its own: matching escaped HTML would let an abbreviation such as "&amp" cut an entity."""
        raw = str(value)
        if not self.abbreviations:
            return esc(raw)
        if self._abbr_re is None:
            words = sorted(self.abbreviations, key=len, reverse=True)
            self._abbr_re = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, words)) + r")(?![\w/])")
        out, last = [], 0
        for match in self._abbr_re.finditer(raw):
            word = match.group(1)
            out += [esc(raw[last : match.start()]), tag("abbr", esc(word), title=self.abbreviations[word])]
            last = match.end()
        out.append(esc(raw[last:]))
        return "".join(out)

    def paragraphs(self, value: str | None, **attributes: Any) -> str:
        if not value:
            return ""
        return "".join(tag("p", self.text(p.strip()), **attributes) for p in re.split(r"\n\s*\n", value) if p.strip())

    def items(self, items: Iterable[Any], ordered: bool = False, **attributes: Any) -> str:
        """A list whose entries are text or {text, items} (one level of nesting)."""
        lis = []
        for item in items or []:
            if isinstance(item, dict):
                lis.append(tag("li", self.text(item["text"]) + self.items(item.get("items", []))))
            else:
                lis.append(tag("li", self.text(item)))
        return tag("ol" if ordered else "ul", "".join(lis), **attributes) if lis else ""


_HEADING = re.compile(r"<(/?)h([1-6])\b")


def shift_headings(fragment: str, by: int) -> str:
    """Every heading of a fragment `by` levels lower (<h1> -> <h2> for 1), never below <h6>: a
    fragment shown under a heading of its own (a book chapter's part, a gallery example)."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", fragment)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def without_scripts(fragment: str) -> str:
    """A fragment with its <script> elements (and their JSON data) left out: shown, not run (the
    book's pages, the gallery's examples)."""
    return _SCRIPT.sub("", fragment)


def block(html: str) -> str:
    """Wrap rendered HTML so Python-Markdown passes it through as one raw block."""
    return "\n\n" + html.replace("\n", " ") + "\n\n"
