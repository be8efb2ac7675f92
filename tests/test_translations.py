"""Translations as data (ADR 0014), on the small fixture catalog: the validator's file:line:col
errors and stale warnings, the translated catalog with its English fallbacks, the pages'
translation states, the language's build config, and the refusal of a language the theme
cannot show."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import strict_yaml, translations
from pet_generator.catalog.loader import check_catalog, load_catalog
from pet_generator.pipeline import pages
from pet_generator.pipeline.toolkit import generator_site
from pet_generator.site import message_catalog, render, resource_table
from pet_generator.site.components import for_catalog
from pet_generator.site.html import Context

AUTHOR = "Peer Employer Toolkit editors (machine draft)"


def with_spanish(tmp_path: Path, glossary: str) -> Path:
    root = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    (root / "i18n" / "es").mkdir(parents=True)
    (root / "i18n" / "es" / "glossary.yaml").write_text(glossary, "utf-8")
    return root


def samhsa_hash() -> str:
    return translations.record_hash("glossary", load_catalog(FIXTURES / "minimal").get("glossary", "samhsa"), ["term"])


def good(term: str = "Administración de Servicios de Salud Mental y Abuso de Sustancias") -> str:
    return f'- id: samhsa\n  source_hash: "{samhsa_hash()}"\n  method: machine\n  translated_by: {AUTHOR}\n  term: {term}\n'


def test_a_good_translation_passes_and_the_catalog_folder_accepts_i18n(tmp_path: Path) -> None:
    root = with_spanish(tmp_path, good())
    checked, errors = check_catalog(root)
    assert errors == [] and checked is not None
    report = translations.check_language(checked, "es", None)
    assert report.errors == [] and report.warnings == []
    assert report.records["glossary", "samhsa"]["term"].startswith("Administración")


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        ("- id: nosuch\n  source_hash: x\n  method: machine\n  translated_by: a\n  term: T\n", 1, 7, "unknown id 'nosuch'"),
        ("- id: samhsa\n  method: machine\n  translated_by: a\n  term: T\n", 1, 3, "missing required field 'source_hash'"),
        ("- id: samhsa\n  source_hash: x\n  method: guessed\n  translated_by: a\n  term: T\n", 3, 11, "method 'guessed'"),
        ("- id: samhsa\n  source_hash: x\n  method: machine\n  translated_by: a\n  term: <b>T</b>\n", 5, 9, "holds markup"),
        ("- id: samhsa\n  source_hash: x\n  method: machine\n  translated_by: a\n  term: '[x](javascript:y)'\n", 5, 9, "holds markup"),
        ("- id: samhsa\n  source_hash: x\n  method: machine\n  translated_by: a\n  abbr: S\n", 5, 3, "'abbr' is not a translatable field"),
        (
            "- id: samhsa\n  source_hash: x\n  method: machine\n  translated_by: a\n  reviewed_by: B\n  term: T\n",
            5,
            16,
            "reviewed_by and reviewed_on together",
        ),
    ],
)
def test_errors_name_file_line_and_col(tmp_path: Path, text: str, line: int, col: int, words: str) -> None:
    root = with_spanish(tmp_path, text)
    report = translations.check_language(load_catalog(root), "es", None)
    found = [e for e in report.errors if words in e.message]
    assert found, [str(e) for e in report.errors]
    assert found[0].file.endswith("i18n/es/glossary.yaml") and (found[0].line, found[0].col) == (line, col)


def test_a_stale_translation_is_a_warning_with_the_new_hash(tmp_path: Path) -> None:
    root = with_spanish(tmp_path, good().replace(samhsa_hash(), "0abc0000000f"))
    report = translations.check_language(load_catalog(root), "es", None)
    assert report.errors == []
    assert len(report.warnings) == 1 and (report.warnings[0].line, report.warnings[0].col) == (2, 16)
    assert "stale" in report.warnings[0].message and samhsa_hash() in report.warnings[0].message
    assert report.stale == [("glossary 'samhsa'", report.warnings[0].file)]


def test_a_translation_is_stale_only_when_english_it_carries_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hash covers the English of the fields a translation carries: a change to another
    field, or a field made translatable later, leaves it fresh (that field shows in English);
    a change to the words it was made from makes it stale (ADR 0014)."""
    root = with_spanish(tmp_path, good())
    glossary = root / "glossary.yaml"
    text = glossary.read_text("utf-8")
    glossary.write_text(text.replace("The federal agency for behavioral health.", "The federal agency for mental health and substance use."))
    report = translations.check_language(load_catalog(root), "es", None)
    assert report.warnings == [] and report.stale_keys == set() and report.state("glossary", "samhsa") == translations.State(False, "machine", None)
    monkeypatch.setitem(translations.TRANSLATABLE, "glossary", (*translations.TRANSLATABLE["glossary"], "abbr"))
    assert translations.check_language(load_catalog(root), "es", None).warnings == []
    glossary.write_text(text.replace("Substance Abuse and Mental Health", "Substance Use and Mental Health"))
    report = translations.check_language(load_catalog(root), "es", None)
    assert [(w.line, "stale" in w.message) for w in report.warnings] == [(2, True)]
    assert report.stale_keys == {("glossary", "samhsa")} and report.state("glossary", "samhsa").stale  # type: ignore[union-attr]


