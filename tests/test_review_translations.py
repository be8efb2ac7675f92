"""Issue 27: a named person's review of a translation, recorded by scripts/review in the
translation's own file (reviewed_by, reviewed_on, method machine -> machine-reviewed), its
comments and layout kept; refused without a name, for an unknown translation, and for a stale
one. On the small fixture catalog only: no review may appear in catalog/ unless a person did it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import translations
from pet_generator.catalog.loader import load_catalog
from pet_generator.tools import review

AUTHOR = "Peer Employer Toolkit editors (machine draft)"
TODAY = "2026-12-07"


def _hash(root: Path, collection: str, rid: str, fields: list[str]) -> str:
    return translations.record_hash(collection, load_catalog(root).get(collection, rid), fields)


@pytest.fixture
def toolkit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fixture catalog with a Spanish glossary (two records, comments), a resource and a page."""
    monkeypatch.setenv("PET_TODAY", TODAY)
    monkeypatch.delenv("PET_CALLER_DIR", raising=False)
    root = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    folder = root / "i18n" / "es"
    folder.mkdir(parents=True)
    english = root / "glossary.yaml"
    english.write_text(
        english.read_text("utf-8") + "- id: peer-support\n  term: Peer support\n  definition: Help from a person with lived experience.\n"
    )
    other = "peer-support"
    (folder / "glossary.yaml").write_text(
        "# Spanish glossary: machine drafts.\n\n"
        f'- id: samhsa\n  source_hash: "{_hash(root, "glossary", "samhsa", ["term"])}"  # made from the 2026 English\n'
        f"  method: machine\n  translated_by: {AUTHOR}\n  term: Administración de Servicios de Salud Mental\n"
        "\n# The next one.\n"
        f'- id: {other}\n  source_hash: "{_hash(root, "glossary", other, ["term"])}"\n'
        f"  method: human\n  translated_by: Ana Translator\n  term: Otro término\n",
        "utf-8",
    )
    (folder / "resources.yaml").write_text(
        f'- id: supervision-guide\n  source_hash: "{_hash(root, "resources", "supervision-guide", ["summary"])}"\n'
        f"  method: machine\n  translated_by: {AUTHOR}\n  summary: Cómo supervisar a pares.\n",
        "utf-8",
    )
    docs = tmp_path / "docs"
    (docs / "i18n" / "es").mkdir(parents=True)
    (docs / "pay.md").write_text("# Pay\n", "utf-8")
    fresh = translations.english_hash(b"# Pay\n")
    (docs / "i18n" / "es" / "pay.md").write_text(
        f'---\nrender_macros: true\ntranslation:\n  source_hash: "{fresh}"\n  method: machine\n  translated_by: {AUTHOR}\n---\n# Salario\n', "utf-8"
    )
    return root


def run(root: Path, *args: str) -> int:
    return review.main([*args, "--catalog", str(root)])


