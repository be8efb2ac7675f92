"""Load and validate the whole catalog once, reporting every problem as file:line:col."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from pet_generator.catalog import address_fields, dates, link_evidence, reviews, safety, side_files, strict_yaml, urls
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog.addresses import check_url
from pet_generator.catalog.model import MESSAGE, Model, collections_in, load_model, schema_dir_for, strip
from pet_generator.catalog.paths import DEFAULT_CATALOG, GENERATOR_DOCS  # noqa: F401  (DEFAULT_CATALOG is re-exported)
from pet_generator.catalog.reserved import reserved_id_problem
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# Every catalog file, in the order errors are reported. Optional files default to empty,
# so another organization can start with a small catalog.
# The catalog's files come from the schema folder (model.collections_in): a new NAME.schema.json
# is a new file NAME.yaml, and `"x-collection": "required"` makes it one every catalog must have.
_COLLECTIONS = collections_in()
REQUIRED, OPTIONAL, SINGLE = _COLLECTIONS.required, _COLLECTIONS.optional, _COLLECTIONS.single
COLLECTIONS = _COLLECTIONS.names

# Cross-file references (x-ref) and address fields (x-url) are declared in the schemas (model.py).
# Invisible controls, line separators and noncharacters (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF), which XML forbids or discourages.
# A handout placeholder, [[name]]: the validator checks each is declared; handouts.py fills them.
HANDOUT_SLOT = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufdd0-\ufdef" + "".join(chr(p | 0xFFFE) + chr(p | 0xFFFF) for p in range(0, 0x110000, 0x10000)) + "]"
)


@dataclass(frozen=True, order=True)
class CatalogError:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class CatalogInvalid(Exception):
    def __init__(self, errors: list[CatalogError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(map(str, self.errors)))


@dataclass
class Catalog:
    """The validated catalog: collections as plain dicts and lists, plus id indexes."""

    root: Path
    data: dict[str, Any]
    by_id: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    model: Model = field(init=False, repr=False)  # fields, references and facets, from the schemas

    def __post_init__(self) -> None:
        self.model = load_model(schema_dir_for(self.root))
        for name in COLLECTIONS:
            if name not in SINGLE:
                self.by_id[name] = {e["id"]: e for e in self.data.get(name, [])}
        for vocab, terms in self.data.get("taxonomy", {}).items():
            self.by_id[f"taxonomy.{vocab}"] = {t["id"]: t for t in terms}

    def __getitem__(self, name: str) -> Any:
        return self.data[name]

    def get(self, collection: str, entity_id: str) -> Any:  # a record of that collection (records.py)
        try:
            return self.by_id[collection][entity_id]
        except KeyError:
            raise KeyError(f"no {collection} entry with id '{entity_id}'") from None


def display_path(path: Path) -> str:
    """Paths as maintainers see them: relative to the folder they ran the command from (the
    scripts pass it in PET_CALLER_DIR), such as `../our-toolkit/catalog/x.yaml`, unless the
    whole path is shorter (`/tmp/x/catalog/x.yaml`, not `../../../tmp/x/catalog/x.yaml`)."""
    full = os.path.abspath(path)
    try:
        relative = os.path.relpath(full, os.path.abspath(os.environ.get("PET_CALLER_DIR") or os.curdir))
    except ValueError:  # another drive on Windows
        return full
    return relative if len(relative) <= len(full) else full


def _ecma_regex(pattern: str) -> str:
    """A JSON Schema pattern is an ECMA-262 regex, where `$` ends the whole text; in Python
    `$` also matches before a final newline, which let "an-id\\n" pass. Use `\\Z` instead."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "$":
            c = r"\Z"
        out.append(c)
        i += 1
    return "".join(out)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(_ecma_regex(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _regex(pattern).search(instance):
        yield ValidationError(f"does not match {pattern!r}")


def _unique_items(validator: Any, unique: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """Linear, unlike jsonschema's, which compares every pair when items cannot be sorted."""
    if not unique or not isinstance(instance, list):
        return
    seen: set[str] = set()
    for item in instance:
        key = json.dumps(item, sort_keys=True)  # JSON equality: true and 1 stay different
        if key in seen:
            yield ValidationError("has non-unique elements")
            return
        seen.add(key)


_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _real_date(value: object) -> bool:
    """2026-02-31 has the right shape but is no day; the pattern reports a wrong shape."""
    if isinstance(value, str) and _DATE_SHAPE.fullmatch(value):
        datetime.date.fromisoformat(value)
    return True


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern, "uniqueItems": _unique_items})


_VALIDATORS: dict[tuple[Path, str], dict[str, Any]] = {}


def _validators(model: Model | None = None) -> dict[str, Any]:
    """Every collection's validator, and those of the JSON files the build reads, for one set of
    schemas. They see the schemas without annotation keywords (x-ref, x-facet, ...): those
    describe the model and must never change what validates."""
    model = model or load_model()
    key = (model.schema_dir, model.digest)
    if key not in _VALIDATORS:
        schemas = {name: strip(s) for name, s in model.schemas.items()}
        schemas.update(side_files.SCHEMAS)
        registry = Registry().with_resources((name, Resource.from_contents(s, default_specification=DRAFT202012)) for name, s in schemas.items())
        names = (*COLLECTIONS, *side_files.NAMES)
        while len(_VALIDATORS) >= 4:  # the live preview makes a set per schema edit: keep the last few
            _VALIDATORS.pop(next(iter(_VALIDATORS)))
        _VALIDATORS[key] = {
            name: _Validator(_inline_refs(schemas[f"{name}.schema.json"], f"{name}.schema.json", schemas), registry=registry, format_checker=FORMATS)
            for name in names
            if f"{name}.schema.json" in schemas
        }
    return _VALIDATORS[key]


_ANNOTATIONS = {"description", "title", "$comment", "examples", "default"}
_DATA_KEYWORDS = {"$ref", "enum", "const", "examples", "default"}  # values that are data, not schemas


def _inline_refs(schema: Any, doc: str, schemas: dict[str, Any], stack: tuple[str, ...] = ()) -> Any:
    """Replace each $ref with the schema it points to, so validation does not resolve
    ~20 references per resource (half the time at 10,000 resources). Errors are the same:
    a $ref's errors were always reported with the target's keywords and values."""
    if isinstance(schema, list):
        return [_inline_refs(s, doc, schemas, stack) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: v if k in _DATA_KEYWORDS else _inline_refs(v, doc, schemas, stack) for k, v in schema.items()}
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return out
    target_doc, _, pointer = ref.partition("#")
    target_doc = target_doc or doc
    absolute = f"{target_doc}#{pointer}"
    if absolute in stack or target_doc not in schemas:
        out["$ref"] = absolute  # recursive (or unknown): leave it to the registry
        return out
    target: Any = schemas[target_doc]
    for part in filter(None, pointer.split("/")):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    inlined = _inline_refs(target, target_doc, schemas, (*stack, absolute))
    siblings = {k: v for k, v in out.items() if k != "$ref" and k not in _ANNOTATIONS}
    return {"allOf": [inlined], **siblings} if siblings else inlined


def load_catalog(root: str | Path) -> Catalog:
    """Load, validate and cross-check the catalog; raise CatalogInvalid listing every error."""
    catalog, errors = check_catalog(root)
    if errors or catalog is None:
        raise CatalogInvalid(errors)
    return catalog


def check_catalog(root: str | Path) -> tuple[Catalog | None, list[CatalogError]]:
    root = Path(root)
    if os.path.islink(root) or not root.is_dir():
        return None, [CatalogError(display_path(root), 1, 1, "catalog folder not found (or a link); pass --catalog DIR")]
    files = {name: root / f"{name}.yaml" for name in COLLECTIONS}
    errors = [
        CatalogError(display_path(m.path), 1, 1, m.message) for m in catalog_files.scan(root, {p.name for p in files.values()} | {reviews.FILE})
    ]
    model = load_model(schema_dir_for(root))
    errors += [CatalogError(display_path(p.file), p.line, p.col, p.message) for p in model.problems]
    reader = _Reader()
    raw = reader.read([*files.values(), reviews.path(root)])
    raw.update(reader.read([side_files.link_report_path(root), root.joinpath(*side_files.LINK_HISTORY)], side=True))
    digest = _digest(root, raw, model)
    seen = _VALIDATED.get(root.resolve()) or _handed_over(root.resolve())
    if not errors and not reader.errors and seen and seen[0] == digest:  # unchanged since it passed: skip all checks
        return Catalog(root=root, data=json.loads(seen[1])), []
    data: dict[str, Any] = {}
    marks: dict[str, dict[strict_yaml.Path, tuple[int, int]]] = {}
    values_left = strict_yaml.MAX_VALUES
    for name, path in files.items():
        shown = display_path(path)
        data[name] = {} if name in SINGLE else []
        marks[name] = {}
        if path not in raw:
            if name in REQUIRED and not os.path.lexists(path):
                errors.append(CatalogError(shown, 1, 1, f"missing required file {path.name}; copy it from catalog/templates/"))
            continue
        value, file_marks, file_errors = _parse(raw[path], shown, values_left)
        errors += file_errors
        marks[name] = file_marks
        values_left -= strict_yaml.count_values(file_marks)
        if not file_errors:
            file_errors = _too_many_entries(value, file_marks, shown)
            errors += file_errors
        if file_errors:
            continue
        schema_errors = list(_schema_errors(name, value, file_marks, shown, model))
        errors += schema_errors
        data[name] = value if not schema_errors else _salvage(name, value)
    errors += _check_ids_and_references(data, marks, files, model)
    errors += _check_slots_declared(data, marks, files, model)
    errors += _check_strings(data, marks, files, model)
    errors += _check_link_evidence(data, marks, files, model)
    errors += _check_reviews(root, raw, data, marks, files)
    taken = {(e.file, e.line, e.col) for e in errors}  # a schema that words its own message already said it
    errors += [e for e in _check_safety_rules(data, marks, files) if (e.file, e.line, e.col) not in taken]
    side_values_left = strict_yaml.MAX_SIDE_VALUES  # the side files share a budget of their own
    for name, path in _side_files(root, data).items():
        raw.update(reader.read([path], side=True))
        if path in raw:
            _, side_errors, used = _check_side_file(name, raw[path], display_path(path), side_values_left, model)
            errors += side_errors
            side_values_left -= used
    errors += reader.errors
    if errors:
        return None, _capped(sorted(set(errors)))
    _remember(root.resolve(), digest, data)
    return Catalog(root=root, data=data), []


def _side_files(root: Path, data: dict[str, Any]) -> dict[str, Path]:
    """The JSON files the build will read for this catalog (they may not exist)."""
    out = {"link_report": side_files.link_report_path(root), "link_history": root.joinpath(*side_files.LINK_HISTORY)}
    previous = (data.get("edition") or {}).get("previous_year")
    if isinstance(previous, int):
        out["edition_baseline"] = side_files.baseline_path(root, previous)
    return out


class _Reader:
    """Reads the files the checks need: regular files only, each and all within the limits.
    A side file (baseline, link report) has its own, larger limit and is not in the total."""

    def __init__(self) -> None:
        self.total = 0
        self.errors: list[CatalogError] = []

    def read(self, paths: list[Path], side: bool = False) -> dict[Path, bytes]:
        raw: dict[Path, bytes] = {}
        for path in paths:
            if not os.path.lexists(path):
                continue
            try:
                data = catalog_files.read_regular(path, catalog_files.MAX_SIDE_FILE_BYTES if side else catalog_files.MAX_FILE_BYTES)
            except catalog_files.FileRefused as exc:
                self.errors.append(CatalogError(display_path(path), 1, 1, str(exc)))
                continue
            if side:
                raw[path] = data
                continue
            self.total += len(data)
            if self.total > catalog_files.MAX_TOTAL_BYTES:
                limit = catalog_files.MAX_TOTAL_BYTES // 1048576
                self.errors.append(
                    CatalogError(
                        display_path(path),
                        1,
                        1,
                        f"with this file the catalog's files add up to more than {limit} MB; split the catalog or remove entries",
                    )
                )
                continue
            raw[path] = data
        return raw


MAX_ERRORS_PER_FILE = 200
MAX_ENTRIES = 15_000  # per file; checking is linear, this keeps the worst case in seconds


def _capped(errors: list[CatalogError]) -> list[CatalogError]:
    """At most MAX_ERRORS_PER_FILE per file, then one line saying more follow."""
    out: list[CatalogError] = []
    per_file: dict[str, int] = {}
    for e in errors:
        n = per_file[e.file] = per_file.get(e.file, 0) + 1
        if n <= MAX_ERRORS_PER_FILE:
            out.append(e)
        elif n == MAX_ERRORS_PER_FILE + 1:
            out.append(
                CatalogError(
                    e.file,
                    e.line,
                    e.col,
                    f"more errors follow in this file (only the first {MAX_ERRORS_PER_FILE} are listed); fix these and check again",
                )
            )
    return out


def load_side_file(name: str, path: Path) -> Any:
    """A baseline or link report, read and checked like the catalog; None if there is none.

    Raises CatalogInvalid with positioned errors when it is not what the build expects."""
    if not os.path.lexists(path):
        return None
    shown = display_path(path)
    try:
        raw = catalog_files.read_regular(path, catalog_files.MAX_SIDE_FILE_BYTES)
    except catalog_files.FileRefused as exc:
        raise CatalogInvalid([CatalogError(shown, 1, 1, str(exc))]) from None
    value, errors, _ = _check_side_file(name, raw, shown)
    if errors:
        raise CatalogInvalid(errors)
    return value


def _check_side_file(
    name: str, raw: bytes, shown: str, max_values: int = strict_yaml.MAX_SIDE_VALUES, model: Model | None = None
) -> tuple[Any, list[CatalogError], int]:
    """(value, errors, values used) for a baseline or link report."""
    value, file_marks, errors = _parse(raw, shown, max_values)
    if not errors:
        errors = _too_many_entries(value, file_marks, shown) or list(_schema_errors(name, value, file_marks, shown, model))
    if not errors and name == "link_report" and (why := dates.future_problem("checked_at", value.get("checked_at"))):
        errors = [CatalogError(shown, *_mark(file_marks, ("checked_at",)), why)]
    return value, errors, strict_yaml.count_values(file_marks)


def _too_many_entries(value: Any, file_marks: dict, shown: str) -> list[CatalogError]:
    """A list of entries (the file itself, or one under a top-level key) longer than
    MAX_ENTRIES is refused before the schema check, which would take seconds per 10,000."""
    lists = (
        [((), value)] if isinstance(value, list) else [((k,), v) for k, v in value.items() if isinstance(v, list)] if isinstance(value, dict) else []
    )
    for path, entries in lists:
        if len(entries) > MAX_ENTRIES:
            line, col = _mark(file_marks, (*path, MAX_ENTRIES))
            return [
                CatalogError(
                    shown,
                    line,
                    col,
                    f"more than {MAX_ENTRIES:,} entries in one list; the catalog is built for up to 10,000 resources: remove entries",
                )
            ]
    return []


# Catalogs that passed in this process, by folder: (digest of their files, data as JSON).
# A build checks the catalog, then post-build steps load it again; at 10,000 resources each
# full check takes seconds. Every hit returns a fresh copy, so callers may change it freely.
_VALIDATED: dict[Path, tuple[str, str]] = {}


def _digest(root: Path, raw: dict[Path, bytes], model: Model) -> str:
    """The files read so far, the schemas, and each baseline's size and time (read only after parsing)."""
    h = hashlib.sha256(f"{model.schema_dir}\0{model.digest}\0".encode())
    for path in sorted(raw):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + raw[path] + b"\0")
    editions = root / side_files.BASELINE_DIR
    if editions.is_dir() and not editions.is_symlink():
        for entry in sorted(os.scandir(editions), key=lambda e: e.name):
            st = entry.stat(follow_symlinks=False)
            h.update(f"{entry.name}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


# The build validates the catalog, then runs MkDocs as a child process, which loads it again.
# The parent hands its result over in a file named by this variable, so the child skips a
# second full check (about 4 s of a 10,000-resource build). The digest still has to match
# the files on disk, so an edited catalog is always checked again.
HANDOVER_ENV = "PET_VALIDATED_CATALOG"


def hand_over(root: str | Path, path: Path) -> dict[str, str]:
    """Write what this process validated for `root` to `path`; returns the env for a child."""
    root = Path(root).resolve()
    digest, data = _VALIDATED[root]
    path.write_text(json.dumps({"root": str(root), "digest": digest, "data": data}), "utf-8")
    return {HANDOVER_ENV: str(path)}


def _handed_over(root: Path) -> tuple[str, str] | None:
    path = os.environ.get(HANDOVER_ENV)
    if not path:
        return None
    try:
        handed = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return (handed["digest"], handed["data"]) if handed.get("root") == str(root) else None


def _remember(root: Path, digest: str, data: dict[str, Any]) -> None:
    _VALIDATED.pop(root, None)
    _VALIDATED[root] = (digest, json.dumps(data, ensure_ascii=False))
    while len(_VALIDATED) > 4:
        _VALIDATED.pop(next(iter(_VALIDATED)))


def _parse(raw: bytes, shown: str, max_values: int = strict_yaml.MAX_VALUES) -> tuple[Any, dict, list[CatalogError]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, {}, [CatalogError(shown, line, col, "file is not UTF-8 text; save it with UTF-8 encoding")]
    try:
        value, file_marks = strict_yaml.load(text, max_values)
    except strict_yaml.StrictYAMLError as exc:
        p = exc.problem
        return None, {}, [CatalogError(shown, p.line, p.col, p.message)]
    return value, file_marks, []


def _salvage(name: str, value: Any) -> Any:
    """Keep well-formed entities so reference checks still run after schema errors."""
    if name in SINGLE:
        return value if isinstance(value, dict) else {}
    if not isinstance(value, list):
        return []
    return [e for e in value if isinstance(e, dict) and isinstance(e.get("id"), str)]


def _mark(file_marks: dict, path: tuple, key: bool = False) -> tuple[int, int]:
    if key and (*path, "<key>") in file_marks:
        return file_marks[(*path, "<key>")]
    while path and path not in file_marks:
        path = path[:-1]
    return file_marks.get(path, (1, 1))


def _schema_errors(name: str, value: Any, file_marks: dict, shown: str, model: Model | None = None) -> Iterator[CatalogError]:
    validator = _validators(model).get(name)
    if validator is None:
        return
    shown_errors = 0
    for error in validator.iter_errors(value):
        for path, message, on_key in _explain(error):
            line, col = _mark(file_marks, path, on_key)
            yield CatalogError(shown, line, col, message)
            shown_errors += 1
        if shown_errors > MAX_ERRORS_PER_FILE:  # _capped() says more follow; stop paying for them
            return


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "null",
    "boolean": "true or false",
}


_PLACEHOLDER = re.compile(r"\{(where|value|limit|error)\}")


def _schema_message(error: ValidationError, where: str) -> str | None:
    """The schema's own words for this error (x-message on the node whose rule failed, for all
    its keywords or for this one), with {where}, {value}, {limit} and {error} filled in."""
    own = error.schema.get(MESSAGE) if isinstance(error.schema, dict) else None
    text = own.get(str(error.validator)) if isinstance(own, dict) else own
    if not isinstance(text, str):
        return None
    words = {"where": where, "value": _short(error.instance), "limit": _short(error.validator_value), "error": error.message[:200]}
    return _PLACEHOLDER.sub(lambda m: words[m.group(1)], text)


def _explain(error: ValidationError) -> Iterator[tuple[tuple, str, bool]]:
    """Turn a jsonschema error into (path, plain message with a fix, points at key?). The words
    for a rule of this catalog are the schemas' own (x-message); these are the general ones."""
    path = tuple(error.absolute_path)
    where = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this entry"
    kind, inst, schema = error.validator, error.instance, error.schema
    custom = _schema_message(error, where)
    if custom and not (kind == "pattern" and inst == ""):  # an empty value is told as such, below
        yield path, custom, kind in ("additionalProperties", "not")
        return
    if kind == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        for extra in sorted(set(inst) - set(schema.get("properties", {}))):
            yield (*path, extra), f"unknown field {_short(extra)}; check the spelling (allowed: {allowed})", True
    elif kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        yield path, f"missing required field '{missing}'; add it to this entry", False
    elif kind == "type":
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(w, str(w)) for w in want)
        hint = "; put the value in quotes" if "string" in want and isinstance(inst, (bool, int, float)) else ""
        if "string" in want and inst is None:
            hint = "; fill it in, or remove the field"
        yield path, f"{where} must be {words}, not {_short(inst)}{hint}", False
    elif kind == "pattern":
        pattern = error.validator_value
        if inst == "":
            if not schema.get("minLength"):  # otherwise minLength already says it is empty
                yield path, f"{where} is empty; fill it in, or remove the field if it is optional", False
            return
        yield path, f"{where} {_short(inst)} has the wrong form (expected pattern {pattern})", False
    elif kind == "format" and error.validator_value == "date":
        yield path, f"{where} {_short(inst)} is not a real date (that month has no such day); check the day and the month", False
    elif kind == "minLength":
        yield path, f"{where} is empty; write some text or remove the field", False
    elif kind == "maxLength":
        yield path, f"{where} is too long ({len(inst)} characters; at most {error.validator_value}); shorten it", False
    elif kind == "enum":
        yield path, f"{where} {_short(inst)} is not allowed; use one of: {', '.join(map(str, error.validator_value))}", False
    elif kind == "uniqueItems":
        yield path, f"{where} lists the same value twice; remove the repeat", False
    elif kind == "minItems":
        yield path, f"{where} needs at least {error.validator_value} entr{'y' if error.validator_value == 1 else 'ies'}", False
    elif kind in ("minimum", "maximum"):
        yield path, f"{where} {_short(inst)} is out of range ({kind} {error.validator_value})", False
    elif kind == "dependentRequired":
        yield path, f"{where}: {error.message[:200]}; add the missing field", False
    elif kind == "const":
        yield path, f"{where} {_short(inst)} must be {_short(error.validator_value)} here", False
    elif kind is False or error.validator == "false" or (kind is None and schema is False):
        yield path, f"{where} is not allowed here; remove it", True
    elif kind == "oneOf":
        yield path, f"{where} does not have any of the forms allowed here; got {_short(inst)}", False
    else:
        yield path, f"{where}: {error.message[:200]}", False


