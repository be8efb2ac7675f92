"""Pure functions from catalog data to escaped HTML. No MkDocs here: tests call them directly."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup
from pet_generator.catalog import urls
from pet_generator.catalog.dates import as_of_date
from pet_generator.catalog.frameworks import employer_competencies, employer_framework_ids
from pet_generator.catalog.loader import Catalog
from pet_generator.catalog.model import facet_values, referring
from pet_generator.catalog.review import fact_status
from pet_generator.catalog.translations import lang_of, original_lang
from pet_generator.site import assessment
from pet_generator.site.components import for_catalog, message, render_component
from pet_generator.site.html import Context, block, esc, safe_href


def cite(cat: Catalog, ctx: Context, source_id: str, narrative: bool = False, page: str | None = None) -> str:
    """An in-text citation linking to the References page (components/in-text-citation):
    "(DHCS, 2022a)", or with narrative=True "SAMHSA (2014)" for a sentence that names the author.
    A source's `short` name keeps repeated citations short; `page` adds a page in the cited work ("p. 48")."""
    source = cat.get("sources", source_id)
    label = source.get("short") or source.get("author") or source.get("publisher") or source.get("title") or source_id
    year = source.get("year")
    where = f", {page}" if page else ""
    narrated = f"{label} ({year}{where})" if year else str(label)  # "SAMHSA (2014)"
    bracketed = f"{label}, {year}{where}" if year else f"{label}{where}"  # "DHCS, 2022a", inside the brackets
    href = ctx.rel(urls.source_anchor(source_id))
    return render_component(cat, "in-text-citation", text=narrated if narrative else bracketed, href=href, narrative=narrative)


def _source_ref(cat: Catalog, ctx: Context, ref: dict[str, Any]) -> dict[str, Any]:
    """A reference to a source as the source-line and dated-line components print it: its name
    (in its original language: `lang` on a page in another one), its entry on the References
    page, and where in it (`locator`, or None)."""
    source = cat.get("sources", ref["source"])
    return {
        "name": source.get("title") or source.get("citation"),
        "href": ctx.rel(urls.source_anchor(source["id"])),
        "lang": original_lang(cat),
        "locator": ref.get("locator") or None,
    }


def source_line(cat: Catalog, ctx: Context, ref: dict[str, Any] | None) -> str:
    """'Source: ...' with a link to the reference entry."""
    return render_component(cat, "source-line", **_source_ref(cat, ctx, ref)) if ref else ""


def editors_note(cat: Catalog, ctx: Context, text: str | None, label: str, lang: str | None = None, inline: bool = False) -> str:
    """Words our editors added about a source, marked as such (components/editors-note): `label`
    is the message editors.note ("Editors' note"), or competency.adapted_by_editors, the one
    neutral marker for text the editors adapted; `inline` in a list item, else a paragraph.
    `lang`: the note is still English on a page in another language (its label is then that
    language's)."""
    if not text:
        return ""
    return render_component(cat, "editors-note", ctx=ctx, label=label, text=text, lang=lang, inline=inline)


def competency_list(cat: Catalog, ctx: Context, framework_id: str | None = None) -> str:
    """One framework's competencies (components/competency-list); without an id, those of the
    employer framework(s). In another language (ADR 0014) names and summaries not translated
    yet are marked lang="en"."""
    if framework_id is None:
        return "".join(competency_list(cat, ctx, f) for f in employer_framework_ids(cat))
    framework = cat.get("frameworks", framework_id)
    employer = framework["kind"] == "employer"
    comps = sorted((c for c in cat["competencies"] if c["framework"] == framework_id), key=lambda c: c.get("number", 0))
    phases = [p for p in PHASES if any(c.get("phase") == p for c in comps)]
    groups: list[tuple[str | None, list[Any]]] = [(p, [c for c in comps if c.get("phase") == p]) for p in phases] or [(None, comps)]

    def entry(c: dict[str, Any]) -> dict[str, Any]:
        # A principle's note says how the editors adapted its summary: the adapted-text marker.
        note = c.get("source_note") and not employer
        return {
            "id": c["id"],
            "number": c.get("number"),
            "name": c["name"],
            "name_lang": lang_of(cat, "competencies", c["id"], "name"),
            "href": ctx.rel(urls.competency_page(c["id"])) if employer else None,
            "summary": None if employer else c.get("summary"),  # "name — summary", so a list of principles does not read as run-on sentences
            "summary_lang": lang_of(cat, "competencies", c["id"], "summary"),
            "note": Markup(
                editors_note(
                    cat,
                    ctx,
                    c["source_note"],
                    message(cat, "competency.adapted_by_editors"),
                    lang=lang_of(cat, "competencies", c["id"], "source_note"),
                    inline=True,
                )
                if note
                else ""
            ),
        }

    # An official list (the certification's competencies, SAMHSA's principles): a translation says it is ours.
    # An employer competency's own page says so (competency.our_translation).
    ours = _our_translation(cat, "competencies", [c["id"] for c in comps], ("name",)) if not employer else ""
    html = render_component(
        cat,
        "competency-list",
        ctx=ctx,
        ours=Markup(ours),
        editors_summaries=framework.get("summaries_by") == "editors" and not employer and any(c.get("summary") for c in comps),
        groups=[
            {"heading": message(cat, f"competency.phase.{phase}") if phase else None, "members": [entry(c) for c in members]}
            for phase, members in groups
        ],
    )
    return block(html)


