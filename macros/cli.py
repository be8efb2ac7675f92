"""Command-line entry points behind scripts/validate and scripts/export."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from . import export
from .catalog import CatalogError, CatalogInvalid, check_catalog, load_catalog

DEFAULT_CATALOG = Path(__file__).resolve().parent.parent / "catalog"

# CI runners read a log line that starts with "::" (GitHub) or "##[" (older runners), after
# leading spaces, as a command to the runner. Controls and line breaks other than "\n" are shown
# as escapes, since log readers split lines on "\r", U+2028 and others too.
_COMMAND_START = ("::", "##")
_INVISIBLE = {c: f"\\u{c:04x}" for c in [*range(0x20), 0x7F, 0x85, 0x2028, 0x2029] if c not in (0x09, 0x0A)}


def log_lines(text: str) -> str:
    """Text for a CI log: each line is shown, never obeyed. A line that would read as a runner
    command gets "> " in front, so catalog text can never start a line on its own."""
    lines = text.translate(_INVISIBLE).split("\n")
    return "\n".join("> " + line if line.lstrip().startswith(_COMMAND_START) else line for line in lines)


def annotation(error: CatalogError) -> str:
    """A GitHub ::error annotation, escaped as GitHub documents (%, CR and LF; in properties
    also ':' and ','), so its text cannot end the line or start another command."""

    def data(value: object) -> str:
        text = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.translate(_INVISIBLE)

    def prop(value: object) -> str:
        return data(value).replace(":", "%3A").replace(",", "%2C")

    return f"::error file={prop(error.file)},line={prop(error.line)},col={prop(error.col)}::{data(error.message)}"


def validate(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/validate", description="Check every catalog file and report every error as FILE:LINE:COL: message."
    )
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog folder (default: catalog/)")
    parser.add_argument("--github", action="store_true", help="also print GitHub Actions ::error annotations")
    args = parser.parse_args(argv)
    catalog, errors = check_catalog(args.catalog)
    for error in errors:
        print(log_lines(str(error).replace("\n", "\\n")))  # one line per error
        if args.github:
            print(annotation(error))
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
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog folder (default: catalog/)")
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.catalog)
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