def _values(value: Any, path: tuple[str, ...], at: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """The values at a reference's path inside one entry ("[]" steps into a list), with where."""
    if not path:
        yield at, value
    elif path[0] == "[]":
        for i, v in enumerate(value if isinstance(value, list) else []):
            yield from _values(v, path[1:], (*at, i))
    elif isinstance(value, dict) and value.get(path[0]) is not None:
        yield from _values(value[path[0]], path[1:], (*at, path[0]))


def _check_ids_and_references(data: dict[str, Any], marks: dict, files: dict[str, Path], model: Model) -> list[CatalogError]:
    errors: list[CatalogError] = []
    ids: dict[str, set[str]] = {}
    for name in COLLECTIONS:
        if name in SINGLE:
            continue
        seen: dict[str, int] = {}
        for i, entity in enumerate(data.get(name) or []):
            entity_id = entity.get("id") if isinstance(entity, dict) else None
            if not isinstance(entity_id, str):
                continue
            if entity_id.startswith(urls.ELEMENT_ID_PREFIX):
                line, col = _mark(marks[name], (i, "id"))
                errors.append(CatalogError(display_path(files[name]), line, col,
                    f"ids starting with '{urls.ELEMENT_ID_PREFIX}' are kept for the site's own page elements (search box, filters); choose another id"))  # fmt: skip
            if why := reserved_id_problem(name, entity_id):
                errors.append(CatalogError(display_path(files[name]), *_mark(marks[name], (i, "id")), why))
            if entity_id in seen:
                line, col = _mark(marks[name], (i, "id"))
                first = _mark(marks[name], (seen[entity_id], "id"))[0]
                errors.append(CatalogError(display_path(files[name]), line, col,
                    f"duplicate id {_short(entity_id)} (first used at line {first}); give this entry a different id"))  # fmt: skip
            else:
                seen[entity_id] = i
        ids[name] = set(seen)
    taxonomy = data.get("taxonomy") or {}
    for vocab, terms in taxonomy.items():
        ids[f"taxonomy.{vocab}"] = {t["id"] for t in terms if isinstance(t, dict) and "id" in t} if isinstance(terms, list) else set()
    for ref in model.references:  # x-ref in the schemas
        collection, target = ref.collection, ref.target
        if collection not in marks:
            continue
        entries = [((), data.get(collection))] if collection in SINGLE else [((i,), e) for i, e in enumerate(data.get(collection) or [])]
        for at, entity in entries:
            if not isinstance(entity, dict):
                continue
            for rel, value in _values(entity, ref.path):
                if isinstance(value, str) and value not in ids.get(target, set()):
                    line, col = _mark(marks[collection], (*at, *rel))
                    target_file = f"{target.partition('.')[0]}.yaml" + (f" ({target.partition('.')[2]})" if "." in target else "")
                    errors.append(CatalogError(display_path(files[collection]), line, col,
                        f"{_short(value)} is not an id in {target_file}; fix the spelling or add that entry first"))  # fmt: skip
    return errors


def _check_slots_declared(data: dict[str, Any], marks: dict, files: dict[str, Path], model: Model) -> list[CatalogError]:
    """rules.json "slots-declared": every [[slot]] under an entry's `field` has an entry in its
    `declared` list (the build refuses an undeclared one, so the validator says where it is first)."""
    errors: list[CatalogError] = []
    for rule in model.rules_for("slots-declared"):
        for collection in (c for c in rule.collections if c in files):  # a collection the loader reads
            for i, entry in enumerate(data.get(collection) or []):
                if not isinstance(entry, dict):
                    continue
                declared = {p.get("id") for p in entry.get(rule.declared) or [] if isinstance(p, dict)}
                for path, value in _walk(entry.get(rule.field), (i, rule.field)):
                    for name in sorted({m.group(1) for m in HANDOUT_SLOT.finditer(value)} - declared) if isinstance(value, str) else ():
                        line, col = _mark(marks[collection], path)
                        errors.append(CatalogError(display_path(files[collection]), line, col, rule.message.replace("{value}", name)))
    return errors


def _walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))
    else:
        yield path, value


