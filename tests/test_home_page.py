"""The home page starts the job (issue 25, part 6): a task-named heading and a one-line
purpose, the four most-wanted jobs as actions, the edition and its last update, and on a
phone one search box up front. It reads the same without JavaScript."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pet_generator.catalog.dates import human_date
from pet_generator.catalog.loader import Catalog
from pet_generator.site import home

ACTIONS = {
    "Check your organization's readiness": "assessment/",
    "Write a job description": "handouts/job-description/",
    "Decide pay": "pay/",
    "Find resources": "resources/",
}
HUMAN_DATE = r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"


def test_last_updated_is_the_latest_change_up_to_today(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PET_TODAY", "2030-01-01")
    latest = home.last_updated(catalog)
    stamps = [r.get(k) for v in catalog.data.values() if isinstance(v, list) for r in v if isinstance(r, dict) for k in home.CHANGE_FIELDS]
    assert latest is not None and latest.isoformat() == max(str(s) for s in stamps if s)
    # A change dated after today (an edition in preparation) is not "last updated".
    monkeypatch.setenv("PET_TODAY", (latest - datetime.timedelta(days=1)).isoformat())
    assert home.last_updated(catalog) < latest


def test_the_home_page_names_the_task_and_lists_four_actions(site_dir: Path, catalog: Catalog) -> None:
    html = BeautifulSoup((site_dir / "index.html").read_text("utf-8"), "html.parser")
    assert html.h1.get_text(strip=True).replace("¶", "") == "Hire and keep peer support specialists"
    assert html.select_one(".pet-purpose").get_text().strip()
    line = html.select_one(".pet-edition-line").get_text()
    assert f"{catalog['edition']['year']} edition" in line and re.search("Last updated " + HUMAN_DATE, line)
    assert html.select_one(".pet-edition-line time")["datetime"] == home.last_updated(catalog).isoformat()
    assert human_date(home.last_updated(catalog)) in line
    links = {a.get_text(strip=True): a["href"] for a in html.select(".pet-start li > a:first-child")}
    assert links == ACTIONS
    for href in links.values():
        assert (site_dir / href / "index.html").is_file(), href
    form = html.select_one("form.pet-home-search")
    assert form["action"] == "search/" and form.select_one("input[name=q]")["id"] == html.select_one("label[for=pet-home-q]")["for"]


@pytest.mark.parametrize(("width", "js"), [(1280, True), (390, True), (390, False)])
def test_the_actions_and_one_search_box_are_up_front(browser: Any, base_url: str, width: int, js: bool) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 844}, java_script_enabled=js)
    page = context.new_page()
    page.goto("")
    boxes = page.locator("input[type=search]:visible")
    assert boxes.count() == 1  # never two search boxes on one screen
    if width < 500:
        box = page.locator("#pet-home-q")
        assert box.is_visible() and box.bounding_box()["y"] < 844  # up front: on the first screen
        assert box.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
        assert box.bounding_box()["y"] < page.locator(".pet-start").bounding_box()["y"]
    else:
        assert page.locator("#pet-header-q").is_visible()
    first = page.locator(".pet-start li > a").first
    assert first.is_visible() and first.bounding_box()["y"] < 844 * (1 if width > 500 else 1.2)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    if width < 500:
        page.locator("#pet-home-q").fill("supervision")
        page.locator("#pet-home-q").press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=supervision$"))
    context.close()
