"""One renderer for every handout: the web page body (and, later, its PDF)."""

from __future__ import annotations

from typing import Any

from .catalog import Catalog
from .html import Context, block, esc, tag
from . import urls


def render_block(ctx: Context, b: dict[str, Any], handout_id: str, index: int) -> str:
    heading = tag("h2", ctx.text(b["heading"])) if b.get("heading") else ""
    text = ctx.paragraphs(b.get("text"))
    kind = b["kind"]
    items = b.get("items", [])
    if kind == "checklist":
        lis = []
        for i, item in enumerate(items):
            label = item["text"] if isinstance(item, dict) else item
            box_id = f"{handout_id}-{index}-{i}"
            sub = ctx.items(item.get("items", [])) if isinstance(item, dict) else ""
            lis.append(tag("li", f'<input type="checkbox" id="{esc(box_id)}" data-check-id="{esc(box_id)}"> ' + tag("label", ctx.text(label), for_=box_id) + sub))
        body = tag("ul", "".join(lis), class_="pet-checklist")
    elif kind == "questions":
        lines = b.get("lines", 2)
        body = tag("ol", "".join(tag("li", ctx.text(i["text"] if isinstance(i, dict) else i) + tag("div", "", class_="pet-writein", style=None, data_lines=lines)) for i in items), class_="pet-questions")
    elif kind == "table":
        head = tag("thead", tag("tr", "".join(tag("th", esc(c), scope="col") for c in b.get("columns", []))))
        rows = "".join(tag("tr", "".join(tag("td", ctx.text(cell)) for cell in row)) for row in b.get("rows", []))
        body = tag("div", tag("table", head + tag("tbody", rows)), class_="pet-table-wrap")
    elif kind in ("fields", "rating"):
        body = ctx.items(items, class_=f"pet-{kind}")
        if b.get("scale"):
            body = tag("p", "Scale: " + " · ".join(esc(s) for s in b["scale"]), class_="pet-scale") + body
    else:
        body = ctx.items(items)
    return tag("section", heading + text + body, class_=f"pet-block pet-block-{kind}")


def handout(cat: Catalog, ctx: Context, handout_id: str) -> str:
    h = cat.get("handouts", handout_id)
    parts = []
    if h.get("summary"):
        parts.append(tag("p", ctx.text(h["summary"]), class_="pet-lede"))
    if h.get("excerpt"):
        parts.append(tag("p", tag("strong", "Excerpt. ") + ctx.text(h["excerpt"]["note"]), class_="pet-excerpt"))
    parts += [render_block(ctx, b, handout_id, i) for i, b in enumerate(h["blocks"])]
    rights = h["rights"]
    notice = tag("p", ctx.text(rights["notice"])) if rights.get("notice") else ""
    parts.append(tag("footer", notice + tag("p", ctx.text(rights["attribution"])), class_="pet-rights"))
    parts.append(tag("p", tag("a", "Download the PDF", href=ctx.rel(urls.handout_pdf(handout_id))), class_="pet-pdf"))
    return block(tag("article", "".join(parts), class_="pet-handout", data_handout_id=handout_id))


MACROS = {"handout": handout}
