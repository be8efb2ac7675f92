"""The book's anchors and links: every page of the site becomes a part of one HTML document.

Each part gets a key from its site URL ("hiring/" -> "hiring", "competencies/x/" ->
"competencies--x"), and every element id inside it is prefixed with that key, so ids that
repeat from page to page ("overview", "cited-welcome") stay unique in the book. Links are then
resolved the way the site resolves them (Markdown links from the source file, macro links from
the page URL) and point either at a part of the book ("#hiring__hiring-advertising"), at the
web (http, https, mailto, printed after the link text), or nowhere: a link to a page the book
does not hold (the self-assessment, the search page) keeps its words and loses the link, or
leads to the published site when the edition names its address. No relative or file: URL
ever reaches the PDF.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from pet_generator.site.html import esc, safe_href

KEY_SEPARATOR = "__"  # between a part's key and an id inside it
_ID = re.compile(r'(<[a-zA-Z][^<>]*?\sid=")([^"]*)(")')
_ANY_ID = re.compile(r'\sid="([^"]*)"')
_A = re.compile(r"<a\b([^<>]*)>(.*?)</a>", re.S)
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')
_TAGS = re.compile(r"<[^<>]*>")
_LANG_SPAN = re.compile(r'<span lang="([a-zA-Z-]+)">((?:(?!<span\b).)*)</span>', re.S)
# Attributes a link keeps in the book; href is rewritten, the rest (rel, data-*) means nothing on paper.
_KEPT = ("id", "class", "title", "aria-label", "lang")


def page_key(url: str) -> str:
    """A part's key from its site URL: "" (home) -> "home", "a/b/" -> "a--b"."""
    stem = url.strip("/")
    return stem.replace("/", "--") if stem else "home"


def prefix_ids(fragment: str, key: str) -> str:
    """Every id="x" inside a part becomes id="<key>__x"."""
    return _ID.sub(lambda m: f"{m.group(1)}{key}{KEY_SEPARATOR}{m.group(2)}{m.group(3)}", fragment)


def ids_in(document: str) -> set[str]:
    return {html.unescape(i) for i in _ANY_ID.findall(document)}


def site_target(href: str, source: str, page_url: str) -> tuple[str, str] | None:
    """(site URL, fragment) that a relative link on a page leads to, as the site resolves it:
    a link to a .md file from the Markdown source's folder, any other from the page URL.
    None when it leaves the site."""
    from pet_generator.pipeline.pages import page_url as url_of_source

    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    if not path:
        return page_url, fragment
    if path.endswith(".md"):
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        return (None if joined.startswith("..") else (url_of_source(joined), fragment)) if joined != "." else None
    joined = posixpath.normpath(posixpath.join(page_url, path))
    if joined.startswith(".."):
        return None
    if joined == ".":
        return "", fragment
    return (joined + "/" if path.endswith("/") else joined), fragment


@dataclass(frozen=True)
class Part:
    """Where a part of the book came from: what its relative links start from."""

    key: str
    source: str  # the docs-relative Markdown file ("" for parts made from the catalog alone)
    page_url: str  # the site URL the part stands for


class Linker:
    """Rewrites the links of every part once all parts (and so all ids) are known."""

    def __init__(self, parts: dict[str, str], ids: set[str], site_url: str | None, entry_key: Callable[[str], str | None]):
        self.parts = parts  # site URL -> key of the part that holds it
        self.ids = ids
        self.site_url = (site_url or "").rstrip("/")
        self.entry_key = entry_key  # site URL of a single entry (a resource page) -> its id in the book, if listed
        self.unlinked: list[str] = []  # hrefs that lost their link (for tests and the build log)

    def anchor(self, url: str, fragment: str) -> str | None:
        """The book's id for a site URL and fragment; None when the book does not hold it."""
        entry = self.entry_key(url)
        if entry and entry in self.ids:
            return entry
        key = self.parts.get(url)
        if key is None:
            return None
        inner = f"{key}{KEY_SEPARATOR}{fragment}"
        if fragment and inner in self.ids:
            return inner
        if fragment and fragment in self.ids:  # an id that belongs to the book itself (entries)
            return fragment
        return key if key in self.ids else None

    def rewrite(self, fragment: str, part: Part) -> str:
        return _A.sub(lambda m: self._link(m.group(1), m.group(2), part), fragment)

    def _link(self, attributes: str, inner: str, part: Part) -> str:
        found = dict(_ATTR.findall(attributes))
        href = html.unescape(found.get("href", ""))
        kept = {k: v for k, v in found.items() if k in _KEPT}
        classes = [c for c in kept.pop("class", "").split() if c]
        if not href:
            return inner
        whole = _LANG_SPAN.fullmatch(inner.strip())
        if whole and "lang" not in kept:  # words in another language than the page's: the link says so
            kept["lang"], inner = whole.group(1), whole.group(2)
        if href.startswith("#") or not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            target = site_target(href, part.source, part.page_url)
            anchor = self.anchor(*target) if target else None
            if anchor:
                return _a(f"#{anchor}", [*classes, "pet-xref"], kept, inner)
            if target and self.site_url and not target[0].startswith(("assets/",)):
                url = f"{self.site_url}/{target[0]}" + (f"#{target[1]}" if target[1] else "")
                if safe_href(url):
                    return _a(url, [*classes, *_printed(url, inner)], kept, inner)
            self.unlinked.append(href)
            return inner
        if not safe_href(href):  # only http, https and mailto ever reach the PDF
            self.unlinked.append(href)
            return inner
        return _a(href, [*classes, *_printed(href, inner)], kept, inner)


def _printed(url: str, inner: str) -> list[str]:
    """External links print their address after the words, unless the words are the address."""
    words = html.unescape(_TAGS.sub("", inner)).strip()
    shown = url.removeprefix("mailto:")
    return [] if words in (url, shown, url.removeprefix("https://"), url.removeprefix("http://")) else ["pet-url"]


def _a(href: str, classes: list[str], kept: dict[str, str], inner: str) -> str:
    # Only words inside a link: WeasyPrint 70 gives an element nested in a link (an <abbr>,
    # <strong>) an annotation of its own, tied to no link in the structure (issue #2482).
    inner = _TAGS.sub("", inner)
    attributes = f' href="{esc(href)}"'
    if classes:
        attributes += f' class="{esc(" ".join(dict.fromkeys(classes)))}"'
    attributes += "".join(f' {k}="{v}"' for k, v in kept.items())  # values are still escaped as found
    return f"<a{attributes}>{inner}</a>"
