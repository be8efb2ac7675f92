"""The organizational readiness self-assessment (/assessment/), built from the classified
`questions` of the employer competencies (catalog/competencies.yaml: each line is `scored`,
`reverse` or `prompt`; headings stay headings). docs/assets/assessment.js scores the answers in
the browser from the points written on each question here, and the rule stated on the page
comes from the same constants, so page and script cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pet_generator.catalog import urls
from pet_generator.catalog.frameworks import employer_competencies
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.model import referring
from pet_generator.catalog.records import Competency
from pet_generator.site.html import Context, block, esc, safe_href, tag

# (value, label, points for a `scored` question); "don't know" has no points: it is left out.
ANSWERS = (("yes", "Yes", 2), ("partly", "Partly", 1), ("no", "No", 0), ("dont-know", "Don't know", None))
STRONG_AT = 75  # percent of the points possible, and above: "Strong"
WEAK_BELOW = 50  # below this: "Needs attention"; between: "Developing"
MIN_SHARE = 50  # a level needs yes/partly/no answers to at least this percent of the scored questions
PLAN_RESOURCES = 3  # resources listed in one action plan; the rest are one link away


@dataclass(frozen=True)
class Item:
    """One line of a competency's assessment, in the source's order."""

    id: str  # stable: "<competency>-<n>" or "<competency>-<n>-<m>" (n-th entry, m-th item of a group)
    kind: str  # scored, reverse, prompt
    text: str  # the source's wording
    group: str | None = None  # the source heading it sits under
    our_question: str | None = None  # our yes/no question beside a topic label

    @property
    def answered(self) -> bool:
        return self.kind in ("scored", "reverse")


def competencies(cat: Catalog) -> list[Competency]:
    return employer_competencies(cat)


def items(competency: Competency) -> list[Item]:
    out: list[Item] = []
    for n, entry in enumerate(competency.get("questions", []), start=1):
        if "heading" in entry:
            for m, sub in enumerate(entry.get("items", []), start=1):
                out.append(Item(f"{competency['id']}-{n}-{m}", sub["kind"], sub["text"], entry["heading"], sub.get("our_question")))
        else:
            out.append(Item(f"{competency['id']}-{n}", entry["kind"], entry["text"], None, entry.get("our_question")))
    return out


def question_ids(competency: Competency) -> list[tuple[str, str | None, str]]:
    """(id, group heading or None, text) of every question that is answered yes/no."""
    return [(i.id, i.group, i.our_question or i.text) for i in items(competency) if i.answered]


def points(kind: str) -> dict[str, int | None]:
    """Points per answer for one question: a reverse question scores Yes as a scored one scores No."""
    base = {value: p for value, _, p in ANSWERS}
    if kind == "reverse":
        top = max(p for p in base.values() if p is not None)
        return {v: (None if p is None else top - p) for v, p in base.items()}
    return base


def _points_attr(kind: str) -> str:
    return ";".join(f"{v}:{'' if p is None else p}" for v, p in points(kind).items())


def _question(ctx: Context, item: Item) -> str:
    radios = "".join(
        tag(
            "li",
            f'<input type="radio" id="q-{esc(item.id)}-{value}" name="q-{esc(item.id)}" value="{value}">'
            + tag("label", esc(label), for_=f"q-{item.id}-{value}"),
        )
        for value, label, _ in ANSWERS
    )
    if item.our_question:
        legend = (
            ctx.text(item.our_question) + " " + tag("span", "(our wording for the toolkit's topic “" + ctx.text(item.text) + "”)", class_="pet-ours")
        )
    else:
        legend = ctx.text(item.text)
    note = (
        tag("p", "Scored in reverse: here Yes is a warning sign, so Yes scores 0 points and No scores 2.", class_="pet-reverse-note")
        if item.kind == "reverse"
        else ""
    )
    return tag(
        "fieldset",
        tag("legend", legend) + note + tag("ul", radios, class_="pet-answers"),
        data_question_id=item.id,
        data_kind=item.kind,
        data_points=_points_attr(item.kind),
        data_text=item.our_question or item.text,
        class_="pet-question",
    )


def _notes_field(field_id: str, label: str, text_html: str) -> str:
    return tag(
        "div",
        tag("p", text_html, class_="pet-prompt-text")
        + tag("label", esc(label), for_=f"n-{field_id}")
        + tag("textarea", "", id=f"n-{field_id}", rows="2", data_note_id=field_id),
        class_="pet-prompt",
        data_prompt_id=field_id,
    )


def _prompt(ctx: Context, item: Item) -> str:
    return _notes_field(item.id, "Your notes (for discussion, not scored)", ctx.text(item.text))


def _competency_questions(ctx: Context, c: Competency) -> str:
    parts: list[str] = []
    all_items = items(c)
    for n, entry in enumerate(c.get("questions", []), start=1):
        if "heading" in entry:
            parts.append(tag("h3", ctx.text(entry["heading"]), class_="pet-q-heading"))
            members = [i for i in all_items if i.id.startswith(f"{c['id']}-{n}-")]
        else:
            members = [i for i in all_items if i.id == f"{c['id']}-{n}"]
        parts += [_question(ctx, i) if i.answered else _prompt(ctx, i) for i in members]
    n_scored = sum(1 for i in all_items if i.answered)
    n_prompts = len(all_items) - n_scored
    if not n_scored:
        what = "gives discussion points but no yes/no questions" if all_items else "gives no assessment questions"
        parts.insert(
            0,
            tag(
                "p",
                esc(
                    f"The toolkit {what} for this competency, so it is not scored and is left out of the averages and of the strongest and weakest areas. "
                )
                + ("Discuss it with your team and keep notes here." if all_items else "Read about it on its page and keep notes here for your team."),
                class_="pet-note pet-unscored",
            ),
        )
        if not all_items:
            parts.append(
                _notes_field(
                    f"{c['id']}-notes", "Your notes on this competency (not scored)", "What does your organization already have, and what is missing?"
                )
            )
    counts = f"{n_scored} question{'s' if n_scored != 1 else ''} to answer" + (f", {n_prompts} to discuss" if n_prompts else "")
    heading = tag("h2", esc(f"{c.get('number', '')}. ") + ctx.text(c["name"]), id=f"a-{c['id']}", tabindex="-1")
    more = tag("p", esc(counts + ". ") + tag("a", "About this competency", href=ctx.rel(urls.competency_page(c["id"]))), class_="pet-note")
    offer = tag("div", "", class_="pet-next-offer", hidden=True)
    body = tag("details", tag("summary", esc(f"Questions: {counts}")) + "".join(parts) + offer, class_="pet-collapse", open=True)
    return tag(
        "section",
        heading + more + body,
        class_="pet-competency-questions",
        data_competency_id=c["id"],
        data_name=c["name"],
        data_number=c.get("number", ""),
        data_scored=n_scored,
    )


def _resource_link(ctx: Context, r: Any) -> str:
    """A resource's own address, or (link pending) its page, which says where to find it."""
    href = safe_href(r.get("url"))
    if href:
        return tag("a", ctx.text(r["title"]), href=href)
    return tag("a", ctx.text(r["title"]), href=ctx.rel(urls.resource_page(r["id"]))) + " " + tag("span", "(link pending)", class_="pet-pending")


