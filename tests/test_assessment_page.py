"""The readiness self-assessment (/assessment/): every question from the 11 employer
competencies, the documented scoring rule checked on known answer sets in a real browser,
export/import round trip with strict validation, printing, and nothing leaving 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros import assessment
from macros.catalog import Catalog

FORMAT = "peer-employer-toolkit/readiness-assessment"


def built(site_dir: Path) -> BeautifulSoup:
    return BeautifulSoup((site_dir / "assessment" / "index.html").read_text("utf-8"), "html.parser")


def test_every_question_of_the_11_competencies_is_a_fieldset_with_four_answers(catalog: Catalog, site_dir: Path) -> None:
    comps = assessment.competencies(catalog)
    assert len(comps) == 11
    html = built(site_dir)
    sections = html.select(".pet-competency-questions[data-competency-id]")
    assert [s["data-competency-id"] for s in sections] == [c["id"] for c in comps]
    for c, section in zip(comps, sections, strict=True):
        expected = assessment.question_ids(c)
        fieldsets = section.select("fieldset[data-question-id]")
        assert [f["data-question-id"] for f in fieldsets] == [q for q, _, _ in expected]
        for f, (_, _, text) in zip(fieldsets, expected, strict=True):
            assert " ".join(f.legend.get_text().split()) == " ".join(text.split())
            radios = f.select("input[type=radio]")
            assert [r["value"] for r in radios] == ["yes", "partly", "no", "dont-know"]
            assert len({r["name"] for r in radios}) == 1
            for r in radios:
                assert f.select_one(f'label[for="{r["id"]}"]') is not None
    # Questions with sub-items keep their lead-in text as the group's legend.
    grouped = [g for c in comps for _, g, _ in assessment.question_ids(c) if g]
    assert grouped and all(g in html.get_text() for g in grouped)


def test_without_js_the_questions_and_the_scoring_rule_are_on_the_page(site_dir: Path) -> None:
    html = built(site_dir)
    assert html.select_one(".pet-assessment-tools").has_attr("hidden")
    assert html.select_one(".pet-results").has_attr("hidden")
    rule = " ".join(html.select_one(".pet-assessment").get_text().split())
    assert "yes = 2 points, partly = 1 point, no = 0 points" in rule and "left out" in rule


def weak_next_steps_hrefs(catalog: Catalog, competency_id: str) -> set[str]:
    c = catalog.get("competencies", competency_id)
    handouts = {f"../handouts/{h}/" for h in c.get("handouts", [])}
    handouts |= {f"../handouts/{h['id']}/" for h in catalog["handouts"] if competency_id in h.get("competencies", [])}
    return handouts


def answer(page: Any, answers: dict[str, str]) -> None:
    for qid, value in answers.items():
        page.check(f'input[name="q-{qid}"][value="{value}"]')


def results(page: Any) -> dict[str, dict[str, str]]:
    rows = page.eval_on_selector_all(
        ".pet-results tbody tr",
        "trs => trs.map(tr => [tr.dataset.competencyId, {points: tr.dataset.points, max: tr.dataset.max, percent: tr.dataset.percent, level: tr.dataset.level, text: tr.innerText}])",
    )
    return dict(rows)


@pytest.mark.browser
def test_scoring_follows_the_documented_rule_for_known_answer_sets(page: Any, catalog: Catalog) -> None:
    qs = {c["id"]: [q for q, _, _ in assessment.question_ids(c)] for c in assessment.competencies(catalog)}
    page.goto("assessment/")
    assert page.locator(".pet-results").is_hidden()
    # recovery culture: yes, yes, partly, no, don't know -> 5 of 8 points = 63% (partly in place)
    answer(page, dict(zip(qs["ec-recovery-culture"], ["yes", "yes", "partly", "no", "dont-know"], strict=False)))
    # leadership: all yes -> 100% strong; supervision: no, no, partly (of 4) -> 1 of 6 points = 17% needs attention
    answer(page, {q: "yes" for q in qs["ec-leadership"]})
    answer(page, dict(zip(qs["ec-supervision"], ["no", "no", "partly"], strict=False)))
    # learning environment: only "don't know" -> not scored
    answer(page, {qs["ec-learning-environment"][0]: "dont-know"})
    r = results(page)
    assert (r["ec-recovery-culture"]["points"], r["ec-recovery-culture"]["max"], r["ec-recovery-culture"]["percent"]) == ("5", "8", "63")
    assert r["ec-recovery-culture"]["level"] == "mid" and "Partly in place" in r["ec-recovery-culture"]["text"]
    assert r["ec-leadership"]["percent"] == "100" and "Strong" in r["ec-leadership"]["text"]
    assert (r["ec-supervision"]["points"], r["ec-supervision"]["max"], r["ec-supervision"]["percent"]) == ("1", "6", "17")
    assert "Needs attention" in r["ec-supervision"]["text"] and "1 of 6 points (17%)" in r["ec-supervision"]["text"]
    assert r["ec-learning-environment"]["level"] == "none" and "Not scored" in r["ec-learning-environment"]["text"]
    assert r["ec-infrastructure"]["level"] == "none"
    summary = page.locator(".pet-summary").inner_text()
    leadership = catalog.get("competencies", "ec-leadership")["name"]
    supervision = catalog.get("competencies", "ec-supervision")["name"]
    assert f"Strongest: {leadership} (100%)" in summary and f"Weakest: {supervision} (17%)" in summary
    # Next steps: only the weak area, with its handouts, its resources and its page.
    steps = page.locator(".pet-next-steps [data-next-for]")
    assert steps.count() == 1 and steps.first.get_attribute("data-next-for") == "ec-supervision"
    hrefs = set(steps.first.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert weak_next_steps_hrefs(catalog, "ec-supervision") <= hrefs
    assert "../competencies/ec-supervision/" in hrefs
    if any("ec-supervision" in r.get("competencies", []) for r in catalog["resources"]):
        assert "../resources/?competency=ec-supervision" in hrefs
    # Answers persist across a reload, in localStorage only.
    page.reload()
    assert results(page)["ec-supervision"]["percent"] == "17"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pet-'))") == ["pet-assessment"]
    page.get_by_role("button", name="Clear all answers").click()
    assert page.locator(".pet-assessment-form input:checked").count() == 0 and page.locator(".pet-results").is_hidden()
    page.reload()
    assert page.locator(".pet-assessment-form input:checked").count() == 0
    assert page.foreign_requests == []


@pytest.mark.browser
def test_export_then_import_round_trips_and_bad_files_are_refused(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    ids = [q for c in assessment.competencies(catalog) for q, _, _ in assessment.question_ids(c)]
    values = ["yes", "partly", "no", "dont-know"]
    chosen = {q: values[i % 4] for i, q in enumerate(ids[::3])}
    page.goto("assessment/")
    answer(page, chosen)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON file)").click()
    exported = tmp_path / "answers.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert data["format"] == FORMAT and data["version"] == 1 and data["answers"] == chosen
    page.get_by_role("button", name="Clear all answers").click()
    assert page.locator(".pet-assessment-form input:checked").count() == 0

    status = page.locator(".pet-assessment-tools .pet-status")
    upload = page.get_by_label("Import answers from a JSON file (for example from a colleague)")
    upload.set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.startsWith('Imported')")
    checked = page.eval_on_selector_all(".pet-assessment-form input:checked", "rs => Object.fromEntries(rs.map(r => [r.name.slice(2), r.value]))")
    assert checked == chosen

    # Unknown keys are ignored; imported strings never become markup.
    hostile = {"format": FORMAT, "version": 1, "answers": {ids[0]: "no", "<img src=x onerror=alert(1)>": "yes", "__proto__": "yes"}, "extra": "<b>x</b>"}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile), "utf-8")
    upload.set_input_files(str(path))
    page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.includes('ignored')")
    checked = page.eval_on_selector_all(".pet-assessment-form input:checked", "rs => rs.map(r => r.name.slice(2) + '=' + r.value)")
    assert checked == [f"{ids[0]}=no"]
    assert page.locator(".pet-assessment img, .pet-assessment b").count() == 0
    # Wrong format, wrong values or not JSON: refused, answers unchanged.
    for name, content in [("bad.json", "{not json"), ("other.json", json.dumps({"format": "other", "answers": {}})),
                          ("values.json", json.dumps({"format": FORMAT, "version": 1, "answers": {ids[1]: "maybe"}}))]:  # fmt: skip
        bad = tmp_path / name
        bad.write_text(content, "utf-8")
        upload.set_input_files(str(bad))
        page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.includes('nothing was imported')")
        assert page.eval_on_selector_all(".pet-assessment-form input:checked", "rs => rs.length") == 1
        status.evaluate("s => s.textContent = ''")
    assert page.foreign_requests == []


@pytest.mark.browser
def test_printing_the_assessment_shows_results_without_site_chrome(page: Any, catalog: Catalog) -> None:
    first = assessment.question_ids(assessment.competencies(catalog)[0])[0][0]
    page.goto("assessment/")
    answer(page, {first: "partly"})
    page.emulate_media(media="print")
    hidden = ".md-header, .md-sidebar--primary, .md-footer, .pet-header-search, .pet-assessment-tools"
    shown = page.eval_on_selector_all(hidden, "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none').length")
    assert shown == 0
    assert page.locator(".pet-results").is_visible() and page.locator("fieldset[data-question-id]").first.is_visible()


@pytest.mark.browser
def test_the_results_and_tools_shown_by_the_script_have_zero_axe_violations(browser: Any, base_url: str, catalog: Catalog) -> None:
    from test_accessibility_axe import AXE, TAGS

    qs = [q for c in assessment.competencies(catalog)[:3] for q, _, _ in assessment.question_ids(c)]
    context = browser.new_context(base_url=base_url, bypass_csp=True)  # only so axe can be injected
    try:
        page = context.new_page()
        page.goto("assessment/")
        answer(page, {q: ("no" if i % 2 else "yes") for i, q in enumerate(qs)})
        assert page.locator(".pet-next-steps a").count() > 0
        page.add_script_tag(content=AXE.read_text("utf-8"))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
    finally:
        context.close()
