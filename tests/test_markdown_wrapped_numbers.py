"""No wrapped line of prose starts with a number and a full stop (issue 24, part 1).

Markdown reads a line such as "2004. The Act required…" as a numbered list item when it
follows text without a blank line: the number is dropped and the sentence becomes item 1 of a
new list ("since the MHSA passed in" lost its year this way). The check covers every Markdown
file the project ships (tracked *.md, the new-toolkit skeleton included) and the page sources
the build writes; a number at the start of a line that continues a paragraph or a list item is
refused. (Macros return HTML that starts with a tag, so "{{ fact('x') }}." at a line start is
safe.) A real numbered list is allowed:
its items follow a blank line, start a list nested under an item with "1.", or count on by one
at the same indent.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline.pages import page_sources

# A number and a full stop at the start of a line.
_NUMBERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,9})\.(?:[ \t]|$)")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}\.)[ \t]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _indent(text: str) -> int:
    return len(text.expandtabs(4))


def wrapped_numbers(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) for each line that Markdown would turn into an unintended list item."""
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # front matter is YAML, not Markdown
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                start = i + 1
                break
    found: list[tuple[int, str]] = []
    in_fence = False
    for i in range(start, len(lines)):
        line = lines[i]
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _NUMBERED.match(line)
        if not m or i == start or not lines[i - 1].strip() or lines[i - 1].lstrip().startswith("#"):
            continue  # a list that starts after a blank line or a heading is meant
        if not _continues_a_list(lines, start, i, _indent(m["indent"]), m["number"]):
            found.append((i + 1, line))
    return found


def _continues_a_list(lines: list[str], start: int, i: int, indent: int, number: str) -> bool:
    """True when line i is the next item of an ordered list, or item 1 of a list nested in an item."""
    n = int(number)
    for j in range(i - 1, start - 1, -1):
        above = lines[j]
        if not above.strip():
            break
        item = _ITEM.match(above)
        if not item:
            continue  # a continuation line of an item further up
        above_indent = _indent(item["indent"])
        if above_indent == indent:
            found = re.match(r"[ \t]*(\d{1,9})\.", above)
            return bool(found) and int(found[1]) == n - 1
        if above_indent < indent:
            return n == 1
    return False


def _shipped_markdown() -> dict[str, str]:
    listed = subprocess.run(["git", "ls-files", "-z", "*.md"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {name: (ROOT / name).read_text("utf-8") for name in listed.split("\0") if name and (ROOT / name).is_file()}


def test_no_shipped_markdown_starts_a_wrapped_line_with_a_number() -> None:
    files = _shipped_markdown()
    assert "docs/integration.md" in files and "macros/pet_generator/tools/skeleton/docs/index.md" in files, sorted(files)[:5]
    found = [f"{name}:{n}: {line.strip()}" for name, text in files.items() for n, line in wrapped_numbers(text)]
    assert found == [], "join these lines to the line above, or reword so no line starts with a number and a full stop:\n" + "\n".join(found)


def test_no_generated_page_source_starts_a_wrapped_line_with_a_number(catalog: Catalog) -> None:
    sources = page_sources(catalog)
    assert sources, "the build writes page sources for competencies and handouts"
    found = [f"{name}:{n}" for name, text in sources.items() for n, _ in wrapped_numbers(text)]
    assert found == []


@pytest.mark.parametrize(
    "text, lines",
    [
        # The defect this test was written for (docs/integration.md before the fix).
        ("- Counties have hired many more peers since the MHSA passed in\n  2004. The Act required counties\n", [2]),
        ("A paragraph that ends in the year\n1999. And goes on.\n", [2]),
        ("1. First\n2. Second\n   wrapped\n2026. A year inside the list\n", [4]),
        ("- Item\n  3. not a nested list's first item\n", [2]),
        # Real lists and text that only looks like one.
        ("Steps:\n\n1. One\n2. Two\n   still two\n3. Three\n", []),
        ("- Item\n  1. Nested first\n  2. Nested second\n", []),
        ("## Heading\n1. A list right after a heading\n", []),
        ("Since 2004. The year is inside the line.\n", []),
        ("The rate is\n{{ fact('peer-wage') }}. A macro returns HTML.\n", []),
        ("```\nsome code\n2004. in a fence\n```\n", []),
        ("---\ntitle: x\n2004. in front matter\n---\nText\n", []),
    ],
)
def test_the_check_finds_the_whole_class(text: str, lines: list[int]) -> None:
    assert [n for n, _ in wrapped_numbers(text)] == lines


def test_a_file_with_the_defect_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Peers since the Act passed in\n2004. The Act required counties\n", "utf-8")
    assert wrapped_numbers(page.read_text("utf-8")) == [(2, "2004. The Act required counties")]
