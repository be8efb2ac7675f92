"""The same site from every engine (ADR 0008): ProperDocs and Zensical against MkDocs.

Each engine builds the real catalog once per session (engine_site); the comparison is what a
reader gets (tests/engine_diff.py). The hostile catalog goes through every engine in
test_hostile_catalog.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from engine_diff import differences, explain, file_differences
from helpers import CATALOG, ROOT, copy_catalog
from pet_generator.catalog.loader import load_catalog
from pet_generator.catalog.paths import python_path
from pet_generator.pipeline import site_scan
from pet_generator.pipeline.engines import DEFAULT_ENGINE, ENGINES
from pet_generator.pipeline.pages import write_project

OTHER_ENGINES = [name for name in ENGINES if name != DEFAULT_ENGINE]

# What still differs from the MkDocs build, engine by engine, and why (ADR 0008 lists the
# same). Asserted exactly: an upstream fix and a new break both fail the test below.
KNOWN_DIFFERENCES: dict[str, list[str]] = {
    "properdocs": [],
    "zensical": [
        # Zensical writes sitemap.xml but not its gzip copy (nor for a language, ADR 0014).
        "es/sitemap.xml.gz: missing",
        "sitemap.xml.gz: missing",
        # Zensical writes its (empty) search index although its search is switched off.
        "es/search.json: extra file",
        "search.json: extra file",
    ],
}


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_each_engine_gives_the_same_site_as_mkdocs_but_for_the_known_differences(engine: str, engine_site: Callable[[str], Path]) -> None:
    reference, other = engine_site(DEFAULT_ENGINE), engine_site(engine)
    found = file_differences(reference, other) + differences(reference, other)
    assert found == KNOWN_DIFFERENCES[engine], "\n".join(explain(reference, other, d) for d in found)


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_each_engine_build_passes_the_safety_scan_and_names_itself(engine: str, engine_site: Callable[[str], Path]) -> None:
    site = engine_site(engine)
    assert site_scan.scan_site(site) == []
    generator = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser").find("meta", attrs={"name": "generator"})
    assert generator is not None and engine in str(generator.get("content")).lower(), generator  # really built by that engine


def _engine_only(
    run_build: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path, engine: str, page: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The engine alone (no pipeline) on a copy of docs/ whose welcome page is `page`."""
    root = tmp_path / "root"
    _copy_generator(ROOT, root)
    (root / "docs" / "welcome.md").write_text(page, "utf-8")
    catalog = copy_catalog(tmp_path / "catalog", CATALOG)
    config = write_project(load_catalog(catalog), tmp_path / "project", root=root, engine=ENGINES[engine])
    out = tmp_path / "project" / "site"
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'macros'}", "PET_CATALOG": str(catalog), "NO_MKDOCS_2_WARNING": "1"}
    return run_build(ENGINES[engine].command(config, out), cwd=root, env=env), out


def _copy_generator(source: Path, dest: Path) -> None:
    dest.mkdir()
    # The schemas say which files a catalog has (model.collections_in), so they come too.
    for name in ("docs", "overrides", "macros", "mkdocs.yml", "catalog/schema"):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / name, dest / name)


