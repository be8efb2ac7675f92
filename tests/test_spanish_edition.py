"""The Spanish edition (ADR 0014) in the session's one real build (site_dir): a build per
language under /es/, the language switch and hreflang both ways, the translation notices, the
English fallback inside lang="en", and Pagefind's index per language, in Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from pet_generator.catalog import translations, urls
from pet_generator.catalog.loader import Catalog
from pet_generator.site import assessment
from pet_generator.site.entry import in_language
from test_search_pagefind import fragments, search

FORMAT = "peer-employer-toolkit/readiness-assessment"  # the answer file's format: this toolkit's name (edition title)


# The guidance pages translated under docs/i18n/es/ (issue 27), by path, with their Spanish h1.
TRANSLATED_GUIDANCE = {
    "about": "Acerca de y cómo colaborar",
    "hiring": "Contratar y retener a los pares",
    "peer-role": "El papel del par",
    "certification": "Certificación",
    "recovery": "Recuperación",
    "integration": "Retos de la integración",
    "documentation": "Documentación de los servicios de apoyo entre pares",
    "welcome": "Bienvenida",
}


def soup(site_dir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / page / "index.html").read_text("utf-8"), "html.parser")


def test_every_english_page_has_its_spanish_page_at_the_same_path(site_dir: Path, catalog: Catalog) -> None:
    english = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html") if p.relative_to(site_dir).parts[0] != "es"}
    spanish = {p.relative_to(site_dir / "es").as_posix() for p in (site_dir / "es").rglob("index.html")}
    # A resource has a Spanish page once it has a translation; until then Spanish lists link to
    # its English page (ADR 0014: no 10,000 English copies under /es/).
    translated = translations.pages_in(in_language(catalog, "es"), "resources")
    assert translated is not None
    untranslated = {urls.resource_page(r["id"]) + "index.html" for r in catalog["resources"] if r["id"] not in translated}
    assert len(english) > 150 and english - untranslated == spanish
    assert (site_dir / "es" / urls.handout_pdf("job-description")).is_file(), "the handout PDFs a Spanish page links to are there"
    listed = soup(site_dir, "es/resources")
    for r in catalog["resources"]:
        row = listed.find(id=r["id"])
        assert row is not None
        href = row.find("a")["href"]
        assert (site_dir / "es" / "resources" / href / "index.html").resolve().is_file(), href
        assert href.startswith("../../resources/") == (r["id"] not in translated), href
    if untranslated:  # its English page's switch leads to the Spanish list, not to a page that does not exist
        page = soup(site_dir, next(iter(sorted(untranslated))).removesuffix("/index.html"))
        assert [a["href"] for a in page.select("nav.pet-language-switch a")] == ["../../es/resources/"]


def test_spanish_pages_are_spanish_and_name_each_other(site_dir: Path, catalog: Catalog) -> None:
    translated = sorted(translations.pages_in(in_language(catalog, "es"), "resources") or ())
    resources = [(urls.resource_page(translated[0]).rstrip("/"), "../../")] if translated else []
    for path, up in (("", ""), ("pay", "../"), ("handouts/job-description", "../../"), *resources):
        es, en = soup(site_dir, f"es/{path}".rstrip("/")), soup(site_dir, path)
        assert es.html["lang"] == "es" and en.html["lang"] == "en"
        suffix = f"{path}/" if path else ""
        # Versions are named in the sitemap, not the head (Material fetches sitemap.xml under each such link).
        assert es.select('link[rel="alternate"][hreflang]') == [] and en.select('link[rel="alternate"][hreflang]') == []
        # The switch is a link to the same page in the other language (no JavaScript needed).
        assert [(a["href"], a.text) for a in es.select("nav.pet-language-switch a")] == [(f"{up}../{suffix}", "English")]
        assert [(a["href"], a.text) for a in en.select("nav.pet-language-switch a")] == [(f"{up or './'}es/{suffix}", "Español")]


def test_translated_pages_say_whose_translation_it_is_and_fallbacks_are_english(site_dir: Path) -> None:
    # A translated resource's Spanish page: the editors' draft note, the page Spanish (in search),
    # its title in its original language (lang="en").
    resource = next(p for p in sorted((site_dir / "es" / "resources").iterdir()) if (p / "index.html").is_file())
    page = soup(site_dir, f"es/resources/{resource.name}")
    assert "aún no revisada por un hablante nativo" in page.select_one(".pet-translation-note").text
    # Its own note (the shell's is a marker filled per page): fresh, linking to its English page.
    assert page.select_one(".pet-translation-note")["class"][-1] == "pet-translation-translated"
    assert page.select_one(".pet-translation-note a")["href"] == f"../../../resources/{resource.name}/"
    assert page.h1["lang"] == "en" and page.select_one("[data-pagefind-body]").get("lang") is None
    assert page.select_one('[data-pagefind-filter="section:Recursos"]') is not None
    pay = soup(site_dir, "es/pay")
    assert pay.h1.text.startswith("Salario y prestaciones")
    note = pay.select_one(".pet-translation-note")
    assert note is not None and "aún no revisada por un hablante nativo" in note.text
    assert note.a["href"] == "../../pay/"
    assert pay.select_one("[data-pagefind-body]").get("lang") is None
    assert "Salario y prestaciones" in [a.text.strip() for a in pay.select(".md-nav__link")]
    assert pay.select_one(".pet-header-search label").text == "Buscar"

    # The guidance pages translated so far: Spanish from their h1 on, in the Spanish index, no fallback notice.
    for path, title in TRANSLATED_GUIDANCE.items():
        page = soup(site_dir, f"es/{path}")
        assert page.h1.text.replace("¶", "").strip() == title, path
        assert page.select_one("[data-pagefind-body]").get("lang") is None, path
        assert "aún no revisada por un hablante nativo" in page.select_one(".pet-translation-note").text, path
        assert "aún no está traducida" not in page.text, path

    # A third party's checklist stays English until its rights holder allows a translation (ADR 0014).
    fallback = soup(site_dir, "es/handouts/supervisor-checklist")
    body = fallback.select_one("div[lang=en]")
    assert body is not None and body.h1 is not None and "data-pagefind-body" not in body.attrs
    assert "aún no está traducida" in fallback.select_one(".pet-translation-note").text
    # Inside lang="en" everything is English, the words of the components included.
    assert fallback.select_one(".pet-page-review").text.strip().startswith(("Not yet reviewed", "Last reviewed"))
    assert pay.select_one(".pet-page-review").text.strip().startswith(("Aún no revisado", "Revisado"))
    fallback_list = fallback.select_one(".pet-resource-table")  # a list on an English page is English throughout
    assert fallback_list is None or "Filter this list" in fallback_list.text

    glossary = soup(site_dir, "es/glossary")
    terms = glossary.select("dl.pet-glossary dt")
    english_terms = [t for t in terms if t.get("lang") == "en"]
    assert len(terms) > 50 and english_terms == [], "every glossary term is translated (a missing one would show in lang=en)"
    assert glossary.select_one("dt#living-wage").text == "Salario digno"
    assert soup(site_dir, "pay").select_one(".pet-translation-note") is None


def test_pagefind_indexes_each_language_apart(site_dir: Path) -> None:
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"en", "es"}
    spanish = [u for u in fragments(site_dir) if u.startswith("/es/")]
    assert "/es/pay/" in spanish and "/es/hiring/" in spanish
    assert "/es/handouts/supervisor-checklist/" not in spanish  # English fallbacks stay out of the Spanish index
    assert entry["languages"]["es"]["page_count"] == len(spanish)


def test_a_spanish_search_finds_spanish_pages(page: Any) -> None:
    links = search(page, "salario", prefix="es/")
    assert links and all(re.search(r"/es/", link) for link in links), links
    assert any(link.rstrip("/").endswith("/es/pay") or "/es/pay/" in link for link in links)
    # The search page's words are the page's language (message ids search.js.*, sent with the page).
    assert re.fullmatch(
        r"\d+ resultados? coincide(n)? con «salario»\.( .*)?|\d+ resultados coinciden con «salario»; se muestran los primeros \d+\.",
        page.locator(".pet-search-status").inner_text(),
    )
    assert page.foreign_requests == []


def test_a_spanish_resource_list_speaks_spanish_and_marks_its_english(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "es/resources")
    table = page.select_one(".pet-resource-table")
    assert table is not None and table.find_parent(attrs={"lang": "en"}) is None, "the list is no longer English inside lang=en"
    assert table.select_one(".pet-filterbox summary").text == "Filtrar esta lista"
    assert table.select_one(".pet-count").text == f"{len(catalog['resources'])} recursos"
    facets = [d.summary.contents[0].strip() for d in table.select("details.pet-facet")]
    assert facets[:2] == ["Categoría", "Tema"] and "Tipo de recurso" in facets
    assert table.select_one("h2.pet-category").text == "Certificación de pares"
    assert table.select_one(".pet-copy-link").text == "Copiar el enlace a esta lista"
    words = json.loads(table.select_one("script[id^=pet-words-]").string)
    assert words["list.showing"].startswith("Se muestran")
    done = translations.check_language(catalog, "es", None).records
    rows = table.select("li[data-resource-id]")
    assert len(rows) == len(catalog["resources"])
    for row in rows:
        rid = row["data-resource-id"]
        assert row.h3.a["lang"] == "en", f"{rid}: titles stay in their original language, marked"
        summary = row.select_one(".pet-row-summary")
        if summary is not None:  # translated: the page's language; not yet: English, inside lang=en
            assert summary.get("lang") == (None if ("resources", rid) in done else "en"), rid
        topics = row.select_one('[data-line="topic"]')
        assert topics is None or topics.text.startswith("Temas: "), rid
    pending = table.select(".pet-pending")
    assert pending == [] or pending[0].text == "enlace pendiente"
    # The search page's filters (search.js builds them from this data) are named in Spanish too.
    filters = dict(json.loads(soup(site_dir, "es/search").select_one("#pet-search-filters").string))
    assert filters["section"] == "Sección" and filters["topic"] == "Tema"
    assert dict(json.loads(soup(site_dir, "search").select_one("#pet-search-filters").string))["section"] == "Section"


# ---- the readiness self-assessment in Spanish ---------------------------------------------------


def test_the_spanish_assessment_page_speaks_spanish_and_marks_its_english(site_dir: Path, catalog: Catalog) -> None:
    es = soup(site_dir, "es/assessment")
    tool = es.select_one(".pet-assessment")
    assert tool is not None and tool.find_parent(attrs={"lang": "en"}) is None, "the assessment is not wrapped in lang=en any more"
    # The answer file's format is the toolkit's own name, the same on both pages (a file moves between them).
    assert tool["data-format"] == soup(site_dir, "assessment").select_one(".pet-assessment")["data-format"] == FORMAT
    legends = [" ".join(f.legend.text.split()) for f in es.select("fieldset[data-question-id]")]
    total = sum(len(assessment.question_ids(c)) for c in assessment.competencies(catalog))
    assert len(legends) == total and "¿Recopila y mide resultados basados en la recuperación?" in legends
    assert [label.text for label in es.select('fieldset[data-question-id="ec-leadership-2"] label')] == ["Sí", "En parte", "No", "No sé"]
    assert es.select_one("#a-ec-leadership").text == "2. Líderes comprometidos e influyentes"
    assert es.select_one("#scoring").text == "Cómo se calcula la puntuación"
    # Every question and competency name is translated: nothing in the form is still English ...
    assert es.select(".pet-assessment-form [lang=en]") == []
    # ... while resource titles (their original language) and untranslated handouts are marked.
    plans = es.select(".pet-plans [lang=en]")
    assert plans and all(el.name in ("a", "span") for el in plans)
    messages = json.loads(es.select_one("#pet-assessment-messages").string)
    assert messages["csv.question"] == "Pregunta" and messages["date"] == "{day} de {month} de {year}"


def test_answering_in_spanish_shows_spanish_results_and_exports_spanish_headers(page: Any, catalog: Catalog, tmp_path: Path) -> None:
    page.goto("es/assessment/")
    page.click('.pet-task-list a[href="#a-ec-flexible-policies"]')  # opens that competency's questions
    page.check("#q-ec-flexible-policies-6-yes")  # a reverse question: Yes scores 0
    for qid in ("ec-flexible-policies-2", "ec-flexible-policies-3", "ec-flexible-policies-4"):
        page.check(f"#q-{qid}-no")
    page.wait_for_function("() => document.querySelector('.pet-score-table tbody').textContent.includes('Necesita atención')")
    row = page.locator('.pet-score-table tbody tr:has-text("Políticas y procedimientos de trabajo flexibles")')
    assert "Necesita atención" in row.inner_text() and "0 %" in row.inner_text()
    total = sum(len(assessment.question_ids(c)) for c in assessment.competencies(catalog))
    assert page.locator(".pet-results .pet-summary").inner_text().startswith(f"Ha respondido 4 de {total} preguntas")
    plan = page.locator('.pet-plan[data-plan-for="ec-flexible-policies"]')
    assert plan.is_visible() and "Qué bajó la puntuación:" in plan.inner_text()
    assert page.locator('[data-task-for="ec-flexible-policies"] .pet-task-status').inner_text() in ("En curso", "Terminada")

    with page.expect_download() as info:
        page.get_by_role("button", name="Exportar para una hoja de cálculo (CSV)").click()
    assert info.value.suggested_filename.startswith("autoevaluacion-preparacion-")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8-sig"))))
    assert list(rows[0]) == ["Competencia", "Id de la pregunta", "Tipo", "Pregunta", "Respuesta", "Puntos", "Puntos posibles", "Notas"]
    reverse = next(r for r in rows if r["Id de la pregunta"] == "ec-flexible-policies-6")
    assert (reverse["Tipo"], reverse["Respuesta"], reverse["Puntos"]) == ("se puntúa al revés", "Sí", "0")
    assert reverse["Competencia"] == "10. Políticas y procedimientos de trabajo flexibles"
    assert reverse["Pregunta"].startswith("¿Impide el proceso de contratación")

    with page.expect_download() as info:
        page.get_by_role("button", name="Exportar las respuestas (JSON)").click()
    exported = tmp_path / "respuestas.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text("utf-8"))
    assert data["format"] == FORMAT and data["answers"]["ec-flexible-policies-6"] == "yes"
    # The same file imports on the English page: the format and the answers' values are the language's neither.
    page.goto("assessment/")
    page.get_by_label("Import your answers from an exported JSON file").set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('.pet-assessment-tools .pet-status').textContent.startsWith('Imported 4 answers')")
    assert page.foreign_requests == []


# ---- handouts in Spanish: pages and PDFs ---------------------------------------------------------


def test_a_translated_handout_page_is_spanish_says_our_translation_and_keeps_its_rights(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "es/handouts/root-cause-analysis")
    body = page.select_one("[data-pagefind-body]")
    assert body is not None and body.get("lang") is None, "translated: in the Spanish index, not a fallback"
    assert page.h1.text.strip().startswith("Análisis de los desafíos de liderazgo")
    assert "aún no revisada por un hablante nativo" in page.select_one(".pet-translation-note").text
    assert page.select(".pet-handout [lang=en]") == [page.select_one(".pet-our-translation span[lang=en]")]
    rights = page.select_one(".pet-rights")
    assert "Del Peer Employer Toolkit" in rights.text and "Nuestra traducción de la hoja informativa en inglés" in rights.text
    assert rights.select_one(".pet-our-translation span[lang=en]").text == catalog.get("handouts", "root-cause-analysis")["title"]
    # Fillable as in English: a text box per empty cell, labelled in Spanish; the tools in Spanish.
    boxes = page.select(".pet-handout textarea[data-field-id]")
    assert len(boxes) == 17 and boxes[-1]["aria-label"] == "Acción o intervención propuesta: Procesos y procedimientos"
    assert page.select_one(".pet-handout-tools .pet-pdf-link").text == "Descargar el PDF"
    assert page.select_one(".pet-source").text.startswith("Fuente: ")
    assert page.select_one('meta[name="description"]')["content"].startswith("Una hoja informativa para imprimir")
    # The job description's fill-in form and its placeholders, in Spanish (the builder fills them as in English).
    job = soup(site_dir, "es/handouts/job-description")
    assert job.select_one('label[for="pet-fill-job-description-agency"]').text == "Nombre de la agencia"
    assert {s.text for s in job.select('.pet-handout-doc .pet-slot[data-slot="agency"]')} == {"[Nombre de la agencia]"}
    people = job.select('input[data-slot-input="people-served"]')
    assert [job.select_one(f'label[for="{i["id"]}"]').text for i in people] == ["Clientes", "Jóvenes", "Familias"]
    assert [i["data-text"] for i in people] == ["los clientes", "los jóvenes", "las familias"]


def test_a_handout_not_translated_stays_english_and_the_list_marks_it(site_dir: Path) -> None:
    page = soup(site_dir, "es/handouts/supervisor-checklist")  # a third party's copyrighted checklist: not translated
    assert page.select_one("div[lang=en] .pet-handout") is not None
    assert "aún no está traducida" in page.select_one(".pet-translation-note").text
    listed = {a["href"].split("/")[-2]: a for a in soup(site_dir, "es/handouts").select("ul.pet-handouts > li > a:first-child")}
    assert listed["supervisor-checklist"].get("lang") == "en" and listed["interview-questions"].get("lang") is None
    assert listed["interview-questions"].text == "Preguntas de muestra para entrevistas"


def test_a_spanish_handout_pdf_is_spanish_tagged_and_english_ones_are_linked_for_the_rest(site_dir: Path, catalog: Catalog) -> None:
    import pikepdf
    from pet_generator.pipeline import pdf_tags
    from pypdf import PdfReader

    spanish = site_dir / "es" / urls.handout_pdf("interview-questions")
    english = site_dir / urls.handout_pdf("interview-questions")
    assert spanish.stat().st_ino != english.stat().st_ino, "its own PDF, not English's"
    with pikepdf.open(spanish) as document:
        assert str(document.Root.Lang) == "es"
    assert pdf_tags.problems(spanish, "Preguntas de muestra para entrevistas") == []
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(spanish).pages)
    assert "Página 1 de" in text and "Peer Employer Toolkit, edición 2026" in text and "Fuente: " in text
    assert "¿Cómo usará las habilidades" in text and "Nuestra traducción" in text
    # A handout not translated keeps English's PDF (the same file, linked).
    untranslated = site_dir / "es" / urls.handout_pdf("supervisor-checklist")
    assert untranslated.stat().st_ino == (site_dir / urls.handout_pdf("supervisor-checklist")).stat().st_ino


# ---- the book ------------------------------------------------------------------------------------


def test_the_spanish_book_is_spanish_tagged_and_linked_from_the_spanish_pages_with_its_own_figures(site_dir: Path, catalog: Catalog) -> None:
    import pikepdf
    from pet_generator.pipeline import book
    from pypdf import PdfReader

    english, spanish = site_dir / book.book_path(catalog), site_dir / "es" / book.book_path(catalog)
    assert spanish.stat().st_ino != english.stat().st_ino, "its own book, not English's"
    with pikepdf.open(spanish) as document:
        assert str(document.Root.Lang) == "es"
    with pikepdf.open(english) as document:
        assert str(document.Root.Lang) == "en"
    reader = PdfReader(spanish)
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    n = len(texts)
    assert texts[0].startswith("Peer Employer Toolkit") and "Edición 2026" in texts[0] and "Aún no publicada: impresa el" in texts[0]
    assert texts[1].startswith("Contenido") and "Bienvenida" in texts[1] and f"Página 2 de {n}" in texts[1]
    assert all(f"Página {i + 1} de {n}" in texts[i] for i in range(1, n))
    assert not any("(p. " in t or re.search(r"\bPage \d", t) for t in texts)
    assert any("(pág. " in t for t in texts)  # cross-references in Spanish
    # The Spanish pages link it, in Spanish, with its own page count and size, saved under a name of its own.
    size = book.BookFacts("", n, spanish.stat().st_size, 0).size
    home = soup(site_dir, "es")
    link = home.select_one("a.pet-book-link")
    assert link["href"] == book.book_path(catalog) and link["hreflang"] == "es" and link["download"] == "peer-employer-toolkit-2026-es.pdf"
    assert link.get_text() == f"Toda la edición 2026 en un solo libro (PDF, {n} páginas, {size})"
    assert "en inglés" not in home.select_one(".pet-book-note").get_text()
    footer = soup(site_dir, "es/hiring").select_one(".pet-privacy").find("a", hreflang="es")
    assert footer["href"] == "../" + book.book_path(catalog) and footer.get_text() == f"Toda la edición en un solo PDF ({n} páginas, {size})"
    assert soup(site_dir, "").select_one("a.pet-book-link")["hreflang"] == "en"
    # The offline copy holds each language's own book where its pages link it.
    import zipfile

    with zipfile.ZipFile(site_dir / "downloads" / "peer-employer-toolkit-2026-offline.zip") as archive:
        inside = {i.filename: i.file_size for i in archive.infolist()}
    assert inside["peer-employer-toolkit-2026/es/" + book.book_path(catalog)] == spanish.stat().st_size
    assert inside["peer-employer-toolkit-2026/" + book.book_path(catalog)] == english.stat().st_size


# ---- the page not found -------------------------------------------------------------------------


def test_the_spanish_404_page_is_spanish_and_each_404_offers_the_other_language(site_dir: Path) -> None:
    es = BeautifulSoup((site_dir / "es" / "404.html").read_text("utf-8"), "html.parser")
    assert es.html["lang"] == "es" and es.h1.text == "Página no encontrada"
    assert es.select_one(".pet-notfound-search button").text == "Buscar"
    assert es.select_one('label[for="pet-notfound-q"]').text == "Busque en el kit de herramientas lo que necesitaba"
    english = es.select_one(".pet-notfound-language")
    assert english["lang"] == "en" and english.a.text.endswith("Home page in English")
    # A host shows the root 404.html for a missing /es/... address too: it offers the Spanish home page, in Spanish.
    root = BeautifulSoup((site_dir / "404.html").read_text("utf-8"), "html.parser")
    assert root.h1.text == "Page not found"
    spanish = root.select_one(".pet-notfound-language")
    assert spanish["lang"] == "es" and spanish.a["hreflang"] == "es" and spanish.a["href"].endswith("/es/")
    assert spanish.a.text == "¿Busca las páginas en español? Página de inicio en español"


def test_a_spanish_competency_page_speaks_spanish(site_dir: Path, catalog: Catalog) -> None:
    page = soup(site_dir, "es/competencies/ec-leadership")
    body = page.select_one(".pet-competency")
    assert body is not None and body.find_parent(attrs={"lang": "en"}) is None, "a translated competency's page is Spanish"
    assert page.h1.text.strip().rstrip("¶").strip() == "Líderes comprometidos e influyentes"
    assert "nuestra traducción" in body.select_one(".pet-our-translation").text
    assert [h.text for h in body.select("h2")][:3] == ["Puntos destacados", "Panorama general", "Por qué es importante"]
    assert body.select_one(".pet-source").text.startswith("Fuente:")
    # The rows under it speak Spanish; the titles of resources stay English, marked.
    row = body.select_one("li[data-resource-id]")
    assert row.h4.a["lang"] == "en" and row.select_one('[data-line="competency"]').text.startswith("Apoya: ")
    listed = soup(site_dir, "es/resources").select_one('[data-line="competency"]')
    assert "Líderes" in listed.text or "Capacitación" in listed.text or "cultura" in listed.text.lower(), listed.text
    assert listed.select('span[lang="en"]') == [], "every employer competency's name is translated"


def test_spanish_pages_show_facts_and_the_catalogs_lists_in_spanish(site_dir: Path) -> None:
    """Facts as data (issue 27): a Spanish page's figures are Spanish with Spanish dates, amounts in
    the US form; the certification's official lists, the career ladder, peer types, roles and
    settings are Spanish, the official ones marked our translation; what stays English (a
    source's name and where in it) is inside lang="en"."""
    pay = soup(site_dir, "es/pay")
    wage = pay.select_one('span[data-fact-id="living-wage-sacramento-1-adult-2025"]')
    assert wage.strong.text == "$26.76 por hora" and "según datos de febrero de 2025" in wage.text
    assert wage.find_parent(attrs={"lang": "en"}) is None and [a.text for a in wage.select("[lang=en]")] == ["MIT"]
    table = pay.select_one('div[data-fact-id="mit-living-wage-sacramento-2025"]')
    assert table.find_parent(attrs={"lang": "en"}) is None and table.select("table [lang]") == []
    assert [td.text for td in table.select("tbody tr td:first-child")] == ["Salario digno", "Salario de pobreza", "Salario mínimo"]
    assert table.select_one("tbody td:nth-of-type(2)").text == "$26.76"
    when = table.select_one(".pet-fact-when")
    assert when.text.startswith("Según datos del 10 de febrero de 2025. Fuente: ")
    assert when.select_one("span[lang=en]").text == "Sacramento County, California"  # where in an English source: its words, marked
    assert pay.select_one(".pet-chart-figure figcaption").text.endswith("(las mismas cifras están en la tabla)")
    assert "(una estimación sin fecha)" in soup(site_dir, "es/peer-role").select_one('[data-fact-id="peer-supporters-us"]').text

    certification = soup(site_dir, "es/certification")
    digital = certification.select_one('li[data-competency-id="mpss-digital-literacy"]')
    assert digital.strong.text == "Alfabetización digital." and digital.find_parent(attrs={"lang": "en"}) is None
    assert digital.select("[lang]") == [], "a certification competency's name and summary are Spanish"
    # Every official list (six competency lists, the scope, the supervisor options) carries the short label, once.
    official = certification.select(".pet-competencies, .pet-scope, .pet-supervisor-options")
    marks = [p.text for p in certification.select(".pet-our-translation")]
    assert len(official) == 8 and marks == ["Lista oficial: nuestra traducción"] * len(official)
    assert certification.select_one("#scope-engagement").text.startswith("B. Vinculación")
    assert certification.select_one(".pet-supervisor-options strong").text.startswith("Opción 1:")

    ladder = soup(site_dir, "es/hiring").select_one(".pet-table")
    assert ladder.select_one("th").text == "Puestos de nivel inicial" and ladder.select_one("td").text == "Voluntario/a ocasional"
    role = soup(site_dir, "es/peer-role")
    assert role.select_one('li[data-id="support-groups"] strong').text == "Grupos de apoyo"
    assert role.select_one('li[data-id="telehealth"] strong').text == "Telesalud"
    assert "Jóvenes en edad de transición" in role.select_one(".pet-table").text
    # English pages are as before.
    assert "as of February 2025" in soup(site_dir, "pay").select_one('[data-fact-id="living-wage-sacramento-1-adult-2025"]').text


def english_inside(element: Any) -> bool:
    """The element is marked lang="en", or sits inside an element that is."""
    return element.get("lang") == "en" or element.find_parent(attrs={"lang": "en"}) is not None


def test_the_words_python_printed_in_english_are_spanish_now(site_dir: Path) -> None:
    """The glossary's credits, the References page's groups, the contact details, short resource
    lists and the home page's edition line speak Spanish; names and citations stay English
    inside lang="en"."""
    glossary = soup(site_dir, "es/glossary").select_one('dd[data-glossary-id="natural-supports"] .pet-credit')
    assert glossary.text.startswith("Fuente: ") and english_inside(glossary.a) and not english_inside(glossary)
    ours = soup(site_dir, "es/glossary").select_one('dd[data-glossary-id="msw"] .pet-credit')
    assert ours.text.startswith("Nota de los editores:")
    references = soup(site_dir, "es/references")
    assert references.select_one("#references-toolkit").text.startswith("El kit de herramientas")
    cited = references.select_one("ul.pet-references > li")
    assert cited.span["lang"] == "en" and cited.find_parent(attrs={"lang": "en"}) is None
    line = soup(site_dir, "es").select_one(".pet-edition-line")
    assert line.text.startswith("Edición 2026, publicada por ") and "Última actualización: " in line.text
    assert line.find_parent(attrs={"lang": "en"}) is None
    contact = soup(site_dir, "es/welcome").select_one(".pet-contact")
    assert contact.li.text.startswith("Correo electrónico del programa: ")
    links = soup(site_dir, "es/hiring").select_one('li[data-id="california-megans-law-website"]')
    assert english_inside(links.a) and not english_inside(links) and links.text.endswith("enlace pendiente")