# A crisis-care framework's phases, in order; their headings are the messages competency.phase.<phase>.
PHASES = ("prevention", "during-crisis", "post-crisis")


def competency_detail(cat: Catalog, ctx: Context, competency_id: str, resource_table_html: str = "", listed_html: str = "") -> str:
    """An employer competency's page in the catalog's language (ADR 0014; components/competency-page):
    the words are messages, its fields are the translated catalog's, and what is still English is
    marked lang="en"."""
    c = cat.get("competencies", competency_id)

    def english(name: str) -> str | None:  # 'en' where this field still shows the English
        return lang_of(cat, "competencies", competency_id, name)

    other_language = original_lang(cat)  # a page in another language: titles and editors' notes stay English
    note = c.get("source_note") if c.get("highlights") else None
    keys = []
    for collection, record, why in assessment.key_links(cat, c["id"]):  # what the action plan suggests first (our editors' choice)
        handout = collection == "handouts"
        keys.append(
            {
                "kind": "handout" if handout else "resource",
                "title": record["title"],
                "href": ctx.rel(urls.handout_page(record["id"])) if handout else ctx.resource(record["id"]),
                "lang": lang_of(cat, "handouts", record["id"], "title") if handout else other_language,
                "why": why,
                "why_lang": other_language,
            }
        )
    html = render_component(
        cat,
        "competency-page",
        ctx=ctx,
        id=competency_id,
        our_translation=bool(other_language),  # the toolkit's list and questions are official text: say whose words these are
        highlights=Markup(ctx.items(c.get("highlights") or [], lang=english("highlights"))),
        note=Markup(editors_note(cat, ctx, note, message(cat, "editors.note"), lang=english("source_note")) if note else ""),
        overview=Markup(ctx.paragraphs(c.get("overview"), lang=english("overview"))),
        why_it_matters=Markup(ctx.paragraphs(c.get("why_it_matters"), lang=english("why_it_matters"))),
        figures=[
            {"label": cat.get("facts", f)["label"], "label_lang": lang_of(cat, "facts", f, "label"), "value": Markup(fact(cat, ctx, f))}
            for f in c.get("facts", [])
        ],
        questions=Markup(assessment.competency_questions(cat, ctx, c) if c.get("questions") else ""),  # the assessment's classification
        keys=keys,
        handouts=[
            {"title": h["title"], "href": ctx.rel(urls.handout_page(h["id"])), "lang": lang_of(cat, "handouts", h["id"], "title")}
            for h in (cat.get("handouts", h) for h in c.get("handouts", []) if h in cat.by_id["handouts"])
        ],
        listed=Markup(listed_html),
        tagged=Markup(resource_table_html),
        source=Markup(source_line(cat, ctx, c.get("source"))),
    )
    return block(html)


