"""Site search: the real Pagefind index of every published page, a page per resource included
(ADR 0004, 0007), and our result list, in Chromium against the built site."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT
from pet_generator.catalog import urls
from pet_generator.catalog.loader import HANDOUT_SLOT, Catalog
from pet_generator.pipeline import search_index
from pet_generator.site.resource_page import SECTION
from pet_generator.tools.local_server import serve
from playwright.sync_api import expect

RESULT_LINKS = "els => els.map(e => e.getAttribute('href'))"
HEADINGS = ".pet-search-results > li > h2 a"


def search(page: Any, term: str, prefix: str = "") -> list[str]:
    """Result links (headings and sub-results) for `term` on the search page."""
    page.goto(f"{prefix}search/?q={quote(term)}")
    page.wait_for_function("() => /match|No results|coincid|No hay resultados/.test(document.querySelector('.pet-search-status').textContent)")
    return page.eval_on_selector_all(".pet-search-results a", RESULT_LINKS)


def resource_hits(links: list[str]) -> set[str]:
    """Ids of the resource pages among result links (.../resources/<id>/)."""
    return {link.rstrip("/").rsplit("/", 1)[1] for link in links if re.search(r"/resources/[^/#?]+/$", link)}


def fragments(site_dir: Path) -> dict[str, dict[str, Any]]:
    """Every record Pagefind wrote, by URL (fragments are gzip JSON after a signature)."""
    out = {}
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        out[record["url"]] = record
    return out


def with_alias(catalog: Catalog) -> dict[str, Any]:
    found = [r for r in catalog["resources"] if r.get("aliases")]
    assert found, "no resource has an alias"
    return found[0]


# --- the index on disk ---------------------------------------------------------------------


def test_index_holds_every_published_page_and_a_page_per_resource(site_dir: Path, catalog: Catalog) -> None:
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    pages = [p for p in site_dir.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert indexed == len(pages) and len(pages) > len(catalog["resources"])
    found = fragments(site_dir)
    assert not [u for u in found if "#" in u or "pet-page" in u], "no custom records and no shell page any more"
    for r in catalog["resources"]:
        record = found["/" + urls.resource_page(r["id"])]
        assert record["meta"]["title"] == " ".join(r["title"].split()) and record["meta"]["kind"] == "Resource"
        assert record["meta"]["type"] == catalog.get("taxonomy.types", r["type"])["label"]
        assert record["meta"].get("publisher") == (" ".join(r["publisher"].split()) if r.get("publisher") else None)
        assert record["filters"]["section"] == [SECTION] and record["filters"]["kind"] == ["Resource"]
        assert record["filters"]["type"] == [catalog.get("taxonomy.types", r["type"])["label"]]
        assert all(" ".join(a.split()) in record["content"] for a in r.get("aliases", []))
        # Short, as the search record was: navigation and links stay out (ADR 0005 ranks on it).
        assert "Search the web" not in record["content"] and "Cite this resource" not in record["content"]
    guidance = [f for u, f in found.items() if not re.fullmatch(r"(/es)?/resources/[^/]+/", u)]
    assert guidance and all(f["filters"]["kind"] == ["Guidance"] for f in guidance)
    # A translated resource's Spanish page is a Spanish record, in the section as the Spanish menu names it.
    spanish = [f for u, f in found.items() if re.fullmatch(r"/es/resources/[^/]+/", u)]
    assert spanish and all(f["filters"]["kind"] == ["Resource"] and f["filters"]["section"] == ["Recursos"] for f in spanish)


def test_resource_pages_share_the_list_pages_filter_values(site_dir: Path) -> None:
    """A facet value is spelled the same on every page, or the search page lists it twice."""
    html = BeautifulSoup((site_dir / "resources" / "index.html").read_text("utf-8"), "html.parser")
    on_page: dict[str, set[str]] = {}
    for span in html.select("[data-pagefind-filter]"):
        name, value = span["data-pagefind-filter"].split(":", 1)
        on_page.setdefault(name, set()).add(" ".join(value.split()))
    assert on_page["section"] == {SECTION}
    records = [f for u, f in fragments(site_dir).items() if re.fullmatch(r"/resources/[^/]+/", u)]
    for name in ("type", "topic", "competency"):
        on_records = {v for f in records for v in f["filters"].get(name, [])}
        assert on_records and on_records <= on_page[name], name


def test_long_resource_lists_stay_out_of_the_page_index(site_dir: Path, catalog: Catalog) -> None:
    """Fails if a page's resource list is indexed again: at 10,000 resources that made a first
    search download megabytes of fragments (ADR 0004)."""
    found = fragments(site_dir)
    prose = " ".join(p.read_text("utf-8") for p in (ROOT / "docs").rglob("*.md"))
    titles = [r["title"] for r in catalog["resources"] if r["title"] not in prose]
    pending = [r["title"] for r in catalog["resources"] if not r.get("url") and r["title"] not in prose]
    assert len(titles) > 100 and pending
    resources_page = found["/resources/"]
    assert resources_page["word_count"] < 300 and "bookmark" in resources_page["content"]  # its prose is still there
    assert not [t for t in titles if t in resources_page["content"]]
    assert pending and "/maintainers/" not in found  # its worklists list pending titles; the whole page is out of search
    competency_pages = [u for u in found if u.startswith("/competencies/ec-")]
    assert len(competency_pages) == 11
    for url in competency_pages:
        assert not [t for t in titles if t in found[url]["content"]], url


def checklist_items(blocks: list[Any]) -> list[str]:
    """The words of every tick box and rating statement in a handout's blocks, sub-items included."""
    out: list[str] = []
    for block in blocks:
        if block.get("kind") not in ("checklist", "rating"):
            continue
        todo = list(block.get("items", []))
        while todo:
            item = todo.pop()
            out.append(item if isinstance(item, str) else item["text"])
            if isinstance(item, dict):
                todo.extend(item.get("items", []))
    return out


