"""Machine-readable exports of the validated catalog (JSON for reuse, CSV for spreadsheets)."""

from __future__ import annotations

import csv
import io
from typing import Any

from . import urls
from .catalog import COLLECTIONS, Catalog

CSV_COLUMNS = ("id", "title", "aliases", "publisher", "year", "type", "category", "topics",
               "audience", "competencies", "cited_in", "url", "summary", "added", "updated", "reviewed")  # fmt: skip


def to_json(catalog: Catalog) -> dict[str, Any]:
    """One top-level key per collection. Lists get their optional fields filled in, so
    consumers can rely on `aliases`, `url` and `competencies` always being present."""
    out: dict[str, Any] = {name: catalog.data[name] for name in COLLECTIONS}
    out["resources"] = [
        {**r, "aliases": r.get("aliases", []), "competencies": r.get("competencies", []), "url": r.get("url")} for r in catalog["resources"]
    ]
    out["handouts"] = [{**h, "page": urls.handout_page(h["id"]), "pdf": urls.handout_pdf(h["id"])} for h in catalog["handouts"]]
    return out


def to_csv(catalog: Catalog) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in catalog["resources"]:
        row = []
        for column in CSV_COLUMNS:
            value = r.get(column)
            if isinstance(value, list):
                value = "; ".join(value)
            row.append("" if value is None else _defuse(str(value)))
        writer.writerow(row)
    return buffer.getvalue()


def _defuse(cell: str) -> str:
    """Spreadsheet apps run cells that start with = + - @ as formulas; quote them."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