def items(cat: Catalog, ctx: Context, collection: str) -> str:
    """A list of named items, split by the source each item comes from, so that items the
    toolkit lists and items added from other sources are never credited to one another
    (components/named-items)."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for e in cat[collection]:
        by_source.setdefault((e.get("source") or {}).get("source", ""), []).append(e)
    groups = []
    for source_id, members in by_source.items():
        source = None
        if source_id:
            found = cat.get("sources", source_id)
            toolkit = found.get("group") == "toolkit"  # the toolkit by its edition's title, a name
            source = {
                "title": cat["edition"]["title"] if toolkit else found.get("title") or found.get("short") or found["citation"],
                "href": ctx.rel(urls.source_anchor(source_id)),
                "toolkit": toolkit,
                "lang": None if toolkit else original_lang(cat),
            }
        listed = [
            {
                "id": e["id"],
                "name": e["name"],
                "name_lang": lang_of(cat, collection, e["id"], "name"),
                "description": e.get("description"),
                "description_lang": lang_of(cat, collection, e["id"], "description"),
            }
            for e in members
        ]
        groups.append({"source": source, "members": listed})
    return block(render_component(cat, "named-items", ctx=ctx, collection=collection, groups=groups))


def _cell(
    text: Any, lang: str | None = None, href: str | None = None, label: str | None = None, code: bool = False, class_: str | None = None
) -> dict[str, Any]:
    """A table cell (components/data-table): catalog text, marked lang="en" while it still shows the
    English on a page in another language; a link (`label` its aria-label), a code, or a span with a class."""
    return {"text": text, "lang": lang, "href": href, "label": label, "code": code, "class": class_}


def _our_translation(cat: Catalog, collection: str, ids: list[str], fields: tuple[str, ...]) -> str:
    """Above an official list on a page in another language, once any of it is translated: it is
    our translation (ADR 0014: quotations and official lists are marked so)."""
    if not original_lang(cat) or all(lang_of(cat, collection, rid, f) for rid in ids for f in fields):
        return ""
    return render_component(cat, "our-translation")


def _table(cat: Catalog, ctx: Context, caption: str, columns: list[str], rows: list[list[Any]], class_: str = "", **attributes: Any) -> str:
    """A table of the site's data (components/data-table); a cell is text or a _cell."""
    wrapper = {k.replace("_", "-"): v for k, v in attributes.items()}
    data = {"caption": caption or None, "columns": columns, "rows": rows, "class": class_ or None, "attributes": wrapper}
    return render_component(cat, "data-table", ctx=ctx, **data)


def peer_types(cat: Catalog, ctx: Context) -> str:
    """The toolkit's Table 2 (the lived experience each type of peer needs): official requirements,
    so a translation says it is ours."""
    fields = ("name", "population", "lived_experience")
    rows = [[_cell(p[f], lang_of(cat, "peer_types", p["id"], f)) for f in fields] for p in cat["peer_types"]]
    words = for_catalog(cat).messages
    columns = [words("tables.peer_types.type"), words("tables.peer_types.population"), words("tables.peer_types.lived_experience")]
    ours = _our_translation(cat, "peer_types", [p["id"] for p in cat["peer_types"]], fields)
    return block(ours + _table(cat, ctx, words("tables.peer_types.caption"), columns, rows))


def career_ladder(cat: Catalog, ctx: Context) -> str:
    entry = [r for r in cat["career_ladder"] if r["level"] == "entry"]
    adv = [r for r in cat["career_ladder"] if r["level"] == "advancement"]

    def name(records: list[dict[str, Any]], i: int) -> dict[str, Any] | str:
        return _cell(records[i]["name"], lang_of(cat, "career_ladder", records[i]["id"], "name")) if i < len(records) else ""

    rows = [[name(entry, i), name(adv, i)] for i in range(max(len(entry), len(adv)))]
    words = for_catalog(cat).messages
    columns = [words("tables.career_ladder.entry"), words("tables.career_ladder.advancement")]
    return block(_table(cat, ctx, words("tables.career_ladder.caption"), columns, rows))


def supervisor_options(cat: Catalog, ctx: Context) -> str:
    """The state's ways to qualify as a peer supervisor (an official list: a translation says it is ours)."""
    options = cat["supervisor_options"]
    listed = [
        {
            "name": o["name"],
            "name_lang": lang_of(cat, "supervisor_options", o["id"], "name"),
            "requirements": Markup(ctx.items(o["requirements"], lang=lang_of(cat, "supervisor_options", o["id"], "requirements"))),
        }
        for o in options
    ]
    ours = _our_translation(cat, "supervisor_options", [o["id"] for o in options], ("name", "requirements"))
    return block(render_component(cat, "supervisor-options", ctx=ctx, ours=Markup(ours), options=listed))


