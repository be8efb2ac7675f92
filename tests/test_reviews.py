"""Issue 23, parts 1 and 2: reviews that people make (scripts/review, catalog/reviews.yaml) and
facts that say their age. Reviews are refused without a person, in the future or before their
record existed; a reviewed page says who and when; an overdue fact says so beside it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, copy_catalog
from pet_generator.catalog.loader import check_catalog, load_catalog
from pet_generator.catalog.review import queue
from pet_generator.site import render, resource_page, review_line
from pet_generator.site.html import Context

REVIEW = ROOT / "scripts" / "review"


@pytest.fixture
def catalog_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PET_TODAY", "2026-12-07")
    return copy_catalog(tmp_path / "catalog")


def run_review(catalog: Path, *args: str, today: str = "2026-12-07") -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PET_TODAY": today}
    return subprocess.run([REVIEW, *args, "--catalog", str(catalog)], capture_output=True, text=True, env=env, timeout=120)


def review_here(catalog: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The review command in this process (the catalog_copy fixture sets today): the script's
    own wrapper is run once, below; the other cases need not pay a Python start-up each."""
    from pet_generator.tools import review

    code = review.main([*args, "--catalog", str(catalog)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_reviews_file_starts_empty() -> None:
    assert load_catalog(ROOT / "catalog").data["reviews"] == [], "nobody has reviewed anything yet: the file must hold no review"


@pytest.mark.parametrize(
    ("entry", "where", "words"),
    [
        ('- record: facts:mhsa-year\n  date: "2026-12-01"\n', ":14:3:", "has no 'by'"),
        ('- record: facts:mhsa-year\n  date: "2026-12-01"\n  by: TODO\n', ":16:7:", "does not name a person"),
        ('- record: facts:mhsa-year\n  date: "2026-12-09"\n  by: Ana Ruiz\n', ":15:9:", "is after today"),
        ('- record: facts:mhsa-year\n  date: "2026-11-01"\n  by: Ana Ruiz\n', ":15:9:", "before facts:mhsa-year was added"),
        ('- record: facts:no-such-fact\n  date: "2026-12-01"\n  by: Ana Ruiz\n', ":14:11:", "no record"),
        ('- record: facts:mhsa-year\n  date: "2026-12-01"\n  by: Ana <b>Ruiz</b>\n', ":16:7:", "is not a name"),
        ('- record: facts:mhsa-year\n  date: "2026-12-01"\n  by: Ana Ruiz\n  next_due: "2026-11-30"\n', ":17:13:", "must come after"),
    ],
)
def test_a_review_that_breaks_a_rule_is_refused_at_file_line_col(catalog_copy: Path, entry: str, where: str, words: str) -> None:
    reviews = catalog_copy / "reviews.yaml"
    assert len(reviews.read_text("utf-8").splitlines()) == 13  # the header comment; entries start at line 14
    reviews.write_text(reviews.read_text("utf-8") + entry, "utf-8")
    errors = [str(e) for e in check_catalog(catalog_copy)[1]]
    assert any(f"reviews.yaml{where}" in e and words in e for e in errors), errors


def test_a_reviewed_field_in_a_record_points_to_scripts_review(catalog_copy: Path) -> None:
    facts = catalog_copy / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace("- id: mhsa-year\n", '- id: mhsa-year\n  reviewed: "2026-12-01"\n', 1), "utf-8")
    errors = [str(e) for e in check_catalog(catalog_copy)[1]]
    assert any("facts.yaml:" in e and "scripts/review facts:mhsa-year" in e for e in errors), errors


def test_scripts_review_refuses_and_writes_nothing(catalog_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (catalog_copy / "reviews.yaml").read_bytes()
    future = run_review(catalog_copy, "facts:mhsa-year", "--by", "Ana Ruiz", "--date", "2027-01-01")
    assert future.returncode == 1 and re.search(r"reviews\.yaml:\d+:\d+: 'date' '2027-01-01' is after today", future.stderr), future.stderr
    code, _, err = review_here(catalog_copy, capsys, "facts:mhsa-year")
    assert code == 2 and "--by" in err
    code, _, err = review_here(catalog_copy, capsys, "facts:mhsa-year", "--by", "someone")
    assert code == 2 and "does not name a person" in err
    code, _, err = review_here(catalog_copy, capsys, "no-such-thing", "--by", "Ana Ruiz")
    assert code == 2 and "no record or guidance page" in err
    assert (catalog_copy / "reviews.yaml").read_bytes() == before


def test_three_reviews_show_on_their_pages_and_leave_the_queue(catalog_copy: Path) -> None:
    before = queue(load_catalog(catalog_copy))
    header = (catalog_copy / "reviews.yaml").read_text("utf-8")
    done = run_review(catalog_copy, "pay", "facts:living-wage-sacramento-1-adult-2025", "mit-living-wage-calculator",
                      "--by", "Ana Ruiz", "--note", "Checked against the sources.")  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (catalog_copy / "reviews.yaml").read_text("utf-8")
    assert text.startswith(header), "the maintainers' comments stay as they were"
    cat = load_catalog(catalog_copy)
    assert [r["record"] for r in cat.data["reviews"]] == [
        "page:pay",
        "facts:living-wage-sacramento-1-adult-2025",
        "resources:mit-living-wage-calculator",
    ]
    after = queue(cat)
    assert len(after) == len(before) - 3
    assert not {"page:pay", "resources:mit-living-wage-calculator"} & {i.key for i in after}

    page = BeautifulSoup(review_line.page_block(cat, "page:pay"), "html.parser")
    assert page.select_one(".pet-page-review").get_text() == "Last reviewed 7 December 2026 by Ana Ruiz · Next review due 7 December 2027"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["lastReviewed"] == "2026-12-07" and data["reviewedBy"] == {"@type": "Person", "name": "Ana Ruiz"}

    r = cat.get("resources", "mit-living-wage-calculator")
    body = BeautifulSoup(resource_page.resource_page_body(cat, Context(page_url="resources/x/"), r, {}), "html.parser")
    checks = body.select_one(".pet-reviewed").get_text(" | ", strip=True)
    assert "Reviewed 7 December 2026 by Ana Ruiz · Next review due 7 December 2027" in checks
    assert "Link confirmed on the publisher's site (stored copy, 30 November 2026)" in checks
    assert "Added to the catalog on 23 November 2026" in checks
    ld = json.loads(body.select_one('script[type="application/ld+json"]').string)
    assert ld["mainEntityOfPage"]["lastReviewed"] == "2026-12-07"

    # The reviewed fact is no longer past its review date: its notice is gone until the next one is due.
    fact_html = render.fact(cat, Context(page_url="pay/"), "living-wage-sacramento-1-adult-2025")
    assert "past its review date" not in fact_html


def test_unreviewed_pages_say_so_quietly(catalog_copy: Path) -> None:
    cat = load_catalog(catalog_copy)
    page = BeautifulSoup(review_line.page_block(cat, "page:pay"), "html.parser")
    line = page.select_one(".pet-page-review")
    assert line.get_text() == "Not yet reviewed" and "pet-quiet" in line["class"]
    assert page.select_one("script") is None, "no structured data claims a review"


def test_an_overdue_fact_shows_its_notice_and_a_current_one_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cat = load_catalog(ROOT / "catalog")
    ctx = Context(page_url="pay/")
    monkeypatch.setenv("PET_TODAY", "2026-02-28")  # the day before the wage table's review date
    table = BeautifulSoup(render.fact_table(cat, ctx, "mit-living-wage-sacramento-2025"), "html.parser")
    assert table.select_one(".pet-overdue") is None
    assert "Next check due 1 March 2026" in table.select_one(".pet-fact-when").get_text()
    monkeypatch.setenv("PET_TODAY", "2026-03-01")
    table = BeautifulSoup(render.fact_table(cat, ctx, "mit-living-wage-sacramento-2025"), "html.parser")
    notice = table.select_one(".pet-overdue").get_text(" ", strip=True)
    assert "These figures are from 10 February 2025 and are past their review date (1 March 2026)" in notice
    assert table.select_one('.pet-overdue a[href="https://livingwage.mit.edu/"]') is not None
    inline = render.fact(cat, ctx, "california-minimum-wage-2025")
    assert "past its review date" in inline and "as of February 2025" in inline


def test_billing_codes_carry_their_date_and_source(monkeypatch: pytest.MonkeyPatch) -> None:
    cat = load_catalog(ROOT / "catalog")
    for code in cat["procedure_codes"]:
        assert code["as_of"] and code["source"] and code["review_by"], code["id"]
    monkeypatch.setenv("PET_TODAY", "2026-12-07")
    html = BeautifulSoup(render.procedure_codes(cat, Context(page_url="certification/")), "html.parser")
    line = html.select_one(".pet-fact-when").get_text(" ", strip=True)
    assert line.startswith("As of 2026.") and "Source:" in line and "Next check due 1 January 2027" in line
    assert html.select_one(".pet-overdue") is None
    monkeypatch.setenv("PET_TODAY", "2027-01-02")
    html = BeautifulSoup(render.procedure_codes(cat, Context(page_url="certification/")), "html.parser")
    assert "These codes are from 2026 and are past their review date (1 January 2027)" in html.select_one(".pet-overdue").get_text(" ", strip=True)


def test_built_pages_end_with_their_review_line(site_dir: Path) -> None:
    for page in ("pay", "certification", "hiring", "competencies/ec-supervision", "handouts/job-description"):
        soup = BeautifulSoup((site_dir / page / "index.html").read_text("utf-8"), "html.parser")
        line = soup.select_one(".md-content .pet-page-review")
        assert line is not None and line.get_text() == "Not yet reviewed", page
    maintainers = (site_dir / "maintainers" / "index.html").read_text("utf-8")
    assert "pet-page-review-wrap" not in maintainers  # a worklist, not guidance
    pay = (site_dir / "pay" / "index.html").read_text("utf-8")
    assert 'data-overdue="mit-living-wage-sacramento-2025"' in pay  # the build's today is after 1 March 2026


def test_the_queue_ranks_what_employers_see_most_first(catalog_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = queue(load_catalog(catalog_copy))
    ranks = [i.rank for i in items]
    assert ranks == sorted(ranks), "dated facts on guidance pages, then pages, then resources, then the rest"
    first = items[0]
    assert first.key.startswith("facts:") and first.overdue and "pay.md" in first.shown_on
    assert {"procedure_codes:h0025", "procedure_codes:h0038"} <= {i.key for i in items if i.rank == 0}
    markdown = review_here(catalog_copy, capsys, "--due", "--markdown")[1]
    assert markdown.startswith("# Review queue (2026-12-07)") and "## Dated facts shown on guidance pages" in markdown
    assert "- [ ] ` facts:california-minimum-wage-2025 `" in markdown


def test_publishing_with_overdue_facts_needs_a_recorded_reason(catalog_copy: Path) -> None:
    from pet_generator.tools import overdue

    cat = load_catalog(catalog_copy)
    stale = overdue.uncovered(cat)
    assert {i.key for i in stale} >= {"facts:mit-living-wage-sacramento-2025", "facts:california-minimum-wage-2025"}
    edition = catalog_copy / "edition.yaml"
    before = edition.read_text("utf-8")
    with pytest.raises(ValueError, match="does not name a person"):
        overdue.record_reason(edition, "Waiting for MIT's 2026 figures.", "editor", [i.key for i in stale])
    overdue.record_reason(edition, "Waiting for MIT's 2026 figures.", "Ana Ruiz", [i.key for i in stale])
    assert edition.read_text("utf-8").startswith(before.rstrip("\n")), "the editors' comments and layout stay"
    cat = load_catalog(catalog_copy)
    assert overdue.uncovered(cat) == [] and cat["edition"]["overdue_reason"]["by"] == "Ana Ruiz"
    about = BeautifulSoup(review_line.facts_status(cat, Context(page_url="about/")), "html.parser")
    assert "The editor, Ana Ruiz, gave this reason: Waiting for MIT's 2026 figures." in about.get_text()
    # A fact that goes overdue later is not covered by the old reason.
    facts = catalog_copy / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace('review_by: "2027-01-01"', 'review_by: "2026-12-01"', 1), "utf-8")
    assert [i.key for i in overdue.uncovered(load_catalog(catalog_copy))] == ["facts:peer-supporters-us"]


def test_the_revision_checklist_lists_overdue_facts_and_links(catalog_copy: Path) -> None:
    from pet_generator.tools.new_edition import revision_checklist

    text = revision_checklist(load_catalog(catalog_copy), 2026, 2027)
    overdue_part, _, rest = text.partition("## Links to re-check")
    assert "facts:mit-living-wage-sacramento-2025" in overdue_part and "facts:mhsa-year" not in overdue_part
    assert "` resources:ontrackny ` ` https://ontrackny.org/About-us/Our-mission `: never checked" in rest
    assert "## What's new" in rest and "## Still to review" in rest
