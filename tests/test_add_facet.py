"""Adding a facet to resources is a change to the schema and the catalog only (issue 15).

A copy of the catalog brings its own resources and taxonomy schemas (a catalog's
schema/ folder replaces the project's files of the same name, macros/pet_generator/catalog/model.py) with
a new facet, `setting`, and its vocabulary; its resources get values. Nothing else changes,
and the built site has the facet's control on /resources/, which filters in the browser, a
column in the CSV export and a filter on the search page."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import CATALOG, copy_catalog
from pet_generator.catalog.model import DEFAULT_SCHEMA_DIR
from pet_generator.tools.local_server import serve

# Each resource gets a setting: clinic, hospital or both, in turn.
SETTINGS: dict[str, list[str]] = {}
FACET = {"name": "setting", "label": "Setting", "order": 6, "search_order": 5}


def add_setting_facet(cat: Path) -> None:
    """The whole change: two schema files, the vocabulary and the resources' values."""
    (cat / "schema").mkdir(exist_ok=True)
    taxonomy = json.loads((DEFAULT_SCHEMA_DIR / "taxonomy.schema.json").read_text("utf-8"))
    taxonomy["properties"]["settings"] = {**taxonomy["properties"]["audiences"], "description": "Where a resource applies."}
    (cat / "schema" / "taxonomy.schema.json").write_text(json.dumps(taxonomy, indent=2), "utf-8")
    resources = json.loads((DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8"))
    resources["items"]["properties"]["setting"] = {"$ref": "common.schema.json#/$defs/ids", "x-ref": "taxonomy.settings", "x-facet": FACET}
    (cat / "schema" / "resources.schema.json").write_text(json.dumps(resources, indent=2), "utf-8")
    with open(cat / "taxonomy.yaml", "a", encoding="utf-8") as f:
        f.write("settings:\n  - id: clinic\n    label: Clinic\n  - id: hospital\n    label: Hospital\n")
    lines = []
    for line in (cat / "resources.yaml").read_text("utf-8").splitlines(keepends=True):
        lines.append(line)
        if line.startswith("- id: "):
            values = (["clinic"], ["hospital"], ["clinic", "hospital"])[len(SETTINGS) % 3]
            SETTINGS[line.removeprefix("- id: ").strip()] = values
            lines.append(f"  setting: [{', '.join(values)}]\n")
    (cat / "resources.yaml").write_text("".join(lines), "utf-8")


@pytest.fixture(scope="module")
def setting_site(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[[Path, Path], Path]) -> Path:
    root = tmp_path_factory.mktemp("facet")
    cat = copy_catalog(root / "catalog", CATALOG)
    add_setting_facet(cat)
    return build_site(cat, root / "site")


@pytest.fixture(scope="module")
def setting_url(setting_site: Path) -> Iterator[str]:
    server, url = serve(setting_site)
    yield url
    server.shutdown()


@pytest.fixture
def tab(browser: Any, setting_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=setting_url)
    yield context.new_page()
    context.close()


def with_setting(value: str) -> list[str]:
    return sorted(rid for rid, values in SETTINGS.items() if value in values)


def test_resources_page_has_the_facet_control_and_row_values(setting_site: Path) -> None:
    page = BeautifulSoup((setting_site / "resources" / "index.html").read_text("utf-8"), "html.parser")
    facet = next(d for d in page.select("details.pet-facet") if d.legend.get_text() == "Setting")
    assert [(i["name"], i["value"]) for i in facet.select("input")] == [("setting", "clinic"), ("setting", "hospital")]
    assert [label.get_text(strip=True) for label in facet.select("label")] == ["Clinic", "Hospital"]
    assert page.select_one(".pet-resource-table")["data-facets"].split()[-1] == "setting"
    assert len(SETTINGS) > 3
    assert {li["data-resource-id"]: li["data-setting"].split() for li in page.select(".pet-rows > li")} == SETTINGS


def test_the_facet_filters_the_list_in_the_browser(tab: Any) -> None:
    tab.goto("resources/")
    box = tab.locator('.pet-filters input[name="setting"][value="clinic"]')
    box.locator("xpath=ancestor::details[1]/summary").click()
    box.check()
    shown = "els => els.filter(e => !e.closest('[hidden]')).map(e => e.dataset.resourceId)"
    assert sorted(tab.eval_on_selector_all(".pet-rows > li", shown)) == with_setting("clinic")
    assert "setting=clinic" in tab.url
    tab.goto("resources/?setting=hospital")  # a shared address filters too
    tab.wait_for_function("() => /Showing/.test(document.querySelector('.pet-count').textContent)")
    assert sorted(tab.eval_on_selector_all(".pet-rows > li", shown)) == with_setting("hospital")


def test_the_csv_export_has_the_facet_column(setting_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((setting_site / "downloads" / "resources.csv").read_text("utf-8"))))
    assert {r["id"]: r["setting"].split("; ") for r in rows} == SETTINGS
    catalog_json = json.loads((setting_site / "downloads" / "catalog.json").read_text("utf-8"))
    assert {r["id"]: r["setting"] for r in catalog_json["resources"]} == SETTINGS


def test_the_search_page_offers_the_facet_and_filters_by_it(tab: Any, setting_site: Path) -> None:
    tab.goto("search/?setting=Clinic")
    tab.wait_for_function("() => /match|No results/.test(document.querySelector('.pet-search-status').textContent)")
    group = tab.locator('.pet-search-filters details[data-filter="setting"]')
    assert group.locator("summary").inner_text() == "Setting"
    assert group.locator("input").evaluate_all("bs => bs.map(b => [b.value, b.checked])") == [["Clinic", True], ["Hospital", False]]
    # The results: each resource set in a clinic (its own page, ADR 0008), and each page whose
    # embedded list shows one (such a list carries its resources' search filters, as for type,
    # topic and competency).
    clinic = with_setting("clinic")
    english = [p for p in setting_site.rglob("*.html") if p.relative_to(setting_site).parts[0] != "es"]  # Spanish has its own index (ADR 0014)
    pages = [p for p in english if 'data-pagefind-filter="setting:Clinic"' in p.read_text("utf-8")]
    own = {p.parent.name for p in pages if p.parent.parent == setting_site / "resources"}
    assert own == set(clinic)
    assert tab.inner_text(".pet-search-status").startswith(f"{len(pages)} results match")
    links = tab.eval_on_selector_all(".pet-search-results > li h2 a", "as => as.map(a => a.getAttribute('href'))")
    resource_page = re.compile(r".*/resources/([^/]+)/")
    records = [m.group(1) for h in links if (m := resource_page.fullmatch(urlsplit(h).path))]  # a resource: its page
    others = {urlsplit(h).path for h in links if not resource_page.fullmatch(urlsplit(h).path)}
    assert records and set(records) <= set(clinic), links
    assert others <= {f"/{p.relative_to(setting_site).parent.as_posix()}/" for p in pages}, links
