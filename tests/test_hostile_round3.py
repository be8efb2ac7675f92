"""Hostile input, round 3 (issue 21): one regression test per class, named after it.

The catalog's own hostile snippets live in tests/fixtures/hostile/ (test_hostile_catalog.py);
these tests cover the surfaces around it: the link report, dates, pages, settings, the scan.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from helpers import FIXTURES, copy_catalog

from macros.catalog import dates
from macros.catalog.link_report import PROOF_ENV, matches_workflow_run
from macros.catalog.loader import check_catalog, load_catalog
from macros.catalog.markdown_safe import code_span
from macros.site.html import Context
from macros.site.maintainers import link_evidence, link_report
from macros.tools.check_links import LinkResult, write_report

MINIMAL = FIXTURES / "minimal"

# ---------------------------------------------------------------- 5. what other hosts write into our reports

REMOTE_VALUES = [
    "https://evil.example/@admin ![x](https://evil.example/pixel.png) <img src=x onerror=alert(1)>",
    "see [here](javascript:alert(1)) and #1 and @org/team",
    "a `tick` and ``two`` and ```three```",
    "`starts and ends with a backtick`",
    "pipe | splits | cells \\| and an escaped one",
    "line one\n# a heading\r\n- a list\u2028and a separator",
    "right-to-left \u202eevil\u202c and zero\u200bwidth",
    "trailing backslash \\",
    "x" * 5000,
]


def _cells(row: str) -> list[str]:
    """A GFM table row split the way GFM splits it: at each `|` not preceded by a backslash."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def _is_one_code_span(cell: str) -> bool:
    match = re.fullmatch(r"(`+) (.*) \1", cell, re.DOTALL)
    return bool(match) and not re.search(rf"(?<!`){match.group(1)}(?!`)", match.group(2))


@pytest.mark.parametrize("value", REMOTE_VALUES)
def test_what_other_hosts_write_into_our_reports_stays_in_one_code_span(value: str) -> None:
    span = code_span(value)
    assert "\n" not in span and "\r" not in span and "\u2028" not in span and "\u202e" not in span
    assert _is_one_code_span(span.replace("\\|", "|")), span
    assert len(span) < 400


def test_what_other_hosts_write_into_our_reports_cannot_add_links_mentions_or_images(tmp_path: Path) -> None:
    results = [
        LinkResult("resources", f"r{i}", "T", "https://example.org/a|b", "broken" if i % 2 else "redirected", 500, value, value)
        for i, value in enumerate(REMOTE_VALUES)
    ]
    _, md_path = write_report(results, tmp_path)
    rows = [line for line in md_path.read_text("utf-8").splitlines() if line.startswith("| ") and "Status" not in line]
    assert len(rows) == len(REMOTE_VALUES)
    for row in rows:
        status, entry, url, detail, *_history = _cells(row)  # the History column holds only our own words
        assert status in ("broken", "redirected")
        assert re.fullmatch(r"resources: ` r\d+ `", entry), entry
        assert _is_one_code_span(url.replace("\\|", "|")) and _is_one_code_span(detail.replace("\\|", "|")), row
    outside_spans = re.sub(r"(`+) .*? \1", "", "\n".join(rows))
    assert not re.search(r"[@!<\[#]", outside_spans), outside_spans


# ---------------------------------------------------------------- 6. proof of checks cannot come from the future


def test_proof_of_checks_cannot_come_from_the_future_one_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PET_TODAY", "2027-03-12")
    assert not dates.from_the_future("2027-03-13")  # one day of slack: a maintainer ahead of the build's time zone
    assert dates.from_the_future("2027-03-14") and dates.from_the_future("2099-12-31T00:00:00+00:00")
    assert not dates.from_the_future("not a date") and not dates.from_the_future(None)
    assert dates.latest_done_date() == datetime.date(2027, 3, 13)


# Reviews live in catalog/reviews.yaml (a `reviewed` field on a record is refused outright);
# tests/test_reviews.py proves a review dated after today is refused there.
@pytest.mark.parametrize("field", ["copy_checked", "live_checked"])
def test_proof_of_checks_cannot_come_from_the_future_in_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    monkeypatch.setenv("PET_TODAY", "2026-12-07")
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    path = cat / "resources.yaml"
    text = path.read_text("utf-8")
    if field in ("copy_checked", "live_checked"):
        text = text.replace('    copy_checked: "2026-01-01"\n', f'    {field}: "2026-12-09"\n', 1)
    else:
        text = text.replace("  source:\n    source: fixture-source\n", f'  source:\n    source: fixture-source\n  {field}: "2026-12-09"\n', 1)
    path.write_text(text, "utf-8")
    _, errors = check_catalog(cat)
    assert [str(e).split("resources.yaml:")[1][:5] for e in errors if "after today" in e.message], errors
    monkeypatch.setenv("PET_TODAY", "2026-12-08")  # the next day the same date is within the slack
    assert check_catalog(cat)[1] == []


def _report(url: str, run_id: str = "123") -> dict:
    return {
        "checked_at": "2026-12-01T06:17:00+00:00",
        "run": {
            "repository": "org/toolkit",
            "run_id": run_id,
            "workflow_ref": "org/toolkit/.github/workflows/links.yml@refs/heads/main",
            "commit": "a" * 40,
        },
        "results": [{"collection": "resources", "id": "supervision-guide", "title": "T", "url": url, "status": "ok", "http_status": 200}],
    }


def test_proof_of_checks_a_committed_report_counts_only_when_it_is_the_workflows_own_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PET_TODAY", "2026-12-07")
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "reports").mkdir()
    report = _report("https://example.org/supervision")
    (cat / "reports" / "external-links.json").write_text(json.dumps(report), "utf-8")
    catalog = load_catalog(cat)

    def page() -> str:
        return link_evidence(catalog, Context(page_url="maintainers/"))

    monkeypatch.delenv(PROOF_ENV, raising=False)
    assert not matches_workflow_run(report)
    assert "<strong>never checked live</strong>" in page() and "ok in the link report" not in page()
    assert "not confirmed as the link-check workflow" in link_report(catalog, Context(page_url="maintainers/"))

    proof = tmp_path / "proof.json"
    monkeypatch.setenv(PROOF_ENV, str(proof))
    for forged in (_report("https://example.org/supervision", run_id="999"), _report("https://example.org/other"), {"results": []}):
        proof.write_text(json.dumps(forged), "utf-8")  # another run, other results, or no run at all
        assert not matches_workflow_run(report)
        assert "never checked live" in page()
    proof.write_text("{not json", "utf-8")
    assert not matches_workflow_run(report)

    proof.write_text(json.dumps(report, indent=1), "utf-8")  # the run's own artifact: same content
    assert matches_workflow_run(report)
    assert "ok in the link report" in page() and "0 never checked live" in page() and "<strong>never" not in page()
    unsigned = {k: v for k, v in report.items() if k != "run"}
    proof.write_text(json.dumps(unsigned), "utf-8")
    assert not matches_workflow_run(unsigned)  # a report that names no run is never proof


def test_proof_of_checks_the_report_names_its_run_only_inside_github_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = [LinkResult("resources", "x", "T", "https://example.org/", "ok", 200)]
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    json_path, _ = write_report(result, tmp_path)
    assert "run" not in json.loads(json_path.read_text("utf-8"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_RUN_ID", "4242")
    monkeypatch.setenv("GITHUB_REPOSITORY", "org/toolkit")
    json_path, _ = write_report(result, tmp_path)
    assert json.loads(json_path.read_text("utf-8"))["run"]["run_id"] == "4242"
