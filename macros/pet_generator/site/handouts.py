"""One renderer for every handout, from its catalog blocks: the web page and the PDF.

`handout_document()` is the printable part (title comes from the page or the PDF template),
the component handout-document: this module turns the catalog's blocks into its data, the
template writes the markup, the words are the message catalog's handout.* (ADR 0012).
With `interactive=True` (the web page) checklists get real checkboxes that handouts.js saves
in localStorage, and [[slot]] placeholders get hooks the job description builder fills.
With `interactive=False` (the PDF) the same blocks render with empty boxes and write-in
lines. Without JavaScript the web page reads like the PDF: slots show "[Agency name]".
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup
from pet_generator.catalog import urls
from pet_generator.catalog.loader import HANDOUT_SLOT, Catalog
from pet_generator.catalog.records import Handout
from pet_generator.catalog.translations import TranslatedCatalog, lang_of
from pet_generator.site.components import Components, for_catalog, render_component
from pet_generator.site.html import Context, block, safe_href

SLOT = HANDOUT_SLOT
DEFAULT_LINES = {"questions": 3, "fields": 1}


class _Doc(Context):
    """A page context that also knows the handout and its placeholders: the handout-document
    component's `text` filter goes through text(), which fills in the [[slot]]s."""

    def __init__(self, ctx: Context, handout: Handout, components: Components) -> None:
        super().__init__(page_url=ctx.page_url, abbreviations=ctx.abbreviations)
        self.ctx = ctx
        self.components = components
        self.id = handout["id"]
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
            out.append(self.components.render("handout-slot", id=slot["id"], label=slot["label"], capital=opens))
            pos = m.end()
        out.append(self.ctx.text(value[pos:]))
        return "".join(out)


def _indexed(d: _Doc, interactive: bool, text: str) -> dict[str, str]:
    """Pagefind skips the text of <label> and <legend>, where a tick box's or a rating's words
    are: hand it the same words in an attribute it indexes (issue 25, part 2). The page shows,
    reads aloud and copies them once, from the label."""
    if not interactive:
        return {}
    words = SLOT.sub(lambda m: f"[{d.slots[m.group(1)]['label']}]" if m.group(1) in d.slots else m.group(0), text)
    return {"data-pagefind-index-attrs": "data-words", "data-words": " ".join(words.split())}


def _items(items: list[Any]) -> list[dict[str, Any]]:
    """A list's entries, text or {text, items}, as {text, items}."""
    return [{"text": i["text"], "items": _items(i.get("items", []))} if isinstance(i, dict) else {"text": i, "items": []} for i in items or []]


def _checklist(d: _Doc, interactive: bool, items: list[Any], prefix: str) -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(items):
        label = item["text"] if isinstance(item, dict) else item
        sub = _checklist(d, interactive, item.get("items", []), f"{prefix}-{i}") if isinstance(item, dict) else None
        out.append({"check_id": f"{prefix}-{i}", "text": label, "sub": sub, "indexed": _indexed(d, interactive, label)})
    return out


def _table(b: dict[str, Any], d: _Doc, prefix: str, words: Any) -> dict[str, Any]:
    columns = b.get("columns", [])

    def short(c: int) -> bool:  # a short heading such as Yes / No: a tick box, not a place to write
        return c < len(columns) and 0 < len(columns[c]) <= 3

    rows = []
    for r, row in enumerate(b.get("rows", [])):
        ticks = [c for c, cell in enumerate(row) if not cell.strip() and short(c)]
        cells: list[dict[str, Any]] = []
        for c, cell in enumerate(row):
            column = columns[c] if c < len(columns) else ""
            if cell.strip():
                cells.append({"kind": "th" if c == 0 else "td", "text": cell})
            elif c in ticks and len(ticks) > 1:  # Yes / No: one choice, saved as its column
                cells.append(
                    {
                        "kind": "radio",
                        "check_id": f"{prefix}-{r}",
                        "name": f"{d.id}-{prefix}-{r}",
                        "value": column,
                        "aria_label": f"{column}: {row[0]}",
                    }
                )
            elif c in ticks:
                cells.append({"kind": "tick", "check_id": f"{prefix}-{r}-{c}", "aria_label": f"{column}: {row[0]}"})
            else:  # an empty cell is a place to write
                label = f"{column}: {row[0]}" if column and row and row[0].strip() else column or words("handout.answer")
                cells.append({"kind": "write", "field_id": f"{prefix}-{r}-{c}", "label": label})
        rows.append(cells)
    # A labelled scroll box on narrow screens, as render._table's.
    return {"columns": columns, "rows": rows, "label": b.get("heading") or words("handout.table_label")}


