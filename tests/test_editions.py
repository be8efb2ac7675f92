"""Editions: baselines, what's new, downloads, and versioned publishing with mike."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import editions as catalog_editions
from pet_generator.catalog import export, urls
from pet_generator.catalog.loader import load_catalog
from pet_generator.tools import new_edition, publish


def test_field_changes_summarise_each_field() -> None:
    old = {"id": "x", "title": "Old", "topics": ["a", "b"], "url": None, "reviewed": "2026-01-01"}
    new = {"id": "x", "title": "New", "topics": ["b", "c"], "url": "https://example.org/", "reviewed": "2027-01-01"}
    assert catalog_editions.field_changes(old, new) == [
        "title: Old → New",
        "topics: added c; removed a",
        "url: set to https://example.org/",
    ]


def test_diff_finds_added_removed_and_changed() -> None:
    baseline = {"resources": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}], "competencies": [], "handouts": []}
    current = {"resources": [{"id": "b", "title": "B2"}, {"id": "c", "title": "C"}], "competencies": [], "handouts": []}
    d = catalog_editions.diff(baseline, current)["resources"]
    assert [e["id"] for e in d["added"]] == ["c"]
    assert [e["id"] for e in d["removed"]] == ["a"]
    assert [(e["id"], lines) for e, lines in d["changed"]] == [("b", ["title: B → B2"])]


def test_set_edition_year_keeps_comments_and_layout() -> None:
    text = "# the edition\nyear: 2026   # this year\ntitle: T\nprevious_year: null\n"
    assert new_edition.set_edition_year(text, 2027, 2026) == "# the edition\nyear: 2027   # this year\ntitle: T\nprevious_year: 2026\n"


def test_new_edition_snapshots_sets_year_and_lists_reviews(tmp_path: Path) -> None:
    cat_dir = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    result = subprocess.run([ROOT / "scripts" / "new-edition", "2031", "--catalog", cat_dir], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    baseline = json.loads((cat_dir / "editions" / "2030.json").read_text("utf-8"))
    assert baseline["edition"]["year"] == 2030 and len(baseline["resources"]) == 3
    cat = load_catalog(cat_dir)
    assert cat["edition"]["year"] == 2031 and cat["edition"]["previous_year"] == 2030
    assert "resources:supervision-guide" in result.stdout  # never reviewed: due
    again = subprocess.run([ROOT / "scripts" / "new-edition", "2031", "--catalog", cat_dir], capture_output=True, text=True)
    assert again.returncode == 1 and "already the 2031 edition" in again.stderr


def test_exports_are_well_formed() -> None:
    cat = load_catalog(FIXTURES / "minimal")
    cat["resources"][0]["title"] = "Tricky {title} & 100% #1_x"
    bib = export.to_bibtex(cat)
    assert r"Tricky \textbraceleft{}title\textbraceright{} \& 100\% \#1\_x" in bib  # BibTeX counts even escaped braces
    assert bib.count("@misc{") == 3
    csl = export.to_csl_json(cat)
    assert {i["id"] for i in csl} == {r["id"] for r in cat["resources"]}
    cat["resources"][1]["added"] = "2030-03-01"
    import xml.etree.ElementTree as ET

    feed = ET.fromstring(export.to_atom(cat, site_url="https://toolkit.example"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["National Wage Survey"]
    assert entries[0].find("a:link", ns).get("href") == "https://toolkit.example/resources/wage-survey/"


def test_built_site_links_every_download(site_dir: Path) -> None:
    page = BeautifulSoup((site_dir / "maintainers" / "index.html").read_text("utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.select(".pet-downloads a")}
    for name, _ in export.DOWNLOADS:
        assert f"../downloads/{name}" in hrefs
        assert (site_dir / "downloads" / name).stat().st_size > 0
    data = json.loads((site_dir / "downloads" / "catalog.json").read_text("utf-8"))
    assert data["edition"]["year"] == 2026


def _material_config(html: str) -> dict:
    """Material's page configuration (the JSON in #__config)."""
    return json.loads(BeautifulSoup(html, "html.parser").select_one("#__config").get_text())


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def _scratch_clone(tmp_path: Path) -> Path:
    """A copy of the working tree as a fresh git repository (uncommitted work included)."""
    repo = tmp_path / "repo"
    anywhere = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache")
    at_top = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".site-*")  # macros/pet_generator/site/ is code

    def ignore(folder: str, names: list[str]) -> set[str]:
        return set(anywhere(folder, names)) | (set(at_top(folder, names)) if Path(folder) == ROOT else set())

    shutil.copytree(ROOT, repo, ignore=ignore)
    for shared in (".venv", "node_modules"):
        if (ROOT / shared).exists():
            (repo / shared).symlink_to(ROOT / shared)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "scratch")
    return repo


