"""scripts/export: the validated catalog as JSON (one key per collection) and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

from conftest import FIXTURES, ROOT

from macros import export
from macros.catalog import COLLECTIONS, load_catalog

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def run_export(*args: str) -> str:
    result = subprocess.run([ROOT / "scripts" / "export", *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_has_every_collection_and_the_promised_fields() -> None:
    data = json.loads(run_export("--format", "json"))
    assert set(COLLECTIONS) <= set(data)
    assert isinstance(data["edition"]["year"], int)
    for name in COLLECTIONS:
        if isinstance(data[name], list):
            for entity in data[name]:
                assert KEBAB.match(entity["id"]), (name, entity["id"])
    for f in data["frameworks"]:
        assert {"id", "name", "kind"} <= set(f) and f["kind"] in {"employer", "certification", "specialization", "principles"}
    framework_ids = {f["id"] for f in data["frameworks"]}
    assert all(c["framework"] in framework_ids for c in data["competencies"])
    for r in data["resources"]:
        assert isinstance(r["title"], str) and isinstance(r["aliases"], list) and isinstance(r["competencies"], list)
        assert "url" in r and (r["url"] is None or r["url"].startswith(("https://", "http://", "mailto:")))
    for h in data["handouts"]:
        assert h["page"] == f"handouts/{h['id']}/" and h["pdf"].endswith(f"/{h['id']}.pdf")


def test_json_counts_match_the_2026_source_toolkit() -> None:
    data = json.loads(run_export("--format", "json"))
    by_kind = {}
    for f in data["frameworks"]:
        by_kind.setdefault(f["kind"], []).append(f["id"])
    count = {fid: sum(1 for c in data["competencies"] if c["framework"] == fid) for fid in framework_ids(data)}
    assert count["employer-competencies"] == 11
    assert [count[f] for f in by_kind["certification"]] == [17]
    assert len(by_kind["specialization"]) == 4
    assert data["edition"]["year"] == 2026


def framework_ids(data: dict) -> list[str]:
    return [f["id"] for f in data["frameworks"]]


def test_csv_has_one_row_per_resource_and_defuses_formulas(tmp_path) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export("--format", "csv"))))
    data = json.loads(run_export("--format", "json"))
    assert [r["id"] for r in rows] == [r["id"] for r in data["resources"]]
    cat = load_catalog(FIXTURES / "minimal")
    cat["resources"][0]["title"] = '=HYPERLINK("http://evil")'
    assert "'=HYPERLINK" in export.to_csv(cat)


def test_export_refuses_an_invalid_catalog(tmp_path) -> None:
    result = subprocess.run([ROOT / "scripts" / "export", "--catalog", tmp_path], capture_output=True, text=True)
    assert result.returncode == 1
    assert "missing required file" in result.stderr
