"""Hostile catalog input, as it may arrive in a stranger's pull request.

Each file in tests/fixtures/hostile/ is a snippet appended to one file of a copy of a small
catalog (tests/fixtures/minimal/: the generator's, not this toolkit's content), with its expected
outcome in a two-line header:

    # target: glossary.yaml
    # expect: 3:9 words in the message     an error at line 3 of the snippet, column 9
    # expect: literal TEXT|TEXT             a clean build that shows each TEXT as written

A target may be any path in the catalog folder (created if missing, e.g. EVIL.YAML or
reports/external-links.json); `editions/YEAR.json` also becomes the previous edition's
baseline. `# target: NAME -> /some/path` replaces NAME with a symbolic link, and
`# target: NAME |fifo` with a named pipe: such files must be refused before anything reads them.

The "literal" fixtures are built once, together, in a copy of the real catalog (every kind of
page, filled) where every free-text field of every entity also carries <script>, <img onerror>, <svg onload>, {{ }}, {% %} and a Markdown
javascript: link.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import copy_catalog
from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog, _validators, check_catalog, load_catalog
from pet_generator.catalog.model import load_model
from pet_generator.pipeline import site_scan
from pet_generator.pipeline.engines import ENGINES

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
# The catalog each refused snippet is appended to: small, so a case costs its own checks only.
BASE = Path(__file__).resolve().parent / "fixtures" / "minimal"


@dataclass(frozen=True)
class Fixture:
    name: str
    target: str
    expect: str
    snippet: bytes

    @property
    def path(self) -> str:
        """The catalog-relative path the fixture puts or changes."""
        return self.target.split(" ")[0]

    @property
    def literal(self) -> list[str]:
        return self.expect.removeprefix("literal ").split("|") if self.expect.startswith("literal ") else []

    def position(self) -> tuple[int, int, str]:
        where, _, words = self.expect.partition(" ")
        line, col = where.split(":")
        return int(line), int(col), words.strip()


def load_fixtures() -> list[Fixture]:
    found = []
    for path in sorted(HOSTILE.glob("*.yaml")):
        target, expect, snippet = path.read_bytes().split(b"\n", 2)
        found.append(Fixture(path.stem, target.decode().removeprefix("# target: "), expect.decode().removeprefix("# expect: "), snippet))
    return found


FIXTURES = load_fixtures()
INVALID = [f for f in FIXTURES if not f.literal]
LITERAL = [f for f in FIXTURES if f.literal]


def append(catalog_dir: Path, fixture: Fixture) -> int:
    """Append the snippet to its target file (or make the link or pipe the target names);
    return how many lines came before it."""
    path = catalog_dir / fixture.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if year := re.fullmatch(r"editions/([0-9]{4})\.json", fixture.path):
        edition = catalog_dir / "edition.yaml"
        edition.write_text(re.sub(r"(?m)^previous_year:.*$", f"previous_year: {year.group(1)}", edition.read_text("utf-8")), "utf-8")
    if " -> " in fixture.target or fixture.target.endswith(" |fifo"):
        path.unlink(missing_ok=True)
        if " -> " in fixture.target:
            path.symlink_to(fixture.target.split(" -> ", 1)[1])
        else:
            os.mkfifo(path)
        return 0
    data = path.read_bytes() if path.exists() else b""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    path.write_bytes(data + fixture.snippet)
    return data.count(b"\n")


def test_there_are_at_least_25_hostile_fixtures_each_with_an_outcome() -> None:
    assert len(FIXTURES) >= 25
    for f in FIXTURES:
        assert f.literal or re.fullmatch(r"\d+:\d+ .*", f.expect), f.name
        assert f.literal or re.fullmatch(r"[^ ]+( -> /[^ ]+| \|fifo)?", f.target), f.name


@pytest.mark.parametrize("fixture", INVALID, ids=[f.name for f in INVALID])
def test_invalid_fixture_is_refused_at_its_line_and_column(tmp_path: Path, fixture: Fixture) -> None:
    cat = copy_catalog(tmp_path / "catalog", BASE)
    before = append(cat, fixture)
    _, errors = check_catalog(cat)
    line, col, words = fixture.position()
    where = f"{fixture.path}:{before + line}:{col}: "
    shown = [f"{Path(os.path.abspath(e.file)).relative_to(os.path.abspath(cat)).as_posix()}:{e.line}:{e.col}: {e.message}" for e in errors]
    assert any(s.startswith(where) and words in s for s in shown), f"wanted {where}… {words!r}, got {shown[:5]}"
    # Every error points into the hostile snippet, not at the untouched catalog.
    assert all(s.startswith(f"{fixture.path}:") for s in shown) and all(e.line > before for e in errors), shown
    # Nothing from outside the catalog (a linked system file) reaches a message.
    assert not any("root:" in s or "\x00" in s for s in shown), shown


def test_scripts_validate_prints_the_position_and_fails(tmp_path: Path) -> None:
    import subprocess

    from helpers import ROOT

    fixture = next(f for f in INVALID if f.name.startswith("18-"))
    cat = copy_catalog(tmp_path / "catalog", BASE)
    before = append(cat, fixture)
    result = subprocess.run([str(ROOT / "scripts" / "validate"), "--catalog", str(cat)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert re.search(rf"sources\.yaml:{before + 3}:8: .*must start with https://", result.stdout), result.stdout


# ---------------------------------------------------------------- the hostile build


def payload(n: int) -> str:
    return (
        f"H{n}x <script>alert({n})</script> <img src=x onerror=alert({n})> <svg onload=alert({n})>"
        f" {{{{ {n}+7 }}}} {{% if true %}}y{n}{{% endif %}} [m{n}](javascript:alert({n}))"
    )


MARKER = re.compile(r"H(\d+)x ")


def _leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*path, i))]
    return [(path, value)] if isinstance(value, str) else []


def _set(root: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        root = root[key]
    root[path[-1]] = value


def poison_every_text_field(catalog_dir: Path, data: dict[str, Any]) -> int:
    """Put the payload in every string field the schema accepts it in; return how many."""
    poisoned = 0
    counter = 0
    for name, original in data.items():
        value = copy.deepcopy(original)
        changed = {}
        for path, text in _leaves(value):
            if load_model().is_url_path(name, path):
                continue  # URLs have their own checks (test_validate, hostile fixtures 18-24)
            counter += 1
            _set(value, path, payload(counter))
            changed[path] = text
        validator = _validators().get(name)
        while validator is not None:
            bad = {tuple(e.absolute_path) for e in validator.iter_errors(value)}
            reverted = [p for p in changed if any(p[: len(b)] == b for b in bad)]
            if not reverted:
                break
            for p in reverted:
                _set(value, p, changed.pop(p))
        # ids and references must still match each other: keep the originals there.
        for p in [p for p in changed if p[-1] == "id" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", changed[p])]:
            _set(value, p, changed.pop(p))
        poisoned += len(changed)
        (catalog_dir / f"{name}.yaml").write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000), "utf-8")
    return poisoned


@pytest.fixture(scope="module", params=list(ENGINES))
def hostile_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, build_site: Callable[..., Path]) -> Path:
    """The hostile catalog built by each engine in turn (every test below runs once per engine)."""
    tmp = tmp_path_factory.mktemp(f"hostile-{request.param}")
    cat = copy_catalog(tmp / "catalog", catalog.root)
    assert poison_every_text_field(cat, catalog.data) > 50
    for fixture in LITERAL:
        append(cat, fixture)
    _, errors = check_catalog(cat)
    assert errors == [], [str(e) for e in errors[:5]]
    return build_site(cat, tmp / "site", request.param)  # includes the site_scan post-build step


def pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(p.relative_to(site).as_posix(), BeautifulSoup(p.read_text("utf-8"), "html.parser")) for p in sorted(site.rglob("*.html"))]


def test_hostile_build_has_no_script_handler_or_unsafe_url(hostile_site: Path) -> None:
    assert site_scan.scan_site(hostile_site) == []
    for page, html in pages(hostile_site):
        for el in html.find_all(True):
            assert not [a for a in el.attrs if a.lower().startswith("on")], f"{page}: {el.name} {el.attrs}"
            for attr in ("href", "src", "action", "formaction"):
                value = str(el.get(attr) or "")
                assert site_scan.url_scheme(value) in (None, "http", "https", "mailto"), f"{page}: {attr}={value!r}"
            if el.name == "script" and el.get("type") in ("application/json", "application/ld+json"):
                # Data, never run (JSON-LD, ADR 0009): catalog text may be in it, but no "<" to end it.
                data = el.string or ""  # empty: a lean list's facets, moved into a file
                assert "<" not in data, f"{page}: {el}"
                assert not data or json.loads(data), f"{page}: {el}"
            elif el.name == "script":  # escaped payload text inside <svg><text> is harmless; a live script is not
                assert "alert(" not in str(el), f"{page}: {el}"


def test_hostile_text_shows_literally_wherever_it_appears(hostile_site: Path) -> None:
    seen: set[int] = set()
    for page, html in pages(hostile_site):
        body = html.select_one("[data-pagefind-body]")
        if body is None:
            continue
        text = body.get_text()
        for match in MARKER.finditer(text):
            n = int(match.group(1))
            expected = payload(n)
            shown = text[match.start() : match.start() + len(expected)]
            same = len(os.path.commonprefix([shown, expected]))
            # Shown exactly as written, or cut short with an ellipsis; never changed by a renderer.
            assert same == len(expected) or shown[same:].lstrip().startswith(("…", "...")), f"{page}: {shown!r}"
            if same == len(expected):
                seen.add(n)
    assert len(seen) >= 30, f"only {len(seen)} poisoned fields were shown in full"
    resources = (hostile_site / "resources" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(" in resources and "<script>alert(" not in resources


@pytest.mark.slow
def test_hostile_resource_pages_escape_their_text_and_json_ld(hostile_site: Path) -> None:
    """Each resource's page (ADR 0009): the title, description and schema.org data stay text."""
    cat = load_catalog(hostile_site.parent / "catalog")
    poisoned = [r for r in cat["resources"] if MARKER.match(r["title"])]
    assert poisoned
    for r in poisoned:
        raw = (hostile_site / urls.resource_page(r["id"]) / "index.html").read_text("utf-8")
        html = BeautifulSoup(raw, "html.parser")
        title = " ".join(r["title"].split())
        assert html.select_one("article h1").get_text() == title and html.title.string.startswith(title)
        assert html.select_one('meta[name="description"]')["content"].startswith(" ".join(r["summary"].split())[:40])
        (ld,) = html.select('script[type="application/ld+json"]')
        assert "<" not in ld.string and ">" not in ld.string  # cannot end its element or open a comment
        data = json.loads(ld.string)
        assert data["name"] == r["title"] and data.get("description") == " ".join(r["summary"].split())
        assert "<script>alert(" not in raw.split("</head>", 1)[1]