def test_pages_are_checked_like_the_catalog(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "i18n" / "es").mkdir(parents=True)
    (docs / "pay.md").write_text("# Pay\n", "utf-8")
    fresh = translations.english_hash(b"# Pay\n")
    (docs / "i18n" / "es" / "pay.md").write_text(
        f"---\ntranslation:\n  source_hash: {fresh}\n  method: machine\n  translated_by: {AUTHOR}\n---\n# Salario\n"
    )
    (docs / "i18n" / "es" / "gone.md").write_text("# Nada\n")
    report = translations.check_language(load_catalog(with_spanish(tmp_path, good())), "es", docs)
    assert [(e.file.rsplit("/", 1)[-1], e.message.split(":")[0]) for e in report.errors] == [("gone.md", "unknown page")]
    (docs / "pay.md").write_text("# Pay and benefits\n", "utf-8")
    report = translations.check_language(load_catalog(tmp_path / "catalog"), "es", docs)
    assert [(w.line, "stale" in w.message) for w in report.warnings] == [(3, True)]


def test_an_untranslated_field_stays_english_inside_lang_en(tmp_path: Path) -> None:
    root = with_spanish(tmp_path, good())
    cat = load_catalog(root)
    spanish = translations.translated(cat, "es", translations.check_language(cat, "es", None))
    html = render.glossary_list(spanish, Context(page_url="glossary/"))
    assert '<dt id="samhsa">Administración' in html  # translated: no lang mark
    assert '<span lang="en">The federal agency for behavioral health.</span>' in html  # the definition is not translated yet
    english = render.glossary_list(cat, Context(page_url="glossary/"))
    assert 'lang="' not in english
    assert for_catalog(spanish).message("link.pending") == "enlace pendiente" and for_catalog(cat).message("link.pending") == "link pending"


def test_a_resource_has_a_page_in_a_language_only_once_translated(tmp_path: Path) -> None:
    """Links from a Spanish page lead to the Spanish page of a translated resource and to the
    English page of any other (ADR 0014: no English copies under /es/)."""
    root = with_spanish(tmp_path, good())
    cat = load_catalog(root)
    first, second = (r["id"] for r in cat["resources"][:2])
    summary = translations.record_hash("resources", cat.get("resources", first), ["summary"])
    (root / "i18n" / "es" / "resources.yaml").write_text(
        f'- id: {first}\n  source_hash: "{summary}"\n  method: machine\n  translated_by: {AUTHOR}\n  summary: Un resumen.\n', "utf-8"
    )
    spanish = translations.translated(cat, "es", translations.check_language(cat, "es", None))
    assert translations.pages_in(spanish, "resources") == {first} and translations.pages_in(cat, "resources") is None
    ctx = Context(page_url="competencies/x/", resource_pages=translations.pages_in(spanish, "resources"), up_to_english="../")
    assert ctx.resource(first) == f"../../resources/{first}/"  # /es/competencies/x/ -> /es/resources/<first>/
    assert ctx.resource(second) == f"../../../resources/{second}/"  # -> the English /resources/<second>/
    assert Context(page_url="competencies/x/").resource(second) == f"../../resources/{second}/"


def competencies_hash() -> str:
    return translations.record_hash("competencies", load_catalog(FIXTURES / "minimal").get("competencies", "ec-supervision"), ["questions"])


def with_spanish_questions(tmp_path: Path, questions: str) -> Path:
    root = with_spanish(tmp_path, good())
    record = f'- id: ec-supervision\n  source_hash: "{competencies_hash()}"\n  method: machine\n  translated_by: {AUTHOR}\n'
    (root / "i18n" / "es" / "competencies.yaml").write_text(record + "  questions:\n" + questions, "utf-8")
    return root


def test_a_structure_is_translated_as_a_copy_of_the_english_and_keeps_its_kinds(tmp_path: Path) -> None:
    questions = "    - text: ¿Se reúnen los supervisores con los pares cada semana?\n    - heading: Considere más apoyo cuando los pares\n      items:\n        - text: Son nuevos\n"
    cat = load_catalog(with_spanish_questions(tmp_path, questions))
    report = translations.check_language(cat, "es", None)
    assert report.errors == [] and report.warnings == []
    spanish = translations.translated(cat, "es", report).get("competencies", "ec-supervision")
    assert spanish["questions"] == [
        {"text": "¿Se reúnen los supervisores con los pares cada semana?", "kind": "scored"},
        {"heading": "Considere más apoyo cuando los pares", "items": [{"text": "Son nuevos", "kind": "prompt"}]},
    ]
    assert translations.lang_of(translations.translated(cat, "es", report), "competencies", "ec-supervision", "questions") is None
    assert translations.lang_of(translations.translated(cat, "es", report), "competencies", "ec-supervision", "overview") == "en"


