"""Tagged PDFs a county may post: finishing WeasyPrint's PDF/UA-1 output, and checking it.

WeasyPrint 70 (`pdf_variant="pdf/ua-1"`) writes the structure tree, /Lang, DisplayDocTitle,
the PDF/UA identification and link annotations tied to the structure. Two things it leaves
out are added here with pikepdf, after it has written the file:

- header cells (/TH) carry no /Scope: a header in a table's head row gets Column, the first
  cell of a body row Row (what the HTML's `scope` attributes said);
- data cells name their headers (/Headers) by /ID, but the structure tree has no /IDTree to
  look those ids up: it is added.

`problems()` is the structural check the build runs on every PDF it publishes and the tests
run again (tests/test_pdf_accessibility.py): it reads the PDF alone, like a reader would.
It is not a PDF/UA validator; the README says what still needs PAC or veraPDF by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _kids(element: Any) -> list[Any]:
    import pikepdf

    k = element.get("/K")
    if k is None:
        return []
    found = list(k) if isinstance(k, pikepdf.Array) else [k]
    return [x for x in found if isinstance(x, pikepdf.Dictionary) and "/S" in x]


def walk(root: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Every structure element, with the roles of its ancestors (nearest last). Iterative:
    a deep tree cannot exhaust the stack."""
    stack: list[tuple[Any, list[Any]]] = [(k, []) for k in reversed(_kids(root))]
    while stack:
        element, ancestors = stack.pop()
        yield element, ancestors
        below = [*ancestors, element]
        stack.extend((k, below) for k in reversed(_kids(element)))


def finish(path: Path) -> None:
    """Add /Scope to header cells and the /IDTree the cells' /Headers need."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        ids: dict[str, Any] = {}
        for element, ancestors in walk(root):
            if "/ID" in element:
                ids[str(element.ID)] = element
            if element.S == "/TH":
                in_head = any(a.S == "/THead" for a in ancestors)
                row = ancestors[-1] if ancestors else None
                first = row is not None and _kids(row) and _kids(row)[0].objgen == element.objgen
                _set_table_attribute(pdf, element, "/Scope", pikepdf.Name("/Column" if in_head or not first else "/Row"))
        if ids:
            names = pikepdf.Array()
            for key in sorted(ids):
                names.append(pikepdf.String(key))
                names.append(ids[key])
            root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
        pdf.save(path)


def _set_table_attribute(pdf: Any, element: Any, name: str, value: Any) -> None:
    import pikepdf

    attributes = element.get("/A")
    owners = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes] if attributes is not None else []
    for owner in owners:
        if isinstance(owner, pikepdf.Dictionary) and owner.get("/O") == pikepdf.Name("/Table"):
            owner[name] = value
            return
    table = pikepdf.Dictionary(O=pikepdf.Name("/Table"))
    table[name] = value
    element.A = pikepdf.Array([*owners, table]) if owners else table


def _outline_titles(items: Any) -> Iterator[str]:
    for item in items:
        yield str(item.title)
        yield from _outline_titles(item.children)


def problems(path: Path, title: str | None = None) -> list[str]:
    """What keeps this PDF from being the tagged document it should be; [] when nothing does.
    `title`: the document title it should show."""
    import pikepdf

    out: list[str] = []
    with pikepdf.open(path) as pdf:
        catalog = pdf.Root
        root = catalog.get("/StructTreeRoot")
        if root is None or not _kids(root):
            return ["no structure tree: the PDF is not tagged"]
        empty: dict[str, Any] = {}
        if not (catalog.get("/MarkInfo") or empty).get("/Marked"):
            out.append("MarkInfo /Marked is not true")
        if not str(catalog.get("/Lang", "")).strip():
            out.append("no document language (/Lang)")
        if not (catalog.get("/ViewerPreferences") or empty).get("/DisplayDocTitle"):
            out.append("the window does not show the document title (DisplayDocTitle)")
        meta = pdf.open_metadata()
        if str(meta.get("pdfuaid:part", "")) != "1":
            out.append("no PDF/UA-1 identification (pdfuaid:part) in the XMP metadata")
        shown = str(meta.get("dc:title", "")).strip()
        if not shown or (title is not None and shown != title):
            out.append(f"document title is {shown!r}, expected {title!r}")
        elements = list(walk(root))
        headings = [e for e, _ in elements if str(e.S) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
        levels = [int(str(e.S)[2]) for e in headings]
        for before, after in zip([0, *levels], levels, strict=False):
            if after > before + 1:
                out.append(f"heading levels skip from {before} to {after}")
                break
        with pdf.open_outline() as outline:
            bookmarks = list(_outline_titles(outline.root))
        if headings and len(bookmarks) != len(headings):
            out.append(f"{len(bookmarks)} bookmarks for {len(headings)} headings")
        for element, _ in elements:
            if element.S == "/Figure" and not str(element.get("/Alt", "")).strip():
                out.append("a figure without alternative text (/Alt)")
                break
            if element.S == "/TH" and not _has_scope(element):
                out.append("a table header cell (/TH) without /Scope")
                break
        out += _link_problems(pdf, root)
        out += _font_problems(pdf)
    return out


def _has_scope(element: Any) -> bool:
    import pikepdf

    attributes = element.get("/A")
    owners = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(o, pikepdf.Dictionary) and "/Scope" in o for o in owners)


def _parent_tree(root: Any) -> dict[int, Any]:
    """The /ParentTree number tree, flattened: struct parent key -> element (or array)."""
    found: dict[int, Any] = {}
    stack = [root.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums) - 1, 2):
                found[int(nums[i])] = nums[i + 1]
        stack.extend(node.get("/Kids") or [])
    return found


def _link_problems(pdf: Any, root: Any) -> list[str]:
    tree = _parent_tree(root)
    out: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.get("/Annots") or []:
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A") or {}
            uri = str(action.get("/URI", "")) if action.get("/S") == "/URI" else None
            if action.get("/S") not in (None, "/URI", "/GoTo"):
                out.append(f"page {number}: a link with a {action.get('/S')} action")
            if uri is not None and not uri.startswith(ALLOWED_SCHEMES):
                out.append(f"page {number}: a link to {uri!r} (only http, https and mailto)")
            if uri is None and "/Dest" not in annot and action.get("/S") != "/GoTo":
                out.append(f"page {number}: a link that leads nowhere")
            if not str(annot.get("/Contents", "")).strip():
                out.append(f"page {number}: a link annotation without text (/Contents)")
            key = annot.get("/StructParent")
            element = tree.get(int(key)) if key is not None else None
            if element is None or element.get("/S") != "/Link":
                out.append(f"page {number}: a link annotation not tied to a /Link structure element")
            if len(out) > 20:
                return out
    return out


def _font_problems(pdf: Any) -> list[str]:
    missing: set[str] = set()
    for page in pdf.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            descendants = font.get("/DescendantFonts")
            described = descendants[0] if descendants else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")))
    return [f"font not embedded: {name}" for name in sorted(missing)]


def check_site_pdfs(site_dir: Path, cat: Any) -> None:
    """Build step: every PDF the site publishes passes problems(), or nothing is published."""
    from pet_generator.pipeline.errors import BuildFailed

    found = []
    for path in sorted(site_dir.rglob("*.pdf")):
        found += [f"{path.relative_to(site_dir).as_posix()}: {p}" for p in problems(path)]
    if found:
        raise BuildFailed("PDFs that are not properly tagged:\n" + "\n".join(found[:40]))
