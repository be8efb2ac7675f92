"""The book, written beside the engine (issue 26's budget).

WeasyPrint takes most of a build's time (about 20 s for the 2026 edition, 32 s at 10,000
resources) on one core, and so does the engine on the other. The pages give the book's page
count and size, which are only known once it is written, so the engine renders markers in
their place (plain capitals and hex digits, which Markdown, Jinja and HTML escaping leave as
they are; new in every build process, so no catalog text can hold them), and `fill_in` puts the
figures into the engine's pages once the book is done: before the resource pages are cut from
their shell page, before search indexes anything.

The book is written in a forked child process: it has the validated catalog already, and only
its small BookFacts (or its error) comes back through a pipe. Each language has its own book
(ADR 0014), its own child and its own markers: its pages give its own book's figures.
"""

from __future__ import annotations

import multiprocessing
import secrets
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline import book
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.pipeline.toolkit import Toolkit

_NONCE = secrets.token_hex(8).upper()


def markers(language: str) -> tuple[str, str]:
    """The page count's and the size's markers of one language's book: the language's code in
    capitals before the nonce, so no language's marker is the start of another's."""
    code = "".join(c for c in language.upper() if c.isalnum())
    return f"PETBOOKPAGES{code}{_NONCE}", f"PETBOOKSIZE{code}{_NONCE}"


PAGES, SIZE = markers("en")  # the English book's


class BookJob:
    """`BookJob(dest, cat, toolkit)` starts writing the book (in the catalog's language: a
    TranslatedCatalog's, else English); `facts()` waits for it."""

    def __init__(self, dest: Path, cat: Catalog, toolkit: Toolkit) -> None:
        self.href = book.book_path(cat)
        self.language = book.book_language(cat)
        self.pages_marker, self.size_marker = markers(self.language)
        self._facts: book.BookFacts | None = None
        if "fork" not in multiprocessing.get_all_start_methods():  # no fork: write it now, in this process
            self._facts = book.write_book(dest, cat, toolkit)
            return
        self._receive, send = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=_write, args=(send, dest, cat, toolkit), daemon=True)
        self._process.start()
        send.close()

    def placeholders(self) -> dict[str, Any]:
        """What the engine's config says about the book until it is written (see fill_in)."""
        if self._facts is not None:
            return self._facts.as_config()
        return {
            "href": self.href,
            "pages": self.pages_marker,
            "size": self.size_marker,
            "offline": book.offline_href(self.href),
            "lang": self.language,
            "file": book.saved_as(self.href, self.language),
        }

    def facts(self) -> book.BookFacts:
        if self._facts is None:
            try:
                result = self._receive.recv()
            except EOFError:  # the child died without a word (killed, out of memory)
                self._process.join()
                result = f"the process writing it ended with exit code {self._process.exitcode}"
            self._process.join()
            if isinstance(result, str):
                raise BuildFailed(f"writing the book failed: {result}")
            self._facts = result
        return self._facts

    def stop(self) -> None:
        """A build that fails elsewhere does not wait for the book."""
        if self._facts is None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def _write(send: Connection, dest: Path, cat: Catalog, toolkit: Toolkit) -> None:
    try:
        send.send(book.write_book(dest, cat, toolkit))
    except BaseException as exc:  # any failure reaches the build as its message, never a hang
        send.send(f"{exc.__class__.__name__}: {exc}\n{traceback.format_exc(limit=3)}")
    finally:
        send.close()


def fill_in(site_dir: Path, facts: book.BookFacts, skip: tuple[str, ...] = ()) -> int:
    """Put the book's page count and size where the engine rendered its language's markers;
    returns how many files changed. `skip`: folders of other languages' pages, which hold their
    own book's markers. Only the engine's pages exist yet (a few hundred): a quick pass."""
    page_marker, size_marker = markers(facts.lang)
    pages, size = str(facts.pages), facts.size
    changed = 0
    for path in site_dir.rglob("*.html"):
        if path.relative_to(site_dir).parts[0] in skip:
            continue
        text = path.read_text("utf-8")
        if page_marker in text or size_marker in text:
            path.write_text(text.replace(page_marker, pages).replace(size_marker, size), "utf-8")
            changed += 1
    return changed
