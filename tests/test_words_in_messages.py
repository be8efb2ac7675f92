"""Words belong in the message catalog (ADR 0012): counts of English left in Python, templates and
scripts, and a guard that a converted module gets no new literal.

Run as a script for the counts per file (the closing note of issue 22):
    .venv/bin/python tests/test_words_in_messages.py

What counts as English (a heuristic, tuned to this code base): a string of two or more words with
letters, outside docstrings, comments, error messages for maintainers (`raise ...(...)`) and
markup attributes; in templates, text between tags outside Jinja; in scripts, string literals
outside comments. Fast: reads files, builds nothing."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "macros" / "pet_generator" / "site"
TEMPLATES = SITE / "templates"
SCRIPTS = ROOT / "docs" / "assets"

# Modules and scripts whose words are all in the message catalog: a new literal fails the test.
CONVERTED_MODULES = (
    "assessment.py", "resource_page.py", "components.py", "handouts.py", "render.py", "home.py", "entry.py", "review_line.py", "gallery.py",
)  # fmt: skip
CONVERTED_SCRIPTS = ("assessment.js", "pet.js", "handouts.js", "resources.js", "search.js", "offline-search.js", "site.js")

# Two words of letters (a sentence, a label), not an identifier, a CSS class list or a selector.
_WORDS = re.compile(r"[A-Za-z][a-z’']+[ \u00a0][A-Za-z’'(“]+")
_NOT_WORDS = re.compile(r"^[\w.-]+( [\w.-]+)*$")  # "pet-a pet-b", "md-button" (all tokens code-like)


def _english(text: str) -> bool:
    if not _WORDS.search(text) or text in ("use strict", "noopener noreferrer") or text.startswith((".", "#", "[")) or "[" in text:
        return False  # a directive, a link's rel, a CSS selector
    # Class lists and ids: every token code-like, with a hyphen, dot or underscore.
    return not (_NOT_WORDS.match(text) and all(("-" in t or "." in t or "_" in t) for t in text.split()))


def python_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of English string literals in one module."""
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Raise) and node.exc is not None:
            skip.update(id(n) for n in ast.walk(node.exc))  # an error for maintainers, not the site's words
    # One capitalized word as the content of an element is a label too: tag("h2", "Overview").
    labels = {
        id(node.args[1])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tag" and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) and _LABEL.match(node.args[1].value)
    }  # fmt: skip
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip and (_english(node.value) or id(node) in labels):
            found.append((node.lineno, node.value))
    return found


_LABEL = re.compile(r"[A-Z][a-z’']+[.:]?")


_JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def template_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of English text between tags, outside Jinja, in one template."""
    found = []
    for n, line in enumerate(_TAG.sub(" ", _JINJA.sub(" ", path.read_text("utf-8"))).splitlines(), start=1):
        if _english(line.strip()):
            found.append((n, line.strip()))
    return found


_JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')


def script_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of English string literals in one script (comments left out)."""
    found = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        code = _JS_COMMENT.sub("", line) if "//" in line and "://" not in line else line
        code = re.sub(r"new Error\(.*?\)", "", code)  # for the console, not the page
        for m in _JS_STRING.finditer(code):
            text = m.group(1) if m.group(1) is not None else m.group(2)
            if _english(text):
                found.append((n, text))
    return found


def counts() -> dict[str, int]:
    out = {}
    for path in sorted(SITE.glob("*.py")):
        out[str(path.relative_to(ROOT))] = len(python_literals(path))
    for path in sorted(TEMPLATES.rglob("*.j2")):
        out[str(path.relative_to(ROOT))] = len(template_literals(path))
    for path in sorted(SCRIPTS.glob("*.js")):
        out[str(path.relative_to(ROOT))] = len(script_literals(path))
    return out


def test_the_heuristic_finds_words_and_not_code() -> None:
    assert _english("Print results report") and _english("Don't know") and _english("(our wording)")
    assert not _english("pet-assessment-tools pet-no-print") and not _english("md-button") and not _english("yes")
    assert not _english("application/json") and not _english(".pet-plan-links a[href]")


def test_converted_modules_have_no_english_literals() -> None:
    left = {name: python_literals(SITE / name) for name in CONVERTED_MODULES}
    assert not any(left.values()), {k: v for k, v in left.items() if v}


def test_templates_have_no_english_outside_messages() -> None:
    left = {str(p.relative_to(TEMPLATES)): template_literals(p) for p in TEMPLATES.rglob("*.j2")}
    assert not any(left.values()), {k: v for k, v in left.items() if v}


def test_converted_scripts_have_no_english_literals() -> None:
    left = {name: script_literals(SCRIPTS / name) for name in CONVERTED_SCRIPTS}
    assert not any(left.values()), {k: v for k, v in left.items() if v}


if __name__ == "__main__":
    table = counts()
    for name, n in table.items():
        if n:
            print(f"{n:5d}  {name}")
    for kind, suffix in (("Python", ".py"), ("templates", ".j2"), ("scripts", ".js")):
        print(f"{sum(n for k, n in table.items() if k.endswith(suffix)):5d}  total in {kind}")
    sys.exit(0)
