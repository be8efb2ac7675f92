"""Strict YAML loading for catalog files that arrive in strangers' pull requests.

PyYAML's safe_load is lenient in ways that hurt us: duplicate keys silently overwrite,
`NO` becomes False, `1.10` becomes 1.1, bare dates become date objects, and aliases can
expand into a "billion laughs". We read libyaml's event stream once and build plain Python
values ourselves (no recursion, so no depth can crash us), keeping each value's line and
column, so that every surprise becomes an error that points at `file:line:col`.

JSON is YAML too: the same loader reads the JSON files the build trusts (the previous
edition's baseline, the link report), with the same limits and positions.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is ~10x faster; the pure-Python parser gives identical marks.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - wheels ship libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]

Path = tuple[Any, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_PLAIN_SPECIAL = {"null": None, "~": None, "": None, "true": True, "false": False}
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

# Limits that keep every file's time and memory bounded (CONTRIBUTING.md lists them).
MAX_VALUES = 350_000  # values in the whole catalog; 10,000 resources are about 245,000
MAX_SIDE_VALUES = 400_000  # in the baseline and link report together; 10,000 resources: about 333,000
MAX_DEPTH = 32  # nesting of lists and mappings; the catalog needs 8
MAX_INT_DIGITS = 15  # no field needs more, and Python refuses to convert over 4,300


def _noncharacters() -> str:
    planes = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    return "\ufdd0-\ufdef" + planes


# Characters no catalog text needs and that hide, break line numbers or break XML:
# C0 and C1 controls (tab and newline allowed), line/paragraph separators, noncharacters.
_UNWANTED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + _noncharacters()
# In the raw file, tab is reported on its own; a carriage return is fine only before \n
# (libyaml turns CRLF into \n in values). In values, a CR is refused like any control.
_RAW_BAD = re.compile(f"[\t{_UNWANTED}]|\r(?!\n)")
_VALUE_BAD = re.compile(f"[\r{_UNWANTED}]")

_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def describe_char(ch: str) -> str:
    """'U+2028 LINE SEPARATOR': the code point and its Unicode name, for messages."""
    code = ord(ch)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(ch, "")
    if not name:
        name = "NONCHARACTER" if (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF else "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with a 1-based position."""

    line: int
    col: int
    message: str


class StrictYAMLError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def position(text: str, index: int) -> tuple[int, int]:
    """(line, col) of a character as an editor counts them: only \\n starts a line."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_characters(text: str) -> None:
    """Refuse characters that YAML, editors and XML disagree on, before libyaml sees them.

    libyaml counts U+0085, U+2028, U+2029 and a lone CR as line breaks and stops at a NUL
    without a position; editors count none of them. Refusing them first keeps every later
    line number equal to the one the maintainer's editor shows."""
    found = _RAW_BAD.search(text)
    if found is None:
        return
    ch = found.group()
    line, col = position(text, found.start())
    if ch == "\t":
        message = "tab character: indent with spaces, not tabs"
    elif ch == "\r":
        message = "a carriage return (CR) on its own ends no line in most editors; save the file with Unix (LF) or Windows (CRLF) line endings"
    else:
        message = f"invisible character {describe_char(ch)}; delete it (retype the line if you cannot see it)"
    raise StrictYAMLError(Problem(line, col, message))


def load(text: str, max_values: int = MAX_VALUES) -> tuple[Any, dict[Path, tuple[int, int]]]:
    """Parse one YAML (or JSON) document strictly.

    Returns the value and a map from each value's path (keys and list indexes) to its
    (line, col); the path with a trailing ``"<key>"`` marks where a mapping key stands.
    """
    _check_characters(text)
    marks: dict[Path, tuple[int, int]] = {}
    parser = _Parser(text)
    try:
        return _build(parser, marks, max_values), marks
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if line > text.count("\n") + 1:  # libyaml's end-of-stream mark lies past the last line
            line, col = position(text, len(text))
        what = exc.problem or str(exc)
        hint = f" ({exc.context}"
        if exc.context_mark and exc.context_mark is not mark:
            hint += f" that starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        hint = f"{hint})" if exc.context else ""
        raise StrictYAMLError(Problem(line, col, f"YAML syntax error: {what}{hint}; check quotes and indentation")) from None
    except yaml.YAMLError as exc:  # a reader error; _check_characters leaves none we know of
        raise StrictYAMLError(Problem(1, 1, f"YAML error: {str(exc)[:200]}")) from None
    finally:
        parser.dispose()


