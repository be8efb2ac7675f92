"""A structured field (a handout's blocks, a competency's questions) is translated as a copy of
the English structure: the checks that it is one, and the English with its words put in place."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog.translations.fields import MARKUP, NOT_WORDS, SLOT


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
    if found := MARKUP.search(value):
        return f"{where} holds markup ({found.group()!r}); write plain text"
    if sorted(SLOT.findall(english)) != sorted(SLOT.findall(value)):
        wanted = ", ".join(f"[[{s}]]" for s in SLOT.findall(english)) or "none"
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