@pytest.mark.parametrize(
    ("questions", "line", "col", "words"),
    [
        ("    - text: Uno\n", 6, 5, "questions is a list of 2 like the English"),
        ("    - text: Uno\n    - heading: H\n      items:\n        - text: N\n          kind: otro\n", 10, 11, "'kind' is not words of the English"),
        ("    - text: Uno\n    - heading: H\n      items:\n        - {}\n", 9, 11, "questions[2].items[1] is missing 'text'"),
        ("    - text: <b>Uno</b>\n    - heading: H\n      items:\n        - text: N\n", 6, 13, "holds markup"),
        ("    - text: ''\n    - heading: H\n      items:\n        - text: N\n", 6, 13, "questions[1].text is empty"),
    ],
)
def test_a_structure_that_is_not_a_copy_of_the_english_is_refused_where_it_differs(
    tmp_path: Path, questions: str, line: int, col: int, words: str
) -> None:
    cat = load_catalog(with_spanish_questions(tmp_path, questions))
    errors = translations.check_language(cat, "es", None).errors
    assert len(errors) == 1 and words in errors[0].message, [str(e) for e in errors]
    assert (errors[0].line, errors[0].col) == (line, col), str(errors[0])


def test_a_handout_translation_keeps_its_placeholders() -> None:
    assert translations.mirror_problems("Hire at [[agency]].", "Contrate en [[agencia]].", "blocks[1].text") == [
        ((), "blocks[1].text must keep the English text's placeholders ([[agency]]), spelled the same")
    ]
    assert translations.mirror_problems({"kind": "table", "rows": [["A", ""]]}, {"rows": [["B", "x"]]}, "blocks[1]") == [
        (("rows", 0, 1), "blocks[1].rows[1][2] is empty in the English; leave it empty ('')")
    ]


def test_every_message_has_its_spanish_and_the_same_placeholders() -> None:
    english = message_catalog.Messages().messages
    spanish = message_catalog.Messages(language="es")
    own = yaml.safe_load((message_catalog.MESSAGES / "es.yaml").read_text("utf-8"))
    missing = sorted(set(english) - set(own))
    assert missing == [], f"es.yaml lacks {missing}"
    assert not set(own) - set(english), "es.yaml has ids en.yaml does not"
    for key, value in english.items():
        if key not in own:
            continue
        forms = value.values() if isinstance(value, dict) else [value]
        names = set().union(*(message_catalog._placeholders(f, key) for f in forms))
        theirs = own[key].values() if isinstance(own[key], dict) else [own[key]]
        assert set().union(*(message_catalog._placeholders(f, key) for f in theirs)) == names, key
    assert spanish("resources.count", count=1) == "1 recurso" and spanish("resources.count", count=3) == "3 recursos"


def test_dates_are_written_the_languages_way() -> None:
    spanish, english = message_catalog.Messages(language="es"), message_catalog.Messages()
    assert spanish.date("2027-03-12") == "12 de marzo de 2027" and spanish.month("2027-09-01") == "septiembre de 2027"
    assert english.date("2027-03-01") == "1 March 2027" and english.month("2027-03-01") == "March 2027"


def test_a_language_the_theme_cannot_show_is_refused() -> None:
    assert translations.language_problem("es") is None and message_catalog.language_problem("es") is None
    assert "no interface strings for 'xq'" in (translations.language_problem("xq") or "")
    assert "no plural rule" in (message_catalog.language_problem("xq") or "")
    assert "not a language code" in (translations.language_problem("Spanish") or "")


