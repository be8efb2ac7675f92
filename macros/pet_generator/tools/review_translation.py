"""scripts/review translation:...: record that a named person reviewed a translation (ADR 0014).

    scripts/review translation:es:resources:peer-workforce-guide --by "Ana Ruiz"
    scripts/review translation:es:page:pay --by "Ana Ruiz"          (docs/i18n/es/pay.md)
    scripts/review translation:es:glossary --by "Ana Ruiz"          (every record in the file)

A translation's review lives beside the translation, not in catalog/reviews.yaml: the record's
(or the page's front matter `translation:`) `reviewed_by` and `reviewed_on` are set, and a
`method: machine` becomes `machine-reviewed`. The file is edited as text at the places the
strict loader found, so its comments and layout stay. A stale translation (made from English
that has changed since) is refused: a review would certify words made from the old English.
After the edit the language's translations are checked again; if anything breaks, every file
is put back as it was.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pet_generator.catalog import strict_yaml, translations
from pet_generator.catalog.loader import Catalog, CatalogInvalid, display_path
from pet_generator.catalog.review import docs_dir

PREFIX = "translation"
# How a translation was made, once a person has reviewed it ("human" stays "human").
REVIEWED_METHOD = {"machine": "machine-reviewed"}


class TranslationRefused(Exception):
    pass


@dataclass(frozen=True)
class Target:
    """One translation to mark reviewed: its file, where its record sits in the file's YAML
    (`path`), and how many lines come before that YAML (a page's front matter starts on line 2)."""

    key: tuple[str, str]  # (collection, id) or ("page", docs-relative path), as the Report names it
    file: Path
    path: tuple[Any, ...]
    offset: int
    name: str  # as the person would type it


def is_translation(name: str) -> bool:
    return name.strip().startswith(f"{PREFIX}:")


def _usage(name: str) -> str:
    return (
        f"{name}: write translation:LANGUAGE:COLLECTION:ID (translation:es:resources:my-id), "
        "translation:LANGUAGE:page:PATH (translation:es:page:pay), or translation:LANGUAGE:COLLECTION for a whole file"
    )


def resolve(cat: Catalog, report: translations.Report, language: str, name: str) -> list[Target]:
    """The translations a name stands for. A whole collection is each record of its file."""
    parts = name.strip().split(":", 3)
    if len(parts) < 3 or parts[1] != language:
        raise TranslationRefused(_usage(name))
    collection = parts[2]
    record_id = parts[3] if len(parts) == 4 else None
    if collection == "page":
        if not record_id:
            raise TranslationRefused(_usage(name))
        rel = record_id.removesuffix(".md") + ".md"
        if ("page", rel) not in report.records:
            raise TranslationRefused(f"{name}: there is no translated page docs/{translations.FOLDER}/{language}/{rel}")
        file = docs_dir(cat) / translations.FOLDER / language / rel
        return [Target(("page", rel), file, ("translation",), 1, name)]
    top, _, group = collection.partition(".")
    if top not in translations.TRANSLATABLE or (group and top not in translations.GROUPED):
        raise TranslationRefused(f"{name}: '{collection}' is not a translated collection; use one of {', '.join(translations.TRANSLATABLE)} or page")
    file = Path(cat.root) / translations.FOLDER / language / f"{top}.yaml"
    if not file.is_file():
        raise TranslationRefused(f"{name}: there is no {display_path(file)}")
    data, _ = strict_yaml.load(file.read_text("utf-8"))
    found = []
    groups = data.items() if top in translations.GROUPED and isinstance(data, dict) else [(None, data)]
    for vocabulary, records in groups:
        if group and vocabulary != group:
            continue
        for index, entry in enumerate(records or []):
            where = (vocabulary, index) if vocabulary else (index,)
            own = f"{top}.{vocabulary}" if vocabulary else top
            if record_id is None or entry.get("id") == record_id:
                found.append(Target((own, entry["id"]), file, where, 0, f"{PREFIX}:{language}:{own}:{entry['id']}"))
    if not found:
        what = f"no translation with id {record_id!r}" if record_id else "no translations"
        raise TranslationRefused(f"{name}: {display_path(file)} has {what}; check the id (scripts/validate lists the file's records)")
    return found


def _value_end(lines: list[str], line: int, col: int) -> str:
    """The text of a one-line value that starts at line:col (1-based)."""
    return lines[line - 1][col - 1 :]


def _set_review(lines: list[str], marks: dict[Any, tuple[int, int]], entry: dict[str, Any], target: Target, by: str, day: str) -> None:
    """Edit one record's lines in place: reviewed_by and reviewed_on set (replaced or added after
    translated_by), method machine -> machine-reviewed. Only one-line values are rewritten."""
    path, offset = target.path, target.offset

    def at(key: str, what: str | None = None) -> tuple[int, int]:
        line, col = marks[(*path, key, what) if what else (*path, key)]
        return line + offset, col

    values = {"reviewed_by": json.dumps(by, ensure_ascii=False), "reviewed_on": json.dumps(day)}
    method = entry.get("method")
    if method in REVIEWED_METHOD:
        line, col = at("method")
        found = re.match(r"(\"[^\"]*\"|'[^']*'|[^\s#]+)", _value_end(lines, line, col))
        if not found or found.group().strip("\"'") != method:
            raise TranslationRefused(f"{target.name}: its method is not written on one line; set it to machine-reviewed by hand")
        lines[line - 1] = lines[line - 1][: col - 1] + REVIEWED_METHOD[method] + lines[line - 1][col - 1 + found.end() :]
    missing = []
    for key, value in values.items():
        if key in entry:
            line, col = at(key)
            if str(entry[key]) not in _value_end(lines, line, col):
                raise TranslationRefused(f"{target.name}: its {key} is not written on one line; change it by hand")
            lines[line - 1] = lines[line - 1][: col - 1] + value
        else:
            missing.append(key)
    if not missing:
        return
    line, col = at("translated_by", "<key>")
    indent = " " * (col - 1)
    # Before the record's next key after translated_by (its first translated field), else after it.
    later = sorted(
        m[0] + offset for k, m in marks.items() if len(k) == len(path) + 2 and k[: len(path)] == path and k[-1] == "<key>" and m[0] + offset > line
    )
    if not later and str(entry.get("translated_by")) not in _value_end(lines, *at("translated_by")):
        raise TranslationRefused(f"{target.name}: its translated_by is not written on one line; add reviewed_by and reviewed_on by hand")
    where = later[0] - 1 if later else line
    lines[where:where] = [f"{indent}{key}: {values[key]}" for key in missing]


def _load(target: Target, text: str) -> tuple[Any, dict[Any, tuple[int, int]]]:
    if target.key[0] != "page":
        return strict_yaml.load(text)
    found = translations.front_matter(text)
    if not found:
        raise TranslationRefused(f"{target.name}: {display_path(target.file)} has no front matter")
    return strict_yaml.load(found[0])


def _entry(data: Any, path: tuple[Any, ...]) -> dict[str, Any]:
    for step in path:
        data = data[step]
    return data


def record_translation_reviews(catalog_dir: Path, cat: Catalog, names: list[str], by: str, day: datetime.date) -> list[str]:
    """Mark each named translation reviewed by `by` on `day`; return what was marked.
    TranslationRefused or CatalogInvalid (every file put back) otherwise."""
    by = " ".join(by.split())
    languages = translations.languages(catalog_dir)
    targets: list[Target] = []
    reports: dict[str, translations.Report] = {}
    for name in names:
        if name.count(":") < 2:
            raise TranslationRefused(_usage(name))
        language = name.strip().split(":", 2)[1]
        if language not in languages:
            raise TranslationRefused(f"{name}: no translations in {language!r}; this catalog's languages are {', '.join(languages) or 'none'}")
        if language not in reports:
            reports[language] = translations.check_language(cat, language, docs_dir(cat))
            if reports[language].errors:
                raise CatalogInvalid(reports[language].errors)
        targets += resolve(cat, reports[language], language, name)
    stale = [t for t in targets if any(t.key in r.stale_keys for r in reports.values())]
    if stale:
        shown = ", ".join(t.name for t in stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
        raise TranslationRefused(
            f"{shown}: stale, made from English that has changed since (scripts/validate says where); a review now would "
            "certify words made from the old English. Update the translation to today's English and its source_hash "
            "(scripts/validate gives the new one), then review it"
        )
    before: dict[Path, bytes] = {}
    for file in dict.fromkeys(t.file for t in targets):
        before[file] = file.read_bytes()
        text = before[file].decode("utf-8")
        lines = text.split("\n")
        # Bottom up, so the lines of the records above stay where the loader found them.
        mine = [t for t in targets if t.file == file]
        data, marks = _load(mine[0], text)
        for target in sorted(mine, key=lambda t: marks.get(t.path, (0, 0)), reverse=True):
            _set_review(lines, marks, _entry(data, target.path), target, by, day.isoformat())
        file.write_text("\n".join(lines), "utf-8")
    errors = [e for language in reports for e in translations.check_language(cat, language, docs_dir(cat)).errors]
    if errors:
        for file, data in before.items():
            file.write_bytes(data)
        raise CatalogInvalid(errors)
    return list(dict.fromkeys(t.name for t in targets))
