"""Compare two builds of the same catalog by different engines (ADR 0008).

What a reader gets is compared, not the bytes: the set of pages; the text of each page's main
content (whitespace normalised) and the links and scripts in it; and around it the page
title, description, search filters, menu, table of contents, header and footer links. Links
are resolved to site paths, so two ways of writing the same link ("./.." and "..") compare
equal. The theme's own files (its bundled script and stylesheets, their hashed names, its
JSON configuration block) and the generator meta tag are expected to differ and are not
compared.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

MAIN = "article.md-content__inner"
_URL_ATTRIBUTES = ("href", "src", "action")


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _resolve(page: str, url: str) -> str:
    """A relative URL as the site path it reaches from `page`; absolute ones as they are."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^#", url):
        return url
    path, _, fragment = url.partition("#")
    if path.startswith("/"):
        return posixpath.normpath(path) + (f"#{fragment}" if fragment else "")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if joined.startswith(".."):
        return f"OUTSIDE THE SITE:{url}"
    if joined == "index.html" or joined.endswith("/index.html"):  # a folder's page is the folder
        joined = posixpath.dirname(joined) or "."
    return joined + (f"#{fragment}" if fragment else "")


def _words(tag: Tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text()).strip()


def page_facts(site: Path, page: str) -> dict[str, object]:
    """What a reader gets from one page, engine-neutral."""
    soup = BeautifulSoup((site / page).read_text("utf-8"), "html.parser")
    main = soup.select_one(MAIN) or soup.body or soup

    def links(tags: list[Tag]) -> list[str]:
        return [f"{t.name} {a}={_resolve(page, str(t[a]))} {_words(t)[:60]}".rstrip() for t in tags for a in _URL_ATTRIBUTES if t.get(a) is not None]

    description = soup.find("meta", attrs={"name": "description"})
    return {
        "text": _words(main),
        "links": links(main.find_all(True)),
        "title": soup.title.get_text() if soup.title else None,
        "description": description.get("content") if isinstance(description, Tag) else None,
        "search": sorted(str(t["data-pagefind-filter"]) for t in soup.select("[data-pagefind-filter]"))
        + (["indexed"] if soup.select_one("[data-pagefind-body]") else []),
        "abbreviations": sorted({f"{_words(a)}={a.get('title')}" for a in main.select("abbr")}),
        "menu": links(soup.select("nav.md-nav--primary a")),
        "contents": links(soup.select("nav.md-nav--secondary a")),
        "header": links(soup.select("header a, header form")),
        "footer": links(soup.select("footer a")),
        # The words the theme puts around the content: menu and table of contents titles, labels.
        "labels": sorted(f"{t.name}={t.get('aria-label')}" for t in soup.select("nav[aria-label], form[aria-label], [role=search]"))
        + [_words(t) for t in soup.select(".md-nav__title")],
    }


# The theme's own files: their names carry content hashes, and each engine bundles its own.
# Another language's build (ADR 0014) has its own copy under /<language>/.
THEME_FILES = re.compile(r"^([a-z]{2,3}/)?assets/(javascripts|stylesheets)/|\.map$|^pagefind/")


def file_differences(reference: Path, other: Path) -> list[str]:
    """Files other than pages, the theme's and Pagefind's (named by content hash) that one build has and the other lacks."""

    def files(site: Path) -> set[str]:
        rels = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        return {r for r in rels if not r.endswith(".html") and not THEME_FILES.search(r)}

    ours, theirs = files(reference), files(other)
    return [f"{p}: missing" for p in sorted(ours - theirs)] + [f"{p}: extra file" for p in sorted(theirs - ours)]


def differences(reference: Path, other: Path) -> list[str]:
    """One line per page and aspect that differs, stable and short enough to list exactly in a test."""
    ours, theirs = pages(reference), pages(other)
    found = [f"{p}: missing" for p in sorted(ours - theirs)] + [f"{p}: extra page" for p in sorted(theirs - ours)]
    for page in sorted(ours & theirs):
        a, b = page_facts(reference, page), page_facts(other, page)
        found += [f"{page}: {aspect}" for aspect in a if a[aspect] != b[aspect]]
    return found


def explain(reference: Path, other: Path, difference: str) -> str:
    """The detail behind one line of differences(), for an assertion message."""
    page, _, aspect = difference.partition(": ")
    if aspect not in ("missing", "extra page", "extra file"):
        a, b = page_facts(reference, page)[aspect], page_facts(other, page)[aspect]
        if isinstance(a, list) and isinstance(b, list):
            return f"{difference}: only in the reference {[x for x in a if x not in b][:3]}, only here {[x for x in b if x not in a][:3]}"
        return f"{difference}: {_first_difference(str(a), str(b))}"
    return difference


def _first_difference(a: str, b: str) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"{a[max(0, i - 40) : i + 40]!r} vs {b[max(0, i - 40) : i + 40]!r}"
