"""scripts/new-toolkit DIR: start another organization's toolkit in a folder of its own.

The folder gets a catalog with one example of each kind (the entries of catalog/templates/),
an edition.yaml with the organization's name and year, the pages' words as a skeleton with
no California wording (tools/skeleton/docs/), the toolkit's settings (toolkit.yml: menu and
description) and a README saying what to edit. It is written beside DIR and moved into place
only once its catalog validates, so a failure leaves nothing half-made.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pet_generator
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog.loader import check_catalog, display_path
from pet_generator.catalog.paths import CATALOG_TEMPLATES, ROOT, SCHEMA_DIR
from pet_generator.pipeline.toolkit import GENERATOR_SETTING, SETTINGS, ToolkitError, read_settings, site_name, user_path

SKELETON = Path(__file__).resolve().parent / "skeleton"
TEMPLATES = CATALOG_TEMPLATES
SCHEMAS = SCHEMA_DIR
_MODELINE = "# yaml-language-server: $schema="


class NewToolkitError(Exception):
    pass


def _catalog_file(template: Path, dest: Path) -> str:
    """A template, its editor schema hint pointing at the generator's schema from the new folder."""
    lines = template.read_text("utf-8").splitlines(keepends=True)
    if lines and lines[0].startswith(_MODELINE):
        schema = os.path.relpath(SCHEMAS / lines[0].strip().rsplit("/", 1)[-1], dest / "catalog")
        lines[0] = f"{_MODELINE}{Path(schema).as_posix()}\n"
    return "".join(lines)


def _edition(text: str, title: str, publisher: str, year: int) -> str:
    """The template's edition with this organization's title, publisher and year (JSON strings are YAML)."""
    wanted = {"year": str(year), "title": json.dumps(title, ensure_ascii=False), "publisher": json.dumps(publisher, ensure_ascii=False)}
    out = []
    for line in text.splitlines(keepends=True):
        key = line.split(":", 1)[0]
        out.append(f"{key}: {wanted.pop(key)}\n" if key in wanted else line)
    if wanted:  # the template lost a line this relies on
        raise NewToolkitError(f"catalog/templates/edition.yaml has no {', '.join(wanted)} line")
    return "".join(out)


def _readme(title: str, dest: Path) -> str:
    folder = Path(os.path.relpath(dest, ROOT)).as_posix()  # as typed from the generator's folder
    text = (SKELETON / "README.md").read_text("utf-8")
    return text.replace("{title}", title).replace("{folder}", folder).replace("{version}", pet_generator.__version__)


def _settings() -> bytes:
    """The skeleton's toolkit.yml, pinned to the generator that made it (toolkit.check_generator)."""
    pin = (
        "# The generator version this toolkit is built with (the pet-generator package). A build with\n"
        "# another version stops; change this line only after installing the version you name.\n"
        f'{GENERATOR_SETTING}: "{pet_generator.__version__}"\n\n'
    )
    return pin.encode("utf-8") + catalog_files.read_regular(SKELETON / SETTINGS)


def _write(tmp: Path, dest: Path, title: str, publisher: str, year: int) -> None:
    catalog = tmp / "catalog"
    catalog.mkdir()
    for template in sorted(TEMPLATES.glob("*.yaml")):
        text = _catalog_file(template, dest)
        if template.name == "edition.yaml":
            text = _edition(text, title, publisher, year)
        (catalog / template.name).write_text(text, "utf-8")
    # Read like every input tree (files.read_tree): a link in the skeleton is refused, never followed.
    for rel, data in catalog_files.read_tree(SKELETON / "docs", "macros/pet_generator/tools/skeleton/docs").items():
        (tmp / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "docs" / rel).write_bytes(data)
    (tmp / SETTINGS).write_bytes(_settings())
    (tmp / "README.md").write_text(_readme(title, dest), "utf-8")
    (tmp / ".gitignore").write_text("# The built site (scripts/build --toolkit)\nsite/\n", "utf-8")


def _as_dest(message: str, tmp: Path, shown: str) -> str:
    """Name files by the folder the user asked for, not the temporary one they were checked in."""
    return message.replace(display_path(tmp), shown).replace(str(tmp), shown)


def new_toolkit(dest: Path, title: str, publisher: str, year: int) -> None:
    """Write a new toolkit folder at dest (missing or empty), or raise NewToolkitError."""
    shown = display_path(dest)
    if dest.is_symlink() or (dest.exists() and (not dest.is_dir() or any(dest.iterdir()))):
        raise NewToolkitError(f"{shown} already exists and is not an empty folder; choose a new folder name (nothing was written)")
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-new-", dir=dest.parent))
    try:
        _write(tmp, dest, title, publisher, year)
        _, errors = check_catalog(tmp / "catalog")
        if errors:
            found = "\n".join(_as_dest(str(e), tmp, shown) for e in errors)
            raise NewToolkitError(f"the new catalog does not validate:\n{found}")
        read_settings(tmp / SETTINGS)
        site_name(tmp / "catalog" / "edition.yaml", title)
        if dest.exists():
            dest.rmdir()  # empty, checked above
        tmp.rename(dest)
    except ToolkitError as exc:
        raise NewToolkitError(_as_dest(str(exc), tmp, shown)) from None
    except catalog_files.FileRefused as exc:
        raise NewToolkitError(f"the generator's skeleton cannot be copied: {exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/new-toolkit", description="Start another organization's toolkit in a new folder.")
    parser.add_argument("dir", help="the folder to create (it must not exist, or be empty)")
    parser.add_argument("--title", default="Example Toolkit", help="the toolkit's title, also the site's name (default: %(default)s)")
    parser.add_argument("--publisher", default="Example Organization", help="the organization that publishes it (default: %(default)s)")
    parser.add_argument("--year", type=int, default=datetime.date.today().year, help="the edition's year (default: this year)")
    args = parser.parse_args(argv)
    dest = user_path(args.dir)
    try:
        new_toolkit(dest, args.title, args.publisher, args.year)
    except NewToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    shown = display_path(dest)
    print(f"made {shown}: a catalog with one example of each kind, the pages' words in docs/, toolkit.yml and a README.")
    print(f"Next: read {shown}/README.md, then scripts/build --toolkit {shown} and scripts/server --toolkit {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