def scope_of_practice(cat: Catalog, ctx: Context) -> str:
    """The scope of practice: the state's service components (official: a translation says it is ours)."""
    sections = [
        {
            "id": s["id"],
            "letter": s.get("letter") or None,
            "name": s["name"],
            "name_lang": lang_of(cat, "scope", s["id"], "name"),
            "description": Markup(ctx.paragraphs(s.get("description"), lang=lang_of(cat, "scope", s["id"], "description"))),
            "tasks": Markup(ctx.items(s["tasks"], lang=lang_of(cat, "scope", s["id"], "tasks")) if s.get("tasks") else ""),
        }
        for s in cat["scope"]
    ]
    ours = _our_translation(cat, "scope", [s["id"] for s in cat["scope"]], ("name", "description"))
    return block(render_component(cat, "scope-of-practice", ctx=ctx, ours=Markup(ours), sections=sections))


def procedure_codes(cat: Catalog, ctx: Context) -> str:
    """The billing codes, with the date and source they are true for, and a notice when a
    code is past its review date (the codes change when the state changes them)."""
    codes = cat["procedure_codes"]
    rows = [
        [_cell(p["code"], code=True), *(_cell(p.get(f, ""), lang_of(cat, "procedure_codes", p["id"], f)) for f in ("name", "description"))]
        for p in codes
    ]
    words = for_catalog(cat).messages
    columns = [words("tables.procedure_codes.code"), words("tables.procedure_codes.service"), words("tables.procedure_codes.covers")]
    table = _table(cat, ctx, words("tables.procedure_codes.caption"), columns, rows)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for p in codes:  # codes dated and sourced alike share one line
        groups.setdefault((p.get("as_of"), json.dumps(p.get("source"), sort_keys=True), p.get("review_by")), []).append(p)
    notes, lines = [], []
    for members in groups.values():
        first = members[0]
        subject = (
            words("dated.these_codes")
            if len(members) == len(codes)
            else words("dated.the_codes", count=len(members), codes=", ".join(m["code"] for m in members))
        )
        plural = len(members) > 1
        notes.append(Markup(overdue_notice(cat, ctx, "procedure_codes", first, subject, plural)))
        lines.append(Markup(dated_line(cat, ctx, "procedure_codes", first, "" if len(groups) == 1 else subject)))
    wrapper = {"class": "pet-dated", "data-record": "procedure_codes"}
    html = render_component(
        cat, "dated-table", ctx=ctx, attributes=wrapper, notices=notes, table=Markup(table), table_lang=None, lines=lines, note=None
    )
    return block(html)


def _when(cat: Catalog, f: dict[str, Any]) -> tuple[str, bool] | None:
    """A fact's as_of the page's way: a date written from the messages ("February 2025", "febrero
    de 2025"), or the fact's own words ("an undated estimate", translated like its other fields),
    and whether it is a day (Spanish says "del 10 de febrero", "de febrero")."""
    as_of = f.get("as_of")
    if not as_of:
        return None
    found = as_of_date(str(as_of))
    if found is None:
        return str(as_of), False
    precision, day = found
    words = for_catalog(cat).messages
    if precision == "day":
        return words.date(day), True
    return (words.month(day) if precision == "month" else str(day.year)), False


def _from_words(cat: Catalog, f: dict[str, Any]) -> str:
    """'from February 2025', 'a projection made in 2018', or 'undated'."""
    when = _when(cat, f)
    if when is None or as_of_date(str(f.get("as_of"))) is None:
        return message(cat, "fact.undated")
    if f.get("projection"):
        return message(cat, "fact.projection_made", when=when[0])
    return message(cat, "fact.from_day" if when[1] else "fact.from", when=when[0])


def _check_href(cat: Catalog, ctx: Context, ref: dict[str, Any]) -> str:
    source = cat.get("sources", ref["source"])
    return safe_href(source.get("url")) or ctx.rel(urls.source_anchor(source["id"]))