def test_publish_two_editions_and_see_what_changed(
    tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]], site_dir: Path
) -> None:
    repo = _scratch_clone(tmp_path)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GITHUB_REPOSITORY": "example-org/peer-toolkit",  # as in the publish workflow: the site's address comes from it
    }

    def run(*cmd: str) -> str:
        result = run_build([repo / "scripts" / cmd[0], *cmd[1:]], cwd=repo, env=env)
        assert result.returncode == 0, f"{cmd}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
        return result.stdout

    # Facts shown to employers are past their review date: publishing stops until an editor says why.
    refused = run_build([repo / "scripts" / "publish", "--version", "2026"], cwd=repo, env=env)
    assert refused.returncode == 1 and "past their review date" in refused.stderr and "nothing was published" in refused.stderr
    assert "gh-pages" not in _git(repo, "branch", "--list", "gh-pages")
    run("publish", "--version", "2026", "--overdue-reason", "The 2026 wage figures stay until the 2027 revision.", "--by", "Test Editor")
    assert "overdue_reason:" in (repo / "catalog" / "edition.yaml").read_text("utf-8")
    run("new-edition", "2027")
    resources = repo / "catalog" / "resources.yaml"
    first = load_catalog(repo / "catalog")["resources"][0]
    text = resources.read_text("utf-8")
    old_line = next(
        line
        for line in text.splitlines()
        if line.strip() == f"title: {first['title']}" or line.strip().startswith("title:") and first["title"] in line
    )
    resources.write_text(text.replace(old_line, old_line.split("title:")[0] + "title: A Renamed Resource For 2027", 1), "utf-8")
    run("publish", "--version", "2027", "--alias", "latest")

    listing = _git(repo, "ls-tree", "--name-only", "gh-pages").split()
    assert {"2026", "2027", "latest", "versions.json"} <= set(listing)
    versions = json.loads(_git(repo, "show", "gh-pages:versions.json"))
    assert [v["version"] for v in versions] == ["2027", "2026"]
    assert versions[0]["aliases"] == ["latest"]
    whats_new = _git(repo, "show", "gh-pages:2027/whats-new/index.html")
    changed = BeautifulSoup(whats_new, "html.parser").select_one(f'.pet-whats-new [data-id="{first["id"]}"]')
    assert changed is not None and "A Renamed Resource For 2027" in changed.get_text()
    assert "A Renamed Resource For 2027" not in _git(repo, "show", "gh-pages:2026/whats-new/index.html")
    # In Spanish: the same changes (English compared with English, not with its translation), in Spanish words.
    spanish = BeautifulSoup(_git(repo, "show", "gh-pages:2027/es/whats-new/index.html"), "html.parser")
    english = BeautifulSoup(whats_new, "html.parser")
    counts = [[int(n) for n in re.findall(r"\d+", h.get_text())] for h in english.select(".pet-whats-new h2")]
    assert counts and counts == [[int(n) for n in re.findall(r"\d+", h.get_text())] for h in spanish.select(".pet-whats-new h2")]
    assert (
        spanish.select_one("#resources-changes").get_text().startswith("Recursos:")
        and "cambiados" in spanish.select_one("#resources-changes").get_text()
    )
    renamed = spanish.select_one(f'.pet-whats-new [data-id="{first["id"]}"] a')
    assert renamed.get_text() == "A Renamed Resource For 2027" and renamed["lang"] == "en"
    about = BeautifulSoup(_git(repo, "show", "gh-pages:2026/about/index.html"), "html.parser").select_one(".pet-overdue-reason").get_text()
    assert "Test Editor" in about and "The 2026 wage figures stay until the 2027 revision." in about
    assert _git(repo, "show", "gh-pages:2026/pagefind/pagefind-entry.json")
    # Published editions switch on Material's edition selector; a plain build (the session's, of
    # the same catalog) does not, because it has no versions.json to fetch.
    assert _material_config(_git(repo, "show", "gh-pages:2027/index.html"))["version"]["provider"] == "mike"
    assert not _material_config((site_dir / "index.html").read_text("utf-8"))["version"]["provider"]
    # The sitemap lists every page of the edition at its GitHub Pages address (issue 25, part 5).
    base = "https://example-org.github.io/peer-toolkit/2027/"
    sitemap = _git(repo, "show", "gh-pages:2027/sitemap.xml")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    pages = {
        base + name.removeprefix("2027/").removesuffix("index.html")
        for name in _git(repo, "ls-tree", "-r", "--name-only", "gh-pages", "2027/").split()
        if name.endswith("index.html")
    }
    assert len(pages) > 50 and pages == listed, (sorted(pages - listed)[:5], sorted(listed - pages)[:5])
    assert f"{base}resources/{first['id']}/" in listed
    # Each page names its versions in the sitemap (ADR 0014), not in its head.
    assert f'<xhtml:link rel="alternate" hreflang="es" href="{base}es/pay/" />' in sitemap
    assert f'<link rel="canonical" href="{base}' in _git(repo, "show", f"gh-pages:2027/resources/{first['id']}/index.html")
    assert "<loc>" not in (site_dir / "sitemap.xml").read_text("utf-8")  # a local build has no address


def test_the_published_address_comes_from_the_repository(monkeypatch: Any) -> None:
    assert publish.pages_address("Cal-Voices/peer-employer-toolkit", "2026") == "https://cal-voices.github.io/peer-employer-toolkit/2026/"
    assert publish.pages_address("calvoices/calvoices.github.io", "2027") == "https://calvoices.github.io/2027/"
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/name")
    assert publish.github_repository(None) == "owner/name"
    monkeypatch.delenv("GITHUB_REPOSITORY")
    monkeypatch.setattr(publish.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "git@github.com:org/toolkit.git\n", ""))
    assert publish.github_repository(None) == "org/toolkit"
    assert publish.github_repository("https://github.com/other/repo") == "other/repo"  # the edition's own repository first
    monkeypatch.setattr(publish.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, "https://gitlab.com/a/b.git\n", ""))
    assert publish.github_repository(None) is None
    # The edition's own address wins; without either, nothing.
    monkeypatch.setenv(urls.SITE_URL_ENV, "https://x.github.io/y/2026/")
    assert urls.site_url({"site_url": "https://toolkit.example.org/"}) == "https://toolkit.example.org"
    assert urls.site_url({"site_url": None}) == "https://x.github.io/y/2026"
    monkeypatch.delenv(urls.SITE_URL_ENV)
    assert urls.site_url({"site_url": None}) is None