def test_page_states_and_the_language_config(tmp_path: Path) -> None:
    english = {"pay.md": b"# Pay\n", "hiring.md": b"# Hiring\n", "glossary.md": b"# Glossary\n", "assets/x.css": b""}
    fresh = translations.english_hash(b"# Pay\n")
    own = {
        "pay.md": f"---\ntranslation:\n  source_hash: {fresh}\n  method: machine\n  translated_by: a\n---\n# Salario\n".encode(),
        "glossary.md": b"---\ntranslation:\n  source_hash: 0\n  method: machine\n  translated_by: a\n---\n# Glosario\n",
    }
    out = pages.translated_pages(english, own, "es")
    assert b'pet_translation: {"state": "translated", "method": "machine", "reviewed": null, "note": ' in out["pay.md"]
    assert b"# Salario" in out["pay.md"]
    assert b'"state": "stale"' in out["glossary.md"]
    assert out["hiring.md"].startswith(b'---\npet_translation: {"state": "fallback", "note": ') and out["hiring.md"].endswith(b"\n---\n# Hiring\n")
    # The note is the translation-note component's markup, in the page's language, linking to the English page.
    pay_note = BeautifulSoup(json.loads(out["pay.md"].split(b"pet_translation: ", 1)[1].split(b"\n", 1)[0])["note"], "html.parser")
    assert pay_note.select_one(".pet-translation-translated a")["href"] == "../../pay/"
    assert "aún no revisada" in pay_note.text
    stale_note = json.loads(out["glossary.md"].split(b"pet_translation: ", 1)[1].split(b"\n", 1)[0])["note"]
    assert "Esta traducción puede estar desactualizada" in stale_note and 'href="../../glossary/"' in stale_note
    with pytest.raises(pages.PagesError, match="sets pet_translation"):
        pages.translated_pages({"pay.md": b"# Pay\n"}, {"pay.md": b"---\npet_translation: {note: '<script>'}\n---\n# S\n"}, "es")
    assert out["assets/x.css"] == b""

    root = with_spanish(tmp_path, good())
    cat = load_catalog(root)
    site = generator_site(root)
    config = yaml.load(pages.engine_config(site, cat, language="es", nav_titles={"Pay and benefits": "Salario y prestaciones"}), Loader=pages._Loader)  # noqa: S506
    assert config["theme"]["language"] == "es" and config["extra"]["pet_prefix"] == "es/"
    assert [lang["code"] for lang in config["extra"]["pet_languages"]] == ["en", "es"]
    assert {"Salario y prestaciones": "pay.md"} in config["nav"]
    assert config["extra"]["pet_words"]["machine_draft"].startswith("Traducción de los editores")
    plain = yaml.load(pages.engine_config(site, load_catalog(FIXTURES / "minimal")), Loader=pages._Loader)  # noqa: S506
    assert "pet_languages" not in plain["extra"], "a one-language toolkit's config is unchanged"


def test_this_toolkits_translations_are_valid_and_honest() -> None:
    cat = load_catalog(ROOT / "catalog")
    report = translations.check_language(cat, "es", ROOT / "docs")
    assert report.errors == [], [str(e) for e in report.errors]
    for key, record in report.records.items():
        # Nobody has reviewed these yet: a review is recorded only when a named person did it.
        assert "reviewed_by" not in record and record["method"] == "machine" and "machine" in record["translated_by"], key


def record(collection: str, rid: str, english: dict[str, object], **fields: str) -> str:
    """One translation record (YAML) made from today's English, so it is not stale."""
    lines = [
        f"- id: {rid}",
        f'  source_hash: "{translations.record_hash(collection, english, fields)}"',
        "  method: machine",
        f"  translated_by: {AUTHOR}",
    ]
    return "\n".join([*lines, *(f"  {k}: {v}" for k, v in fields.items())]) + "\n"


def test_the_taxonomy_and_facets_translate_like_their_english_files(tmp_path: Path) -> None:
    root = with_spanish(tmp_path, good())
    cat = load_catalog(root)
    folder = root / "i18n" / "es"
    topic = cat.get("taxonomy.topics", "supervision")
    term = record("taxonomy.topics", "supervision", topic, label="Supervisión").replace("\n", "\n  ")
    (folder / "taxonomy.yaml").write_text(f"topics:\n  {term}\nkinds:\n  - id: x\n", "utf-8")
    facet = translations.english_records(cat, "facets")["topic"]
    (folder / "facets.yaml").write_text(record("facets", "topic", facet, label="Tema", lead="Temas") + "- id: nosuch\n", "utf-8")
    summary = record("resources", "supervision-guide", cat.get("resources", "supervision-guide"), summary="Cómo supervisar a los pares.")
    (folder / "resources.yaml").write_text(summary, "utf-8")
    report = translations.check_language(cat, "es", None)
    # A vocabulary the English taxonomy lacks and a facet the schemas lack, at their line and column.
    assert sorted((e.file.rsplit("/", 1)[-1], e.line, e.col, e.message.split(":")[0]) for e in report.errors) == [
        ("facets.yaml", 7, 7, "unknown id 'nosuch'"),
        ("taxonomy.yaml", 8, 1, "unknown vocabulary 'kinds'"),
    ]
    assert report.records["taxonomy.topics", "supervision"]["label"] == "Supervisión" and report.warnings == []

    spanish = translations.translated(cat, "es", report)
    assert spanish.get("taxonomy.topics", "supervision")["label"] == "Supervisión"
    assert spanish.model.facet("topic").label == "Tema" and spanish.model.facet("topic").lead == "Temas"
    assert cat.model.facet("topic").label == "Topic", "the English model is unchanged"
    # What is not translated is English, and says so: a term, a facet, a collection not translated at all.
    assert translations.lang_of(spanish, "taxonomy.topics", "supervision", "label") is None
    assert translations.lang_of(spanish, "taxonomy.topics", "wages-and-compensation", "label") == "en"
    assert translations.lang_of(spanish, "facets", "type", "label") == "en"
    assert translations.lang_of(spanish, "frameworks", "anything", "name") == "en"
    assert translations.lang_of(cat, "taxonomy.topics", "wages-and-compensation", "label") is None
    done, total = translations.counts(cat, report)["taxonomy"]
    assert done == 1 and total == sum(len(v) for v in cat["taxonomy"].values())
    assert translations.counts(cat, report)["resources"][0] == 1


