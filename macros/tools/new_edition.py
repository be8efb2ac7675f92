"""scripts/new-edition: snapshot the baseline, set the year, list what is due for review."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from macros.catalog import export
from macros.catalog.editions import baseline_path
from macros.catalog.loader import DEFAULT_CATALOG, CatalogInvalid, load_catalog
from macros.catalog.review import RANKS, queue


def set_edition_year(text: str, year: int, previous: int) -> str:
    """Edit edition.yaml's year lines in place, keeping comments and layout."""
    text, n = re.subn(r"(?m)^year:\s*\d+", f"year: {year}", text, count=1)
    if n != 1:
        raise ValueError("edition.yaml has no 'year:' line")
    if re.search(r"(?m)^previous_year:", text):
        text = re.sub(r"(?m)^previous_year:.*$", f"previous_year: {previous}", text, count=1)
    else:
        text = text.rstrip("\n") + f"\nprevious_year: {previous}\n"
    return text


def new_edition_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/new-edition", description="Start the next edition: snapshot a baseline, set the year, list what is due for review."
    )
    parser.add_argument("year", type=int)
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG))
    args = parser.parse_args(argv)
    catalog_dir = Path(args.catalog)
    try:
        cat = load_catalog(catalog_dir)
    except CatalogInvalid as exc:
        print(exc, file=sys.stderr)
        print("fix the catalog before starting a new edition", file=sys.stderr)
        return 1
    current = cat["edition"]["year"]
    if args.year <= current:
        print(f"error: the catalog is already the {current} edition; give a later year", file=sys.stderr)
        return 1
    baseline = baseline_path(catalog_dir, current)
    baseline.parent.mkdir(exist_ok=True)
    baseline.write_text(json.dumps(export.to_json(cat), ensure_ascii=False, indent=1) + "\n", "utf-8")
    edition_file = catalog_dir / "edition.yaml"
    edition_file.write_text(set_edition_year(edition_file.read_text("utf-8"), args.year, current), "utf-8")
    print(f"saved the {current} baseline to {baseline}")
    print(f"edition.yaml now says year: {args.year}, previous_year: {current}")
    due = queue(cat)
    print(f'\n{len(due)} records are due for review (record each with scripts/review RECORD --by "Your Name"):')
    for item in due:
        print(f"  [{RANKS[item.rank]}] {item.key} ({item.name}; {item.why})")
    return 0


if __name__ == "__main__":
    sys.exit(new_edition_main(sys.argv[1:]))
