"""Pages hold still while they load, and load without errors (what Lighthouse scores).

On a phone a page that jumps as its scripts arrive makes people tap the wrong thing. These
tests load the key pages in Chromium at a phone's size and add up the layout shifts; the
header search and the JS-only controls once moved the page by half a screen (CLS 0.54).
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

KEY_PAGES = [
    "",
    "resources/",
    "competencies/ec-leadership/",
    "handouts/job-description/",
    "handouts/supervisor-checklist/",
    "assessment/",
    "search/?q=supervision",
]

# Buffered layout-shift entries (startup shifts included), summed as CLS does for one window.
_CLS = """() => new Promise(resolve => {
  let total = 0; const seen = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) { total += e.value; seen.push(e.sources.map(s => s.node ? s.node.className || s.node.nodeName : '?').join(',')); }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve({total, seen}), 800);
})"""


@pytest.mark.parametrize("path", KEY_PAGES)
def test_key_pages_do_not_shift_while_loading(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path, wait_until="load")
    shifts = page.evaluate(_CLS)
    context.close()
    # Lighthouse scores CLS up to 0.1 as good; stay well inside it.
    assert shifts["total"] < 0.02, f"layout shift {shifts['total']:.3f} on /{path}: {shifts['seen']}"
    # A plain build has no versions.json, so the edition selector must not ask for one.
    assert not failed, failed
    assert not errors, errors


def test_js_only_controls_stay_hidden_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("resources/")
    assert not page.locator(".pet-filters").is_visible()
    assert page.locator(".pet-rows > li").first.is_visible()
    page.goto("search/")
    assert page.locator(".pet-search-nojs").is_visible() and not page.locator(".pet-search-js").is_visible()
    page.goto("handouts/job-description/")
    assert not page.locator(".pet-builder").is_visible()
    page.goto("assessment/")
    assert not page.locator(".pet-assessment-tools").is_visible() and page.locator("fieldset[data-question-id]").first.is_visible()
    context.close()
