"""scripts/validate: every error, one line each, as FILE:LINE:COL: what is wrong and how to fix it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_catalog

from macros import catalog as catalog_module
from macros.catalog import check_catalog

MINIMAL = FIXTURES / "minimal"
EVIDENCE = '  url_evidence:\n    kind: exact-page\n    page: https://example.org/supervision\n    copy_checked: "2026-01-01"\n'


def patched(tmp_path: Path, file: str, old: str, new: str) -> Path:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    path = cat / file
    text = path.read_text("utf-8")
    assert old in text, f"fixture text {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return cat


def errors_for(cat: Path) -> list[str]:
    _, errors = check_catalog(cat)
    return [f"{Path(e.file).name}:{e.line}:{e.col}: {e.message}" for e in errors]


def test_the_minimal_fixture_is_valid() -> None:
    assert errors_for(MINIMAL) == []


# (case, file, text to replace, replacement, expected "file:line:col" prefix, words in message)
CASES = [
    ("duplicate key", "resources.yaml", "  publisher: Fixture Org\n", "  publisher: Fixture Org\n  publisher: Other\n",
     "resources.yaml:6:3", "duplicate key 'publisher'"),
    ("unknown field", "resources.yaml", "  publisher: Fixture Org\n", "  publsher: Fixture Org\n",
     "resources.yaml:5:3", "unknown field 'publsher'"),
    ("dangling competency", "resources.yaml", "  competencies: [ec-supervision]\n", "  competencies: [ec-supervisoin]\n",
     "resources.yaml:10:18", "'ec-supervisoin' is not an id in competencies.yaml"),
    ("dangling taxonomy term", "resources.yaml", "  topics: [supervision]\n", "  topics: [supervising]\n",
     "resources.yaml:8:12", "taxonomy.yaml (topics)"),
    ("duplicate id", "resources.yaml", "- id: wage-survey\n", "- id: supervision-guide\n",
     "resources.yaml:20:7", "duplicate id 'supervision-guide' (first used at line 1)"),
    ("javascript url", "resources.yaml", "url: https://example.org/supervision", "url: javascript:alert(1)",
     "resources.yaml:13:8", "must start with https://"),
    ("attribute break-out url", "resources.yaml", "url: https://example.org/supervision", "url: 'https://x.org/\" onmouseover=\"alert(1)'",
     "resources.yaml:13:8", "not a well-formed address"),
    ("NO in an integer field", "edition.yaml", "year: 2030", "year: NO", "edition.yaml:2:7", "must be a whole number"),
    ("number where text is expected", "resources.yaml", "title: National Wage Survey", "title: 2026",
     "resources.yaml:21:10", "put the value in quotes"),
    ("empty title", "resources.yaml", "title: National Wage Survey", "title: ''", "resources.yaml:21:10", "is empty"),
    ("bad date", "edition.yaml", 'released: "2030-01-01"', 'released: "2030-1-1"', "edition.yaml:10:11", "YYYY-MM-DD"),
    ("bad id", "resources.yaml", "- id: wage-survey\n", "- id: Wage Survey\n", "resources.yaml:20:7", "not a valid id"),
    ("unknown enum", "frameworks.yaml", "  kind: employer", "  kind: boss", "frameworks.yaml:3:9", "use one of: employer"),
    ("missing required field", "resources.yaml", "  type: report\n", "", "resources.yaml:20:3", "missing required field 'type'"),
    ("yaml tag", "glossary.yaml", "abbr: SAMHSA", "abbr: !!python/object:os.system SAMHSA", "glossary.yaml:3:9", "tags"),
    ("tab", "glossary.yaml", "  abbr: SAMHSA", "\tabbr: SAMHSA", "glossary.yaml:3:1", "tab character"),
    # A URL needs its evidence, and never comes from a staging, backup or archive copy (issue 14).
    ("url without evidence", "resources.yaml", EVIDENCE, "", "resources.yaml:13:8", "this url has no evidence; add url_evidence"),
    ("evidence without a date", "resources.yaml", '    copy_checked: "2026-01-01"\n', "", "resources.yaml:15:11", "add copy_checked"),
    ("exact page elsewhere", "resources.yaml", "    page: https://example.org/supervision", "    page: https://example.org/other",
     "resources.yaml:16:11", "make page and url the same"),
    ("doi kind, not a doi", "resources.yaml", "kind: exact-page", "kind: doi", "resources.yaml:13:8", "https://doi.org/10."),
    ("printed without its source", "resources.yaml", "kind: exact-page", "kind: printed-in-source", "resources.yaml:15:11", "needs source"),
    ("unknown evidence kind", "resources.yaml", "kind: exact-page", "kind: a-friend-said", "resources.yaml:15:11", "use one of: exact-page"),
    ("staging evidence page", "resources.yaml", "    page: https://example.org/supervision", "    page: https://staging.example.org/supervision",
     "resources.yaml:16:11", "staging or development copy"),
    ("archived url", "resources.yaml", "url: https://example.org/supervision\n", "url: https://web.archive.org/web/2020/https://example.org/supervision\n",
     "resources.yaml:13:8", "is an archive copy, not the publisher's public page"),
    ("evidence for no url", "resources.yaml", "  competencies: [ec-pay]\n  url: null\n",
     "  competencies: [ec-pay]\n  url: null\n  url_evidence:\n    kind: exact-page\n    page: https://example.org/x\n    copy_checked: \"2026-01-01\"\n",
     "resources.yaml:28:3", "url_evidence is set but url is null"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "file", "old", "new", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_invalid_fixture_gets_its_positioned_message(tmp_path: Path, case: str, file: str, old: str, new: str, where: str, words: str) -> None:
    errors = errors_for(patched(tmp_path, file, old, new))
    assert any(e.startswith(where + ": ") and words in e for e in errors), f"{case}: wanted {where} … {words!r}, got {errors}"


def test_a_child_process_trusts_the_handed_over_catalog_only_while_the_files_are_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    assert check_catalog(cat)[1] == []
    env = catalog_module.hand_over(cat, tmp_path / "validated.json")
    # A fresh process has no in-memory cache, only the handed-over file.
    monkeypatch.setattr(catalog_module, "_VALIDATED", {})
    monkeypatch.setenv(catalog_module.HANDOVER_ENV, env[catalog_module.HANDOVER_ENV])
    handed = (tmp_path / "validated.json").read_text("utf-8")
    (tmp_path / "validated.json").write_text(handed.replace("Fixture Org", "Handed Over Org"), "utf-8")
    loaded, errors = check_catalog(cat)
    assert errors == [] and loaded is not None
    publishers = {r.get("publisher") for r in loaded["resources"]}
    assert "Handed Over Org" in publishers and "Fixture Org" not in publishers  # not re-read from disk
    # Once a file changes, the handover no longer applies and the catalog is checked again.
    resources = cat / "resources.yaml"
    resources.write_text(resources.read_text("utf-8").replace("  publisher: Fixture Org\n", "  publsher: Fixture Org\n", 1), "utf-8")
    assert any("unknown field 'publsher'" in e for e in errors_for(cat))


def test_non_utf8_file_is_reported_at_the_bad_byte(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "glossary.yaml").write_bytes(b"- id: x\n  term: caf\xe9\n  definition: d\n")
    assert errors_for(cat) == ["glossary.yaml:2:12: file is not UTF-8 text; save it with UTF-8 encoding"]


def test_every_error_is_reported_not_only_the_first(tmp_path: Path) -> None:
    cat = patched(tmp_path, "resources.yaml", "  topics: [supervision]\n", "  topics: [nope]\n  colour: red\n")
    (cat / "sources.yaml").write_text("- id: fixture-source\n  citation: x\n- id: fixture-source\n  citation: y\n", "utf-8")
    errors = errors_for(cat)
    assert any("unknown field 'colour'" in e for e in errors)
    assert any("'nope' is not an id" in e for e in errors)
    assert any("duplicate id 'fixture-source'" in e for e in errors)


def test_unknown_and_missing_files_are_reported(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "sections.yaml").unlink()
    (cat / "resorces.yaml").write_text("[]\n", "utf-8")
    errors = errors_for(cat)
    assert any(e.startswith("sections.yaml:1:1: missing required file") for e in errors)
    assert any(e.startswith("resorces.yaml:1:1: unknown catalog file") for e in errors)


def test_scripts_validate_prints_one_line_per_error_and_exits_1(tmp_path: Path) -> None:
    cat = patched(tmp_path, "resources.yaml", "  publisher: Fixture Org\n", "  publisher: Fixture Org\n  publisher: Other\n")
    result = subprocess.run([ROOT / "scripts" / "validate", "--catalog", cat], capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"\S*catalog/resources\.yaml:6:3: duplicate key 'publisher' \(first at line 5\); keep one and delete the other", lines[0])


def test_scripts_validate_accepts_a_valid_catalog() -> None:
    result = subprocess.run([ROOT / "scripts" / "validate", "--catalog", MINIMAL], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("catalog OK")


def test_help_is_available_for_every_script() -> None:
    for script in sorted((ROOT / "scripts").iterdir()):
        if script.is_file() and script.stat().st_mode & 0o111:
            result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, f"{script.name} --help failed: {result.stderr}"
            assert "Usage" in result.stdout or "usage" in result.stdout, script.name
