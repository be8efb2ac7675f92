"""Content tests (this toolkit's 2026 catalog, not the generator). Issue 14, parts 2-4: facts credited to the right place, dated, honestly reviewed, and every
section page listing the resources the toolkit cites in it. Asserted on the built site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, copy_catalog
from pet_generator.catalog.loader import Catalog, load_catalog
from pet_generator.catalog.review import queue
from pet_generator.site.html import Context
from pet_generator.site.maintainers import not_reviewed

pytestmark = pytest.mark.content  # about this catalog: `-m 'not content'` runs the generator's tests only

MAIN_SOURCE = ROOT.parent / "shared" / "seeds" / "003_c4500914be87059f.txt"
# The toolkit's top-level sections (its table of contents): a locator's section ends at the next.
TOP_SECTIONS = (
    "Welcome", "Recovery", "The Peer Role and the Recovery Model",
    "California's Medi-Cal Peer Support Specialist Certification", "Workforce Integration Challenges",
    "Core Competencies for Peer Employers", "Hiring and Retaining Peers",
    "Documentation for Peer Support Services", "Resources and Sample Documents",
)  # fmt: skip
# Terms the toolkit mentions but never explains: an entry must credit another source or the editors.
NOT_EXPLAINED_BY_TOOLKIT = {"bhsa", "soar", "wet", "ies", "aca", "jan"}
TOOLKIT = "peer-employer-toolkit-2026"


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _source_lines() -> list[str]:
    if not MAIN_SOURCE.exists():
        pytest.skip("the seed documents are not beside this clone")
    return MAIN_SOURCE.read_text("utf-8").splitlines()


def section_text(lines: list[str], locator: str) -> str | None:
    """The toolkit's text under the heading a locator names, up to the next top-level section
    (or the next competency). "Cover" is the title page, before the table of contents."""
    toc = next(i for i, line in enumerate(lines) if line.strip() == "Table of Contents")
    if locator == "Cover":
        return "\n".join(lines[:toc])
    key = _norm(locator)
    number = re.match(r"competency (\d+)", key)
    for start in range(toc + len(TOP_SECTIONS) + 1, len(lines)):
        line = _norm(lines[start])
        if len(line) < 120 and line.startswith(key):
            for end in range(start + 1, len(lines)):
                text = lines[end].strip()
                other = re.match(r"Competency (\d+):", text)
                if (text in TOP_SECTIONS and _norm(text) != key) or (other and (not number or other.group(1) != number.group(1))):
                    return "\n".join(lines[start:end])
            return "\n".join(lines[start:])
    return None


def test_section_finder_can_fail() -> None:
    lines = _source_lines()
    assert section_text(lines, "No Such Heading Anywhere") is None
    competency_6 = section_text(lines, "Competency 6")
    assert competency_6 and "BHSA" in competency_6 and "Competency 7:" not in competency_6


def test_no_glossary_entry_credits_the_toolkit_where_its_section_lacks_the_term(catalog: Catalog) -> None:
    lines = _source_lines()
    wrong = []
    for g in catalog["glossary"]:
        ref = g.get("source") or {}
        if ref.get("source") != TOOLKIT:
            continue
        assert ref.get("locator"), f"glossary '{g['id']}' credits the toolkit without saying where"
        section = section_text(lines, ref["locator"])
        assert section is not None, f"glossary '{g['id']}': no section '{ref['locator']}' in the toolkit"
        if not any(_norm(word) in _norm(section) for word in (g["term"], g.get("abbr") or g["term"])):
            wrong.append(f"{g['id']} ({ref['locator']})")
    assert wrong == [], f"credited to toolkit sections that never mention the term: {wrong}"


def test_terms_the_toolkit_does_not_explain_credit_a_real_source_or_the_editors(catalog: Catalog) -> None:
    for gid in NOT_EXPLAINED_BY_TOOLKIT:
        g = catalog.get("glossary", gid)
        ref = g.get("source") or {}
        assert ref.get("source") != TOOLKIT, f"'{gid}' is credited to the toolkit, which does not explain it"
        if not g.get("editors_note"):
            source = catalog.get("sources", ref["source"])
            assert source.get("url") and source.get("url_evidence"), f"'{gid}' credits a source without a confirmed address"


def test_toolkit_definitions_are_the_toolkits(catalog: Catalog) -> None:
    dhs = catalog.get("glossary", "dhs")
    assert "Sacramento" in dhs["definition"] and "Illinois" not in dhs["definition"]
    lived = catalog.get("glossary", "lived-experience")["definition"]
    assert "first-hand" in lived and "caring" not in lived


def test_glossary_page_shows_each_credit(site_dir: Path) -> None:
    page = (site_dir / "glossary" / "index.html").read_text("utf-8")

    def entry(gid: str) -> str:
        m = re.search(rf'<dd data-glossary-id="{gid}">(.*?)</dd>', page, re.S)
        assert m, f"no glossary entry {gid}"
        return m.group(1)

    assert 'href="../references/#ies-50-years"' in entry("ies")
    assert "Editors' note" in html.unescape(entry("aca"))
    assert 'href="../references/#peer-employer-toolkit-2026"' in entry("lived-experience")


def test_references_page_explains_its_groups_and_has_no_orphans(catalog: Catalog, site_dir: Path) -> None:
    page = (site_dir / "references" / "index.html").read_text("utf-8")
    for group in ("toolkit", "cited", "companion", "editors"):
        assert f'id="references-{group}"' in page
    assert 'id="eeoc"' not in page and "eeoc" not in catalog.by_id["glossary"]
    companion = re.search(r'data-group="companion">(.*?)</section>', page, re.S)
    assert companion and 'id="mha-peer-workforce"' in companion.group(1)
    hannafin = catalog.get("sources", "hannafin-1994")["citation"]
    assert "Hannafin's work" in hannafin


def _cited(catalog: Catalog) -> dict[str, list[str]]:
    by_section: dict[str, list[str]] = {}
    for r in catalog["resources"]:
        for s in r.get("cited_in", []):
            by_section.setdefault(s, []).append(r["id"])
    return by_section


def test_every_page_with_cited_resources_lists_them(catalog: Catalog, site_dir: Path) -> None:
    missing = []
    for section_id, ids in _cited(catalog).items():
        page_url = catalog.get("sections", section_id).get("page")
        if page_url is None:
            continue
        text = (site_dir / page_url / "index.html").read_text("utf-8")
        for rid in ids:
            if f'resources/{rid}/"' not in text and f'data-resource-id="{rid}"' not in text:
                missing.append(f"{page_url}: {rid}")
    assert missing == [], f"{len(missing)} cited resources missing from their pages: {missing[:10]}"


def test_a_section_without_cited_resources_prints_no_empty_heading(catalog: Catalog, site_dir: Path) -> None:
    assert "integration-challenges" not in _cited(catalog)
    text = (site_dir / "integration" / "index.html").read_text("utf-8")
    assert "Additional resources" not in text and 'id="cited-integration-challenges"' not in text
    recovery = (site_dir / "recovery" / "index.html").read_text("utf-8")
    assert 'id="cited-recovery"' in recovery


def test_competency_pages_separate_toolkit_listed_from_editor_tagged(catalog: Catalog, site_dir: Path) -> None:
    text = (site_dir / "competencies" / "ec-supervision" / "index.html").read_text("utf-8")
    listed_part, _, tagged_part = text.partition('id="resources-tagged"')
    assert 'id="resources-listed"' in listed_part
    for r in catalog["resources"]:
        if "ec-supervision" in r.get("cited_in", []):
            assert f'data-resource-id="{r["id"]}"' in listed_part and f'data-resource-id="{r["id"]}"' not in tagged_part
        elif "ec-supervision" in r.get("competencies", []):
            assert f'data-resource-id="{r["id"]}"' in tagged_part


def test_entries_nobody_reviewed_are_on_the_maintainers_worklist(tmp_path: Path, site_dir: Path) -> None:
    page = (site_dir / "maintainers" / "index.html").read_text("utf-8")
    cat = load_catalog(ROOT / "catalog")
    due = queue(cat)
    never = [i for i in due if i.last is None and not i.overdue]
    assert never, "every entry has a review: the test would prove nothing"
    m = re.search(r'data-due="(\d+)" data-never="(\d+)"', page)
    assert m and int(m.group(1)) == len(due) and int(m.group(2)) == len(never)
    listed = [li["data-record"] for li in BeautifulSoup(page, "html.parser").select(".pet-not-reviewed li[data-record]")]
    assert listed == [item.key for item in due]
    # A person's review (in reviews.yaml, with a name) takes the entry off the list.
    copied = copy_catalog(tmp_path / "catalog")
    (copied / "reviews.yaml").write_text('- record: facts:mhsa-year\n  date: "2026-12-01"\n  by: Ana Ruiz\n', "utf-8")
    html_out = not_reviewed(load_catalog(copied), Context(page_url="maintainers/"))
    assert 'data-record="facts:mhsa-year"' not in html_out and 'data-record="facts:mhsa-tax"' in html_out


def test_no_placeholder_review_or_release_dates(catalog: Catalog) -> None:
    for path in (ROOT / "catalog").glob("*.yaml"):
        text = path.read_text("utf-8")
        assert 'reviewed: "2026-01-01"' not in text, f"{path.name} still carries the placeholder review date"
        assert 'added: "2026-01-01"' not in text and 'updated: "2026-01-01"' not in text, f"{path.name} carries a placeholder date"
    assert catalog["edition"].get("released") is None, "set released only on the day the edition is published"


def test_dated_facts_say_when_on_the_page(site_dir: Path) -> None:
    def fact_html(page: str, fact_id: str) -> str:
        text = (site_dir / page / "index.html").read_text("utf-8")
        m = re.search(rf'<span class="pet-fact" data-fact-id="{fact_id}">(.*?)</a>\](.*?)</span>', text, re.S)
        assert m, f"{fact_id} is not on {page}"
        return m.group(1) + m.group(2)

    assert "as of February 2025" in fact_html("pay", "california-minimum-wage-2025")  # Pay and benefits has its own page
    projection = fact_html("peer-role", "peer-workforce-share-projection")
    assert "projected in 2018" in projection and "ended in 2023" in projection


def test_every_fact_that_ages_has_a_review_date(catalog: Catalog) -> None:
    for fid in ("california-minimum-wage-2025", "mit-living-wage-sacramento-2025", "peer-workforce-share-projection", "peer-supporters-us"):
        assert catalog.get("facts", fid).get("review_by"), fid


def test_job_description_says_what_was_lost_and_marks_our_suggestion(site_dir: Path) -> None:
    page = (site_dir / "handouts" / "job-description" / "index.html").read_text("utf-8")
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert "Adapted from" in text
    # Issue 24: only what the source shows (its duties section lists other responsibilities only),
    # never a guess about why; the certification difference is named; PBHS is spelled out.
    assert "Core duties" in text and "added by the editors" in text and "other responsibilities only" in text
    assert "were lost" not in text and "converted to text" not in text
    assert "does not say which it intends" in text and "Public Behavioral Health System ( PBHS )" in text


def test_left_out_items_are_carried(site_dir: Path) -> None:
    competency_9 = (site_dir / "competencies" / "ec-peer-interaction" / "index.html").read_text("utf-8")
    assert "77%" in competency_9 and "85% compared with 50%" in competency_9
    hiring = (site_dir / "hiring" / "index.html").read_text("utf-8")
    for words in ("What services should this job produce?", "raises motivation", "perceived potential disability", "kleptomania"):
        assert words in hiring, words
    welcome = (site_dir / "welcome" / "index.html").read_text("utf-8")
    assert "(916) 855-5427" in welcome and "720 Howe Avenue" in welcome


def test_a_source_url_without_evidence_is_a_positioned_error(tmp_path: Path) -> None:
    from pet_generator.catalog.loader import check_catalog

    cat = copy_catalog(tmp_path / "catalog", ROOT / "tests" / "fixtures" / "minimal")
    sources = cat / "sources.yaml"
    sources.write_text(sources.read_text("utf-8") + "- id: no-evidence\n  citation: A page.\n  url: https://example.net/page\n", "utf-8")
    line = sources.read_text("utf-8").splitlines().index("- id: no-evidence") + 1
    errors = [str(e) for e in check_catalog(cat)[1]]
    assert any(f"sources.yaml:{line + 2}:" in e and "this url has no evidence" in e for e in errors), errors