def test_a_spanish_list_speaks_spanish_and_marks_its_english(tmp_path: Path) -> None:
    root = with_spanish(tmp_path, good())
    cat = load_catalog(root)
    folder = root / "i18n" / "es"
    facet = translations.english_records(cat, "facets")["topic"]
    (folder / "facets.yaml").write_text(record("facets", "topic", facet, label="Tema", lead="Temas"), "utf-8")
    summary = record("resources", "supervision-guide", cat.get("resources", "supervision-guide"), summary="Cómo supervisar a los pares.")
    (folder / "resources.yaml").write_text(summary, "utf-8")
    spanish = translations.translated(cat, "es", translations.check_language(cat, "es", None))
    html = resource_table.resource_table(spanish, Context(page_url="resources/"))
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one(".pet-count").text == f"{len(cat['resources'])} recursos"
    assert page.select_one(".pet-filterbox summary").text == "Filtrar esta lista"
    legends = {fs.legend.text: fs.legend.find_parent("details") for fs in page.select("fieldset")}
    assert "Tema" in legends
    row = page.select_one('li[data-resource-id="supervision-guide"]')
    assert row.h3.a["lang"] == "en", "a title stays in its original language"
    assert row.select_one(".pet-row-summary").text == "Cómo supervisar a los pares." and row.select_one(".pet-row-summary").get("lang") is None
    other = page.select_one('li[data-resource-id="wage-survey"] .pet-row-summary')
    assert other is None or other["lang"] == "en", "a summary not translated yet is English, inside lang=en"
    line = row.select_one('[data-line="topic"]')
    assert line.text == "Temas: Supervision" and line.select_one('span[lang="en"]').text == "Supervision"
    english = resource_table.resource_table(cat, Context(page_url="resources/"))
    assert ' lang="' not in english and "Filter this list" in english


def test_a_resource_page_in_spanish_speaks_it_and_marks_its_english() -> None:
    """Content test: this toolkit's Spanish catalog renders a resource page whose words are
    Spanish, whose translated summary is unmarked, and whose English (publisher, findings, the
    citation) is inside lang="en"."""
    from pet_generator.site.entry import in_language
    from pet_generator.site.resource_page import resource_page_body

    cat = load_catalog(ROOT / "catalog")
    spanish = in_language(cat, "es")
    r = spanish.get("resources", "guarding-minds-at-work")
    page = BeautifulSoup(resource_page_body(spanish, Context(page_url="resources/guarding-minds-at-work/"), r, {}), "html.parser")
    assert page.select_one("#pet-summary").text == "Resumen" and page.select_one("#pet-cite").text == "Cómo citar este recurso"
    summary = page.select_one("#pet-summary").find_next("p")
    assert summary.text.startswith("Recursos gratuitos") and summary.get("lang") is None
    assert page.select_one(".pet-publisher")["lang"] == "en" and page.select_one(".pet-citation")["lang"] == "en"
    findings = page.select("#pet-findings ~ ul")
    assert findings and all(ul.get("lang") is None for ul in findings), "its findings are translated"
    assert findings[0].li.text.startswith("Guarding Minds responde a exigencias crecientes")
    assert page.select_one(".pet-source a")["lang"] == "en"  # the source's name stays in its language
    # The checks' dates are written the Spanish way ("23 de noviembre de 2026"), not in English.
    checks = [c.text for c in page.select(".pet-check")]
    assert checks and all(re.search(r"\d{1,2} de [a-z]+ de \d{4}", c) for c in checks if re.search(r"\d{4}", c)), checks
    assert not any(re.search(r"January|February|March|April|May|June|July|August|September|October|November|December", c) for c in checks), checks
    assert [dt.text for dt in page.select(".pet-resource-facets dt")][:2] == ["Categoría", "Tema"]
    english = resource_page_body(cat, Context(page_url="resources/guarding-minds-at-work/"), cat.get("resources", "guarding-minds-at-work"), {})
    assert ' lang="' not in english and "Summary" in english


