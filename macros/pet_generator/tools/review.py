"""scripts/review: record a review a person made, or list what is due (the review queue).

    scripts/review resources:peer-workforce-guide pay --by "Ana Ruiz" [--note "..."] [--due 2027-06-30]
    scripts/review --due [--json]

A review is appended to catalog/reviews.yaml as text, so the comments and layout a maintainer
wrote stay exactly as they were. The whole catalog is checked with the new entries; if any
rule breaks (no name, a future day, a day before the record was added, an unknown record),
the file is put back as it was and the errors are printed as file:line:col.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

from pet_generator.catalog import reviews
from pet_generator.catalog.dates import today
from pet_generator.catalog.loader import COLLECTIONS, SINGLE, Catalog, CatalogInvalid, check_catalog, display_path, load_catalog
from pet_generator.catalog.markdown_safe import code_span
from pet_generator.catalog.messages import log_lines
from pet_generator.catalog.paths import DEFAULT_CATALOG
from pet_generator.catalog.review import RANKS, REVIEWED_COLLECTIONS, docs_dir, guidance_pages, queue
from pet_generator.tools import review_translation


class Refused(Exception):
    pass


def resolve(cat: Catalog, name: str, pages: set[str]) -> str:
    """A record key for what the person typed: collection:id, page:path, docs/x.md, a page's
    path (pay), or a bare id found in exactly one collection."""
    name = name.strip()
    if name.startswith("docs/") or name.endswith(".md"):
        rel = name.removeprefix("docs/")
        rel = rel if rel.endswith(".md") else rel + ".md"
        if rel in pages:
            return reviews.page_key(rel)
        raise Refused(f"{name}: no such guidance page under docs/")
    collection, colon, record_id = name.partition(":")
    if colon:
        if collection == reviews.PAGE:
            if f"{record_id}.md" in pages:
                return name
            raise Refused(f"{name}: no such guidance page (docs/{record_id}.md)")
        if collection in SINGLE or collection not in COLLECTIONS:
            raise Refused(f"{name}: {collection!r} is not a catalog file; use one of {', '.join(REVIEWED_COLLECTIONS)} or page")
        if record_id not in cat.by_id.get(collection, {}):
            raise Refused(f"{name}: no entry with id {record_id!r} in {collection}.yaml")
        return name
    found = [reviews.record_key(c, name) for c in REVIEWED_COLLECTIONS if name in cat.by_id.get(c, {})]
    if f"{name}.md" in pages:
        found.append(reviews.page_key(f"{name}.md"))
    if len(found) == 1:
        return found[0]
    if not found:
        raise Refused(f"{name}: no record or guidance page has this id; write it as collection:id (resources:my-id) or page:pay")
    raise Refused(f"{name} is ambiguous: it could be {' or '.join(found)}; write the one you mean")


def entry_text(key: str, day: datetime.date, by: str, note: str | None, due: str | None) -> str:
    """One review as YAML. Values are JSON strings, which YAML reads as double-quoted text."""
    lines = [f"- record: {key}", f'  date: "{day.isoformat()}"', f"  by: {json.dumps(' '.join(by.split()), ensure_ascii=False)}"]
    if note:
        lines.append(f"  note: {json.dumps(' '.join(note.split()), ensure_ascii=False)}")
    if due:
        lines.append(f"  next_due: {json.dumps(due)}")
    return "\n".join(lines) + "\n"


def record_reviews(catalog_dir: Path, names: list[str], by: str, note: str | None, due: str | None, day: datetime.date | None = None) -> list[str]:
    """Append one review per name; return their record keys. CatalogInvalid (file put back) or Refused otherwise."""
    cat = load_catalog(catalog_dir)
    pages = set(guidance_pages(docs_dir(cat)))
    keys = list(dict.fromkeys(resolve(cat, n, pages) for n in names))
    day = day or today()
    file = reviews.path(catalog_dir)
    before = file.read_bytes() if file.exists() else None
    text = (before or b"").decode("utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(entry_text(k, day, by, note, due) for k in keys)
    file.write_text(text, "utf-8")
    _, errors = check_catalog(catalog_dir)
    if errors:
        if before is None:
            file.unlink()
        else:
            file.write_bytes(before)
        raise CatalogInvalid(errors)
    return keys


def queue_markdown(cat: Catalog) -> str:
    """The queue as the body of the "Review queue" issue (.github/workflows/review-queue.yml).
    Record ids and names go in code spans: catalog text never becomes a link or a mention."""
    items = queue(cat)
    lines = [
        f"# Review queue ({today().isoformat()})",
        "",
        f"{len(items)} records and guidance pages are overdue or never reviewed, most-seen first. "
        "Check one against its sources, then record it in a pull request:",
        "",
        '    scripts/review RECORD --by "Your Name" --note "what you checked"',
        "",
        'Only a named person\'s review takes an entry off this list (CONTRIBUTING.md, "Keeping the toolkit current").',
    ]
    for rank, label in enumerate(RANKS):
        members = [i for i in items if i.rank == rank]
        if not members:
            continue
        lines += ["", f"## {label} ({len(members)})", ""]
        shown = members if rank < 2 else members[:100]
        for i in shown:
            where = f"; shown on {', '.join(code_span(p, in_table=False) for p in i.shown_on)}" if i.shown_on else ""
            lines.append(f"- [ ] {code_span(i.key, in_table=False)} {code_span(i.name, in_table=False)}: {i.why}{where}")
        if len(members) > len(shown):
            lines.append(f"- … and {len(members) - len(shown)} more (`scripts/review --due` lists them all)")
    return "\n".join(lines) + "\n"


def print_queue(cat: Catalog, as_json: bool, markdown: bool = False) -> None:
    if markdown:
        print(queue_markdown(cat), end="")
        return
    items = queue(cat)
    if as_json:
        out = [
            {"record": i.key, "name": i.name, "group": RANKS[i.rank], "status": "overdue" if i.overdue else "never reviewed",
             "due": i.due.isoformat() if i.due else None, "last_reviewed": i.last.date if i.last else None,
             "reviewed_by": i.last.by if i.last else None, "shown_on": list(i.shown_on)}
            for i in items
        ]  # fmt: skip
        print(json.dumps({"today": today().isoformat(), "count": len(items), "queue": out}, ensure_ascii=False, indent=1))
        return
    print(f"{len(items)} records to review (today is {today().isoformat()}), most-seen first:")
    rank = None
    for item in items:
        if item.rank != rank:
            rank = item.rank
            print(f"\n{RANKS[rank]}:")
        where = f"; shown on {', '.join(item.shown_on)}" if item.shown_on else ""
        print(f"  {item.key}  {item.name[:70]}  ({item.why}{where})")
    if items:
        print('\nReview one: scripts/review RECORD --by "Your Name" [--note "what you checked"]')


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/review",
        description="Record a review you made (of a resource, fact, glossary entry, guidance page, a translation, ...), or list the review queue.",
    )
    parser.add_argument(
        "records",
        nargs="*",
        help="what you reviewed: collection:id (facts:mhsa-year), page:pay or docs/pay.md, a bare id, or a translation: "
        "translation:es:resources:ID, translation:es:page:pay, translation:es:glossary (the whole file)",
    )
    parser.add_argument("--by", help="your name: the person who checked the records")
    parser.add_argument("--note", help="what you checked (optional, one line)")
    parser.add_argument(
        "--due", dest="next_due", metavar="YYYY-MM-DD", help="when it should be checked again (default: edition.yaml review_intervals)"
    )
    parser.add_argument("--date", help="the day of the review if not today (YYYY-MM-DD; never a future day)")
    parser.add_argument("--list", "--queue", dest="queue", action="store_true", help="list what is overdue or never reviewed, most-seen first")
    parser.add_argument("--json", action="store_true", help="with --list: the queue as JSON")
    parser.add_argument("--markdown", action="store_true", help="with --list: the queue as Markdown (the Review queue issue)")
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog folder (default: catalog/)")
    # `--due` alone (no date) means the queue, as the maintainers type it.
    if argv and argv[0] == "--due" and (len(argv) == 1 or argv[1].startswith("--")):
        argv = ["--list", *argv[1:]]
    args = parser.parse_args(argv)
    catalog_dir = Path(os.path.join(os.environ.get("PET_CALLER_DIR") or os.curdir, args.catalog))
    try:
        if args.queue or not args.records:
            try:
                print_queue(load_catalog(catalog_dir), args.json, args.markdown)
            except BrokenPipeError:  # `scripts/review --due | head`: the reader has all it wants
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit; this one swallows it
            return 0
        if not args.by:
            print('error: say who reviewed them: --by "Your Name" (a review names the person who did it)', file=sys.stderr)
            return 2
        problems = reviews.name_problems(args.by)
        if problems:
            print(f"error: {problems[0]}", file=sys.stderr)
            return 2
        day = datetime.date.fromisoformat(args.date) if args.date else None
        # Translations (translation:es:...) are marked reviewed in their own files (ADR 0014).
        wanted = [n for n in args.records if review_translation.is_translation(n)]
        records = [n for n in args.records if not review_translation.is_translation(n)]
        if wanted and records:  # each writes its own files: one kind per run keeps "all or nothing" true
            print("error: record translation reviews and catalog reviews in separate commands", file=sys.stderr)
            return 2
        if wanted and (args.note or args.next_due):
            print("error: --note and --due are for catalog reviews; a translation's review records who and when only", file=sys.stderr)
            return 2
        if wanted and day and day > today():  # catalog reviews are checked with the catalog, at file:line:col
            print(f"error: --date {day.isoformat()} is after today; a review can only be dated the day it happened", file=sys.stderr)
            return 2
        done = (
            review_translation.record_translation_reviews(catalog_dir, load_catalog(catalog_dir), wanted, args.by, day or today()) if wanted else []
        )
        keys = record_reviews(catalog_dir, records, args.by, args.note, args.next_due, day) if records else []
        if done:
            print(
                f"marked {len(done)} translation{'s' if len(done) != 1 else ''} reviewed by {' '.join(args.by.split())} (reviewed_by, reviewed_on):"
            )
            for name in done:
                print(f"  {name}")
            print("next: scripts/validate, then scripts/build; commit the translation files in a pull request")
            return 0
    except (Refused, review_translation.TranslationRefused) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except CatalogInvalid as exc:
        print(log_lines(f"{exc}\nnothing was recorded: fix the above and run the command again"), file=sys.stderr)
        return 1
    print(f"recorded {len(keys)} review{'s' if len(keys) != 1 else ''} by {' '.join(args.by.split())} in {display_path(reviews.path(catalog_dir))}:")
    for key in keys:
        print(f"  {key}")
    print("next: scripts/validate, then scripts/build; commit catalog/reviews.yaml in a pull request")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
