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
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog.paths import SCHEMA_DIR as DEFAULT_SCHEMA_DIR
from pet_generator.catalog.urls import is_reserved_name

# A catalog may bring schemas of its own in <catalog>/schema/: each file there replaces the
# project's file of the same name (catalog/schema/), the others stay the project's. So a
# catalog can add a facet without a copy of every schema, and can never drop a check by
# leaving a file out.
SCHEMA_FOLDER = "schema"

# The annotation keywords, and what each means (also the field reference's key).
KEYWORDS = {
    "x-ref": "the value (or each value of a list) is an id in another file: `competencies`, or a vocabulary such as `taxonomy.topics`",
    "x-facet": (
        "a filter of the resource list and of site search: `name` (in addresses), `label`, `order`; optionally `search_order` to offer it"
        " on the search page, `group: true` to group the list under its values (one facet, one value each), `row` to show its labels in"
        " each row (`meta`: after publisher and year; `line`: a line of their own, after the words in `lead`, kept out of search with"
        " `navigation: true`), `json_ld` for the schema.org property of the resource's page it fills (keywords or audience)"
    ),
    "x-url": "an address, checked like every link (http, https or mailto; no private hosts)",
    "x-export": "how a mapping field becomes CSV columns (`{column: key}`), or `false` to leave a field out of the CSV",
    "x-title": 'the field that names an entry; "What\'s new" lists added, removed and changed entries of files with one',
    "x-bookkeeping": 'a date kept for maintainers; "What\'s new" does not count a change to it',
    "x-collection": (
        'at the top of a schema: "required" when every catalog must have the file it describes (each `NAME.schema.json` but'
        " `common` describes `NAME.yaml`; the others are optional)"
    ),
    "x-message": (
        "what the validator says when a value breaks this node's rule: text, or {keyword: text} for one keyword's rule;"
        " {where} is the field, {value} the value, {limit} the keyword's own value (a pattern, a number), {error} the validator's words"
    ),
}
# The one annotation the validator keeps (strip()): it words an error and changes no check
# (JSON Schema ignores keywords it does not know).
MESSAGE = "x-message"
_FACET_KEYS = {
    "name": str,
    "label": str,
    "order": int,
    "search_order": int,
    "group": bool,
    "row": str,
    "lead": str,
    "navigation": bool,
    "json_ld": str,
}
# How a resource row shows a facet's labels: after publisher and year ("meta"), or on a line of
# their own ("line", after the facet's `lead` words); a facet without `row` is not shown in rows.
ROW_PLACES = ("meta", "line")
# Which schema.org property of a resource page's JSON-LD a facet's labels fill.
JSON_LD_PROPERTIES = ("keywords", "audience")
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
    group: bool = False  # the resource list is grouped under this facet's values
    row: str | None = None  # where a row shows the labels: "meta" or "line" (ROW_PLACES), or not at all
    lead: str = ""  # the words before a "line" facet's labels, e.g. "Topics"
    navigation: bool = False  # a "line" that only leads elsewhere: kept out of the search index
    json_ld: str | None = None  # the schema.org property of a resource page these labels fill


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    key: str | None = None  # for a mapping field: the key inside it


@dataclass(frozen=True)
class Rule:
    """A check across fields that a schema cannot say, from rules.json beside the schemas: which
    generic check (RULE_CHECKS), on which collections and fields, and what to tell maintainers."""

    check: str
    collections: tuple[str, ...]
    field: str = ""  # where the check looks inside an entry
    declared: str = ""  # "slots-declared": the list of {id: ...} entries that declares the slots
    message: str = ""  # {value} stands for the value found