def test_a_review_is_written_into_the_translation_keeping_its_comments_and_layout(toolkit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = toolkit / "i18n" / "es" / "glossary.yaml"
    before = glossary.read_text("utf-8").split("\n")
    assert run(toolkit, "translation:es:glossary:samhsa", "--by", "  Ana   Ruiz ") == 0
    assert "translation:es:glossary:samhsa" in capsys.readouterr().out
    after = glossary.read_text("utf-8").split("\n")
    # Only the method changed and two lines came in after translated_by; comments stay.
    assert after[:4] == before[:4] and after[4] == "  method: machine-reviewed" and after[5] == before[5]
    assert after[6:8] == ['  reviewed_by: "Ana Ruiz"', f'  reviewed_on: "{TODAY}"'] and after[8:] == before[6:]
    report = translations.check_language(load_catalog(toolkit), "es", toolkit.parent / "docs")
    assert report.errors == [] and report.warnings == []
    assert report.state("glossary", "samhsa") == translations.State(False, "machine-reviewed", ("Ana Ruiz", TODAY))
    assert not (toolkit / "reviews.yaml").exists()  # a translation's review lives in its own file


def test_a_page_a_whole_file_and_a_second_review(toolkit: Path) -> None:
    page = toolkit.parent / "docs" / "i18n" / "es" / "pay.md"
    assert run(toolkit, "translation:es:page:pay", "translation:es:glossary", "--by", "Ana Ruiz", "--date", "2026-12-01") == 0
    text = page.read_text("utf-8")
    assert "  method: machine-reviewed\n  translated_by: " in text and text.endswith(
        '  reviewed_by: "Ana Ruiz"\n  reviewed_on: "2026-12-01"\n---\n# Salario\n'
    )
    glossary = (toolkit / "i18n" / "es" / "glossary.yaml").read_text("utf-8")
    assert glossary.count('reviewed_by: "Ana Ruiz"') == 2 and "  method: human\n" in glossary  # a person's translation stays "human"
    assert run(toolkit, "translation:es:glossary:samhsa", "--by", "Luis Ortega") == 0  # a later review replaces the earlier
    again = (toolkit / "i18n" / "es" / "glossary.yaml").read_text("utf-8")
    assert again.count("reviewed_by:") == 2 and f'reviewed_by: "Luis Ortega"\n  reviewed_on: "{TODAY}"' in again
    report = translations.check_language(load_catalog(toolkit), "es", toolkit.parent / "docs")
    assert report.errors == [] and report.state("page", "pay.md") == translations.State(False, "machine-reviewed", ("Ana Ruiz", "2026-12-01"))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["translation:es:glossary:samhsa"], "--by"),
        (["translation:es:glossary:samhsa", "--by", "someone"], "does not name a person"),
        (["translation:es:glossary:nosuch", "--by", "Ana Ruiz"], "no translation with id 'nosuch'"),
        (["translation:es:page:hiring", "--by", "Ana Ruiz"], "no translated page docs/i18n/es/hiring.md"),
        (["translation:vi:glossary:samhsa", "--by", "Ana Ruiz"], "no translations in 'vi'"),
        (["translation:es:sources:x", "--by", "Ana Ruiz"], "not a translated collection"),
        (["translation:es", "--by", "Ana Ruiz"], "write translation:LANGUAGE:COLLECTION:ID"),
        (["translation:es:glossary:samhsa", "--by", "Ana Ruiz", "--note", "read it"], "--note and --due are for catalog reviews"),
        (["translation:es:glossary:samhsa", "--by", "Ana Ruiz", "--date", "2027-01-01"], "after today"),
        (["translation:es:glossary:samhsa", "resources:supervision-guide", "--by", "Ana Ruiz"], "separate commands"),
    ],
)
def test_refused_and_nothing_written(toolkit: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str) -> None:
    files = [*(toolkit / "i18n" / "es").iterdir(), toolkit.parent / "docs" / "i18n" / "es" / "pay.md"]
    before = {f: f.read_bytes() for f in files}
    assert run(toolkit, *args) == 2
    assert words in capsys.readouterr().err
    assert {f: f.read_bytes() for f in files} == before


def test_a_stale_translation_cannot_be_reviewed(toolkit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    english = toolkit / "resources.yaml"
    english.write_text(english.read_text("utf-8").replace("summary: How to supervise peers.", "summary: How to supervise peer staff."), "utf-8")
    before = (toolkit / "i18n" / "es" / "resources.yaml").read_bytes()
    assert run(toolkit, "translation:es:resources:supervision-guide", "translation:es:glossary:samhsa", "--by", "Ana Ruiz") == 2
    err = capsys.readouterr().err
    assert "translation:es:resources:supervision-guide: stale" in err and "old English" in err and "source_hash" in err
    assert (toolkit / "i18n" / "es" / "resources.yaml").read_bytes() == before
    assert "reviewed_by" not in (toolkit / "i18n" / "es" / "glossary.yaml").read_text("utf-8")  # all or nothing


@pytest.mark.parametrize(
    ("lines", "line", "col", "words"),
    [
        ('  reviewed_by: someone\n  reviewed_on: "2026-12-01"\n', 7, 16, "reviewed_by 'someone' does not name a person"),
        ('  reviewed_by: Ana Ruiz\n  reviewed_on: "2027-01-01"\n', 8, 16, "'reviewed_on' '2027-01-01' is after today"),
        ("", 5, 11, "method machine-reviewed says a person reviewed it"),
    ],
)
def test_the_validator_guards_what_a_review_claims(toolkit: Path, lines: str, line: int, col: int, words: str) -> None:
    glossary = toolkit / "i18n" / "es" / "glossary.yaml"
    text = glossary.read_text("utf-8").replace("  method: machine\n", "  method: machine-reviewed\n", 1)
    glossary.write_text(text.replace(f"  translated_by: {AUTHOR}\n", f"  translated_by: {AUTHOR}\n{lines}", 1), "utf-8")
    report = translations.check_language(load_catalog(toolkit), "es", None)
    found = [e for e in report.errors if words in e.message]
    assert found and (found[0].line, found[0].col) == (line, col), [str(e) for e in report.errors]


def test_scripts_review_says_how_to_review_a_translation() -> None:
    out = subprocess.run([ROOT / "scripts" / "review", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "translation:es:resources:ID" in out and "--by" in out
