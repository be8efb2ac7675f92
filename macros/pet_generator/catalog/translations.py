"""Translations as data, with their provenance (ADR 0014).

The site's languages are English plus one per folder `catalog/i18n/<language>/`. There:
- `<collection>.yaml` (glossary.yaml, sections.yaml): a list of records keyed by the English
  record's id, holding only translatable fields plus where each translation came from:
  `source_hash` (the English text it was made from, `english_hash()`), `method` (human,
  machine, machine-reviewed), `translated_by`, and `reviewed_by` + `reviewed_on` once a named
  person has reviewed it (never before);
- `terms.yaml`: the translators' glossary of chosen terms (read by people, checked as YAML).
Page translations are `docs/i18n/<language>/<page>.md`, with the same provenance under the
front matter key `translation:`; their source hash is the English page's.

Problems are reported at file:line:col: an unknown id or field, a missing required field,
markup in a translation and a bad method are errors; a translation made from English that has
since changed ("stale") is a warning, shown on the page and listed for the maintainers.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pet_generator.catalog import strict_yaml
from pet_generator.catalog.loader import Catalog, CatalogError, display_path

DEFAULT_LANGUAGE = "en"
FOLDER = "i18n"  # catalog/i18n/<language>/ and docs/i18n/<language>/
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)?")
# What may be translated, per catalog file: the fields people read. Ids, dates, links and
# numbers are the English record's.
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "glossary": ("term", "definition", "background"),
    "sections": ("title", "summary"),
    # A resource's title stays in its original language (it is what people search for and cite).
    "resources": ("summary",),
    # taxonomy.yaml's terms, in a file shaped like it ({vocabulary: [records]}): what the filters,
    # group headings and rows show. Descriptions are for maintainers and are not shown.
    "taxonomy": ("label",),
    # The resource list's facets (the schemas' x-facet), keyed by facet name: a filter's name and
    # the words before a row's line of labels ("Topics: ...").
    "facets": ("label", "lead"),
    "competencies": ("name", "summary", "highlights", "overview", "why_it_matters", "questions"),
    # A handout's copy_heading names placeholders: not words.
    "handouts": ("title", "summary", "excerpt", "tick_means", "blocks", "placeholders", "rights", "key_for"),
}
# A field that is a list or mapping (a handout's blocks, a competency's questions) is translated
# as a copy of the English structure: the same list lengths and keys, every piece of text in the
# page's language. These keys inside such a structure are not words: they stay the English record's.
NOT_WORDS = frozenset({"id", "kind", "url", "competency", "source", "locator", "lines", "page_break_before"})
# A handout's placeholder in its text ([[agency]]): a translation keeps each one.
_SLOT = re.compile(r"\[\[([a-z0-9-]+)\]\]")
# Translation files shaped like their English file, a mapping of lists: the records of
# taxonomy.yaml's `topics` are the collection "taxonomy.topics" (as Catalog.by_id names them).
GROUPED = frozenset({"taxonomy"})
# The collections whose translations the pages show: their renderers mark a field that is still
# English with lang="en" (ADR 0014).
APPLIED = frozenset({"glossary", "sections", "resources", "taxonomy", "facets", "competencies", "handouts"})
TERMS_FILE = "terms.yaml"
METHODS = ("human", "machine", "machine-reviewed")
PROVENANCE = ("source_hash", "method", "translated_by", "reviewed_by", "reviewed_on")
REQUIRED = ("source_hash", "method", "translated_by")
# The language names the switch shows, in their own language (add one with a new language).
NAMES = {"en": "English", "es": "Español", "vi": "Tiếng Việt", "zh": "中文", "ko": "한국어", "tl": "Tagalog"}
# Markup never belongs in a translation: the site escapes it, so it would show as typed.
_MARKUP = re.compile(r"<[A-Za-z/!]|\]\(|\{\{|\{%|\*\*|`")


def _has_words(english: Any) -> bool:
    if isinstance(english, str):
        return True
    if isinstance(english, list):
        return any(_has_words(v) for v in english)
    if isinstance(english, dict):
        return any(k not in NOT_WORDS and _has_words(v) for k, v in english.items())
    return False


def _text_problem(english: str, value: Any, where: str) -> str | None:
    if not isinstance(value, str):
        return f"{where} is text"
    if not english.strip():
        return None if not value.strip() else f"{where} is empty in the English; leave it empty ('')"
    if not value.strip():
        return f"{where} is empty; translate it"
    if found := _MARKUP.search(value):
        return f"{where} holds markup ({found.group()!r}); write plain text"
    if sorted(_SLOT.findall(english)) != sorted(_SLOT.findall(value)):
        wanted = ", ".join(f"[[{s}]]" for s in _SLOT.findall(english)) or "none"
        return f"{where} must keep the English text's placeholders ({wanted}), spelled the same"
    return None


def mirror_problems(english: Any, value: Any, where: str, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """What keeps `value` from being a translation of `english`, as (path inside the field, problem):
    text for text, a list as long as the English one, a mapping with the English keys that hold
    words (NOT_WORDS stay the English record's)."""
    if isinstance(english, str):
        problem = _text_problem(english, value, where)
        return [(path, problem)] if problem else []
    if isinstance(english, list):
        if not isinstance(value, list) or len(value) != len(english):
            return [(path, f"{where} is a list of {len(english)} like the English, in the same order")]
        return [p for i, (e, v) in enumerate(zip(english, value, strict=True)) for p in mirror_problems(e, v, f"{where}[{i + 1}]", (*path, i))]
    if isinstance(english, dict):
        if not isinstance(value, dict):
            return [(path, f"{where} is a mapping like the English ({', '.join(k for k in english if k not in NOT_WORDS)})")]
        words = [k for k, v in english.items() if k not in NOT_WORDS and _has_words(v)]
        out = [((*path, k, "<key>"), f"{where}: '{k}' is not words of the English to translate; remove it") for k in value if k not in words]
        out += [(path, f"{where} is missing '{k}'") for k in words if k not in value]
        return out + [p for k in words if k in value for p in mirror_problems(english[k], value[k], f"{where}.{k}", (*path, k))]
    return []


def overlay(english: Any, value: Any) -> Any:
    """The English structure with the translated words in place (mirror_problems found none)."""
    if isinstance(english, str):
        return value.strip() if isinstance(value, str) else english
    if isinstance(english, list):
        return [overlay(e, v) for e, v in zip(english, value, strict=True)]
    if isinstance(english, dict):
        return {k: overlay(v, value[k]) if k not in NOT_WORDS and k in value else v for k, v in english.items()}
    return english


def english_hash(value: Any) -> str:
    """A short hash of the English a translation is made from: a record's translatable fields,
    or a page's bytes. A translation records it; when the English changes, it no longer matches."""
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:12]


