"""The words of the site: one message catalog keyed by id, English first (ADR 0012).

Messages live in YAML files, `macros/pet_generator/site/messages/<language>.yaml`, read with
the catalog's strict loader, so a mistake points at file:line:col. A toolkit may change any
message by putting the same id in `<toolkit>/messages/<language>.yaml`; an id the generator
does not have is refused there (a typo would otherwise change nothing, silently).

A message is plain text, never markup: templates escape it like catalog text. Placeholders
are named (`{count}`) and are the only use of braces; a message whose words depend on a
number has plural forms (`one:` / `other:`, CLDR's names), chosen by the value `count`.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pet_generator.catalog import dates, strict_yaml
from pet_generator.catalog.loader import display_path

MESSAGES = Path(__file__).parent / "messages"
DEFAULT_LANGUAGE = "en"
# CLDR plural categories; English uses "one" and "other" (a language file may use the rest).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
# Which plural form a count takes, per language (CLDR rules; add a language's rule with its file).
PLURAL_RULES = {
    "en": lambda n: "one" if n == 1 else "other",
    "es": lambda n: "one" if n == 1 else "other",  # CLDR's "many" (1 000 000 and up) is left to "other"
    "vi": lambda n: "other",
    "zh": lambda n: "other",
    "ko": lambda n: "other",
}


def language_problem(language: str) -> str | None:
    """Why the site's words cannot be given in this language, or None."""
    if language not in PLURAL_RULES:
        return f"there is no plural rule for '{language}'; add its one line to PLURAL_RULES in macros/pet_generator/site/message_catalog.py"
    if not (MESSAGES / f"{language}.yaml").is_file():
        return f"there is no message file for '{language}'; copy {display_path(MESSAGES / 'en.yaml')} to {language}.yaml beside it and translate it"
    return None


class MessageError(Exception):
    """A message that is unknown, malformed or missing a value: the build stops with this text."""


Message = str | dict[str, str]


def _placeholders(text: str, where: str) -> set[str]:
    """The named placeholders of one message; anything else in braces is refused (format
    specs, attribute or index access, positional fields)."""
    names = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise MessageError(f"{where}: {exc}; write a placeholder as {{name}} and a brace as {{{{ or }}}}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise MessageError(
                f"{where}: placeholder {{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} is not a name; write {{count}}, {{title}}, ..."
            )
        names.add(field)
    return names


