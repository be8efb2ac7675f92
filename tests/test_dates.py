"""One date style for people, and a build clock tests can set (macros/pet_generator/catalog/dates.py)."""

from __future__ import annotations

import datetime

import pytest
from pet_generator.catalog.dates import human_date, human_month, today


def test_dates_are_written_for_people() -> None:
    assert human_date("2027-03-12") == "12 March 2027"
    assert human_date(datetime.date(2026, 1, 1)) == "1 January 2026"
    assert human_month("2025-02-10") == "February 2025"


def test_today_follows_pet_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PET_TODAY", "2030-06-01")
    assert today() == datetime.date(2030, 6, 1)
    monkeypatch.delenv("PET_TODAY")
    assert today() == datetime.date.today()
