"""Checking one language's translation files, catalog and pages, at file:line:col."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pet_generator.catalog import dates, reviews, strict_yaml
from pet_generator.catalog.loader import Catalog, CatalogError, display_path
from pet_generator.catalog.translations.fields import (
    FOLDER,
    GROUPED,
    MARKUP,
    METHODS,
    PROVENANCE,
    REQUIRED,
    TERMS_FILE,
    TRANSLATABLE,
    english_hash,
    english_records,
    fields_of,
    has_words,
    record_hash,
)
from pet_generator.catalog.translations.languages import language_problem, languages
from pet_generator.catalog.translations.structure import mirror_problems, overlay


@dataclass
class Report:
    """What checking one language's translations found."""

    errors: list[CatalogError] = field(default_factory=list)
    warnings: list[CatalogError] = field(default_factory=list)
    # (collection, id) -> the translated fields; "page" entries are docs-relative paths.
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    stale: list[tuple[str, str]] = field(default_factory=list)  # (what, where): the maintainers' worklist
    # The records and pages (as in `records`) made from English that has changed since.
    stale_keys: set[tuple[str, str]] = field(default_factory=set)

    def state(self, collection: str, record_id: str) -> State | None:
        """What the translation of one record (or page: "page", docs path) is, for its page's
        note; None when there is none. Derived here once, from the check itself."""
        done = self.records.get((collection, record_id))
        if done is None:
            return None
        by, on = done.get("reviewed_by"), done.get("reviewed_on")
        reviewed = (" ".join(str(by).split()), str(on)) if by and on else None
        return State((collection, record_id) in self.stale_keys, str(done.get("method", "")), reviewed)


@dataclass(frozen=True)
class State:
    """What one translation is, as its page says (ADR 0014): made from English that has changed
    since (stale), how it was made, and who reviewed it on what day (only once a named person did)."""

    stale: bool
    method: str
    reviewed: tuple[str, str] | None  # (reviewed_by, reviewed_on as YYYY-MM-DD)


def _provenance_problems(
    entry: dict[str, Any], where: Any, shown: str, marks: dict[Any, tuple[int, int]], prefix: tuple[Any, ...]
) -> list[CatalogError]:
    def at(key: Any) -> tuple[int, int]:
        return marks.get((*prefix, key), marks.get(prefix, (1, 1)))

    out = []
    for key in REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            out.append(
                CatalogError(
                    shown,
                    *at(key) if key in entry else at("<key>"),
                    f"{where} is missing required field '{key}' (text{'; write the hash in quotes' if key == 'source_hash' else ''})",
                )
            )
    if isinstance(entry.get("method"), str) and entry["method"] not in METHODS:
        out.append(CatalogError(shown, *at("method"), f"{where}: method '{entry['method']}' is not one of {', '.join(METHODS)}"))
    if ("reviewed_by" in entry) != ("reviewed_on" in entry):
        out.append(
            CatalogError(
                shown,
                *at("reviewed_by" if "reviewed_by" in entry else "reviewed_on"),
                f"{where}: give reviewed_by and reviewed_on together, once a named person has reviewed it",
            )
        )
    if "reviewed_on" in entry and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(entry["reviewed_on"])):
        out.append(CatalogError(shown, *at("reviewed_on"), f"{where}: reviewed_on is a date written YYYY-MM-DD"))
    elif "reviewed_on" in entry and (future := dates.future_problem("reviewed_on", str(entry["reviewed_on"]))):
        out.append(CatalogError(shown, *at("reviewed_on"), f"{where}: {future}"))
    # A review names the person who did it (the same rule as catalog/reviews.yaml's `by`).
    if "reviewed_by" in entry:
        problems = (
            reviews.name_problems(str(entry["reviewed_by"])) if isinstance(entry["reviewed_by"], str) else ["by must be a person's name, as text"]
        )
        out += [CatalogError(shown, *at("reviewed_by"), f"{where}: reviewed_{problem}") for problem in problems[:1]]
    if entry.get("method") == "machine-reviewed" and "reviewed_by" not in entry:
        out.append(
            CatalogError(
                shown,
                *at("method"),
                f"{where}: method machine-reviewed says a person reviewed it: give reviewed_by and reviewed_on "
                '(scripts/review translation:... --by "Name" writes them), or write method: machine',
            )
        )
    return out


