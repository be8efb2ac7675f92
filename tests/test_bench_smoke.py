"""scripts/bench: the synthetic catalog is valid and buildable, bytes are counted as a
gzip-enabled host sends them, and a small end-to-end run reports every figure.

Speed itself is measured by running scripts/bench, never asserted here."""

from __future__ import annotations

import contextlib
import gzip
import json
import subprocess
import urllib.request
from collections.abc import Callable
from pathlib import Path

import bench_compare  # noqa: E402
import pytest
from bench_serve import CountingServer  # noqa: E402
from helpers import CATALOG, ROOT
from pet_generator.catalog.loader import load_catalog


def bench(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / "scripts" / "bench"), *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow  # scripts/bench as a process, and two whole catalogs loaded: about 1 s of the edit loop
def test_generated_catalog_is_valid_and_draws_on_the_real_ids(tmp_path: Path) -> None:
    out = tmp_path / "cat"
    result = bench("--generate", "300", "--out", str(out))
    assert result.returncode == 0, result.stderr
    real = load_catalog(CATALOG)
    synthetic = load_catalog(out)  # raises CatalogInvalid with every error if not valid
    resources = synthetic["resources"]
    assert len(resources) == 300
    assert len({r["id"] for r in resources}) == 300
    # Every other file is the real catalog's, so competency and handout pages still build.
    for name in ("competencies", "handouts", "sections", "taxonomy"):
        assert synthetic[name] == real[name]
    assert {c for r in resources for c in r["competencies"]} <= set(real.by_id["competencies"])
    assert all(1 <= len(r["topics"]) <= 3 for r in resources)
    pending = sum(r["url"] is None for r in resources) / len(resources)
    assert 0.2 < pending < 0.4
    assert all(r["url"].startswith("https://example.org/") for r in resources if r["url"])
    assert any(r.get("aliases") for r in resources) and any(r.get("cited_in") for r in resources)
    assert 20 <= sum(len(r["summary"]) for r in resources) / len(resources) <= 600


def test_counting_server_counts_gzip_bytes_and_precompressed_files_as_stored(tmp_path: Path) -> None:
    text = ("peer support specialist " * 400).encode()
    (tmp_path / "page.html").write_bytes(text)
    packed = gzip.compress(b"pagefind index" * 50)
    (tmp_path / "chunk.pf_index").write_bytes(packed)
    with CountingServer(tmp_path) as server:
        for name in ("page.html", "chunk.pf_index", "missing.js"):
            with contextlib.suppress(OSError):  # missing.js: a 404 costs nothing countable
                urllib.request.urlopen(server.url + name).read()
        counted = dict(server.requests)
    assert counted == {"/page.html": len(gzip.compress(text, 6, mtime=0)), "/chunk.pf_index": len(packed)}
    assert counted["/page.html"] < len(text) / 10


def test_counting_server_sends_gzip_like_a_static_host(tmp_path: Path) -> None:
    text = ("peer support specialist " * 400).encode()
    (tmp_path / "index.html").write_bytes(text)
    with CountingServer(tmp_path) as server:
        request = urllib.request.Request(server.url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "max-age=600"
            assert gzip.decompress(response.read()) == text
        with urllib.request.urlopen(server.url + "index.html") as response:  # no Accept-Encoding: plain
            assert response.headers["Content-Encoding"] is None and response.read() == text


def test_compare_flags_heavier_pages_and_lower_scores_but_not_noise() -> None:
    old = {"date": "then", "results": {"10000": {"build_seconds": 15.0, "resources_page_kb_gzip": 480.0, "filter_ms": 16.0},
                                       "default": {"lighthouse": {"home": {"performance": 99, "seo": 100}}}}}  # fmt: skip
    new = {"results": {"10000": {"build_seconds": 16.5, "resources_page_kb_gzip": 520.0, "filter_ms": 18.0},
                       "default": {"lighthouse": {"home": {"performance": 99, "seo": 92}}}}}  # fmt: skip
    table, regressions = bench_compare.change_table(old, new)
    assert regressions == 2  # the page weight (+8%) and SEO; build time (+10%) and filter (+12%) are noise
    assert "**480.0 → 520.0 (+8%) worse**" in table and "seo on home dropped: 100 → 92" in table
    assert "15.0 → 16.5 (+10%)" in table and "15.0 → 16.5 (+10%) worse" not in table


@pytest.mark.browser  # scripts/bench drives Chromium itself
def test_bench_at_100_resources_reports_every_figure(tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    report_file = tmp_path / "bench.json"
    command = [ROOT / "scripts" / "bench", "--resources", "100", "--no-default", "--no-lighthouse", "--baseline-cap", "60", "--json", report_file]
    result = run_build(command, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(report_file.read_text())
    m = report["results"]["100"]
    assert m["resources"] == 100
    assert m["build_seconds"] > 0 and m["peak_rss_mb"] > 20 and m["site_bytes"] > 100_000
    assert set(m["build_steps_seconds"]) >= {"validating", "rendering pages", "indexing for search"}
    # /resources/ pulls its HTML, CSS and scripts; a first search pulls Pagefind's runtime and index.
    files = m["resources_page_files"]
    assert "/resources/" in files and any(f.endswith(".css") for f in files) and any(f.endswith(".js") for f in files)
    assert m["resources_page_bytes_gzip"] == sum(files.values())
    searched = m["first_search_files"]
    assert "/pagefind/pagefind.js" in searched and any(f.endswith(".pf_index") for f in searched)
    assert m["first_search_hits"] > 0 and m["first_search_bytes_gzip"] > 50_000
    assert m["baseline_pages"] == 101 and m["baseline_build_seconds"] > 0
    assert "| 100 |" in result.stdout
    # The book alone (issue 26 part 4), and what the book and offline copy add to the build.
    assert m["book_pages"] > 50 and m["book_seconds"] > 0 and m["book_peak_rss_mb"] > 50 and m["book_bytes"] > 100_000
    assert m["book_and_offline_seconds"] > 0 and "| book pages |" in result.stdout
    if not m.get("notes", {}).get("filter_ms"):
        assert 0 < m["filter_ms"] < 5000


def test_bench_measures_another_engine_build_only(tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    report_file = tmp_path / "bench.json"
    command = [ROOT / "scripts" / "bench", "--engine", "zensical", "--build-only", "--no-book"]  # the book is the same on every engine
    command += ["--resources", "100", "--no-default", "--json", report_file]
    result = run_build(command, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(report_file.read_text())
    m = report["results"]["100"]
    assert report["engine"].startswith("zensical ") and "engine zensical" in result.stdout
    assert m["build_seconds"] > 0 and m["peak_rss_mb"] > 20 and "rendering pages" in m["build_steps_seconds"]
    assert "resources_page_files" not in m and "baseline_pages" not in m  # --build-only: no browser, no baseline
    assert "book_seconds" not in m  # --no-book
