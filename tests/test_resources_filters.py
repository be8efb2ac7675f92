"""The resource filters in a real browser (Chromium) against the real built site."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pet_generator.catalog import export
from pet_generator.catalog.loader import Catalog
from pet_generator.site import resource_table

VISIBLE = "els => els.filter(e => !e.closest('[hidden]')).map(e => e.dataset.resourceId)"


def visible(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all(".pet-resource-table [data-resource-id]", VISIBLE))


def expected(catalog: Catalog, **filters: Any) -> list[str]:
    return sorted(r["id"] for r in catalog["resources"] if resource_table.matches(r, cat=catalog, **filters))


def common_value(catalog: Catalog, field: str) -> str:
    """The facet value most resources have, but not all of them (so the filter must narrow)."""
    counts: dict[str, int] = {}
    for r in catalog["resources"]:
        value = r.get(field)
        for v in value if isinstance(value, list) else [value]:
            counts[v] = counts.get(v, 0) + 1
    narrowing = [v for v, n in counts.items() if n < len(catalog["resources"])]
    assert narrowing, f"every resource has the same {field}; the test cannot show narrowing"
    return max(narrowing, key=lambda v: counts[v])


def test_each_facet_narrows_rows_to_exactly_the_catalog_matches(page: Any, catalog: Catalog) -> None:
    page.goto("resources/")
    everything = visible(page)
    assert everything == expected(catalog)
    for facet, field in ((f.name, f.field) for f in catalog.model.facets):  # the schema's facets
        value = common_value(catalog, field)
        box = page.locator(f'.pet-filters input[name="{facet}"][value="{value}"]')
        box.locator("xpath=ancestor::details[1]/summary").click()
        box.check()
        assert visible(page) == expected(catalog, **{facet: value}), facet
        assert f"{facet}={value}" in page.url
        box.uncheck()
        assert visible(page) == everything
    assert page.foreign_requests == []


def test_filters_combine_and_text_narrows_further(page: Any, catalog: Catalog) -> None:
    competency = common_value(catalog, "competencies")
    kind = common_value(catalog, "type")
    page.goto("resources/?" + urlencode({"competency": competency, "type": kind}))
    assert visible(page) == expected(catalog, competency=competency, type=kind)
    word = "supervision"
    page.fill("#pet-filter-q", word)
    assert visible(page) == expected(catalog, competency=competency, type=kind, q=word)
    assert page.locator(".pet-count").inner_text().startswith("Showing")


def test_url_state_restores_and_reset_clears_it(page: Any, catalog: Catalog) -> None:
    topic, audience = common_value(catalog, "topics"), common_value(catalog, "audience")
    page.goto("resources/?" + urlencode([("topic", topic), ("audience", audience), ("q", "peer"), ("sort", "title")]))
    assert visible(page) == expected(catalog, topic=topic, audience=audience, q="peer")
    assert page.locator(f'input[name="topic"][value="{topic}"]').is_checked()
    assert page.input_value("#pet-filter-q") == "peer"
    assert page.input_value("#pet-filter-sort") == "title"
    titles = page.eval_on_selector_all(".pet-flat > li:not([hidden]) > :first-child", "els => els.map(e => e.textContent)")
    assert titles == sorted(titles, key=str.casefold) or len(titles) < 2
    page.click(".pet-reset")
    page.wait_for_function("() => !location.search")
    assert visible(page) == expected(catalog)
    assert page.locator(".pet-count").inner_text() == f"{len(catalog['resources'])} resources"


def test_several_values_of_one_facet_mean_any_of_them(page: Any, catalog: Catalog) -> None:
    types = sorted({r["type"] for r in catalog["resources"]})[:2]
    page.goto("resources/?" + urlencode([("type", t) for t in types]))
    assert visible(page) == expected(catalog, type=types)


def test_every_competency_url_shows_exactly_the_resources_the_export_links_to_it(page: Any, catalog: Catalog) -> None:
    exported = export.to_json(catalog)["resources"]
    linked = {c for r in exported for c in r["competencies"]}
    assert linked, "no resource supports any competency"
    for competency in sorted(linked):
        page.goto(f"resources/?competency={competency}")
        assert visible(page) == sorted(r["id"] for r in exported if competency in r["competencies"]), competency
    assert page.foreign_requests == []


def test_filters_work_by_keyboard_alone(page: Any, catalog: Catalog) -> None:
    page.goto("resources/")
    page.focus("#pet-filter-q")
    page.keyboard.type("supervision")
    assert visible(page) == expected(catalog, q="supervision")
    page.keyboard.press("Tab")  # the first facet's summary
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")  # opens it
    page.keyboard.press("Tab")
    facet = page.evaluate("document.activeElement.name")
    value = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    assert visible(page) == expected(catalog, q="supervision", **{facet: value})
    # Onwards to the reset button, and out of the form: no trap.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pet-reset')"):
            break
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search")
    assert visible(page) == expected(catalog)
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('form.pet-filters')")


def test_a_shared_filtered_list_says_which_filters_are_on_and_copies_its_link(browser: Any, base_url: str, catalog: Catalog) -> None:
    # Issue 25, part 5: someone opening a shared link sees what the list is narrowed to, and
    # the list's own link can be copied with the keyboard; the result is announced.
    context = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("resources/")
    share = page.locator(".pet-share")
    assert not share.is_visible()  # the whole list: nothing to say
    competency = catalog.get("competencies", "ec-supervision")
    kind = common_value(catalog, "type")
    page.goto("resources/?" + urlencode({"competency": "ec-supervision", "type": kind}))
    n = len(expected(catalog, competency="ec-supervision", type=kind))
    total = len(catalog["resources"])
    type_label = catalog.get("taxonomy.types", kind)["label"]
    text = page.inner_text(".pet-share .pet-active")
    assert text == f"Showing {n} of {total} resources for Competency: {' '.join(competency['name'].split())}; Resource type: {type_label}.", text
    button = page.get_by_role("button", name="Copy link to this list")
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".pet-share [role=status]")
    page.wait_for_function("() => document.querySelector('.pet-share [role=status]').textContent.length > 0")
    assert status.inner_text() == "Link copied. Paste it to share this list."
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    page.fill(".pet-filters input[name=q]", "peer")
    assert "words \u201cpeer\u201d" in page.inner_text(".pet-share .pet-active")
    context.close()