def test_findings_not_translated_fall_back_inside_lang_en(tmp_path: Path) -> None:
    """A resource whose translation carries its summary but not its findings: the summary is
    Spanish, the findings English inside lang="en", and the translation is not stale (its hash
    covers the summary only)."""
    from pet_generator.site.entry import in_language
    from pet_generator.site.resource_page import resource_page_body

    root = copy_catalog(tmp_path / "catalog", languages=True)
    spanish_file = root / "i18n" / "es" / "resources.yaml"
    data, marks = strict_yaml.load(spanish_file.read_text("utf-8"))
    index = next(i for i, e in enumerate(data) if e["id"] == "guarding-minds-at-work")
    lines = spanish_file.read_text("utf-8").split("\n")
    start = marks[(index, "findings", "<key>")][0] - 1
    end = marks[(index + 1,)][0] - 1
    cat = load_catalog(root)
    summary_only = translations.record_hash("resources", cat.get("resources", "guarding-minds-at-work"), ["summary"])
    lines[start:end] = []
    lines = [line.replace(data[index]["source_hash"], summary_only) for line in lines]
    spanish_file.write_text("\n".join(lines), "utf-8")
    report = translations.check_language(cat, "es", None)
    assert report.errors == [] and report.warnings == []
    spanish = in_language(cat, "es")
    r = spanish.get("resources", "guarding-minds-at-work")
    page = BeautifulSoup(resource_page_body(spanish, Context(page_url="resources/guarding-minds-at-work/"), r, {}), "html.parser")
    assert page.select_one("#pet-summary").find_next("p").text.startswith("Recursos gratuitos")
    findings = page.select("#pet-findings ~ ul")
    assert findings and all(ul["lang"] == "en" for ul in findings) and findings[0].li.text.startswith("Guarding Minds answers")
    assert page.select_one("#pet-findings").text == "Hallazgos principales"  # the page's own words are Spanish


def test_a_competency_page_in_spanish_speaks_it_and_marks_its_english() -> None:
    """Content test: an employer competency's page from this toolkit's Spanish catalog: the page's
    words are Spanish, it says the official list is our translation, and every field still English
    is inside lang="en"."""
    from pet_generator.site.entry import in_language

    cat = load_catalog(ROOT / "catalog")
    spanish = in_language(cat, "es")
    page = BeautifulSoup(render.competency_detail(spanish, Context(page_url="competencies/ec-leadership/"), "ec-leadership"), "html.parser")
    assert "nuestra traducción" in page.select_one(".pet-our-translation").text
    assert page.select_one("#highlights").text == "Puntos destacados" and page.select_one("#why-it-matters").text == "Por qué es importante"
    for field, heading in (("overview", "#overview"), ("why_it_matters", "#why-it-matters")):
        paragraph = page.select_one(heading).find_next("p")
        assert paragraph.get("lang") == translations.lang_of(spanish, "competencies", "ec-leadership", field), field
    assert page.select_one(".pet-source").text.startswith("Fuente:") and page.select_one(".pet-source a")["lang"] == "en"
    english = render.competency_detail(cat, Context(page_url="competencies/ec-leadership/"), "ec-leadership")
    assert ' lang="' not in english and "Highlights" in english and "pet-our-translation" not in english


def test_the_competency_lists_mark_names_still_english() -> None:
    """Content test: a framework's list in Spanish: each name is the translation, or English inside lang="en"."""
    from pet_generator.site.entry import in_language

    spanish = in_language(load_catalog(ROOT / "catalog"), "es")
    for framework in ("employer-competencies", "specialization-crisis-care"):
        page = BeautifulSoup(render.competency_list(spanish, Context(page_url="competencies/"), framework), "html.parser")
        for li in page.select("li[data-competency-id]"):
            name = li.find(["a", "strong"])
            assert name.get("lang") == translations.lang_of(spanish, "competencies", li["data-competency-id"], "name"), li["data-competency-id"]
    crisis = render.competency_list(spanish, Context(page_url="certification/"), "specialization-crisis-care")
    assert "Durante la crisis" in crisis and "Adaptado por los editores" in crisis


def test_the_coverage_table_and_cited_resources_speak_spanish() -> None:
    """Content test: the employer competencies' coverage table and a section's cited resources in Spanish."""
    from pet_generator.site.entry import in_language

    cat = load_catalog(ROOT / "catalog")
    spanish = in_language(cat, "es")
    table = BeautifulSoup(render.coverage_matrix(spanish, Context(page_url="competencies/")), "html.parser")
    assert [th.text for th in table.select("th")] == ["Competencia", "Recursos", "Hojas informativas", "Cobertura"]
    assert {s.text for s in table.select(".pet-status")} <= {"Escasa: necesita más", "Cubierta"}
    cited = render.cited_resources(spanish, Context(page_url="competencies/"), "employer-competencies")
    assert "## Recursos que el kit de herramientas cita aquí" in cited and ' lang="en"' in cited  # titles stay English, marked
    english = render.coverage_matrix(cat, Context(page_url="competencies/")) + render.cited_resources(
        cat, Context(page_url="competencies/"), "employer-competencies"
    )
    assert "Coverage of each employer competency" in english and "Resources the toolkit cites here" in english and ' lang="' not in english


