"""Reading on phones, at 200 % and on paper (issue 12, part 4), in Chromium on the built site."""

from __future__ import annotations

from typing import Any

import pytest

PHONE = {"width": 390, "height": 844}
TABLE_PAGES = ["pay/", "peer-role/", "certification/", "competencies/"]


@pytest.fixture
def phone(browser: Any, base_url: str) -> Any:
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    yield context.new_page()
    context.close()


def pagefind_urls(page: Any, query: str) -> list[str]:
    """Every result URL of a real Pagefind search, in rank order."""
    return page.evaluate(
        """q => import(new URL('/pagefind/pagefind.js', location.href).href)
             .then(pf => pf.search(q)).then(s => Promise.all(s.results.map(r => r.data())))
             .then(items => items.map(d => d.url))""",
        query,
    )


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_scroll_in_a_labelled_focusable_box_and_nothing_overflows_the_phone(phone: Any, path: str) -> None:
    phone.goto(path)
    boxes = phone.eval_on_selector_all(
        ".md-typeset table",
        """tables => tables.map(t => {
             let box = t.parentElement;
             while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
             return {tabindex: box.getAttribute('tabindex'), label: box.getAttribute('aria-label') || '',
                     role: box.getAttribute('role'), right: box.getBoundingClientRect().right,
                     size: parseFloat(getComputedStyle(t.querySelector('td') || t).fontSize)};
           })""",
    )
    assert boxes, path
    for box in boxes:
        assert box["tabindex"] == "0" and box["role"] == "region" and box["label"].strip(), (path, box)
        assert box["right"] <= PHONE["width"] + 0.5, (path, box)  # the box fits; the table scrolls inside it
        assert box["size"] >= 14, (path, box)
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth"), path


def test_the_living_wage_table_says_it_scrolls_and_keeps_its_first_column(phone: Any) -> None:
    phone.goto("pay/")
    wrap = phone.locator(".pet-table-wrap").first
    assert wrap.evaluate("b => b.scrollWidth > b.clientWidth")  # 13 columns do not fit 390 px
    assert phone.locator(".pet-scroll-hint").first.is_visible()
    first = wrap.locator("tbody td").first
    assert first.evaluate("c => getComputedStyle(c).position") == "sticky"
    wrap.focus()
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("() => document.querySelector('.pet-table-wrap').scrollLeft > 0")
    assert first.bounding_box()["x"] >= 0  # still in view after scrolling sideways