def _read_yaml(path: Path, report: Report) -> tuple[Any, dict[Any, tuple[int, int]]] | None:
    shown = display_path(path)
    try:
        return strict_yaml.load(path.read_text("utf-8"))
    except strict_yaml.StrictYAMLError as exc:
        report.errors.append(CatalogError(shown, exc.problem.line, exc.problem.col, exc.problem.message))
    except (OSError, UnicodeDecodeError) as exc:
        report.errors.append(CatalogError(shown, 1, 1, f"cannot be read ({exc.__class__.__name__})"))
    return None


def check_collection(cat: Catalog, language: str, collection: str, path: Path, report: Report) -> None:
    shown = display_path(path)
    loaded = _read_yaml(path, report)
    if loaded is None:
        return
    data, marks = loaded
    if data is None:
        return
    if collection not in GROUPED:
        _check_records(cat, collection, data, marks, (), shown, report)
        return
    if not isinstance(data, dict):
        report.errors.append(
            CatalogError(shown, 1, 1, f"a translation of {collection}.yaml is shaped like it: each vocabulary (topics: ...) with a list of records")
        )
        return
    for group, records in data.items():
        name = f"{collection}.{group}"
        if name not in cat.by_id:
            known = sorted(c.split(".", 1)[1] for c in cat.by_id if c.startswith(f"{collection}."))
            report.errors.append(
                CatalogError(shown, *marks.get((group, "<key>"), (1, 1)), f"unknown vocabulary '{group}': {collection}.yaml has {', '.join(known)}")
            )
            continue
        _check_records(cat, name, records, marks, (group,), shown, report)


def _check_records(
    cat: Catalog, collection: str, data: Any, marks: dict[Any, tuple[int, int]], prefix: tuple[Any, ...], shown: str, report: Report
) -> None:
    """One list of translation records, each keyed by the id of an English record of `collection`;
    `prefix` is where the list sits in the file (a vocabulary's name in a grouped file)."""
    english_file = f"{collection.split('.', 1)[0]}.yaml" if collection != "facets" else "the schemas' facets (x-facet)"
    if not isinstance(data, list):
        report.errors.append(
            CatalogError(
                shown, *marks.get(prefix, (1, 1)), f"a translation file is a list of records, each with the id of a record in {english_file}"
            )
        )
        return
    english = english_records(cat, collection)
    fields = fields_of(collection)
    seen: set[str] = set()
    for index, entry in enumerate(data):
        here = (*prefix, index)
        line, col = marks.get(here, (1, 1))
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            report.errors.append(CatalogError(shown, line, col, "each translation is a mapping with the id of the English record"))
            continue
        rid = entry["id"]
        where = f"translation of {collection} '{rid}'"
        if rid not in english:
            report.errors.append(
                CatalogError(
                    shown, *marks.get((*here, "id"), (line, col)), f"unknown id '{rid}': {english_file} has no such record; check its spelling"
                )
            )
            continue
        if rid in seen:
            report.errors.append(CatalogError(shown, *marks.get((*here, "id"), (line, col)), f"'{rid}' is translated twice in this file; keep one"))
            continue
        seen.add(rid)
        report.errors += _provenance_problems(entry, where, shown, marks, here)
        translated: dict[str, Any] = {}
        errors_before = len(report.errors)
        for key, value in entry.items():
            at = marks.get((*here, key), (line, col))
            if key == "id" or key in PROVENANCE:
                continue
            if key not in fields:
                report.errors.append(
                    CatalogError(
                        shown,
                        *marks.get((*here, key, "<key>"), at),
                        f"{where}: '{key}' is not a translatable field of {collection}; translate only {', '.join(fields)}",
                    )
                )
            elif english[rid].get(key) is None:
                report.errors.append(CatalogError(shown, *at, f"{where}: the English record has no '{key}'; remove it"))
            elif not has_words(key, english[rid][key]):  # a date in as_of: pages write it in their language
                report.errors.append(
                    CatalogError(shown, *at, f"{where}: the English '{key}' is a date, which pages write in their language; remove it")
                )
            elif not isinstance(english[rid][key], str):  # a structure: the same shape, its words translated
                problems = mirror_problems(english[rid][key], value, f"{where}: {key}", (*here, key))
                for inside, problem in problems:
                    report.errors.append(CatalogError(shown, *_nearest(marks, inside, (line, col)), problem))
                if not problems:
                    translated[key] = overlay(english[rid][key], value)
            elif not isinstance(value, str) or not value.strip():
                report.errors.append(CatalogError(shown, *at, f"{where}: '{key}' is text"))
            elif MARKUP.search(value):
                report.errors.append(CatalogError(shown, *at, f"{where}: '{key}' holds markup ({MARKUP.search(value).group()!r}); write plain text"))  # type: ignore[union-attr]
            else:
                translated[key] = " ".join(value.split())
        if not translated:
            if len(report.errors) > errors_before:  # its fields' problems are reported already
                continue
            report.errors.append(CatalogError(shown, line, col, f"{where} translates no field; give at least one of {', '.join(fields)}"))
            continue
        now = record_hash(collection, english[rid], entry)
        at = marks.get((*here, "source_hash"), (line, col))
        _note_if_stale(
            report,
            entry,
            now,
            shown,
            at,
            (collection, rid),
            f"{collection} '{rid}'",
            f"the English of {collection} '{rid}' changed since this was translated",
        )
        report.records[collection, rid] = {**translated, **{k: entry[k] for k in PROVENANCE if k in entry}}


