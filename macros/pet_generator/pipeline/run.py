"""scripts/build: validate, render, index and publish the site atomically.

The site is built into a fresh folder beside the target and swapped in only when every
step has passed, so a failed build leaves the previous site/ untouched. A build that was
killed midway leaves its folder behind; the next build removes it (a lock beside the target
tells a stale folder from one that another build is still writing).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pet_generator.catalog import translations
from pet_generator.catalog.loader import Catalog, check_catalog, display_path, hand_over
from pet_generator.catalog.messages import log_lines
from pet_generator.catalog.paths import ROOT, python_path
from pet_generator.pipeline import (
    book_cache,
    book_job,
    downloads,
    engines,
    lean_data,
    offline,
    pdf,
    pdf_tags,
    resource_pages,
    search_index,
    site_scan,
)
from pet_generator.pipeline.engines import DEFAULT_ENGINE
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.pipeline.pages import PagesError, write_project
from pet_generator.pipeline.toolkit import Toolkit, ToolkitError, add_source_options, chosen_toolkit, generator_site, user_path
from pet_generator.site import message_catalog
from pet_generator.site.entry import in_language


@dataclass
class BuildState:
    """What one build's steps hand each other, passed explicitly (no module globals)."""

    site_dir: Path  # the new site folder, swapped in at the end
    catalog: Catalog  # validated once, at the start of the build
    scanned: site_scan.Checked = field(default_factory=dict)  # resource pages already scanned piece by piece


# Steps that run on the finished site folder after the engine and Pagefind, in this order.
# Each raises BuildFailed to stop the build.
PostStep = Callable[[BuildState], None]
POST_STEPS: tuple[tuple[str, PostStep], ...] = (
    ("moving large resource lists' facet data into files", lambda b: lean_data.move_lean_data(b.site_dir, b.catalog)),
    ("writing handout PDFs (WeasyPrint)", lambda b: pdf.write_handout_pdfs(b.site_dir, b.catalog)),
    ("checking every PDF's tags (PDF/UA-1 structure, links, fonts)", lambda b: pdf_tags.check_site_pdfs(b.site_dir, b.catalog)),
    ("scanning the built pages for scripts, event handlers and unsafe URLs", lambda b: site_scan.check_site(b.site_dir, b.catalog, b.scanned)),
    ("writing downloads (JSON, CSV, CSL-JSON, BibTeX, Atom)", lambda b: downloads.write_downloads(b.site_dir, b.catalog)),
    (
        "giving each language the files only English has yet (handout PDFs, downloads)",
        lambda b: copy_untranslated_files(b.site_dir, translations.languages(Path(b.catalog.root))),
    ),
    (
        "writing the offline copy (ZIP with its own search)",
        lambda b: offline.write_offline_zip(b.site_dir, b.catalog),
    ),  # it copies the finished site
    (
        "giving each language the offline copy (its pages link it beside the book)",
        lambda b: give_languages_the_offline_copy(b.site_dir, b.catalog),
    ),
)


