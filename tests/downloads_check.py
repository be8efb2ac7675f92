"""Parse every download with a real parser for its format and compare it with the catalog.

Used by test_export.py (the real catalog) and test_hostile_catalog.py (the hostile build).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import bibtexparser
from pet_generator.catalog import export
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline.book import book_path, offline_href
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _latex_decoder() -> LatexNodes2Text:
    # pylatexenc lacks the two text-mode brace macros, and reads \textasciicircum as the
    # modifier letter; LaTeX prints all three as the ASCII characters.
    db = get_default_latex_context_db()
    db.add_context_category(
        "pet-text-macros",
        prepend=True,
        macros=[MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"), MacroTextSpec("textasciicircum", "^")],
    )
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


LATEX = _latex_decoder()


def one_line(text: str) -> str:
    return " ".join(text.split())


def check_bibtex(text: str, resources: list[dict[str, Any]]) -> None:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks[:3]]
    assert [e.key for e in library.entries] == [r["id"] for r in resources], "one entry per resource, in order"
    for entry, r in zip(library.entries, resources, strict=True):
        expected = {"title"} | ({"author", "publisher"} if r.get("publisher") else set())
        expected |= {name for name, key in (("year", "year"), ("url", "url"), ("abstract", "summary")) if r.get(key)}
        assert set(entry.fields_dict) == expected, (r["id"], sorted(entry.fields_dict))
        assert LATEX.latex_to_text(entry["title"]) == one_line(r["title"]), r["id"]
        if r.get("summary"):
            assert LATEX.latex_to_text(entry["abstract"]) == one_line(r["summary"]), r["id"]
        if r.get("publisher"):
            assert LATEX.latex_to_text(entry["publisher"]) == one_line(r["publisher"]), r["id"]
        if r.get("url"):
            assert entry["url"] == r["url"], r["id"]


def check_atom(text: str, catalog: Catalog) -> None:
    feed = ET.fromstring(text.encode("utf-8"))  # raises on a feed that is not well-formed
    year = str(catalog["edition"]["year"])
    added = {r["id"]: r for r in catalog["resources"] if str(r.get("added", "")).startswith(year)}
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(added)
    titles = sorted(e.findtext(f"{ATOM}title") or "" for e in entries)
    assert titles == sorted(export._NOT_XML.sub("", r["title"]) for r in added.values())


def check_csv(text: str, resources: list[dict[str, Any]]) -> None:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["id"] for row in rows] == [r["id"] for r in resources]
    for row, r in zip(rows, resources, strict=True):
        title = row["title"]
        if title != r["title"]:  # only a neutralised formula may differ, by its leading quote
            assert title == "'" + r["title"], (r["id"], title)
        for column, cell in row.items():  # nothing a spreadsheet would run as a formula
            assert export._defuse(cell) == cell, (r["id"], column, cell)


def check_downloads(folder: Path, catalog: Catalog) -> None:
    """Every file in export.DOWNLOADS, parsed and compared with the catalog it came from."""
    resources = catalog["resources"]
    whole = json.loads((folder / "catalog.json").read_text("utf-8"))
    assert [r["title"] for r in whole["resources"]] == [r["title"] for r in resources]
    csl = json.loads((folder / "resources.csl.json").read_text("utf-8"))
    assert [(i["id"], i["title"]) for i in csl] == [(r["id"], r["title"]) for r in resources]
    check_csv((folder / "resources.csv").read_text("utf-8"), resources)
    check_bibtex((folder / "resources.bib").read_text("utf-8"), resources)
    check_atom((folder / "new-resources.atom").read_text("utf-8"), catalog)
    # A built site's downloads also hold the book and its offline copy (macros/pet_generator/pipeline/book.py); nothing else.
    book = book_path(catalog)
    beside = {Path(book).name, Path(offline_href(book)).name}
    assert {name for name, _ in export.DOWNLOADS} == {p.name for p in folder.iterdir()} - beside
