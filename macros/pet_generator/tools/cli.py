"""Command-line entry points behind scripts/validate and scripts/export."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys

from pet_generator.catalog import export, translations
from pet_generator.catalog.loader import Catalog, CatalogError, CatalogInvalid, check_catalog, load_catalog
from pet_generator.catalog.messages import annotation, log_lines
from pet_generator.pipeline.toolkit import (
    Toolkit,
    ToolkitError,
    add_source_options,
    chosen_toolkit,
    read_settings,
    site_name,
)


def _chosen(args: argparse.Namespace) -> Toolkit | None:
    """What the options name, taken from where the user ran the command: a catalog, or a toolkit."""
    try:
        return chosen_toolkit(args)
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _settings_errors(toolkit: Toolkit, catalog: Catalog) -> list[CatalogError]:
    """A toolkit's toolkit.yml and its site name (the edition's title), as the build checks them."""
    if toolkit.settings is None:
        return []
    try:
        read_settings(toolkit.settings)
        site_name(toolkit.catalog / "edition.yaml", catalog["edition"]["title"])
    except ToolkitError as exc:
        errors = []
        for line in str(exc).splitlines():  # read_settings reports every problem, one per line
            where = re.match(r"(.*?):(\d+):(\d+): (.*)", line, re.S)
            errors.append(
                CatalogError(where[1], int(where[2]), int(where[3]), where[4]) if where else CatalogError(str(toolkit.settings), 1, 1, line)
            )
        return errors
    return []


def _page_collisions(toolkit: Toolkit, catalog: Catalog) -> list[CatalogError]:
    """Ids whose page the docs tree already holds by hand (docs/handouts/<id>.md): the build
    would stop there; say so now, at the id's position."""
    from pet_generator.catalog import strict_yaml
    from pet_generator.catalog.loader import display_path
    from pet_generator.pipeline.pages import KINDS

    errors = []
    for kind in KINDS:
        taken = {i for i in kind.ids(catalog) if os.path.lexists(toolkit.docs / kind.collection / f"{i}.md")}
        if not taken:
            continue
        path = toolkit.catalog / f"{kind.collection}.yaml"
        try:
            entries, marks = strict_yaml.load(path.read_text("utf-8"))
        except (OSError, ValueError, strict_yaml.StrictYAMLError):
            entries, marks = [], {}
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and entry.get("id") in taken:
                line, col = marks.get((i, "id"), (1, 1))
                page = display_path(toolkit.docs / kind.collection / f"{entry['id']}.md")
                errors.append(CatalogError(display_path(path), line, col,
                    f"the id {entry['id']!r} is the name of the hand-written page {page}; the catalog makes this page: "
                    "choose another id, or move that page's words elsewhere and delete it"))  # fmt: skip
    return errors


def validate(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate", description="Check every catalog file and report every error as FILE:LINE:COL: message."
    )
    add_source_options(parser, "its DIR/catalog")
    parser.add_argument("--github", action="store_true", help="also print GitHub Actions ::error annotations")
    args = parser.parse_args(argv)
    toolkit = _chosen(args)
    if toolkit is None:
        return 1
    catalog, errors = check_catalog(toolkit.catalog)
    if catalog is not None:
        errors += _settings_errors(toolkit, catalog) + _page_collisions(toolkit, catalog)
    warnings: list[CatalogError] = []
    if catalog is not None:  # translations are catalog input too (ADR 0014); stale ones are warnings
        for report in translations.check_all(catalog, toolkit.docs).values():
            errors += report.errors
            warnings += report.warnings
    for error in errors:
        print(log_lines(str(error).replace("\n", "\\n")))  # one line per error
        if args.github:
            print(annotation(error))
    for warning in warnings:
        print(log_lines(f"warning: {warning}".replace("\n", "\\n")))
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''} found; nothing was changed.", file=sys.stderr)
        return 1
    assert catalog is not None
    counts = ", ".join(f"{len(v)} {k}" for k, v in catalog.data.items() if isinstance(v, list) and v)
    print(f"catalog OK: {counts}")
    return 0


def export_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/export", description="Write the validated catalog to stdout.")
    parser.add_argument("--format", choices=("json", "csv", "csl-json", "bibtex", "atom"), default="json")
    add_source_options(parser, "its DIR/catalog")
    args = parser.parse_args(argv)
    toolkit = _chosen(args)
    if toolkit is None:
        return 1
    try:
        catalog = load_catalog(toolkit.catalog)
    except CatalogInvalid as exc:
        print(log_lines("\n".join(str(e).replace("\n", "\\n") for e in exc.errors)), file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump(export.to_json(catalog), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(export.to_csv(catalog))
    elif args.format == "csl-json":
        json.dump(export.to_csl_json(catalog), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "bibtex":
        sys.stdout.write(export.to_bibtex(catalog))
    else:
        sys.stdout.write(export.to_atom(catalog))
    return 0


COMMANDS = {"validate": validate, "export": export_main}

if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `scripts/export | head` ends quietly
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