def _run(label: str, command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildFailed(f"{label} failed:\n{output[-4000:]}")


def _index_for_search(site: Path) -> None:
    """Every published page, resource pages included, with the Pagefind CLI (ADR 0009)."""
    from pet_generator.pipeline.search_index import IndexingFailed, index_site

    try:
        index_site(site)
    except IndexingFailed as exc:
        raise BuildFailed(f"Pagefind indexing failed: {exc}") from exc


def build(source: Path | Toolkit, site_dir: Path, log: Callable[[str], None] = print, versioned: bool = False, engine: str = DEFAULT_ENGINE) -> float:
    """Build a catalog folder with the generator's pages, or another organization's whole toolkit."""
    started = time.perf_counter()
    toolkit = source if isinstance(source, Toolkit) else generator_site(source)
    catalog = toolkit.catalog

    def step(message: str) -> None:
        log(f"[{time.perf_counter() - started:5.1f}s] {message}")

    step(f"validating {display_path(catalog)}")
    checked, errors = check_catalog(catalog)
    if errors or checked is None:
        shown = "\n".join(str(e).replace("\n", "\\n") for e in errors)  # one line per error, whatever its text
        raise BuildFailed(f"{shown}\n{len(errors)} catalog error(s); the previous site was left as it was.")

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _only_build(site_dir):
        _build_into(checked, toolkit, site_dir, step, versioned, engine)
    total = time.perf_counter() - started
    log(f"built {display_path(site_dir)} in {total:.1f}s")
    return total


@contextlib.contextmanager
def _only_build(site_dir: Path) -> Iterator[None]:
    """Hold the lock beside the target for the whole build, and clear what killed builds left."""
    with open(site_dir.with_name(f".{site_dir.name}.lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(f"another build is writing {display_path(site_dir)} right now; wait for it to finish") from None
        for stale in [*site_dir.parent.glob(f".{site_dir.name}-new-*"), site_dir.with_name(f".{site_dir.name}-old")]:
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
        yield


def _build_into(
    checked: Catalog, toolkit: Toolkit, site_dir: Path, step: Callable[[str], None], versioned: bool, engine: str = DEFAULT_ENGINE
) -> None:
    catalog = checked.root
    languages = site_languages(checked, toolkit)
    # Each language's catalog, made once: its book, its resource pages and their list of ids read it.
    spoken = {language: in_language(checked, language) for language in [translations.DEFAULT_LANGUAGE, *languages]}
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    env = {**os.environ, "PET_CATALOG": str(catalog.resolve()), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": python_path()}
    # Material's edition selector fetches ../versions.json, which only a published (mike) site has;
    # elsewhere that request is a 404 in the console, so it is switched on only for publishing.
    env["PET_VERSION_PROVIDER"] = "mike" if versioned else ""
    try:
        with tempfile.TemporaryDirectory(prefix="pet-build-") as tmp:
            # The book comes from the catalog and docs/ alone: it is written beside the engine, in
            # a child process per language (the engine empties `work`: it waits in tmp). The pages
            # that link to it get its size and page count once it is done (book_job.fill_in): the
            # English pages before the resource pages are cut from their shell, the other
            # languages' (a few hundred pages) after theirs, so those books have that step's time
            # too; every page before search indexes it.
            everyone = [translations.DEFAULT_LANGUAGE, *languages]
            step(
                "writing the edition as one book per language ("
                + ", ".join(everyone)
                + "), beside the engine (WeasyPrint, PDF/UA-1; reused when the same sources made one: ADR 0013)"
            )
            books: dict[str, book_job.BookJob] = {}
            try:
                for language in everyone:
                    books[language] = book_job.BookJob(Path(tmp) / f"book-{language}", spoken[language], toolkit)
                run = EngineRun(engines.engine(engine), env, Path(tmp), step)
                run.hand_over(catalog)
                _render_languages(run, checked, toolkit, work, {language: job.placeholders() for language, job in books.items()}, languages)
                _place_book(books[translations.DEFAULT_LANGUAGE], Path(tmp), work, step, skip=tuple(languages))
                state = BuildState(site_dir=work, catalog=checked)
                step("writing a page per resource")
                # Before indexing: search finds them (ADR 0009). A language has a page for each resource it
                # has a translation of; its lists link to the English page of any other (ADR 0014).
                translated = {language: translations.pages_in(spoken[language], "resources") or frozenset() for language in languages}
                everywhere = frozenset.intersection(*translated.values()) if translated else None
                state.scanned = resource_pages.write_resource_pages(work, checked, everywhere=everywhere)
                for language in languages:  # the body's words, facets and summary in the language
                    state.scanned = {
                        **state.scanned,
                        **resource_pages.write_resource_pages(work / language, spoken[language], only=translated[language]),
                    }
                    resource_pages.merge_sitemap(work, language)  # one sitemap lists every page of every language
                for language in languages:
                    _place_book(books[language], Path(tmp), work / language, step)
            finally:
                for job in books.values():
                    job.stop()
        step("indexing for search (pagefind)")
        _index_for_search(work)
        for name, post_step in POST_STEPS:
            step(name)
            post_step(state)
        # linkchecker drops root privileges to 'nobody': keep the site world-readable.
        os.chmod(work, 0o755)
        step(f"publishing to {display_path(site_dir)}")
        _swap(work, site_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _place_book(job: book_job.BookJob, tmp: Path, into: Path, step: Callable[[str], None], skip: tuple[str, ...] = ()) -> None:
    """Wait for one language's book, give its pages (in `into`, but for the `skip` folders) its
    page count and size, and put it where they link it."""
    facts = job.facts()
    cached = f", reused from the book cache ({book_cache.cache_dir()})" if facts.cached else ""
    step(f"the book in '{facts.lang}': {facts.pages} pages{cached}")
    book_job.fill_in(into, facts, skip=skip)
    (into / facts.href).parent.mkdir(parents=True, exist_ok=True)
    shutil.move(tmp / f"book-{facts.lang}" / facts.href, into / facts.href)


@dataclass
class EngineRun:
    """What every engine run of one build shares: the engine, its environment, the scratch
    folder and the build's log."""

    engine: engines.Engine
    env: dict[str, str]
    tmp: Path
    step: Callable[[str], None]

    def hand_over(self, catalog: Path) -> None:
        """The engine runs as a child process: hand it the catalog validated above (checked once,
        written once for every language's run)."""
        self.env.update(hand_over(catalog, self.tmp / "validated-catalog.json"))


def _render_languages(
    run: EngineRun, checked: Catalog, toolkit: Toolkit, work: Path, book_facts: dict[str, dict[str, Any]], languages: list[str]
) -> None:
    """The engine's pages: English into `work`, then one build per language, the same engine,
    under /<language>/ (ADR 0014). `book_facts`: what each language's pages say about its book."""
    run.step("generating page sources from the catalog")
    for language in [translations.DEFAULT_LANGUAGE, *languages]:
        english = language == translations.DEFAULT_LANGUAGE
        if not english:
            run.step(f"generating and rendering the pages in '{language}' (under /{language}/)")
        try:  # the engine builds docs/ plus one page per competency and handout (ADR 0006)
            config = write_project(
                checked,
                run.tmp / ("project" if english else f"project-{language}"),
                toolkit=toolkit,
                engine=run.engine,
                extra={"book": book_facts[language]},
                language=language,
            )
        except (PagesError, ToolkitError) as exc:
            raise BuildFailed(str(exc)) from exc
        into = work if english else work / language
        into.mkdir(exist_ok=True)
        _render_pages(run, config, into, quiet=not english)


def site_languages(checked: Catalog, toolkit: Toolkit) -> list[str]:
    """The languages besides English (catalog/i18n/<language>/), each checked: a language the
    theme has no words for, or a translation with errors, stops the build (ADR 0014)."""
    found = translations.languages(Path(checked.root))
    problems = []
    for language in found:
        why = message_catalog.language_problem(language)
        if why:
            problems.append(f"{display_path(Path(checked.root) / translations.FOLDER / language)}: {why}")
            continue
        problems += [str(e) for e in translations.check_language(checked, language, toolkit.docs).errors]
    if problems:
        raise BuildFailed("\n".join(problems) + f"\n{len(problems)} translation error(s); the previous site was left as it was.")
    return found


def copy_untranslated_files(site: Path, languages: list[str]) -> None:
    """Files only the English build makes (the PDFs of handouts not translated, downloads) are
    the same for every language for now: each language folder gets a hard link to them, so its
    pages' relative links hold (a copy where links are not possible). A language's own file
    (its book, its translated handouts' PDFs) stays."""
    others = {*languages, search_index.BUNDLE}
    for language in languages:
        for path in site.rglob("*"):
            rel = path.relative_to(site)
            if rel.parts[0] in others or path.suffix == ".html" or not path.is_file():
                continue
            _give(path, site / language / rel)


def _give(path: Path, target: Path) -> None:
    """A hard link to one of English's files in a language's folder (a copy where links are not possible)."""
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)


def give_languages_the_offline_copy(site: Path, cat: Catalog) -> None:
    """The zip is written last, after every language got English's other files: one more link each."""
    rel = offline.offline_path(cat)
    for language in translations.languages(Path(cat.root)):
        _give(site / rel, site / language / rel)


def _render_pages(run: EngineRun, config: Path, work: Path, quiet: bool = False) -> None:
    """The engine step: the scratch project in, HTML pages in `work` out (macros/pet_generator/pipeline/engines.py)."""
    engine = run.engine
    if not quiet:
        run.step(f"rendering pages ({engine.name} build --strict)")
    if engine.site_dir_option:
        _run(engine.name, engine.command(config, work), run.env)
        return
    # Zensical takes site_dir from the config only, and only inside the project: build
    # there, then move the pages into the new site folder.
    inside = config.parent / "site"
    shutil.rmtree(inside, ignore_errors=True)
    _run(engine.name, engine.command(config, inside), run.env)
    for child in inside.iterdir():
        shutil.move(child, work / child.name)


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/build", description="Validate the catalog, build the site and its search index.")
    add_source_options(parser)
    parser.add_argument("--site-dir", help="output folder (default: site/, or DIR/site for --toolkit DIR)")
    parser.add_argument("--engine", choices=list(engines.ENGINES), default=DEFAULT_ENGINE, help=f"what renders the pages (default: {DEFAULT_ENGINE})")
    args = parser.parse_args(argv)
    try:
        toolkit = chosen_toolkit(args)
        default_site = user_path(args.toolkit) / "site" if args.toolkit else ROOT / "site"
        build(toolkit, user_path(args.site_dir) if args.site_dir else default_site, engine=args.engine)
    except (BuildFailed, ToolkitError) as exc:
        print(log_lines(f"error: {exc}"), file=sys.stderr)
        print("build failed; nothing was published.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