# The generic checks a rule can name (macros/pet_generator/catalog/loader.py runs them), and the keys each needs.
RULE_CHECKS = {
    "slots-declared": ("collections", "field", "declared", "message"),  # each [[slot]] under `field` has an entry in `declared`
    "link-evidence": ("collections",),  # each url carries its evidence; no address is a staging or archive copy
}
RULES_FILE = "rules.json"
# The resource fields the generator itself relies on (its contract with any schema): a schema
# that stops requiring one is refused, rather than a build that fails on a resource without it.
# Every other field, facet and type is read from the schemas and the taxonomy.
GENERATOR_FIELDS = ("id", "title", "source")


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
    rules: tuple[Rule, ...] = ()
    problems: tuple[Problem, ...] = ()

    def rules_for(self, check: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.check == check)

    def facet(self, name: str) -> Facet:
        """A facet by its name or its field (competency or competencies)."""
        for f in self.facets:
            if name in (f.name, f.field):
                return f
        raise KeyError(name)

    def facet_to(self, target: str) -> Facet | None:
        """The first facet whose values are ids in `target` (a collection or vocabulary), if any."""
        return next((f for f in self.facets if f.target == target), None)

    def facet_name_to(self, target: str) -> str | None:
        facet = self.facet_to(target)
        return facet.name if facet else None

    @property
    def group_facet(self) -> Facet | None:
        """The facet the resource list is grouped by (x-facet group: true), if one is."""
        return next((f for f in self.facets if f.group), None)

    def row_facets(self, place: str) -> tuple[Facet, ...]:
        """The facets a resource row shows "meta" (after publisher and year) or as a "line"."""
        return tuple(f for f in self.facets if f.row == place)

    def fields_to(self, collection: str, target: str) -> tuple[str, ...]:
        """The top-level fields of `collection` whose values are ids in `target` (x-ref)."""
        return tuple(dict.fromkeys(r.field for r in self.references if r.collection == collection and r.target == target))

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
# The digests of schema texts already found to be valid JSON Schemas. Checking one against the
# meta-schema is most of the cost of reading the model; a copy of a catalog in another folder
# (each test's, each edition's) has the same texts and need not pay it again.
_VALID_SCHEMAS: set[str] = set()
SHARED_DEFINITIONS = "common.schema.json"  # definitions the other schemas refer to; no file of its own


@dataclass(frozen=True)
class Collections:
    """The catalog's files, read from the schema folder: each NAME.schema.json (but the shared
    definitions) describes NAME.yaml. Required files first, then optional ones, each by name."""

    required: tuple[str, ...]
    optional: tuple[str, ...]
    single: frozenset[str]  # a mapping (the schema's root is an object) rather than a list of entries

    @property
    def names(self) -> tuple[str, ...]:
        return self.required + self.optional


