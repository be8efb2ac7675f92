"""Shared fixtures: the real catalog built once per session, served on 127.0.0.1, and a
real browser (Debian's Chromium driven by Playwright).

Markers come from fixtures, not from memory: a test that uses a fixture which builds a site,
serves one or drives the browser is marked `slow` (and `browser`) here, so `pytest --fast`
(scripts/test --fast) can never run it. Builds go through `site_dir`, `build_site` or
`run_build`; in the fast set a build attempted any other way fails loudly."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CATALOG, CHROMIUM, CHROMIUM_ARGS, FIXTURES
from pet_generator.catalog.loader import Catalog, load_catalog
from pet_generator.tools.local_server import serve

# A test using any of these (directly or through another fixture) needs a full build or a browser,
# or lays out the whole book of this catalog (tests/test_book.py: about 1.5 s a language).
SLOW_FIXTURES = {"site_dir", "build_site", "run_build", "base_url", "browser", "book_html", "spanish_html"}
BROWSER_FIXTURES = {"browser"}


def is_build_command(words: list[str]) -> bool:
    """What a build looks like on a command line (refused in the fast set); --help is not one."""
    if "--help" in words or "-h" in words:
        return False
    joined = " ".join(words)
    return any(
        s in joined
        for s in (
            "scripts/build",
            "scripts/publish",
            "pet_generator.pipeline",
            "pet_generator build",
            "pet-generator build",
            "mkdocs build",
            "--resources",
        )
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fast", action="store_true", help="run only the tests that need neither a full build nor a browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
    if config.getoption("fast"):
        slow = [i for i in items if i.get_closest_marker("slow") or i.get_closest_marker("browser")]
        if slow:
            config.hook.pytest_deselected(items=slow)
            items[:] = [i for i in items if i not in slow]


class BuildInFastSet(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_build_in_the_fast_set(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the fast set a build is a marking mistake: fail it at once, whatever path it takes."""
    if not request.config.getoption("fast"):
        return
    import pet_generator.pipeline.run

    def refuse(*_: Any, **__: Any) -> None:
        raise BuildInFastSet(f"{request.node.nodeid} builds a site: take the build from the build_site/site_dir fixture so it is marked slow")

    monkeypatch.setattr(pet_generator.pipeline.run, "_build_into", refuse)
    real_popen = subprocess.Popen

    class GuardedPopen(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:
            words = [str(a) for a in ([args] if isinstance(args, str | os.PathLike) else args)]
            if is_build_command(words):
                refuse()
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", GuardedPopen)


@pytest.fixture(scope="session", autouse=True)
def _book_cache_of_this_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Builds in this session (in-process and in child processes) share one book cache, empty at
    the start: the session's first build of a catalog renders its book, the later builds of the
    same sources reuse it (pet_generator/pipeline/book_cache.py, ADR 0013). Never the user's own cache."""
    folder = tmp_path_factory.mktemp("book-cache")
    before = os.environ.get("PET_BOOK_CACHE")
    os.environ["PET_BOOK_CACHE"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("PET_BOOK_CACHE", None)
    else:
        os.environ["PET_BOOK_CACHE"] = before


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """This toolkit's own catalog: for content tests, and for generator tests that need a full one."""
    return load_catalog(CATALOG)


@pytest.fixture(scope="session")
def small_catalog() -> Catalog:
    """A small catalog for generator tests (tests/fixtures/minimal): no content of this toolkit."""
    return load_catalog(FIXTURES / "minimal")


@pytest.fixture(scope="session")
def build_site() -> Callable[..., Path]:
    """build_site(catalog_dir or toolkit, out[, engine]): a full build exactly as scripts/build does, in-process."""
    from pet_generator.pipeline.run import build

    def run(catalog_dir: Any, out: Path, engine: str = "mkdocs") -> Path:  # a catalog folder, or a Toolkit (macros/pet_generator/pipeline/toolkit.py)
        build(catalog_dir, out, log=lambda _: None, engine=engine)
        return out

    return run


@pytest.fixture(scope="session")
def run_build() -> Callable[..., subprocess.CompletedProcess[str]]:
    """run_build([command...], **kwargs): a build (scripts/build, mkdocs, scripts/publish) as a subprocess."""

    def run(command: list[Any], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)

    return run


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[[Path, Path], Path]) -> Path:
    """The real catalog, built exactly as scripts/build does (once per test session)."""
    return build_site(CATALOG, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def engine_site(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Path], site_dir: Path) -> Callable[[str], Path]:
    """engine_site(name): the real catalog built with that engine, each at most once per session."""
    built = {"mkdocs": site_dir}

    def get(engine: str) -> Path:
        if engine not in built:
            built[engine] = build_site(CATALOG, tmp_path_factory.mktemp(f"built-{engine}") / "site", engine)
        return built[engine]

    return get


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
