"""Post-build step: a Letter-size PDF of every handout, written to urls.handout_pdf(id), and in
each other language of the site a PDF of every handout translated into it, under /<language>/
(ADR 0014; the build gives the language English's PDF for the handouts not translated yet).

The PDFs come from a dedicated print template around handouts.handout_document(), the same
renderer as the web page, never from Material pages (they print wrong in WeasyPrint; see
NOTES.md). All handouts render in this one process, sharing WeasyPrint's font setup, and
WeasyPrint may fetch nothing: the template is self-contained and every URL is refused.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pet_generator.catalog import safety, translations, urls
from pet_generator.catalog.loader import Catalog
from pet_generator.pipeline import pdf_tags
from pet_generator.site.components import for_catalog
from pet_generator.site.handouts import handout_document, source_text
from pet_generator.site.html import Context

# Letter, with a running footer (title, edition, source, page URL) and page numbers.
PDF_CSS = """
@page {
  size: letter; margin: 0.7in 0.75in 1.05in;
  @bottom-left { content: element(footer); vertical-align: top; width: 82%; }
  @bottom-right { content: PAGE_COUNTER; vertical-align: top;
                  font-size: 7.5pt; color: #333; }
}
html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 10pt; line-height: 1.35; color: #000; }
body { margin: 0; }
.pet-pdf-footer { position: running(footer); font-size: 7.5pt; color: #333; line-height: 1.3; }
.pet-pdf-footer p { margin: 0; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0 0 2pt; }
.pet-pdf-edition { font-size: 8.5pt; color: #333; margin: 0 0 10pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; orphans: 2; widows: 2; }
ul, ol { margin: 0 0 6pt; padding-left: 16pt; }
li { margin: 0 0 3pt; break-inside: avoid; }
abbr { text-decoration: none; }
a { color: inherit; text-decoration: none; }
.pet-lede { font-size: 10.5pt; }
.pet-excerpt { border: 1pt solid #000; padding: 5pt 7pt; }
.pet-break-before { break-before: page; }
.pet-break-before > h2 { margin-top: 0; }
.pet-box { display: inline-block; width: 9pt; height: 9pt; border: 1pt solid #000; vertical-align: -1pt; margin-right: 5pt; }
.pet-checklist { list-style: none; padding-left: 0; }
.pet-checklist li { padding-left: 15pt; text-indent: -15pt; }
.pet-checklist .pet-checklist { margin-top: 3pt; }
.pet-writein { display: block; }
.pet-line { display: block; height: 19pt; border-bottom: 0.6pt solid #555; }
.pet-questions > li { margin-bottom: 8pt; }
.pet-field { margin: 0 0 6pt; break-inside: avoid; }
.pet-field-inline { display: table; width: 100%; }
.pet-field-inline .pet-field-label { display: table-cell; width: 45%; vertical-align: bottom; padding-right: 6pt; }
.pet-field-inline .pet-writein { display: table-cell; vertical-align: bottom; }
.pet-field-block .pet-field-label { display: block; }
table { border-collapse: collapse; width: 100%; margin: 0 0 8pt; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6pt solid #444; padding: 3pt 4pt; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: normal; }
td.pet-write { height: 46pt; }
td.pet-tick { text-align: center; width: 30pt; }
td.pet-tick .pet-box { margin: 0; }
.pet-rating-item { break-inside: avoid; margin: 0 0 8pt; }
.pet-rating-label { margin-bottom: 3pt; }
.pet-scale-options { list-style: none; padding-left: 10pt; margin: 0; }
.pet-scale-options li { display: inline-block; margin: 0 12pt 3pt 0; }
.pet-rights { margin-top: 14pt; border-top: 0.6pt solid #000; padding-top: 4pt; font-size: 8pt; break-inside: avoid; }
"""


def _language(cat: Catalog) -> str:
    return str(getattr(cat, "language", translations.DEFAULT_LANGUAGE))


def _prefix(cat: Catalog) -> str:
    """Where the language's pages live: "" for English, "es/" for Spanish."""
    language = _language(cat)
    return "" if language == translations.DEFAULT_LANGUAGE else f"{language}/"


def page_address(cat: Catalog, handout_id: str) -> str | None:
    """The handout page's full URL when the edition names the site's address (edition.site_url),
    else None: a bare path on paper would lead nowhere."""
    base = urls.site_url(cat["edition"])
    return f"{base}/{_prefix(cat)}{urls.handout_page(handout_id)}" if base else None


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ") + '"'


def page_counter(words: Any) -> str:
    """The footer's "Page 1 of 2" as CSS content, in the language's words and order."""
    text = words("handout.pdf.page", page="\x01", pages="\x02")
    out = []
    for piece in re.split(r"([\x01\x02])", text):
        if piece == "\x01":
            out.append("counter(page)")
        elif piece == "\x02":
            out.append("counter(pages)")
        elif piece:
            out.append(_css_string(piece))
    return " ".join(out)


def pdf_html(cat: Catalog, handout_id: str) -> str:
    """The print template: title, edition line, running footer, then the shared handout body,
    in the catalog's language (a TranslatedCatalog's, else English)."""
    h = cat.get("handouts", handout_id)
    edition = cat["edition"]
    words = for_catalog(cat).message
    ctx = Context(page_url=urls.handout_page(handout_id))
    edition_line = words("handout.pdf.edition", title=edition["title"], year=edition["year"])
    top = for_catalog(cat).render(
        "handout-pdf-heading",
        title=h["title"],
        edition=edition_line,
        publisher=edition["publisher"],
        source=source_text(cat, h),
        address=page_address(cat, handout_id),
    )
    body = top + handout_document(cat, ctx, handout_id, interactive=False)
    css = PDF_CSS.replace("PAGE_COUNTER", page_counter(words))
    return for_catalog(cat).render(
        "print-document",
        lang=_language(cat),
        title=h["title"],
        author=edition["publisher"],
        description=None,
        generator=None,
        css=Markup(css),
        body=Markup(body),
    )


def render_pdfs(cat: Catalog, out_dir: Path, only: set[str] | None = None) -> dict[str, float]:
    """Write every handout's PDF (or those in `only`) under out_dir (the site folder, or a
    language's folder in it); return seconds per handout."""
    from weasyprint import HTML, URLFetcher
    from weasyprint.text.fonts import FontConfiguration

    refuse_all = URLFetcher(allowed_protocols=())  # nothing may be fetched while rendering
    fonts = FontConfiguration()
    timings: dict[str, float] = {}
    for h in cat["handouts"]:
        if only is not None and h["id"] not in only:
            continue
        started = time.perf_counter()
        target = safety.inside(out_dir, urls.handout_pdf(h["id"]))
        target.parent.mkdir(parents=True, exist_ok=True)
        document = HTML(string=pdf_html(cat, h["id"]), url_fetcher=refuse_all)
        document.write_pdf(target, font_config=fonts, pdf_variant="pdf/ua-1", custom_metadata=False)
        pdf_tags.finish(target)  # header cell scopes and the id tree WeasyPrint leaves out
        timings[h["id"]] = time.perf_counter() - started
    return timings


def write_handout_pdfs(site_dir: Path, cat: Catalog) -> None:
    """English's PDFs, then each language's PDFs of the handouts translated into it, under
    /<language>/ (written before the build links English's files into the language's folder,
    which leaves a file that is there alone)."""
    render_pdfs(cat, site_dir)
    for language in translations.languages(Path(cat.root)):
        spanish = translated_catalog(cat, language)
        done = set(spanish.translated_ids.get("handouts", ()))
        if done:
            render_pdfs(spanish, site_dir / language, only=done)


def translated_catalog(cat: Catalog, language: str) -> translations.TranslatedCatalog:
    report = translations.check_language(cat, language, None)
    if report.errors:  # the build refused them before this step; a direct call says why
        raise ValueError("\n".join(map(str, report.errors)))
    return translations.translated(cat, language, report)


def _quiet_weasyprint() -> Any:
    """WeasyPrint logs a warning per unsupported CSS property; the build output stays clean."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)


_quiet_weasyprint()