def test_listing_a_sections_resources_leaves_the_catalog_whole() -> None:
    """cited_resources lists a section's few resources from a copy: the catalog's own index keeps them all."""
    cat = load_catalog(ROOT / "catalog")
    before = dict(cat.by_id["resources"])
    render.cited_resources(cat, Context(page_url="competencies/"), "employer-competencies")
    assert cat.by_id["resources"] == before


# ---- facts and the catalog's other lists (issue 27) ---------------------------------------------


def test_a_facts_date_is_written_the_languages_way_and_its_words_are_translated() -> None:
    """Content test: a fact in Spanish says when it was true from the messages ("según datos de
    febrero de 2025"), its own words translated ("una estimación sin fecha"), amounts in the US
    form; the English is unchanged. A fact not translated shows its English inside lang="en"."""
    from pet_generator.site.entry import in_language

    cat = load_catalog(ROOT / "catalog")
    spanish = in_language(cat, "es")
    ctx = Context(page_url="pay/")
    wage = BeautifulSoup(render.fact(spanish, ctx, "living-wage-sacramento-1-adult-2025"), "html.parser")
    assert wage.strong.text == "$26.76 por hora" and "según datos de febrero de 2025" in wage.text
    assert wage.select("[lang=en]") == [wage.select_one("a[href$='#mit-living-wage']")], "only the source's name stays English"
    assert "(una estimación sin fecha)" in render.fact(spanish, ctx, "peer-supporters-us")
    assert "as of February 2025" in render.fact(cat, ctx, "living-wage-sacramento-1-adult-2025")
    assert "según datos del 10 de febrero de 2025" in render.fact_table(spanish, ctx, "mit-living-wage-sacramento-2025").lower()

    report = translations.check_language(cat, "es", None)
    del report.records["facts", "peer-supporters-us"]  # as if not translated yet
    fallback = BeautifulSoup(render.fact(translations.translated(cat, "es", report), ctx, "peer-supporters-us"), "html.parser")
    assert fallback.strong["lang"] == "en" and fallback.strong.text == "over 30,000"
    assert fallback.select_one("span[lang=en]").text == "an undated estimate"


def test_an_overdue_fact_says_so_in_the_pages_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from pet_generator.site.entry import in_language

    monkeypatch.setenv("PET_TODAY", "2026-03-01")
    spanish = in_language(load_catalog(ROOT / "catalog"), "es")
    ctx = Context(page_url="pay/")
    notice = BeautifulSoup(render.fact_table(spanish, ctx, "mit-living-wage-sacramento-2025"), "html.parser").select_one(".pet-overdue")
    assert notice.get_text(" ", strip=True).startswith(
        "Pasó su fecha de revisión. Estas cifras son del 10 de febrero de 2025 y pasaron su fecha de revisión (1 de marzo de 2026)."
    )
    inline = BeautifulSoup(render.fact(spanish, ctx, "california-minimum-wage-2025"), "html.parser")
    assert inline.select_one(".pet-fact-overdue").get_text(" ", strip=True).startswith("pasó su fecha de revisión del 1 de enero de 2026")
    codes = BeautifulSoup(render.procedure_codes(spanish, Context(page_url="certification/")), "html.parser")
    assert codes.select_one(".pet-fact-when").text.startswith("Según datos de 2026. Fuente: ")


def test_a_translated_date_in_as_of_is_refused(tmp_path: Path) -> None:
    from helpers import copy_catalog

    root = copy_catalog(tmp_path / "catalog", languages=True)
    facts = root / "i18n" / "es" / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace("  value: $26.76 por hora\n", "  value: $26.76 por hora\n  as_of: febrero de 2025\n"), "utf-8")
    report = translations.check_language(load_catalog(root), "es", None)
    assert [e.message.split(": ", 1)[1] for e in report.errors] == ["the English 'as_of' is a date, which pages write in their language; remove it"]


@pytest.mark.parametrize(
    ("text", "found"),
    [("2018", ("year", 2018, 1, 1)), ("February 2025", ("month", 2025, 2, 1)), ("10 February 2025", ("day", 2025, 2, 10)),
     ("an undated estimate", None), ("31 February 2025", None), ("Feb 2025", None)],
)  # fmt: skip
def test_as_of_is_a_date_or_words(text: str, found: tuple[str, int, int, int] | None) -> None:
    import datetime

    from pet_generator.catalog.dates import as_of_date

    assert as_of_date(text) == (found and (found[0], datetime.date(*found[1:])))
    assert translations.has_words("as_of", text) == (found is None) and translations.has_words("label", text)