def key_links(cat: Catalog, competency_id: str) -> list[tuple[str, Any, str]]:
    """What to suggest first for a competency: the handouts, then the resources, whose
    `key_for` names it, as (collection, record, why)."""
    out = []
    for collection in ("handouts", "resources"):
        for record in cat[collection]:
            for k in record.get("key_for", []):
                if k["competency"] == competency_id:
                    out.append((collection, record, k["why"]))
    return out


def _plan_links(cat: Catalog, ctx: Context, c: Competency) -> str:
    """What to use next for one competency: first its key links (catalog `key_for`, with why),
    then the handouts and resources the source itself lists under it, then the rest."""
    links = []
    shown: set[tuple[str, str]] = set()
    for collection, record, reason in key_links(cat, c["id"]):
        why = " " + tag("span", "(" + ctx.text(reason) + ")", class_="pet-why")
        if collection == "handouts":
            link = "Handout: " + tag("a", ctx.text(record["title"]), href=ctx.rel(urls.handout_page(record["id"])))
        else:
            link = "Resource: " + _resource_link(ctx, record)
        links.append(tag("li", link + why, class_="pet-key-link"))
        shown.add((collection, record["id"]))
    ids = list(c.get("handouts", [])) + [h["id"] for h in referring(cat, "handouts", "competencies", c["id"])]
    handouts = [h for h in dict.fromkeys(ids) if h in cat.by_id["handouts"] and ("handouts", h) not in shown]
    links += [tag("li", "Handout: " + tag("a", ctx.text(cat.get("handouts", h)["title"]), href=ctx.rel(urls.handout_page(h)))) for h in handouts]
    mine = referring(cat, "resources", "competencies", c["id"])
    cited = [r for r in mine if c["id"] in (r.get("cited_in") or [])] or mine
    for r in [r for r in cited if ("resources", r["id"]) not in shown][:PLAN_RESOURCES]:
        links.append(tag("li", "Resource: " + _resource_link(ctx, r)))
    if len(mine) > len(cited[:PLAN_RESOURCES]):
        links.append(
            tag(
                "li",
                tag(
                    "a",
                    f"All {len(mine)} resources for this competency",
                    href=ctx.rel(urls.resources_for(cat.model.facet_name_to("competencies"), c["id"])),
                ),
            )
        )
    links.append(tag("li", tag("a", "The competency's page", href=ctx.rel(urls.competency_page(c["id"])))))
    return tag("ul", "".join(links), class_="pet-plan-links")


