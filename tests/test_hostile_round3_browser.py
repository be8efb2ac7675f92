"""Hostile input, round 3 (issue 21), class 7 in a real browser: the tools survive crafted
answer files and addresses. (The shared CSV rule is checked in test_hostile_round3.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pet_generator.catalog.loader import Catalog

FORMAT = "peer-employer-toolkit/readiness-assessment"
BROKEN_EDITION = {"toString": 1, "valueOf": 1}  # String() of this object throws a TypeError


def _errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.parametrize("version", [1, 2])
def test_the_browser_tools_survive_an_answers_file_with_a_broken_edition(page: Any, tmp_path: Path, version: int) -> None:
    errors = _errors(page)
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps({"format": FORMAT, "version": version, "edition": BROKEN_EDITION, "answers": {}}), "utf-8")
    page.goto("assessment/")
    page.locator("#pet-import-file").set_input_files(str(crafted))
    page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.includes('Nothing was changed')")
    assert (
        "unknown edition" in page.locator(".pet-assessment-tools .pet-status").inner_text()
        or "damaged" in page.locator(".pet-assessment-tools .pet-status").inner_text()
    )
    assert errors == []


def test_the_browser_tools_one_bad_file_never_blocks_the_team_view(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    errors = _errors(page)
    year = catalog["edition"]["year"]
    files = []
    for name, edition in (("good-1.json", year), ("crafted.json", BROKEN_EDITION), ("good-2.json", year)):
        path = tmp_path / name
        path.write_text(json.dumps({"format": FORMAT, "version": 1, "edition": edition, "answers": {}}), "utf-8")
        files.append(str(path))
    page.goto("assessment/")
    page.get_by_label("Team members' answer files (choose several)").set_input_files(files)
    page.wait_for_function("() => document.querySelector('.pet-team-status').textContent.startsWith('Compared 2 files')", timeout=10_000)
    assert "crafted.json" in page.locator(".pet-team-problems").inner_text()
    assert page.locator(".pet-team-table").count() == 1
    assert errors == []


@pytest.mark.parametrize(
    "address",
    [
        "resources/?sort=%22%5D",
        "resources/?topic=%22%5D%20x&audience=%5C",
        "resources/#%E0%A4%A",
        "resources/?q=peer#%",
        "assessment/#a-__proto__",
        "assessment/#%E0%A4%A",
    ],
)
def test_the_browser_tools_survive_crafted_addresses(page: Any, address: str) -> None:
    errors = _errors(page)
    page.goto(address)
    page.wait_for_load_state("load")
    if address.startswith("resources/"):
        page.fill("#pet-filter-q", "zzzz-no-such-resource")
        page.wait_for_function("() => document.querySelector('.pet-count').textContent.startsWith('Showing 0') || "
                               "document.querySelector('.pet-empty') && !document.querySelector('.pet-empty').hidden")  # fmt: skip
    assert errors == []
