"""The publishing rule for facts that age: an edition is not published while a fact shown to
employers is past its review date, unless an editor records why (scripts/publish
--overdue-reason ... --by ...). The reason goes into edition.yaml, where the About page shows
it, and covers only the facts it lists: another fact going overdue stops the next publish.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pet_generator.catalog import reviews
from pet_generator.catalog.dates import today
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.review import QueueItem, queue


def overdue_shown(cat: Catalog) -> list[QueueItem]:
    """Dated facts shown on guidance pages that are past their review date."""
    return [i for i in queue(cat) if i.rank == 0 and i.overdue]


def uncovered(cat: Catalog) -> list[QueueItem]:
    """Overdue shown facts that no recorded reason covers."""
    reason = cat["edition"].get("overdue_reason") or {}
    covered = set(reason.get("records") or [])
    return [i for i in overdue_shown(cat) if i.key not in covered]


def record_reason(edition_file: Path, reason: str, by: str, records: list[str]) -> None:
    """Write overdue_reason into edition.yaml as text, keeping the maintainers' comments and
    layout; an earlier reason is replaced."""
    problems = reviews.name_problems(by)
    if problems:
        raise ValueError(problems[0])
    if not " ".join(reason.split()):
        raise ValueError('say why you publish with overdue facts: --overdue-reason "..."')
    text = edition_file.read_text("utf-8")
    text = re.sub(r"(?m)^# Why this edition was published with facts past their review date.*\n", "", text)
    text = re.sub(r"(?m)^overdue_reason:.*\n(?:[ \t]+.*\n|[ \t]*\n)*", "", text)
    block = [
        "# Why this edition was published with facts past their review date (scripts/publish).",
        "overdue_reason:",
        f"  reason: {json.dumps(' '.join(reason.split()), ensure_ascii=False)}",
        f"  by: {json.dumps(' '.join(by.split()), ensure_ascii=False)}",
        f'  date: "{today().isoformat()}"',
        "  records:",
        *(f"    - {json.dumps(r)}" for r in records),
    ]
    edition_file.write_text(text.rstrip("\n") + "\n" + "\n".join(block) + "\n", "utf-8")
