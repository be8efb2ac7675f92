"""Glossary abbreviations are found in text, never in escaped HTML, and are plain words."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pet_generator.site.html import Context


def shown(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


def test_an_entity_like_abbreviation_cannot_cut_the_escaped_text() -> None:
    """'&amp' used to turn every '&' into '&;' ("R & D" became "R &; D")."""
    ctx = Context(abbreviations={"&amp": "Ampersand", "lt": "Less than", "quot": "Quote"})
    for text in ["R & D", "a < b", 'say "hi"', "AT&T &amp; co", "&lt;b&gt;"]:
        assert shown(ctx.text(text)) == text


def test_an_abbreviation_next_to_markup_characters_is_explained_and_the_rest_stays_literal() -> None:
    ctx = Context(abbreviations={"ADA": 'Americans with Disabilities Act "1990" <law>', "DMC-ODS": "Drug Medi-Cal"})
    html = ctx.text('<ADA> & "DMC-ODS", ADAAA and xADA')
    soup = BeautifulSoup(html, "html.parser")
    assert [a.get_text() for a in soup.find_all("abbr")] == ["ADA", "DMC-ODS"]
    assert soup.find("abbr")["title"] == 'Americans with Disabilities Act "1990" <law>'
    assert soup.get_text() == '<ADA> & "DMC-ODS", ADAAA and xADA'
    assert "<law>" not in html and "<ADA>" not in html


@pytest.mark.parametrize("abbr", ["&amp", "<b>", "R&D", "A B", 'AB"x', "-AB", "AB-", "A--B", "x"])
def test_the_schema_refuses_an_abbreviation_that_is_not_a_plain_word(abbr: str) -> None:
    from pet_generator.catalog.loader import _validators

    entry = [{"id": "x", "term": "X", "abbr": abbr, "definition": "d"}]
    assert list(_validators()["glossary"].iter_errors(entry)), abbr


@pytest.mark.parametrize("abbr", ["ADA", "DMC-ODS", "HIV/AIDS", "KSAs", "PhD", "Ph.D", "CalMHSA"])
def test_the_schema_accepts_plain_words(abbr: str) -> None:
    from pet_generator.catalog.loader import _validators

    assert not list(_validators()["glossary"].iter_errors([{"id": "x", "term": "X", "abbr": abbr, "definition": "d"}]))
