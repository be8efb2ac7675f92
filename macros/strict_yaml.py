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
MAX_NODES = 1_000_000  # values per file; 10,000 resources are about 200,000
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


def load(text: str) -> tuple[Any, dict[Path, tuple[int, int]]]:
    """Parse one YAML (or JSON) document strictly.

    Returns the value and a map from each value's path (keys and list indexes) to its
    (line, col); the path with a trailing ``"<key>"`` marks where a mapping key stands.
    """
    _check_characters(text)
    marks: dict[Path, tuple[int, int]] = {}
    parser = _Parser(text)
    try:
        return _build(parser, marks), marks
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
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
    return event.start_mark.line + 1, event.start_mark.column + 1


def _refuse(event: yaml.Event, message: str) -> StrictYAMLError:
    return StrictYAMLError(Problem(*_where(event), message))


def _check_event(event: yaml.Event) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise _refuse(event, "YAML aliases (*name) are not allowed; write the value out in full")
    if getattr(event, "anchor", None):
        raise _refuse(event, "YAML anchors (&name) are not allowed; write the value out in full")
    tag = getattr(event, "tag", None)
    if tag and tag != "!" and tag not in _ALLOWED_TAGS:
        raise _refuse(event, f"YAML tags such as {_excerpt(tag)} are not allowed; remove the tag")


def _excerpt(text: str, limit: int = 40) -> str:
    """A short, escaped quotation of the file's own text for a message."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


class _Container:
    """A list or mapping being filled, with its path and (for mappings) the pending key."""

    __slots__ = ("value", "path", "key")

    def __init__(self, value: dict[str, Any] | list[Any], path: Path):
        self.value = value
        self.path = path
        self.key: str | None = None


def _build(parser: Any, marks: dict[Path, tuple[int, int]]) -> Any:
    """Turn the event stream into plain values with an explicit stack (no recursion)."""
    stack: list[_Container] = []
    root: Any = None
    nodes = 0
    documents = 0
    while True:
        event = parser.get_event()
        if event is None or isinstance(event, yaml.StreamEndEvent):
            return root
        _check_event(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _refuse(
                    event,
                    "YAML syntax error: expected a single document in the stream, but found another document; delete the '---' line and what follows, or merge it",
                )
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.CollectionEndEvent)):
            continue  # stream and document boundaries
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        top = stack[-1] if stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            top.key = _key(event, top, marks)
            continue
        nodes += 1
        if nodes > MAX_NODES:
            raise _refuse(event, f"file has more than {MAX_NODES:,} values, too many for a catalog file; split it or remove entries")
        path: Path = () if top is None else (*top.path, top.key if isinstance(top.value, dict) else len(top.value))
        marks[path] = _where(event)
        if isinstance(event, yaml.ScalarEvent):
            value: Any = _scalar(event, path)
        else:
            if len(stack) >= MAX_DEPTH:
                raise _refuse(event, f"lists and mappings are nested more than {MAX_DEPTH} levels deep; no catalog field needs that, flatten it")
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
        if top is None:
            root = value
        elif isinstance(top.value, dict):
            top.value[top.key] = value  # type: ignore[index]
            top.key = None
        else:
            top.value.append(value)
        if not isinstance(event, yaml.ScalarEvent):
            stack.append(_Container(value, path))


def _key(event: yaml.Event, mapping: _Container, marks: dict[Path, tuple[int, int]]) -> str:
    if not isinstance(event, yaml.ScalarEvent):
        raise _refuse(event, "keys must be plain words (no '<<' merges or complex keys)")
    key = event.value
    _check_text(key, event, "a key")
    key_path = (*mapping.path, key, "<key>")
    if key in mapping.value:
        first = marks[key_path]
        raise _refuse(event, f"duplicate key {_excerpt(key)} (first at line {first[0]}); keep one and delete the other")
    marks[key_path] = _where(event)
    return key


def _check_text(value: str, event: yaml.Event, what: str) -> None:
    bad = _VALUE_BAD.search(value)
    if bad:
        raise _refuse(event, f"{what} contains the invisible control character {describe_char(bad.group())}; retype the text without it")


def _scalar(event: yaml.ScalarEvent, path: Path) -> Any:
    value = event.value
    if event.style:  # quoted or block scalars are always text
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        _check_text(value, event, f"'{key}'" if key else "this text")
        return value
    if value in _PLAIN_SPECIAL:
        return _PLAIN_SPECIAL[value]
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise _refuse(
                event, f"number with {len(value.lstrip('+-'))} digits is too long (at most {MAX_INT_DIGITS}); if it is text, put it in quotes"
            )
        return int(value)
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    _check_text(value, event, f"'{key}'" if key else "this text")
    return value  # NO, 1.10, 2026-01-01 and friends stay text; the schema decides


assert sys.getrecursionlimit() > MAX_DEPTH * 8, "schema validation recurses about 8 frames per level"
