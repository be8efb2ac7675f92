"""Issue 24 (content, round 3): statements employers read are right, sourced and meant for them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pet_generator.catalog.loader import Catalog
from pet_generator.site.resource_page import citation

LEGISLATURES = {"California Legislature", "United States Congress"}
# Words that describe a source's defects, or maintainers' to-dos, in text employers read.
NOT_FOR_EMPLOYERS = re.compile(
    r"garbled|word for word|repeats word|lost when|converted to text|confirm (it )?before|check it against|"
    r"still to be confirmed|\.yaml\b|\bsamhsa-20\d\d\b|\bdhcs-20\d\d",
    re.IGNORECASE,
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_a_laws_publisher_is_the_legislature_that_passed_it(catalog: Catalog) -> None:
    laws = [r for r in catalog["resources"] if r["type"] == "law"]
    assert len(laws) >= 4
    wrong = [(r["id"], r.get("publisher")) for r in laws if r.get("publisher") and r["publisher"] not in LEGISLATURES]
    assert wrong == [], "a law's publisher is the legislature; put the agency in publisher_status (enforced-by)"
    feha = catalog.get("resources", "california-fair-employment-and-housing-act")
    assert (feha["publisher"], feha["year"]) == ("California Legislature", 1959)
    assert feha["publisher_status"]["status"] == "enforced-by" and "Civil Rights Department" in feha["publisher_status"]["current_name"]


def test_glossary_credits_say_only_what_the_source_says(catalog: Catalog) -> None:
    dhs = catalog.get("glossary", "dhs")["definition"]
    assert "wrote the toolkit" not in dhs and "collaborative program" in dhs
    assert "Mental Health America" not in catalog.get("glossary", "cps")["definition"]


def test_key_findings_are_no_more_certain_than_the_record(catalog: Catalog) -> None:
    r = catalog.get("resources", "enhancing-the-peer-provider-workforce")
    text = " ".join(_strings(r["findings"]))
    assert "decides" not in text and "one reason" in text
    assert "creative" in text and "any staff" in text and "list of further resources" in text  # the points dropped before
    source = catalog.get("sources", r["findings"]["source"]["source"])
    assert source.get("title") != r["title"] and "database" in source["citation"], (
        "the findings' credit names the database record, not the toolkit itself"
    )


def test_employer_text_has_no_maintainers_notes_or_criticism_of_the_source(catalog: Catalog) -> None:
    fields = {
        "sources": ("citation", "note", "title"),
        "competencies": ("source_note", "summary"),
        "handouts": ("blocks", "excerpt", "summary"),
        "glossary": ("definition",),
        "resources": ("summary", "findings", "aliases"),
    }
    found = []
    for collection, keys in fields.items():
        for e in catalog[collection]:
            for key in keys:
                for text in _strings(e.get(key)):
                    if NOT_FOR_EMPLOYERS.search(text):
                        found.append(f"{collection}/{e['id']}.{key}: {NOT_FOR_EMPLOYERS.search(text)[0]}")
    found += [f"edition.{k}" for k in ("license", "attribution") if NOT_FOR_EMPLOYERS.search(catalog["edition"][k])]
    assert found == [], found


def test_editors_summaries_of_named_only_competencies_are_marked(catalog: Catalog) -> None:
    for fid in ("medi-cal-peer-support-core-competencies", "specialization-crisis-care", "specialization-justice-involved"):
        assert catalog.get("frameworks", fid).get("summaries_by") == "editors", fid


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"title": "Peer Respite Toolkit", "year": 2017}, "Peer Respite Toolkit. (2017)."),
        ({"title": "Peer Respite Toolkit"}, "Peer Respite Toolkit. (n.d.)."),
        ({"title": "Peer Respite Toolkit", "publisher": "Live & Learn, Inc.", "year": 2017}, "Live & Learn, Inc. (2017). Peer Respite Toolkit."),
    ],
)
def test_a_citation_without_a_publisher_starts_with_the_title(catalog: Catalog, record: dict[str, Any], expected: str) -> None:
    assert citation(catalog, {"id": "x", "type": "toolkit", "category": "x", "source": {"source": "x"}, "url": None, **record}) == expected  # type: ignore[arg-type]


def test_every_resource_the_pages_name_is_in_the_catalog(catalog: Catalog) -> None:
    """resource_links() leaves out ids another catalog lacks; the project's own pages must name real ones."""
    from helpers import ROOT

    named = []
    for page in (ROOT / "docs").rglob("*.md"):
        for call in re.findall(r"resource_links\(([^)]*)\)", page.read_text("utf-8")):
            named += [(page.name, rid) for rid in re.findall(r"'([a-z0-9-]+)'", call)]
    assert named, "the Hiring page names the onboarding checks"
    assert [n for n in named if n[1] not in catalog.by_id["resources"]] == []