def test_escaped_text_that_lands_in_markdown_keeps_its_asterisks_and_underscores() -> None:
    import html

    import markdown
    from pet_generator.site.html import esc

    rendered = markdown.markdown(esc("a*b and c*d, x_y_z and __u__ [x](javascript:y)"))
    assert "<em>" not in rendered and "<strong>" not in rendered and "<a" not in rendered
    assert html.unescape(rendered) == "<p>a*b and c*d, x_y_z and __u__ [x](javascript:y)</p>"


# The page that shows each target file's entries in full.
LITERAL_PAGES = {"glossary.yaml": "glossary/index.html", "resources.yaml": "resources/index.html"}


@pytest.mark.parametrize("fixture", LITERAL, ids=[f.name for f in LITERAL])
def test_literal_fixture_text_shows_as_written(hostile_site: Path, fixture: Fixture) -> None:
    page = LITERAL_PAGES[fixture.target]
    html = BeautifulSoup((hostile_site / page).read_text("utf-8"), "html.parser")
    text = " ".join(html.select_one("[data-pagefind-body]").get_text().split())
    for literal in fixture.literal:
        assert " ".join(literal.split()) in text, f"{literal!r} not shown on {page}"


def test_every_download_of_the_hostile_build_parses_with_its_own_format(hostile_site: Path) -> None:
    """JSON, CSV, CSL-JSON, BibTeX and Atom, each read back by a real parser: one record per
    resource, no forged entry or field, and the text as the catalog has it."""
    from downloads_check import check_downloads
    from pet_generator.catalog.loader import load_catalog

    catalog = load_catalog(hostile_site.parent / "catalog")
    ids = {r["id"] for r in catalog["resources"]}
    assert {"hostile-bibtex-braces", "hostile-bibtex-at", "hostile-csv-spaces", "hostile-atom-markup"} <= ids
    check_downloads(hostile_site / "downloads", catalog)


