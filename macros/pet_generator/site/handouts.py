"""One renderer for every handout, from its catalog blocks: the web page and the PDF.

`handout_document()` is the printable part (title comes from the page or the PDF template).
With `interactive=True` (the web page) checklists get real checkboxes that handouts.js saves
in localStorage, and [[slot]] placeholders get hooks the job description builder fills.
With `interactive=False` (the PDF) the same blocks render with empty boxes and write-in
lines. Without JavaScript the web page reads like the PDF: slots show "[Agency name]".
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from pet_generator.catalog import urls
from pet_generator.catalog.loader import HANDOUT_SLOT, Catalog
from pet_generator.catalog.records import Handout
from pet_generator.catalog.translations import TranslatedCatalog, lang_of
from pet_generator.site.components import for_catalog, render_component
from pet_generator.site.html import Context, block, esc, safe_href, tag

SLOT = HANDOUT_SLOT
DEFAULT_LINES = {"questions": 3, "fields": 1}


class _Doc(Context):
    """A page context that also knows the handout, its placeholders and the mode (web or
    paper). Overriding text() is enough: Context.items() and paragraphs() go through it."""

    def __init__(self, cat: Catalog, ctx: Context, handout: Handout, interactive: bool) -> None:
        super().__init__(page_url=ctx.page_url, abbreviations=ctx.abbreviations)
        self.ctx = ctx
        self.words = for_catalog(cat).message  # the page's language (handout.* messages)
        self.h = handout
        self.id = handout["id"]
        self.interactive = interactive
        self.slots = {p["id"]: p for p in handout.get("placeholders", [])}

    def text(self, value: str) -> str:
        """Escaped text; [[slot]] becomes a span the builder fills, reading "[Label]" until then."""
        out = []
        pos = 0
        for m in SLOT.finditer(value):
            out.append(self.ctx.text(value[pos : m.start()]))
            slot = self.slots.get(m.group(1))
            if slot is None:
                raise ValueError(f"handout {self.id}: placeholder [[{m.group(1)}]] is not listed in its `placeholders`")
            # A value that opens a sentence ("full-time" in "[[schedule]], non-exempt.") is
            # written with a capital when filled in.
            opens = not value[: m.start()].strip() or value[: m.start()].rstrip().endswith((".", "!", "?", ":"))
            out.append(tag("span", esc(f"[{slot['label']}]"), class_="pet-slot", data_slot=slot["id"], data_capital="true" if opens else None))
            pos = m.end()
        out.append(self.ctx.text(value[pos:]))
        return "".join(out)

    def box(self, check_id: str, label_html: str, *, kind: str = "checkbox", name: str = "", value: str = "", aria_label: str = "") -> str:
        """A tick box and its label: a real input on the web, an empty square on paper."""
        if not self.interactive:
            return tag("span", "", class_="pet-box", aria_hidden="true") + (tag("span", label_html, class_="pet-box-label") if label_html else "")
        dom_id = f"{self.id}-{check_id}" + (f"-{value}" if kind == "radio" else "")
        box = f"<input{_attrs(type=kind, id=dom_id, name=name or None, value=value or None, data_check_id=check_id, aria_label=aria_label or None)}>"
        return box + (tag("label", label_html, for_=dom_id) if label_html else "")

    def write_in(self, field_id: str, lines: int, label: str = "", labelled_by: str = "") -> str:
        """A place to write: a text box on the web (saved like the ticks; it grows with its
        text, so it prints whole), ruled lines on paper."""
        if not self.interactive:
            return write_in(lines)
        return (
            "<textarea"
            + _attrs(
                class_="pet-answer-text",
                id=f"{self.id}-{field_id}",
                data_field_id=field_id,
                rows=max(lines, 1),
                aria_label=label or None,
                aria_labelledby=labelled_by or None,
            )  # fmt: skip
            + "></textarea>"
        )


def _attrs(**values: Any) -> str:
    from pet_generator.site.html import attrs

    return attrs({k.rstrip("_").replace("_", "-"): v for k, v in values.items()})


def write_in(lines: int) -> str:
    return tag("span", "".join(tag("span", "", class_="pet-line") for _ in range(max(lines, 1))), class_="pet-writein", aria_hidden="true")


def _indexed(d: _Doc, text: str) -> dict[str, str]:
    """Pagefind skips the text of <label> and <legend>, where a tick box's or a rating's words
    are: hand it the same words in an attribute it indexes (issue 25, part 2). The page shows,
    reads aloud and copies them once, from the label."""
    if not d.interactive:
        return {}
    words = SLOT.sub(lambda m: f"[{d.slots[m.group(1)]['label']}]" if m.group(1) in d.slots else m.group(0), text)
    return {"data_pagefind_index_attrs": "data-words", "data_words": " ".join(words.split())}


def _checklist(d: _Doc, items: list[Any], prefix: str) -> str:
    lis = []
    for i, item in enumerate(items):
        label = item["text"] if isinstance(item, dict) else item
        sub = _checklist(d, item.get("items", []), f"{prefix}-{i}") if isinstance(item, dict) else ""
        lis.append(tag("li", d.box(f"{prefix}-{i}", d.text(label)) + sub, **_indexed(d, label)))
    return tag("ul", "".join(lis), class_="pet-checklist")


def _questions(d: _Doc, items: list[Any], lines: int, prefix: str) -> str:
    lis = []
    for i, item in enumerate(items):
        text = d.text(item["text"]) + d.items(item.get("items", [])) if isinstance(item, dict) else d.text(item)
        label_id = f"{d.id}-{prefix}-q{i}-label"
        lis.append(
            tag(
                "li",
                tag("div", text, class_="pet-question", id=label_id if d.interactive else None)
                + d.write_in(f"{prefix}-q{i}", lines, labelled_by=label_id),
            )
        )
    return tag("ol", "".join(lis), class_="pet-questions")


def _fields(d: _Doc, items: list[Any], lines: int, prefix: str) -> str:
    rows = []
    for i, item in enumerate(items):
        label = item["text"] if isinstance(item, dict) else item
        label_id = f"{d.id}-{prefix}-f{i}-label"
        field = tag("span", d.text(label), class_="pet-field-label", id=label_id if d.interactive else None) + d.write_in(
            f"{prefix}-f{i}", lines, labelled_by=label_id
        )
        rows.append(tag("div", field, class_=f"pet-field pet-field-{'inline' if lines <= 1 else 'block'}"))
    return tag("div", "".join(rows), class_="pet-fields")


def _table(d: _Doc, b: dict[str, Any], prefix: str) -> str:
    columns = b.get("columns", [])
    head = tag("thead", tag("tr", "".join(tag("th", esc(c), scope="col") for c in columns))) if columns else ""

    def short(c: int) -> bool:  # a short heading such as Yes / No: a tick box, not a place to write
        return c < len(columns) and 0 < len(columns[c]) <= 3

    body = []
    for r, row in enumerate(b.get("rows", [])):
        ticks = [c for c, cell in enumerate(row) if not cell.strip() and short(c)]
        cells = []
        for c, cell in enumerate(row):
            column = columns[c] if c < len(columns) else ""
            if cell.strip():
                inner = d.text(cell)
                cells.append(tag("th", inner, scope="row") if c == 0 else tag("td", inner))
            elif c in ticks and len(ticks) > 1:  # Yes / No: one choice, saved as its column
                box = d.box(f"{prefix}-{r}", "", kind="radio", name=f"{d.id}-{prefix}-{r}", value=column, aria_label=f"{column}: {row[0]}")
                cells.append(tag("td", box, class_="pet-tick"))
            elif c in ticks:
                cells.append(tag("td", d.box(f"{prefix}-{r}-{c}", "", aria_label=f"{column}: {row[0]}"), class_="pet-tick"))
            else:  # an empty cell is a place to write
                label = f"{column}: {row[0]}" if column and row and row[0].strip() else column or d.words("handout.answer")
                inner = d.write_in(f"{prefix}-{r}-{c}", 2, label=label) if d.interactive else tag("span", "", class_="pet-blank")
                cells.append(tag("td", inner, class_="pet-write"))
        body.append(tag("tr", "".join(cells)))
    table = tag("table", head + tag("tbody", "".join(body)))
    if d.interactive:  # a labelled scroll box on narrow screens, as render._table's
        return tag("div", table, class_="pet-table-wrap", role="region", tabindex="0", aria_label=b.get("heading") or d.words("handout.table_label"))
    return tag("div", table, class_="pet-table-wrap")


def _rating(d: _Doc, b: dict[str, Any], prefix: str) -> str:
    scale = b.get("scale", [])
    groups = []
    for i, item in enumerate(b.get("items", [])):
        label = item["text"] if isinstance(item, dict) else item
        name = f"{d.id}-{prefix}-{i}"
        options = "".join(tag("li", d.box(f"{prefix}-{i}", esc(s), kind="radio", name=name, value=str(k))) for k, s in enumerate(scale))
        if d.interactive:
            groups.append(
                tag(
                    "fieldset",
                    tag("legend", d.text(label)) + tag("ul", options, class_="pet-scale-options"),
                    class_="pet-rating-item",
                    **_indexed(d, label),
                )
            )
        else:
            groups.append(
                tag(
                    "div",
                    tag("p", d.text(label), class_="pet-rating-label") + tag("ul", options, class_="pet-scale-options"),
                    class_="pet-rating-item",
                )
            )
    return "".join(groups)


def render_block(d: _Doc, b: dict[str, Any], index: int) -> str:
    kind = b["kind"]
    prefix = f"b{index}"
    lines = b.get("lines", DEFAULT_LINES.get(kind, 1))
    heading = tag("h2", d.text(b["heading"])) if b.get("heading") else ""
    text = d.paragraphs(b.get("text"))
    items = b.get("items", [])
    if kind == "checklist":
        body = _checklist(d, items, prefix)
    elif kind == "questions":
        body = _questions(d, items, lines, prefix)
    elif kind == "fields":
        body = _fields(d, items, lines, prefix)
    elif kind == "table":
        body = _table(d, b, prefix)
    elif kind == "rating":
        body = _rating(d, b, prefix)
    else:  # paragraph, list, placeholder-text
        body = d.items(items)
    classes = f"pet-block pet-block-{kind}" + (" pet-break-before" if b.get("page_break_before") else "")
    # Editors' notes are for the screen: never in a copy, a download, a print or the PDF (pet.js takeaway).
    note = ""
    if b.get("editors_note") and d.interactive:
        note = tag(
            "p", tag("strong", esc(d.words("handout.editors_note"))) + " " + d.text(b["editors_note"]), class_="pet-editors-note pet-screen-only"
        )
    return tag("section", heading + text + body + note, class_=classes)


def source_text(cat: Catalog, h: Handout) -> str:
    """'Peer Employer Toolkit (Cal Voices, 2026), p. 72', plain text."""
    ref = h["source"]
    s = cat.get("sources", ref["source"])
    who = ", ".join(str(v) for v in (s.get("publisher") or s.get("author"), s.get("year")) if v)
    name = s.get("title") or s.get("citation") or s["id"]
    return f"{name}{f' ({who})' if who else ''}{', ' + ref['locator'] if ref.get('locator') else ''}"


def _english(cat: Catalog, h: Handout, name: str) -> str | None:
    """ "en" when a translated handout still shows this field in English (for lang="en"), else None."""
    return lang_of(cat, "handouts", h["id"], name)


def handout_document(cat: Catalog, ctx: Context, handout_id: str, interactive: bool) -> str:
    """The printable handout: notes, blocks, rights. Shared by the web page and the PDF. In
    another language, a field still in English is marked lang="en" (ADR 0014), and a translated
    handout says it is our translation of the English one."""
    h = cat.get("handouts", handout_id)
    d = _Doc(cat, ctx, h, interactive)
    words = d.words
    parts = []
    if h.get("summary"):
        parts.append(tag("p", ctx.text(h["summary"]), class_="pet-lede", lang=_english(cat, h, "summary")))
    if h.get("excerpt"):
        ex = h["excerpt"]
        full = ""
        if ex.get("full_instrument"):
            href = safe_href(ex.get("url"))
            name = tag("a", esc(ex["full_instrument"]), href=href) if href and interactive else esc(ex["full_instrument"])
            name += f" ({esc(href)})" if href and not interactive else ""
            full = " " + tag("span", for_catalog(cat).message_html("handout.full_instrument", name=Markup(name)))
        excerpt = tag("strong", esc(words("handout.excerpt_only"))) + " " + ctx.text(ex["note"]) + full
        parts.append(tag("p", excerpt, class_="pet-excerpt", lang=_english(cat, h, "excerpt")))
    blocks = [render_block(d, b, i) for i, b in enumerate(h["blocks"])]
    if any(b["kind"] == "checklist" for b in h["blocks"]):  # say what a tick means, on the web and on paper
        means = h.get("tick_means")
        lang = _english(cat, h, "tick_means") if means else None
        parts.append(tag("p", ctx.text(means or words("handout.tick_means")), class_="pet-tick-means", lang=lang))
    if _english(cat, h, "blocks"):
        parts.append(tag("div", "".join(blocks), lang="en"))
    else:
        parts += blocks
    rights = h["rights"]
    notes = [rights.get("notice"), rights.get("attribution"), rights.get("permission")]
    lang = _english(cat, h, "rights")
    said = "".join(tag("p", ctx.text(n), lang=lang) for n in notes if n)
    if isinstance(cat, TranslatedCatalog) and cat.english is not None and h["id"] in cat.translated_ids.get("handouts", ()):
        original = Markup(tag("span", ctx.text(cat.english.get("handouts", h["id"])["title"]), lang="en"))
        said += tag("p", for_catalog(cat).message_html("handout.our_translation", title=original), class_="pet-our-translation")
    parts.append(tag("div", said, class_="pet-rights"))
    return tag("div", "".join(parts), class_="pet-handout-doc")


def _builder(cat: Catalog, ctx: Context, h: Handout) -> str:
    """The fill-in form for a handout with placeholders (components/handout-builder); handouts.js shows and wires it."""
    placeholders = [
        {
            "id": p["id"],
            "field_id": f"pet-fill-{h['id']}-{p['id']}",
            "label": p["label"],
            "choices": [{"id": c["id"], "label": c["label"], "text": c.get("text", c["label"])} for c in p["choices"]] if p.get("choices") else None,
            "example": p.get("example"),
            "hint": p.get("hint"),  # guidance beside the field (what the law asks, what to write): for the screen only
        }
        for p in h.get("placeholders", [])
    ]
    return render_component(cat, "handout-builder", ctx=ctx, placeholders=placeholders, copy_heading=" ".join(h.get("copy_heading", [])))


def _toolbar(cat: Catalog, h: Handout, ctx: Context, fillable: str) -> str:
    """PDF link (works without JS); Print and Clear (shown by handouts.js): components/handout-tools."""
    return render_component(cat, "handout-tools", ctx=ctx, pdf_href=ctx.rel(urls.handout_pdf(h["id"])), fillable=fillable)


def handout(cat: Catalog, ctx: Context, handout_id: str) -> str:
    """The handout page body: tools, the builder when it has placeholders, the document."""
    h = cat.get("handouts", handout_id)
    doc = handout_document(cat, ctx, handout_id, interactive=True)
    fillable = "answers" if 'data-field-id="' in doc else "ticks" if 'data-check-id="' in doc else ""
    link = tag("a", esc(source_text(cat, h)), href=ctx.rel(urls.source_anchor(h["source"]["source"])))
    source = tag("p", for_catalog(cat).message_html("handout.source", source=Markup(link)), class_="pet-source")
    builder = _builder(cat, ctx, h) if h.get("placeholders") else ""
    body = _toolbar(cat, h, ctx, fillable) + builder + doc + source
    # Only handout pages load the script (not part of every page's weight).
    script = tag("script", "", src=ctx.rel("assets/handouts.js"), defer=True)
    return block(tag("article", body, class_="pet-handout", data_handout_id=handout_id) + script)


MACROS = {"handout": handout}
