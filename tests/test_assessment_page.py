"""The readiness self-assessment (/assessment/): every line of the 11 employer competencies
classified in the catalog, the documented scoring rule checked on known answer sets in a real
browser (reverse questions, prompts, don't know, a competency with no scored questions), the
task list, clear with undo, the action plan, report-only printing, JSON and CSV export, import
refusals, the team comparison, and nothing leaving 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import copy_catalog
from pet_generator.catalog.dates import human_date
from pet_generator.catalog.loader import Catalog, load_catalog
from pet_generator.site import assessment
from pet_generator.site.html import Context
from pypdf import PdfReader

FORMAT = "peer-employer-toolkit/readiness-assessment"

# Counts per competency (scored, reverse, prompt), from a read of the source: open questions,
# instructions, fragments and the either/or question are prompts; Competency 5's six topic
# labels are scored only through our own yes/no wording beside them; Competency 8 has no lines.
EXPECTED = {
    "ec-recovery-culture": (6, 0, 0),
    "ec-leadership": (5, 0, 1),
    "ec-supervision": (2, 0, 2),
    "ec-training-mentoring": (2, 0, 3),
    "ec-oversight-feedback": (6, 0, 0),
    "ec-roles-advancement": (1, 0, 5),
    "ec-collaboration": (5, 0, 5),
    "ec-infrastructure": (0, 0, 0),
    "ec-peer-interaction": (11, 0, 0),
    "ec-flexible-policies": (4, 1, 1),
    "ec-learning-environment": (3, 1, 1),
}
REVERSE = {
    "ec-flexible-policies-6": "Does the agency's hiring process prevent the hiring of qualified peer staff?",
    "ec-learning-environment-3": "Can current learning opportunities in your workplace be enhanced and/or broadened?",
}


def built(site_dir: Path) -> BeautifulSoup:
    return BeautifulSoup((site_dir / "assessment" / "index.html").read_text("utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def qids(catalog: Catalog, competency_id: str) -> list[str]:
    return [q for q, _, _ in assessment.question_ids(catalog.get("competencies", competency_id))]


# ---- the catalog and the page without JavaScript ------------------------------------------------


def test_every_line_is_classified_and_no_prompt_or_label_is_scored(catalog: Catalog) -> None:
    comps = assessment.competencies(catalog)
    counts = {c["id"]: tuple(sum(i.kind == k for i in assessment.items(c)) for k in ("scored", "reverse", "prompt")) for c in comps}
    assert counts == EXPECTED
    every = [i for c in comps for i in assessment.items(c)]
    assert {i.id: i.text for i in every if i.kind == "reverse"} == REVERSE
    for i in every:
        if i.kind in ("scored", "reverse"):  # a scored line is a question, or a topic label with our question beside it
            assert i.text.rstrip().endswith("?") or (i.our_question and i.our_question.endswith("?")), i.id
        assert not (i.our_question and i.kind != "scored"), i.id
    labels = [i for i in every if i.our_question]
    assert [i.text for i in labels] == [
        "Peer Supervision", "Performance expectations", "Performance Evaluation",
        "Policies to address performance issues", "Data security protocols", "Documentation and record-keeping requirements",
    ]  # fmt: skip
    prompts = {i.text for i in every if i.kind == "prompt"}
    for text in (
        "What program(s) will peers work in?",
        "Who will supervise peers?",
        "How does your agency regard change?",
        "Explain the peer role",
        "Are new",
        "On special occasions",
    ):
        assert text in prompts


def test_the_page_lists_questions_prompts_and_headings_as_classified(catalog: Catalog, site_dir: Path) -> None:
    html = built(site_dir)
    comps = assessment.competencies(catalog)
    sections = html.select(".pet-competency-questions[data-competency-id]")
    assert [s["data-competency-id"] for s in sections] == [c["id"] for c in comps]
    for c, section in zip(comps, sections, strict=True):
        items = assessment.items(c)
        fieldsets = section.select("fieldset[data-question-id]")
        assert [f["data-question-id"] for f in fieldsets] == [i.id for i in items if i.answered]
        for f, item in zip(fieldsets, [i for i in items if i.answered], strict=True):
            legend = words(f.legend.get_text())
            assert legend.startswith(words(item.our_question or item.text))
            if item.our_question:  # our wording, marked as ours, beside the source's label
                assert "our wording" in legend and item.text in legend
            assert [r["value"] for r in f.select("input[type=radio]")] == ["yes", "partly", "no", "dont-know"]
            assert all(f.select_one(f'label[for="{r["id"]}"]') for r in f.select("input[type=radio]"))
            expected_points = "yes:0;partly:1;no:2;dont-know:" if item.kind == "reverse" else "yes:2;partly:1;no:0;dont-know:"
            assert f["data-points"] == expected_points
            assert bool(f.select_one(".pet-reverse-note")) == (item.kind == "reverse")
        prompts = section.select(".pet-prompt[data-prompt-id]")
        expected_prompts = [i.id for i in items if not i.answered] or ([f"{c['id']}-notes"] if not items else [])
        assert [p["data-prompt-id"] for p in prompts] == expected_prompts
        for p in prompts:  # a notes field, never radios
            assert not p.select("input[type=radio]") and p.select_one(f'label[for="{p.textarea["id"]}"]')
        headings = [words(h.get_text()) for h in section.select("h3.pet-q-heading")]
        assert headings == [words(e["heading"]) for e in c.get("questions", []) if "heading" in e]
        assert section.select_one("details.pet-collapse").has_attr("open")  # without JS every question shows
    assert html.select_one(".pet-plans")["data-pagefind-ignore"] == "all"  # resource titles are found on /resources/
    infrastructure = html.select_one('[data-competency-id="ec-infrastructure"]')
    assert "not scored" in words(infrastructure.get_text()) and "left out of the averages" in words(infrastructure.get_text())


def test_a_competency_with_only_prompts_says_so_and_offers_notes(tmp_path: Path) -> None:
    root = copy_catalog(tmp_path / "catalog")
    path = root / "competencies.yaml"
    text = path.read_text("utf-8")
    start = text.index("- id: ec-recovery-culture")
    end = text.index("- id: ", start + 5)
    path.write_text(text[:start] + text[start:end].replace("kind: scored", "kind: prompt") + text[end:], "utf-8")
    html = BeautifulSoup(assessment.assessment(load_catalog(root), Context(page_url="assessment/")), "html.parser")
    section = html.select_one('[data-competency-id="ec-recovery-culture"]')
    assert section["data-scored"] == "0" and not section.select("fieldset, input[type=radio]")
    assert len(section.select(".pet-prompt textarea")) == 6
    assert "no yes/no questions" in words(section.get_text()) and "left out of the averages" in words(section.get_text())


def test_without_js_the_questions_and_the_scoring_rule_are_readable(site_dir: Path) -> None:
    html = built(site_dir)
    for hidden in (".pet-assessment-tools", ".pet-results", ".pet-team", ".pet-results-bar"):
        assert html.select_one(hidden).has_attr("hidden"), hidden
    rule = words(html.select_one(".pet-scoring").get_text())
    for part in ("Yes 2 points, Partly 1 point, No 0 points", "Yes scores 0 and No scores 2", "“Don't know” counts as answered but scores nothing",
                 "Strong: 75% or more", "Developing: 50% to 74%", "Needs attention: below 50%", "our wording", "never scored"):  # fmt: skip
        assert part in rule, part
    tasks = html.select(".pet-task-list > li[data-task-for]")
    assert len(tasks) == 11 and all(t.a["href"] == f"#a-{t['data-task-for']}" for t in tasks)


# ---- in the browser ---------------------------------------------------------------------------


def test_without_js_every_question_shows_and_no_tool_does(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto("assessment/")
        assert page.locator("fieldset[data-question-id]").last.is_visible() and page.locator(".pet-prompt textarea").first.is_visible()
        for tool in (".pet-assessment-tools", ".pet-results", ".pet-results-bar", ".pet-team", ".pet-task-status"):
            assert not page.locator(tool).first.is_visible(), tool
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def answer(page: Any, answers: dict[str, str]) -> None:
    for qid, value in answers.items():
        page.evaluate(  # through the DOM: the script keeps all but one competency collapsed
            "([q, v]) => { const r = document.querySelector(`input[name='q-${q}'][value='${v}']`); r.checked = true; r.dispatchEvent(new Event('change', {bubbles: true})); }",
            [qid, value],
        )


def results(page: Any) -> dict[str, dict[str, str]]:
    rows = page.eval_on_selector_all(
        ".pet-results tbody tr",
        "trs => trs.map(tr => [tr.dataset.competencyId, {points: tr.dataset.points, max: tr.dataset.max, percent: tr.dataset.percent, level: tr.dataset.level, text: tr.textContent}])",
    )
    return dict(rows)


def statuses(page: Any) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            ".pet-task-list > li", "lis => lis.map(li => [li.dataset.taskFor, li.querySelector('.pet-task-status').textContent])"
        )
    )


def known_answers(catalog: Catalog) -> dict[str, str]:
    recovery, leadership, flexible = qids(catalog, "ec-recovery-culture"), qids(catalog, "ec-leadership"), qids(catalog, "ec-flexible-policies")
    out = dict(zip(recovery, ["yes", "yes", "partly", "no", "dont-know"], strict=False))  # 5 of 8 points: 63%, developing
    out |= {q: "yes" for q in leadership}  # 100%: strong
    out |= dict(zip(flexible, ["yes", "yes", "no", "no", "yes"], strict=True))  # 4 yes/no + reverse Yes (0): 4 of 10 = 40%
    out[qids(catalog, "ec-learning-environment")[0]] = "dont-know"  # 1 of 4 answered, none scored: no level yet
    return out


def test_scoring_follows_the_documented_rule_for_known_answer_sets(page: Any, catalog: Catalog) -> None:
    flexible = qids(catalog, "ec-flexible-policies")
    assert flexible[-1] == "ec-flexible-policies-6"  # the reverse question
    page.goto("assessment/")
    answer(page, known_answers(catalog) | {"ec-flexible-policies-6": "no"})
    r = results(page)
    assert (r["ec-flexible-policies"]["points"], r["ec-flexible-policies"]["max"], r["ec-flexible-policies"]["percent"]) == ("6", "10", "60")
    answer(page, {"ec-flexible-policies-6": "yes"})  # Yes to a reverse question lowers the score
    r = results(page)
    assert (r["ec-recovery-culture"]["points"], r["ec-recovery-culture"]["max"], r["ec-recovery-culture"]["percent"]) == ("5", "8", "63")
    assert (
        r["ec-recovery-culture"]["level"] == "mid"
        and "Developing" in r["ec-recovery-culture"]["text"]
        and "1 don't know" in r["ec-recovery-culture"]["text"]
    )
    assert r["ec-leadership"]["percent"] == "100" and "Strong" in r["ec-leadership"]["text"] and "pulled it down" not in r["ec-leadership"]["text"]
    assert (r["ec-flexible-policies"]["points"], r["ec-flexible-policies"]["percent"]) == ("4", "40")
    assert r["ec-flexible-policies"]["level"] == "weak" and "Needs attention" in r["ec-flexible-policies"]["text"]
    assert r["ec-learning-environment"]["level"] == "few" and "Not enough answers yet" in r["ec-learning-environment"]["text"]
    assert r["ec-infrastructure"]["level"] == "none" and "Not scored" in r["ec-infrastructure"]["text"]
    # Prompts are never scored: notes change nothing but are saved.
    page.click('.pet-task-list a[href="#a-ec-flexible-policies"]')  # opens the collapsed competency
    page.fill("#n-ec-flexible-policies-1", "We adapt slowly.")
    assert results(page)["ec-flexible-policies"]["points"] == "4"
    summary = page.locator(".pet-summary").inner_text()
    name = {c["id"]: f"{c['number']}. {c['name']}" for c in assessment.competencies(catalog)}
    assert f"Strongest: {name['ec-leadership']} (100%)" in summary and f"Weakest: {name['ec-flexible-policies']} (40%)" in summary
    assert "Average of the 3 scored competencies: 68%" in summary  # (63 + 100 + 40) / 3, infrastructure and learning left out
    assert f"Left out: {name['ec-infrastructure']} (no yes/no questions in the toolkit)" in summary
    # Action plans: the developing and the weak competency, with what pulled each down.
    plans = page.locator(".pet-plan:not([hidden])")
    assert plans.evaluate_all("ps => ps.map(p => p.dataset.planFor)") == ["ec-recovery-culture", "ec-flexible-policies"]
    pulled = page.locator('[data-plan-for="ec-flexible-policies"] .pet-pulled').inner_text()
    assert "Answered No:" in pulled and "Answered Yes (a reverse question):" in pulled and REVERSE["ec-flexible-policies-6"] in pulled
    hrefs = page.locator('[data-plan-for="ec-flexible-policies"] a').evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "../competencies/ec-flexible-policies/" in hrefs
    cited = [r for r in catalog["resources"] if "ec-flexible-policies" in (r.get("cited_in") or [])]
    first = cited[0]
    assert (first["url"] or f"../resources/{first['id']}/") in hrefs  # a pending link points at its page
    # A strong competency gets no plan but still says what held it back: 10 yes + 1 no = 20 of 22 = 91%.
    interaction = qids(catalog, "ec-peer-interaction")
    answer(page, {q: "yes" for q in interaction[:-1]} | {interaction[-1]: "no"})
    row = results(page)["ec-peer-interaction"]
    assert (row["percent"], row["level"]) == ("91", "strong") and "1 answer pulled it down" in row["text"]
    assert page.locator('[data-plan-for="ec-peer-interaction"]').is_hidden()
    # The plan's fields and the notes are saved in this browser and survive a reload.
    page.fill("#plan-ec-flexible-policies-who", "HR lead")
    page.reload()
    assert results(page)["ec-flexible-policies"]["percent"] == "40"
    assert page.input_value("#plan-ec-flexible-policies-who") == "HR lead" and page.input_value("#n-ec-flexible-policies-1") == "We adapt slowly."
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pet-'))") == ["pet-assessment"]
    assert page.foreign_requests == []


def test_task_list_statuses_and_the_offer_of_the_next_competency(page: Any, catalog: Catalog) -> None:
    page.goto("assessment/")
    assert set(statuses(page).values()) == {"Not started", "Not scored"}
    assert statuses(page)["ec-infrastructure"] == "Not scored"
    recovery = qids(catalog, "ec-recovery-culture")
    answer(page, {q: "yes" for q in recovery[:-1]})
    s = statuses(page)
    assert s["ec-recovery-culture"] == "In progress" and s["ec-leadership"] == "Not started"
    assert page.locator('[data-task-for="ec-recovery-culture"] .pet-task-count').inner_text() == "5 of 6 answered"
    assert page.locator(".pet-progress").first.inner_text() == "5 of 47 questions answered."
    assert page.locator("#a-ec-recovery-culture ~ details .pet-next-offer").is_hidden()
    answer(page, {recovery[-1]: "no"})
    assert statuses(page)["ec-recovery-culture"] == "Done"
    offer = page.locator('[data-competency-id="ec-recovery-culture"] .pet-next-offer')
    assert offer.is_visible() and offer.get_by_role("link", name="See results").get_attribute("href") == "#results"
    assert not page.locator('[data-competency-id="ec-leadership"] details').evaluate("d => d.open")
    offer.get_by_role("button", name="Next: 2. Dedicated and Influential Leaders").click()
    assert page.locator('[data-competency-id="ec-leadership"] details').evaluate("d => d.open")
    assert page.evaluate("document.activeElement.id") == "a-ec-leadership"
    # "See results" stays on screen while answering, also on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#q-ec-leadership-3-yes").scroll_into_view_if_needed()
    assert page.locator(".pet-results-bar a").is_visible() and page.locator(".pet-results-bar a").bounding_box()["y"] < 844
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    answer(page, {q: "partly" for q in [q for c in assessment.competencies(catalog) for q, _, _ in assessment.question_ids(c)]})
    page.locator(".pet-results").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # results table and plans fit
    assert page.foreign_requests == []


def test_clear_all_asks_first_and_can_be_undone(page: Any, catalog: Catalog) -> None:
    page.goto("assessment/")
    chosen = known_answers(catalog)
    answer(page, chosen)
    page.fill("#plan-ec-flexible-policies-when", "June")
    checked = "rs => Object.fromEntries(rs.map(r => [r.name.slice(2), r.value]))"
    page.get_by_role("button", name="Clear all answers").click()
    assert page.locator(".pet-confirm").is_visible() and f"Clear {len(chosen)} answers" in page.locator(".pet-confirm").inner_text()
    page.get_by_role("button", name="Keep my answers").click()
    assert page.eval_on_selector_all(".pet-assessment-form input:checked", checked) == chosen
    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    assert page.locator(".pet-assessment-form input:checked").count() == 0 and page.input_value("#plan-ec-flexible-policies-when") == ""
    assert page.evaluate("localStorage.getItem('pet-assessment')") is None
    assert set(statuses(page).values()) == {"Not started", "Not scored"}
    page.get_by_role("button", name="Undo").click()
    assert page.eval_on_selector_all(".pet-assessment-form input:checked", checked) == chosen
    assert page.input_value("#plan-ec-flexible-policies-when") == "June"
    page.reload()
    assert page.eval_on_selector_all(".pet-assessment-form input:checked", checked) == chosen


def test_export_json_round_trips_csv_exports_and_bad_files_change_nothing(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    page.goto("assessment/")
    chosen = known_answers(catalog)
    answer(page, chosen)
    page.click('.pet-task-list a[href="#a-ec-leadership"]')
    page.fill("#n-ec-leadership-1", '=HYPERLINK("x") servant leadership')
    page.fill("#plan-ec-flexible-policies-who", "Director")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    exported = tmp_path / "answers.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert (data["format"], data["version"], data["edition"]) == (FORMAT, 2, catalog["edition"]["year"])
    assert (
        data["answers"] == chosen
        and data["notes"]["ec-leadership-1"].startswith("=HYPERLINK")
        and data["plan"] == {"ec-flexible-policies": {"who": "Director"}}
    )

    with page.expect_download() as info:
        page.get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8-sig"))))
    n_items = sum(len(assessment.items(c)) for c in assessment.competencies(catalog)) + 1  # + infrastructure's notes
    assert len(rows) == n_items
    by_id = {r["Question id"]: r for r in rows}
    assert (by_id["ec-flexible-policies-6"]["Kind"], by_id["ec-flexible-policies-6"]["Answer"], by_id["ec-flexible-policies-6"]["Points"]) == (
        "reverse",
        "Yes",
        "0",
    )
    assert by_id["ec-recovery-culture-5"]["Answer"] == "Don't know" and by_id["ec-recovery-culture-5"]["Points"] == ""
    assert by_id["ec-leadership-1"]["Kind"] == "prompt" and by_id["ec-leadership-1"]["Notes"].startswith("'=HYPERLINK")  # never a formula

    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    upload = page.get_by_label("Import your answers from an exported JSON file")
    status = page.locator(".pet-assessment-tools .pet-status")
    upload.set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.startsWith('Imported')")
    checked = "rs => Object.fromEntries(rs.map(r => [r.name.slice(2), r.value]))"
    assert page.eval_on_selector_all(".pet-assessment-form input:checked", checked) == chosen
    assert page.input_value("#plan-ec-flexible-policies-who") == "Director"
    saved = page.evaluate("localStorage.getItem('pet-assessment')")

    good = {"format": FORMAT, "version": 2, "edition": catalog["edition"]["year"], "answers": {"ec-leadership-2": "no"}}
    bad_files = {
        "not-json.json": ("{not json", "not JSON"),
        "other-tool.json": (json.dumps({"format": "other", "answers": {}}), "not a readiness self-assessment answers file"),
        "old-edition.json": (json.dumps(good | {"edition": 2019}), "from the 2019 edition"),
        "bad-value.json": (json.dumps(good | {"answers": {"ec-leadership-2": "maybe"}}), "not yes, partly, no or don't know"),
        "unknown-question.json": (json.dumps(good | {"answers": {"<img src=x onerror=alert(1)>": "yes"}}), "not on this page"),
        "bad-plan.json": (json.dumps(good | {"plan": {"ec-leadership": {"who": 3}}}), "action plan in this file is damaged"),
    }
    for name, (content, message) in bad_files.items():
        path = tmp_path / name
        path.write_text(content, "utf-8")
        status.evaluate("s => s.textContent = ''")
        upload.set_input_files(str(path))
        page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.includes('Nothing was changed')")
        assert message in status.inner_text(), (name, status.inner_text())
        assert page.eval_on_selector_all(".pet-assessment-form input:checked", checked) == chosen, name
        assert page.evaluate("localStorage.getItem('pet-assessment')") == saved, name
    assert page.locator(".pet-assessment img").count() == 0
    assert page.foreign_requests == []


def test_printing_the_page_prints_the_report_with_organization_date_and_addresses(page: Any, catalog: Catalog) -> None:
    page.goto("assessment/")
    every = [q for c in assessment.competencies(catalog) for q, _, _ in assessment.question_ids(c)]
    answer(page, {q: "partly" for q in every})
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.locator(".pet-assessment-tools").get_by_role("button", name="Print results report").click()
    assert page.evaluate("window.printed") == 1
    page.get_by_label("Your organization's name (optional, printed at the top of the report)").fill("Example Clinic")
    page.reload()  # the name is kept in this browser
    # The browser's own Print (no button) prints the report: issue 25, part 1.
    page.emulate_media(media="print")
    shown = "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none').length"
    assert (
        page.eval_on_selector_all(
            ".md-header, .md-sidebar, .md-footer, .pet-assessment-tools, .pet-tasks, .pet-assessment-form, .pet-scoring, .pet-team, h1", shown
        )
        == 0
    )
    assert page.locator(".pet-summary").is_visible() and page.locator(".pet-results table").is_visible()
    assert page.locator(".pet-plan:not([hidden])").count() == 10  # every scored competency is developing at 50%
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    text = words(" ".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 3, len(pdf.pages)  # about three Letter pages for ten action plans with addresses
    assert "Your results" in text and "Action plan" in text and "Who will lead this" in text
    assert "How the score works" not in text and "What types of leadership" not in text  # no questions, no prompts
    assert human_date(date.today()) in text and "Example Clinic · Printed" in text
    assert "/handouts/" in text.replace(" ", "") and page.locator(".pet-plan-links a[data-address^='http']").count() > 10
    # Answers are optional: with the box ticked they print after the report.
    page.emulate_media(media="screen")
    page.get_by_label("Print my answers too (after the report; several pages)").check()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".pet-assessment-form").is_visible()
    with_answers = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    assert len(with_answers.pages) > len(pdf.pages)
    assert "What types of leadership" in words(" ".join(p.extract_text() for p in with_answers.pages))
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.foreign_requests == []


def team_file(tmp_path: Path, catalog: Catalog, name: str, answers: dict[str, str]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"format": FORMAT, "version": 2, "edition": catalog["edition"]["year"], "answers": answers}), "utf-8")
    return str(path)


def test_team_view_counts_three_files_finds_disagreement_and_combines_the_plan(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    leadership = qids(catalog, "ec-leadership")  # 5 questions
    files = [
        team_file(tmp_path, catalog, "director.json", {q: "yes" for q in leadership} | {"ec-flexible-policies-6": "no"}),
        team_file(tmp_path, catalog, "supervisor.json", {q: "partly" for q in leadership} | {"ec-flexible-policies-6": "yes"}),
        team_file(tmp_path, catalog, "hr.json", dict(zip(leadership, ["no", "no", "no", "no", "dont-know"], strict=True))),
    ]
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({"format": FORMAT, "version": 2, "edition": 1999, "answers": {}}), "utf-8")
    files.append(str(stale))
    page.goto("assessment/")
    mine = page.evaluate("localStorage.getItem('pet-assessment')")
    page.get_by_label("Team members' answer files (choose several)").set_input_files(files)
    page.wait_for_function("() => document.querySelector('.pet-team-status').textContent.startsWith('Compared 3 files')")
    assert "stale.json" in page.locator(".pet-team-problems").inner_text() and "1999 edition" in page.locator(".pet-team-problems").inner_text()
    row = page.locator('.pet-team-table tr[data-competency-id="ec-leadership"]')
    assert [row.get_attribute(f"data-{k}") for k in ("yes", "partly", "no", "dont-know")] == ["5", "5", "4", "1"]
    # pooled: 10 + 5 + 0 points of 28 possible (14 yes/partly/no answers x 2) = 54%
    assert row.get_attribute("data-percent") == "54" and "Developing" in row.inner_text()
    item = page.locator('.pet-team-items li[data-question-id="ec-leadership-2"]')
    assert [item.get_attribute(f"data-{k}") for k in ("yes", "partly", "no", "dont-know")] == ["1", "1", "1", "0"]
    last = page.locator('.pet-team-items li[data-question-id="ec-leadership-6"]')
    assert [last.get_attribute(f"data-{k}") for k in ("yes", "partly", "no", "dont-know")] == ["1", "1", "0", "1"]
    # Most disagreement: the widest spread of points (0 to 2), then the largest variance: the
    # reverse question (No = 2, Yes = 0), then yes/partly/no, then yes/partly.
    disagree = page.locator(".pet-disagree > li").evaluate_all("lis => lis.map(li => li.dataset.questionId)")
    assert disagree == ["ec-flexible-policies-6", *leadership[:4], "ec-leadership-6"]
    plans = page.locator(".pet-team-plan").evaluate_all("ps => ps.map(p => p.dataset.planFor)")
    assert plans == ["ec-leadership"]  # flexible policies: 2 answers of 18 are too few for a level
    assert page.locator('.pet-team-plan[data-plan-for="ec-leadership"] a[href="../competencies/ec-leadership/"]').count() == 1
    assert page.evaluate("localStorage.getItem('pet-assessment')") == mine  # your own answers are untouched
    assert page.foreign_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_tools_results_plan_and_team_view_have_zero_axe_violations(
    browser: Any, base_url: str, catalog: Catalog, tmp_path: Path, scheme: str
) -> None:
    from test_accessibility_axe import AXE, TAGS

    context = browser.new_context(base_url=base_url, bypass_csp=True, color_scheme=scheme)  # only so axe can be injected
    try:
        page = context.new_page()
        page.goto("assessment/")
        answer(page, known_answers(catalog) | {q: "yes" for q in qids(catalog, "ec-recovery-culture")})
        page.get_by_label("Team members' answer files (choose several)").set_input_files(
            [team_file(tmp_path, catalog, f"{n}.json", {q: v for q in qids(catalog, "ec-leadership")}) for n, v in (("a", "yes"), ("b", "no"))]
        )
        page.wait_for_function("() => document.querySelector('.pet-team-status').textContent.startsWith('Compared')")
        page.get_by_role("button", name="Clear all answers").click()  # the confirmation is on screen too
        assert page.locator(".pet-plan:not([hidden])").count() > 0 and page.locator(".pet-next-offer:not([hidden])").count() >= 1
        page.add_script_tag(content=AXE.read_text("utf-8"))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
    finally:
        context.close()


def test_one_competency_can_be_completed_with_the_keyboard_only(page: Any) -> None:
    page.goto("assessment/")

    def tab_to(predicate: str, limit: int = 300) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate}); }}"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("el.matches('a[href=\"#a-ec-supervision\"]')")
    page.keyboard.press("Enter")  # the task list opens the competency
    assert page.locator('[data-competency-id="ec-supervision"] details').evaluate("d => d.open")
    tab_to("el.name === 'q-ec-supervision-1'")
    page.keyboard.press("Space")  # Yes
    tab_to("el.name === 'q-ec-supervision-2'")
    page.keyboard.press("ArrowRight")  # arrows move and choose within the group: Partly
    page.keyboard.press("Space")
    tab_to("el.id === 'n-ec-supervision-3-1'")
    page.keyboard.type("A buddy for the first month")
    tab_to("el.matches('.pet-next-offer button')")
    assert page.evaluate("document.activeElement.textContent").startswith("Next: 4.")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "a-ec-training-mentoring"
    answers = page.evaluate("JSON.parse(localStorage.getItem('pet-assessment'))")
    assert answers["answers"] == {"ec-supervision-1": "yes", "ec-supervision-2": "partly"}
    assert answers["notes"] == {"ec-supervision-3-1": "A buddy for the first month"}
    assert statuses(page)["ec-supervision"] == "Done"


def test_saved_answers_for_lines_no_longer_asked_are_dropped_not_the_rest(page: Any) -> None:
    """After an edition edit turns a question into a discussion point, this browser's saved
    answers keep every answer that still fits instead of being thrown away."""
    page.goto("assessment/")
    saved = {
        "answers": {"ec-leadership-1": "yes", "ec-leadership-2": "no", "gone-question": "yes", "ec-leadership-3": "maybe"},
        "notes": {"gone": "x"},
        "plan": {},
    }
    page.evaluate("s => localStorage.setItem('pet-assessment', JSON.stringify(s))", saved)
    page.reload()
    assert page.eval_on_selector_all(".pet-assessment-form input:checked", "rs => rs.map(r => r.name.slice(2) + '=' + r.value)") == [
        "ec-leadership-2=no"
    ]
    assert page.locator('[data-task-for="ec-leadership"] .pet-task-count').inner_text() == "1 of 5 answered"


def test_each_action_plan_lists_its_key_links_first_with_why(site_dir: Path, catalog: Catalog) -> None:
    # Issue 25, part 4: "Supportive Managers and Supervisors" suggests the supervisor checklist
    # and the required CalMHSA training first, not only what the source happened to list.
    html = built(site_dir)
    keyed = [c for c in assessment.competencies(catalog) if assessment.key_links(catalog, c["id"])]
    assert any(c["id"] == "ec-supervision" for c in keyed)
    for c in keyed:
        items = html.select(f'.pet-plan[data-plan-for="{c["id"]}"] .pet-plan-links > li')
        hrefs = [li.a["href"] for li in items]
        assert len(hrefs) == len(set(hrefs)), f"{c['id']}: a link is listed twice"
        keys = assessment.key_links(catalog, c["id"])
        assert [li for li in items if "pet-key-link" in (li.get("class") or [])] == items[: len(keys)]
        for li, (collection, record, why) in zip(items, keys, strict=False):
            assert words(why) in words(li.get_text())
            if collection == "handouts":
                assert li.a["href"] == f"../handouts/{record['id']}/"
            else:
                assert li.a["href"] in (record.get("url"), f"../resources/{record['id']}/")
    first = html.select('.pet-plan[data-plan-for="ec-supervision"] .pet-plan-links > li')
    assert "Supervisor Check-List" in first[0].get_text() and "Supervision of Peer Workers Training" in first[1].get_text()
    # The competency page shows the same picks under "Start here".
    page = BeautifulSoup((site_dir / "competencies" / "ec-supervision" / "index.html").read_text("utf-8"), "html.parser")
    start = page.select_one("#start-here").find_next("ul")
    assert "Supervisor Check-List" in start.get_text() and "within 60 days" in start.get_text()


def test_the_team_view_says_who_answered_what(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    # Issue 25, part 3: an export carries an optional name or role; the comparison names people.
    leadership = qids(catalog, "ec-leadership")
    page.goto("assessment/")
    answer(page, {q: "yes" for q in leadership})
    page.get_by_label("Your name or role (optional; it goes into exported files, so a team comparison can say who answered what)").fill("Director")
    with page.expect_download() as info:
        page.locator(".pet-assessment-tools").get_by_role("button", name="Export answers (JSON)").click()
    assert info.value.suggested_filename.startswith("readiness-assessment-director-")
    director = tmp_path / "director.json"
    info.value.save_as(director)
    assert json.loads(director.read_text("utf-8"))["person"] == "Director"
    with page.expect_download() as info:
        page.locator(".pet-assessment-tools").get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    assert info.value.suggested_filename.startswith("readiness-assessment-director-")
    # Two supervisors, and two files of the same name in different folders: told apart.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder, value in (("a", "no"), ("b", "partly")):
        data = {
            "format": FORMAT,
            "version": 2,
            "edition": catalog["edition"]["year"],
            "person": "Supervisor",
            "answers": {q: value for q in leadership},
        }
        (tmp_path / folder / f"supervisor-{folder}.json").write_text(json.dumps(data), "utf-8")
    page.reload()  # the name is kept in this browser
    assert page.locator("#pet-export-person").input_value() == "Director"
    files = [str(director), str(tmp_path / "a" / "supervisor-a.json"), str(tmp_path / "b" / "supervisor-b.json")]
    page.get_by_label("Team members' answer files (choose several)").set_input_files(files)
    page.wait_for_function("() => document.querySelector('.pet-team-status').textContent.startsWith('Compared 3 files')")
    heads = page.locator(".pet-team-table thead th").all_inner_texts()
    assert heads[3:] == ["Director", "Supervisor (supervisor-a.json)", "Supervisor (supervisor-b.json)"]
    row = page.locator('.pet-team-table tr[data-competency-id="ec-leadership"] td.pet-person-score').all_inner_texts()
    assert row[0].startswith("100%") and row[1].startswith("0%") and row[2].startswith("50%")
    said = page.locator(f'.pet-team-items li[data-question-id="{leadership[0]}"] .pet-who-said').text_content()
    assert said == "Director: Yes · Supervisor (supervisor-a.json): No · Supervisor (supervisor-b.json): Partly"
    wrap = page.locator(".pet-team-wrap")
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("tabindex") == "0"
    assert page.foreign_requests == []