def _check_source(cat: Catalog, ctx: Context, ref: dict[str, Any] | None) -> dict[str, Any] | None:
    """Where to check the current figure: the source's own address when it has a confirmed one,
    else its entry on the References page (a source's name in its original language). None for a
    record without a source (the schemas of facts and codes require one): the notice then
    leaves out where to check."""
    if not ref:
        return None
    source = cat.get("sources", ref["source"])
    name = source.get("title") or source.get("short") or source.get("citation") or source["id"]
    href = safe_href(source.get("url")) or ctx.rel(urls.source_anchor(source["id"]))
    return {"name": name, "href": href, "lang": original_lang(cat)}


def overdue_notice(cat: Catalog, ctx: Context, collection: str, f: dict[str, Any], subject: str | None = None, plural: bool = True) -> str:
    """A visible notice beside a fact past its review date, in words (never colour alone), until
    a person reviews it (scripts/review) or updates it. Compared with the build's today; the
    weekly scheduled build keeps it true. Empty when the fact is current. `subject` defaults to
    the message dated.these_figures."""
    due, overdue = fact_status(cat, collection, f)
    if not overdue or due is None:
        return ""
    data = {
        "id": f["id"],
        "count": 2 if plural else 1,
        "subject": subject or None,
        "when": _from_words(cat, f),
        "date": for_catalog(cat).messages.date(due),
        "source": _check_source(cat, ctx, f.get("source")),
    }
    return render_component(cat, "overdue-notice", ctx=ctx, **data)


def dated_line(cat: Catalog, ctx: Context, collection: str, f: dict[str, Any], subject: str = "") -> str:
    """'As of 2026. Source: ... Next check due 1 January 2027.' under a dated table (components/dated-line)."""
    said = when_text(cat, f)
    sentence = (subject + " " + said).strip() if said else ""
    ref = f.get("source")
    # Where in an English source: its own words, marked on a page in another language (as its title).
    source = _source_ref(cat, ctx, ref) if ref else None
    due, overdue = fact_status(cat, collection, f)
    data = {
        "sentence": sentence[:1].upper() + sentence[1:] + "." if sentence else None,
        "source": source,
        "due": {"date": for_catalog(cat).messages.date(due), "overdue": overdue} if due else None,
    }
    return render_component(cat, "dated-line", ctx=ctx, **data)


def when_text(cat: Catalog, f: dict[str, Any]) -> str:
    """When a fact was true, the page's way: "as of February 2025" for a measurement, "projected
    in 2018" for a forecast; an as_of that is not a date ("an undated estimate") is its own words."""
    when = _when(cat, f)
    if when is None:
        return ""
    if as_of_date(str(f["as_of"])) is None:
        return when[0]
    said = "fact.projected" if f.get("projection") else "fact.as_of"
    return message(cat, f"{said}_day" if when[1] else said, when=when[0])


def _fact_lang(cat: Catalog, f: dict[str, Any], name: str) -> str | None:
    return lang_of(cat, "facts", f["id"], name)


def fact(cat: Catalog, ctx: Context, fact_id: str) -> str:
    """A figure inside a sentence (components/fact), in the page's language; what is still
    English is marked lang="en"."""
    f = cat.get("facts", fact_id)
    source = cat.get("sources", f["source"]["source"])
    due, overdue = fact_status(cat, "facts", f)
    value_field = "value" if f.get("value") else "label"
    data = {
        "id": fact_id,
        "value": f.get("value", f["label"]),
        "when": when_text(cat, f) or None,
        # Inline in a sentence: the note goes in brackets, without its final full stop.
        "note": f["note"].rstrip().rstrip(".") if f.get("note") else None,
        "source": {
            "name": source.get("short") or source.get("author") or source.get("publisher") or source.get("title") or source["id"],
            "href": ctx.rel(urls.source_anchor(source["id"])),
        },
        "overdue": {"date": for_catalog(cat).messages.date(due), "href": _check_href(cat, ctx, f["source"])} if overdue and due else None,
        "lang": {
            "value": _fact_lang(cat, f, value_field),
            # A date is written the page's way; only the words of an undated as_of can still be English.
            "when": _fact_lang(cat, f, "as_of") if f.get("as_of") and as_of_date(str(f["as_of"])) is None else None,
            "note": _fact_lang(cat, f, "note"),
            "source": original_lang(cat),
        },
    }
    return render_component(cat, "fact", ctx=ctx, **data)


