"""A real build: MkDocs strict, macros strict, Pagefind indexed, and atomic publishing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import CATALOG, ROOT, copy_catalog
from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog
from pet_generator.site import assessment

RunBuild = Callable[..., subprocess.CompletedProcess[str]]


def soup(site_dir: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url / "index.html").read_text("utf-8"), "html.parser")


def test_every_page_has_one_h1_and_an_indexed_content_region(site_dir: Path) -> None:
    pages = sorted(p for p in site_dir.rglob("index.html") if "pagefind" not in p.parts)
    assert len(pages) >= 30
    for path in pages:
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert len(html.select("article h1, .md-content h1")) == 1, path
        # Every page is indexed, except those whose front matter says search_exclude (ADR 0005):
        # the maintainers' pages and the search page itself.
        # In another language, a page not translated yet is English and stays out of its search (ADR 0014).
        excluded = {"maintainers", "catalog-fields", "components", "performance", "search"}
        # (the component gallery shows the note's examples: only the page's own note counts)
        fallback = any(not n.find_parent(class_="pet-gallery-example") for n in html.select(".pet-translation-fallback"))
        assert fallback == (html.html["lang"] != "en" and html.select_one('div[lang="en"] h1') is not None), path
        assert (html.select_one("[data-pagefind-body]") is None) == (path.parent.name in excluded or fallback), path


def test_pagefind_indexed_every_content_page(site_dir: Path, catalog: Catalog) -> None:
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    pages = [p for p in site_dir.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert indexed == len(pages)  # a resource's page is indexed like any other (ADR 0009)
    assert len(pages) > len(catalog["resources"]) and all(
        (site_dir / urls.resource_page(r["id"]) / "index.html") in pages for r in catalog["resources"]
    )
    assert list((site_dir / "pagefind").glob("wasm.*"))


def test_employer_competency_pages_render_their_questions(site_dir: Path, catalog: Catalog) -> None:
    employer = [c for c in catalog["competencies"] if c["framework"] == "employer-competencies"]
    assert len(employer) == 11
    for c in employer:
        page = soup(site_dir, urls.competency_page(c["id"]))
        assert page.h1 and page.h1.get_text(strip=True).startswith(c["name"][:20])
        # The assessment's classification: yes/no questions apart from points to discuss.
        items = assessment.items(c)
        asked = [" ".join(li.get_text(" ").split()) for li in page.select(".pet-questions li.pet-q")]
        discuss = [" ".join(li.get_text(" ").split()) for li in page.select(".pet-discuss li.pet-q")]
        assert len(asked) == sum(i.answered for i in items) and len(discuss) == sum(not i.answered for i in items), c["id"]
        for item, text in zip([i for i in items if i.answered], asked, strict=True):
            assert " ".join(item.text.split()) in text and (not item.our_question or "(our wording)" in text)
        for item, text in zip([i for i in items if not i.answered], discuss, strict=True):
            assert " ".join(item.text.split()) in text


def test_resources_without_url_show_link_pending(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "resources")
    pending = [r for r in catalog["resources"] if not r.get("url")]
    assert pending, "the 2026 edition has resources whose links are still pending"
    for r in pending[:20]:
        row = page.select_one(f'[data-resource-id="{r["id"]}"]')
        assert row is not None and "link pending" in row.get_text(), r["id"]


def test_glossary_abbreviations_explain_themselves(site_dir: Path, catalog: Catalog) -> None:
    abbrs = {g["abbr"]: g["term"] for g in catalog["glossary"] if g.get("abbr")}
    page = soup(site_dir, "certification")
    found = {a.get_text(): a["title"] for a in page.select("abbr[title]")}
    assert found, "no <abbr> on the certification page"
    for abbr, title in found.items():
        assert abbrs.get(abbr) == title


def _project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the generator, so a test can break one page."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "overrides", "macros", "mkdocs.yml", "pagefind.yml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy(src, project / name)
    copy_catalog(project / "catalog")
    return project


def _engine_build(run_build: RunBuild, project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """The engine alone on a project copy: its pages generated first (macros/pet_generator/pipeline/pages.py), then mkdocs build --strict."""
    # The copy's own generator package (macros/pet_generator), not this checkout's.
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": f"{project}{os.pathsep}{project / 'macros'}"}
    python = str(ROOT / ".venv/bin/python")
    generated = out.parent / "generated"
    made = run_build([python, "-m", "pet_generator.pipeline.pages", generated, "--catalog", project / "catalog"], cwd=project, env=env)
    assert made.returncode == 0, made.stderr[-2000:]
    config = made.stdout.strip()
    return run_build([python, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", out], cwd=project, env=env)


def test_a_second_build_into_the_same_folder_waits_its_turn(tmp_path: Path) -> None:
    """While one build holds the lock, another refuses (and leaves the first one's folder alone)."""
    import fcntl

    from pet_generator.pipeline.errors import BuildFailed
    from pet_generator.pipeline.run import build

    working = tmp_path / ".site-new-running"
    working.mkdir()
    with open(tmp_path / ".site.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(BuildFailed, match="another build is writing"):
            build(CATALOG, tmp_path / "site", log=lambda _: None)
    assert working.is_dir() and not (tmp_path / "site").exists()


def test_an_undefined_macro_variable_fails_the_build_instead_of_publishing(tmp_path: Path, run_build: RunBuild) -> None:
    project = _project_copy(tmp_path)
    page = project / "docs" / "welcome.md"
    page.write_text("---\nrender_macros: true\n---\n# Welcome\n\n{{ no_such_variable }}\n", "utf-8")
    result = _engine_build(run_build, project, tmp_path / "out")
    assert result.returncode != 0
    assert "no_such_variable" in result.stdout + result.stderr


def test_pages_without_render_macros_keep_braces_literally(tmp_path: Path, run_build: RunBuild) -> None:
    project = _project_copy(tmp_path)
    (project / "docs" / "welcome.md").write_text("# Welcome\n\nTemplates look like {{ this }} and {% that %}.\n", "utf-8")
    result = _engine_build(run_build, project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    text = (tmp_path / "out" / "welcome" / "index.html").read_text("utf-8")
    assert "{{ this }}" in text and "{% that %}" in text


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("edition.yaml", "year:", "year: 2027\nyear:", "edition.yaml:"),
        ("resources.yaml", "  title:", "  titel: x\n  title:", "unknown field 'titel'"),
        ("resources.yaml", "  competencies:\n", "  competencies:\n    - no-such-competency\n", "'no-such-competency' is not an id"),
    ],
    ids=["duplicate key", "unknown field", "dangling reference"],
)
def test_a_failed_build_leaves_the_previous_site_untouched(
    tmp_path: Path, site_dir: Path, run_build: RunBuild, file: str, old: str, new: str, expected: str
) -> None:
    previous = tmp_path / "site"
    shutil.copytree(site_dir, previous)
    before = {p: p.stat().st_mtime_ns for p in previous.rglob("*")}
    bad = copy_catalog(tmp_path / "catalog")
    text = (bad / file).read_text("utf-8")
    assert old in text
    (bad / file).write_text(text.replace(old, new, 1), "utf-8")
    result = run_build([ROOT / "scripts" / "build", "--catalog", bad, "--site-dir", previous])
    assert result.returncode == 1
    error_lines = [line for line in result.stderr.splitlines() if ".yaml:" in line]
    assert len(error_lines) == 1 and expected in error_lines[0], result.stderr
    assert re.search(rf"{re.escape(file)}:\d+:\d+: ", error_lines[0]), error_lines[0]  # file:line:col
    assert {p: p.stat().st_mtime_ns for p in previous.rglob("*")} == before
    assert not list(tmp_path.glob(".site-new-*"))


def test_build_prints_progress_and_total_time(tmp_path: Path, run_build: RunBuild) -> None:
    out = tmp_path / "site"
    # What a build killed midway leaves behind: the next build removes it. A symlink that only
    # looks like one is not followed (its target stays as it was).
    stale = tmp_path / ".site-new-k1ll3d"
    (stale / "pagefind").mkdir(parents=True)
    (stale / "index.html").write_text("half-written", "utf-8")
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "file").write_text("x", "utf-8")
    (tmp_path / ".site-new-link").symlink_to(keep)
    result = run_build([ROOT / "scripts" / "build", "--catalog", CATALOG, "--site-dir", out])
    assert result.returncode == 0, result.stderr[-3000:]
    assert not stale.exists() and (keep / "file").read_text("utf-8") == "x"
    assert [p.name for p in tmp_path.glob(".site-new-*")] == [".site-new-link"]
    assert "validating" in result.stdout and "pagefind" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("built ")
    assert (out / "index.html").exists()


