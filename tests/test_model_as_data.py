"""The model is data (issue 22, part 3): a catalog that validates never crashes the build.

Generator tests, on fixtures. tests/fixtures/renamed-facets/ replaces a new toolkit's resources,
taxonomy and their schemas: `topics` is renamed `themes` (facet `theme`), a facet `language`
is added, and the taxonomy adds a type, `podcast`, with its CSL and schema.org types. It builds
with no code change, and the built pages, exports and search filters use the new names. Names
the site already uses are refused as facet names, at the schema's line and column; and the
generator's code names none of the facets, fields or vocabularies of this toolkit's schemas.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import urls
from pet_generator.catalog.loader import COLLECTIONS, REQUIRED, SINGLE, check_catalog, load_catalog
from pet_generator.catalog.model import DEFAULT_SCHEMA_DIR, collections_in, load_model
from pet_generator.pipeline.toolkit import Toolkit, toolkit_at
from pet_generator.tools.new_toolkit import new_toolkit

RENAMED = FIXTURES / "renamed-facets"


def renamed_toolkit(folder: Path) -> Toolkit:
    """A toolkit from scripts/new-toolkit with the fixture's files in its catalog: nothing else changes."""
    new_toolkit(folder, "Renamed Facets Toolkit", "Example Organization", 2027)
    catalog = folder / "catalog"
    for path in RENAMED.glob("*.yaml"):
        shutil.copyfile(path, catalog / path.name)
    shutil.copytree(RENAMED / "schema", catalog / "schema")
    return toolkit_at(folder)


def test_the_renamed_catalog_validates_and_its_model_has_the_new_names(tmp_path: Path) -> None:
    toolkit = renamed_toolkit(tmp_path / "renamed")
    cat, errors = check_catalog(toolkit.catalog)
    assert errors == [] and cat is not None, [str(e) for e in errors]
    facets = {f.name: f for f in cat.model.facets}
    assert "topic" not in facets and facets["theme"].field == "themes" and facets["language"].target == "taxonomy.languages"
    assert [f.name for f in cat.model.search_facets] == ["type", "competency", "theme", "language"]


