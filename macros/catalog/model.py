"""The catalog's model, read from the JSON Schemas' annotation keywords: the one description of
which fields refer to other files, which are facets of the resource list, which hold addresses,
how resources export to CSV and what "What's new" compares.

The schemas say it once (docs/reference/catalog-fields.md lists the keywords); the validator,
the pages, the exports, the search index, the issue form, the field reference and the bench's
synthetic catalog all read it from here. Validation never sees these keywords (strip()), so a
typo in one can neither loosen nor tighten a check: an unknown x- keyword is an error instead.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from macros.catalog import files as catalog_files
from macros.catalog.paths import SCHEMA_DIR as DEFAULT_SCHEMA_DIR

# A catalog may bring schemas of its own in <catalog>/schema/: each file there replaces the
# project's file of the same name (catalog/schema/), the others stay the project's. So a
# catalog can add a facet without a copy of every schema, and can never drop a check by
# leaving a file out.
SCHEMA_FOLDER = "schema"

# The annotation keywords, and what each means (also the field reference's key).
KEYWORDS = {
    "x-ref": "the value (or each value of a list) is an id in another file: `competencies`, or a vocabulary such as `taxonomy.topics`",
    "x-facet": "a filter of the resource list and of site search: `name` (in addresses), `label`, `order`, and `search_order` to offer it on the search page",
    "x-url": "an address, checked like every link (http, https or mailto; no private hosts)",
    "x-export": "how a mapping field becomes CSV columns (`{column: key}`), or `false` to leave a field out of the CSV",
    "x-title": 'the field that names an entry; "What\'s new" lists added, removed and changed entries of files with one',
    "x-bookkeeping": 'a date kept for maintainers; "What\'s new" does not count a change to it',
}
_FACET_KEYS = {"name": str, "label": str, "order": int, "search_order": int}
_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_MANY = "[]"  # a step into a list, in a reference's path


@dataclass(frozen=True)
class Reference:
    collection: str
    path: tuple[str, ...]  # property names from an entry, "[]" stepping into a list
    target: str  # a collection ("competencies") or a vocabulary ("taxonomy.topics")

    @property
    def field(self) -> str:
        return self.path[0]


@dataclass(frozen=True)
class Facet:
    name: str  # in addresses (?topic=...), form fields, rows' data-* attributes, Pagefind filters
    field: str  # the resource field that holds the value ids
    label: str
    order: int
    target: str  # where the ids are defined (x-ref)
    many: bool  # a list of ids, or one
    search_order: int | None = None  # offered on the search page, in this order


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    key: str | None = None  # for a mapping field: the key inside it


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    col: int
    message: str


@dataclass(frozen=True)
class Model:
    schema_dir: Path  # the catalog's own schema folder, or the project's
    digest: str  # of every schema file, so a cached validation knows when they changed
    schemas: dict[str, Any] = field(repr=False)  # file name -> schema, annotations kept
    references: tuple[Reference, ...] = ()
    url_paths: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)
    facets: tuple[Facet, ...] = ()
    columns: tuple[Column, ...] = ()  # resources.csv
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)  # collection -> field -> JSON export default
    titles: dict[str, str] = field(default_factory=dict)  # collection -> its x-title field
    bookkeeping: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()

    def facet(self, name: str) -> Facet:
        """A facet by its name or its field (competency or competencies)."""
        for f in self.facets:
            if name in (f.name, f.field):
                return f
        raise KeyError(name)

    @property
    def search_facets(self) -> tuple[Facet, ...]:
        return tuple(sorted((f for f in self.facets if f.search_order is not None), key=lambda f: f.search_order or 0))

    def is_url_path(self, collection: str, path: tuple[Any, ...]) -> bool:
        """Whether the value at `path` inside a collection's data (indexes and keys) is an address."""
        keys = tuple(p for p in path if isinstance(p, str))
        return keys in self.url_paths.get(collection, frozenset())


def schema_dir_for(catalog_root: Path) -> Path:
    """A catalog's own schema folder when it has one (a real folder, not a link), else the project's."""
    own = Path(catalog_root) / SCHEMA_FOLDER
    return own if own.is_dir() and not own.is_symlink() else DEFAULT_SCHEMA_DIR


_CACHE: dict[Path, Model] = {}