def collections_in(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> Collections:
    """What the schemas in `schema_dir` say the catalog's files are (x-collection, the root type).
    A schema that cannot be read counts as an optional list here; load_model reports it."""
    required: list[str] = []
    optional: list[str] = []
    single: set[str] = set()
    for path in sorted(schema_dir.glob("*.schema.json")):
        if path.name == SHARED_DEFINITIONS:
            continue
        name = path.name.removesuffix(".schema.json")
        try:
            schema = json.loads(catalog_files.read_regular(path))
        except (catalog_files.FileRefused, UnicodeDecodeError, ValueError):
            schema = {}
        schema = schema if isinstance(schema, dict) else {}
        (required if schema.get("x-collection") == "required" else optional).append(name)
        if schema.get("type") == "object":
            single.add(name)
    return Collections(tuple(required), tuple(optional), frozenset(single))


def load_model(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> Model:
    """The model of the project's schemas overlaid with those in `schema_dir`, read again
    whenever a schema file changes (the live preview picks up schema edits). Files are read as
    the catalog is (regular files only, size-limited): a catalog's schema folder arrives by pull
    request too. A schema that cannot be read or is no JSON Schema becomes a Problem."""
    schema_dir = Path(schema_dir).resolve()
    paths = {p.name: p for p in sorted(DEFAULT_SCHEMA_DIR.glob("*.schema.json"))}
    paths[RULES_FILE] = DEFAULT_SCHEMA_DIR / RULES_FILE
    if schema_dir != DEFAULT_SCHEMA_DIR:
        paths.update((p.name, p) for p in sorted(schema_dir.glob("*.schema.json")))
        if (schema_dir / RULES_FILE).exists():
            paths[RULES_FILE] = schema_dir / RULES_FILE
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
            if name != RULES_FILE:
                _check_schema(text, schemas[name])
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


def _check_schema(text: bytes, schema: Any) -> None:
    """Raise SchemaError unless `schema` (parsed from `text`) is a valid JSON Schema."""
    digest = hashlib.sha256(text).hexdigest()
    if digest not in _VALID_SCHEMAS:
        Draft202012Validator.check_schema(schema)
        _VALID_SCHEMAS.add(digest)


def strip(schema: Any) -> Any:
    """The schema without annotation keywords, as the validator sees it."""
    if isinstance(schema, dict):
        return {k: strip(v) if k != MESSAGE else v for k, v in schema.items() if not (isinstance(k, str) and k.startswith("x-") and k != MESSAGE)}
    if isinstance(schema, list):
        return [strip(s) for s in schema]
    return schema


def facet_values(resource: Mapping[str, Any], facet: Facet) -> list[str]:
    """A resource's value ids for one facet (none, one or several), in the catalog's order."""
    value = resource.get(facet.field)
    return list(value) if isinstance(value, list) else [value] if value else []


def referring(cat: Any, collection: str, target: str, target_id: str) -> list[Any]:
    """The entries of `collection` that name `target_id` in a field referring to `target`
    (x-ref), e.g. the resources that support one competency."""
    fields = cat.model.fields_to(collection, target)
    return [e for e in cat[collection] if any(target_id in _ids(e.get(f)) for f in fields)]


def _ids(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def term_mapping(cat: Any, resource: Mapping[str, Any], key: str) -> str | None:
    """What a resource maps to in another vocabulary, as the taxonomy says: the `key` (csl,
    schema_org) of the first of its facet values whose term has one, facets in their order."""
    for f in cat.model.facets:
        for v in facet_values(resource, f):
            term = cat.by_id.get(f.target, {}).get(v)
            if isinstance(term, dict) and isinstance(term.get(key), str):
                return str(term[key])
    return None


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

    def problem_at(self, file: str, needles: tuple[str, ...], message: str) -> None:
        """Report at the last of `needles`, each looked for after the one before (a property's
        key, then its keyword, then a value): where the maintainer has to change something."""
        text, at = self.texts.get(file, ""), 0
        for needle in needles:
            found = text.find(needle, at)
            if found < 0:
                break
            at = found
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
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
                message = node.get(MESSAGE)
                if message is not None and not (
                    isinstance(message, str) or (isinstance(message, dict) and all(isinstance(v, str) for v in message.values()))
                ):
                    self.problem(file, f'"{MESSAGE}"', f"{MESSAGE} at {where or '/'} must be text, or a mapping of keywords to text")


def _nodes(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for k, v in node.items():
            yield from _nodes(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _nodes(v, f"{where}/{i}")


def _read(schema_dir: Path, digest: str, schemas: dict[str, Any], texts: dict[str, str], paths: dict[str, Path], problems: list[Problem]) -> Model:
    rules_data = schemas.pop(RULES_FILE, {})
    reader = _Reader(schemas, texts, paths, problems)
    reader.check_keywords()
    collections = sorted(n.removesuffix(".schema.json") for n in schemas if n != "common.schema.json")
    rules = _rules(reader, rules_data, set(collections))
    taxonomy = schemas.get("taxonomy.schema.json", {}).get("properties", {})
    references: list[Reference] = []
    url_paths: dict[str, set[tuple[str, ...]]] = {}
    facets: list[Facet] = []
    columns: list[Column] = []
    defaults: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    bookkeeping: set[str] = set()
    dropped: set[str] = set()  # resource fields with no CSV column (x-export: false)
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
            if collection == "resources" and top and path[0] not in {c.field for c in columns} | dropped:
                # once per field: the walk also yields a field's allOf/oneOf branches at its path
                found = _columns(reader, file, path[0], node)
                columns += found
                dropped.update(() if found else (path[0],))
    resources = schemas.get("resources.schema.json", {})
    entry = resources.get("items") if isinstance(resources.get("items"), dict) else {}
    missing = [f for f in GENERATOR_FIELDS if f not in (entry.get("required") or [])]
    if missing and "resources.schema.json" in schemas:  # a folder without it is reported elsewhere, never a crash here
        reader.problem("resources.schema.json", '"required"',
            f"resources must require {', '.join(GENERATOR_FIELDS)}: every page, list and export names a resource by them (missing: {', '.join(missing)})")  # fmt: skip
    names = [f.name for f in facets]
    for name in {n for n in names if names.count(n) > 1}:
        reader.problem("resources.schema.json", f'"{name}"', f"two facets are named '{name}'; give each its own name")
    for extra in [f for f in facets if f.group][1:]:
        reader.problem("resources.schema.json", f'"{extra.field}"', f"x-facet of '{extra.field}': only one facet can group the list (group: true)")
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
        rules=rules,
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
    wrong = [k for k, kind in _FACET_KEYS.items() if k in spec and (not isinstance(spec[k], kind) or isinstance(spec[k], bool) != (kind is bool))]
    if wrong or not _NAME.fullmatch(spec["name"]) or not spec["label"].strip():
        reader.problem(file, '"x-facet"', f"x-facet at {where}: name is a lowercase word (like 'topic'), label is text, order a whole number")
        return None
    if is_reserved_name(spec["name"]):
        reader.problem_at(file, (f'"{path[0]}":', '"x-facet"', f'"{spec["name"]}"'),
            f"x-facet at {where}: the name '{spec['name']}' is already used by the site's pages, addresses or search; choose another name")  # fmt: skip
        return None
    if spec.get("row") not in (None, *ROW_PLACES) or spec.get("json_ld") not in (None, *JSON_LD_PROPERTIES):
        reader.problem_at(file, (f'"{path[0]}":', '"x-facet"'),
            f"x-facet at {where}: row is one of {', '.join(ROW_PLACES)}; json_ld one of {', '.join(JSON_LD_PROPERTIES)}")  # fmt: skip
        return None
    if not isinstance(node.get("x-ref"), str):
        reader.problem(file, '"x-facet"', f"x-facet at {where} needs an x-ref: the file or vocabulary its values come from")
        return None
    many = node.get("type") == "array"
    if spec.get("group") and many:
        reader.problem_at(
            file, (f'"{path[0]}":', '"x-facet"'), f"x-facet at {where}: a list of values cannot group the list (group: true needs one value)"
        )
        return None
    return Facet(
        spec["name"], path[0], spec["label"], spec["order"], node["x-ref"], many, spec.get("search_order"),
        group=bool(spec.get("group")), row=spec.get("row"), lead=spec.get("lead") or spec["label"],
        navigation=bool(spec.get("navigation")), json_ld=spec.get("json_ld"),
    )  # fmt: skip


def _rules(reader: _Reader, data: Any, collections: set[str]) -> tuple[Rule, ...]:
    """rules.json: {"checks": [{"check": NAME, "collections": [...], ...}, ...]}, each checked
    against RULE_CHECKS, so a misspelt rule is an error rather than a check that never runs."""
    checks = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(checks, list):
        reader.problem(RULES_FILE, '"checks"', 'rules.json needs "checks": a list of rules')
        return ()
    rules = []
    for n, spec in enumerate(checks):
        needs = RULE_CHECKS.get(str(spec.get("check"))) if isinstance(spec, dict) else None
        if needs is None:
            reader.problem(RULES_FILE, f'"{spec.get("check") if isinstance(spec, dict) else spec}"',
                f"rule {n + 1}: 'check' is one of {', '.join(RULE_CHECKS)}")  # fmt: skip
            continue
        wrong = [k for k in spec if k not in (*needs, "check", "$comment")] + [k for k in needs if not spec.get(k)]
        named = spec.get("collections")
        if wrong or not isinstance(named, list) or not all(isinstance(c, str) and c in collections for c in named):
            reader.problem(RULES_FILE, f'"{spec["check"]}"',
                f"rule {n + 1} ({spec['check']}) takes {', '.join(needs)}, each filled in, and collections that have schemas")  # fmt: skip
            continue
        if not all(isinstance(spec.get(k, ""), str) for k in ("field", "declared", "message")):
            reader.problem(RULES_FILE, f'"{spec["check"]}"', f"rule {n + 1}: field, declared and message are text")
            continue
        rules.append(Rule(spec["check"], tuple(named), spec.get("field", ""), spec.get("declared", ""), spec.get("message", "")))
    return tuple(rules)


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