def fact_table(cat: Catalog, ctx: Context, fact_id: str) -> str:
    f = cat.get("facts", fact_id)
    table = f["table"]
    english = _fact_lang(cat, f, "table")  # a table is translated whole or not at all
    caption = table.get("caption") or f["label"]
    notice = overdue_notice(cat, ctx, "facts", f)
    data = {
        "attributes": {"data-fact-id": fact_id},
        "notices": [Markup(notice)] if notice else [],
        "table": Markup(_table(cat, ctx, caption, table["columns"], table["rows"])),
        "table_lang": english,  # its title, columns and cells still English on a page in another language: the whole table is marked
        "lines": [Markup(dated_line(cat, ctx, "facts", f))],
        "note": {"text": f["note"], "lang": _fact_lang(cat, f, "note")} if f.get("note") else None,
    }
    return block(render_component(cat, "dated-table", ctx=ctx, **data))


_MONEY = re.compile(r"-?\$?\s*([0-9][0-9,]*(?:\.[0-9]+)?)")


def fact_chart(cat: Catalog, ctx: Context, fact_id: str, row: int | None = None, column: int | None = None) -> str:
    """A horizontal bar chart (inline SVG, no scripts) of one row or one column of a fact table.

    `row=0` charts the first row across the table's columns (e.g. the living wage for each
    household type); otherwise it charts `column`, or the first all-numeric column, labelled
    by the first column. The table beside it carries the same numbers, so the chart is a
    picture of the table, never the only way to read them.
    """
    f = cat.get("facts", fact_id)
    table = f["table"]
    columns, rows = table["columns"], table["rows"]

    def number(cell: str) -> float | None:
        m = _MONEY.fullmatch(cell.strip()) if cell else None
        return float(m.group(1).replace(",", "")) if m else None

    if row is not None:
        data = [(label, number(cell) or 0.0, cell) for label, cell in zip(columns[1:], rows[row][1:], strict=False)]
        title = f"{f['label']}: {rows[row][0]}"
    else:
        if column is None:
            column = next((i for i in range(1, len(columns)) if all(number(r[i]) is not None for r in rows if len(r) > i)), None)
        if column is None:
            return ""
        data = [(r[0], number(r[column]) or 0.0, r[column]) for r in rows if len(r) > column]
        title = f"{f['label']}: {columns[column]}"
    top = max((v for _, v, _ in data), default=1.0) or 1.0
    # Bars in HTML, not SVG (components/fact-chart): their labels are page text, so they keep the
    # page's font size on a phone (an SVG scaled to fit would shrink them below 12 px) and wrap.
    bars = [{"label": label, "width": max(0.5, 100 * value / top), "value": shown} for label, value, shown in data]
    # Its bars' labels are the table's; its title the fact's label and a cell: marked while still English.
    table_lang = lang_of(cat, "facts", fact_id, "table")
    title_lang = table_lang or lang_of(cat, "facts", fact_id, "label")
    return block(render_component(cat, "fact-chart", ctx=ctx, title=title, title_lang=title_lang, lang=table_lang, bars=bars))


def _credit(cat: Catalog, ctx: Context, ref: dict[str, Any]) -> dict[str, Any]:
    """Where a glossary definition comes from: its source's name, link and place in it."""
    source = cat.get("sources", ref["source"])
    if source.get("group") == "toolkit":  # the toolkit by its short name, as the edition gives it
        name = cat["edition"]["title"]
    else:
        who = source.get("short") or source.get("author") or source.get("title") or source["id"]
        name = f"{who} ({source['year']})" if source.get("year") else who
    return {"name": name, "href": ctx.rel(urls.source_anchor(source["id"])), "locator": ref.get("locator"), "lang": original_lang(cat)}


def glossary_list(cat: Catalog, ctx: Context) -> str:
    entries = []
    for g in sorted(cat["glossary"], key=lambda g: (g.get("abbr") or g["term"]).lower()):
        ours = bool(g.get("editors_note"))
        # A field not yet translated shows the English, marked as English (ADR 0014).
        entries.append(
            {
                "id": g["id"],
                "name": f"{g['term']} ({g['abbr']})" if g.get("abbr") else g["term"],
                "name_lang": lang_of(cat, "glossary", g["id"], "term"),
                "definition": g["definition"],
                "definition_lang": lang_of(cat, "glossary", g["id"], "definition"),
                "background": g.get("background"),
                "background_lang": lang_of(cat, "glossary", g["id"], "background"),
                "ours": ours,
                "credit": None if ours or not g.get("source") else _credit(cat, ctx, g["source"]),
            }
        )
    return block(render_component(cat, "glossary-list", entries=entries, ctx=ctx))