def _plan(cat: Catalog, ctx: Context, c: Competency) -> str:
    """One competency's action plan, shown by the script when the competency is weak."""
    cid = c["id"]
    fields = "".join(
        tag(
            "p",
            tag("label", esc(label), for_=f"plan-{cid}-{key}")
            + f'<input type="text" id="plan-{esc(cid)}-{key}" data-plan-field="{key}" autocomplete="off">',
            class_="pet-plan-field",
        )
        for key, label in (("who", "Who will lead this"), ("when", "By when"))
    )
    notes = tag(
        "p",
        tag("label", "Notes", for_=f"plan-{cid}-notes") + tag("textarea", "", id=f"plan-{cid}-notes", rows="2", data_plan_field="notes"),
        class_="pet-plan-field pet-plan-notes",
    )
    return tag(
        "section",
        tag("h4", esc(f"{c.get('number', '')}. ") + ctx.text(c["name"]) + " " + tag("span", "", class_="pet-plan-level"))
        + tag("div", "", class_="pet-pulled")
        + tag("p", "Use next:", class_="pet-plan-label")
        + _plan_links(cat, ctx, c)
        + tag("div", fields + notes, class_="pet-plan-fields"),
        class_="pet-plan",
        data_plan_for=cid,
        hidden=True,
    )


def scoring_rule() -> str:
    pts = ", ".join(f"{label} {p} point{'s' if p != 1 else ''}" for _, label, p in ANSWERS if p is not None)
    top = max(p for _, _, p in ANSWERS if p is not None)
    rules = [
        f"Each yes/no question scores {pts}.",
        "A few questions are scored in reverse, because Yes is a warning sign there (for example, a hiring process that prevents hiring qualified peers): "
        f"Yes scores 0 and No scores {top}. They are marked on the page.",
        "“Don't know” counts as answered but scores nothing either way: it is left out of the points, so it neither raises nor lowers a score. "
        "Talk to the colleague who knows, then change the answer.",
        "Open questions, topics to discuss and instructions have a notes field and are never scored. Where the toolkit lists only a topic, "
        "we added a plain yes/no question beside it, marked “our wording”; only that question is scored.",
        f"A competency's score is its points as a percentage of the points possible for the questions answered yes, partly or no ({top} each). "
        f"It gets a level once at least {MIN_SHARE}% of its questions have such an answer.",
        f"Strong: {STRONG_AT}% or more. Developing: {WEAK_BELOW}% to {STRONG_AT - 1}%. Needs attention: below {WEAK_BELOW}%. "
        "Each developing or needs-attention competency gets an action plan.",
        "A competency with no yes/no questions in the toolkit is not scored, and is left out of the average and of the strongest and weakest areas.",
    ]
    return tag("section", tag("h2", "How the score works", id="scoring") + tag("ul", "".join(tag("li", esc(r)) for r in rules)), class_="pet-scoring")


def _task_list(ctx: Context, comps: list[Competency], total: int) -> str:
    lis = []
    for c in comps:
        n = sum(1 for i in items(c) if i.answered)
        lis.append(
            tag(
                "li",
                tag("a", esc(f"{c.get('number', '')}. ") + ctx.text(c["name"]), href=f"#a-{c['id']}", class_="pet-task-name")
                + " "
                + tag("span", esc(f"{n} question{'s' if n != 1 else ''}" if n else "not scored"), class_="pet-task-count")
                + " "
                + tag("strong", "", class_="pet-task-status pet-js-only", hidden=True),
                data_task_for=c["id"],
            )
        )
    return tag(
        "nav",
        tag("h2", "The 11 competencies" if len(comps) == 11 else "The competencies", id="overview")
        + tag(
            "p",
            tag("span", esc(f"{total} questions to answer."), class_="pet-progress")
            + " "
            + tag("a", "See results", href="#results", class_="pet-js-only", hidden=True),
            class_="pet-progress-line",
        )
        + tag("ol", "".join(lis), class_="pet-task-list"),
        class_="pet-tasks",
        aria_labelledby="overview",
    )


