"""The offline copy (macros/pet_generator/pipeline/offline.py, issue 26 part 3): a zip of the edition that
works from file:// URLs on a locked-down PC, with its own search (Pagefind cannot run there).
Tested in Chromium from the unzipped folder: open the home page, follow a link, search for a
handout and open it, tick a checklist item that survives a reload, print it."""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline import offline
from pypdf import PdfReader


def test_links_to_folders_lead_to_their_index_html() -> None:
    page = (
        '<a href="../hiring/#ads">a</a><a href=".">b</a><a href="..">c</a><a href="./">d</a>'
        '<form action="../search/" method="get"></form><a href="#top">e</a><a href="https://example.org/x/">f</a>'
        '<script src="../assets/pet.js"></script><a href="mailto:a@b.org">g</a><a href="?q=1">h</a>'
    )
    assert offline.for_file_urls(page) == (
        '<a href="../hiring/index.html#ads">a</a><a href="index.html">b</a><a href="../index.html">c</a><a href="./index.html">d</a>'
        '<form action="../search/index.html" method="get"></form><a href="#top">e</a><a href="https://example.org/x/">f</a>'
        '<script src="../assets/pet.js"></script><a href="mailto:a@b.org">g</a><a href="index.html?q=1">h</a>'
    )


def test_the_copy_does_not_offer_itself() -> None:
    page = (
        '<p class="pet-book"><a href="../downloads/b.pdf">Book</a></p><p class="pet-offline"><a href="../downloads/b-offline.zip">Copy</a>: unzip</p>'
    )
    assert offline.for_file_urls(page) == '<p class="pet-book"><a href="../downloads/b.pdf">Book</a></p>'


def test_the_copy_has_no_edition_selector() -> None:
    config = '<script id="__config" type="application/json">{"base": ".", "version": {"provider": "mike", "default": "latest"}}</script>'
    assert offline.for_file_urls(config) == '<script id="__config" type="application/json">{"base": ".", "version": null}</script>'


def _fragment(folder: Path, name: str, record: dict[str, Any]) -> None:
    """A fragment file as Pagefind writes it: gzip of its magic bytes and the page's JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"en_{name}.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(record).encode()))


def test_the_index_holds_what_pagefind_indexed_and_nothing_else(tmp_path: Path) -> None:
    fragments = tmp_path / "pagefind" / "fragment"
    _fragment(
        fragments,
        "b",
        {"url": "/resources/x/", "content": "A title.  Body &\nwords", "meta": {"title": "A  title"}, "filters": {"kind": ["Resource"]}},
    )
    _fragment(fragments, "a", {"url": "/", "content": "Home words", "meta": {"title": "Home"}, "filters": {}})
    (fragments / "en_c.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd[1, 2]"))  # not a page record: skipped
    assert offline.index_entries(tmp_path) == [
        ["index.html", "Home", "Guidance", "Home words"],
        ["resources/x/index.html", "A title", "Resource", "A title. Body & words"],
    ]


def test_catalog_text_cannot_break_out_of_the_index_script() -> None:
    script = offline.index_script([["a/index.html", "</script><script>alert(1)</script>", "Guidance", "x\u2028y"]])
    assert "</script>" not in script and "<" not in script


@pytest.fixture(scope="module")
def unzipped(site_dir: Path, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = site_dir / offline.offline_path(catalog)
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert offline.READ_ME in names
        assert not [n for n in names if "/pagefind/" in n or n.endswith(".zip")]
        z.extractall(out)
    return out / "peer-employer-toolkit-2026"


def test_no_page_in_the_copy_links_to_a_folder_or_loads_anything_from_elsewhere(unzipped: Path) -> None:
    for page in unzipped.rglob("*.html"):
        text = page.read_text("utf-8")
        for url in re.findall(r'\s(?:href|src|action)="([^"]*)"', text):
            if url.startswith(("#", "mailto:", "https://", "http://", "data:")):
                assert not url.startswith("http") or "<a " in text, url
                continue
            path = url.split("#")[0].split("?")[0]
            assert not path.endswith("/") and path not in (".", ".."), f"{page}: {url}"
            if path:
                assert (page.parent / path).resolve().exists(), f"{page.relative_to(unzipped)}: {url}"
        assert not re.search(r'\ssrc="https?:', text) and "fonts.googleapis" not in text


def test_in_chromium_from_a_file_url(browser: Any, unzipped: Path, catalog: Catalog, tmp_path: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    home = (unzipped / "index.html").as_uri()
    page.goto(home)
    assert page.title().startswith(catalog["edition"]["title"]) and page.locator("h1").first.is_visible()
    # Follow a link from the home page: a folder link leads to the page, not a folder listing.
    page.click("article a[href$='peer-role/index.html']")
    assert page.url.endswith("/peer-role/index.html")
    assert "The peer role" in page.locator("h1").first.inner_text()
    # Search from the header for a handout and open it.
    handout = next(h for h in catalog["handouts"] if any(b["kind"] == "checklist" for b in h["blocks"]))
    page.fill("#pet-header-q", handout["title"])
    page.press("#pet-header-q", "Enter")
    page.wait_for_selector(".pet-search-results li")
    assert page.url.split("?")[0].endswith("/search/index.html")
    assert re.match(r"\d+ results? match", page.locator(".pet-search-status").inner_text())  # the site search's words
    first = page.locator(".pet-search-results a").first
    assert first.inner_text() == handout["title"]
    first.click()
    assert page.url.endswith(f"/handouts/{handout['id']}/index.html")
    # Tick the first checklist item: it is saved in this browser and survives a reload.
    box = page.locator(".pet-checklist input[type=checkbox]").first
    box.check()
    page.reload()
    # The saved answer is put back by the page's script: wait for it (a busy machine runs it late).
    page.wait_for_function("document.querySelector('.pet-checklist input[type=checkbox]').checked", timeout=10_000)
    assert page.locator(".pet-checklist input[type=checkbox]").first.is_checked()
    # Print it: the handout, ticked, without the site's menu.
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf))
    text = " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    assert handout["title"] in text and "About and contributing" not in text
    assert errors == []
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:"))] == []
    context.close()