def _check_strings(data: dict[str, Any], marks: dict, files: dict[str, Path], model: Model) -> list[CatalogError]:
    errors: list[CatalogError] = []
    for name in COLLECTIONS:
        shown = display_path(files[name])
        addresses = address_fields.url_paths(model, name)  # x-url in the catalog's schemas or the project's
        address_keys = {p[-1] for p in addresses}
        for path, value in _walk(data.get(name)):
            if not isinstance(value, str):
                continue
            key = next((p for p in reversed(path) if isinstance(p, str)), "")
            if key in dates.DONE_FIELDS and path[-1] == key and (future := dates.future_problem(key, value)):
                errors.append(CatalogError(shown, *_mark(marks[name], path), future))
            if key in address_keys and tuple(p for p in path if isinstance(p, str)) in addresses:
                why = check_url(value)
                if why:
                    line, col = _mark(marks[name], path)
                    errors.append(CatalogError(shown, line, col, f"url {_short(value)} {why}; use the publisher's https:// address or null"))
            if _CONTROL.search(value):
                line, col = _mark(marks[name], path)
                errors.append(CatalogError(shown, line, col, f"'{key}' contains an invisible control character; retype the text"))
    return errors


def _check_safety_rules(data: dict[str, Any], marks: dict, files: dict[str, Path]) -> list[CatalogError]:
    """Ids and the site's address, checked in code (safety.py): a catalog's own schema cannot
    loosen them. Messages match the project schema's, so a catalog using it sees each once."""
    errors: list[CatalogError] = []

    def report(name: str, path: tuple, message: str) -> None:
        errors.append(CatalogError(display_path(files[name]), *_mark(marks[name], path), message))

    def check_id(name: str, path: tuple, value: Any) -> None:
        if value == "":
            report(name, path, "'id' is empty; fill it in, or remove the field if it is optional")
        elif isinstance(value, str) and len(value) > safety.MAX_ID_LENGTH:
            report(name, path, f"'id' is too long ({len(value)} characters; at most {safety.MAX_ID_LENGTH}); shorten it")
        elif safety.id_problem(value):
            report(name, path, f"'id' {_short(value)} is not a valid id: use lowercase letters, digits and single hyphens, like 'my-resource'")

    for name in COLLECTIONS:
        if name in SINGLE:
            continue
        for i, entity in enumerate(data.get(name) or []):
            if isinstance(entity, dict) and "id" in entity:
                check_id(name, (i, "id"), entity["id"])
    taxonomy = data.get("taxonomy")
    for vocab, terms in taxonomy.items() if isinstance(taxonomy, dict) else ():
        for i, term in enumerate(terms if isinstance(terms, list) else []):
            if isinstance(term, dict) and "id" in term:
                check_id("taxonomy", (vocab, i, "id"), term["id"])
    edition = data.get("edition")
    if isinstance(edition, dict):
        for base in ("site_url", "repository"):
            if why := safety.site_url_problem(edition.get(base), base):
                report("edition", (base,), why)
        if why := safety.email_problem(edition.get("contact_email")):
            report("edition", ("contact_email",), why)
    return errors


