"""The resource list as built HTML, without a browser: what readers without JavaScript get,
and the one definition of the filters (resource_table.matches)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog
from pet_generator.site import resource_table
from pet_generator.site.html import Context


def soup(site_dir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / page / "index.html").read_text("utf-8"), "html.parser")


def test_no_js_page_lists_every_resource_once_grouped_by_category(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "resources")
    table = page.select_one(".pet-resource-table")
    groups = table.select("section.pet-group")
    order = [c["id"] for c in catalog["taxonomy"]["categories"]]
    assert [g["data-category"] for g in groups] == [c for c in order if any(r["category"] == c for r in catalog["resources"])]
    seen = []
    for group in groups:
        heading = group.find(["h2", "h3"])
        assert heading.get_text(strip=True) == catalog.get("taxonomy.categories", group["data-category"])["label"]
        for row in group.select("[data-resource-id]"):
            r = catalog.get("resources", row["data-resource-id"])
            assert r["category"] == group["data-category"], r["id"]
            assert row.find(id=r["id"]) is not None, f"{r['id']} has no permalink anchor"
            assert " ".join(r["title"].split()) in " ".join(row.get_text().split())
            seen.append(r["id"])
    assert sorted(seen) == sorted(r["id"] for r in catalog["resources"])
    assert len(seen) == len(set(seen))


def test_rows_show_publisher_type_competencies_and_citations(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "resources")
    for r in catalog["resources"]:
        row = page.select_one(f'[data-resource-id="{r["id"]}"]')
        text = " ".join(row.get_text().split())
        assert catalog.get("taxonomy.types", r["type"])["label"] in text, r["id"]
        if r.get("publisher"):
            assert " ".join(r["publisher"].split()) in text, r["id"]
        for c in r.get("competencies", []):
            assert " ".join(catalog.get("competencies", c)["name"].split()) in text, (r["id"], c)
        for s in r.get("cited_in", []):
            assert catalog.get("sections", s)["title"] in text, (r["id"], s)
        # One attribute per facet of the schema, named as the facet (and its URL parameter).
        assert row["data-category"] == r["category"] and row["data-type"] == r["type"]
        assert row["data-topic"].split() == r.get("topics", [])
        assert row["data-competency"].split() == r.get("competencies", [])
        assert row["data-audience"].split() == r.get("audience", [])
    assert page.select_one(".pet-resource-table")["data-facets"].split() == ["category", "topic", "competency", "type", "audience"]


def test_null_urls_show_link_pending_a_web_search_and_one_suggestion_per_page(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "resources")
    pending = [r for r in catalog["resources"] if not r.get("url")]
    assert pending, "the catalog has resources whose links are still pending"
    search = catalog["edition"]["web_search"]
    assert search and search["url"].startswith("https://"), "the edition sets a web search for link-pending resources"
    for r in pending:
        row = page.select_one(f'[data-resource-id="{r["id"]}"]')
        assert "link pending" in row.get_text(), r["id"]
        link = row.select_one("a.pet-websearch")
        assert link is not None, r["id"]
        assert link["href"] == search["url"] + quote(" ".join(f"{r['title']} {r.get('publisher') or ''}".split()), safe="")
        assert link.get_text(" ", strip=True).startswith("Search the web for this title") and "leaves this site" in link.get_text()
        # The title leads to the resource's own page (ADR 0009).
        assert row.find(id=r["id"]).a["href"] == f"{r['id']}/", r["id"]
        assert not row.select(".pet-suggest"), "suggest a link is once per page, not per row"
    suggest = page.select(".pet-suggest")
    assert len(suggest) == 1 and suggest[0].get_text() == "Suggest a link"
    assert suggest[0]["href"] == resource_table.suggest_link_href(catalog)
    assert suggest[0]["href"].startswith(("https://github.com/", "mailto:"))
    note = page.select_one(".pet-pending-note").get_text(" ")
    assert f"{len(pending)} of these {len(catalog['resources'])} resources" in note
    for r in catalog["resources"]:
        if r.get("url"):
            row = page.select_one(f'[data-resource-id="{r["id"]}"]')
            assert row.find(id=r["id"]).a["href"] == f"{r['id']}/"  # the title: its page; the address: a link of its own
            assert [a["href"] for a in row.select(".pet-outbound a")] == [r["url"]] and not row.select(".pet-nolink")


def test_each_competency_page_embeds_exactly_its_resources(site_dir: Path, catalog: Catalog) -> None:
    for c in (c for c in catalog["competencies"] if c["framework"] == "employer-competencies"):
        page = soup(site_dir, urls.competency_page(c["id"]))
        shown = sorted(row["data-resource-id"] for row in page.select("[data-resource-id]"))
        assert shown == sorted(r["id"] for r in catalog["resources"] if resource_table.matches(r, competency=c["id"])), c["id"]


def test_pages_carry_pagefind_filters_for_type_topic_and_competency(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "resources")
    values = {el["data-pagefind-filter"] for el in page.select("[data-pagefind-filter]")}
    names = {v.split(":", 1)[0] for v in values}
    assert {"section", "type", "topic", "competency"} <= names
    assert names.isdisjoint({"any", "all", "none", "not"})
    for r in catalog["resources"]:
        assert f"type:{catalog.get('taxonomy.types', r['type'])['label']}" in values


# --- matches(): the semantics the page script mirrors ------------------------------------

# A resource in the small fixture catalog's terms (tests/fixtures/minimal): generator tests.
R = {"id": "x", "title": "Peer Supervision Guide", "aliases": ["The Blue Book"], "publisher": "Cal Voices", "year": 2021,
     "summary": "How to coach staff.", "type": "toolkit", "category": "pay", "topics": ["supervision", "wages-and-compensation"],
     "competencies": ["ec-pay", "ec-supervision"], "audience": ["supervisors"]}  # fmt: skip


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, True),
        ({"competency": "ec-pay"}, True),
        ({"competency": "ec-other"}, False),
        ({"competency": ["ec-other", "ec-supervision"]}, True),  # any value of one facet
        ({"competency": "ec-pay", "type": "report"}, False),  # every facet
        (
            {
                "competencies": "ec-supervision",
                "type": "toolkit",
                "topic": "wages-and-compensation",
                "audience": "supervisors",
                "category": "pay",
            },
            True,
        ),  # fmt: skip
        ({"q": "blue book"}, True),  # an alias
        ({"q": "cal supervision"}, True),  # words anywhere, any order
        ({"q": "COACH voices"}, True),  # the summary and the publisher, any case
        ({"q": "wages toolkit 2021"}, True),  # a topic's label, the type's label, the year
        ({"q": "willing supervision"}, True),  # a competency's name
        ({"q": "supervision nowhere"}, False),
    ],
)
def test_matches_semantics(filters: dict, expected: bool, small_catalog: Catalog) -> None:
    assert resource_table.matches(R, cat=small_catalog, **filters) is expected


def test_matches_rejects_unknown_facets() -> None:
    with pytest.raises(TypeError):
        resource_table.matches(R, colour="blue")


def test_lean_rows_above_the_limit_carry_facets_as_inert_json(small_catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Very large catalogs (ADR 0003): rows with title, link or "link pending", publisher and
    aliases only; every facet and the year as plain JSON columns (indexes into `values`, read
    as they are, as resources.js reads them) with no '<'."""
    monkeypatch.setattr(resource_table, "FULL_ROWS_LIMIT", 0)
    html = resource_table.resource_table(small_catalog, Context(page_url="resources/"))
    page = BeautifulSoup(html, "html.parser")
    rows = page.select(".pet-rows > li")
    assert len(rows) == len(small_catalog["resources"]) and not page.select(
        "li[data-category], .pet-rows .pet-suggest, .pet-publisher, .pet-row-summary"
    )
    script = page.select_one("script.pet-lean")
    assert "<" not in script.string
    data = json.loads(script.string)
    values, columns = data["values"], data["rows"]
    assert set(columns) == {"category", "topic", "competency", "type", "audience", "year"}
    for n, row in enumerate(rows):
        r = small_catalog.get("resources", row.find(id=True)["id"])
        assert row.find_parent("section")["data-category"] == r["category"] == values["category"][columns["category"][n]]
        assert values["type"][columns["type"][n]] == r["type"]
        assert [values["topic"][i] for i in columns["topic"][n]] == r.get("topics", [])
        assert [values["competency"][i] for i in columns["competency"][n]] == r.get("competencies", [])
        assert [values["audience"][i] for i in columns["audience"][n]] == r.get("audience", [])
        assert (values["year"][columns["year"][n]] if columns["year"][n] is not None else None) == r.get("year")
        # Without JavaScript: the title (linked to its page, which has the address), "link pending", the publisher.
        heading = row.find(id=r["id"])
        assert " ".join(heading.get_text().split()) == " ".join(r["title"].split())
        assert heading.a["href"] == f"{r['id']}/" and not row.select(".pet-outbound")
        assert ("link pending" in row.select_one(".pet-nolink").get_text()) if not r.get("url") else not row.select(".pet-nolink")
        plain = [p for p in row.find_all("p", recursive=False) if not p.get("class") and not p.select(".pet-aliases")]
        notes = [span.extract().get_text() for p in plain for span in p.select(".pet-publisher-status")]  # issue 14
        assert [" ".join(p.get_text().split()) for p in plain] == ([" ".join(r["publisher"].split())] if r.get("publisher") else [])
        assert bool(notes) is ((r.get("publisher_status") or {}).get("status") in ("dissolved", "renamed", "transferred", "enforced-by"))
    assert set(data["labels"]) == {"type", "topic", "competency"}