def _tools() -> str:
    button = lambda action, label: tag("button", esc(label), type="button", class_="md-button", data_action=action)  # noqa: E731
    return tag(
        "div",
        tag(
            "div",
            button("print", "Print results report")
            + button("export", "Export answers (JSON)")
            + button("export-csv", "Export for a spreadsheet (CSV)")
            + button("clear", "Clear all answers"),
            class_="pet-actions",
        )
        + tag(
            "div",
            tag("p", "", class_="pet-confirm-text")
            + tag("button", "Yes, clear everything", type="button", class_="md-button", data_action="clear-confirm")
            + tag("button", "Keep my answers", type="button", class_="md-button", data_action="clear-cancel"),
            class_="pet-confirm",
            hidden=True,
        )
        + tag(
            "p",
            tag(
                "label",
                "Your name or role (optional; it goes into exported files, so a team comparison can say who answered what)",
                for_="pet-export-person",
            )
            + '<input type="text" id="pet-export-person" autocomplete="off" maxlength="80" data-export-person>',
            class_="pet-export-person",
        )
        + _file_picker("Import your answers from an exported JSON file", "pet-import-file")
        + tag("p", "Your answers are saved in this browser only. Nothing is sent anywhere; to share them, export a file.", class_="pet-note")
        + tag(
            "p",
            tag("span", "", class_="pet-status", role="status")
            + " "
            + tag("button", "Undo", type="button", class_="md-button", data_action="undo", hidden=True),
            class_="pet-status-line",
        ),
        class_="pet-assessment-tools pet-no-print pet-js-only",
        hidden=True,
    )


def _file_picker(label: str, input_id: str, multiple: bool = False) -> str:
    """A labelled picker for exported answer files (read in the browser, never uploaded)."""
    picker = f'<input type="file" id="{input_id}" accept=".json,application/json"{" multiple" if multiple else ""}>'
    return tag("p", tag("label", label, for_=input_id) + " " + picker, class_="pet-import")


def _results(cat: Catalog, ctx: Context, comps: list[Competency]) -> str:
    return tag(
        "section",
        tag("h2", "Your results", id="results")
        + tag("p", esc(f"Readiness self-assessment, {cat['edition']['title']} {cat['edition']['year']} edition."), class_="pet-report-title")
        # On the printed report: the organization (optional) and the day it was printed (assessment.js).
        + tag("p", "", class_="pet-report-meta")
        + tag("p", "Answer a question and your results appear here.", class_="pet-summary")
        + tag(
            "div",
            tag(
                "table",
                tag("caption", "Score for each employer competency")
                + tag("thead", tag("tr", "".join(tag("th", h, scope="col") for h in ("Competency", "Score", "Level"))))
                + tag("tbody", ""),
                class_="pet-score-table",  # fits 390 px: no scroll box (Material wraps only class-less tables)
            ),
            class_="pet-table-wrap",
        )
        + tag("h3", "Action plan", id="action-plan")
        + tag("p", "", class_="pet-plan-intro")
        # Resource titles stay out of the search index here: search finds them on /resources/ (ADR 0004).
        + tag("div", "".join(_plan(cat, ctx, c) for c in comps), class_="pet-plans", data_pagefind_ignore="all")
        + _report_options()
        + tag("p", tag("button", "Print results report", type="button", class_="md-button", data_action="print"), class_="pet-no-print"),
        class_="pet-results pet-js-only",
        hidden=True,
        aria_labelledby="results",
    )


def _report_options() -> str:
    """What goes on the printed report besides the results: the organization's name, and the
    answers themselves if wanted. Printing the page (the button or the browser's Print) prints the report."""
    return tag(
        "div",
        tag("h3", "Printing the report", id="print-options")
        + tag(
            "p",
            tag("label", "Your organization's name (optional, printed at the top of the report)", for_="pet-report-org")
            + '<input type="text" id="pet-report-org" autocomplete="organization" data-report-org>',
            class_="pet-report-org",
        )
        + tag(
            "p",
            '<input type="checkbox" id="pet-print-answers" data-print-answers>'
            + tag("label", "Print my answers too (after the report; several pages)", for_="pet-print-answers"),
            class_="pet-report-answers",
        ),
        class_="pet-report-options pet-no-print",
    )


