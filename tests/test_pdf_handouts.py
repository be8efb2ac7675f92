"""Handout PDFs (macros/pet_generator/pipeline/pdf.py): built with the site for every handout, Letter size, the
handout's title and items in the text, a footer on every page, and recorded in the export."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from pet_generator.catalog import export, urls
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline import pdf
from pypdf import PdfReader

LETTER = (612, 792)  # points


def norm(text: str) -> str:
    """Extracted text as comparable words: ligatures undone, line-end hyphen breaks joined."""
    text = unicodedata.normalize("NFKC", text).replace("-\n", "-")
    return re.sub(r"\s+", " ", text).strip()


def handout_strings(h: dict[str, Any]) -> list[str]:
    """The title and every item a reader ticks, answers or reads (placeholder text aside)."""
    out = [h["title"]]
    for b in h["blocks"]:
        out += [b["heading"]] if b.get("heading") else []
        for item in b.get("items", []):
            out += [item["text"], *item["items"]] if isinstance(item, dict) else [item]
        for row in b.get("rows", []):
            out += [cell for cell in row if cell]
        out += b.get("scale", [])
    return [s for s in out if "[[" not in s]


def pages_text(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def test_every_handout_pdf_exists_is_letter_and_holds_its_title_and_items(catalog: Catalog, site_dir: Path) -> None:
    assert len(catalog["handouts"]) >= 8
    for h in catalog["handouts"]:
        path = site_dir / urls.handout_pdf(h["id"])
        assert path.is_file(), f"no PDF for {h['id']}"
        reader = PdfReader(path)
        for p in reader.pages:
            assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == LETTER
        text = norm(" ".join(p.extract_text() for p in reader.pages))
        missing = [s for s in handout_strings(h) if norm(s) not in text]
        assert missing == [], f"{h['id']}.pdf lacks: {missing[:3]}"


def test_every_pdf_page_has_the_footer_with_title_edition_source_and_page_url(catalog: Catalog, site_dir: Path) -> None:
    year = str(catalog["edition"]["year"])
    for h in catalog["handouts"]:
        texts = pages_text(site_dir / urls.handout_pdf(h["id"]))
        for n, text in enumerate(texts, start=1):
            flat = norm(text)
            assert norm(h["title"]) in flat and f"{year} edition" in flat, f"{h['id']} page {n}"
            assert "Source: " in flat and (h["source"].get("locator") or "") in flat, f"{h['id']} page {n}"
            # The edition sets no site_url: no "Online:" line, rather than a path leading nowhere.
            assert catalog["edition"].get("site_url") is None and "Online:" not in flat, f"{h['id']} page {n}"
            assert f"Page {n} of {len(texts)}" in flat


def test_pdf_footer_prints_the_full_page_address_only_when_the_site_url_is_set(catalog: Catalog) -> None:
    assert "Online:" not in pdf.pdf_html(catalog, "job-description")
    cat = copy.deepcopy(catalog)
    cat.data["edition"]["site_url"] = "https://toolkit.example.org/2026/"
    footer = pdf.pdf_html(cat, "job-description")
    assert "Online: https://toolkit.example.org/2026/handouts/job-description/" in footer


def test_checklists_get_boxes_write_ins_get_lines_and_page_breaks_are_kept(catalog: Catalog) -> None:
    html = pdf.pdf_html(catalog, "collaborative-work-plan")
    assert "<input" not in html and html.count('class="pet-box"') >= 2 * 14  # the Yes/No basics checklist
    assert 'class="pet-line"' in html and "pet-break-before" in html
    assert "size: letter" in pdf.PDF_CSS and "break-before: page" in pdf.PDF_CSS
    assert "data-check-id" not in html  # paper has no browser state


def test_the_pdf_template_escapes_catalog_text_and_fetches_nothing(catalog: Catalog, tmp_path: Path) -> None:
    cat = copy.deepcopy(catalog)
    h = cat.get("handouts", "interview-questions")
    h["title"] = 'Questions <img src="http://127.0.0.1:9/x.png"> & more'
    h["blocks"][1]["items"][0] = '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"> Who are you?'
    html = pdf.pdf_html(cat, h["id"])
    assert "<img" not in html and "<link rel" not in html and "&lt;img" in html
    cat.data["handouts"] = [h]
    timings = pdf.render_pdfs(cat, tmp_path)
    text = norm(" ".join(pages_text(tmp_path / urls.handout_pdf(h["id"]))))
    assert list(timings) == [h["id"]] and '<img src="http://127.0.0.1:9/x.png">' in text and "Who are you?" in text


def test_the_export_lists_each_handout_page_and_pdf_and_both_exist(catalog: Catalog, site_dir: Path) -> None:
    data = json.loads(json.dumps(export.to_json(catalog)))
    assert len(data["handouts"]) == len(catalog["handouts"])
    for h in data["handouts"]:
        assert (site_dir / h["page"] / "index.html").is_file(), h["page"]
        assert (site_dir / h["pdf"]).is_file(), h["pdf"]
    downloaded = json.loads((site_dir / "downloads" / "catalog.json").read_text("utf-8"))
    assert [(h["page"], h["pdf"]) for h in downloaded["handouts"]] == [(h["page"], h["pdf"]) for h in data["handouts"]]