# --- Reserved names -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["year", "section", "q", "sort", "page", "any", "not", "kind", "resource-id", "pagefind-filter", "pet-x"])
def test_a_facet_named_like_something_the_site_uses_is_refused_where_it_is_written(tmp_path: Path, name: str) -> None:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    (cat / "schema").mkdir()
    schema = json.loads((DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8"))
    schema["items"]["properties"]["topics"]["x-facet"]["name"] = name
    text = json.dumps(schema, indent=2)
    (cat / "schema" / "resources.schema.json").write_text(text, "utf-8")
    _, errors = check_catalog(cat)
    # The line and column of the name itself, inside the topics field's x-facet.
    at = text.index(f'"{name}"', text.index('"x-facet"', text.index('"topics": {')))
    line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    wanted = [e for e in errors if e.file.endswith("resources.schema.json") and "already used by the site" in e.message]
    assert [(e.line, e.col) for e in wanted] == [(line, col)], [str(e) for e in errors]


def test_the_reserved_names_include_every_name_the_list_script_puts_in_an_address() -> None:
    """resources.js writes q and sort beside the facets into the address; search.js filters by section."""
    script = (ROOT / "docs" / "assets" / "resources.js").read_text("utf-8")
    assert 'facets.concat(["q", "sort"])' in script
    assert {"q", "sort", "section", "year"} <= urls.RESERVED_NAMES


def test_a_schema_that_stops_requiring_a_field_the_generator_relies_on_is_refused(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    (cat / "schema").mkdir()
    schema = json.loads((DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8"))
    schema["items"]["required"].remove("title")
    (cat / "schema" / "resources.schema.json").write_text(json.dumps(schema, indent=2), "utf-8")
    messages = [e.message for e in check_catalog(cat)[1]]
    assert any("resources must require id, title, source" in m and "missing: title" in m for m in messages), messages


def test_two_grouping_facets_and_a_grouping_list_are_refused(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    (cat / "schema").mkdir()
    schema = json.loads((DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8"))
    schema["items"]["properties"]["topics"]["x-facet"]["group"] = True  # a list of values, and a second group
    (cat / "schema" / "resources.schema.json").write_text(json.dumps(schema, indent=2), "utf-8")
    messages = [e.message for e in check_catalog(cat)[1]]
    assert any("cannot group the list" in m for m in messages), messages


# --- No name of this toolkit's model in the generator's code ------------------------------

# Where a name of the model may still appear as a string, and why.
ALLOWED = {
    ("macros/pet_generator/catalog/model.py", "audience"): "JSON_LD_PROPERTIES: a schema.org property a facet can fill",
    ("macros/pet_generator/site/resource_page.py", "audience"): "the schema.org property of that name",
    ("macros/pet_generator/site/assessment.py", "competency"): "a key_for entry's own field (which competency it is key for), not the facet",
    ("macros/pet_generator/catalog/translations/fields.py", "competency"): "a key_for entry's own field (an id a translation keeps), not the facet",
}
# "type" is also JSON Schema's keyword, CSL's key, an HTML attribute and Pagefind's meta key:
# there, only reading a record's "type" (x["type"], x.get("type")) would be wiring it.
TYPE_IN_SCHEMAS = {
    "macros/pet_generator/catalog/model.py",
    "macros/pet_generator/catalog/loader.py",
    "macros/pet_generator/catalog/side_files.py",
    "macros/pet_generator/pipeline/site_scan.py",
}


def _model_names() -> set[str]:
    model = load_model()
    names = {n for f in model.facets for n in (f.name, f.field)}
    return names | {t.partition(".")[2] for t in (f.target for f in model.facets) if t.startswith("taxonomy.")}


def _reads(tree: ast.AST) -> set[int]:
    """ids of the string constants used to read a field: x["name"] or x.get("name")."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            out.add(id(node.slice))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "facet") and node.args:
            out.add(id(node.args[0]))
    return out


def test_the_generator_names_no_facet_field_or_vocabulary_of_this_catalog() -> None:
    names = _model_names() - {"competencies"}  # a collection the generator makes pages for
    assert {"topic", "topics", "category", "type", "audience"} <= names  # what this test looks for
    found = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        shown = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text("utf-8"))
        reads = _reads(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and node.value in names) or (shown, node.value) in ALLOWED:
                continue
            if node.value == "type" and (shown in TYPE_IN_SCHEMAS or id(node) not in reads):
                continue
            found.append(f"{shown}:{node.lineno}: {node.value!r}")
    assert found == [], "names of the catalog's model in code (take them from cat.model instead):\n" + "\n".join(found)


# --- The build ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Path]) -> Path:
    folder = tmp_path_factory.mktemp("renamed") / "toolkit"
    return build_site(renamed_toolkit(folder), folder / "site")


def _html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")


def test_the_list_filters_groups_and_shows_the_renamed_and_added_facets(renamed_site: Path) -> None:
    page = _html(renamed_site, "resources")
    table = page.select_one(".pet-resource-table")
    assert table["data-facets"].split() == ["category", "theme", "competency", "type", "audience", "language"]
    assert {i["name"] for i in page.select(".pet-filters input[type=checkbox]")} >= {"theme", "language"}
    row = page.select_one("li[data-resource-id=pay-talk]")
    assert row["data-theme"] == "fair-pay coaching" and row["data-language"] == "spanish" and not row.has_attr("data-topic")
    lines = {p["data-line"]: p.get_text() for p in row.select("p.pet-facet-line")}
    assert lines == {"theme": "Themes: Fair pay, Coaching", "language": "In: Spanish"}
    assert "Podcast" in row.select_one(".pet-meta").get_text()
    groups = page.select(".pet-group")
    assert [g["data-category"] for g in groups] == ["supervision", "pay"]
    assert [o["value"] for o in page.select(".pet-filters select option")] == ["category", "title", "year"]
    filters = {s["data-pagefind-filter"] for s in page.select(".pet-pagefind-filters span")}
    assert {"theme:Fair pay", "language:Spanish", "type:Podcast"} <= filters


def test_the_resource_page_links_its_facets_and_maps_the_new_type(renamed_site: Path) -> None:
    page = _html(renamed_site, urls.resource_page("pay-talk"))
    about = {dt.get_text(): dd for dt, dd in zip(page.select(".pet-resource-facets dt"), page.select(".pet-resource-facets dd"), strict=True)}
    assert [a["href"] for a in about["Theme"].select("a")] == ["../../resources/?theme=fair-pay", "../../resources/?theme=coaching"]
    assert [a.get_text() for a in about["Language"].select("a")] == ["Spanish"]
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "PodcastEpisode" and data["keywords"] == ["Fair pay", "Coaching"]
    filters = {s["data-pagefind-filter"] for s in page.select("[data-pagefind-filter]")}
    assert {"theme:Fair pay", "theme:Coaching", "language:Spanish", "type:Podcast"} <= filters


def test_the_exports_carry_the_new_fields_and_type(renamed_site: Path) -> None:
    downloads = renamed_site / "downloads"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((downloads / "resources.csv").read_text("utf-8")))}
    assert "topics" not in rows["pay-talk"] and rows["pay-talk"]["themes"] == "fair-pay; coaching" and rows["pay-talk"]["languages"] == "spanish"
    csl = {i["id"]: i for i in json.loads((downloads / "resources.csl.json").read_text("utf-8"))}
    assert csl["pay-talk"]["type"] == "broadcast" and csl["supervision-of-peer-workers"]["type"] == "document"
    whole = json.loads((downloads / "catalog.json").read_text("utf-8"))
    assert [t["id"] for t in whole["taxonomy"]["languages"]] == ["english", "spanish"]


def test_the_search_page_offers_the_new_facets(renamed_site: Path) -> None:
    page = _html(renamed_site, "search")
    island = json.loads(page.select_one("#pet-search-filters").string)
    assert [name for name, _ in island] == ["section", "type", "competency", "theme", "language"]
    cat = load_catalog(renamed_site.parent / "catalog")
    assert cat.model.facet("theme").label == "Theme"


def test_the_catalogs_files_are_the_schema_folders_files(tmp_path: Path) -> None:
    """No list of collections in code: each NAME.schema.json but common describes NAME.yaml;
    "x-collection": "required" marks the files every catalog has; an object root is one record."""
    assert set(COLLECTIONS) == {p.name.removesuffix(".schema.json") for p in DEFAULT_SCHEMA_DIR.glob("*.schema.json")} - {"common"}
    assert "resources" in REQUIRED and "glossary" not in REQUIRED and {"edition", "taxonomy"} == SINGLE
    schemas = tmp_path / "schema"
    shutil.copytree(DEFAULT_SCHEMA_DIR, schemas)
    (schemas / "partners.schema.json").write_text(json.dumps({"x-collection": "required", "type": "array", "items": {"type": "object"}}), "utf-8")
    (schemas / "settings.schema.json").unlink()
    found = collections_in(schemas)
    assert "partners" in found.required and "settings" not in found.names and found.names[: len(found.required)] == found.required