def fields_of(collection: str) -> tuple[str, ...]:
    """The translatable fields of a collection ("taxonomy.topics" is taxonomy's)."""
    return TRANSLATABLE[collection.split(".", 1)[0]]


def record_hash(collection: str, record: dict[str, Any]) -> str:
    return english_hash({f: record.get(f) for f in fields_of(collection)})


def english_records(cat: Catalog, collection: str) -> dict[str, dict[str, Any]]:
    """The English records a collection's translations are keyed to, by id. Facets are the
    schemas' (x-facet), by name; the rest are the catalog's (a vocabulary is "taxonomy.<name>")."""
    if collection == "facets":
        return {f.name: {"id": f.name, "label": f.label, "lead": f.lead or None} for f in cat.model.facets}
    return cat.by_id.get(collection, {})


def languages(catalog_root: Path) -> list[str]:
    """The site's languages other than English: the folders of catalog/i18n/, in name order."""
    folder = Path(catalog_root) / FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def theme_languages() -> set[str] | None:
    """The languages Material for MkDocs has interface strings for (None if it is not installed)."""
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")} if folder.is_dir() else None


def language_problem(language: str) -> str | None:
    """Why the site cannot be built in this language (its code, the theme), or None. The
    message file and plural rule are checked by the site layer (message_catalog.language_problem)."""
    if not LANGUAGE_CODE.fullmatch(language):
        return f"'{language}' is not a language code; name the folder with a code such as es, vi or zh-hant"
    known = theme_languages()
    if known is not None and language not in known:
        return (
            f"the theme (Material for MkDocs) has no interface strings for '{language}', so its menus and buttons "
            "could not be shown in it; the site cannot be built in that language"
        )
    return None


@dataclass
class Report:
    """What checking one language's translations found."""

    errors: list[CatalogError] = field(default_factory=list)
    warnings: list[CatalogError] = field(default_factory=list)
    # (collection, id) -> the translated fields; "page" entries are docs-relative paths.
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    stale: list[tuple[str, str]] = field(default_factory=list)  # (what, where): the maintainers' worklist


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
            elif not isinstance(english[rid][key], str):  # a structure: the same shape, its words translated
                problems = mirror_problems(english[rid][key], value, f"{where}: {key}", (*here, key))
                for inside, problem in problems:
                    report.errors.append(CatalogError(shown, *_nearest(marks, inside, (line, col)), problem))
                if not problems:
                    translated[key] = overlay(english[rid][key], value)
            elif not isinstance(value, str) or not value.strip():
                report.errors.append(CatalogError(shown, *at, f"{where}: '{key}' is text"))
            elif _MARKUP.search(value):
                report.errors.append(CatalogError(shown, *at, f"{where}: '{key}' holds markup ({_MARKUP.search(value).group()!r}); write plain text"))  # type: ignore[union-attr]
            else:
                translated[key] = " ".join(value.split())
        if not translated:
            if len(report.errors) > errors_before:  # its fields' problems are reported already
                continue
            report.errors.append(CatalogError(shown, line, col, f"{where} translates no field; give at least one of {', '.join(fields)}"))
            continue
        now = record_hash(collection, english[rid])
        at = marks.get((*here, "source_hash"), (line, col))
        _note_if_stale(
            report, entry, now, shown, at, f"{collection} '{rid}'", f"the English of {collection} '{rid}' changed since this was translated"
        )
        report.records[collection, rid] = {**translated, **{k: entry[k] for k in PROVENANCE if k in entry}}


