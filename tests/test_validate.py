"""scripts/validate: every error, one line each, as FILE:LINE:COL: what is wrong and how to fix it."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import loader as catalog_module
from pet_generator.catalog.loader import check_catalog

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
     "resources.yaml:16:11", "staging, test or development copy"),
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


@pytest.mark.parametrize("url", ["javascript:alert(1)//?q=", "http://search.example.org/?q=", "https://search.example.org/"])
def test_the_web_search_address_must_be_https_and_end_with_its_query_parameter(tmp_path: Path, url: str) -> None:
    cat = patched(tmp_path, "edition.yaml", "repository: null\n", f'repository: null\nweb_search:\n  name: Example\n  url: "{url}"\n')
    errors = errors_for(cat)
    assert errors and all(e.startswith("edition.yaml:10:") for e in errors), errors


def test_a_web_search_address_that_ends_with_its_query_parameter_is_accepted(tmp_path: Path) -> None:
    cat = patched(
        tmp_path, "edition.yaml", "repository: null\n", 'repository: null\nweb_search:\n  name: Example\n  url: "https://search.example.org/?q="\n'
    )
    assert errors_for(cat) == []


# ---------------------------------------------------------------- hostile input, round 2


def test_a_link_to_a_secret_is_refused_without_reading_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("- id: leaked\n  term: TOP-SECRET-VALUE\n  definition: d\n", "utf-8")
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "glossary.yaml").unlink()
    (cat / "glossary.yaml").symlink_to(secret)
    result = subprocess.run([ROOT / "scripts" / "validate", "--catalog", cat], capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"glossary\.yaml:1:1: is a symbolic link, not a regular file", result.stdout), result.stdout
    assert "TOP-SECRET" not in result.stdout + result.stderr


@pytest.mark.parametrize("where", ["glossary.yaml", "templates/x.yaml", "schema/x.schema.json", "editions/2029.json", "reports/external-links.json"])
def test_links_anywhere_under_the_catalog_are_refused(tmp_path: Path, where: str) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    link = cat / where
    link.parent.mkdir(exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to("/dev/zero")
    assert any(e.startswith(f"{link.name}:1:1: is a symbolic link") for e in errors_for(cat))


def test_a_linked_folder_and_a_named_pipe_are_refused(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "editions").symlink_to("/etc")
    os.mkfifo(cat / "glossary.yaml.fifo")
    (cat / "glossary.yaml").unlink()
    os.mkfifo(cat / "glossary.yaml")
    errors = errors_for(cat)
    assert (
        "editions:1:1: is a symbolic link, not a regular file; the build never follows links or reads devices: replace it with the file's own content"
        in errors
    )
    assert any(e.startswith("glossary.yaml:1:1: is a named pipe") for e in errors)
    assert any(e.startswith("glossary.yaml.fifo:1:1: is a named pipe") for e in errors)


def test_read_regular_refuses_a_link_swapped_in_after_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pet_generator.catalog import files as catalog_files

    target = tmp_path / "data.yaml"
    target.write_text("a: 1\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    real_lstat = os.lstat
    monkeypatch.setattr(catalog_files.os, "lstat", lambda p: real_lstat(target))  # the check sees a file...
    with pytest.raises(catalog_files.FileRefused, match="symbolic link"):  # ...but open() meets the link
        catalog_files.read_regular(link)


def test_unexpected_names_are_each_reported_and_the_known_folders_are_fine(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    for name in (
        "EVIL.YAML",
        "resources.json",
        "notes/resources.yaml",
        "templates/README.md",
        "templates/resources.yaml",
        "schema/x.schema.json",
        "editions/2029.json",
        "editions/old.txt",
        ".swap.yaml.swp",
    ):
        (cat / name).parent.mkdir(exist_ok=True)
        (cat / name).write_text("{}\n", "utf-8")
    errors = errors_for(cat)
    flagged = {e.split(":")[0] for e in errors}
    assert flagged == {"EVIL.YAML", "resources.json", "resources.yaml", "old.txt"}, errors
    assert any(e.startswith("resources.yaml:1:1: is in an unexpected folder") for e in errors)


def test_sizes_are_checked_before_anything_is_parsed(tmp_path: Path) -> None:
    from pet_generator.catalog import files as catalog_files

    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    with open(cat / "glossary.yaml", "ab") as handle:  # a sparse 46 MB file: no disk used, nothing parsed
        handle.truncate(46 * 1024 * 1024)
    assert errors_for(cat) == [
        "glossary.yaml:1:1: is 46.0 MB, more than the 12 MB this file may hold; remove entries (CONTRIBUTING.md lists the limits)"
    ]
    (cat / "glossary.yaml").unlink()
    for name in ("facts.yaml", "roles.yaml"):
        (cat / name).write_bytes(b"# padding\n" * (catalog_files.MAX_FILE_BYTES // 10 - 1))
    errors = errors_for(cat)
    assert any(e.startswith("roles.yaml:1:1: with this file the catalog's files add up to more than 16 MB") for e in errors), errors


def _with_previous_edition(tmp_path: Path, baseline: str) -> Path:
    cat = patched(tmp_path, "edition.yaml", "previous_year: null", "previous_year: 2029")
    (cat / "editions").mkdir()
    (cat / "editions" / "2029.json").write_text(baseline, "utf-8")
    return cat


def test_a_good_baseline_and_link_report_pass(tmp_path: Path) -> None:
    cat = _with_previous_edition(tmp_path, '{"resources": [{"id": "old", "title": "Old", "extra": [1, {"x": null}]}], "glossary": "anything"}')
    (cat / "reports").mkdir()
    report = {
        "checked_at": "2026-01-01T00:00:00+00:00",
        "counts": {"ok": 1},
        "results": [
            {
                "collection": "resources",
                "id": "x",
                "title": "T",
                "url": "https://example.org/",
                "status": "ok",
                "http_status": 200,
                "new_url": None,
                "detail": "",
            }
        ],
    }
    (cat / "reports" / "external-links.json").write_text(json.dumps(report), "utf-8")
    assert errors_for(cat) == []


@pytest.mark.parametrize(
    ("baseline", "expected"),
    [
        ('{"resources": [{"title": "no id"}]}', "2029.json:1:16: missing required field 'id'"),
        ('{"resources": {"id": "x"}}', "2029.json:1:15: 'resources' must be a list"),
        ("[1, 2]", "2029.json:1:1: this entry must be a mapping of fields"),
        ('{"resources": [{"id": "x", "title": 5}]}', "2029.json:1:37: 'title' must be text"),
        ('{"resources": [', "2029.json:1:16: YAML syntax error"),
        ('{"a": 1, "a": 2}', "2029.json:1:10: duplicate key 'a'"),
        ('{"a": ' + "9" * 5000 + "}", "2029.json:1:7: number with 5000 digits is too long"),
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "2029.json:1:38: lists and mappings are nested more than 32 levels"),
    ],
)
def test_a_bad_baseline_fails_validation_and_the_page_with_a_position(tmp_path: Path, baseline: str, expected: str) -> None:
    from pet_generator.catalog.loader import Catalog, CatalogInvalid
    from pet_generator.site.editions import load_baseline

    cat = _with_previous_edition(tmp_path, baseline)
    errors = errors_for(cat)
    assert any(e.startswith(expected) for e in errors), errors
    edition = {"year": 2030, "previous_year": 2029}
    with pytest.raises(CatalogInvalid) as caught:  # the What's new page never meets a traceback
        load_baseline(Catalog(root=cat, data={"edition": edition}))
    assert expected.split(":", 3)[3].strip()[:20] in str(caught.value)


def test_scripts_build_refuses_a_bad_link_report_with_a_position(tmp_path: Path) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "reports").mkdir()
    (cat / "reports" / "external-links.json").write_text('{"results": [{"id": "x", "url": "u", "status": null}]}', "utf-8")
    result = subprocess.run([ROOT / "scripts" / "validate", "--catalog", cat], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"reports/external-links\.json:1:48: 'status' must be text", result.stdout), result.stdout


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("- id: supervision-guide\n", '- id: ""\n', "resources.yaml:1:7", "is empty"),
        ("- id: supervision-guide\n", '- id: "supervision-guide\\n"\n', "resources.yaml:1:7", "not a valid id"),
        ("  topics: [supervision]\n", '  topics: ["supervision\\n"]\n', "resources.yaml:8:12", "not a valid id"),
        ("  topics: [supervision]\n", '  topics: [""]\n', "resources.yaml:8:12", "is empty"),
        ("- id: supervision-guide\n", "- id: pet-search\n", "resources.yaml:1:7", "kept for the site's own page elements"),
    ],
)
def test_ids_and_references_are_matched_whole_and_never_empty(tmp_path: Path, old: str, new: str, where: str, words: str) -> None:
    errors = errors_for(patched(tmp_path, "resources.yaml", old, new))
    assert any(e.startswith(where + ": ") and words in e for e in errors), errors


@pytest.mark.parametrize(
    ("date", "ok"),
    [
        ("2030-02-28", True),
        ("2028-02-29", True),
        ("2030-02-29", False),
        ("2030-02-31", False),
        ("2030-04-31", False),
        ("2030-01-01\n", False),
        ("", False),
    ],
)
def test_dates_must_be_real_calendar_days(tmp_path: Path, date: str, ok: bool) -> None:
    errors = errors_for(patched(tmp_path, "edition.yaml", 'released: "2030-01-01"', f"released: {json.dumps(date)}"))
    assert (errors == []) is ok, errors
    if not ok:
        assert errors[0].startswith("edition.yaml:10:11: 'released' ")


def test_every_element_id_the_site_itself_uses_is_in_the_reserved_namespace() -> None:
    """Catalog ids become element ids; ids starting with urls.ELEMENT_ID_PREFIX are refused,
    so every id the site's scripts look up must start with it (or with '__', which no catalog
    id can). In-page links to headings (#results) are not lookups: a clash there only moves a jump."""
    from pet_generator.catalog.urls import ELEMENT_ID_PREFIX

    sources = [*ROOT.glob("overrides/**/*.html"), *ROOT.glob("docs/**/*.md"), *ROOT.glob("docs/assets/*.js"), *ROOT.glob("macros/*.py")]
    looked_up: set[str] = set()
    for path in sources:
        text = path.read_text("utf-8")
        looked_up |= set(re.findall(r"getElementById\(\s*[\"']([^\"']+)", text))
        looked_up |= set(re.findall(r"querySelector(?:All)?\(\s*[\"']#([\w-]+)", text))
    assert {"pet-search-input", "pet-header-q", "pet-search"} <= looked_up  # the scan does find them
    assert all(i.startswith((ELEMENT_ID_PREFIX, "__")) for i in looked_up), sorted(looked_up)


def test_an_undeclared_placeholder_is_caught_by_the_validator_not_the_build(tmp_path: Path) -> None:
    cat = patched(tmp_path, "handouts.yaml", "        - Review caseload\n", "        - Review [[caseload-size]]\n")
    assert any(e.startswith("handouts.yaml:") and "placeholder [[caseload-size]] is not listed" in e for e in errors_for(cat))
