"""Shared fixtures: the real catalog built once per session, served on 127.0.0.1, and a
real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.build import build
from macros.catalog import Catalog, load_catalog
from macros.local_server import serve

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "catalog"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def copy_catalog(dest: Path, source: Path = CATALOG) -> Path:
    """A writable copy of a catalog, for tests that change one file."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("editions"))
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalog, built exactly as scripts/build does (once per test session)."""
    out = tmp_path_factory.mktemp("built") / "site"
    build(CATALOG, out, log=lambda _: None)
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium, or a clear failure in CI (PET_REQUIRE_BROWSER=1) when it is missing."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("PET_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing; run scripts/bootstrap as root to install Debian's chromium")
        pytest.skip("Chromium is not installed (scripts/bootstrap installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that records every request leaving 127.0.0.1 in page.foreign_requests."""
    context = browser.new_context(base_url=base_url)
    pg = context.new_page()
    foreign: list[str] = []
    host = base_url.split("/")[2]

    def watch(request: Any) -> None:
        url = request.url
        if not (url.startswith(f"http://{host}/") or url.startswith(("data:", "blob:", "about:"))):
            foreign.append(url)

    pg.on("request", watch)
    pg.foreign_requests = foreign
    yield pg
    context.close()
