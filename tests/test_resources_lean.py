"""The resource list above FULL_ROWS_LIMIT (lean rows, ADR 0003), built from a synthetic
catalog of 2,050 resources exactly as scripts/build does, without and with JavaScript.

The no-JS page shows each resource's title, link or "link pending", publisher and aliases;
the facets live in a file beside the page that resources.js fetches at the first interaction,
then every row reads as a full row does and the filters behave as on a small catalog."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from bench_catalog import generate  # noqa: E402
from bs4 import BeautifulSoup
from helpers import ROOT
from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog, load_catalog
from pet_generator.site import resource_table
from pet_generator.site.html import Context
from pet_generator.tools.local_server import serve

N = resource_table.FULL_ROWS_LIMIT + 50
VISIBLE = "els => els.filter(e => !e.closest('[hidden]')).map(e => e.dataset.resourceId)"
ROWS = ".pet-resource-table .pet-rows > li"


@pytest.fixture(scope="module")
def lean_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    catalog = generate(ROOT / "catalog", N, tmp_path_factory.mktemp("lean") / "catalog")
    # English alone: the lean list is the same code in every language, and a second language is a
    # second build of every page and a second book (ADR 0014), half this module's time.
    shutil.rmtree(catalog / "i18n")
    return load_catalog(catalog)


@pytest.fixture(scope="module")
def lean_site(lean_catalog: Catalog, build_site: Callable[[Path, Path], Path]) -> Path:
    return build_site(lean_catalog.root, lean_catalog.root.parent / "site")


@pytest.fixture(scope="module")
def lean_url(lean_site: Path) -> Iterator[str]:
    server, url = serve(lean_site)
    yield url
    server.shutdown()


@pytest.fixture
def lean_page(browser: Any, lean_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=lean_url)
    page = context.new_page()
    page.facet_requests = []
    page.on("request", lambda r: page.facet_requests.append(r.url) if "/facets." in r.url else None)
    yield page
    context.close()


def enriched(page: Any) -> None:
    """Wait until resources.js has rebuilt every lean row."""
    page.wait_for_function("n => document.querySelectorAll('.pet-resource-table [data-resource-id]').length === n", arg=N)


def visible(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all(".pet-resource-table [data-resource-id]", VISIBLE))


def expected(catalog: Catalog, **filters: Any) -> list[str]:
    # Lean rows carry no summary, so their text filter cannot look in it (ADR 0003).
    return sorted(r["id"] for r in catalog["resources"] if resource_table.matches({**r, "summary": None}, cat=catalog, **filters))


def test_no_js_page_lists_every_resource_and_its_facets_are_a_file_beside_it(lean_site: Path, lean_catalog: Catalog) -> None:
    page = BeautifulSoup((lean_site / "resources" / "index.html").read_text("utf-8"), "html.parser")
    rows = page.select(ROWS)
    ids = [row.find(id=True)["id"] for row in rows]
    assert sorted(ids) == sorted(r["id"] for r in lean_catalog["resources"])
    assert not page.select(".pet-resource-table [data-resource-id], .pet-rows .pet-suggest, .pet-rows .pet-websearch, .pet-row-summary")
    for row, rid in zip(rows, ids, strict=True):
        r = lean_catalog.get("resources", rid)
        text = " ".join(row.get_text(" ").split())
        assert " ".join(r["title"].split()) in text and ("link pending" in text) is not bool(r.get("url")), rid
        if r.get("publisher"):
            assert " ".join(r["publisher"].split()) in text, rid
    script = page.select_one("script.pet-lean")
    assert not script.string and script["data-src"].startswith("facets.")
    data = json.loads((lean_site / "resources" / script["data-src"]).read_text("utf-8"))
    assert all(len(column) == N for column in data["rows"].values())


def test_every_resource_of_the_large_catalog_gets_its_page(lean_site: Path, lean_catalog: Catalog) -> None:
    """2,050 resources, 2,050 pages (ADR 0009), each titled, in the site's layout, with its JSON-LD;
    the lean rows' titles lead to them; the shell they were made from is gone."""
    pages = sorted(p.parent.name for p in (lean_site / "resources").glob("*/index.html"))
    assert pages == sorted(r["id"] for r in lean_catalog["resources"])
    for r in lean_catalog["resources"][:: N // 40]:  # a sample: every page is checked by the build's safety scan
        html = BeautifulSoup((lean_site / urls.resource_page(r["id"]) / "index.html").read_text("utf-8"), "html.parser")
        assert html.select_one("article h1").get_text() == " ".join(r["title"].split())
        assert html.select_one("nav.md-nav--primary") and html.select_one(f'.pet-resource-page[data-resource-id="{r["id"]}"]')
        assert json.loads(html.select_one('script[type="application/ld+json"]').string)["name"] == r["title"]
    listing = BeautifulSoup((lean_site / "resources" / "index.html").read_text("utf-8"), "html.parser")
    assert all(row.find(id=True).a["href"] == row.find(id=True)["id"] + "/" for row in listing.select(ROWS))
    assert not (lean_site / urls.RESOURCE_SHELL).exists()


def test_nothing_but_the_page_loads_until_the_first_interaction(lean_page: Any) -> None:
    lean_page.goto("resources/", wait_until="load")
    lean_page.wait_for_timeout(600)
    assert lean_page.facet_requests == []
    assert lean_page.locator(".pet-filters").is_visible()
    lean_page.mouse.wheel(0, 400)
    enriched(lean_page)
    assert len(lean_page.facet_requests) == 1


def test_when_the_facet_file_fails_to_load_the_filters_go_and_the_list_stays(lean_page: Any) -> None:
    """A failed fetch must not leave a filter form that does nothing (CSS once outranked `hidden`)."""
    lean_page.route("**/facets.*", lambda route: route.abort())
    lean_page.goto("resources/", wait_until="load")
    box = lean_page.locator(".pet-filterbox")
    assert box.is_visible()  # laid out from the first paint, as long as nothing has failed
    lean_page.focus("#pet-filter-q")  # the first interaction fetches the facets, which fails
    lean_page.wait_for_function("() => document.querySelector('.pet-filterbox').hidden")
    assert not box.is_visible() and not lean_page.locator("#pet-filter-q").is_visible()
    assert lean_page.locator(ROWS).count() == N and lean_page.locator(ROWS).nth(N - 1).is_visible()
    assert lean_page.evaluate("document.activeElement.classList.contains('pet-resource-table')")
    assert len(lean_page.facet_requests) == 1


def test_rebuilt_rows_read_like_full_rows(lean_page: Any, lean_catalog: Catalog) -> None:
    """Each lean row, once rebuilt, has a full row's attributes and text (without the
    "Cited in" line and the resource's address, which lean rows leave out)."""
    lean_page.goto("resources/")
    lean_page.focus("#pet-filter-q")
    enriched(lean_page)
    got = lean_page.eval_on_selector_all(
        ROWS, "els => els.map(e => [e.textContent, Object.fromEntries([...e.attributes].map(a => [a.name, a.value]))])"
    )
    ctx = Context(page_url="resources/")
    for text, attributes in got:
        r = dict(lean_catalog.get("resources", attributes["data-resource-id"]))
        r.pop("cited_in", None)
        r.pop("summary", None)  # lean rows leave summaries to the resource pages
        full = BeautifulSoup(resource_table.resource_item(lean_catalog, ctx, r), "html.parser").li
        for outbound in full.select(".pet-outbound"):  # lean rows leave the address to the resource's page (ADR 0009)
            outbound.decompose()
        assert text == full.get_text(), r["id"]
        assert attributes == {k: v for k, v in full.attrs.items()}, r["id"]
        if not r.get("url"):
            href = lean_page.get_attribute(f'[data-resource-id="{r["id"]}"] .pet-websearch', "href")
            assert href == resource_table.web_search_href(lean_catalog, r)


def test_facets_text_sort_count_url_and_reset_behave_as_on_a_small_catalog(lean_page: Any, lean_catalog: Catalog) -> None:
    topic = lean_catalog["resources"][0]["topics"][0]
    kind = lean_catalog["resources"][1]["type"]
    # Filters in the URL apply at once, without an interaction.
    lean_page.goto("resources/?" + urlencode([("topic", topic), ("type", kind), ("sort", "year")]))
    enriched(lean_page)
    assert visible(lean_page) == expected(lean_catalog, topic=topic, type=kind)
    years = lean_page.eval_on_selector_all(".pet-flat > li:not([hidden])", "els => els.map(e => +e.dataset.year || 0)")
    assert years == sorted(years, reverse=True) and len(years) > 1
    lean_page.fill("#pet-filter-q", "guide")
    assert visible(lean_page) == expected(lean_catalog, topic=topic, type=kind, q="guide")
    shown = len(expected(lean_catalog, topic=topic, type=kind, q="guide"))
    assert lean_page.locator(".pet-count").inner_text() == f"Showing {shown} of {N} resources"
    assert "q=guide" in lean_page.url and f"topic={topic}" in lean_page.url
    category = lean_catalog["resources"][2]["category"]
    box = lean_page.locator(f'.pet-filters input[name="category"][value="{category}"]')
    box.locator("xpath=ancestor::details[1]/summary").click()
    box.check()
    assert visible(lean_page) == expected(lean_catalog, topic=topic, type=kind, q="guide", category=category)
    lean_page.click(".pet-reset")
    lean_page.wait_for_function("() => !location.search")
    assert visible(lean_page) == expected(lean_catalog)
    assert lean_page.locator(".pet-count").inner_text() == f"{N} resources"
    assert lean_page.locator(f".pet-group[data-category='{category}'] > .pet-rows > li").count() > 0


def test_a_link_to_one_resource_shows_it_complete(lean_page: Any, lean_catalog: Catalog) -> None:
    r = next(r for r in lean_catalog["resources"] if r.get("year") and r.get("publisher"))
    lean_page.goto(f"resources/#{r['id']}")
    enriched(lean_page)
    label = lean_catalog.get("taxonomy.types", r["type"])["label"]
    assert f"{r['year']} · {label}" in lean_page.locator(f'[data-resource-id="{r["id"]}"]').inner_text()


def test_lean_list_has_zero_axe_violations_before_and_after_it_is_rebuilt(browser: Any, lean_url: str) -> None:
    """axe-core, WCAG 2.0 to 2.2 A and AA, on the list as the server sends it and as the script
    leaves it (the CSP is bypassed only to inject axe, as in test_accessibility_axe)."""
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")
    context = browser.new_context(base_url=lean_url, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto("resources/", wait_until="load")
        page.add_script_tag(content=axe)
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        run = "tags => axe.run('.pet-resource-table', {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        for state in ("as sent", "rebuilt"):
            if state == "rebuilt":
                page.focus("#pet-filter-q")
                enriched(page)
            violations = page.evaluate(run, tags)["violations"]
            assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations] == [], state
    finally:
        context.close()
