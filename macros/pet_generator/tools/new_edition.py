"""scripts/new-edition: snapshot the baseline, set the year, list what is due for review."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from pet_generator.catalog import export, link_history
from pet_generator.catalog.editions import baseline_path
from pet_generator.catalog.loader import DEFAULT_CATALOG, Catalog, CatalogInvalid, load_catalog
from pet_generator.catalog.markdown_safe import code_span
from pet_generator.catalog.review import RANKS, REVIEWED_COLLECTIONS, queue


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


def revision_checklist(cat: Catalog, previous: int, year: int) -> str:
    """The editor's checklist for the yearly revision, in Markdown: overdue facts first, then
    links to re-check, then what is new and what is still to review. Catalog text goes in
    code spans, so the checklist can become an issue body without forming links or mentions."""
    items = queue(cat)
    lines = [f"# Revision checklist: {previous} to {year} edition", ""]
    stale = [i for i in items if i.overdue]
    lines += [f"## Facts past their review date ({len(stale)})", ""]
    lines += [f"- [ ] {code_span(i.key, in_table=False)} {code_span(i.name, in_table=False)}: due {i.due}" for i in stale] or ["- none"]
    history = link_history.load(Path(cat.root))["links"]
    recheck = []
    for name in ("resources", "sources"):
        for e in cat.data.get(name, []):
            url = e.get("url")
            if not url:
                continue
            verdict = link_history.state(history.get(url))[0]
            never_live = not (e.get("url_evidence") or {}).get("live_checked") and not link_history.last_ok(history.get(url))
            if verdict in ("broken", "moved", "failing", "blocked", "refused") or never_live:
                why = verdict if verdict != "unchecked" else "never checked"
                why += "; never confirmed live" if never_live and verdict not in ("unchecked",) else ""
                key = f"{name}:{e['id']}"
                recheck.append(f"- [ ] {code_span(key, in_table=False)} {code_span(url, in_table=False)}: {why}")
    lines += ["", f"## Links to re-check ({len(recheck)})", "", *(recheck or ["- none"])]
    added = [r for name in REVIEWED_COLLECTIONS for r in cat.data.get(name, []) if str(r.get("added", ""))[:4] == str(previous)]
    lines += ["", "## What's new", "",
              f"- {len(added)} records were added during the {previous} edition; the What's new page compares the catalog with the {previous} baseline.",
              "- [ ] Read the feedback from peer support specialists and employers and note what to change."]  # fmt: skip
    ranks = {label: sum(1 for i in items if i.rank == r) for r, label in enumerate(RANKS)}
    lines += ["", f"## Still to review ({len(items)})", "", *(f"- {label}: {n}" for label, n in ranks.items() if n),
              "", 'Review each with `scripts/review RECORD --by "Your Name"`; `scripts/review --due` lists them, most-seen first.']  # fmt: skip
    return "\n".join(lines) + "\n"


def new_edition_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/new-edition", description="Start the next edition: snapshot a baseline, set the year, list what is due for review."
    )
    parser.add_argument("year", type=int)
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG))
    parser.add_argument("--checklist", metavar="FILE", help="also write the revision checklist (Markdown) to FILE, e.g. to open an issue with it")
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
    checklist = revision_checklist(load_catalog(catalog_dir), current, args.year)
    if args.checklist:
        Path(args.checklist).write_text(checklist, "utf-8")
        print(f"wrote the revision checklist to {args.checklist}")
    print("\n" + checklist)
    return 0


if __name__ == "__main__":
    sys.exit(new_edition_main(sys.argv[1:]))