def load_model(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> Model:
    """The model of the project's schemas overlaid with those in `schema_dir`, read again
    whenever a schema file changes (the live preview picks up schema edits). Files are read as
    the catalog is (regular files only, size-limited): a catalog's schema folder arrives by pull
    request too. A schema that cannot be read or is no JSON Schema becomes a Problem."""
    schema_dir = Path(schema_dir).resolve()
    paths = {p.name: p for p in sorted(DEFAULT_SCHEMA_DIR.glob("*.schema.json"))}
    if schema_dir != DEFAULT_SCHEMA_DIR:
        paths.update((p.name, p) for p in sorted(schema_dir.glob("*.schema.json")))
    texts: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name, path in paths.items():
        try:
            texts[name] = catalog_files.read_regular(path)
        except catalog_files.FileRefused as exc:
            problems.append(Problem(path, 1, 1, str(exc)))
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + text + b"\0" for name, text in texts.items())).hexdigest()
    cached = _CACHE.get(schema_dir)
    if cached and cached.digest == digest and not problems:
        return cached
    schemas: dict[str, Any] = {}
    for name, text in texts.items():
        try:
            schemas[name] = json.loads(text.decode("utf-8"))
            Draft202012Validator.check_schema(schemas[name])
        except (UnicodeDecodeError, ValueError) as exc:
            schemas.pop(name, None)
            problems.append(
                Problem(paths[name], getattr(exc, "lineno", 1), getattr(exc, "colno", 1), f"is not JSON ({exc.__class__.__name__}); fix the syntax")
            )
        except SchemaError as exc:
            schemas.pop(name, None)
            problems.append(Problem(paths[name], 1, 1, f"is not a valid JSON Schema: {exc.message[:200]}"))
    model = _read(schema_dir, digest, schemas, {name: texts[name].decode("utf-8", "replace") for name in schemas}, paths, problems)
    if not problems:
        _CACHE[schema_dir] = model
    return model


def strip(schema: Any) -> Any:
    """The schema without annotation keywords, as the validator sees it."""
    if isinstance(schema, dict):
        return {k: strip(v) for k, v in schema.items() if not (isinstance(k, str) and k.startswith("x-"))}
    if isinstance(schema, list):
        return [strip(s) for s in schema]
    return schema


def facet_values(resource: Mapping[str, Any], facet: Facet) -> list[str]:
    """A resource's value ids for one facet (none, one or several), in the catalog's order."""
    value = resource.get(facet.field)
    return list(value) if isinstance(value, list) else [value] if value else []


def term_label(term: dict[str, Any]) -> str:
    """How a vocabulary term or a referenced entry is shown: its label, or its name."""
    return str(term.get("label") or term.get("name") or term["id"])


def resource_facets(cat: Any, resource: Mapping[str, Any]) -> list[tuple[Facet, list[tuple[str, str]]]]:
    """Every facet of one resource with its values as (id, label), facets in their order: what
    rows, filters, search records and resource pages all show and filter by."""
    return [(f, [(v, term_label(cat.get(f.target, v))) for v in facet_values(resource, f)]) for f in cat.model.facets]


# --- Reading the annotations ------------------------------------------------------


class _Reader:
    def __init__(self, schemas: dict[str, Any], texts: dict[str, str], paths: dict[str, Path], problems: list[Problem]):
        self.schemas, self.texts, self.paths = schemas, texts, paths
        self.problems = problems

    def problem(self, file: str, needle: str, message: str) -> None:
        """Report at the first line holding `needle` (the keyword as written), else line 1."""
        text = self.texts.get(file, "")
        at = text.find(needle)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1 if at >= 0 else 1
        self.problems.append(Problem(self.paths[file], line, col, message))

    def resolve(self, node: Any, doc: str) -> tuple[Any, str]:
        """Follow a $ref to its target (in this file or another), once."""
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str):
            return node, doc
        target_doc, _, pointer = ref.partition("#")
        target_doc = target_doc or doc
        target: Any = self.schemas.get(target_doc, {})
        for part in filter(None, pointer.split("/")):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
        return target, target_doc

    def walk(
        self, node: Any, doc: str, path: tuple[str, ...], seen: frozenset[str] = frozenset()
    ) -> Iterator[tuple[tuple[str, ...], dict[str, Any], str]]:
        """Every (property path, merged annotations, file) under a schema node, through $refs.
        A property's annotations are its own plus those of the definition it points to."""
        if not isinstance(node, dict):
            return
        target, target_doc = self.resolve(node, doc)
        key = f"{target_doc}#{id(target)}"
        merged = {**(target if isinstance(target, dict) else {}), **{k: v for k, v in node.items() if k != "$ref"}}
        yield path, merged, doc
        if key in seen or not isinstance(target, dict):
            return
        seen = seen | {key}
        for name, sub in (target.get("properties") or {}).items():
            yield from self.walk(sub, target_doc, (*path, name), seen)
        if isinstance(target.get("items"), dict):
            yield from self.walk(target["items"], target_doc, (*path, _MANY), seen)
        for combinator in ("oneOf", "anyOf", "allOf"):
            for sub in target.get(combinator) or []:
                yield from self.walk(sub, target_doc, path, seen)

    def check_keywords(self) -> None:
        for file, schema in self.schemas.items():
            for where, node in _nodes(schema):
                for k in node:
                    if isinstance(k, str) and k.startswith("x-") and k not in KEYWORDS:
                        self.problem(file, f'"{k}"', f"unknown schema keyword '{k}' at {where or '/'}; use one of {', '.join(KEYWORDS)}")


