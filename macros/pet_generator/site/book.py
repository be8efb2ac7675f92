"""The link to the edition as one book (macros/pet_generator/pipeline/book.py writes it beside the
engine and hands its address, page count and size over in the config's `extra.book`;
components/book-download)."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog.loader import Catalog
from pet_generator.site.components import render_component
from pet_generator.site.html import Context, block


def book_download(cat: Catalog, ctx: Context, facts: dict[str, Any] | None) -> str:
    """ "The whole 2026 edition as one book (PDF, 120 pages, 0.7 MB)"; nothing in a live preview,
    which writes no book."""
    if not facts:
        return ""
    offline = ctx.rel(str(facts["offline"])) if facts.get("offline") else None
    return block(
        render_component(
            cat,
            "book-download",
            year=cat["edition"]["year"],
            pages=facts["pages"],
            size=facts["size"],
            href=ctx.rel(str(facts["href"])),
            offline_href=offline,
            book_language=facts.get("lang"),  # each language has its own book (ADR 0014)
            file=facts.get("file") or True,
        )
    )
