"""A content-addressed cache of the book: the same sources never pay WeasyPrint twice (ADR 0013).

The book (pipeline/book.py) takes some 20 to 30 s of WeasyPrint and is a pure function of
what this module hashes into its key:

- the validated catalog (its data as JSON) and the model read from its schemas (their digest);
  in another language, the language, its translated catalog and its translation files;
- the toolkit's pages and settings: every file under its docs/, the generator's docs/ and
  assets (the book's stylesheet), the engine config and toolkit.yml;
- the generator's code and templates: every file of the package the book is part of;
- every installed distribution and its version (WeasyPrint, pydyf, pikepdf, Markdown...), the
  Python version, and the fonts installed on the machine (names and sizes: the PDF embeds them);
- the date printed on an unpublished edition's cover (today(), which PET_TODAY overrides).

Change any of them and the key changes, so a cached book is never stale: it is only ever the
byte-for-byte result of rendering those same inputs. Each entry is a PDF and its facts (pages,
bytes, the PDF's SHA-256); an entry whose PDF no longer matches its recorded digest is ignored
and rendered again. Every build still checks the book's tags (pdf_tags.check_site_pdfs).

Where: $PET_BOOK_CACHE, or $XDG_CACHE_HOME/pet-generator/books, or ~/.cache/pet-generator/books.
PET_BOOK_CACHE=off renders every time (scripts/bench does, to measure the book). The newest
KEEP entries are kept. Rebuilding the same catalog (the test suite's builds of this toolkit,
scripts/server's rebuilds after a change elsewhere, a maintainer's second build) reuses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from pet_generator.catalog import translations
from pet_generator.catalog.dates import today
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.paths import ASSETS, GENERATOR_DOCS
from pet_generator.pipeline.toolkit import Toolkit

KEEP = 12  # entries: about 1 MB each for this toolkit's book
CODE = Path(__file__).resolve().parents[1]  # the generator package: every layer the book calls
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts", Path.home() / ".local/share/fonts")
_SKIP = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def cache_dir() -> Path | None:
    """The cache folder, or None when PET_BOOK_CACHE=off."""
    chosen = os.environ.get("PET_BOOK_CACHE", "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pet-generator" / "books"


def _files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _SKIP.intersection(p.relative_to(folder).parts))


def _hash_tree(h: Any, label: str, folder: Path) -> None:
    h.update(f"\0tree {label}\0".encode())
    for path in _files(folder):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def _hash_file(h: Any, label: str, path: Path | None) -> None:
    h.update(f"\0file {label}\0".encode())
    if path is not None and path.is_file():
        h.update(hashlib.sha256(path.read_bytes()).digest())


def _environment() -> str:
    """Every installed distribution with its version, the Python version and the fonts."""
    dists = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions() if d.metadata["Name"]})
    fonts = []
    for folder in FONT_DIRS:
        if folder.is_dir():
            fonts += [f"{p}:{p.stat().st_size}" for p in sorted(folder.rglob("*")) if p.is_file()]
    return "\n".join([platform.python_version(), *dists, *fonts])


def book_key(cat: Catalog, toolkit: Toolkit) -> str:
    """The hash of everything the book is made from (see the module's docstring)."""
    h = hashlib.sha256(b"pet-book-cache 1\0")
    # One book per language (ADR 0014): a TranslatedCatalog's data holds its translated fields;
    # its translation files (provenance: who reviewed, which the book's notes say) count too.
    language = str(getattr(cat, "language", None) or "en")
    h.update(f"language {language}\0".encode())
    if language != "en":
        _hash_tree(h, "translations", Path(cat.root) / translations.FOLDER / language)
    h.update(json.dumps(cat.data, sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update(f"\0model {cat.model.digest}\0".encode())
    _hash_tree(h, "docs", toolkit.docs)
    _hash_tree(h, "assets", ASSETS)  # the book's stylesheet (inside docs/ in the checkout, in the package when installed)
    if GENERATOR_DOCS.is_dir() and toolkit.docs.resolve() != GENERATOR_DOCS.resolve():
        _hash_tree(h, "generator docs", GENERATOR_DOCS)
    _hash_file(h, "config", toolkit.config)
    _hash_file(h, "settings", toolkit.settings)
    _hash_tree(h, "code", CODE)
    h.update(f"\0environment\0{_environment()}\0today {today().isoformat()}".encode())
    return h.hexdigest()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(key: str, target: Path) -> dict[str, Any] | None:
    """Copy the cached book for `key` to `target` and return its facts, or None (not cached,
    unreadable, or a PDF that no longer matches its recorded digest)."""
    folder = cache_dir()
    if folder is None:
        return None
    pdf, facts_file = folder / f"{key}.pdf", folder / f"{key}.json"
    try:
        facts = json.loads(facts_file.read_text("utf-8"))
        if _digest(pdf) != facts["sha256"]:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
        if _digest(target) != facts["sha256"]:
            return None
        os.utime(facts_file)  # recently used: kept longest
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return dict(facts)


def store(key: str, pdf: Path, facts: dict[str, Any]) -> None:
    """Keep a freshly rendered book under `key` (atomically: a reader never sees half of it).
    A cache that cannot be written is no error; the next build renders again."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        record = {**facts, "sha256": _digest(pdf)}
        for suffix, write in ((".pdf", lambda f: shutil.copyfile(pdf, f)), (".json", lambda f: Path(f).write_text(json.dumps(record), "utf-8"))):
            fd, tmp = tempfile.mkstemp(prefix=f".{key}-", suffix=suffix, dir=folder)
            os.close(fd)
            try:
                write(tmp)
                os.replace(tmp, folder / f"{key}{suffix}")
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        _prune(folder)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        for suffix in (".json", ".pdf"):
            with contextlib.suppress(OSError):
                old.with_suffix(suffix).unlink()
