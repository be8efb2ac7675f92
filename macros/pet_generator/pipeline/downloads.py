"""Post-build: the catalog's downloads (JSON, CSV, CSL-JSON, BibTeX, Atom) under downloads/."""

from __future__ import annotations

from pathlib import Path

from pet_generator.catalog import export
from pet_generator.catalog.loader import Catalog


def write_downloads(site_dir: Path, cat: Catalog) -> None:
    out = site_dir / "downloads"
    out.mkdir(exist_ok=True)
    for name, _ in export.DOWNLOADS:
        (out / name).write_text(export.render_download(cat, name), "utf-8")
