"""Post-build: a zip of the edition that works when opened from a file (a locked-down PC, no
connection): downloads/<title>-<year>-offline.zip.

The zip holds the finished site in one folder, with every page rewritten for file:// URLs:
a link to a folder ("../hiring/") leads to its index.html, because a browser shows a folder's
listing rather than its index page. Fonts, styles and scripts are already local (the site loads
nothing from another host). Pagefind cannot run from a file (it fetches its index), so the
search page gets a small search of its own instead: the text of every page Pagefind indexed
(read back from its index), in a script file a <script> tag loads (docs/assets/offline-search.js reads it). The
Pagefind folder stays out, and so does the zip itself.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline import search_index
from pet_generator.pipeline.book import book_path, offline_href

INDEX_SCRIPT = "assets/offline-index.js"
SEARCH_SCRIPT = "assets/offline-search.js"
SEARCH_PAGE = "search/index.html"
LEFT_OUT = ("pagefind/", "404.html")  # a file copy has no server to show a 404 page (and its URLs start at /)
READ_ME = "READ ME FIRST.txt"
TEXT_LIMIT = 20_000  # characters of one page's text in the offline index: a long page still finds its words

# href, src and action values (always double-quoted in the built pages), relative ones only.
_URL_ATTR = re.compile(r'(\s(?:href|src|action)=")([^"#?:]*)([?#][^"]*)?(")')
# Material's edition selector (a published, versioned build) fetches ../versions.json, which a
# file cannot: the copy is one edition, so the selector goes.
_VERSION = re.compile(r'("version":\s*)\{"provider":\s*"mike"[^{}]*\}')
# The pages offer the zip itself beside the book; the copy is that zip, so the offer goes.
_OFFER = re.compile(r'<p class="pet-offline">.*?</p>', re.S)
_PAGEFIND_SCRIPT = re.compile(r'<script src="[^"]*assets/search\.js"[^>]*></script>')


def offline_path(cat: Catalog) -> str:
    """downloads/peer-employer-toolkit-2026-offline.zip, beside the book."""
    return offline_href(book_path(cat))


def for_file_urls(page: str) -> str:
    """Relative links to folders lead to their index.html; other URLs stay as they are."""

    def fix(m: re.Match[str]) -> str:
        path, rest = m.group(2), m.group(3) or ""
        if path.startswith("/"):
            return m.group(0)
        if path in ("", ".") and not rest.startswith("#"):
            path = "index.html" if path == "." or rest.startswith("?") else path
        elif path == "..":
            path = "../index.html"
        elif path.endswith("/"):
            path += "index.html"
        return f"{m.group(1)}{path}{rest}{m.group(4)}"

    return _OFFER.sub("", _VERSION.sub(r"\1null", _URL_ATTR.sub(fix, page)))


def index_entries(site_dir: Path) -> list[list[str]]:
    """[file, title, kind, text] for each page Pagefind indexed, read from its own index
    (search_index.indexed_pages): the same pages and words as the site's search, and no second
    HTML parse of every page (at 10,000 resource pages that parse took most of this step)."""
    entries = []
    for record in search_index.indexed_pages(site_dir):
        url = record["url"].lstrip("/")
        url = url + "index.html" if url == "" or url.endswith("/") else url
        meta, filters = record.get("meta") or {}, record.get("filters") or {}
        kinds = filters.get("kind") or ["Guidance"]
        title = " ".join(str(meta.get("title") or "").split())
        text = " ".join(str(record.get("content") or "").split())
        entries.append([url, title, str(kinds[0]), text[:TEXT_LIMIT]])
    return entries


def with_offline_search(page: str, depth: int) -> str:
    """The search page: our offline search in place of the Pagefind one."""
    up = "../" * depth
    scripts = f'<script src="{up}{INDEX_SCRIPT}" defer></script><script src="{up}{SEARCH_SCRIPT}" defer></script>'
    replaced, n = _PAGEFIND_SCRIPT.subn(scripts, page)
    return replaced if n else page.replace("</body>", scripts + "</body>")


def read_me(cat: Catalog) -> str:
    edition = cat["edition"]
    return (
        f"{edition['title']}, {edition['year']} edition: a copy that works without an internet connection.\r\n\r\n"
        "1. Unzip this file (in Windows: right-click it, then Extract All).\r\n"
        "2. In the folder it makes, open index.html. It opens in your web browser.\r\n\r\n"
        "Everything works from the folder: the pages, the handouts and their PDFs, the checklists and the search.\r\n"
        "Answers you type into checklists stay in this browser on this computer.\r\n"
    )


def write_offline_zip(site_dir: Path, cat: Catalog) -> None:
    target = site_dir / offline_path(cat)
    folder = Path(offline_path(cat)).stem.removesuffix("-offline") + "/"
    partial = target.with_name(target.name + ".partial")
    # Level 3, not 6: at 10,000 resources it takes 13.5 CPU seconds instead of 18.7, for a zip 10 %
    # larger (104 MB instead of 94); deflating the pages is most of this step.
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=3) as archive:
        archive.writestr(READ_ME, read_me(cat))
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir).as_posix()
            left_out = rel.startswith(LEFT_OUT) or path.name == "404.html"  # every language's 404 page
            if not path.is_file() or path.is_symlink() or left_out or path in (target, partial):
                continue
            if rel.endswith(".html"):
                page = for_file_urls(path.read_text("utf-8"))
                if rel == SEARCH_PAGE:
                    page = with_offline_search(page, rel.count("/"))
                archive.writestr(folder + rel, page)
            else:
                archive.write(path, folder + rel)
        archive.writestr(folder + INDEX_SCRIPT, index_script(index_entries(site_dir)))
    partial.replace(target)


def index_script(entries: list[list[str]]) -> str:
    """window.PET_OFFLINE_INDEX = [[url, title, kind, text], ...]; loaded by a script tag (a
    file:// page may not fetch). JSON is valid JavaScript; with every "<" escaped, no catalog
    text could end a script even if this were ever inlined in a page."""
    data = json.dumps(entries, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.PET_OFFLINE_INDEX={data};\n"
