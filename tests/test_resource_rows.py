"""Resource rows people can act on (issue 12, part 1), in Chromium on the built site: summary
and publisher on every row, a web search for link-pending titles, one "Suggest a link" per
page, the text filter over every field, and the notice a filtered address gets without JS."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog
from pet_generator.site import resource_table

VISIBLE = "els => els.filter(e => !e.closest('[hidden]')).map(e => e.dataset.resourceId)"


def visible(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all(".pet-resource-table [data-resource-id]", VISIBLE))


def test_every_row_shows_its_summary_and_publisher_here_and_on_competency_pages(page: Any, catalog: Catalog) -> None:
    by_id = {r["id"]: r for r in catalog["resources"]}
    pages = ["resources/"] + [urls.competency_page(c["id"]) for c in catalog["competencies"] if c["framework"] == "employer-competencies"][:3]
    for path in pages:
        page.goto(path)
        rows = page.eval_on_selector_all(
            ".pet-rows > li",
            "els => els.map(e => [e.dataset.resourceId, (e.querySelector('.pet-row-summary') || {}).textContent || '',"
            " (e.querySelector('.pet-publisher') || {}).textContent || ''])",
        )
        assert rows, path
        for rid, summary, publisher in rows:
            r = by_id[rid]
            assert " ".join(summary.split()) == " ".join((r.get("summary") or "").split()), (path, rid)
            assert publisher == (r.get("publisher") or ""), (path, rid)
            assert summary or not r.get("summary")


def test_link_pending_rows_offer_a_web_search_that_leaves_the_site_and_one_suggestion(page: Any, catalog: Catalog) -> None:
    page.goto("resources/")
    pending = [r for r in catalog["resources"] if not r.get("url")]
    links = page.eval_on_selector_all(
        ".pet-rows > li .pet-websearch", "els => els.map(a => [a.closest('li').dataset.resourceId, a.href, a.textContent])"
    )
    assert sorted(rid for rid, _, _ in links) == sorted(r["id"] for r in pending)
    for rid, href, text in links:
        assert href == resource_table.web_search_href(catalog, catalog.get("resources", rid))
        assert href.startswith(catalog["edition"]["web_search"]["url"]) and "leaves this site" in text
    assert page.locator(".pet-suggest").count() == 1
    # The badge is a quiet tag, not an error: no red, not bold.
    style = page.eval_on_selector(".pet-pending", "e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]")
    assert style[1] in ("400", "normal") and not style[0].startswith("rgb(2")
    # The title of a link-pending resource leads to its own page (ADR 0009), which says so too.
    first = pending[0]["id"]
    page.click(f"#{first} a")
    page.wait_for_url(f"**/resources/{first}/")
    assert "link pending" in page.locator(".pet-resource-page .pet-nolink").inner_text()
    # On paper there is nothing to click: the note keeps its reason, not "Found it? ." without a link.
    page.emulate_media(media="print")
    note = page.locator(".pet-pending-note").inner_text()
    page.emulate_media(media="screen")
    assert "evidence for" in note and "Found it" not in note and "Suggest" not in note, note


def test_text_filter_matches_summaries_and_every_word_in_any_field(page: Any, catalog: Catalog) -> None:
    page.goto("resources/")
    for q in ("supervision peers", "certification employers", "CalMHSA lookup"):
        page.fill("#pet-filter-q", q)
        want = sorted(r["id"] for r in catalog["resources"] if resource_table.matches(r, q=q, cat=catalog))
        assert want, q
        assert visible(page) == want, q
    # "supervision peers": summaries and competency names count, so more rows match than titles alone.
    titles_only = [
        r for r in catalog["resources"] if all(w in (r["title"] + " " + (r.get("publisher") or "")).lower() for w in ("supervision", "peers"))
    ]
    page.fill("#pet-filter-q", "supervision peers")
    assert len(visible(page)) > len(titles_only)


def test_a_filtered_address_without_javascript_says_the_full_list_follows(browser: Any, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("resources/?competency=ec-supervision")
    note = page.locator(".pet-nojs-note")
    assert note.is_visible() and "needs JavaScript" in note.inner_text() and "full list" in note.inner_text()
    assert page.locator(".pet-rows > li").count() == len(catalog["resources"])
    assert not page.locator(".pet-filters").is_visible()
    context.close()
    # With JavaScript the notice is gone and the filter applies.
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("resources/?competency=ec-supervision")
    assert not page.locator(".pet-nojs-note").is_visible()
    assert page.locator(".pet-count").inner_text().startswith("Showing")
    context.close()


# --- Filters that look like filters (issue 12, part 2) ----------------------------------------


def test_facets_are_plain_controls_not_note_callouts(page: Any) -> None:
    page.goto("resources/")
    for sel in (".pet-filterbox", ".pet-facet"):
        look = page.eval_on_selector(
            f"{sel} > summary",
            "s => [getComputedStyle(s, '::before').content, getComputedStyle(s).backgroundColor, getComputedStyle(s.parentNode).boxShadow]",
        )
        assert look[0] in ("none", "normal") and look[1] in ("rgba(0, 0, 0, 0)", "transparent") and look[2] == "none", (sel, look)


def test_choosing_a_value_does_not_move_the_other_controls(page: Any, catalog: Catalog) -> None:
    page.goto("resources/")
    where = "() => [...document.querySelectorAll('.pet-facet > summary, #pet-filter-sort, .pet-reset')].map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y)]; })"
    for facet in ("category", "competency"):  # "Competency" is the longest heading
        box = page.locator(f'.pet-facet input[name="{facet}"]').first
        box.locator("xpath=ancestor::details[1]/summary").click()
        before = page.evaluate(where)
        box.check()
        assert page.locator(f'.pet-chosen[data-facet="{facet}"]').text_content() == "(1 chosen)"
        assert page.evaluate(where) == before, facet
        box.locator("xpath=ancestor::details[1]/summary").click()


def test_on_a_phone_the_count_stays_in_view_and_the_filters_fold_away(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("resources/")
    facet = page.locator('.pet-facet:has(input[name="topic"])')
    facet.locator("summary").click()
    facet.locator("input").nth(3).scroll_into_view_if_needed()
    facet.locator("input").nth(3).check()
    bar = page.locator(".pet-countbar")
    assert bar.locator(".pet-count").inner_text().startswith("Showing")
    box = bar.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1  # in view without scrolling
    bar.locator(".pet-jump").click()
    page.wait_for_function("() => location.hash === '#pet-filter-results'")
    # The filter block folds away and opens again.
    page.locator(".pet-filterbox > summary").click()
    assert not page.locator("#pet-filter-q").is_visible()
    page.locator(".pet-filterbox > summary").click()
    assert page.locator("#pet-filter-q").is_visible()
    context.close()