BROKEN_PAGES = {
    "undefined variable": "{{ no_such_variable }}",
    "unknown id in a macro": "{{ cite('no-such-source') }}",
    "template syntax error": "{{ cite( }}",
}


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("case", list(BROKEN_PAGES))
def test_strict_macros_fail_the_build_on_every_engine(
    engine: str, case: str, tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    result, out = _engine_only(run_build, tmp_path, engine, f"---\nrender_macros: true\n---\n# Welcome\n\n{BROKEN_PAGES[case]}\n")
    assert result.returncode != 0, f"{engine} published a page with {case}"
    assert not (out / "welcome" / "index.html").exists() or site_scan.scan_site(out)


@pytest.mark.parametrize("engine", list(ENGINES))
def test_a_page_left_unrendered_fails_the_safety_scan_on_every_engine(
    engine: str, tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    """What an engine that skipped the macros would publish: the scan (run after every engine) stops it."""
    result, out = _engine_only(run_build, tmp_path, engine, "# Welcome\n\nSee {{ cite('samhsa-2015') }} and {% if x %}.\n")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    found = [f for f in site_scan.scan_site(out) if "template syntax left unrendered" in f.problem]
    assert [(f.file, f.snippet[:2]) for f in found] == [("welcome/index.html", "{{"), ("welcome/index.html", "{%")], found


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_publishing_an_edition_works_with_each_engine(
    engine: str, tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    """mike commits the folder our build fills, whichever engine filled it; the theme shows the edition selector."""
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "start"], cwd=repo, env=env, check=True)
    code = "import sys; from pet_generator.tools.publish import main; sys.exit(main(sys.argv[1:]))"
    result = run_build(
        [
            ROOT / ".venv/bin/python",
            "-c",
            code,
            "--version",
            "2026",
            "--engine",
            engine,
            "--catalog",
            copy_catalog(tmp_path / "catalog"),  # the overdue reason is written into edition.yaml: never into ours
            "--overdue-reason",
            "Test: wage figures kept until the next revision.",
            "--by",
            "Test Editor",
        ],
        cwd=repo,
        env={**env, "PYTHONPATH": python_path()},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    show = subprocess.run(["git", "show", "gh-pages:2026/index.html"], cwd=repo, capture_output=True, text=True, check=True).stdout
    html = BeautifulSoup(show, "html.parser")
    assert engine in str(html.find("meta", attrs={"name": "generator"})).lower()
    assert json.loads(html.select_one("#__config").get_text())["version"]["provider"] == "mike"
    versions = subprocess.run(["git", "show", "gh-pages:versions.json"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert [v["version"] for v in json.loads(versions)] == ["2026"]


def test_scripts_build_refuses_an_unknown_engine(run_build: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    result = run_build([ROOT / "scripts" / "build", "--engine", "sphinx"], cwd=ROOT)
    assert result.returncode == 2 and "invalid choice: 'sphinx'" in result.stderr and "zensical" in result.stderr


def test_macros_use_only_what_every_engine_provides() -> None:
    """define_env with env.conf, env.variables, env.macro and env.filter: Zensical silently skips the rest."""
    import re

    import yaml

    unsupported = re.compile(r"\benv\.(page|markdown|files|navigation|raw_markdown)\b|\bdef (on_pre_page_macros|on_post_page_macros|on_post_build)\b")
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "macros").rglob("*.py")
        for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if unsupported.search(line.split("#")[0])
    ]
    assert found == []
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert "hooks" not in config and [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["macros"]


def test_define_env_loads_a_handed_over_catalog_once_per_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Zensical calls define_env for every page; within one build the catalog is loaded once."""
    from types import SimpleNamespace

    from pet_generator.catalog.loader import HANDOVER_ENV
    from pet_generator.site import entry

    loads: list[Path] = []
    real = entry.load_catalog
    monkeypatch.setattr(entry, "load_catalog", lambda root: loads.append(root) or real(root))
    monkeypatch.setattr(entry, "_LOADED", {})

    def env() -> SimpleNamespace:
        return SimpleNamespace(project_dir=str(ROOT), conf={"extra": {"catalog_dir": str(CATALOG)}}, variables={}, macro=lambda *a: None)

    monkeypatch.delenv(HANDOVER_ENV, raising=False)
    entry.define_env(env())
    entry.define_env(env())
    assert len(loads) == 2  # no hand-over (a live preview): every call reads the catalog again
    monkeypatch.setenv(HANDOVER_ENV, str(tmp_path / "build-1.json"))
    for _ in range(3):
        entry.define_env(env())
    monkeypatch.setenv(HANDOVER_ENV, str(tmp_path / "build-2.json"))
    entry.define_env(env())
    assert len(loads) == 4  # once for each build