def _check_reviews(root: Path, raw: dict[Path, bytes], data: dict[str, Any], marks: dict, files: dict[str, Path]) -> list[CatalogError]:
    """reviews.yaml (macros/pet_generator/catalog/reviews.py): each review names a person, a real day not in
    the future and not before its record was added, and a record or page that exists. Records
    carry no `reviewed` field of their own: one file holds every review."""
    errors: list[CatalogError] = []
    for name in COLLECTIONS:
        if name in SINGLE:
            continue
        for i, entity in enumerate(data.get(name) or []):
            if isinstance(entity, dict) and "reviewed" in entity:
                line, col = _mark(marks[name], (i, "reviewed"), key=True)
                errors.append(CatalogError(display_path(files[name]), line, col,
                    "reviews are recorded in catalog/reviews.yaml, with the reviewer's name: remove this line and run "
                    f"scripts/review {name}:{entity.get('id')} --by \"Your Name\""))  # fmt: skip
    file = reviews.path(root)
    data["reviews"] = []
    if file not in raw:
        return errors
    shown = display_path(file)
    value, file_marks, parse_errors = _parse(raw[file], shown)
    if parse_errors:
        return errors + parse_errors
    docs = [root.parent / "docs", GENERATOR_DOCS]

    def record(collection: str, record_id: str) -> dict[str, Any] | None | bool:
        if collection == reviews.PAGE:
            return True if any((d / f"{record_id}.md").is_file() for d in docs) else None
        if collection in SINGLE or collection not in COLLECTIONS:
            return None
        if collection not in index:
            index[collection] = {e.get("id"): e for e in data.get(collection) or [] if isinstance(e, dict)}
        return index[collection].get(record_id)

    index: dict[str, dict[Any, dict[str, Any]]] = {}

    problems = list(reviews.check(value, record))
    for problem in problems:
        on_key = bool(problem.at) and problem.at[-1] == "<key>"
        line, col = _mark(file_marks, problem.at[:-1] if on_key else problem.at, key=on_key)
        errors.append(CatalogError(shown, line, col, problem.message))
    if not problems and isinstance(value, list):
        data["reviews"] = value
    return errors