def test_chart_labels_stay_at_least_12px_on_a_phone(phone: Any) -> None:
    phone.goto("pay/")
    sizes = phone.eval_on_selector_all(
        ".pet-chart .pet-chart-label, .pet-chart .pet-chart-value", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 12
    assert phone.evaluate("[...document.querySelectorAll('.pet-chart-figure')].every(f => f.scrollWidth <= f.clientWidth + 1)")


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_chart_bars_are_as_long_as_their_values_at_every_width(browser: Any, base_url: str, width: int) -> None:
    # Issue 25, part 5: $60.19, $78.56 and $57.54 were once drawn at the same length.
    page = browser.new_page(base_url=base_url, viewport={"width": width, "height": 900})
    page.goto("pay/")
    bars = page.eval_on_selector_all(
        ".pet-chart li",
        """lis => lis.map(li => [li.querySelector('.pet-chart-bar').getBoundingClientRect().width,
                                 parseFloat(li.querySelector('.pet-chart-value').textContent.replace(/[^0-9.]/g, ''))])""",
    )
    page.close()
    assert len(bars) >= 3 and len({v for _, v in bars}) >= 3
    top_width, top_value = max(bars, key=lambda b: b[1])
    assert top_width > 40, bars
    for w, v in bars:
        assert abs(w / top_width - v / top_value) < 0.01, (width, bars)


def test_assessment_questions_are_body_size_on_a_phone(phone: Any) -> None:
    phone.goto("assessment/")
    phone.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    body = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    sizes = phone.eval_on_selector_all(
        ".pet-assessment-form legend, .pet-assessment-form .pet-answers label, .pet-assessment-form .pet-prompt-text, .pet-assessment-form summary",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert len(sizes) > 40 and min(sizes) >= body >= 16, (min(sizes), body)


def test_header_search_is_16px_with_a_phone_sized_placeholder_and_the_site_name_shows(phone: Any) -> None:
    phone.goto("")
    field = phone.locator("#pet-header-q")
    assert field.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    placeholder = field.get_attribute("placeholder")
    assert placeholder and "press" not in placeholder and field.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    title = phone.locator(".md-header__topic:first-child .md-ellipsis")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")


def test_named_items_show_a_bold_name_and_a_separator(page: Any) -> None:
    page.goto("certification/")
    items = page.locator(".pet-competencies li").all()
    assert len(items) >= 17
    for li in items[:17]:
        assert li.locator("strong").count() == 1
        assert " — " in li.inner_text() or not li.locator(".pet-summary").count()


def test_maintainers_pages_are_out_of_the_menu_and_search_but_reachable(page: Any) -> None:
    page.goto("")
    nav = page.eval_on_selector_all(".md-sidebar--primary a.md-nav__link", "as => as.map(a => a.getAttribute('href'))")
    assert nav and not [h for h in nav if any(p in h for p in ("maintainers/", "catalog-fields/", "performance/"))]
    assert page.locator(".md-sidebar--primary a.md-nav__link", has_text="Pay and benefits").count() == 1
    page.click(".pet-privacy >> text=For maintainers")
    page.wait_for_url("**/maintainers/")
    for target in ("reference/catalog-fields/", "performance/"):
        assert page.locator(f'a[href$="{target.split("/")[-2]}/"]').count() >= 1, target
    page.goto("about/")
    assert page.locator('.md-content a[href$="maintainers/"]').count() >= 1
    for query, path in (("worklists", "maintainers/"), ("schema", "catalog-fields/"), ("benchmark", "performance/")):
        assert not [u for u in pagefind_urls(page, query) if path in u], query


def test_main_destinations_show_without_scrolling_the_sidebar(page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("")
    for name in ("Hiring and retaining", "Handouts and tools", "Readiness self-assessment", "Resources"):
        link = page.locator(".md-sidebar--primary a.md-nav__link", has_text=name).first
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= 800, name


def test_404_page_says_what_happened_and_offers_search_and_home(page: Any, base_url: str) -> None:
    # Hosts serve 404.html for any missing address; its links are root-based (no site_url here).
    page.goto("404.html")
    assert "Page not found" in page.locator("h1").inner_text()
    page.fill("#pet-notfound-q", "supervision")
    page.click(".pet-notfound-search button")
    page.wait_for_url("**/search/?q=supervision")
    page.goto("404.html")
    page.click("text=Go to the home page")
    assert page.url.rstrip("/") == base_url.rstrip("/")


@pytest.mark.parametrize("path", ["pay/", "peer-role/", "certification/"])
def test_tables_fit_the_printed_page_with_every_column(page: Any, path: str) -> None:
    page.set_viewport_size({"width": 700, "height": 900})  # Letter at 0.6 in margins, in CSS px
    page.goto(path)
    page.emulate_media(media="print")
    fits = page.eval_on_selector_all(".pet-table-wrap", "bs => bs.map(b => b.scrollWidth <= b.clientWidth + 1)")
    assert fits and all(fits), path
    assert not page.locator(".pet-scroll-hint:visible").count()


@pytest.mark.parametrize(
    "path",
    ["", "resources/", "resources/enhancing-the-peer-provider-workforce/", "pay/", "peer-role/", "handouts/root-cause-analysis/", "search/?q=pay"],
)
def test_nothing_scrolls_sideways_at_200_percent_zoom(browser: Any, base_url: str, path: str) -> None:
    """1280 px at 200 % is a 640 px wide layout."""
    context = browser.new_context(base_url=base_url, viewport={"width": 640, "height": 400})
    page = context.new_page()
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
    context.close()


# --- issue 25, part 5: looks that don't mislead ---------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_competency_pages_have_one_list_and_titles_in_normal_case(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto("competencies/ec-supervision/")
    assert page.locator(".pet-filterbox, .pet-count, .pet-countbar").count() == 0  # the filters are one link away
    titles = page.locator("#resources-tagged ~ ul.pet-tagged > li > :is(h4, h5) a")
    assert titles.count() > 0
    for i in range(titles.count()):
        assert titles.nth(i).evaluate("a => getComputedStyle(a.parentElement).textTransform") == "none"
    link = page.locator("#resources-tagged ~ .pet-see-all a")
    assert link.get_attribute("href").endswith("resources/?competency=ec-supervision")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_back_to_top_is_a_link_at_the_end_never_over_the_text(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto("hiring/")
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -600)  # Material showed its pill when the reader scrolled back up
    page.wait_for_timeout(300)
    floating = page.eval_on_selector_all(
        "body *",
        "els => els.filter(e => getComputedStyle(e).position === 'fixed' && /back to top/i.test(e.textContent) && e.getClientRects().length).length",
    )
    assert floating == 0 and page.locator(".md-top").count() == 0
    top = page.locator(".pet-top-link a")
    assert top.count() == 1 and top.get_attribute("href") == "#top"
    top.click()
    page.wait_for_function("() => scrollY === 0")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_buttons_side_by_side_share_a_baseline(browser: Any, base_url: str, width: int) -> None:
    # A link styled as a button ("Download the PDF") beside a <button> ("Print") sat 2 px higher.
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto("handouts/recovery-graphic/")
    boxes = page.eval_on_selector_all(
        ".pet-handout-tools .md-button",
        """els => els.filter(e => e.offsetParent !== null).map(e => {
             const r = e.getBoundingClientRect(), t = document.createRange(); t.selectNodeContents(e);
             const text = t.getBoundingClientRect(); return [e.tagName, Math.round(r.top), Math.round(r.height), Math.round(text.bottom)]; })""",
    )
    assert len({b[0] for b in boxes}) == 2, boxes  # a link and a button
    rows: dict[int, list[list[Any]]] = {}
    for b in boxes:
        rows.setdefault(b[1], []).append(b)
    for row in rows.values():
        assert len({b[2] for b in row}) == 1 and max(b[3] for b in row) - min(b[3] for b in row) <= 1, boxes
    context.close()


def test_header_without_javascript_on_a_phone_is_usable(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("pay/")
    field = page.locator("#pet-header-q")
    assert field.is_visible() and field.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    assert field.bounding_box()["height"] >= 38 and field.bounding_box()["x"] + field.bounding_box()["width"] <= PHONE["width"]
    page.locator(".md-header label[for=__drawer]").click()  # Material's menu opens without JavaScript
    assert page.get_by_role("link", name="Hiring and retaining").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    # The header's hidden second title (the page's, shown by Material's script on scroll) sits
    # 25 px to the right: with a long page title it made the page scroll sideways.
    for path in ("handouts/recovery-graphic/", "handouts/job-description/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
    context.close()
