"""Messages for logs and CI: catalog text shown, never obeyed."""

from __future__ import annotations

from pet_generator.catalog.loader import CatalogError

# CI runners read a log line that starts with "::" (GitHub) or "##[" (older runners), after
# leading spaces, as a command to the runner. Controls and line breaks other than "\n" are shown
# as escapes, since log readers split lines on "\r", U+2028 and others too.
_COMMAND_START = ("::", "##")
_INVISIBLE = {c: f"\\u{c:04x}" for c in [*range(0x20), 0x7F, 0x85, 0x2028, 0x2029] if c not in (0x09, 0x0A)}


def log_lines(text: str) -> str:
    """Text for a CI log: each line is shown, never obeyed. A line that would read as a runner
    command gets "> " in front, so catalog text can never start a line on its own."""
    lines = text.translate(_INVISIBLE).split("\n")
    return "\n".join("> " + line if line.lstrip().startswith(_COMMAND_START) else line for line in lines)


def annotation(error: CatalogError) -> str:
    """A GitHub ::error annotation, escaped as GitHub documents (%, CR and LF; in properties
    also ':' and ','), so its text cannot end the line or start another command."""

    def data(value: object) -> str:
        text = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.translate(_INVISIBLE)

    def prop(value: object) -> str:
        return data(value).replace(":", "%3A").replace(",", "%2C")

    return f"::error file={prop(error.file)},line={prop(error.line)},col={prop(error.col)}::{data(error.message)}"