def _where(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None  # the parser marks every event it emits
    return mark.line + 1, mark.column + 1


def _refuse(event: yaml.Event, message: str) -> StrictYAMLError:
    return StrictYAMLError(Problem(*_where(event), message))


def _check_node_event(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
    """Anchors and tags on a scalar, list or mapping (aliases are refused where they occur)."""
    if event.anchor:
        raise _refuse(event, "YAML anchors (&name) are not allowed; write the value out in full")
    tag = event.tag
    if tag and tag != "!" and tag not in _ALLOWED_TAGS:
        raise _refuse(event, f"YAML tags such as {_excerpt(tag)} are not allowed; remove the tag")


def _excerpt(text: str, limit: int = 40) -> str:
    """A short, escaped quotation of the file's own text for a message."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def count_values(marks: dict[Path, tuple[int, int]]) -> int:
    return sum(1 for path in marks if not path or path[-1] != "<key>")


def _build(parser: Any, marks: dict[Path, tuple[int, int]], max_values: int) -> Any:
    """Turn the event stream into plain values with an explicit stack (no recursion).

    One pass, one branch per event type: this loop is most of the validator's time."""
    get_event = parser.get_event
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    # Each open collection: [value, its path, pending key (mappings) or None].
    stack: list[list[Any]] = []
    root: Any = None
    values = 0
    documents = 0
    while True:
        event = get_event()
        cls = event.__class__ if event is not None else yaml.StreamEndEvent
        if cls is yaml.StreamEndEvent:
            return root
        if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            stack.pop()
            continue
        if cls is yaml.AliasEvent:
            raise _refuse(event, "YAML aliases (*name) are not allowed; write the value out in full")
        if cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(
                    event,
                    "YAML syntax error: expected a single document in the stream, but found another document; delete the '---' line and what follows, or merge it",
                )
            continue
        if cls is not scalar and cls is not mapping_start and cls is not sequence_start:
            continue  # stream start, document end
        if event.anchor or event.tag:
            _check_node_event(event)
        top = stack[-1] if stack else None
        if top is not None and top[2] is None and top[0].__class__ is dict:
            top[2] = _key(event, top, marks)
            continue
        values += 1
        if values > max_values:
            raise _refuse(
                event,
                f"too many values: the catalog may hold {MAX_VALUES:,}, a baseline and the link report {MAX_SIDE_VALUES:,} together (CONTRIBUTING.md, Limits); remove entries",
            )
        if top is None:
            path: Path = ()
        elif top[2] is not None:
            path = (*top[1], top[2])
        else:
            path = (*top[1], len(top[0]))
        start = event.start_mark
        marks[path] = (start.line + 1, start.column + 1)
        if cls is scalar:
            value: Any = _scalar(event, path)
        else:
            if len(stack) >= MAX_DEPTH:
                raise _refuse(event, f"lists and mappings are nested more than {MAX_DEPTH} levels deep; no catalog field needs that, flatten it")
            value = {} if cls is mapping_start else []
        if top is None:
            root = value
        elif top[2] is not None:
            top[0][top[2]] = value
            top[2] = None
        else:
            top[0].append(value)
        if cls is not scalar:
            stack.append([value, path, None])


def _key(event: yaml.Event, mapping: list[Any], marks: dict[Path, tuple[int, int]]) -> str:
    if event.__class__ is not yaml.ScalarEvent:
        raise _refuse(event, "keys must be plain words (no '<<' merges or complex keys)")
    key = event.value
    if _VALUE_BAD.search(key):
        _refuse_text(key, event, "a key")
    key_path = (*mapping[1], key, "<key>")
    if key in mapping[0]:
        first = marks[key_path]
        raise _refuse(event, f"duplicate key {_excerpt(key)} (first at line {first[0]}); keep one and delete the other")
    marks[key_path] = _where(event)
    return key


def _refuse_text(value: str, event: yaml.Event, what: str) -> None:
    bad = _VALUE_BAD.search(value)
    if bad:
        raise _refuse(event, f"{what} contains the invisible control character {describe_char(bad.group())}; retype the text without it")


def _field(path: Path) -> str:
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    return f"'{key}'" if key else "this text"


def _scalar(event: yaml.ScalarEvent, path: Path) -> Any:
    value = event.value
    if not event.style:  # plain: null, true, false and whole numbers have their YAML meaning
        if value in _PLAIN_SPECIAL:
            return _PLAIN_SPECIAL[value]
        if _INT.fullmatch(value):
            digits = len(value.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                raise _refuse(event, f"number with {digits} digits is too long (at most {MAX_INT_DIGITS}); if it is text, put it in quotes")
            return int(value)
    # Quoted and block scalars are always text; NO, 1.10, 2026-01-01 stay text: the schema decides.
    if _VALUE_BAD.search(value):
        _refuse_text(value, event, _field(path))
    return value


assert sys.getrecursionlimit() > MAX_DEPTH * 8, "schema validation recurses about 8 frames per level"
