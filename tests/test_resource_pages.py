"""A page per resource, /resources/<id>/ (ADR 0009): each part on the built pages of the real
catalog, the links to them from the lists, the canonical link and sitemap with a site URL, and
the exports' page field."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import copy_catalog
from pet_generator.catalog import export, urls
from pet_generator.catalog.loader import Catalog, check_catalog, load_catalog
from pet_generator.pipeline.pages import with_pages
from pet_generator.site import resource_table
from pet_generator.site.components import message
from pet_generator.site.resource_page import FINDING_GROUPS, citation


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")


def text(el: Any) -> str:
    return " ".join(el.get_text(" ").split())


def json_ld(html: BeautifulSoup) -> dict[str, Any]:
    scripts = html.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    assert "<" not in scripts[0].string
    return json.loads(scripts[0].string)


def test_every_resource_has_its_page_and_the_shell_is_gone(site_dir: Path, catalog: Catalog) -> None:
    for r in catalog["resources"]:
        page = soup(site_dir, urls.resource_page(r["id"]))
        assert text(page.select_one("article h1")) == " ".join(r["title"].split())
        assert page.title.string.startswith(" ".join(r["title"].split()) + " - ")
        assert page.select_one('meta[name="description"]')["content"] != "PETRESOURCEDESCRIPTION"
    assert not (site_dir / urls.RESOURCE_SHELL).exists()
    assert not [p for p in site_dir.rglob("*.html") if "PETRESOURCE" in p.read_text("utf-8")]


def test_a_resource_with_a_link_shows_it_as_a_link_of_its_own(site_dir: Path, catalog: Catalog) -> None:
    r = next(r for r in catalog["resources"] if r.get("url") and r.get("publisher") and r.get("year"))
    page = soup(site_dir, urls.resource_page(r["id"]))
    body = page.select_one(".pet-resource-page")
    assert [a["href"] for a in body.select(".pet-outbound a")] == [r["url"]]
    assert not body.select(".pet-nolink, .pet-suggest")
    meta = text(body.select_one(".pet-meta"))
    assert meta.startswith(" ".join(r["publisher"].split())) and str(r["year"]) in meta
    assert catalog.get("taxonomy.types", r["type"])["label"] in meta
    assert r["url"] in text(body.select_one(".pet-citation")) and text(body.select_one(".pet-citation")) == citation(catalog, r)
    assert not page.select('link[rel="canonical"]'), "no canonical link while the edition has no site_url"
    data = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["name"] == r["title"] and data["url"] == r["url"]
    assert data["publisher"]["name"] == r["publisher"] and "mainEntityOfPage" not in data


def test_organizations_are_typed_as_organization_in_structured_data(site_dir: Path, catalog: Catalog) -> None:
    orgs = [r for r in catalog["resources"] if r["type"] == "organization"]
    assert orgs, "no organization in the catalog to check"
    for r in orgs:
        data = json_ld(soup(site_dir, urls.resource_page(r["id"])))
        assert data["@type"] == "Organization" and data["name"] == r["title"], r["id"]
        assert not {"publisher", "datePublished", "audience"} & set(data), r["id"]  # creative-work properties
    other = next(r for r in catalog["resources"] if r["type"] == "report")
    assert json_ld(soup(site_dir, urls.resource_page(other["id"])))["@type"] == "Report"


def test_a_link_pending_resource_shows_the_web_search_and_one_suggest_a_link(site_dir: Path, catalog: Catalog) -> None:
    r = next(r for r in catalog["resources"] if not r.get("url"))
    page = soup(site_dir, urls.resource_page(r["id"]))
    body = page.select_one(".pet-resource-page")
    assert "link pending" in text(body.select_one(".pet-nolink")) and not body.select(".pet-outbound")
    search = catalog["edition"]["web_search"]
    assert body.select_one("a.pet-websearch")["href"] == search["url"] + quote(" ".join(f"{r['title']} {r.get('publisher') or ''}".split()), safe="")
    suggest = page.select(".pet-suggest")
    assert len(suggest) == 1 and suggest[0]["href"] == resource_table.suggest_link_href(catalog)


def test_findings_facets_citing_sections_aliases_and_review(site_dir: Path, catalog: Catalog) -> None:
    r = catalog.get("resources", "enhancing-the-peer-provider-workforce")
    assert r.get("findings"), "the 2026 catalog gives this resource's key findings (from its database record)"
    page = soup(site_dir, urls.resource_page(r["id"]))
    body = page.select_one(".pet-resource-page")
    groups = [text(h) for h in body.select("#pet-findings ~ h3")]
    assert groups == [message(catalog, f"findings.{key}") for key in FINDING_GROUPS if r["findings"].get(key)]
    shown = [text(li) for li in body.select("#pet-findings ~ ul li")]
    assert shown == [" ".join(f.split()) for key in FINDING_GROUPS for f in r["findings"].get(key, [])]
    assert body.select_one(".pet-source a")["href"] == f"../../references/#{r['findings']['source']['source']}"
    # Topics and audiences lead to the list filtered to them, competencies to their pages.
    hrefs = {a["href"] for a in body.select(".pet-resource-facets a")}
    assert {f"../../resources/?topic={t}" for t in r["topics"]} <= hrefs
    assert {f"../../resources/?audience={a}" for a in r["audience"]} <= hrefs
    employer = set(with_pages(catalog, "competencies"))
    assert {f"../../competencies/{c}/" for c in r["competencies"] if c in employer} <= hrefs
    assert "Not yet reviewed" in text(body.select_one(".pet-reviewed"))  # no reviewed date: never claim one
    # Another resource: the sections that cite it, linked, and the titles it is also cited under.
    cited = next(r for r in catalog["resources"] if r.get("cited_in") and r.get("aliases"))
    body = soup(site_dir, urls.resource_page(cited["id"])).select_one(".pet-resource-page")
    links = {a["href"].split("#")[0] for a in body.select(".pet-cited-in a")}  # the anchor: see the test below
    assert links == {"../../" + catalog.get("sections", s)["page"] for s in cited["cited_in"]}
    assert all(" ".join(a.split()) in text(body.select_one(".pet-aliases")) for a in cited["aliases"])
    # Copy button: an enhancement for the plain-text citation, hidden without JavaScript.
    assert body.select_one("button.pet-copy.pet-js-only[hidden]")["data-copy"] == body.select_one(".pet-citation")["id"]


def test_list_rows_and_competency_pages_link_titles_to_resource_pages(site_dir: Path, catalog: Catalog) -> None:
    listing = soup(site_dir, "resources")
    for r in catalog["resources"]:
        row = listing.select_one(f'[data-resource-id="{r["id"]}"]')
        assert row.find(id=r["id"]).a["href"] == f"{r['id']}/"
    competency = next(c for c in with_pages(catalog, "competencies") if any(c in r.get("competencies", []) for r in catalog["resources"]))
    page = soup(site_dir, urls.competency_page(competency))
    rows = page.select("[data-resource-id]")
    assert rows and all(row.find(id=row["data-resource-id"]).a["href"] == f"../../resources/{row['data-resource-id']}/" for row in rows)


def test_resource_pages_look_like_the_site_and_stay_out_of_the_nav(site_dir: Path, catalog: Catalog) -> None:
    r = catalog["resources"][0]
    page = soup(site_dir, urls.resource_page(r["id"]))
    home = soup(site_dir, "")
    assert page.select_one("form.pet-header-search") and page.select_one("nav.md-nav--primary")
    assert (
        page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        == home.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    )
    assert not page.select(f'a[href*="{r["id"]}"].md-nav__link'), "10,000 resources would not be a menu"
    assert "pet-page" not in str(page.select_one("nav.md-nav--primary"))


def test_on_this_page_lists_the_pages_sections_and_skip_to_content_leads_to_the_first(site_dir: Path, catalog: Catalog) -> None:
    # Issue 22, part 5: the shell's table of contents was empty on every resource page.
    for r in (catalog["resources"][0], next(r for r in catalog["resources"] if r.get("findings"))):
        page = soup(site_dir, urls.resource_page(r["id"]))
        sections = [(h["id"], text(h)) for h in page.select("article h2[id]") if h["id"].startswith("pet-")]
        toc = page.select("nav.md-nav--secondary a.md-nav__link")
        assert [(a["href"], text(a)) for a in toc] == [(f"#{i}", t) for i, t in sections]
        assert len(sections) >= 4 and ("pet-findings" in dict(sections)) == bool(r.get("findings"))
        assert page.select_one("a.md-skip")["href"] == f"#{sections[0][0]}"
        assert "petresourcetoc" not in str(page).lower()


# --- with a site URL ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, build_site: Callable[[Path, Path], Path]) -> tuple[Path, Catalog]:
    tmp = tmp_path_factory.mktemp("site-url")
    cat_dir = copy_catalog(tmp / "catalog", catalog.root)
    edition = cat_dir / "edition.yaml"
    edition.write_text(edition.read_text("utf-8").replace("site_url: null", "site_url: https://toolkit.example/2026/"), "utf-8")
    return build_site(cat_dir, tmp / "site"), load_catalog(cat_dir)


def test_canonical_link_and_json_ld_page_with_a_site_url(site_with_url: tuple[Path, Catalog]) -> None:
    site, cat = site_with_url
    for r in cat["resources"][:5]:
        page = soup(site, urls.resource_page(r["id"]))
        canonical = page.select('link[rel="canonical"]')
        assert [c["href"] for c in canonical] == [f"https://toolkit.example/2026/resources/{r['id']}/"]
        assert canonical[0].find_parent("head") is not None
        assert json_ld(page)["mainEntityOfPage"] == canonical[0]["href"]


# --- exports ---------------------------------------------------------------------------------


def test_exports_give_each_resource_its_page(catalog: Catalog) -> None:
    data = export.to_json(catalog)
    assert [r["page"] for r in data["resources"]] == [urls.resource_page(r["id"]) for r in catalog["resources"]]
    rows = list(csv.DictReader(io.StringIO(export.to_csv(catalog))))
    assert [row["page"] for row in rows] == [f"resources/{r['id']}/" for r in catalog["resources"]]


def test_findings_are_optional_and_their_source_must_exist(tmp_path: Path, catalog: Catalog) -> None:
    cat_dir = copy_catalog(tmp_path / "catalog", catalog.root)
    path = cat_dir / "resources.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    assert sum(1 for r in data if r.get("findings")) < len(data)  # optional
    found = next(r for r in data if r.get("findings"))
    found["findings"]["source"]["source"] = "no-such-source"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    _, errors = check_catalog(cat_dir)
    assert [e for e in errors if "'no-such-source' is not an id in sources.yaml" in e.message], [str(e) for e in errors]


def test_the_sitemap_lists_every_resource_page_in_place_of_the_shell(tmp_path: Path, catalog: Catalog) -> None:
    from pet_generator.pipeline.resource_pages import _sitemap

    base = "https://toolkit.example/"
    entry = "    <url>\n         <loc>{}</loc>\n         <lastmod>2026-11-30</lastmod>\n    </url>\n"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    (tmp_path / "sitemap.xml").write_text(head + entry.format(base) + entry.format(base + urls.RESOURCE_SHELL) + "</urlset>", "utf-8")
    _sitemap(tmp_path, catalog["resources"])
    import xml.etree.ElementTree as ET

    locs = [e.text for e in ET.parse(tmp_path / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == [base] + [base + urls.resource_page(r["id"]) for r in catalog["resources"]]
    lastmods = [e.text for e in ET.parse(tmp_path / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")]
    assert lastmods == ["2026-11-30"] * len(locs)  # each page keeps the shell entry's other fields


def test_a_languages_sitemap_joins_the_edition_s_and_each_page_names_its_versions(tmp_path: Path) -> None:
    from pet_generator.pipeline.resource_pages import merge_sitemap

    base = "https://toolkit.example/2026/"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    entries = lambda *addresses: head + "".join(f"<url><loc>{a}</loc></url>\n" for a in addresses) + "</urlset>"  # noqa: E731
    (tmp_path / "es").mkdir()
    (tmp_path / "sitemap.xml").write_text(entries(base, base + "pay/", base + "only-english/"), "utf-8")
    (tmp_path / "es" / "sitemap.xml").write_text(entries(base + "es/", base + "es/pay/"), "utf-8")
    merge_sitemap(tmp_path, "es")
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    found = {
        u.findtext("s:loc", namespaces=ns): {a.get("hreflang"): a.get("href") for a in u.findall("x:link[@rel='alternate']", ns)}
        for u in ET.parse(tmp_path / "sitemap.xml").getroot()
    }
    pay = {"en": base + "pay/", "es": base + "es/pay/", "x-default": base + "pay/"}
    assert found == {
        base: {"en": base, "es": base + "es/", "x-default": base},
        base + "pay/": pay,
        base + "only-english/": {},  # no Spanish version: none named
        base + "es/": {"en": base, "es": base + "es/", "x-default": base},
        base + "es/pay/": pay,
    }
    assert not (tmp_path / "es" / "sitemap.xml").exists()


def test_where_the_toolkit_cites_it_links_to_each_sections_current_heading(site_dir: Path, catalog: Catalog) -> None:
    # Issue 25, part 4: "Reasonable accommodations" -> /hiring/#hiring-accommodations, under the
    # heading's current words, never an anchor that is gone.
    anchored = 0
    for r in catalog["resources"]:
        page = urls.resource_page(r["id"])
        for a in soup(site_dir, page).select(".pet-cited-in a"):
            target = (site_dir / page / a["href"].split("#")[0]).resolve()
            built = BeautifulSoup((target / "index.html").read_text("utf-8"), "html.parser")
            if "#" in a["href"]:
                heading = built.find(id=a["href"].split("#")[1])
                assert heading is not None, (r["id"], a["href"])
                assert text(a).lower().startswith(text(heading).replace("¶", "").strip().lower()), (text(a), text(heading))
                anchored += 1
            else:
                assert text(a).lower() == text(built.h1).replace("¶", "").strip().lower(), (r["id"], a["href"], text(a))
    assert anchored >= 3
    page = soup(site_dir, urls.resource_page(next(r["id"] for r in catalog["resources"] if "hiring-accommodations" in r.get("cited_in", []))))
    assert "../../hiring/#hiring-accommodations" in [a["href"] for a in page.select(".pet-cited-in a")]


def test_a_section_whose_heading_is_gone_links_to_its_page(tmp_path: Path, catalog: Catalog) -> None:
    from pet_generator.pipeline.resource_pages import section_places

    (tmp_path / "hiring").mkdir()
    (tmp_path / "hiring" / "index.html").write_text(
        '<h1 id="x">Hiring <a class="headerlink" href="#x">¶</a></h1><h2 id="hiring-interviews">Interviews now</h2>', "utf-8"
    )
    places = section_places(tmp_path, catalog)
    assert places["hiring-interviews"] == ("hiring/#hiring-interviews", "Interviews now (Hiring)")
    assert places["hiring-accommodations"] == ("hiring/", "Hiring")  # no such heading any more: the page
    assert "recovery" not in places  # no page built: the plain title, no link


def test_the_pay_page_lists_every_resource_on_pay_and_says_where_market_pay_is(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "pay/")
    linked = {a["href"].strip("/").split("/")[-1] for a in page.select(".md-content a[href*='resources/']")}
    wages = [r["id"] for r in catalog["resources"] if "wages-and-compensation" in r.get("topics", []) or "hiring-wages" in r.get("cited_in", [])]
    assert len(wages) >= 3 and set(wages) <= linked, set(wages) - linked
    market = text(page.select_one("#market-pay").find_next("p"))
    assert "2016" in market and "job postings" in market
