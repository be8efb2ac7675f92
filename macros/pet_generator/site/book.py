"""The link to the edition as one book (macros/pet_generator/pipeline/book.py writes it before the engine runs
and hands its address, page count and size over in the config's `extra.book`)."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog.loader import Catalog
from pet_generator.site.html import Context, block, esc, tag


def book_download(cat: Catalog, ctx: Context, facts: dict[str, Any] | None) -> str:
    """ "The whole 2026 edition as one PDF (120 pages, 0.7 MB)"; nothing in a live preview,
    which writes no book."""
    if not facts:
        return ""
    edition = cat["edition"]
    words = f"The whole {edition['year']} edition as one book (PDF, {facts['pages']} pages, {facts['size']})"
    link = tag("a", esc(words), href=ctx.rel(str(facts["href"])), class_="pet-book-link", download=True)
    note = tag(
        "span",
        esc(" A tagged PDF (PDF/UA-1) you may print, file or post: every chapter, the handouts, the glossary and the resources."),
        class_="pet-book-note",
    )
    offline = ""
    if facts.get("offline"):
        offline = tag(
            "p",
            tag("a", "A copy that works without internet (ZIP)", href=ctx.rel(str(facts["offline"])), download=True)
            + esc(": unzip it, then open index.html in its folder. The pages, handouts, checklists and search all work from there."),
            class_="pet-offline",
        )
    return block(tag("p", link + note, class_="pet-book") + offline)