def _read(path: Path, known: Mapping[str, Message] | None) -> dict[str, Message]:
    """One message file: {id: text or {plural form: text}}. `known`: the ids an override may change."""
    shown = display_path(path)
    try:
        data, marks = strict_yaml.load(path.read_text(encoding="utf-8"))
    except strict_yaml.StrictYAMLError as exc:
        raise MessageError(f"{shown}:{exc.problem.line}:{exc.problem.col}: {exc.problem.message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MessageError(f"{shown}:1:1: a message file is a mapping of message ids to words")
    out: dict[str, Message] = {}
    for key, value in data.items():
        line, col = marks.get((key, "<key>"), marks.get((key,), (1, 1)))
        where = f"{shown}:{line}:{col}: message '{key}'"
        if known is not None and key not in known:
            raise MessageError(
                f"{where} is not one of the generator's messages; check its spelling in {display_path(MESSAGES / (DEFAULT_LANGUAGE + '.yaml'))}"
            )
        if isinstance(value, str):
            _placeholders(value, where)
        elif isinstance(value, dict) and value and set(value) <= set(PLURAL_FORMS) and all(isinstance(v, str) for v in value.values()):
            if "other" not in value:
                raise MessageError(f"{where} has plural forms but no 'other:' form")
            for form in value.values():
                _placeholders(form, where)
        else:
            raise MessageError(f"{where} must be words, or plural forms under {', '.join(PLURAL_FORMS)} (at least 'other')")
        out[key] = value
    return out


class Messages:
    """The messages of one site: the generator's, then a toolkit's changes."""

    def __init__(self, overrides: Iterable[Path] = (), language: str = DEFAULT_LANGUAGE):
        if language not in PLURAL_RULES:
            raise MessageError(f"no plural rule for language '{language}'; add it to PLURAL_RULES with the language's message file")
        self.language = language
        self._plural = PLURAL_RULES[language]
        files = [MESSAGES / f"{DEFAULT_LANGUAGE}.yaml"]
        if language != DEFAULT_LANGUAGE:
            files.append(MESSAGES / f"{language}.yaml")  # ids it lacks stay English
        self.messages: dict[str, Message] = {}
        for path in files:
            self.messages.update(_read(path, None if not self.messages else self.messages))
        for folder in overrides:
            for name in dict.fromkeys([DEFAULT_LANGUAGE, language]):
                if (folder / f"{name}.yaml").is_file():
                    self.messages.update(_read(folder / f"{name}.yaml", self.messages))

        self._plain = {k for k, v in self.messages.items() if isinstance(v, str) and not _placeholders(v, k)}

    def __contains__(self, message_id: str) -> bool:
        return message_id in self.messages

    def form(self, message_id: str, values: Mapping[str, Any]) -> str:
        """The message's words before placeholders are filled in; `count` picks a plural form."""
        try:
            message = self.messages[message_id]
        except KeyError:
            raise MessageError(f"unknown message id '{message_id}'; add it to {display_path(MESSAGES / (self.language + '.yaml'))}") from None
        if isinstance(message, dict):
            if "count" not in values:
                raise MessageError(f"message '{message_id}' has plural forms: give it count=")
            return message.get(self._plural(values["count"])) or message["other"]
        return message

    def __call__(self, message_id: str, **values: Any) -> str:
        """The words of one message, its placeholders filled in; `count` picks a plural form."""
        if not values and message_id in self._plain:
            return self.messages[message_id]  # type: ignore[return-value]  # no placeholders, no plural forms
        try:
            return self.form(message_id, values).format_map(values)
        except KeyError as exc:
            raise MessageError(f"message '{message_id}' needs a value for {{{exc.args[0]}}}") from None

    def date(self, value: str | datetime.date) -> str:
        """A date the way this language writes it: "12 March 2027", "12 de marzo de 2027"."""
        return dates.human_date(value, self._months(), self("date.day_month_year", day="{day}", month="{month}", year="{year}"))

    def month(self, value: str | datetime.date) -> str:
        """A month the way this language writes it: "March 2027", "marzo de 2027"."""
        return dates.human_month(value, self._months(), self("date.month_year", month="{month}", year="{year}"))

    def _months(self) -> list[str]:
        names = [m.strip() for m in self("date.months").split(",")]
        if len(names) != 12:
            raise MessageError(f"message 'date.months' must name the 12 months, separated by commas (it names {len(names)})")
        return names

    def html(self, escape: Callable[[Any], str], message_id: str, **values: Any) -> str:
        """The message as HTML: its words escaped with `escape`, each placeholder filled with its
        value escaped too, unless the value is generator markup (has __html__: a link, a glossary
        abbreviation). "Handout: {link}" with link=<a ...> keeps the link whole and the words in
        the translator's order."""
        out = []
        for literal, field, _, _ in string.Formatter().parse(self.form(message_id, values)):
            out.append(escape(literal))
            if field is not None:
                if field not in values:
                    raise MessageError(f"message '{message_id}' needs a value for {{{field}}}")
                value = values[field]
                out.append(value.__html__() if hasattr(value, "__html__") else escape(value))
        return "".join(out)


_DEFAULT: list[Messages] = []


def default_messages() -> Messages:
    """The generator's own English messages (no toolkit changes), read once."""
    if not _DEFAULT:
        _DEFAULT.append(Messages())
    return _DEFAULT[0]


def message(message_id: str, messages: Messages | None = None, **values: Any) -> str:
    """message("resources.count", count=3) -> "3 resources"."""
    return (messages or default_messages())(message_id, **values)