def test_each_page_loads_only_the_feature_scripts_it_uses(site_dir: Path) -> None:
    """resources.js, handouts.js, assessment.js and search.js come with the markup they enhance,
    nowhere else; every page loads the shared helpers (pet.js) before any of them."""
    features = {
        "resources.js": ".pet-resource-table",
        "handouts.js": ".pet-handout[data-handout-id]",
        "assessment.js": ".pet-assessment",
        "search.js": "#pet-search",
    }
    seen = dict.fromkeys(features, 0)
    gallery = ("reference", "components", "index.html")  # each language's gallery shows the components without their scripts
    for path in sorted(p for p in site_dir.rglob("*.html") if "pagefind" not in p.parts):
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        order = [str(s["src"]).rsplit("/", 1)[-1] for s in html.select("script[src]")]
        if path.relative_to(site_dir).parts[-3:] == gallery:
            assert not set(order) & set(features), order
            continue
        loaded = set(order)
        assert "pet.js" in loaded and all(
            order.index("pet.js") < order.index(f) or html.select_one(f'script[src$="{f}"][defer]') for f in features if f in loaded
        ), path
        for script, selector in features.items():
            assert (script in loaded) == bool(html.select(selector)), f"{path}: {script} vs {selector}"
            seen[script] += script in loaded
    assert all(seen.values()), seen  # each feature is on at least one page
