"""What one site is built from: its catalog, the words of its pages and its site settings.

The generator's own site is one toolkit: `catalog/`, `docs/` and `mkdocs.yml` at the top of
the repository. Another organization keeps its toolkit in a folder of its own, started by
`scripts/new-toolkit DIR`: `DIR/catalog/`, `DIR/docs/` and `DIR/toolkit.yml`, a few settings
laid over the generator's `mkdocs.yml`. The code (`macros/`), the templates (`overrides/`)
and the look (`docs/assets/`) always come from the generator, so a toolkit gets their fixes.
"""

from __future__ import annotations

import argparse
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pet_generator
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog import strict_yaml
from pet_generator.catalog.addresses import check_url
from pet_generator.catalog.loader import display_path
from pet_generator.catalog.paths import ASSETS, COMPONENT_GALLERY, DEFAULT_CATALOG, ENGINE_CONFIG, FIELD_REFERENCE, GENERATOR_DOCS

CONFIG = "mkdocs.yml"
SETTINGS = "toolkit.yml"
# What a toolkit's settings may say; the rest of the engine config is the generator's.
SETTINGS_FIELDS = {"site_description": str, "nav": list, "generator": str}
# toolkit.yml's pin: the generator version the toolkit is built with (ADR 0011).
GENERATOR_SETTING = "generator"
# What every toolkit's docs/ gets from the generator, by its path in docs/: the look, the field
# reference generated from the schemas and the component gallery (ADR 0012; both linked from the
# maintainers' page). A toolkit's own file at the same path wins.
SHARED_DOCS = {"assets": ASSETS, "reference/catalog-fields.md": FIELD_REFERENCE, "reference/components.md": COMPONENT_GALLERY}
# The theme prints the site's name as HTML without escaping it in some places.
_MARKUP = set("<>&\"'")


class ToolkitError(Exception):
    pass


@dataclass(frozen=True)
class Toolkit:
    catalog: Path  # the catalog folder
    docs: Path  # the pages' words (Markdown)
    config: Path = ENGINE_CONFIG  # the engine config everything starts from
    settings: Path | None = None  # DIR/toolkit.yml of another organization's toolkit; None for the generator's own site

    @property
    def shared_docs(self) -> dict[str, Path]:
        """The generator's files this toolkit's pages also need, by their path in docs/ (none
        when docs/ is the generator's own)."""
        return {} if self.settings is None else dict(SHARED_DOCS)


def generator_site(catalog: Path, root: Path | None = None) -> Toolkit:
    """The generator's own site, with any catalog (`scripts/build --catalog DIR`); `root`: a copy of the repository."""
    if root is None:
        return Toolkit(catalog=catalog, docs=GENERATOR_DOCS)
    return Toolkit(catalog=catalog, docs=root / "docs", config=root / CONFIG)


def toolkit_at(folder: Path) -> Toolkit:
    """Another organization's toolkit folder, as scripts/new-toolkit makes it."""
    shown = display_path(folder)
    if not folder.is_dir():
        raise ToolkitError(f"{shown}: no such toolkit folder; start one with scripts/new-toolkit {shown}")
    missing = [name for name in ("catalog", "docs", SETTINGS) if not (folder / name).exists()]
    if missing:
        raise ToolkitError(f"{shown}: not a toolkit folder (it has no {', '.join(missing)}); scripts/new-toolkit makes one with all three")
    return Toolkit(catalog=folder / "catalog", docs=folder / "docs", settings=folder / SETTINGS)


