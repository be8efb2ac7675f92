"""scripts/export: the validated catalog as JSON (one key per collection) and CSV."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT
from pet_generator.catalog import export
from pet_generator.catalog.loader import COLLECTIONS, Catalog, load_catalog

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def run_export(*args: str) -> str:
    """The export command in this process (scripts/export itself runs end to end below, in
    test_export_refuses_an_invalid_catalog): what it writes to stdout."""
    from pet_generator.tools import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.export_main(list(args)) == 0
    return out.getvalue()


SMALL = str(FIXTURES / "minimal")  # generator tests run on the small fixture catalog


def test_json_has_every_collection_and_the_promised_fields() -> None:
    data = json.loads(run_export("--catalog", SMALL, "--format", "json"))
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


@pytest.mark.content
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
    rows = list(csv.DictReader(io.StringIO(run_export("--catalog", SMALL, "--format", "csv"))))
    data = json.loads(run_export("--catalog", SMALL, "--format", "json"))
    assert [r["id"] for r in rows] == [r["id"] for r in data["resources"]]
    cat = load_catalog(FIXTURES / "minimal")
    cat["resources"][0]["title"] = '=HYPERLINK("http://evil")'
    assert "'=HYPERLINK" in export.to_csv(cat)


def test_export_refuses_an_invalid_catalog(tmp_path) -> None:
    result = subprocess.run([ROOT / "scripts" / "export", "--catalog", tmp_path], capture_output=True, text=True)
    assert result.returncode == 1
    assert "missing required file" in result.stderr


# ---------------------------------------------------------------- each format, parsed back

HOSTILE_TITLES = [
    "Closing }} braces",
    "Forged }}, url = {https://evil.example/}}\n@misc{forged, title = {Forged entry}",
    "Back\\slash \\end{document} \\input{/etc/passwd} {unbalanced",
    "Specials & % $ # _ ~ ^ -- ``quotes'' @comment{x}",
    "Atom <entry> & ]]> \ufffe\uffff \x01 control",
]


def hostile_catalog() -> Catalog:
    cat = load_catalog(FIXTURES / "minimal")
    template = cat["resources"][0]
    year = str(cat["edition"]["year"])
    for n, title in enumerate(HOSTILE_TITLES):
        cat["resources"].append(
            {**template, "id": f"hostile-{n}", "title": title, "summary": title, "publisher": title, "added": f"{year}-03-0{n + 1}"}
        )
    return cat


def test_bibtex_gives_one_entry_per_resource_with_the_original_text() -> None:
    from downloads_check import check_bibtex

    cat = hostile_catalog()
    check_bibtex(export.to_bibtex(cat), cat["resources"])
    small = load_catalog(FIXTURES / "minimal")  # and as scripts/export writes it
    check_bibtex(run_export("--catalog", SMALL, "--format", "bibtex"), small["resources"])


def test_bibtex_values_never_carry_a_brace_of_their_own() -> None:
    for title in HOSTILE_TITLES:
        value = export._bib(title)
        assert value.replace("{}", "").count("{") == 0 and value.replace("{}", "").count("}") == 0, value


def test_atom_feed_parses_and_drops_characters_xml_forbids() -> None:
    from downloads_check import check_atom

    cat = hostile_catalog()
    feed = export.to_atom(cat)
    check_atom(feed, cat)
    assert "\ufffe" not in feed and "\x01" not in feed and "Atom &lt;entry&gt; &amp; ]]&gt;" in feed


@pytest.mark.parametrize(
    "cell", ["=1+1", " =1+1", "\u3000=cmd", "\t=1", "\r=1", "\u200b=1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "+1", "-1", "@x"]
)
def test_csv_neutralises_every_formula_start(cell: str) -> None:
    assert export._defuse(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Plain title", "a = b", "1 + 1", "e-mail", ""])
def test_csv_leaves_ordinary_text_alone(cell: str) -> None:
    assert export._defuse(cell) == cell


def test_every_download_of_the_real_and_a_hostile_catalog_parses(tmp_path: Path) -> None:
    from downloads_check import check_downloads

    for name, cat in (("real", load_catalog(ROOT / "catalog")), ("hostile", hostile_catalog())):
        folder = tmp_path / name
        folder.mkdir()
        for file_name, _label in export.DOWNLOADS:
            (folder / file_name).write_text(export.render_download(cat, file_name), "utf-8")
        check_downloads(folder, cat)