def _nearest(marks: dict[Any, tuple[int, int]], path: tuple[Any, ...], default: tuple[int, int]) -> tuple[int, int]:
    """The position of a path inside a record, or of the nearest thing around it that has one."""
    for end in range(len(path), 0, -1):
        if path[:end] in marks:
            return marks[path[:end]]
    return default


def _note_if_stale(report: Report, entry: dict[str, Any], now: str, shown: str, at: tuple[int, int], item: str, what: str) -> None:
    """A translation made from other English than today's: a warning at its source_hash, and the
    maintainers' worklist (report.stale)."""
    if isinstance(entry.get("source_hash"), str) and entry["source_hash"] != now:
        report.warnings.append(CatalogError(shown, *at, f"stale: {what} (its hash is now {now}); update the translation, then source_hash"))
        report.stale.append((item, shown))


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
    _note_if_stale(report, entry, now, shown, at, f"page docs/{rel}", f"docs/{rel} changed since this page was translated")
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


@dataclass
class TranslatedCatalog(Catalog):
    """The catalog as one language's pages read it: translated fields in place, and which
    fields still show the English (rendered inside lang="en", never silently)."""

    language: str = DEFAULT_LANGUAGE
    untranslated: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # collection -> the ids of its records this language has a translation of. A resource has a
    # page in this language only when it has one; the language's lists link to the English page
    # of any other (at 10,000 resources a copy of every English page would double the build).
    translated_ids: dict[str, frozenset[str]] = field(default_factory=dict)
    english: Catalog | None = None  # the catalog in English, for what a translation names ("our translation of ...")


def translated(cat: Catalog, language: str, report: Report) -> TranslatedCatalog:
    data = dict(cat.data)
    untranslated: dict[tuple[str, str], set[str]] = {}

    def apply(collection: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        fields = fields_of(collection)
        out = []
        for record in records:
            done = report.records.get((collection, record["id"]), {})
            left = {f for f in fields if record.get(f) is not None and f not in done}
            if left:
                untranslated[collection, record["id"]] = left
            out.append({**record, **{f: done[f] for f in fields if f in done}})
        return out

    for collection in TRANSLATABLE:
        # Shown only once its renderers mark their English (APPLIED); facets live in the model, below.
        if collection not in APPLIED or collection not in cat.data:
            continue
        if collection in GROUPED:
            data[collection] = {group: apply(f"{collection}.{group}", records) for group, records in cat.data[collection].items()}
        else:
            data[collection] = apply(collection, cat.data[collection])
    ids = {c: frozenset(rid for (kind, rid) in report.records if kind == c) for c in TRANSLATABLE}
    out = TranslatedCatalog(root=cat.root, data=data, language=language, untranslated=untranslated, translated_ids=ids, english=cat)
    if "facets" in APPLIED:
        facets = []
        for facet in out.model.facets:
            done = report.records.get(("facets", facet.name), {})
            left = {f for f in fields_of("facets") if getattr(facet, f) and f not in done}
            if left:
                untranslated["facets", facet.name] = left
            facets.append(replace(facet, label=done.get("label", facet.label), lead=done.get("lead", facet.lead)))
        out.model = replace(out.model, facets=tuple(facets))
    return out


def pages_in(cat: Catalog, collection: str) -> frozenset[str] | None:
    """The ids of a collection whose records have their own page in the catalog's language:
    None for English (every one), else those with a translation."""
    return cat.translated_ids.get(collection, frozenset()) if isinstance(cat, TranslatedCatalog) else None


def lang_of(cat: Catalog, collection: str, record_id: str, name: str) -> str | None:
    """'en' when this field of a translated catalog still shows the English (for lang="en"), else
    None. A collection or field the language's pages do not translate (yet) is English throughout."""
    if not isinstance(cat, TranslatedCatalog) or cat.language == DEFAULT_LANGUAGE:
        return None
    top = collection.split(".", 1)[0]
    if top not in APPLIED or name not in TRANSLATABLE.get(top, ()):
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE if name in cat.untranslated.get((collection, record_id), ()) else None


def original_lang(cat: Catalog) -> str | None:
    """'en' on a page in another language, for text that is never translated: a resource's title,
    publisher and aliases stay in their original language (here English), inside lang="en"."""
    if isinstance(cat, TranslatedCatalog) and cat.language != DEFAULT_LANGUAGE:
        return DEFAULT_LANGUAGE
    return None


def counts(cat: Catalog, report: Report) -> dict[str, tuple[int, int]]:
    """collection -> (fields translated, fields in English) for the closing counts and the worklist."""
    out = {}
    for collection, fields in TRANSLATABLE.items():
        names = [c for c in cat.by_id if c.startswith(f"{collection}.")] if collection in GROUPED else [collection]
        total = sum(1 for name in names for r in english_records(cat, name).values() for f in fields if r.get(f) is not None)
        done = sum(1 for (c, _), rec in report.records.items() if c in names for f in fields if f in rec)
        out[collection] = (done, total)
    return out
