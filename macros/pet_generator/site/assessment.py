"""The organizational readiness self-assessment (/assessment/), built from the classified
`questions` of the employer competencies (catalog/competencies.yaml: each line is `scored`,
`reverse` or `prompt`; headings stay headings). docs/assets/assessment.js scores the answers in
the browser from the points written on each question here, and the rule stated on the page
comes from the same constants, so page and script cannot disagree.

The markup is components/assessment (and assessment-competency, -question, -plan, -scoring)
and components/competency-questions; the words are the message catalog's `assessment.*` and
`competency.questions.*`. The script's own words (`assessment.js.*`) reach it in a JSON block on
the page (`#pet-assessment-messages`), never as literals in docs/assets/assessment.js."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pet_generator.catalog import identity, urls
from pet_generator.catalog.frameworks import employer_competencies
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.model import referring
from pet_generator.catalog.records import Competency
from pet_generator.catalog.translations import TranslatedCatalog, lang_of
from pet_generator.site.components import for_catalog
from pet_generator.site.html import Context, block, safe_href
from pet_generator.site.resource_table import json_island

# (value, points for a `scored` question); "don't know" has no points: it is left out. Each
# answer's words are the message assessment.answer.<value>.
ANSWERS = (("yes", 2), ("partly", 1), ("no", 0), ("dont-know", None))
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
    base = dict(ANSWERS)
    if kind == "reverse":
        top = max(p for p in base.values() if p is not None)
        return {v: (None if p is None else top - p) for v, p in base.items()}
    return base


def _points_attr(kind: str) -> str:
    return ";".join(f"{v}:{'' if p is None else p}" for v, p in points(kind).items())


# The ids of the words the script shows (docs/assets/assessment.js): every message whose id starts so.
SCRIPT_MESSAGES = "assessment.js."


def _question(i: Item) -> dict[str, Any]:
    return {
        "id": i.id,
        "kind": i.kind,
        "points": _points_attr(i.kind),
        "plain": i.our_question or i.text,
        "text": i.text,
        "our_question": i.our_question,
    }


def answers_format(cat: Catalog) -> str:
    """The answer file's format name: the toolkit's own (its edition's title), the same in every
    language, so a file exported from the Spanish page imports on the English one."""
    return f"{identity.slug(cat['edition'])}/readiness-assessment"


def _competency(cat: Catalog, c: Competency, about_href: str) -> dict[str, Any]:
    """One competency's questions, in the source's order: headings, yes/no questions, prompts.
    `lang`: "en" where a translated page still shows the English name or questions (else None)."""
    parts: list[dict[str, Any]] = []
    all_items = items(c)
    for n, entry in enumerate(c.get("questions", []), start=1):
        if "heading" in entry:
            parts.append({"part": "heading", "text": entry["heading"]})
            members = [i for i in all_items if i.id.startswith(f"{c['id']}-{n}-")]
        else:
            members = [i for i in all_items if i.id == f"{c['id']}-{n}"]
        parts += [{"part": "question", **_question(i)} if i.answered else {"part": "prompt", "id": i.id, "text": i.text} for i in members]
    n_scored = sum(1 for i in all_items if i.answered)
    questions_lang = lang_of(cat, "competencies", c["id"], "questions")
    parts = [{**part, "lang": questions_lang} for part in parts]
    return {
        "id": c["id"],
        "number": c.get("number", ""),
        "name": c["name"],
        "n_scored": n_scored,
        "n_prompts": len(all_items) - n_scored,
        "unscored": None if n_scored else ("prompts_only" if all_items else "empty"),
        "parts": parts,
        "about_href": about_href,
        "lang": lang_of(cat, "competencies", c["id"], "name"),
    }


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


def _resource_link(cat: Catalog, ctx: Context, r: Any) -> dict[str, Any]:
    """A resource's own address, or (link pending) its page, which says where to find it.
    Resource titles stay in their original language (English), marked so on a translated page."""
    href = safe_href(r.get("url"))
    english = "en" if isinstance(cat, TranslatedCatalog) else None
    page = href or ctx.resource(r["id"])
    return {"kind": "resource", "title": r["title"], "href": page, "pending": not href, "why": None, "lang": english, "why_lang": None}


def _plan_links(cat: Catalog, ctx: Context, c: Competency) -> list[dict[str, Any]]:
    """What to use next for one competency: first its key links (catalog `key_for`, with why),
    then the handouts and resources the source itself lists under it, then the rest."""
    links: list[dict[str, Any]] = []
    shown: set[tuple[str, str]] = set()

    def handout(h: Any, why: str | None = None, why_lang: str | None = None) -> dict[str, Any]:
        title_lang = lang_of(cat, "handouts", h["id"], "title")
        return {
            "kind": "handout",
            "title": h["title"],
            "href": ctx.rel(urls.handout_page(h["id"])),
            "pending": False,
            "why": why,
            "lang": title_lang,
            "why_lang": why_lang,
        }

    for collection, record, reason in key_links(cat, c["id"]):
        # A resource's `why` is English until the resources' translations carry it (ADR 0014).
        why_lang = (
            lang_of(cat, "handouts", record["id"], "key_for") if collection == "handouts" else ("en" if isinstance(cat, TranslatedCatalog) else None)
        )
        links.append(
            handout(record, reason, why_lang)
            if collection == "handouts"
            else {**_resource_link(cat, ctx, record), "why": reason, "why_lang": why_lang}
        )
        shown.add((collection, record["id"]))
    ids = list(c.get("handouts", [])) + [h["id"] for h in referring(cat, "handouts", "competencies", c["id"])]
    links += [handout(cat.get("handouts", h)) for h in dict.fromkeys(ids) if h in cat.by_id["handouts"] and ("handouts", h) not in shown]
    mine = referring(cat, "resources", "competencies", c["id"])
    cited = [r for r in mine if c["id"] in (r.get("cited_in") or [])] or mine
    links += [_resource_link(cat, ctx, r) for r in [r for r in cited if ("resources", r["id"]) not in shown][:PLAN_RESOURCES]]
    if len(mine) > len(cited[:PLAN_RESOURCES]):
        href = ctx.rel(urls.resources_for(cat.model.facet_name_to("competencies"), c["id"]))
        links.append({"kind": "all", "count": len(mine), "href": href})
    links.append({"kind": "page", "href": ctx.rel(urls.competency_page(c["id"]))})
    return links


def _plan(cat: Catalog, ctx: Context, c: Competency) -> dict[str, Any]:
    """One competency's action plan, shown by the script when the competency is weak."""
    return {
        "id": c["id"],
        "number": c.get("number", ""),
        "name": c["name"],
        "links": _plan_links(cat, ctx, c),
        "lang": lang_of(cat, "competencies", c["id"], "name"),
    }


def scoring_data(cat: Catalog) -> dict[str, Any]:
    """The numbers the scoring rule states (components/assessment-scoring)."""
    top = max(p for _, p in ANSWERS if p is not None)
    label = for_catalog(cat).message
    return {
        "answer_points": [{"label": label(f"assessment.answer.{value}"), "points": p} for value, p in ANSWERS if p is not None],
        "top": top,
        "min_share": MIN_SHARE,
        "strong_at": STRONG_AT,
        "weak_below": WEAK_BELOW,
    }


def script_messages(cat: Catalog) -> Markup:
    """The script's words as a JSON data block (no "<": catalog words can never end it)."""
    messages = for_catalog(cat).messages
    return Markup(json_island({k[len(SCRIPT_MESSAGES) :]: v for k, v in messages.messages.items() if k.startswith(SCRIPT_MESSAGES)}))


def assessment(cat: Catalog, ctx: Context) -> str:
    components = for_catalog(cat)
    comps = competencies(cat)
    sections = [_competency(cat, c, ctx.rel(urls.competency_page(c["id"]))) for c in comps]
    # The script's data block and the script itself (page-script): only this page needs them (9 KB gzip), and
    # the component gallery shows the component without them.
    data = {"id": "pet-assessment-messages", "json": script_messages(cat)}
    scripts = components.render("page-script", script_href=ctx.rel("assets/assessment.js"), data=data)
    return block(
        components.render(
            "assessment",
            ctx=ctx,
            answers=[{"value": value, "label": components.message(f"assessment.answer.{value}")} for value, _ in ANSWERS],
            competencies=sections,
            total=sum(s["n_scored"] for s in sections),
            prompts=sum(s["n_prompts"] for s in sections),
            plans=[_plan(cat, ctx, c) for c in comps],
            scoring=scoring_data(cat),
            edition={"title": cat["edition"]["title"], "year": cat["edition"]["year"]},
            answers_format=answers_format(cat),
            scripts=Markup(scripts),
        )
    )


def competency_questions(cat: Catalog, ctx: Context, c: Competency) -> str:
    """The competency page's lists, with the assessment's classification: yes/no questions
    (our wording beside a topic label) apart from points to discuss; headings stay headings."""
    asked: list[dict[str, Any]] = []
    discuss: list[dict[str, Any]] = []
    leads: list[str] = []
    all_items = items(c)
    for n, entry in enumerate(c.get("questions", []), start=1):
        members = [i for i in all_items if i.id == f"{c['id']}-{n}" or i.id.startswith(f"{c['id']}-{n}-")]
        if "heading" in entry and not members:
            leads.append(entry["heading"])
            continue
        for target, chosen in ((asked, [i for i in members if i.answered]), (discuss, [i for i in members if not i.answered])):
            if chosen:  # under the source's heading, if it has one
                target.append({"heading": entry.get("heading"), "items": [_question(i) for i in chosen]})
    return for_catalog(cat).render("competency-questions", ctx=ctx, asked=asked, discuss=discuss, leads=leads, assessment_href=ctx.rel("assessment/"))


MACROS = {"assessment": assessment}