def _check_link_evidence(data: dict[str, Any], marks: dict, files: dict[str, Path], model: Model) -> list[CatalogError]:
    """rules.json "link-evidence": in those collections every url carries its evidence
    (link_evidence), and no address (x-url) is a staging, backup or archive copy."""
    errors: list[CatalogError] = []
    for name in dict.fromkeys(c for rule in model.rules_for("link-evidence") for c in rule.collections if c in files):
        shown = display_path(files[name])

        def report(path: tuple, message: str, shown: str = shown, name: str = name) -> None:
            line, col = _mark(marks[name], path, key=path[-1] == "url_evidence")  # a whole mapping: point at its key
            errors.append(CatalogError(shown, line, col, message))

        for i, entity in enumerate(data.get(name) or []):
            if not isinstance(entity, dict):
                continue
            url, evidence = entity.get("url"), entity.get("url_evidence")
            for rel, message in link_evidence.evidence_problems(url if isinstance(url, str) else None, evidence):
                report((i, *rel), message)
            for path, address in _walk(entity, (i,)):
                why = link_evidence.copy_host_reason(address) if isinstance(address, str) and model.is_url_path(name, path[1:]) else None
                if why:
                    report(path, f"{_short(address)} is {why}, not the publisher's public page; use the public address, or null")
    return errors
