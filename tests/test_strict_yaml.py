"""The strict loader turns YAML's surprises into positioned errors."""

from __future__ import annotations

import pytest

from macros.strict_yaml import StrictYAMLError, load


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
