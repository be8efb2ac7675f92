"""Yearly editions: the previous edition's baseline, what changed since, and downloads."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from . import export, side_files, urls
from .catalog import Catalog, CatalogInvalid, load_catalog, load_side_file
from .html import Context, block, esc, tag
from .review import due_for_review, entry_name

TRACKED = (("resources", "title"), ("competencies", "name"), ("handouts", "title"))
IGNORED_FIELDS = {"added", "updated", "reviewed", "page", "pdf"}  # bookkeeping, not content


baseline_path = side_files.baseline_path


def load_baseline(cat: Catalog) -> dict[str, Any] | None:
    """The previous edition's baseline, or None. Read and checked like the catalog (regular
    file, size limit, strict parser, schema): CatalogInvalid names the file:line:col."""
    previous = cat["edition"].get("previous_year")
    if not previous:
        return None
    return load_side_file("edition_baseline", baseline_path(cat.root, previous))


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per changed field, e.g. "title: 'Old' → 'New'"."""
    lines = []
    for key in sorted((set(old) | set(new)) - IGNORED_FIELDS):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list) and all(isinstance(v, str) for v in before + after):
            added, removed = [v for v in after if v not in before], [v for v in before if v not in after]
            parts = ([f"added {', '.join(added)}"] if added else []) + ([f"removed {', '.join(removed)}"] if removed else [])
            lines.append(f"{key}: {'; '.join(parts) or 'reordered'}")
        elif before is None:
            lines.append(f"{key}: set to {_short(after)}")
        elif after is None:
            lines.append(f"{key}: removed (was {_short(before)})")
        else:
            lines.append(f"{key}: {_short(before)} → {_short(after)}")
    return lines


def diff(baseline: dict[str, Any], current: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """Added, removed and changed entities per tracked collection, by id."""
    out: dict[str, dict[str, list[Any]]] = {}
    for collection, _ in TRACKED:
        old = {e["id"]: e for e in baseline.get(collection, [])}
        new = {e["id"]: e for e in current.get(collection, [])}
        out[collection] = {
            "added": [new[i] for i in new if i not in old],
            "removed": [old[i] for i in old if i not in new],
            "changed": [(new[i], lines) for i in new if i in old and (lines := field_changes(old[i], new[i]))],
        }
    return out


def whats_new(cat: Catalog, ctx: Context) -> str:
    year = cat["edition"]["year"]
    previous = cat["edition"].get("previous_year")
    baseline = load_baseline(cat)
    if baseline is None:
        message = (
            f"This is the first edition ({year}) in this catalog, so there is nothing to compare it with yet."
            if not previous
            else f"The {previous} baseline (catalog/editions/{previous}.json) is missing, so changes cannot be listed."
        )
        return block(tag("p", esc(message), class_="pet-whats-new-empty"))
    changes = diff(baseline, export.to_json(cat))
    parts = [tag("p", esc(f"Changes in the {year} edition since the {previous} edition."))]
    for collection, title_field in TRACKED:
        c = changes[collection]
        label = collection.capitalize()
        counts = f"{len(c['added'])} added, {len(c['removed'])} removed, {len(c['changed'])} changed"
        section = tag("h2", esc(f"{label}: {counts}"), id=f"{collection}-changes")

        def name(e: dict[str, Any], link: bool = True, collection: str = collection, title_field: str = title_field) -> str:
            text = ctx.text(e.get(title_field) or e["id"])
            if not link:
                return text
            href = {"resources": urls.resource_anchor, "competencies": urls.competency_page, "handouts": urls.handout_page}[collection](e["id"])
            return tag("a", text, href=ctx.rel(href)) if collection != "competencies" or e.get("framework") == "employer-competencies" else text

        if c["added"]:
            section += tag("h3", "Added") + tag("ul", "".join(tag("li", name(e), data_id=e["id"]) for e in c["added"]))
        if c["removed"]:
            section += tag("h3", "Removed") + tag("ul", "".join(tag("li", name(e, link=False), data_id=e["id"]) for e in c["removed"]))
        if c["changed"]:
            items = "".join(
                tag("li", name(e) + tag("ul", "".join(tag("li", esc(line)) for line in lines)), data_id=e["id"]) for e, lines in c["changed"]
            )
            section += tag("h3", "Changed") + tag("ul", items)
        parts.append(tag("section", section))
    return block(tag("div", "".join(parts), class_="pet-whats-new"))


def downloads(cat: Catalog, ctx: Context) -> str:
    items = "".join(tag("li", tag("a", esc(label), href=ctx.rel(f"downloads/{name}"), download=name)) for name, label in export.DOWNLOADS)
    return block(tag("ul", items, class_="pet-downloads"))


def write_downloads(site_dir: Path, catalog_dir: Path) -> None:
    cat = load_catalog(catalog_dir)
    out = site_dir / "downloads"
    out.mkdir(exist_ok=True)
    for name, _ in export.DOWNLOADS:
        (out / name).write_text(export.render_download(cat, name), "utf-8")


MACROS = {"whats_new": whats_new, "downloads": downloads}
POST_BUILD = [("writing downloads (JSON, CSV, CSL-JSON, BibTeX, Atom)", write_downloads)]


# --- scripts/new-edition -----------------------------------------------------------


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
    parser.add_argument("--catalog", default=str(Path(__file__).resolve().parent.parent / "catalog"))
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
    due = due_for_review(cat, args.year)
    print(f"\n{len(due)} entries are due for review (set `reviewed:` when done):")
    for collection, entry, reviewed in due:
        print(f"  {collection}/{entry['id']} ({entry_name(entry)}; last reviewed {reviewed or 'never'})")
    return 0


if __name__ == "__main__":
    sys.exit(new_edition_main(sys.argv[1:]))
