"""Site search: real Pagefind index, our result list, in Chromium against the built site."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from macros.catalog import Catalog

RESULT_LINKS = "els => els.map(e => e.getAttribute('href'))"


def search(page: Any, term: str) -> list[str]:
    page.goto(f"search/?q={quote(term)}")
    page.wait_for_function("() => /match|No results/.test(document.querySelector('.pet-search-status').textContent)")
    return page.eval_on_selector_all(".pet-search-results a", RESULT_LINKS)


def resource_hits(links: list[str]) -> set[str]:
    return {link.split("#", 1)[1] for link in links if "/resources/#" in link}


@pytest.mark.parametrize("term", ["supervision", "living wage"])
def test_search_returns_resources(page: Any, catalog: Catalog, term: str) -> None:
    hits = resource_hits(search(page, term))
    assert hits, f"no resource found for {term!r}"
    assert hits <= {r["id"] for r in catalog["resources"]} | {h for h in hits if h.startswith("pet-filter-category-")}
    assert page.foreign_requests == []


def test_search_finds_a_resource_by_its_alias_and_publisher(page: Any, catalog: Catalog) -> None:
    with_alias = [r for r in catalog["resources"] if r.get("aliases")]
    assert with_alias, "no resource has an alias"
    r = with_alias[0]
    assert r["id"] in resource_hits(search(page, r["aliases"][0]))
    assert r["id"] in resource_hits(search(page, r["title"]))


def test_results_are_safe_links_and_excerpts_keep_only_mark(page: Any) -> None:
    links = search(page, "supervision")
    assert links and all(link.startswith(page.url.split("/search/")[0]) for link in links)
    tags = page.eval_on_selector_all(".pet-search-results p *", "els => els.map(e => e.tagName)")
    assert set(tags) <= {"MARK"} and "MARK" in tags


def test_section_filter_narrows_results(page: Any) -> None:
    everything = search(page, "supervision")
    page.locator('.pet-search-filters details:has(input[name="section"]) summary').click()
    page.check('.pet-search-filters input[name="section"][value="Resources"]')
    page.wait_for_function("() => location.search.includes('section=Resources')")
    page.wait_for_function("n => document.querySelectorAll('.pet-search-results > li').length < n", arg=len(everything))
    pages = page.eval_on_selector_all(".pet-search-results > li > h2 a", RESULT_LINKS)
    assert pages and all(p.endswith("/resources/") for p in pages)


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
