"""Strict YAML loading for catalog files that arrive in strangers' pull requests.

PyYAML's safe_load is lenient in ways that hurt us: duplicate keys silently overwrite,
`NO` becomes False, `1.10` becomes 1.1, bare dates become date objects, and aliases can
expand into a "billion laughs". We compose the node graph (keeping line/column marks),
then build plain Python values ourselves so that every surprise becomes an error that
points at `file:line:col`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is ~10x faster; the pure-Python parser gives identical marks.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - wheels ship libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]

Path = tuple[Any, ...]

_INT = re.compile(r"^[-+]?[0-9]+$")
_PLAIN_SPECIAL = {"null": None, "~": None, "": None, "true": True, "false": False}
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
MAX_NODES = 2_000_000  # far above 10,000 resources; stops pathological files early


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


class _Resolver(yaml.resolver.BaseResolver):
    """Resolve every plain scalar as a string; _build decides its real type."""


class _Loader(_Parser, yaml.composer.Composer, _Resolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str):
        _Parser.__init__(self, stream)
        if not hasattr(_Parser, "get_node"):  # pure-Python parser needs the composer
            yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scan_events(text: str) -> None:
    """Reject anchors, aliases and explicit tags before composing anything."""
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            raise StrictYAMLError(Problem(*where, "YAML aliases (*name) are not allowed; write the value out in full"))
        if getattr(event, "anchor", None):
            raise StrictYAMLError(Problem(*where, "YAML anchors (&name) are not allowed; write the value out in full"))
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in _ALLOWED_TAGS:
            raise StrictYAMLError(Problem(*where, f"YAML tags such as {tag!r} are not allowed; remove the tag"))


def load(text: str) -> tuple[Any, dict[Path, tuple[int, int]]]:
    """Parse one YAML document strictly.

    Returns the value and a map from each value's path (keys and list indexes) to its
    (line, col); the path with a trailing ``"<key>"`` marks where a mapping key stands.
    """
    if "\t" in text:
        # YAML forbids tabs for indentation; PyYAML's message for it is cryptic.
        line_no = text.count("\n", 0, text.index("\t")) + 1
        col = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        raise StrictYAMLError(Problem(line_no, col, "tab character: indent with spaces, not tabs"))
    try:
        _scan_events(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or str(exc)
        hint = f" ({exc.context}"
        if exc.context_mark and exc.context_mark is not mark:
            hint += f" that starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        hint = f"{hint})" if exc.context else ""
        raise StrictYAMLError(Problem(line, col, f"YAML syntax error: {what}{hint}; check quotes and indentation")) from None
    except yaml.YAMLError as exc:
        raise StrictYAMLError(Problem(1, 1, f"YAML error: {exc}")) from None
    marks: dict[Path, tuple[int, int]] = {}
    if node is None:
        return None, marks
    counter = [0]
    return _build(node, (), marks, counter), marks


def _build(node: yaml.Node, path: Path, marks: dict[Path, tuple[int, int]], counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise StrictYAMLError(Problem(*_pos(node), "file is too large to be a catalog file"))
    marks[path] = _pos(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise StrictYAMLError(Problem(*_pos(key_node), "keys must be plain words (no '<<' merges or complex keys)"))
            key = key_node.value
            if key in out:
                first = marks[(*path, key, "<key>")]
                raise StrictYAMLError(Problem(*_pos(key_node), f"duplicate key '{key}' (first at line {first[0]}); keep one and delete the other"))
            marks[(*path, key, "<key>")] = _pos(key_node)
            out[key] = _build(value_node, (*path, key), marks, counter)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), marks, counter) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.style:  # quoted or block scalars are always text
        return node.value
    value = node.value
    if value in _PLAIN_SPECIAL:
        return _PLAIN_SPECIAL[value]
    if _INT.match(value):
        return int(value)
    return value  # NO, 1.10, 2026-01-01 and friends stay text; the schema decides
