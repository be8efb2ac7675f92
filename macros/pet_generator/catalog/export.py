"""Machine-readable exports of the validated catalog (JSON for reuse, CSV for spreadsheets)."""

from __future__ import annotations

import copy
import csv
import io
import re
import unicodedata
from typing import Any
from xml.sax.saxutils import escape

from pet_generator.catalog import address_fields, identity, safety, urls
from pet_generator.catalog.loader import COLLECTIONS, Catalog
from pet_generator.catalog.model import term_mapping

# The CSV's columns are the resource schema's fields in order, mapping fields flattened as
# their x-export says, fields with x-export: false left out (model.columns).


def to_json(catalog: Catalog) -> dict[str, Any]:
    """One top-level key per collection. Entries get the optional fields that have a schema
    `default` filled in (resources: `aliases`, `url` and `competencies`), so consumers can rely
    on them being present."""
    out: dict[str, Any] = {name: _checked_urls(catalog, name, catalog.data[name]) for name in COLLECTIONS}
    for name, defaults in catalog.model.defaults.items():
        if name in out and isinstance(out[name], list):
            out[name] = [{**e, **{k: copy.deepcopy(v) for k, v in defaults.items() if k not in e}} for e in out[name]]
    # Pages the site makes: each resource's own (ADR 0009), each handout's page and PDF.
    out["resources"] = [{**r, "page": urls.resource_page(r["id"])} for r in out["resources"]]
    out["handouts"] = [{**h, "page": urls.handout_page(h["id"]), "pdf": urls.handout_pdf(h["id"])} for h in catalog["handouts"]]
    return out


def _checked_urls(catalog: Catalog, collection: str, value: Any, path: tuple[Any, ...] = ()) -> Any:
    """A copy of `value` whose addresses (safety.is_url_path) each pass the pages' check; one
    that fails becomes null. The loader refuses such addresses already: this holds whatever
    reaches an export (a schema that dropped `x-url` included)."""
    if isinstance(value, dict):
        return {k: _checked_urls(catalog, collection, v, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_checked_urls(catalog, collection, v, (*path, i)) for i, v in enumerate(value)]
    if isinstance(value, str) and path and address_fields.is_url_path(catalog.model, collection, path):
        if collection == "edition" and path == ("site_url",) and safety.site_url_problem(value):
            return None
        return safety.safe_url(value)
    return value


def to_csv(catalog: Catalog) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = catalog.model.columns
    writer.writerow([*(c.name for c in columns), "page"])  # the schema's fields, then the resource's page on the site
    for r in catalog["resources"]:
        row = []
        for column in columns:
            value = (r.get(column.field) or {}).get(column.key) if column.key else r.get(column.field)
            at = (column.field, column.key) if column.key else (column.field,)
            if isinstance(value, str) and address_fields.is_url_path(catalog.model, "resources", at):
                value = safety.safe_url(value)
            if isinstance(value, list):
                value = "; ".join(value)
            row.append("" if value is None else _defuse(str(value)))
        writer.writerow([*row, urls.resource_page(r["id"])])
    return buffer.getvalue()


_FORMULA_START = {"=", "+", "-", "@"}


def _defuse(cell: str) -> str:
    """Spreadsheet apps run cells that start with = + - @ (or a tab or CR) as formulas, and
    some skip leading spaces or read full-width ＝ ＋ － ＠ as the ASCII ones: quote such cells."""
    if cell[:1] in ("\t", "\r"):
        return "'" + cell
    first = next((ch for ch in cell if not (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))), "")
    return "'" + cell if unicodedata.normalize("NFKC", first) in _FORMULA_START else cell


# --- Citation formats and the feed -------------------------------------------------

# A resource's CSL type comes from the taxonomy (a term's `csl`); without one, CSL's general type.
CSL_TYPE_DEFAULT = "document"


def to_csl_json(catalog: Catalog) -> list[dict[str, Any]]:
    """CSL-JSON, the format Zotero and citation processors read."""
    items = []
    for r in catalog["resources"]:
        item: dict[str, Any] = {"id": r["id"], "type": term_mapping(catalog, r, "csl") or CSL_TYPE_DEFAULT, "title": r["title"]}
        if r.get("publisher"):
            item["publisher"] = r["publisher"]
            item["author"] = [{"literal": r["publisher"]}]
        if r.get("year"):
            item["issued"] = {"date-parts": [[r["year"]]]}
        if safety.safe_url(r.get("url")):
            item["URL"] = r["url"]
        if r.get("summary"):
            item["abstract"] = r["summary"]
        items.append(item)
    return items