# The reference list's groups (a source's `group`), each with a heading and a line about it
# (messages references.<group>.heading and .about), in this order.
REFERENCE_GROUPS = ("toolkit", "cited", "companion", "editors")


def references(cat: Catalog, ctx: Context) -> str:
    words = for_catalog(cat).messages
    groups = []
    for group in REFERENCE_GROUPS:
        members = sorted((s for s in cat["sources"] if s.get("group", "cited") == group), key=lambda s: s["citation"].lower())
        if members:
            sources = [{"id": s["id"], "citation": s["citation"], "href": safe_href(s.get("url")), "note": s.get("note")} for s in members]
            groups.append(
                {"group": group, "heading": words(f"references.{group}.heading"), "about": words(f"references.{group}.about"), "sources": sources}
            )
    return block(render_component(cat, "references-list", groups=groups, lang=original_lang(cat), ctx=ctx))


def handout_list(cat: Catalog, ctx: Context) -> str:
    """Every handout with its summary and PDF; in another language, a handout not translated yet
    is marked lang="en" (its page and PDF are English too)."""
    handouts = [
        {
            "title": h["title"],
            "href": ctx.rel(urls.handout_page(h["id"])),
            "lang": lang_of(cat, "handouts", h["id"], "title"),
            "summary": h.get("summary"),
            "summary_lang": lang_of(cat, "handouts", h["id"], "summary"),
            "pdf_href": ctx.rel(urls.handout_pdf(h["id"])),
        }
        for h in cat["handouts"]
    ]
    return block(render_component(cat, "handout-list", handouts=handouts, ctx=ctx))


def coverage_matrix(cat: Catalog, ctx: Context) -> str:
    """Employer competencies × resources and handouts; thin coverage is flagged in words, not colour."""
    words = for_catalog(cat).messages
    rows = []
    for c in employer_competencies(cat):
        n_res = len(referring(cat, "resources", "competencies", c["id"]))
        n_hand = len(referring(cat, "handouts", "competencies", c["id"])) or len(c.get("handouts", []))
        thin = n_res + n_hand < 3
        link = _cell(c["name"], lang_of(cat, "competencies", c["id"], "name"), href=ctx.rel(urls.competency_page(c["id"])))
        res_link = _cell(
            str(n_res),
            href=ctx.rel(urls.resources_for(cat.model.facet_name_to("competencies"), c["id"])),
            label=words("tables.coverage.resources_for", count=n_res, name=c["name"]),
        )
        status = words("tables.coverage.thin" if thin else "tables.coverage.covered")
        rows.append([link, res_link, str(n_hand), _cell(status, class_="pet-status pet-status-" + ("thin" if thin else "ok"))])
    columns = [words(f"tables.coverage.column_{n}") for n in range(1, 5)]
    return block(_table(cat, ctx, words("tables.coverage.caption"), columns, rows, class_="pet-coverage"))


# The edition's contact details in the order shown: (message id of the label, where in
# edition.yaml, whether it is an e-mail address).
CONTACT_ROWS = (
    ("contact.program_email", ("contact_email",), True),
    ("contact.program_phone", ("contact", "phone"), False),
    ("contact.office", ("contact", "office_address"), False),
    ("contact.office_phone", ("contact", "office_phone"), False),
    ("contact.office_fax", ("contact", "office_fax"), False),
    ("contact.office_email", ("contact", "office_email"), True),
    ("contact.website", ("contact", "website"), False),
)


def contact_details(cat: Catalog, ctx: Context) -> str:
    """The publisher's contact details from edition.yaml, as a short list (text, not links:
    the e-mail addresses get mailto links, which need no evidence)."""
    rows = []
    for label, path, mail in CONTACT_ROWS:
        value: Any = cat["edition"]
        for key in path:
            value = (value or {}).get(key)
        if value:
            rows.append({"label": message(cat, label), "value": value, "href": safe_href(f"mailto:{value}") if mail else None})
    return block(render_component(cat, "contact-details", rows=rows)) if rows else ""