def test_lean_rows_keep_hostile_catalog_text_inert(small_catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catalog text in lean rows and their JSON stays text: no element, no end of the script."""
    monkeypatch.setattr(resource_table, "FULL_ROWS_LIMIT", 0)
    data = copy.deepcopy(small_catalog.data)
    evil = '</script><img src=x onerror="alert(1)"> {{ 7*7 }} &amp; <!--'
    r = data["resources"][0]
    r.update(title=evil, publisher=evil, aliases=[evil])
    data["taxonomy"]["topics"][0]["label"] = evil
    r["topics"] = [data["taxonomy"]["topics"][0]["id"]]
    hostile = Catalog(small_catalog.root, data)
    page = BeautifulSoup(resource_table.resource_table(hostile, Context(page_url="resources/")), "html.parser")
    # Two data blocks (the lean rows' data, the script's words) and resources.js by src.
    assert not page.select("img") and len(page.select("script:not([src])")) == 2
    assert json.loads(page.select_one("script#pet-words-pet-filter").string)["list.copied"]
    row = page.find(id=r["id"]).parent
    assert row.find(id=r["id"]).get_text() == evil and evil in row.select_one(".pet-aliases").get_text()
    assert evil in [p.get_text() for p in row.find_all("p", recursive=False)]
    lean = json.loads(page.select_one("script.pet-lean").string)
    assert evil in lean["labels"]["topic"] and "<" not in page.select_one("script.pet-lean").string