def test_every_checklist_step_and_rating_statement_is_in_the_index(site_dir: Path, catalog: Catalog) -> None:
    """Issue 25, part 2: Pagefind skips <label> and <legend> text, where every step's words are;
    the onboarding page indexed 142 of about 850 words. Each step's words are in its page's record."""
    found = fragments(site_dir)
    checked = 0
    for handout in catalog["handouts"]:
        record = found.get(f"/handouts/{handout['id']}/")
        if record is None:
            continue
        content = " ".join(record["content"].lower().split())
        for text in checklist_items(handout.get("blocks", [])):
            words = " ".join(HANDOUT_SLOT.sub(" ", text).lower().split()[:4])
            assert words in content, (handout["id"], text)
            checked += 1
    assert checked > 50
    assert "hiring panel" in found["/handouts/onboarding-procedure/"]["content"]
    assert "clinical language" in found["/handouts/supervisor-checklist/"]["content"]
    assert "Download as text (.txt)" not in found["/handouts/onboarding-procedure/"]["content"]  # the toolbar's buttons are not the handout's words


# --- the search page in Chromium -------------------------------------------------------------


@pytest.mark.parametrize("term", ["supervision", "living wage"])
def test_search_returns_results(page: Any, catalog: Catalog, term: str) -> None:
    links = search(page, term)
    assert links, f"nothing found for {term!r}"
    assert resource_hits(links) <= {r["id"] for r in catalog["resources"]}
    assert page.foreign_requests == []


def test_a_resource_title_finds_its_page_and_not_the_whole_list(page: Any, catalog: Catalog) -> None:
    r = with_alias(catalog)
    search(page, r["title"])
    headings = page.eval_on_selector_all(HEADINGS, RESULT_LINKS)
    assert headings[0].endswith(f"/resources/{r['id']}/"), headings[:3]
    assert not [h for h in headings if h.endswith("/resources/")], "the /resources/ page matched its (ignored) list"
    first = page.locator(".pet-search-results > li").first
    assert first.locator("h2").inner_text() == r["title"]
    assert first.locator(".pet-search-kind").inner_text().startswith("Resource \u00b7 ")
    first.locator("h2 a").click()
    page.wait_for_url(f"**/resources/{r['id']}/")
    expect(page.locator("article h1")).to_have_text(r["title"])
    assert page.foreign_requests == []


def test_an_alias_finds_its_resource(page: Any, catalog: Catalog) -> None:
    r = with_alias(catalog)
    assert r["id"] in resource_hits(search(page, r["aliases"][0]))


def test_prose_of_the_resources_page_is_still_indexed(page: Any) -> None:
    search(page, "bookmark")  # a word of docs/resources.md's introduction
    assert any(h.endswith("/resources/") for h in page.eval_on_selector_all(HEADINGS, RESULT_LINKS))


