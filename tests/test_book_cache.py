"""The book cache (pet_generator/pipeline/book_cache.py, ADR 0013): a book is reused only when every
source it is made from is the same, and a changed catalog, page, date or damaged entry never
gets the old book. The renders themselves are in test_book.py (a second toolkit's book, made,
reused, then made again after one title changed)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from helpers import CATALOG
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline import book_cache
from pet_generator.pipeline.toolkit import generator_site


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PET_BOOK_CACHE", str(folder))
    return folder


def _with_title(cat: Catalog, title: str) -> Catalog:
    data = copy.deepcopy(cat.data)
    data["resources"][0]["title"] = title
    return Catalog(root=cat.root, data=data)


def test_the_key_changes_with_the_catalog_the_pages_and_the_date(catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toolkit = generator_site(CATALOG)
    key = book_cache.book_key(catalog, toolkit)
    assert book_cache.book_key(catalog, toolkit) == key  # the same sources: the same key
    assert book_cache.book_key(_with_title(catalog, catalog["resources"][0]["title"] + "!"), toolkit) != key  # one title
    root = tmp_path / "root"
    shutil.copytree(CATALOG.parent / "docs", root / "docs")
    moved = generator_site(CATALOG, root=root)
    moved = type(moved)(catalog=moved.catalog, docs=moved.docs, config=toolkit.config)
    before = book_cache.book_key(catalog, moved)
    assert book_cache.book_key(catalog, moved) == before
    (root / "docs" / "assets" / "book.css").write_text((root / "docs" / "assets" / "book.css").read_text("utf-8") + "\np { color: #000; }\n", "utf-8")
    assert book_cache.book_key(catalog, moved) != before  # the book's stylesheet
    monkeypatch.setenv("PET_TODAY", "2031-01-02")  # the date printed on an unpublished edition's cover
    assert book_cache.book_key(catalog, toolkit) != key


def test_each_language_has_its_own_key_and_a_translation_file_changes_it(catalog: Catalog, tmp_path: Path) -> None:
    from pet_generator.catalog.loader import load_catalog
    from pet_generator.site.entry import in_language

    toolkit = generator_site(CATALOG)
    english, spanish = book_cache.book_key(catalog, toolkit), book_cache.book_key(in_language(catalog, "es"), toolkit)
    assert spanish != english and book_cache.book_key(in_language(catalog, "es"), toolkit) == spanish
    copied = tmp_path / "catalog"
    shutil.copytree(CATALOG, copied)
    moved = type(toolkit)(catalog=copied, docs=toolkit.docs, config=toolkit.config)
    before = book_cache.book_key(in_language(load_catalog(copied), "es"), moved)
    terms = copied / "i18n" / "es" / "terms.yaml"  # read by no renderer, but a file of the translation
    terms.write_text(terms.read_text("utf-8") + "\n# a translator's note\n", "utf-8")
    assert book_cache.book_key(in_language(load_catalog(copied), "es"), moved) != before
    assert book_cache.book_key(load_catalog(copied), moved) == book_cache.book_key(load_catalog(copied), moved)


def test_a_stored_book_comes_back_and_a_damaged_one_does_not(cache: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "made.pdf"
    pdf.write_bytes(b"%PDF-1.7 a book\n")
    book_cache.store("k1", pdf, {"pages": 3, "bytes": pdf.stat().st_size})
    out = tmp_path / "site" / "downloads" / "b.pdf"
    assert book_cache.fetch("k1", out) == {"pages": 3, "bytes": pdf.stat().st_size, "sha256": book_cache._digest(pdf)}
    assert out.read_bytes() == pdf.read_bytes()
    assert book_cache.fetch("k2", tmp_path / "other.pdf") is None  # another key: nothing
    (cache / "k1.pdf").write_bytes(b"%PDF-1.7 a book, cut sho")  # damaged (a full disk, an edit)
    assert book_cache.fetch("k1", tmp_path / "again.pdf") is None
    (cache / "k1.json").write_text("{not json", "utf-8")
    assert book_cache.fetch("k1", tmp_path / "again.pdf") is None


def test_the_cache_keeps_the_newest_entries_and_can_be_switched_off(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = tmp_path / "made.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    monkeypatch.setattr(book_cache, "KEEP", 2)
    for n in range(4):
        book_cache.store(f"k{n}", pdf, {"pages": 1})
        (cache / f"k{n}.json").touch()
    assert sorted(p.name for p in cache.iterdir()) == ["k2.json", "k2.pdf", "k3.json", "k3.pdf"]
    monkeypatch.setenv("PET_BOOK_CACHE", "off")
    assert book_cache.cache_dir() is None
    assert book_cache.fetch("k3", tmp_path / "out.pdf") is None