GITHUB = [f for f in INVALID if "-github-" in f.name]


@pytest.mark.parametrize("fixture", GITHUB, ids=[f.name for f in GITHUB])
def test_scripts_validate_github_never_lets_catalog_text_start_a_log_line(
    tmp_path: Path, fixture: Fixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from pet_generator.tools import cli

    cat = copy_catalog(tmp_path / "catalog", BASE)
    append(cat, fixture)
    assert cli.validate(["--github", "--catalog", str(cat)]) == 1
    out = capsys.readouterr().out
    lines = re.split(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", out.strip())
    commands = [line for line in lines if line.lstrip().startswith(("::", "##"))]
    assert commands and all(re.match(r"::error file=[^,:]+,line=\d+,col=\d+::", c) for c in commands), commands
    assert len(lines) == 2 * len(commands), lines  # one plain line and one annotation per error


def test_pagefind_never_returns_a_javascript_link(hostile_site: Path, browser: Any) -> None:
    from pet_generator.tools.local_server import serve

    server, url = serve(hostile_site)
    context = browser.new_context(base_url=url)
    try:
        page = context.new_page()
        page.goto("search/")
        urls = page.evaluate(
            """async () => {
                const pagefind = await import('/pagefind/pagefind.js');
                const out = [];
                for (const q of ['javascript', 'alert', 'script', 'onerror']) {
                    const search = await pagefind.search(q);
                    for (const r of search.results.slice(0, 20)) {
                        const d = await r.data();
                        out.push(d.url, ...d.sub_results.map(s => s.url));
                        if (/<(script|img|svg)\\b/i.test(d.excerpt.replace(/<\\/?mark>/g, ''))) out.push('excerpt:' + d.excerpt);
                    }
                }
                return out;
            }"""
        )
        assert len(urls) > 5
        for u in urls:
            assert u.startswith("/") and site_scan.url_scheme(u) is None, u
    finally:
        context.close()
        server.shutdown()
