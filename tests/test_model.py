"""The model (macros/pet_generator/catalog/model.py) is what the schemas' annotation keywords say; the
validator, the list, the exports and the search records read it; annotations never change
what validates, and a misspelt one is an error at its line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, copy_catalog
from pet_generator.catalog import export
from pet_generator.catalog.loader import Catalog, _validators, check_catalog
from pet_generator.catalog.model import DEFAULT_SCHEMA_DIR, KEYWORDS, load_model

MINIMAL = FIXTURES / "minimal"


def schema(name: str) -> dict[str, Any]:
    return json.loads((DEFAULT_SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


def resource_fields() -> dict[str, Any]:
    return schema("resources")["items"]["properties"]


def test_every_x_ref_of_a_field_is_a_reference_the_validator_checks() -> None:
    model = load_model()
    for collection in ("resources", "competencies", "handouts", "sections"):
        for field, prop in schema(collection)["items"]["properties"].items():
            if "x-ref" in prop:
                assert any(r.collection == collection and r.field == field and r.target == prop["x-ref"] for r in model.references), field
    # A definition's x-ref counts wherever it is used: every source reference, however deep.
    assert {r.path for r in model.references if r.collection == "resources" and r.target == "sources"} == {
        ("source", "source"),
        ("url_evidence", "source", "source"),
        ("findings", "source", "source"),
        ("citation_evidence", "source", "source"),
    }


def test_facets_are_the_x_facet_annotations_in_their_order() -> None:
    declared = sorted((p["x-facet"]["order"], p["x-facet"]["name"], p["x-facet"]["label"], f) for f, p in resource_fields().items() if "x-facet" in p)
    assert [(f.name, f.label, f.field) for f in load_model().facets] == [(n, label, f) for _, n, label, f in declared]
    assert [f.name for f in load_model().search_facets] == ["type", "competency", "topic"]


def test_the_csv_has_a_column_per_field_as_x_export_says(catalog: Catalog) -> None:
    header = next(csv.reader(io.StringIO(export.to_csv(catalog))))
    expected: list[str] = []
    for field, prop in resource_fields().items():
        spec = prop.get("x-export")
        expected += [] if spec is False else list(spec) if isinstance(spec, dict) else [field]
    assert header == [*(c.name for c in catalog.model.columns), "page"] == [*expected, "page"]  # then the resource's page (ADR 0008)
    assert "source" not in header and "url_evidence_page" in header


def test_resource_pages_filter_by_the_facets_offered_on_the_search_page(catalog: Catalog) -> None:
    from bs4 import BeautifulSoup
    from pet_generator.site.html import Context
    from pet_generator.site.resource_page import resource_page_body
    from pet_generator.site.resource_table import pagefind_filters

    r = next(r for r in catalog["resources"] if r.get("topics") and r.get("competencies"))
    filters = pagefind_filters(catalog, r)
    assert set(filters) == {f.name for f in catalog.model.search_facets}
    assert filters["topic"] == [catalog.get("taxonomy.topics", t)["label"] for t in r["topics"]]
    body = BeautifulSoup(resource_page_body(catalog, Context(page_url=f"resources/{r['id']}/"), r, {}), "html.parser")
    spans = {s["data-pagefind-filter"] for s in body.select("[data-pagefind-filter]")}
    assert spans == {f"{name}:{value}" for name, values in filters.items() for value in values}
    assert "kind:Resource" in {m["data-pagefind-meta"] for m in body.select("[data-pagefind-meta]")}


def test_address_fields_are_the_x_url_ones() -> None:
    model = load_model()
    assert model.is_url_path("resources", (3, "url")) and model.is_url_path("resources", (3, "publisher_status", "evidence", 0))
    assert model.is_url_path("edition", ("web_search", "url")) and model.is_url_path("sources", (0, "url_evidence", "page"))
    assert not model.is_url_path("resources", (3, "title")) and not model.is_url_path("sections", (0, "page"))


def test_the_validator_never_sees_an_annotation_but_the_messages() -> None:
    """x-message only words an error; every other annotation is gone before validation."""
    for name, validator in _validators().items():
        assert not re.search(r'"x-(?!message")', json.dumps(validator.schema)), name


def test_a_schema_message_words_the_error_of_its_rule(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    (cat / "schema").mkdir()
    common = json.loads((DEFAULT_SCHEMA_DIR / "common.schema.json").read_text("utf-8"))
    common["$defs"]["id"]["x-message"] = {"pattern": "{where} {value}: ids here are written like {limit}"}
    (cat / "schema" / "common.schema.json").write_text(json.dumps(common), "utf-8")
    with open(cat / "glossary.yaml", "a", encoding="utf-8") as f:
        f.write("- id: Not_An_Id\n  term: T\n  definition: d\n")
    messages = [e.message for e in check_catalog(cat)[1]]
    assert messages == ["'id' 'Not_An_Id': ids here are written like '^[a-z0-9]+(-[a-z0-9]+)*$'"], messages


def test_a_misspelt_rule_is_refused_rather_than_never_run(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    (cat / "schema").mkdir()
    (cat / "schema" / "rules.json").write_text('{"checks": [\n  {"check": "slot-declared", "collections": ["handouts"]}\n]}', "utf-8")
    errors = [str(e) for e in check_catalog(cat)[1]]
    assert len(errors) == 1 and "rules.json:2:13: rule 1: 'check' is one of slots-declared, link-evidence" in errors[0], errors


def test_every_annotation_keyword_in_the_schemas_is_known() -> None:
    assert load_model().problems == ()
    used = {k for p in DEFAULT_SCHEMA_DIR.glob("*.schema.json") for k in _keys(json.loads(p.read_text("utf-8"))) if k.startswith("x-")}
    assert used == set(KEYWORDS)


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


def own_schema(tmp_path: Path, name: str, text: str) -> Path:
    """A copy of the minimal catalog with one schema file of its own."""
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "schema").mkdir()
    (cat / "schema" / f"{name}.schema.json").write_text(text, "utf-8")
    return cat


def errors_in(cat: Path) -> list[str]:
    return [f"{Path(e.file).name}:{e.line}:{e.col}: {e.message}" for e in check_catalog(cat)[1]]


def test_a_misspelt_annotation_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = (DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8").replace('"x-ref": "taxonomy.topics"', '"x-reff": "taxonomy.topics"')
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"x-reff"' in row)
    errors = errors_in(own_schema(tmp_path, "resources", text))
    assert any(e.startswith(f"resources.schema.json:{line}:") and "unknown schema keyword 'x-reff'" in e for e in errors), errors


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('"label": "Topic",', "", "needs name, label and order"),
        ('"x-ref": "taxonomy.topics"', '"x-ref": "taxonomy.colours"', "names no catalog file or taxonomy vocabulary"),
        ('"name": "topic"', '"name": "type"', "two facets are named 'type'"),
        ('"x-export": false', '"x-export": "no"', "x-export of 'source' must be false"),
    ],
)
def test_a_malformed_annotation_is_an_error(tmp_path: Path, old: str, new: str, words: str) -> None:
    text = (DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8")
    assert old in text
    errors = errors_in(own_schema(tmp_path, "resources", text.replace(old, new, 1)))
    assert any(e.startswith("resources.schema.json:") and words in e for e in errors), errors


def test_a_catalog_schema_replaces_only_its_own_file(tmp_path: Path) -> None:
    """A catalog's own resources schema adds to the project's schemas; the others still check."""
    cat = own_schema(tmp_path, "resources", (DEFAULT_SCHEMA_DIR / "resources.schema.json").read_text("utf-8"))
    assert errors_in(cat) == []
    glossary = cat / "glossary.yaml"
    glossary.write_text(glossary.read_text("utf-8").replace("  term:", "  colour: red\n  term:", 1), "utf-8")
    assert any(e.startswith("glossary.yaml:") and "unknown field 'colour'" in e for e in errors_in(cat))


def test_a_schema_that_is_not_json_is_an_error_not_a_crash(tmp_path: Path) -> None:
    errors = errors_in(own_schema(tmp_path, "resources", '{"type": "array",\n  "items": }'))
    assert any(e.startswith("resources.schema.json:2:") and "is not JSON" in e for e in errors), errors