def test_the_catalogs_lists_speak_spanish_and_say_the_official_ones_are_our_translation() -> None:
    """Content test: peer types, the career ladder, roles, settings, supervisor options, the scope
    of practice and the certification competencies in Spanish; official lists say they are our
    translation; English pages are unchanged."""
    from pet_generator.site.entry import in_language

    cat = load_catalog(ROOT / "catalog")
    spanish = in_language(cat, "es")
    ctx = Context(page_url="certification/")
    ladder = BeautifulSoup(render.career_ladder(spanish, ctx), "html.parser")
    assert ladder.select_one("td").text == "Voluntario/a ocasional" and ladder.select("[lang]") == []
    types = BeautifulSoup(render.peer_types(spanish, ctx), "html.parser")
    assert "nuestra traducción" in types.select_one(".pet-our-translation").text and "Jóvenes en edad de transición" in types.text
    roles = BeautifulSoup(render.items(spanish, ctx, "roles"), "html.parser")
    assert roles.select_one(".pet-items-source").text == "Del Peer Employer Toolkit:" and roles.strong.text == "Grupos de apoyo"
    assert BeautifulSoup(render.items(spanish, ctx, "settings"), "html.parser").strong.text == "Alcance comunitario"
    for html in (render.supervisor_options(spanish, ctx), render.scope_of_practice(spanish, ctx)):
        page = BeautifulSoup(html, "html.parser")
        assert page.select_one(".pet-our-translation") is not None and page.select("[lang=en]") == []
    core = BeautifulSoup(render.competency_list(spanish, ctx, "medi-cal-peer-support-core-competencies"), "html.parser")
    assert core.select_one(".pet-our-translation").text == "Lista oficial: nuestra traducción"
    assert core.select_one("strong.pet-item-name").text == "Los conceptos de esperanza, recuperación y bienestar." and core.select("[lang=en]") == []
    english = "".join(
        (render.career_ladder(cat, ctx), render.peer_types(cat, ctx), render.items(cat, ctx, "roles"), render.supervisor_options(cat, ctx))
    )
    assert ' lang="' not in english and "pet-our-translation" not in english and "Occasional Volunteer" in english


def test_each_resource_page_says_its_own_translations_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Spanish resource pages are cut from one shell: each gets its own translation's note in
    the shell's note marker (the translation-note component every translated page uses): stale
    with a link to the English page, reviewed by a named person, or the editors' draft."""
    from pet_generator.pipeline import resource_pages

    monkeypatch.setenv("PET_TODAY", "2027-04-01")
    root = with_spanish(tmp_path, good())
    english = root / "resources.yaml"
    english.write_text(english.read_text("utf-8").replace("  title: National Wage Survey\n", "  title: National Wage Survey\n  summary: A survey.\n"))
    english.write_text(english.read_text("utf-8").replace("  title: Living Wage Table\n", "  title: Living Wage Table\n  summary: A table.\n"))
    cat = load_catalog(root)
    fresh, stale, reviewed = "supervision-guide", "wage-survey", "living-wage-table"
    made = {rid: translations.record_hash("resources", cat.get("resources", rid), ["summary"]) for rid in (fresh, stale, reviewed)}
    lines = [
        record("resources", fresh, cat.get("resources", fresh), summary="Cómo supervisar."),
        record("resources", stale, cat.get("resources", stale), summary="Una encuesta.").replace(made[stale], "0abc0000000f"),
        record("resources", reviewed, cat.get("resources", reviewed), summary="Una tabla.")
        + '  reviewed_by: Ana Ruiz\n  reviewed_on: "2027-03-12"\n',
    ]
    (root / "i18n" / "es" / "resources.yaml").write_text("".join(lines), "utf-8")
    spanish = translations.translated(cat, "es", translations.check_language(cat, "es", None))
    assert translations.state_of(spanish, "resources", stale).stale and translations.state_of(cat, "resources", stale) is None  # type: ignore[union-attr]
    shell = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        f"<title>{pages.TITLE}</title></head><body><nav>switch</nav>{pages.NOTE}<h1>{pages.TITLE}</h1><p>{pages.BODY}</p></body></html>"
    )
    site = tmp_path / "site" / "es"
    (site / "resources" / "pet-page").mkdir(parents=True)
    (site / "resources" / "pet-page" / "index.html").write_text(shell, "utf-8")
    resource_pages.write_pages(site, spanish, {}, {}, only=translations.pages_in(spanish, "resources"))

    def note(rid: str) -> Any:
        return BeautifulSoup((site / "resources" / rid / "index.html").read_text("utf-8"), "html.parser").select_one(".pet-translation-note")

    assert note(fresh)["class"] == ["pet-translation-note", "pet-translation-translated"]
    assert "aún no revisada por un hablante nativo" in note(fresh).text and note(fresh).a["href"] == f"../../../resources/{fresh}/"
    assert note(stale)["class"][-1] == "pet-translation-stale"
    assert note(stale).strong.text.startswith("Esta traducción puede estar desactualizada")
    assert note(stale).a["href"] == f"../../../resources/{stale}/" and note(stale).a["hreflang"] == "en"
    assert (
        note(reviewed).text.startswith("Traducción revisada por Ana Ruiz el 12 de marzo de 2027") and note(reviewed)["data-reviewed"] == "2027-03-12"
    )
    assert "aún no revisada" not in note(reviewed).text