def add_source_options(parser: argparse.ArgumentParser, toolkit_help: str = "its catalog, pages and settings") -> None:
    """The --catalog DIR | --toolkit DIR pair every command takes (at most one of them)."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog folder (default: catalog/)")
    source.add_argument("--toolkit", help=f"another organization's toolkit folder (scripts/new-toolkit): {toolkit_help}")


def chosen_toolkit(args: argparse.Namespace) -> Toolkit:
    """What those options name, taken from where the user ran the command; ToolkitError if it is no toolkit."""
    return toolkit_at(user_path(args.toolkit)) if args.toolkit else generator_site(user_path(args.catalog))


def user_path(typed: str) -> Path:
    """A path from the command line, taken from where the user ran the script (scripts cd to the
    project first and pass the caller's folder in PET_CALLER_DIR)."""
    path = Path(typed).expanduser()
    caller = os.environ.get("PET_CALLER_DIR")
    return path if path.is_absolute() or not caller else Path(caller) / path


def read_settings(path: Path) -> dict[str, Any]:
    """toolkit.yml, strictly and like the catalog: a regular file, only the fields a toolkit may
    set, each of the right kind, and every value safe where the theme prints it (settings_problems);
    a pin to another generator version is refused, and the pin is not returned (it is no engine setting)."""
    shown = display_path(path)
    try:
        raw = catalog_files.read_regular(path, SETTINGS_MAX_BYTES)
        value, marks = strict_yaml.load(raw.decode("utf-8-sig"))
    except catalog_files.FileRefused as exc:
        raise ToolkitError(f"{shown}:1:1: {exc}") from None
    except strict_yaml.StrictYAMLError as exc:
        raise ToolkitError(f"{shown}:{exc.problem.line}:{exc.problem.col}: {exc.problem.message}") from None
    except UnicodeDecodeError:
        raise ToolkitError(f"{shown}:1:1: file is not UTF-8 text; save it with UTF-8 encoding") from None
    if not isinstance(value, dict) or "nav" not in value:
        raise ToolkitError(f"{shown}:1:1: the toolkit's menu is missing: add `nav:` with its pages (scripts/new-toolkit writes one to start from)")
    for key, setting in value.items():
        line, col = marks.get((key, "<key>"), marks.get((key,), (1, 1)))
        if key not in SETTINGS_FIELDS:
            raise ToolkitError(
                f"{shown}:{line}:{col}: unknown setting '{key}'; a toolkit sets only {' and '.join(SETTINGS_FIELDS)} "
                "(the site's name is the title in catalog/edition.yaml, the rest comes from the generator)"
            )
        if not isinstance(setting, SETTINGS_FIELDS[key]):
            kind = "a list of pages" if SETTINGS_FIELDS[key] is list else "one line of text"
            raise ToolkitError(f"{shown}:{line}:{col}: '{key}' must be {kind}")
    if GENERATOR_SETTING in value and value[GENERATOR_SETTING] != pet_generator.__version__:
        line, col = marks.get((GENERATOR_SETTING,), (1, 1))
        raise ToolkitError(
            f"{shown}:{line}:{col}: this toolkit is pinned to generator {value[GENERATOR_SETTING]!r}, but pet_generator "
            f"{pet_generator.__version__} is running; install version {value[GENERATOR_SETTING]} of the generator, or move the "
            f"toolkit to {pet_generator.__version__} by changing this line after reading what changed"
        )
    problems = settings_problems(value, marks)
    if problems:
        raise ToolkitError("\n".join(f"{shown}:{line}:{col}: {message}" for (line, col), message in problems))
    value.pop(GENERATOR_SETTING, None)  # checked above; the rest goes into the engine config
    return value


SETTINGS_MAX_BYTES = 1024 * 1024
MAX_NAV_ENTRIES = 2000
MAX_NAV_DEPTH = 6
# The theme prints nav titles as HTML and site_description inside a double-quoted attribute,
# unescaped: none of these may appear in either.
_SETTING_MARKUP = set('<>&"')
_NOT_IN_PAGE_PATH = re.compile(r"[\\:<>\"'\x00-\x1f\x7f]|^/|//")


def _one_line_problem(text: str, what: str) -> str | None:
    if not text.strip():
        return f"{what} is blank; write some words"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        return f"{what} contains a line break or an invisible control character; write it on one line"
    if _SETTING_MARKUP & set(text):
        return f"{what} contains < > & or \", which the theme would print as markup; write it without them (for example 'and' for '&')"
    if len(text) > 300:
        return f"{what} is too long ({len(text)} characters; at most 300); shorten it"
    return None


def settings_problems(value: dict[str, Any], marks: dict[Any, tuple[int, int]]) -> list[tuple[tuple[int, int], str]]:
    """((line, col), message) for each unsafe value in toolkit.yml: a nav title or the
    description with markup, a line break or nothing but spaces; a nav target that is neither a
    docs page (`folder/page.md`, no `..`) nor an address the catalog would accept."""
    problems: list[tuple[tuple[int, int], str]] = []

    def at(path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
        if key and (*path, "<key>") in marks:
            return marks[(*path, "<key>")]
        while path and path not in marks:
            path = path[:-1]
        return marks.get(path, (1, 1))

    if isinstance(value.get("site_description"), str) and (why := _one_line_problem(value["site_description"], "site_description")):
        problems.append((at(("site_description",)), why))
    seen = 0

    def target_problem(target: str) -> str | None:
        if target.startswith(("https://", "http://", "mailto:")):
            why = check_url(target)
            return f"nav address {target[:60]!r} {why}" if why else None
        if _NOT_IN_PAGE_PATH.search(target) or not target.endswith(".md") or any(part in (".", "..") for part in target.split("/")):
            return f"nav page {target[:60]!r} must be a page in docs/ such as 'folder/page.md' (no '..', no other scheme than https://)"
        return None

    def walk(entries: Any, path: tuple[Any, ...], depth: int) -> None:
        nonlocal seen
        if not isinstance(entries, list):
            problems.append((at(path), "a nav section must be a list of pages"))
            return
        if depth > MAX_NAV_DEPTH:
            problems.append((at(path), f"the menu is nested more than {MAX_NAV_DEPTH} levels; flatten it"))
            return
        for i, entry in enumerate(entries):
            seen += 1
            if seen > MAX_NAV_ENTRIES:
                problems.append((at((*path, i)), f"the menu has more than {MAX_NAV_ENTRIES} entries; the catalog's pages are added by the build"))
                return
            if isinstance(entry, str):
                if why := target_problem(entry):
                    problems.append((at((*path, i)), why))
            elif isinstance(entry, dict) and len(entry) == 1:
                title, target = next(iter(entry.items()))
                why = _one_line_problem(title, "the nav title") if isinstance(title, str) else "a nav title must be text"
                if why:
                    problems.append((at((*path, i, title), key=True), why))
                if isinstance(target, list):
                    walk(target, (*path, i, title), depth + 1)
                elif not isinstance(target, str):
                    problems.append((at((*path, i, title)), "a nav entry is 'Title: page.md' or 'Title:' followed by a list of pages"))
                elif why := target_problem(target):
                    problems.append((at((*path, i, title)), why))
            else:
                problems.append((at((*path, i)), "a nav entry is 'page.md', 'Title: page.md' or 'Title:' followed by a list of pages"))

    walk(value.get("nav"), ("nav",), 1)
    return problems


def site_name(edition_file: Path, title: str) -> str:
    """The edition's title names the site; refused when the theme would print part of it as markup."""
    if not _MARKUP & set(title):
        return title
    line, col = 1, 1
    try:
        _, marks = strict_yaml.load(edition_file.read_text("utf-8"))
        line, col = marks.get(("title",), (1, 1))
    except (OSError, UnicodeDecodeError, strict_yaml.StrictYAMLError):
        pass
    raise ToolkitError(
        f"{display_path(edition_file)}:{line}:{col}: the title is also the site's name, which the theme prints as HTML; "
        "write it without < > & \" or ' (for example 'and' for '&')"
    )