CITED_LIMIT = 150  # as many short links as a section page lists before it points to /resources/


def cited_resources(cat: Catalog, ctx: Context, section: str, level: int = 2, heading: str | None = None) -> str:
    """The resources the toolkit cites in one section (their `cited_in`), under a Markdown
    heading (by default the message cited.heading) so it joins the page's table of contents;
    nothing at all when there are none."""
    from dataclasses import replace

    from pet_generator.site.resource_table import resource_list  # the one short-list renderer

    cited = [r for r in cat["resources"] if section in r.get("cited_in", [])]
    if not cited:
        return ""
    # A very large catalog lists the first CITED_LIMIT and says how many more there are.
    shown = cited if len(cited) <= CITED_LIMIT else cited[:CITED_LIMIT]
    # A translated catalog stays one; by_id is made anew (replace() would share the catalog's own
    # index and overwrite its resources with these few).
    listed = resource_list(replace(cat, data={**cat.data, "resources": shown}, by_id={}), ctx, section)
    more = ""
    if len(cited) > CITED_LIMIT:
        more = block(render_component(cat, "cited-more", count=len(cited) - CITED_LIMIT, href=ctx.rel("resources/")))
    return f"\n\n{'#' * level} {esc(heading or message(cat, 'cited.heading'))} {{ #cited-{section} }}\n\n" + listed + more


def resource_links(cat: Catalog, ctx: Context, *ids: str) -> str:
    """A short list of named resources, each linked to its own page, with its publisher and, when
    it has no confirmed address, "link pending". For prose that points at particular resources.

    An id the catalog does not hold is left out, as cited_resources leaves out an empty list: the
    same pages build over another catalog (scripts/bench, a second toolkit). tests/test_content_round3
    checks that every id the project's own pages name is in its own catalog."""
    found = [cat.get("resources", rid) for rid in ids if rid in cat.by_id["resources"]]
    listed = [
        {"id": r["id"], "title": r["title"], "href": ctx.resource(r["id"]), "who": r.get("publisher"), "pending": not r.get("url")} for r in found
    ]
    return block(render_component(cat, "short-resource-list", resources=listed, lang=original_lang(cat), more=None, ctx=ctx)) if listed else ""


def facet_resources(cat: Catalog, ctx: Context, facet: str, value: str, level: int = 2, heading: str | None = None, besides: str = "") -> str:
    """Every resource with one value of a facet (by its name, e.g. a topic), except those cited in
    section `besides` (listed just above it), each with its publisher and year so a reader sees
    how old it is; under a Markdown heading (by default the message facet_resources.heading)."""
    chosen_facet = cat.model.facet(facet)
    chosen = [r for r in cat["resources"] if value in facet_values(r, chosen_facet) and besides not in r.get("cited_in", [])]
    if not chosen:
        return ""
    listed = [
        {
            "id": r["id"],
            "title": r["title"],
            "href": ctx.resource(r["id"]),
            "who": ", ".join(str(v) for v in (r.get("publisher"), r.get("year")) if v),
            "pending": False,
        }
        for r in chosen[:CITED_LIMIT]
    ]
    more = (
        {"count": len(chosen) - CITED_LIMIT, "href": ctx.rel(urls.resources_filtered(chosen_facet.name, value))}
        if len(chosen) > CITED_LIMIT
        else None
    )
    anchor = f"{chosen_facet.name}-{value}"
    html = render_component(cat, "short-resource-list", resources=listed, lang=original_lang(cat), more=more, ctx=ctx)
    return f"\n\n{'#' * level} {esc(heading or message(cat, 'facet_resources.heading'))} {{ #{anchor} }}\n\n" + block(html)


MACROS = {
    name: globals()[name]
    for name in (
        "cite", "cited_resources", "resource_links", "facet_resources", "contact_details", "competency_list", "items", "peer_types", "career_ladder", "supervisor_options",
        "scope_of_practice", "procedure_codes", "fact", "fact_table", "fact_chart", "glossary_list",
        "references", "handout_list", "coverage_matrix",
    )
}  # fmt: skip
