"""Write a generated file, or with --check report that the committed copy is stale."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_or_check(path: Path, text: str, check: bool, command: str) -> int:
    shown = path.relative_to(ROOT)
    if check:
        if path.exists() and path.read_text("utf-8") == text:
            return 0
        print(f"{shown} is out of date: run {command}", file=sys.stderr)
        return 1
    path.write_text(text, "utf-8")
    print(f"wrote {shown}")
    return 0