# BibTeX counts every brace, escaped or not ("\}" still closes a field), so catalog text never
# carries a brace of its own into the file: each special character becomes a macro whose only
# braces are an empty, balanced "{}". Every value is therefore balanced and cannot end its field.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LIGATURE = set("-`',<>!?")  # pairs TeX would join ("--" is a dash, "``" a quote): kept apart with {}


def _bib(value: str) -> str:
    """A field value for BibTeX and LaTeX: one line, special characters as macros."""
    text = " ".join(str(value).split())
    out = []
    for i, ch in enumerate(text):
        out.append(_BIBTEX_SPECIAL.get(ch, ch))
        if ch in _LIGATURE and text[i + 1 : i + 2] in _LIGATURE and text[i + 1 : i + 2]:
            out.append("{}")
    return "".join(out)


_BIB_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]")  # ids are kebab-case already; a key never carries , { } or space


def to_bibtex(catalog: Catalog) -> str:
    entries = []
    for r in catalog["resources"]:
        fields = [("title", "{" + _bib(r["title"]) + "}")]
        if r.get("publisher"):
            fields += [("author", "{" + _bib(r["publisher"]) + "}"), ("publisher", _bib(r["publisher"]))]
        if r.get("year"):
            fields.append(("year", str(r["year"])))
        if safety.safe_url(r.get("url")):
            fields.append(("url", r["url"].replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")))
        if r.get("summary"):
            fields.append(("abstract", _bib(r["summary"])))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@misc{{{_BIB_KEY_UNSAFE.sub('-', r['id'])},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


# Characters XML 1.0 does not allow at all (the validator refuses them too; this keeps the
# feed well-formed whatever reaches it).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value: Any) -> str:
    """Text or a double-quoted attribute value for XML."""
    return escape(_NOT_XML.sub("", str(value)), {'"': "&quot;"})


def to_atom(catalog: Catalog, site_url: str | None = None) -> str:
    """An Atom feed of the resources added in the current edition's year."""
    x = _xml
    edition = catalog["edition"]
    year = str(edition["year"])
    base = (site_url or edition.get("site_url") or "").rstrip("/")
    if safety.safe_url(base) is None or safety.site_url_problem(base):
        base = ""  # never a base that a query, fragment or other scheme would turn into another address
    added = sorted((r for r in catalog["resources"] if str(r.get("added", "")).startswith(year)), key=lambda r: r["added"], reverse=True)
    updated = max((r["added"] for r in added), default=edition.get("released") or f"{year}-01-01")
    name = identity.slug(edition)  # the toolkit's own name (edition title), never this toolkit's
    feed_id = f"{base}/resources/" if base else f"urn:{name}:{year}:resources"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{x(edition['title'])}: resources added in {year}</title>",
        f"  <id>{x(feed_id)}</id>",
        f"  <updated>{x(updated)}T00:00:00Z</updated>",
        f"  <author><name>{x(edition['publisher'])}</name></author>",
    ]
    for r in added:
        link = f"{base}/{urls.resource_page(r['id'])}" if base else None
        entry_id = link or f"urn:{name}:resource:{r['id']}"
        lines += [
            "  <entry>",
            f"    <title>{x(r['title'])}</title>",
            f"    <id>{x(entry_id)}</id>",
            f"    <updated>{x(r.get('updated') or r['added'])}T00:00:00Z</updated>",
            f"    <published>{x(r['added'])}T00:00:00Z</published>",
        ]
        if link:
            lines.append(f'    <link rel="alternate" href="{x(link)}"/>')
        if r.get("summary"):
            lines.append(f"    <summary>{x(r['summary'])}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


DOWNLOADS = (  # (file name in site/downloads/, label); render_download() makes each
    ("catalog.json", "Whole catalog (JSON)"),
    ("resources.csv", "Resources (CSV, for spreadsheets)"),
    ("resources.csl.json", "Resources (CSL-JSON, for Zotero and citation tools)"),
    ("resources.bib", "Resources (BibTeX)"),
    ("new-resources.atom", "Resources added this edition (Atom feed)"),
)


def render_download(catalog: Catalog, name: str) -> str:
    import json

    if name == "catalog.json":
        return json.dumps(to_json(catalog), ensure_ascii=False, indent=1) + "\n"
    if name == "resources.csv":
        return to_csv(catalog)
    if name == "resources.csl.json":
        return json.dumps(to_csl_json(catalog), ensure_ascii=False, indent=1) + "\n"
    if name == "resources.bib":
        return to_bibtex(catalog)
    if name == "new-resources.atom":
        return to_atom(catalog)
    raise KeyError(name)
