"""The engines that can render the page sources (scripts/build --engine; ADR 0008).

The engine is one replaceable step of the build: the page sources are written before it
(macros/pet_generator/pipeline/pages.py) and Pagefind, PDFs, downloads and the safety scan run after it, the same
for every engine. An engine here is only the command that turns the scratch project into
HTML, the version we tested, and what it does differently. Every engine here can publish an
edition (scripts/publish): mike only commits the finished folder, and Material's and
Zensical's themes both read `extra.version.provider: mike` for the edition selector.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Engine:
    name: str
    package: str  # the PyPI package, pinned in requirements.txt
    version: str  # the version this table was measured with
    module: str  # run as `python -m <module>`, from the build's own Python
    # Whether the command takes --site-dir; Zensical reads site_dir from the config only.
    site_dir_option: bool
    # Zensical rewrites every relative URL in a page's HTML, raw HTML from macros included, as
    # if it were a Markdown link in the source file; MkDocs leaves raw HTML as it is. The
    # macros' links start from what the engine will resolve them against (macros/pet_generator/pipeline/pages.py).
    links_from_source: bool
    # Features the engine switches on by itself that the site must not have, off in the
    # generated config: Zensical's own search adds a second search box and a search.json of
    # the whole site (we search with Pagefind, run after every engine).
    plugins_off: tuple[str, ...]
    notes: str

    def command(self, config: Path, site_dir: Path) -> list[str]:
        """The engine's build, strict: a warning (a broken link, a missing page) fails it."""
        words = [sys.executable, "-m", self.module, "build", "--strict", "-f", str(config)]
        return [*words, "--site-dir", str(site_dir)] if self.site_dir_option else words


ENGINES = {
    engine.name: engine
    for engine in (
        Engine(
            name="mkdocs",
            package="mkdocs",
            version="1.6.1",
            module="mkdocs",
            site_dir_option=True,
            links_from_source=False,
            plugins_off=(),
            notes="MkDocs 1.6 with Material for MkDocs 9.8 (Material's end of life: 5 May 2027)",
        ),
        Engine(
            name="properdocs",
            package="properdocs",
            version="1.6.7",
            module="properdocs",
            site_dir_option=True,
            links_from_source=False,
            plugins_off=(),
            notes="continuation of MkDocs 1.x; runs Material and mkdocs-macros unchanged",
        ),
        Engine(
            name="zensical",
            package="zensical",
            version="0.0.73",
            module="zensical",
            site_dir_option=False,
            links_from_source=True,
            plugins_off=("search",),
            notes="Material's successor; runs define_env only, ignores MkDocs plugins and hooks without a warning",
        ),
    )
}
DEFAULT_ENGINE = "mkdocs"


def engine(name: str) -> Engine:
    try:
        return ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}") from None