def _team(cat: Catalog, ctx: Context) -> str:
    return tag(
        "section",
        tag("h2", "Compare a team's answers", id="team")
        + tag(
            "p",
            "Each person answers on their own device and exports a JSON file. Choose all the files here (for example from a director, a supervisor and an HR officer) "
            "to see how many answered yes, partly, no or don't know, where you disagree most, and a combined action plan. "
            "The files are read in this browser only; nothing is uploaded, and your own answers are not changed.",
        )
        + _file_picker("Team members' answer files (choose several)", "pet-team-files", multiple=True)
        + tag("div", "", class_="pet-team-status", role="status")
        + tag("div", "", class_="pet-team-out"),
        class_="pet-team pet-no-print pet-js-only",
        hidden=True,
        aria_labelledby="team",
    )


def assessment(cat: Catalog, ctx: Context) -> str:
    comps = competencies(cat)
    total = sum(1 for c in comps for i in items(c) if i.answered)
    prompts = sum(1 for c in comps for i in items(c) if not i.answered)
    answers_attr = ";".join(f"{v}:{label}" for v, label, _ in ANSWERS)
    intro = tag(
        "p",
        esc(f"{len(comps)} employer competencies: {total} yes/no questions to answer and {prompts} topics to discuss, with room for notes. ")
        + tag("a", "How the score works", href="#scoring")
        + ".",
        class_="pet-lede",
    )
    form = tag("form", "".join(_competency_questions(ctx, c) for c in comps), class_="pet-assessment-form", aria_label="Readiness questions")
    bar = tag(
        "p",
        tag("span", "", class_="pet-progress") + " " + tag("a", "See results", href="#results"),
        class_="pet-results-bar pet-no-print pet-js-only",
        hidden=True,
    )
    return block(
        tag(
            "div",
            intro
            + _task_list(ctx, comps, total)
            + _tools()
            + form
            + bar
            + _results(cat, ctx, comps)
            + scoring_rule()
            + _team(cat, ctx)
            # Only this page needs the script (9 KB gzip): not part of every page's weight.
            + tag("script", "", src=ctx.rel("assets/assessment.js"), defer=True),
            class_="pet-assessment",
            data_answers=answers_attr,
            data_strong_at=STRONG_AT,
            data_weak_below=WEAK_BELOW,
            data_min_share=MIN_SHARE,
            data_edition=cat["edition"]["year"],
        )
    )


def competency_questions(ctx: Context, c: Competency) -> str:
    """The competency page's lists, with the assessment's classification: yes/no questions
    (our wording beside a topic label) apart from points to discuss; headings stay headings."""

    def question(i: Item) -> str:
        if i.our_question:
            return tag(
                "li", ctx.text(i.text) + ": " + ctx.text(i.our_question) + " " + tag("span", "(our wording)", class_="pet-ours"), class_="pet-q"
            )
        rev = " " + tag("span", "(Yes is a warning sign here)", class_="pet-ours") if i.kind == "reverse" else ""
        return tag("li", ctx.text(i.text) + rev, class_="pet-q")

    asked: list[str] = []
    discuss: list[str] = []
    leads: list[str] = []
    all_items = items(c)
    for n, entry in enumerate(c.get("questions", []), start=1):
        members = [i for i in all_items if i.id == f"{c['id']}-{n}" or i.id.startswith(f"{c['id']}-{n}-")]
        if "heading" in entry and not members:
            leads.append(tag("p", ctx.text(entry["heading"]), class_="pet-q-lead"))
            continue
        for target, chosen in ((asked, [i for i in members if i.answered]), (discuss, [i for i in members if not i.answered])):
            if not chosen:
                continue
            if "heading" in entry:  # the source's heading, with its lines under it
                target.append(tag("li", ctx.text(entry["heading"]) + tag("ul", "".join(question(i) for i in chosen)), class_="pet-q-group"))
            else:
                target += [question(i) for i in chosen]
    out = ""
    if asked:
        out += (
            tag("h2", "Questions to ask your organization", id="assessment-questions")
            + "".join(leads)
            + tag("ol", "".join(asked), class_="pet-questions")
        )
    if discuss:
        out += tag("h2", "Points to discuss", id="discussion-points") + tag("ul", "".join(discuss), class_="pet-discuss")
    if out:
        out += tag("p", tag("a", "Answer these in the readiness self-assessment", href=ctx.rel("assessment/")))
    return out


MACROS = {"assessment": assessment}