def test_results_are_safe_links_and_excerpts_keep_only_mark(page: Any) -> None:
    links = search(page, "supervision")
    assert links and all(link.startswith(page.url.split("/search/")[0]) for link in links)
    tags = page.eval_on_selector_all(".pet-search-results p *", "els => els.map(e => e.tagName)")
    assert set(tags) <= {"MARK"} and "MARK" in tags
    status = page.inner_text(".pet-search-status")
    assert "results match" in status


def test_section_filter_narrows_results(page: Any) -> None:
    everything = search(page, "supervision")
    page.locator('.pet-search-filters details:has(input[name="section"]) summary').click()
    page.check('.pet-search-filters input[name="section"][value="Resources"]')
    page.wait_for_function("() => location.search.includes('section=Resources')")
    # Wait for the filtered list itself: an empty list mid-redraw is also "fewer results".
    page.wait_for_function(
        "([sel, n]) => { const links = [...document.querySelectorAll(sel)]; return links.length > 0 && links.length < n"
        " && links.every(a => a.getAttribute('href').includes('/resources/')); }",
        arg=[HEADINGS, len(everything)],
    )
    shown = page.eval_on_selector_all(HEADINGS, RESULT_LINKS)
    assert shown and all("/resources/" in p for p in shown)
    assert resource_hits(shown)


def test_result_links_work_under_a_subpath(site_dir: Path, catalog: Catalog, browser: Any, tmp_path: Path) -> None:
    """mike publishes each edition under /<year>/: links must keep that prefix."""
    (tmp_path / "2026").symlink_to(site_dir, target_is_directory=True)
    server, url = serve(tmp_path)
    context = browser.new_context(base_url=url)
    try:
        page = context.new_page()
        r = with_alias(catalog)
        search(page, r["title"], prefix="2026/")
        first = page.eval_on_selector_all(HEADINGS, RESULT_LINKS)[0]
        assert first == f"{url}2026/resources/{r['id']}/"
        page.click(HEADINGS)
        page.wait_for_url(f"{url}2026/resources/{r['id']}/")
        expect(page.locator("article h1")).to_have_text(r["title"])
    finally:
        context.close()
        server.shutdown()


def test_header_search_on_every_page_and_the_slash_shortcut(page: Any) -> None:
    page.goto("resources/")
    assert page.locator(".md-header .pet-header-search input[name=q]").count() == 1
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "pet-header-q"
    page.keyboard.type("living wage")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=living+wage")
    page.wait_for_selector(".pet-search-result")
    page.focus("#pet-search-input")
    page.keyboard.type("s")  # typing in a field is never a shortcut
    assert page.input_value("#pet-search-input").endswith("s")
    assert page.foreign_requests == []


# --- a failed indexing -------------------------------------------------------------------------


def test_a_failed_indexing_fails_the_build_and_publishes_nothing(tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    target = tmp_path / "site"
    env = {**os.environ, "PAGEFIND_BINARY_PATH": "/bin/false"}  # a "Pagefind" that exits at once
    result = run_build([ROOT / "scripts" / "build", "--site-dir", target], env=env, timeout=120)
    assert result.returncode == 1
    assert "Pagefind indexing failed: " in result.stderr and "nothing was published" in result.stderr
    assert not target.exists() and not list(tmp_path.glob(".site-new-*"))


def test_a_half_written_index_is_refused(site_dir: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    shutil.copytree(site_dir / "pagefind", bundle)
    assert search_index.bundle_problem(bundle) is None  # the real build's index is whole
    entry = bundle / "pagefind-entry.json"
    whole_entry = entry.read_bytes()
    entry.write_text("", "utf-8")  # what a killed writer leaves
    assert "unreadable" in (search_index.bundle_problem(bundle) or "")
    entry.write_bytes(whole_entry)
    meta = next(bundle.glob("pagefind.*.pf_meta"))
    whole_meta = meta.read_bytes()
    meta.unlink()  # entry written, metadata not
    assert "missing" in (search_index.bundle_problem(bundle) or "")
    fragment = next(bundle.glob("fragment/*.pf_fragment"))
    meta.write_bytes(whole_meta)
    fragment.write_bytes(fragment.read_bytes()[:-6])  # a gzip stream cut before its end
    assert f"cut-off fragment/{fragment.name}" == search_index.bundle_problem(bundle)
    fragment.write_bytes(b"")
    assert f"empty fragment/{fragment.name}" == search_index.bundle_problem(bundle)
