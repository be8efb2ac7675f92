"""Post-build: large resource lists' facet data moves out of the page into files (ADR 0003)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pet_generator.catalog.loader import Catalog

_LEAN_ISLAND = re.compile(r'<script type="application/json" class="pet-lean">([^<]*)</script>')


def move_lean_data(site_dir: Path, cat: Catalog) -> None:
    """Post-build: move each lean table's facets out of its page into a file beside it, named
    by content (cacheable, never stale), which resources.js fetches at the reader's first
    interaction: the list itself arrives sooner (ADR 0003). `mkdocs serve` keeps them inline."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text("utf-8")
        if 'class="pet-lean">' not in text:
            continue

        def to_file(match: re.Match[str], folder: Path = page.parent) -> str:
            name = f"facets.{hashlib.sha256(match.group(1).encode('utf-8')).hexdigest()[:12]}.json"
            (folder / name).write_text(match.group(1), "utf-8")
            return f'<script type="application/json" class="pet-lean" data-src="{name}"></script>'

        page.write_text(_LEAN_ISLAND.sub(to_file, text), "utf-8")