def _nodes(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for k, v in node.items():
            yield from _nodes(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _nodes(v, f"{where}/{i}")


def _read(schema_dir: Path, digest: str, schemas: dict[str, Any], texts: dict[str, str], paths: dict[str, Path], problems: list[Problem]) -> Model:
    reader = _Reader(schemas, texts, paths, problems)
    reader.check_keywords()
    collections = sorted(n.removesuffix(".schema.json") for n in schemas if n != "common.schema.json")
    taxonomy = schemas.get("taxonomy.schema.json", {}).get("properties", {})
    references: list[Reference] = []
    url_paths: dict[str, set[tuple[str, ...]]] = {}
    facets: list[Facet] = []
    columns: list[Column] = []
    defaults: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    bookkeeping: set[str] = set()
    for collection in collections:
        file = f"{collection}.schema.json"
        root = schemas[file]
        entry = root["items"] if root.get("type") == "array" and isinstance(root.get("items"), dict) else root
        for path, node, _ in reader.walk(entry, file, ()):
            keys = tuple(p for p in path if p != _MANY)
            top = len(path) == 1
            if node.get("x-url") is not None:
                if node["x-url"] is not True:
                    reader.problem(file, '"x-url"', "x-url must be true")
                url_paths.setdefault(collection, set()).add(keys)
            target = node.get("x-ref")
            if target is not None:
                vocab_ok = target.startswith("taxonomy.") and target.partition(".")[2] in taxonomy
                if not isinstance(target, str) or not (f"{target}.schema.json" in schemas or vocab_ok):
                    reader.problem(file, '"x-ref"', f"x-ref {target!r} names no catalog file or taxonomy vocabulary")
                else:
                    references.append(Reference(collection, (*path, _MANY) if node.get("type") == "array" else path, target))
            if top and "default" in node and "default" in (entry["properties"].get(path[0]) or {}):
                defaults.setdefault(collection, {})[path[0]] = node["default"]
            if top and node.get("x-title") is not None:
                titles[collection] = path[0]
            if top and node.get("x-bookkeeping") is not None:
                bookkeeping.add(path[0])
            if "x-facet" in node:
                facet = _facet(reader, file, collection, path, node)
                if facet:
                    facets.append(facet)
            if collection == "resources" and top:
                columns += _columns(reader, file, path[0], node)
    names = [f.name for f in facets]
    for name in {n for n in names if names.count(n) > 1}:
        reader.problem("resources.schema.json", f'"{name}"', f"two facets are named '{name}'; give each its own name")
    facets.sort(key=lambda f: (f.order, f.name))
    return Model(
        schema_dir=schema_dir,
        digest=digest,
        schemas=schemas,
        references=tuple(references),
        url_paths={c: frozenset(p) for c, p in url_paths.items()},
        facets=tuple(facets),
        columns=tuple(columns),
        defaults=defaults,
        titles=titles,
        bookkeeping=frozenset(bookkeeping),
        problems=tuple(reader.problems),
    )


def _facet(reader: _Reader, file: str, collection: str, path: tuple[str, ...], node: dict[str, Any]) -> Facet | None:
    spec = node["x-facet"]
    where = "/".join(path)
    if collection != "resources" or len(path) != 1:
        reader.problem(file, '"x-facet"', f"x-facet at {where}: only a field of a resource can be a facet")
        return None
    if not isinstance(spec, dict) or set(spec) - set(_FACET_KEYS) or not {"name", "label", "order"} <= set(spec):
        reader.problem(file, '"x-facet"', f"x-facet at {where} needs name, label and order (and optionally search_order), nothing else")
        return None
    wrong = [k for k, kind in _FACET_KEYS.items() if k in spec and (not isinstance(spec[k], kind) or isinstance(spec[k], bool))]
    if wrong or not _NAME.fullmatch(spec["name"]) or not spec["label"].strip():
        reader.problem(file, '"x-facet"', f"x-facet at {where}: name is a lowercase word (like 'topic'), label is text, order a whole number")
        return None
    if not isinstance(node.get("x-ref"), str):
        reader.problem(file, '"x-facet"', f"x-facet at {where} needs an x-ref: the file or vocabulary its values come from")
        return None
    many = node.get("type") == "array"
    return Facet(spec["name"], path[0], spec["label"], spec["order"], node["x-ref"], many, spec.get("search_order"))


def _columns(reader: _Reader, file: str, name: str, node: dict[str, Any]) -> list[Column]:
    spec = node.get("x-export")
    if spec is False:
        return []
    if isinstance(spec, dict) and spec and all(isinstance(k, str) and isinstance(v, str) for k, v in spec.items()):
        return [Column(column, name, key) for column, key in spec.items()]
    if spec is not None:
        reader.problem(file, '"x-export"', f"x-export of '{name}' must be false or a mapping of column names to keys")
        return []
    if node.get("type") == "object":
        reader.problem(file, f'"{name}"', f"'{name}' is a mapping: give it an x-export (columns to keys), or x-export: false")
        return []
    return [Column(name, name)]
