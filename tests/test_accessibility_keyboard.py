"""Keyboard-only use of the interactive features (resource filters, checklists, assessment):
no keyboard trap, a visible focus ring never hidden under the sticky header, targets of at
least 24 px; and reflow at 200% zoom."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Describes document.activeElement: where it is, whether its focus ring shows, its target size.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const header = document.querySelector('.md-header');
  const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
  const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : el.closest('label');
  const lr = label ? label.getBoundingClientRect() : {width: 0, height: 0};
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className && String(el.className),
    inFooter: !!el.closest('footer, .md-footer'), inMain: !!el.closest('.md-content'),
    top: r.top, bottom: r.bottom, headerBottom, viewport: innerHeight,
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    width: Math.max(r.width, lr.width), height: Math.max(r.height, lr.height),
    key: el.tagName + '#' + el.id + '.' + (el.getAttribute('name') || '') + '@' + Math.round(r.top + scrollY) + ',' + Math.round(r.left),
  };
}"""


def focus_walk(page: Any, selector: str, max_tabs: int = 400) -> list[dict[str, Any]]:
    """Tab from the top of the page; return the focus states from the first element matching
    selector until focus leaves the main content (or the walk ends). Fails on a trap."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    states: list[dict[str, Any]] = []
    started = False
    keys: list[str] = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        # Measure what the user sees: after the frame in which focus scrolled its element into
        # view (rows drawn lazily change size then; measuring at once failed under load).
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        keys.append(state["key"])
        if not started:
            started = page.evaluate("s => !!document.activeElement.closest(s) || document.activeElement.matches(s)", selector)
        if started:
            if state["inFooter"] or not state["inMain"]:
                return states
            states.append(state)
        # A trap: focus keeps cycling through the same few elements.
        assert not (len(keys) > 30 and len(set(keys[-30:])) <= 3), f"keyboard trap around {keys[-3:]}"
    raise AssertionError(f"focus never left the feature after {max_tabs} Tabs (trap?); last: {keys[-3:]}")


def assert_focus_visible_and_big_enough(states: list[dict[str, Any]], controls: tuple[str, ...] = ("input", "button", "select")) -> None:
    assert states, "no focusable element in the feature"
    for s in states:
        where = f"{s['tag']}#{s['id']}.{s['cls']}"
        assert s["ring"], f"{where} has no visible focus ring"
        assert s["top"] >= s["headerBottom"] - 1 and s["bottom"] <= s["viewport"] + 1, f"{where} is focused under the header or off-screen: {s}"
        if s["tag"] in controls:
            assert s["width"] >= 24 and s["height"] >= 24, f"{where} is a {s['width']:.0f}x{s['height']:.0f} px target"


def require(page: Any, selector: str, what: str) -> None:
    assert page.locator(selector).count() > 0, f"{what}: no {selector} on {page.url}"


def test_resource_filters_by_keyboard(page: Any) -> None:
    page.goto("resources/")
    require(page, "#pet-filter-q", "the resource filters (issue 4)")
    require(page, ".pet-count[role=status]", "the live result count (issue 4)")
    rows = page.locator("[data-resource-id]")
    total = rows.count()
    states = focus_walk(page, "#pet-filter-q, form:has(#pet-filter-q)")
    assert_focus_visible_and_big_enough(states)
    page.focus("#pet-filter-q")
    before = page.locator(".pet-count").inner_text()
    page.keyboard.type("zzzz-no-such-resource")
    page.wait_for_function("b => document.querySelector('.pet-count').innerText !== b", arg=before)
    assert page.locator("[data-resource-id]:visible").count() < total
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("n => document.querySelectorAll('[data-resource-id]').length === n", arg=total)


def _page_with(site_dir: Path, marker: str) -> str | None:
    for path in sorted(site_dir.rglob("index.html")):
        if marker in path.read_text("utf-8"):
            rel = path.parent.relative_to(site_dir).as_posix()
            return "" if rel == "." else rel + "/"
    return None


def test_checklists_by_keyboard(page: Any, site_dir: Path) -> None:
    url = _page_with(site_dir, "data-check-id")
    assert url is not None, "no page has a checklist (input[type=checkbox][data-check-id])"
    page.goto(url)
    states = focus_walk(page, "input[type=checkbox][data-check-id]")
    assert_focus_visible_and_big_enough(states)
    box = page.locator("input[type=checkbox][data-check-id]").first
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.keyboard.press("Space")
    assert not box.is_checked()


def test_assessment_by_keyboard(page: Any) -> None:
    page.goto("assessment/")
    require(page, "main input[type=radio]", "the self-assessment (issue 5)")
    states = focus_walk(page, "main input[type=radio]")
    assert_focus_visible_and_big_enough(states)
    first = page.locator("main input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("ArrowDown")  # arrows move within a radio group
    name = first.get_attribute("name")
    checked = page.locator(f"main input[type=radio][name='{name}']:checked")
    assert checked.count() == 1 and checked.first.evaluate("el => el === document.activeElement")


def test_skip_link_is_the_first_tab_stop_and_visible(page: Any) -> None:
    page.goto("welcome/")
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert state and "md-skip" in state["cls"] and state["ring"] and state["top"] >= 0


REFLOW_PAGES = [
    "",
    "welcome/",
    "competencies/",
    "competencies/ec-supervision/",
    "resources/",
    "resources/enhancing-the-peer-provider-workforce/",
    "handouts/",
    "assessment/",
    "glossary/",
    "references/",
]


def test_pages_reflow_at_200_percent_zoom(browser: Any, base_url: str) -> None:
    """1280 px at 200% zoom is a 640 CSS px viewport: no sideways scrolling of the page."""
    context = browser.new_context(base_url=base_url, viewport={"width": 640, "height": 512})
    try:
        page = context.new_page()
        for url in REFLOW_PAGES:
            page.goto(url)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"/{url} scrolls sideways by {overflow} px at 640 px wide"
    finally:
        context.close()
