"""What people take away is clean (issue 25, part 1): every copy and download button's text,
every handout PDF and every printed handout hold the handout, never an editors' note or a
screen-only hint (class pet-screen-only, one mechanism: docs/assets/pet.js `takeaway`).
The job posting also starts its sentences with capitals, spells out each abbreviation on
first use and carries the pay range and benefits typed into the builder."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from pet_generator.catalog import urls
from pet_generator.catalog.loader import Catalog
from pypdf import PdfReader

SCREEN_WORDS = ("Editors' note", "Editors’ note", "Scroll the table sideways", "our suggestion: replace", "OUR SUGGESTION")


def screen_only_texts(catalog: Catalog) -> list[str]:
    """Catalog text that is for the screen only: editors' notes and builder hints."""
    out = []
    for h in catalog["handouts"]:
        out += [b["editors_note"] for b in h["blocks"] if b.get("editors_note")]
        out += [p["hint"] for p in h.get("placeholders", []) if p.get("hint")]
    return [" ".join(t.split())[:50] for t in out]


def assert_clean(text: str, catalog: Catalog, where: str) -> None:
    flat = " ".join(text.split())
    for word in SCREEN_WORDS:
        assert word not in flat, f"{where}: {word!r} was taken away"
    for note in screen_only_texts(catalog):
        assert note not in flat, f"{where}: screen-only text {note!r} was taken away"


def test_the_catalog_has_screen_only_text_to_keep_out(catalog: Catalog) -> None:
    # The checks below are only worth something while there is something to keep out.
    assert screen_only_texts(catalog), "no editors' note or builder hint left to test against"
    jd = catalog.get("handouts", "job-description")
    assert any(b.get("editors_note") for b in jd["blocks"]) and any(p.get("hint") for p in jd["placeholders"])


def test_every_copy_and_download_button_gives_clean_text(browser: Any, base_url: str, catalog: Catalog, tmp_path: Path) -> None:
    # A phone, so the job description's wide table shows its "scroll sideways" hint on screen.
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    checked = 0
    for h in catalog["handouts"]:
        page.goto(urls.handout_page(h["id"]))
        buttons = page.locator("article.pet-handout button[data-action=copy], article.pet-handout button[data-action=download]")
        for i in range(buttons.count()):
            button = buttons.nth(i)
            if button.get_attribute("data-action") == "copy":
                page.evaluate("navigator.clipboard.writeText('')")
                button.click()
                page.wait_for_function("() => document.querySelector('.pet-builder .pet-status').textContent.includes('Copied')")
                text = page.evaluate("navigator.clipboard.readText()")
            else:
                with page.expect_download() as info:
                    button.click()
                text = Path(info.value.path()).read_text("utf-8")
            assert len(text) > 500, h["id"]
            assert_clean(text, catalog, f"{h['id']} {button.inner_text()}")
            checked += 1
    assert checked >= 2  # the job description's Copy and Download at least
    # On screen, the notes and hints are there: the rule keeps them out of the take-away only.
    page.goto(urls.handout_page("job-description"))
    assert page.locator(".pet-editors-note.pet-screen-only").first.is_visible()
    assert page.locator(".pet-fill-hint.pet-screen-only").first.is_visible()
    assert page.locator(".pet-scroll-hint.pet-screen-only").first.is_visible()
    # Resource pages: "Copy the citation".
    r = next(r for r in catalog["resources"] if r.get("url"))
    page.goto(urls.resource_page(r["id"]))
    page.get_by_role("button", name="Copy the citation").click()
    page.wait_for_function("() => (document.querySelector('.pet-copy-status') || {}).textContent === 'Copied.'")
    citation = page.evaluate("navigator.clipboard.readText()")
    assert r["title"][:20] in citation
    assert_clean(citation, catalog, "citation")
    context.close()


def test_printed_handouts_and_pdfs_leave_out_notes_and_hints(browser: Any, base_url: str, catalog: Catalog, site_dir: Path) -> None:
    page = browser.new_page(base_url=base_url, viewport={"width": 390, "height": 844})
    page.goto(urls.handout_page("job-description"))
    assert page.locator(".pet-screen-only").count() >= 3
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(".pet-screen-only", "els => els.filter(e => e.getClientRects().length).length")
    assert shown == 0
    printed = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert "Core duties" in printed
    assert_clean(printed, catalog, "printed job description")
    page.close()
    for h in catalog["handouts"]:
        text = " ".join(p.extract_text() for p in PdfReader(site_dir / urls.handout_pdf(h["id"])).pages)
        assert_clean(text, catalog, f"{h['id']}.pdf")


def test_the_posting_reads_as_a_posting(browser: Any, base_url: str, catalog: Catalog) -> None:
    context = browser.new_context(base_url=base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(urls.handout_page("job-description"))
    form = page.locator("form.pet-builder")
    form.get_by_label("Full-time", exact=True).check()
    form.get_by_label("Pay range", exact=True).fill("$25.00 to $30.00 an hour")
    form.get_by_label("Benefits", exact=True).fill("Medical and dental insurance; paid time off")
    # The hint sits beside its field and describes it.
    hint = form.locator("#" + form.get_by_label("Pay range", exact=True).get_attribute("aria-describedby"))
    assert "good faith" in hint.inner_text()
    form.get_by_role("button", name="Copy as text").click()
    page.wait_for_function("() => document.querySelector('.pet-builder .pet-status').textContent.includes('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Full-time, non-exempt." in copied and "full-time, non-exempt" not in copied
    assert "a full-time [Job title]" in copied  # mid-sentence it stays lower case
    assert "Pay range: $25.00 to $30.00 an hour" in copied and "Benefits: Medical and dental insurance; paid time off" in copied
    assert copied.index("PAY AND BENEFITS") < copied.index("POSITION OVERVIEW")
    # Each abbreviation the page explains is spelled out once, where it is first used.
    abbrs = page.eval_on_selector_all(
        ".pet-handout-doc abbr[title]",
        "els => els.filter(e => !e.closest('.pet-screen-only, .pet-lede, .pet-rights')).map(e => [e.textContent, e.title])",
    )
    assert abbrs, "the job description explains no abbreviation: nothing to spell out"
    for word, title in dict(abbrs).items():
        spelled = f"{title} ({word})"
        assert copied.count(spelled) == 1, spelled
        first = re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", copied)
        assert first is not None and copied[first.start() - len(title) - 2 : first.end() + 1] == spelled, word
    context.close()
