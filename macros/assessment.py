"""The organizational readiness self-assessment (/assessment/), built from the `questions` of
the employer competencies. docs/assets/assessment.js scores the answers in the browser; the
rule is stated on the page from the constants below, so page and script cannot disagree
(the script reads them from data attributes)."""

from __future__ import annotations

from typing import Any

from . import urls
from .catalog import Catalog
from .html import Context, block, esc, tag

FRAMEWORK = "employer-competencies"
ANSWERS = (("yes", "Yes", 2), ("partly", "Partly", 1), ("no", "No", 0), ("dont-know", "Don't know", None))
STRONG_AT = 75  # percent of the points possible, and above: "Strong"
WEAK_BELOW = 50  # below this: "Needs attention"


def competencies(cat: Catalog) -> list[dict[str, Any]]:
    return sorted((c for c in cat["competencies"] if c["framework"] == FRAMEWORK), key=lambda c: c.get("number", 0))


def question_ids(competency: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    """(question id, group text or None, question text) for every question, in order.
    A question with sub-items ({text, items}) is a group: each item is answered on its own."""
    out: list[tuple[str, str | None, str]] = []
    for n, q in enumerate(competency.get("questions", []), start=1):
        if isinstance(q, dict):
            out += [(f"{competency['id']}-{n}-{m}", q["text"], item) for m, item in enumerate(q["items"], start=1)]
        else:
            out.append((f"{competency['id']}-{n}", None, q))
    return out


def _question(ctx: Context, qid: str, text: str) -> str:
    radios = "".join(
        tag("li", f'<input type="radio" id="q-{esc(qid)}-{value}" name="q-{esc(qid)}" value="{value}">' + tag("label", esc(label), for_=f"q-{qid}-{value}"))
        for value, label, _ in ANSWERS
    )
    return tag("fieldset", tag("legend", ctx.text(text)) + tag("ul", radios, class_="pet-answers"), data_question_id=qid)


def _competency_questions(ctx: Context, c: dict[str, Any]) -> str:
    parts = []
    groups: dict[str, list[str]] = {}
    order: list[str | tuple[str, str]] = []
    for qid, group, text in question_ids(c):
        if group is None:
            order.append((qid, text))
        else:
            if group not in groups:
                groups[group] = []
                order.append(group)
            groups[group].append(_question(ctx, qid, text))
    for entry in order:
        if isinstance(entry, tuple):
            parts.append(_question(ctx, *entry))
        else:
            parts.append(tag("fieldset", tag("legend", ctx.text(entry)) + "".join(groups[entry]), class_="pet-q-group"))
    if not parts:
        parts.append(tag("p", "The toolkit gives no assessment questions for this competency; it is not scored. Read about it on its page.", class_="pet-note"))
    heading = tag("h2", esc(f"{c.get('number', '')}. ") + ctx.text(c["name"]), id=f"a-{c['id']}")
    more = tag("p", tag("a", "About this competency", href=ctx.rel(urls.competency_page(c["id"]))), class_="pet-note")
    return tag("section", heading + more + "".join(parts), class_="pet-competency-questions", data_competency_id=c["id"], data_name=c["name"])


def _next_steps(cat: Catalog, ctx: Context, c: dict[str, Any]) -> str:
    """Server-rendered links for one competency; the script shows them for weak areas."""
    ids = list(c.get("handouts", [])) + [h["id"] for h in cat["handouts"] if c["id"] in h.get("competencies", [])]
    seen: list[str] = []
    for h_id in ids:
        if h_id in cat.by_id["handouts"] and h_id not in seen:
            seen.append(h_id)
    links = [tag("li", "Handout: " + tag("a", ctx.text(cat.get("handouts", h)["title"]), href=ctx.rel(urls.handout_page(h)))) for h in seen]
    n_res = sum(1 for r in cat["resources"] if c["id"] in r.get("competencies", []))
    if n_res:
        links.append(tag("li", tag("a", f"Resources for this competency ({n_res})", href=ctx.rel(urls.resources_for_competency(c["id"])))))
    links.append(tag("li", tag("a", "What this competency means and questions to discuss", href=ctx.rel(urls.competency_page(c["id"])))))
    return tag("div", tag("h3", ctx.text(c["name"])) + tag("ul", "".join(links)), data_next_for=c["id"])


def scoring_rule() -> str:
    points = ", ".join(f"{label.lower()} = {p} point{'s' if p != 1 else ''}" for _, label, p in ANSWERS if p is not None)
    return (
        tag("h2", "How the score works", id="scoring")
        + tag(
            "p",
            esc(
                f"Each answer scores {points}. “Don't know” and unanswered questions are left out, so they neither raise nor lower a score. "
                f"A competency's score is its points as a percentage of the points possible for the questions you answered (2 per question). "
                f"{STRONG_AT}% or more is “Strong”, {WEAK_BELOW}% to {STRONG_AT - 1}% is “Partly in place”, and below {WEAK_BELOW}% “Needs attention”. "
                "A competency with no scored answers is “Not scored”."
            ),
        )
    )


def assessment(cat: Catalog, ctx: Context) -> str:
    comps = competencies(cat)
    total = sum(len(question_ids(c)) for c in comps)
    answers_attr = ";".join(f"{v}:{'' if p is None else p}:{label}" for v, label, p in ANSWERS)
    tools = tag(
        "div",
        tag(
            "div",
            tag("button", "Export answers (JSON file)", type="button", class_="md-button", data_action="export")
            + tag("button", "Print results report", type="button", class_="md-button", data_action="print")
            + tag("button", "Clear all answers", type="button", class_="md-button", data_action="clear"),
            class_="pet-actions",
        )
        + tag(
            "p",
            tag("label", "Import answers from a JSON file (for example from a colleague)", for_="pet-import-file")
            + " "
            + '<input type="file" id="pet-import-file" accept=".json,application/json">',
            class_="pet-import",
        )
        + tag("p", "Your answers are saved in this browser only. Nothing is sent anywhere; to share them, export a file.", class_="pet-note")
        + tag("p", "", class_="pet-status", role="status", aria_live="polite"),
        class_="pet-assessment-tools pet-no-print pet-js-only",
        hidden=True,
    )
    form = tag("form", "".join(_competency_questions(ctx, c) for c in comps), class_="pet-assessment-form", aria_label="Readiness questions")
    results = tag(
        "section",
        tag("h2", "Your results", id="results")
        + tag("p", "", class_="pet-summary")
        + tag(
            "div",
            tag(
                "table",
                tag("caption", "Score for each employer competency")
                + tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in ("Competency", "Answered", "Score", "Level"))))
                + tag("tbody", ""),
            ),
            class_="pet-table-wrap",
        )
        + tag("div", "", class_="pet-next-steps"),
        class_="pet-results",
        hidden=True,
        aria_labelledby="results",
    )
    templates = tag("div", "".join(_next_steps(cat, ctx, c) for c in comps), class_="pet-next-templates", hidden=True)
    intro = tag(
        "p",
        esc(f"{len(comps)} employer competencies, {total} questions. Answer each one yes, partly, no or don't know. ")
        + tag("span", "Your results appear below the questions as you answer.", class_="pet-js-only", hidden=True),
        class_="pet-lede",
    )
    return block(
        tag(
            "div",
            intro + tools + form + results + scoring_rule() + templates,
            class_="pet-assessment",
            data_answers=answers_attr,
            data_strong_at=STRONG_AT,
            data_weak_below=WEAK_BELOW,
            data_edition=cat["edition"]["year"],
        )
    )


MACROS = {"assessment": assessment}