def _nearest(marks: dict[Any, tuple[int, int]], path: tuple[Any, ...], default: tuple[int, int]) -> tuple[int, int]:
    """The position of a path inside a record, or of the nearest thing around it that has one."""
    for end in range(len(path), 0, -1):
        if path[:end] in marks:
            return marks[path[:end]]
    return default


def _note_if_stale(
    report: Report, entry: dict[str, Any], now: str, shown: str, at: tuple[int, int], key: tuple[str, str], item: str, what: str
) -> None:
    """A translation made from other English than today's: a warning at its source_hash, and the
    maintainers' worklist (report.stale)."""
    if isinstance(entry.get("source_hash"), str) and entry["source_hash"] != now:
        report.warnings.append(CatalogError(shown, *at, f"stale: {what} (its hash is now {now}); update the translation, then source_hash"))
        report.stale.append((item, shown))
        report.stale_keys.add(key)


def front_matter(text: str) -> tuple[str, int] | None:
    """A page's YAML front matter and the line it starts on, or None."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    return (text[4 : end + 1], 2) if end != -1 else None


def check_page(english: Path, path: Path, rel: str, report: Report) -> None:
    shown = display_path(path)
    if not english.is_file():
        report.errors.append(CatalogError(shown, 1, 1, f"unknown page: there is no English page docs/{rel} to translate; check the file's path"))
        return
    text = path.read_text("utf-8")
    found = front_matter(text)
    meta: Any = None
    marks: dict[Any, tuple[int, int]] = {}
    if found:
        try:
            meta, marks = strict_yaml.load(found[0])
        except strict_yaml.StrictYAMLError as exc:
            report.errors.append(CatalogError(shown, exc.problem.line + 1, exc.problem.col, exc.problem.message))
            return
    entry = meta.get("translation") if isinstance(meta, dict) else None
    if not isinstance(entry, dict):
        report.errors.append(
            CatalogError(shown, 1, 1, "a translated page's front matter needs 'translation:' with source_hash, method and translated_by")
        )
        return
    shifted = {k: (line + 1, col) for k, (line, col) in marks.items()}
    report.errors += _provenance_problems(entry, f"translation of docs/{rel}", shown, shifted, ("translation",))
    now = english_hash(english.read_bytes())
    at = shifted.get(("translation", "source_hash"), (1, 1))
    _note_if_stale(report, entry, now, shown, at, ("page", rel), f"page docs/{rel}", f"docs/{rel} changed since this page was translated")
    report.records["page", rel] = {k: entry[k] for k in PROVENANCE if k in entry}


def check_language(cat: Catalog, language: str, docs: Path | None) -> Report:
    """Every translation file of one language: the catalog's, then the pages'."""
    report = Report()
    folder = Path(cat.root) / FOLDER / language
    problem = language_problem(language)
    if problem:
        report.errors.append(CatalogError(display_path(folder), 1, 1, problem))
        return report
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        name = path.name.removesuffix(".yaml")
        if path.name == TERMS_FILE:
            _read_yaml(path, report)
        elif path.suffix == ".yaml" and name in TRANSLATABLE and path.is_file() and not path.is_symlink():
            check_collection(cat, language, name, path, report)
        else:
            report.errors.append(
                CatalogError(
                    display_path(path),
                    1,
                    1,
                    f"unexpected file; a language folder holds {', '.join(f'{c}.yaml' for c in TRANSLATABLE)} and {TERMS_FILE}",
                )
            )
    pages = docs / FOLDER / language if docs else None
    if pages and pages.is_dir():
        for path in sorted(pages.rglob("*.md")):
            if path.is_symlink():
                continue
            rel = path.relative_to(pages).as_posix()
            check_page(docs / rel, path, rel, report)  # type: ignore[operator]
    return report


def check_all(cat: Catalog, docs: Path | None) -> dict[str, Report]:
    return {language: check_language(cat, language, docs) for language in languages(Path(cat.root))}
