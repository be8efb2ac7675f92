"""Text that other hosts choose, written into Markdown that GitHub renders (the link-report issue).

A linked site picks its redirect's `Location` and the words of its errors. Backslash escapes
and HTML entities do not stop GitHub from turning `@name` into a mention or `#12` into a
reference: those run on the rendered text. Only code spans are left alone, so every value
from outside goes into one, with a fence longer than any run of backticks inside it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 300  # a report cell; longer values are cut with an ellipsis

_BACKTICKS = re.compile(r"`+")


def _visible(value: str) -> str:
    """Line breaks become spaces; other controls, format characters (bidi overrides,
    zero-width joiners) and separators show as U+FFFD, so nothing hides or reorders text."""
    out = []
    for char in value:
        if char in "\r\n\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"):
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def code_span(value: object, in_table: bool = True) -> str:
    """`value` as one inline code span: never a link, mention, image, HTML or line break.

    In a table cell (`in_table`) each `|` is written `\\|`, which GFM's table parser turns back
    into `|` inside the span instead of starting a new cell. Empty text gives an empty string."""
    text = _visible(str(value))
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1] + "…"
    if not text.strip():
        return ""
    if in_table:
        text = text.replace("|", "\\|")
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(text)), default=0)
    fence = "`" * (longest + 1)
    # One space inside each fence: GFM strips exactly one from each side, so a value that starts
    # or ends with a backtick or a space keeps it.
    return f"{fence} {text} {fence}"
