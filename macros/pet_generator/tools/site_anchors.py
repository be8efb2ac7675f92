"""The built site's internal anchors (`page/#part`), checked in one pass over its pages.

linkchecker checks that every internal link leads to a file. Its own anchor check (the
AnchorCheck plugin) fetches and parses a page once for every different anchor pointing into it,
so a glossary linked by 200 terms is parsed 200 times: 415 of the whole test suite's 1,730 s
(session 10). Here each page is parsed once: first every page's ids, then every link with a
fragment into the site is looked up in them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ELEMENTS = {"a", "area"}
SITE = "http://site.invalid/"  # a stand-in origin to resolve links against


@dataclass(frozen=True)
class MissingAnchor:
    page: str  # the page the link is on, as a site path ("pay/")
    href: str  # the link as written
    target: str  # the page it leads to, as a site path

    def __str__(self) -> str:
        return f"{self.page or '/'}: link `{self.href}' leads to {self.target or '/'}, which has no element with that id"


class _PageReader(HTMLParser):
    """A page's ids (and `<a name>`s) and the fragments its links ask for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        href = values.get("href")
        if tag in LINK_ELEMENTS and href and "#" in href:
            self.links.append(href)


def site_path(site_dir: Path, file: Path) -> str:
    """The address of a built file inside the site: "pay/" for pay/index.html, "" for the home page."""
    rel = file.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return ""
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


def _target(page: str, href: str) -> tuple[str, str] | None:
    """(the site path a link leads to, its decoded fragment), or None for a link that leaves the
    site or has no fragment to check. Resolved as a browser resolves it, against the page's address."""
    parts = urlsplit(href)
    if not parts.fragment or parts.scheme or parts.netloc:
        return None
    resolved = urlsplit(urljoin(SITE + page, href))
    path = resolved.path.removeprefix("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    elif path and not path.endswith(("/", ".html")):
        path += "/"  # a folder's address without its slash: served as the folder's index page
    return path, unquote(resolved.fragment)


def _pages(site_dir: Path) -> Iterator[tuple[str, _PageReader]]:
    for file in sorted(site_dir.rglob("*.html")):
        reader = _PageReader()
        reader.feed(file.read_text("utf-8", errors="replace"))
        reader.close()
        yield site_path(site_dir, file), reader


def missing_anchors(site_dir: Path) -> list[MissingAnchor]:
    """Every link inside the site whose anchor names no element on the page it leads to. A link to
    a page that does not exist is linkchecker's to report, not this check's."""
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for page, reader in _pages(site_dir):
        ids[page] = reader.ids
        links += [(page, href) for href in reader.links]
    missing = []
    for page, href in links:
        found = _target(page, href)
        if found is None:
            continue
        target, fragment = found
        known = ids.get(target)
        if known is not None and fragment not in known:
            missing.append(MissingAnchor(page, href, target))
    return missing
