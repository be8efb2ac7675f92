"""The edition as one book (macros/pet_generator/pipeline/book.py, issue 26 part 1): built from the catalog and
docs/ by every build, with a cover, contents with page numbers, every chapter, competency,
handout, glossary term, reference and resource; links that stay inside the book; a shortened
bibliography at scale; and another organization's toolkit gets its own book."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import CATALOG
from pet_generator.catalog import translations
from pet_generator.catalog.frameworks import employer_competencies
from pet_generator.catalog.loader import Catalog, load_catalog
from pet_generator.pipeline import book, book_links, pdf_tags
from pet_generator.pipeline.book_links import Linker, Part, site_target
from pet_generator.pipeline.toolkit import generator_site
from pet_generator.site.entry import in_language
from pypdf import PdfReader

LETTER = (612, 792)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("-\n", "-")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def book_html(catalog: Catalog) -> str:
    html, _ = book.document(catalog, book.chapters(catalog, generator_site(CATALOG)), "7 December 2026")
    return html


@pytest.fixture(scope="module")
def book_text(site_dir: Path, catalog: Catalog) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(site_dir / book.book_path(catalog))
    return reader, [norm(p.extract_text() or "") for p in reader.pages]


# ---- links (fast) ----------------------------------------------------------------------


def test_links_resolve_as_the_site_resolves_them() -> None:
    assert site_target("certification.md#the-17", "hiring.md", "hiring/") == ("certification/", "the-17")
    assert site_target("../about.md", "competencies/index.md", "competencies/") == ("about/", "")
    assert site_target("../../resources/x/", "", "competencies/ec-a/") == ("resources/x/", "")
    assert site_target("../../references/#src", "", "competencies/ec-a/") == ("references/", "src")
    assert site_target("#here", "pay.md", "pay/") == ("pay/", "here")
    assert site_target("../../../etc/passwd", "", "a/") is None


def test_links_go_inside_the_book_to_the_web_or_nowhere() -> None:
    ids = {"hiring", "hiring__ads", "resources__r1"}
    linker = Linker({"hiring/": "hiring"}, ids, None, lambda url: "resources__r1" if url == "resources/r1/" else None)
    part = Part("pay", "pay.md", "pay/")
    out = linker.rewrite(
        '<a href="hiring.md#ads">Ads</a> <a href="../resources/r1/">R1</a> <a href="assessment.md">the assessment</a> '
        '<a href="https://example.org/a">Example</a> <a href="javascript:alert(1)">bad</a> <a href="file:///etc/passwd">f</a> '
        '<a href="hiring.md#gone"><abbr title="x">HR</abbr> page</a>',
        part,
    )
    assert '<a href="#hiring&#95;&#95;ads" class="pet-xref">Ads</a>' in out
    assert '<a href="#resources&#95;&#95;r1" class="pet-xref">R1</a>' in out
    assert "the assessment" in out and "assessment.md" not in out  # not in the book: words only
    assert '<a href="https://example.org/a" class="pet-url">Example</a>' in out  # printed after the words
    assert "javascript:" not in out and "file:" not in out and "bad" in out
    assert '<a href="#hiring" class="pet-xref">HR page</a>' in out  # unknown fragment: the chapter; nested tags go
    with_site = Linker({}, set(), "https://toolkit.example.org/2026/", lambda _: None)
    assert 'href="https://toolkit.example.org/2026/assessment/"' in with_site.rewrite('<a href="assessment.md">a</a>', part)


def test_ids_are_prefixed_by_their_part() -> None:
    assert book_links.prefix_ids('<h2 id="overview">O</h2><p data-id="x">', "competencies--ec-a") == (
        '<h2 id="competencies--ec-a__overview">O</h2><p data-id="x">'
    )


# ---- the book's HTML (fast) -------------------------------------------------------------


def test_the_book_holds_every_chapter_competency_handout_term_reference_and_resource(catalog: Catalog, book_html: str) -> None:
    soup = BeautifulSoup(book_html, "html.parser")
    h1s = [h.get_text(" ", strip=True) for h in soup.select("section.pet-part > h1")]
    assert h1s[0] == "Welcome" and h1s[-3:] == ["Glossary", "References", "Resource catalog"]
    for title in ("Recovery", "Certification", "Core competencies for peer employers", "Hiring and retaining peers"):
        assert title in h1s
    assert [h for h in h1s if h.startswith("Appendix")] == [f"Appendix {chr(65 + i)}. {h['title']}" for i, h in enumerate(catalog["handouts"])]
    text = norm(soup.get_text(" "))
    for c in employer_competencies(catalog):
        assert norm(c["name"]) in text
        for q in c.get("questions", []):
            if "text" in q:
                assert norm(q["text"]) in text
    for framework in ("medi-cal-peer-support-core-competencies", "specialization-crisis-care"):
        for c in catalog["competencies"]:
            if c["framework"] == framework:
                assert norm(c["name"]) in text
    for g in catalog["glossary"]:
        assert soup.find(id=f"glossary__{g['id']}") is not None
    for s in catalog["sources"]:
        assert soup.find(id=f"references__{s['id']}") is not None
    entries = soup.select("div.pet-bib")
    assert len(entries) == len(catalog["resources"])
    pending = [r for r in catalog["resources"] if not r.get("url")]
    assert len(soup.select("div.pet-bib .pet-pending")) == len(pending)


def test_every_link_in_the_book_leads_inside_it_or_to_the_web(book_html: str) -> None:
    soup = BeautifulSoup(book_html, "html.parser")
    ids = {e["id"] for e in soup.select("[id]")}
    for a in soup.select("a[href]"):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert href.startswith(("https://", "http://", "mailto:")), href
    assert len(ids) == len(soup.select("[id]")), "ids repeat"
    assert not soup.select("script, form, input, textarea, caption")


def test_the_contents_list_every_part_with_its_page(book_html: str) -> None:
    soup = BeautifulSoup(book_html, "html.parser")
    chapters = [a["href"][1:] for a in soup.select(".pet-toc > li > a")]
    assert chapters == [s["id"] for s in soup.select("section.pet-part")]


def test_a_very_large_catalog_gets_a_shortened_bibliography_that_says_so(catalog: Catalog) -> None:
    many = [{**r, "id": f"{r['id']}-{n}", "cited_in": r.get("cited_in", []) if n == 0 else []} for n in range(40) for r in catalog["resources"]]
    view = Catalog(root=catalog.root, data={**catalog.data, "resources": many})
    renderer = book.PageRenderer(view, generator_site(CATALOG))
    chapter = book.bibliography(view, renderer)
    cited = [r for r in catalog["resources"] if r.get("cited_in")]
    assert chapter.body.count('class="pet-bib"') == min(len(cited), book.BIBLIOGRAPHY_LIMIT)
    assert f"holds {len(many):,} resources, too many to print" in chapter.body


def test_lists_inside_the_chapters_stop_at_the_list_limit(catalog: Catalog) -> None:
    many = [{**r, "id": f"{r['id']}-{n}"} for n in range(40) for r in catalog["resources"]]
    view = Catalog(root=catalog.root, data={**catalog.data, "resources": many})
    renderer = book.PageRenderer(view, generator_site(CATALOG))
    section = max({s for r in catalog["resources"] for s in r.get("cited_in", [])}, key=lambda s: sum(s in r.get("cited_in", []) for r in many))
    cited = book.cited_resources(view, renderer.context("welcome/"), section)
    assert cited.count("<li>") == book.LIST_LIMIT and "more on the website" in cited
    competency = employer_competencies(view)[0]
    detail = book.competency_detail(view, renderer.context(f"competencies/{competency['id']}/"), competency["id"])
    assert "more on the website" in detail


def test_the_books_words_come_from_the_messages_and_its_stylesheet_holds_none(catalog: Catalog, book_html: str) -> None:
    soup = BeautifulSoup(book_html, "html.parser")
    assert soup.html["lang"] == "en" and soup.title.get_text() == "Peer Employer Toolkit, 2026 edition"
    assert soup.select_one(".pet-contents h1").get_text() == "Contents" and soup.select_one(".pet-cover-edition").get_text() == "2026 edition"
    assert not soup.select(".pet-translation-note, [lang]:not(html)")  # an English book marks nothing as English
    css = book.STYLESHEET.read_text("utf-8")
    for words in ('"Page "', '"Contents"', '" (p. "'):
        assert words not in css
    assert book.words_css(catalog).count('"Page " counter(page) " of " counter(pages)') == 1
    assert '" (p. " target-counter(attr(href), page) ")"' in book.words_css(catalog)
    assert book.css_words('Say "hi" \\ <b>\x01') == '"Say \\"hi\\" \\\\ \\3C b>" counter(page)'


@pytest.fixture(scope="module")
def spanish_html(catalog: Catalog) -> str:
    spanish = in_language(catalog, "es")
    html, _ = book.document(spanish, book.chapters(spanish, generator_site(CATALOG)), "7 de diciembre de 2026")
    return html


def test_the_spanish_book_is_written_from_the_spanish_pages_and_catalog_and_marks_its_english(catalog: Catalog, spanish_html: str) -> None:
    soup = BeautifulSoup(spanish_html, "html.parser")
    assert soup.html["lang"] == "es" and soup.title.get_text() == "Peer Employer Toolkit, edición 2026"
    assert soup.select_one(".pet-cover-edition").get_text() == "Edición 2026"
    assert "Aún no publicada: impresa el 7 de diciembre de 2026" in soup.select_one(".pet-cover-date").get_text()
    assert soup.select_one(".pet-cover-title")["lang"] == "en"  # the edition's names and credits are not translated
    assert soup.select_one(".pet-contents h1").get_text() == "Contenido"
    h1s = [h.get_text(" ", strip=True) for h in soup.select("section.pet-part > h1")]
    assert h1s[0] == "Bienvenida" and h1s[-3:] == ["Glosario", "Referencias", "Catálogo de recursos"]
    assert "Contratar y retener a los pares" in h1s
    # Every translated part says it is the editors' translation, not yet reviewed, as the site does.
    hiring = soup.find("section", id="hiring")
    assert "aún no revisada por un hablante nativo" in hiring.select_one(".pet-translation-note").get_text()
    # A handout that stays English (a reproduced work): "Apéndice H." in Spanish, the rest inside lang="en".
    english = translations.pages_in(in_language(catalog, "es"), "handouts") or frozenset()
    kept = [h for h in catalog["handouts"] if h["id"] not in english]
    assert kept, "every handout is translated: pick another example of an English part"
    part = soup.find("section", id=f"handouts--{kept[0]['id']}")
    assert part.h1.get_text().startswith("Apéndice ") and part.h1.find("span", lang="en").get_text() == kept[0]["title"]
    assert part.select_one(".pet-translation-note").get_text() == "Esta parte del libro aún no está traducida al español; se muestra en inglés."
    assert part.find("div", lang="en", recursive=False) is not None
    label = part.select_one(".pet-appendix-source")  # its label in Spanish, its source in English
    assert label.get_text().startswith("Hoja informativa · Fuente: ") and label.find("span", lang="en") is not None
    # Resource titles in the chapters' lists stay English, and say so.
    titles = soup.select("section.pet-part .pet-resource-list a")
    assert titles and {a.get("lang") for a in titles} == {"en"}
    for h in catalog["handouts"]:
        if h["id"] in english:
            assert soup.find("section", id=f"handouts--{h['id']}").get("lang") is None
    # The bibliography: Spanish words, titles and publishers in their original language.
    resources = soup.find("section", id="resources")
    assert "Todos los recursos del catálogo de esta edición" in resources.get_text()
    heads = resources.select(".pet-bib-head")
    assert len(heads) == len(catalog["resources"]) and {h.get("lang") for h in heads} == {"en"}
    pending = [r for r in catalog["resources"] if not r.get("url")]
    assert [p.get_text() for p in resources.select(".pet-pending")] == ["Enlace pendiente"] * len(pending)
    # The same checks as the English book's: every link leads inside the book or to the web; ids are unique.
    ids = {e["id"] for e in soup.select("[id]")}
    assert len(ids) == len(soup.select("[id]"))
    for a in soup.select("a[href]"):
        assert a["href"][1:] in ids if a["href"].startswith("#") else a["href"].startswith(("https://", "http://", "mailto:")), a["href"]
    text = norm(soup.get_text(" "))
    for words in ("Page ", "Appendix ", "Handout · Source", "Contents", "Link pending", "more on the website"):
        assert words not in text, words


# ---- the built book ----------------------------------------------------------------------


def test_every_build_writes_the_book_and_the_site_links_it_with_pages_and_size(
    site_dir: Path, catalog: Catalog, book_text: tuple[PdfReader, list[str]]
) -> None:
    reader, _ = book_text
    path = site_dir / book.book_path(catalog)
    assert path.name == "peer-employer-toolkit-2026.pdf"
    pages = len(reader.pages)
    assert pages > 60
    assert {tuple(round(float(v)) for v in p.mediabox[2:]) for p in reader.pages} == {LETTER}
    size = book.BookFacts("", pages, path.stat().st_size, 0).size
    for page in ("index.html", "about/index.html"):
        text = norm(BeautifulSoup((site_dir / page).read_text("utf-8"), "html.parser").get_text(" "))
        assert f"The whole 2026 edition as one book (PDF, {pages} pages, {size})" in text
    footer = BeautifulSoup((site_dir / "hiring/index.html").read_text("utf-8"), "html.parser").select_one(".pet-privacy")
    link = footer.find("a", string=re.compile("as one PDF"))
    assert link["href"] == "../downloads/peer-employer-toolkit-2026.pdf" and f"{pages} pages, {size}" in link.get_text()


def test_the_book_has_running_heads_page_numbers_and_contents_page_numbers(book_text: tuple[PdfReader, list[str]]) -> None:
    reader, texts = book_text
    n = len(texts)
    assert texts[0].startswith("Peer Employer Toolkit") and "2026 edition" in texts[0] and "Page" not in texts[0]
    assert texts[1].startswith("Contents") and f"Peer Employer Toolkit Contents Page 2 of {n}" in texts[1]  # running heads come last
    welcome = next(i for i, t in enumerate(texts) if i > 1 and t.startswith("Welcome"))
    assert "Peer Employer Toolkit Welcome Page" in texts[welcome]
    for i in range(1, n):
        assert f"Page {i + 1} of {n}" in texts[i]
    # The contents give the page a chapter starts on.
    assert re.search(rf"Welcome[ .]+{welcome + 1}\b", " ".join(texts[1:5]))
    # ... every chapter's: the page its bookmark leads to (a layout pass too few leaves 0 here).
    contents = " ".join(t for t in texts[1:6] if "Contents Page" in t)
    chapters = [item for item in reader.outline if not isinstance(item, list) and norm(item.title) != "Contents"]
    assert len(chapters) > 15
    for item in chapters:
        listed = [int(n) for n in re.findall(re.escape(norm(item.title)) + r"[ .]+(\d+)\b", contents)]
        assert reader.get_destination_page_number(item) + 1 in listed, (item.title, listed)
    assert not any("(p. 0)" in t for t in texts)  # every cross-reference got its page


def test_bookmarks_follow_the_headings_and_internal_links_have_targets(
    site_dir: Path, catalog: Catalog, book_text: tuple[PdfReader, list[str]], book_html: str
) -> None:
    reader, _ = book_text

    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for item in items:
            out += titles(item) if isinstance(item, list) else [norm(item.title)]
        return out

    soup = BeautifulSoup(book_html, "html.parser")
    headings = [norm(h.get_text()) for h in soup.select("h1, h2, h3, h4, h5, h6")]
    assert titles(reader.outline) == [norm(t) for t in headings]
    named = set(reader.named_destinations)
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Link" and "/Dest" in a:
                internal += 1
                assert str(a["/Dest"]) in named
    assert internal > 500


def test_the_book_and_every_handout_pdf_pass_the_structure_checks(site_dir: Path, catalog: Catalog) -> None:
    edition = catalog["edition"]
    assert pdf_tags.problems(site_dir / book.book_path(catalog), f"{edition['title']}, {edition['year']} edition") == []
    assert pdf_tags.problems(site_dir / "es" / book.book_path(catalog), f"{edition['title']}, edición {edition['year']}") == []
    for h in catalog["handouts"]:
        assert pdf_tags.problems(site_dir / "handouts" / "pdf" / f"{h['id']}.pdf", h["title"]) == [], h["id"]


def test_the_structure_check_catches_an_untagged_pdf(tmp_path: Path) -> None:
    from weasyprint import HTML

    target = tmp_path / "plain.pdf"
    HTML(string='<html><head><title>T</title></head><body><h1>T</h1><a href="file:///etc/passwd">x</a></body></html>').write_pdf(target)
    assert pdf_tags.problems(target) == ["no structure tree: the PDF is not tagged"]
    tagged = tmp_path / "tagged.pdf"
    HTML(string='<html><body><h1>T</h1><h3>skip</h3><a href="file:///etc/passwd">x</a></body></html>').write_pdf(tagged, pdf_tags=True)
    found = pdf_tags.problems(tagged, "T")
    assert "no document language (/Lang)" in found
    assert any("PDF/UA-1 identification" in p for p in found)
    assert "heading levels skip from 1 to 3" in found
    assert any("file:///etc/passwd" in p for p in found)


def test_pdfua_finds_no_errors_in_the_book_or_the_handouts(site_dir: Path, catalog: Catalog) -> None:
    """pdfua checks a subset of PDF/UA-1 (a triage gate): no error, and no warning either."""
    import pdfua

    paths = [site_dir / book.book_path(catalog), site_dir / "es" / book.book_path(catalog)]
    paths += [site_dir / "handouts" / "pdf" / f"{h['id']}.pdf" for h in catalog["handouts"]]
    for path in paths:
        report = pdfua.validate(str(path))
        assert [f"{f.rule_id}: {f.message}" for f in report.findings] == [], path.name


@pytest.mark.slow
def test_another_organizations_toolkit_gets_its_own_book(tmp_path: Path) -> None:
    from test_second_toolkit import COMPETENCIES, HANDOUTS, PUBLISHER, RESOURCES, TITLE, YEAR, california_strings, write_second_toolkit

    toolkit = write_second_toolkit(tmp_path / "northfield")
    cat = load_catalog(toolkit.catalog)
    facts = book.write_book(tmp_path / "out", cat, toolkit)
    assert facts.href == f"downloads/peer-workforce-guide-{YEAR}.pdf" and not facts.cached
    path = tmp_path / "out" / facts.href
    assert pdf_tags.problems(path, f"{TITLE}, {YEAR} edition") == []
    text = norm(" ".join(p.extract_text() or "" for p in PdfReader(path).pages))
    for words in [TITLE, PUBLISHER, *(n for _, n in COMPETENCIES), *(t for _, t, *_ in HANDOUTS), *(t for _, t, _ in RESOURCES)]:
        assert norm(words) in text
    words = sorted(california_strings(), key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in words))
    assert pattern.findall(text) == []

    # The same sources again (a second build): the book comes from the cache, byte for byte
    # (macros/pipeline/book_cache.py). One resource title changed: a new book that shows it.
    again = book.write_book(tmp_path / "again", load_catalog(toolkit.catalog), toolkit)
    assert again.cached and (again.pages, again.bytes) == (facts.pages, facts.bytes)
    assert (tmp_path / "again" / again.href).read_bytes() == path.read_bytes()
    resources = toolkit.catalog / "resources.yaml"
    old_title = RESOURCES[0][1]
    resources.write_text(resources.read_text("utf-8").replace(old_title, "A Longer Guide to Coaching Peer Staff"), "utf-8")
    changed = book.write_book(tmp_path / "changed", load_catalog(toolkit.catalog), toolkit)
    assert not changed.cached
    text = norm(" ".join(p.extract_text() or "" for p in PdfReader(tmp_path / "changed" / changed.href).pages))
    assert "A Longer Guide to Coaching Peer Staff" in text and old_title not in text


def test_the_pages_give_the_books_page_count_and_size_filled_in_after_the_engine(site_dir: Path, catalog: Catalog) -> None:
    """The book is written beside the engine (pipeline/book_job.py): the engine renders markers,
    which the build replaces with the figures once the book is done, resource pages included."""
    pages = len(PdfReader(site_dir / book.book_path(catalog)).pages)
    size = book.BookFacts(book.book_path(catalog), pages, (site_dir / book.book_path(catalog)).stat().st_size, 0).size
    resource = site_dir / "resources" / catalog["resources"][0]["id"] / "index.html"
    for page in (site_dir / "index.html", resource):
        assert f"one PDF ({pages} pages, {size})" in page.read_text("utf-8"), page
    # The Spanish pages give the Spanish book's figures (its own markers, filled in from its own facts).
    spanish = site_dir / "es" / book.book_path(catalog)
    es_pages, es_size = len(PdfReader(spanish).pages), book.BookFacts("", 0, spanish.stat().st_size, 0).size
    assert es_pages != pages
    assert f"un solo PDF ({es_pages} páginas, {es_size})" in (site_dir / "es" / "index.html").read_text("utf-8")
    assert [p for p in site_dir.rglob("*.html") if "PETBOOK" in p.read_text("utf-8")] == []


def test_a_book_that_fails_in_its_process_fails_the_build_with_its_reason(tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    from pet_generator.pipeline import book_job
    from pet_generator.pipeline.errors import BuildFailed

    def broken(*_: object, **__: object) -> None:
        raise ValueError("no fonts")

    monkeypatch.setattr(book, "write_book", broken)  # the forked child inherits it
    job = book_job.BookJob(tmp_path, catalog, generator_site(CATALOG))
    assert job.placeholders()["pages"] == book_job.PAGES
    with pytest.raises(BuildFailed, match="writing the book failed: ValueError: no fonts"):
        job.facts()
    (tmp_path / "a.html").write_text(f"<p>({book_job.PAGES} pages, {book_job.SIZE})</p>", "utf-8")
    assert book_job.fill_in(tmp_path, book.BookFacts("downloads/x.pdf", 12, 345_678, 1.0)) == 1
    assert (tmp_path / "a.html").read_text("utf-8") == "<p>(12 pages, 346 KB)</p>"
    # Each language's book has its own markers: the Spanish figures go only where its pages put them.
    es_pages, es_size = book_job.markers("es")
    assert es_pages != book_job.PAGES and not es_pages.startswith(book_job.PAGES) and not book_job.PAGES.startswith(es_pages)
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "b.html").write_text(f"<p>({es_pages} páginas, {es_size})</p>", "utf-8")
    (tmp_path / "c.html").write_text(f"<p>({book_job.PAGES} pages)</p>", "utf-8")
    assert book_job.fill_in(tmp_path / "es", book.BookFacts("downloads/x.pdf", 13, 2_345_678, 1.0, lang="es")) == 1
    assert book_job.fill_in(tmp_path, book.BookFacts("downloads/x.pdf", 12, 345_678, 1.0), skip=("es",)) == 1
    assert (tmp_path / "es" / "b.html").read_text("utf-8") == "<p>(13 páginas, 2.3 MB)</p>"
    assert (tmp_path / "c.html").read_text("utf-8") == "<p>(12 pages)</p>"
