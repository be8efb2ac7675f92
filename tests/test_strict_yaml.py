"""The strict loader turns YAML's surprises into positioned errors."""

from __future__ import annotations

import pytest
from pet_generator.catalog.strict_yaml import StrictYAMLError, load


def error_of(text: str) -> tuple[int, int, str]:
    with pytest.raises(StrictYAMLError) as caught:
        load(text)
    p = caught.value.problem
    return p.line, p.col, p.message


def test_plain_scalars_never_become_booleans_floats_or_dates() -> None:
    value, _ = load("a: NO\nb: 1.10\nc: 2026-01-15\nd: yes\ne: off\nf: 0x1F\n")
    assert value == {"a": "NO", "b": "1.10", "c": "2026-01-15", "d": "yes", "e": "off", "f": "0x1F"}


def test_true_false_null_and_integers_keep_their_yaml_1_2_meaning() -> None:
    value, _ = load("a: true\nb: false\nc: null\nd: ~\ne: 2026\nf: '2026'\n")
    assert value == {"a": True, "b": False, "c": None, "d": None, "e": 2026, "f": "2026"}


def test_duplicate_key_points_at_the_second_key_and_names_the_first_line() -> None:
    line, col, message = error_of("- id: a\n  title: One\n  title: Two\n")
    assert (line, col) == (3, 3)
    assert "duplicate key 'title'" in message and "line 2" in message


def test_anchors_and_aliases_are_refused_before_anything_expands() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    line, col, message = error_of(bomb)
    assert (line, col) == (1, 4)
    assert "anchors" in message


def test_alias_without_anchor_definition_is_a_syntax_error_not_a_crash() -> None:
    _, _, message = error_of("a: *nothing\n")
    assert "alias" in message.lower()


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/name:os.system", "!custom", "!!binary"])
def test_tags_are_refused(tag: str) -> None:
    line, col, message = error_of(f"a: {tag} x\n")
    assert (line, col) == (1, 4)
    assert "tags" in message


def test_tab_indentation_gets_a_plain_message() -> None:
    assert error_of("a:\n\t- b\n") == (2, 1, "tab character: indent with spaces, not tabs")


def test_unclosed_quote_says_where_the_quote_starts() -> None:
    _, _, message = error_of('a: "unclosed\nb: 2\n')
    assert "quoted scalar" in message and "line 1" in message


def test_merge_keys_are_not_merged() -> None:
    value, _ = load("<<: {a: 1}\n")
    assert value == {"<<": {"a": 1}}  # the schema then rejects '<<' as an unknown field


def test_marks_record_value_and_key_positions() -> None:
    _, marks = load("- id: x\n  title: T\n")
    assert marks[(0, "title")] == (2, 10)
    assert marks[(0, "title", "<key>")] == (2, 3)


# ---------------------------------------------------------------- hostile input, round 2


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 1_000_000 + "]" * 1_000_000, (1, 4 + 31)),  # 1,000,000 deep once hung libyaml
        ("a: " + "{b: " * 50_000, (1, 4 + 31 * 4)),  # 50,000 deep once crashed the process
        ("a: " + "[" * 10_000 + "]" * 10_000, (1, 4 + 31)),  # 10,000 deep once raised RecursionError
        ("".join(" " * i + "-\n" for i in range(0, 80, 2)), (33, 65)),
    ],
    ids=["flow-1M", "mapping-50k-unclosed", "flow-10k", "block-40"],
)
def test_deep_nesting_is_refused_at_the_first_level_too_deep(text: str, where: tuple[int, int]) -> None:
    line, col, message = error_of(text)
    assert (line, col) == where and "nested more than 32 levels" in message


def test_nesting_up_to_the_limit_is_fine() -> None:
    value, _ = load("[" * 32 + "]" * 32)
    for _ in range(31):
        value = value[0]
    assert value == []


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "1" * 16, "+" + "0" * 16])
def test_over_long_numbers_are_refused_not_converted(number: str) -> None:
    line, col, message = error_of(f"a: 1\nb: {number}\n")
    assert (line, col) == (2, 4) and "too long" in message and "quotes" in message


def test_numbers_of_up_to_15_digits_and_quoted_long_numbers_load() -> None:
    assert load(f"a: {'9' * 15}\nb: '{'9' * 5000}'\n")[0] == {"a": int("9" * 15), "b": "9" * 5000}


def test_too_many_values_are_refused_with_a_position() -> None:
    line, col, message = error_of_limit("[1, 2, 3, 4, 5]\n", 3)
    assert (line, col) == (1, 8) and "too many values" in message


def error_of_limit(text: str, limit: int) -> tuple[int, int, str]:
    with pytest.raises(StrictYAMLError) as caught:
        load(text, max_values=limit)
    p = caught.value.problem
    return p.line, p.col, p.message


@pytest.mark.parametrize(
    ("text", "where", "name"),
    [
        ("a: b\n# note\u2028more\nc: [\n", (2, 7), "U+2028 LINE SEPARATOR"),
        ("a: b\n# \u2029\nc: d\n", (2, 3), "U+2029 PARAGRAPH SEPARATOR"),
        ("a: b\n#\u0085x\nc: d\n", (2, 2), "U+0085 NEXT LINE"),
        ("a: b\nc: de\u0000f\n", (2, 6), "U+0000 NULL"),
        ("\u0000", (1, 1), "U+0000 NULL"),
        ("a: b\nc: \u001b[31m\n", (2, 4), "U+001B ESCAPE"),
        ("a: \ufffe\n", (1, 4), "U+FFFE NONCHARACTER"),
        ("a: \u009b\n", (1, 4), "U+009B"),
    ],
)
def test_invisible_characters_are_named_at_the_position_an_editor_shows(text: str, where: tuple[int, int], name: str) -> None:
    line, col, message = error_of(text)
    assert (line, col) == where and name in message


def test_after_crlf_line_endings_lines_still_count_as_an_editor_does() -> None:
    line, col, message = error_of("a: 1\r\nb: 2\r\nb: 3\r\n")
    assert (line, col) == (3, 1) and "duplicate key 'b'" in message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('a: "x\\u0007"\n', "U+0007 BELL"),
        ('a: "x\\u2028y"\n', "U+2028 LINE SEPARATOR"),
        ('a: "\\uFDD0"\n', "U+FDD0 NONCHARACTER"),
        ('a: "\\r"\n', "U+000D"),
    ],
)
def test_escaped_control_characters_in_text_are_refused_by_name(text: str, name: str) -> None:
    line, col, message = error_of(text)
    assert (line, col) == (1, 4) and name in message and "'a'" in message


def test_json_loads_with_positions_like_yaml() -> None:
    value, marks = load('{\n "results": [\n  {"id": "x", "n": 5, "ok": true, "none": null}\n ]\n}\n')
    assert value == {"results": [{"id": "x", "n": 5, "ok": True, "none": None}]}
    assert marks[("results", 0, "n")] == (3, 20)
    assert error_of('{"a": 1, "a": 2}')[2].startswith("duplicate key 'a'")
