"""Handout pages: one renderer for every handout, tick boxes saved in this browser only,
the job description builder, printing only the handout, and no request leaving 127.0.0.1."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog
from pet_generator.site import handouts
from pet_generator.site.components import message
from pet_generator.site.html import Context


def built(site_dir: Path, handout_id: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / urls.handout_page(handout_id) / "index.html").read_text("utf-8"), "html.parser")


def checklist_handouts(catalog: Catalog) -> list[str]:
    return [h["id"] for h in catalog["handouts"] if any(b["kind"] == "checklist" for b in h["blocks"])]


def builder_handout(catalog: Catalog) -> dict[str, Any]:
    found = [h for h in catalog["handouts"] if h.get("placeholders")]
    assert found, "no handout has placeholders: the job description builder has nothing to fill"
    return found[0]


def test_every_handout_has_a_page_with_its_title_blocks_and_pdf_link(catalog: Catalog, site_dir: Path) -> None:
    assert len(catalog["handouts"]) >= 8
    for h in catalog["handouts"]:
        html = built(site_dir, h["id"])
        article = html.select_one(f'article.pet-handout[data-handout-id="{h["id"]}"]')
        assert article is not None, h["id"]
        assert " ".join(html.h1.get_text().replace("¶", "").split()) == " ".join(h["title"].split())
        assert len(article.select(".pet-handout-doc > section.pet-block")) == len(h["blocks"]), h["id"]
        pdf = article.select_one("a.pet-pdf-link")
        assert pdf is not None
        assert (site_dir / urls.handout_page(h["id"]) / pdf["href"]).resolve() == (site_dir / urls.handout_pdf(h["id"])).resolve()
        rights = article.select_one(".pet-rights").get_text()
        assert " ".join(h["rights"]["attribution"].split())[:60] in " ".join(rights.split())


def test_checklist_items_are_labelled_checkboxes_with_unique_ids(catalog: Catalog, site_dir: Path) -> None:
    ids = checklist_handouts(catalog)
    assert "onboarding-procedure" in ids and "supervisor-checklist" in ids
    for handout_id in ids:
        boxes = built(site_dir, handout_id).select(".pet-checklist input[type=checkbox][data-check-id]")
        assert boxes, handout_id
        dom_ids = [b["id"] for b in boxes]
        assert len(set(dom_ids)) == len(dom_ids)
        for b in boxes:
            label = b.find_next_sibling("label")
            assert label is not None and label["for"] == b["id"] and label.get_text().strip()


def test_without_js_placeholders_read_as_bracketed_labels(catalog: Catalog, site_dir: Path) -> None:
    h = builder_handout(catalog)
    html = built(site_dir, h["id"])
    text = html.select_one(".pet-handout-doc").get_text()
    assert "[[" not in text and "]]" not in text
    labels = {p["id"]: p["label"] for p in h["placeholders"]}
    slots = html.select(".pet-handout-doc .pet-slot")
    assert {s["data-slot"] for s in slots} == {m for b in h["blocks"] for m in re.findall(r"\[\[([a-z0-9-]+)\]\]", str(b))}
    for s in slots:
        assert s.get_text() == f"[{labels[s['data-slot']]}]"
    assert "[Agency name]" in text
    builder = html.select_one("form.pet-builder")
    assert builder is not None and builder.has_attr("hidden"), "the builder needs JS, so it starts hidden"


def test_the_supervisor_checklist_shows_its_rights_notice_and_the_rsa_is_an_excerpt(catalog: Catalog, site_dir: Path) -> None:
    rights = " ".join(built(site_dir, "supervisor-checklist").select_one(".pet-rights").get_text().split())
    assert catalog.get("handouts", "supervisor-checklist")["rights"]["notice"] in rights
    excerpt = built(site_dir, "recovery-self-assessment").select_one(".pet-excerpt")
    assert excerpt is not None and "Excerpt only" in excerpt.get_text()
    assert len(built(site_dir, "recovery-self-assessment").select("fieldset.pet-rating-item")) == 4


def test_catalog_text_is_escaped_and_unknown_placeholders_fail(catalog: Catalog) -> None:
    cat = copy.deepcopy(catalog)
    h = cat.get("handouts", "onboarding-procedure")
    h["blocks"][1]["items"][0] = "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))"
    html = handouts.handout(cat, Context(page_url="handouts/onboarding-procedure/"), "onboarding-procedure")
    assert "<script>alert" not in html and "{{" not in html and "](javascript" not in html
    assert "&lt;script&gt;" in html
    h["blocks"][0]["text"] = "Call [[no-such-slot]]"
    with pytest.raises(ValueError, match="no-such-slot"):
        handouts.handout(cat, Context(), "onboarding-procedure")


def test_checklist_ticks_survive_a_reload_and_clear(page: Any) -> None:
    page.goto("handouts/onboarding-procedure/")
    boxes = page.locator(".pet-checklist input[type=checkbox]")
    assert boxes.count() > 10
    boxes.nth(0).check()
    boxes.nth(3).check()
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked() and not boxes.nth(1).is_checked()
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pet-handout:'))")
    assert stored == ["pet-handout:onboarding-procedure"]
    clear = page.get_by_role("button", name="Clear my ticks")
    assert clear.is_visible()
    clear.click()
    page.wait_for_function("() => document.querySelector('.pet-handout-tools .pet-status').textContent.includes('Cleared')")
    assert page.locator(".pet-checklist input:checked").count() == 0
    page.reload()
    assert page.locator(".pet-checklist input:checked").count() == 0
    assert page.foreign_requests == []


def test_the_job_description_builder_fills_every_placeholder_live(page: Any, catalog: Catalog) -> None:
    h = builder_handout(catalog)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(urls.handout_page(h["id"]))
    doc = page.locator(".pet-handout-doc")
    assert "[Agency name]" in doc.inner_text()
    form = page.locator("form.pet-builder")
    assert form.is_visible()
    peer = next(p for p in h["placeholders"] if p["id"] == "peer-type")
    for p in h["placeholders"]:
        if p.get("choices"):
            choice = p["choices"][-1] if p is peer else p["choices"][0]
            form.get_by_label(choice["label"], exact=True).check()
        else:
            form.get_by_label(p["label"], exact=True).fill(f"Test {p['label']}")
    text = doc.inner_text()
    assert "[[" not in text
    for p in h["placeholders"]:
        assert f"[{p['label']}]" not in text, f"slot {p['id']} was not filled"
    assert page.locator(".pet-handout-doc .pet-slot:not(.pet-filled)").count() == 0
    assert "Test Agency name has an immediate opening" in " ".join(text.split())
    assert peer["choices"][-1]["text"] in text
    # The lived-experience wording follows the type of peer.
    form.get_by_label(peer["choices"][1]["label"], exact=True).check()
    text = doc.inner_text()
    assert peer["choices"][1]["text"] in text and peer["choices"][-1]["text"] not in text
    # Copy as text: plain text, filled in, no markup.
    form.get_by_role("button", name="Copy as text").click()
    page.wait_for_function("() => document.querySelector('.pet-builder .pet-status').textContent.includes('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    # Only the posting: the job title and the agency first, none of the site's words about it.
    assert copied.startswith("Test Job title\nTest Agency name\n\n"), copied[:80]
    assert h["summary"][:30] not in copied and h["rights"]["attribution"][:30] not in copied
    assert "Test Agency name" in copied and "<" not in copied and "[[" not in copied
    assert "- " + "A current and valid" in copied
    # The same text as a download, for a word processor.
    with page.expect_download() as info:
        form.get_by_role("button", name="Download as text (.txt)").click()
    saved = Path(info.value.path()).read_text("utf-8")
    assert info.value.suggested_filename == "Test Job title.txt"
    assert saved.replace("\r\n", "\n") == copied
    # Survives a reload; Clear empties fields and slots.
    page.reload()
    assert "Test Agency name" in doc.inner_text()
    form.get_by_role("button", name="Clear").click()
    assert "[Agency name]" in doc.inner_text() and form.get_by_label("Agency name", exact=True).input_value() == ""
    assert page.foreign_requests == []


def test_printing_a_handout_shows_only_the_handout(page: Any) -> None:
    page.goto("handouts/supervisor-checklist/")
    chrome = ".md-header, .md-sidebar--primary, .md-sidebar--secondary, .md-footer, .pet-header-search, .pet-privacy, .pet-handout-tools"
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(
        chrome, "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none').map(e => e.className)"
    )
    assert shown == []
    assert page.locator("article.pet-handout .pet-checklist").first.is_visible()
    assert page.locator("h1").is_visible()
    assert page.foreign_requests == []


def test_the_builder_and_ticked_checklists_have_zero_axe_violations(browser: Any, base_url: str) -> None:
    from test_accessibility_axe import AXE, TAGS

    context = browser.new_context(base_url=base_url, bypass_csp=True)  # only so axe can be injected
    try:
        page = context.new_page()
        for url in ("handouts/job-description/", "handouts/collaborative-work-plan/"):
            page.goto(url)
            page.locator("article input[type=checkbox], article input[type=text]").first.click()
            page.add_script_tag(content=AXE.read_text("utf-8"))
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
            assert [(url, v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
    finally:
        context.close()


def test_warning_signs_are_not_struck_through_and_checklists_say_what_a_tick_means(page: Any, catalog: Catalog) -> None:
    page.goto("handouts/supervisor-checklist/")
    means = page.locator(".pet-tick-means")
    assert means.count() == 1 and "warning sign" in means.inner_text()
    drift = page.locator(".pet-checklist .pet-checklist input[type=checkbox]").first  # a sign of drift
    drift.check()
    label = page.locator(f'label[for="{drift.get_attribute("id")}"]')
    assert "line-through" not in label.evaluate("e => getComputedStyle(e).textDecorationLine")
    page.goto("handouts/onboarding-procedure/")
    assert page.locator(".pet-tick-means").inner_text() == message(catalog, "handout.tick_means") == "A tick means the item is done or in place."


def test_worksheet_fields_and_table_cells_can_be_typed_saved_and_printed(page: Any) -> None:
    page.goto("handouts/root-cause-analysis/")
    situation = page.get_by_label("Current situation")
    situation.fill("Peers leave within a year.\nExit interviews mention pay.")
    cell = page.get_by_label("Causes: Environment")
    cell.fill("Short-term grants")
    page.reload()
    assert situation.input_value() == "Peers leave within a year.\nExit interviews mention pay."
    assert cell.input_value() == "Short-term grants"
    page.emulate_media(media="print")
    assert situation.is_visible() and situation.evaluate("e => e.scrollHeight <= e.clientHeight + 2")  # prints whole
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Clear my answers").click()
    assert situation.input_value() == "" and cell.input_value() == ""


def test_work_plan_yes_no_pairs_are_one_choice_each_and_saved(page: Any) -> None:
    page.goto("handouts/collaborative-work-plan/")
    first_row = page.locator(".pet-block-table tbody tr").first
    radios = first_row.locator("input[type=radio]")
    assert radios.count() == 2 and first_row.locator("input[type=checkbox]").count() == 0
    assert radios.nth(0).get_attribute("name") == radios.nth(1).get_attribute("name")
    radios.nth(0).check()
    radios.nth(1).check()
    assert not radios.nth(0).is_checked() and radios.nth(1).is_checked()
    page.reload()
    assert radios.nth(1).is_checked() and not radios.nth(0).is_checked()
