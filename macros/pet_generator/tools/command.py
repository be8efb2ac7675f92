"""`pet-generator COMMAND …` (or `python -m pet_generator COMMAND …`): the generator's one
command-line entry point. Every script in scripts/ calls it; a toolkit that installed the
generator's wheel runs the same commands without this repository."""

from __future__ import annotations

import importlib
import sys

import pet_generator

# command -> (module, function taking argv, what it does). Modules load only when their command runs.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("pet_generator.pipeline.run", "main", "validate the catalog and build the site, its search index, PDFs and downloads"),
    "validate": ("pet_generator.tools.cli", "validate", "check every catalog file; errors as FILE:LINE:COL"),
    "export": ("pet_generator.tools.cli", "export_main", "write the validated catalog as JSON or CSV"),
    "check-links": ("pet_generator.tools.check_links", "main", "check the built site's links, or the catalog's addresses"),
    "server": ("pet_generator.tools.preview", "main", "live preview that rebuilds as you edit"),
    "new-toolkit": ("pet_generator.tools.new_toolkit", "main", "start another organization's toolkit in a folder of its own"),
    "new-edition": ("pet_generator.tools.new_edition", "new_edition_main", "start the next yearly edition"),
    "publish": ("pet_generator.tools.publish", "main", "build and deploy the edition to the gh-pages branch"),
    "review": ("pet_generator.tools.review", "main", "record that a named person reviewed a page or fact"),
}


def usage() -> str:
    lines = [f"usage: pet-generator COMMAND [--help] …   (pet_generator {pet_generator.__version__})", "", "commands:"]
    lines += [f"  {name:<12} {what}" for name, (_, _, what) in COMMANDS.items()]
    lines += ["  version      print the generator's version"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name in ("version", "--version"):
        print(pet_generator.__version__)
        return 0
    if name not in COMMANDS:
        print(f"pet-generator: unknown command '{name}'\n\n{usage()}", file=sys.stderr)
        return 2
    module, function, _ = COMMANDS[name]
    result: int = getattr(importlib.import_module(module), function)(rest)
    return result
