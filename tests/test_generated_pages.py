"""Competency and handout pages come from the catalog alone (macros/pet_generator/pipeline/pages.py, ADR 0006)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import CATALOG, ROOT, copy_catalog
from pet_generator.catalog.loader import load_catalog
from pet_generator.pipeline.pages import PagesError, nav_with_pages, write_project

NEW_COMPETENCY = """- id: ec-zz-added
  framework: employer-competencies
  number: 12
  name: Added <em>competency</em> & more
  questions:
    - text: Is the added competency on the site?
      kind: scored
"""

NEW_HANDOUT = """- id: zz-added-handout
  title: Added <em>handout</em>
  kind: checklist
  competencies: [ec-zz-added]
  source:
    source: peer-employer-toolkit-2026
  rights:
    attribution: Written for a test.
  blocks:
    - kind: checklist
      heading: Weekly
      items:
        - Check the added handout
"""


def _title(page: Path) -> str:
    h1 = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article h1")
    for permalink in h1.select(".headerlink"):
        permalink.decompose()
    return h1.get_text()


def _nav_hrefs(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [a["href"] for a in soup.select(".md-nav--primary a.md-nav__link")]


def test_a_competency_and_a_handout_added_to_the_catalog_get_pages_and_nav_entries(tmp_path: Path, build_site: Callable[[Path, Path], Path]) -> None:
    catalog = copy_catalog(tmp_path / "catalog")
    for name, record in (("competencies", NEW_COMPETENCY), ("handouts", NEW_HANDOUT)):
        with (catalog / f"{name}.yaml").open("a", encoding="utf-8") as f:
            f.write(record)
    site = build_site(catalog, tmp_path / "site")

    competency = site / "competencies/ec-zz-added/index.html"
    assert _title(competency) == "Added <em>competency</em> & more"  # escaped: shown as text
    assert "Is the added competency on the site?" in competency.read_text("utf-8")
    handout = site / "handouts/zz-added-handout/index.html"
    assert _title(handout) == "Added <em>handout</em>"
    assert "Check the added handout" in handout.read_text("utf-8")

    # In the menu, in catalog order: after the last competency and after the last handout.
    nav = _nav_hrefs(site / "index.html")
    assert nav.index("competencies/ec-zz-added/") == nav.index("competencies/ec-learning-environment/") + 1
    assert nav.index("handouts/zz-added-handout/") == nav.index("handouts/collaborative-work-plan/") + 1

    # Everywhere else they belong, with no other file changed: the lists, the assessment, the PDF.
    def text(path: str) -> str:
        return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser").get_text(" ")

    assert "Added <em>competency</em> & more" in text("competencies")  # the list and the coverage table
    assert "Is the added competency on the site?" in text("assessment")
    assert "Added <em>handout</em>" in text("handouts")
    assert (site / "handouts" / "pdf" / "zz-added-handout.pdf").stat().st_size > 1000


def test_the_real_catalog_lists_every_competency_and_handout_page_in_catalog_order(site_dir: Path, catalog) -> None:
    nav = _nav_hrefs(site_dir / "index.html")
    employer = [c for c in catalog["competencies"] if c["framework"] == "employer-competencies"]
    expected = [f"competencies/{c['id']}/" for c in sorted(employer, key=lambda c: c["number"])]
    assert [h for h in nav if h.startswith("competencies/") and h != "competencies/"] == expected
    assert [h for h in nav if h.startswith("handouts/") and h != "handouts/"] == [f"handouts/{h['id']}/" for h in catalog["handouts"]]
    for href in expected:
        assert (site_dir / href / "index.html").is_file()


def test_no_page_under_docs_only_calls_a_macro_for_one_record() -> None:
    for folder in ("competencies", "handouts"):
        assert [p.name for p in (ROOT / "docs" / folder).glob("*.md")] == ["index.md"]


def test_a_hand_written_page_where_the_catalog_makes_one_stops_the_build(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "docs" / "handouts").mkdir(parents=True)
    (root / "docs" / "handouts" / "job-description.md").write_text("# Mine\n", "utf-8")
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    with pytest.raises(PagesError, match=r"docs/handouts/job-description\.md: the catalog makes this page"):
        write_project(load_catalog(CATALOG), tmp_path / "out", root=root)


def test_the_generated_sources_hold_ids_only_and_follow_catalog_edits(tmp_path: Path) -> None:
    catalog = copy_catalog(tmp_path / "catalog")
    config = write_project(load_catalog(catalog), tmp_path / "out")
    docs = config.parent / "docs"
    page = docs / "handouts" / "job-description.md"
    assert page.read_text("utf-8").endswith(
        "# {{ title('handouts', 'job-description') }}\n\n{{ handout('job-description') }}\n\n{{ page_review('handouts:job-description') }}\n"
    )
    assert "!ENV" in config.read_text("utf-8")  # the catalog and version settings still come from the environment
    untouched = (docs / "index.md").stat().st_mtime_ns

    with (catalog / "handouts.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_HANDOUT.replace("[ec-zz-added]", "[ec-supervision]"))
    write_project(load_catalog(catalog), tmp_path / "out")
    assert (docs / "handouts" / "zz-added-handout.md").is_file()
    assert "handouts/zz-added-handout.md" in config.read_text("utf-8")
    assert (docs / "index.md").stat().st_mtime_ns == untouched  # a live preview rebuilds only for real edits


def test_a_nav_without_the_folder_index_says_where_the_pages_go() -> None:
    with pytest.raises(PagesError, match=r"mkdocs\.yml: the nav has no handouts/index\.md"):
        nav_with_pages([{"Home": "index.md"}], {"handouts": ["handouts/a.md"]})
    nav = nav_with_pages([{"Tools": ["handouts/index.md", "handouts/b.md"]}], {"handouts": ["handouts/a.md", "handouts/b.md"]})
    assert nav == [{"Tools": ["handouts/index.md", "handouts/a.md", "handouts/b.md"]}]  # listed by hand: not twice


def test_a_bad_id_never_reaches_a_page_source(tmp_path: Path) -> None:
    from pet_generator.pipeline.pages import KINDS, page_source

    with pytest.raises(PagesError, match="cannot name a page"):
        page_source(KINDS[1], "x') }}{{ evil('")