def _block(d: _Doc, interactive: bool, b: dict[str, Any], index: int, words: Any) -> dict[str, Any]:
    """One block's data for the handout-document component."""
    kind = b["kind"]
    prefix = f"b{index}"
    lines = max(b.get("lines", DEFAULT_LINES.get(kind, 1)), 1)
    text = b.get("text")
    out: dict[str, Any] = {
        "kind": kind,
        "classes": f"pet-block pet-block-{kind}" + (" pet-break-before" if b.get("page_break_before") else ""),
        "heading": b.get("heading"),
        "paragraphs": [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()] if text else [],
        # Editors' notes are for the screen: never in a copy, a download, a print or the PDF (pet.js takeaway).
        "note": b.get("editors_note") if interactive else None,
        "lines": lines,
        "items": _items(b.get("items", [])),
    }
    items = b.get("items", [])
    if kind == "checklist":
        out["checklist"] = _checklist(d, interactive, items, prefix)
    elif kind == "questions":
        out["questions"] = [
            {
                "text": item["text"] if isinstance(item, dict) else item,
                "items": _items(item.get("items", [])) if isinstance(item, dict) else [],
                "label_id": f"{d.id}-{prefix}-q{i}-label",
                "field_id": f"{prefix}-q{i}",
            }
            for i, item in enumerate(items)
        ]
    elif kind == "fields":
        out["inline"] = lines <= 1
        out["fields"] = [
            {"text": item["text"] if isinstance(item, dict) else item, "label_id": f"{d.id}-{prefix}-f{i}-label", "field_id": f"{prefix}-f{i}"}
            for i, item in enumerate(items)
        ]
    elif kind == "table":
        out.update(_table(b, d, prefix, words))
    elif kind == "rating":
        out["ratings"] = []
        for i, item in enumerate(items):
            label = item["text"] if isinstance(item, dict) else item
            options = [{"check_id": f"{prefix}-{i}", "label": s, "value": str(k)} for k, s in enumerate(b.get("scale", []))]
            indexed = _indexed(d, interactive, label)
            out["ratings"].append(
                {"text": label, "name": f"{d.id}-{prefix}-{i}", "options": options, "attrs": {"class": "pet-rating-item", **indexed}}
            )
    return out


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
    """The printable handout: notes, blocks, rights (components/handout-document). Shared by the
    web page and the PDF. In another language, a field still in English is marked lang="en"
    (ADR 0014), and a translated handout says it is our translation of the English one."""
    h = cat.get("handouts", handout_id)
    components = for_catalog(cat)
    d = _Doc(ctx, h, components)
    words = components.message
    excerpt = None
    if h.get("excerpt"):
        ex = h["excerpt"]
        excerpt = {
            "note": Markup(ctx.text(ex["note"])),
            "name": ex.get("full_instrument"),
            "href": safe_href(ex.get("url")),
            "lang": _english(cat, h, "excerpt"),
        }
    tick_means = None
    if any(b["kind"] == "checklist" for b in h["blocks"]):  # say what a tick means, on the web and on paper
        means = h.get("tick_means")
        tick_means = {"text": Markup(ctx.text(means or words("handout.tick_means"))), "lang": _english(cat, h, "tick_means") if means else None}
    rights = h["rights"]
    original = None
    if isinstance(cat, TranslatedCatalog) and cat.english is not None and h["id"] in cat.translated_ids.get("handouts", ()):
        original = Markup(ctx.text(cat.english.get("handouts", h["id"])["title"]))
    doc = {
        "id": h["id"],
        "interactive": interactive,
        "summary": Markup(ctx.text(h["summary"])) if h.get("summary") else None,
        "summary_lang": _english(cat, h, "summary"),
        "excerpt": excerpt,
        "tick_means": tick_means,
        "blocks": [_block(d, interactive, b, i, words) for i, b in enumerate(h["blocks"])],
        "blocks_lang": _english(cat, h, "blocks"),
        "rights": [Markup(ctx.text(n)) for n in (rights.get("notice"), rights.get("attribution"), rights.get("permission")) if n],
        "rights_lang": _english(cat, h, "rights"),
        "original_title": original,
    }
    return str(components.render("handout-document", ctx=d, doc=doc))


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
    source = {"name": source_text(cat, h), "href": ctx.rel(urls.source_anchor(h["source"]["source"]))}
    builder = _builder(cat, ctx, h) if h.get("placeholders") else ""
    parts = Markup(_toolbar(cat, h, ctx, fillable) + builder + doc)
    # Only handout pages load the script (not part of every page's weight).
    script = ctx.rel("assets/handouts.js")
    return block(render_component(cat, "handout-page", id=handout_id, parts=parts, source=source, script_href=script))


MACROS = {"handout": handout}
