"""Content tests (this toolkit's 2026 catalog, not the generator): the 2026 edition is complete and faithful to the source toolkit in ../shared/seeds/."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT
from pet_generator.catalog.loader import Catalog

pytestmark = pytest.mark.content  # about this catalog: `-m 'not content'` runs the generator's tests only

SEEDS = ROOT.parent / "shared" / "seeds"
MAIN_SOURCE = SEEDS / "003_c4500914be87059f.txt"
# Link texts in the source that are not resources: in-document cross references.
NOT_RESOURCES_FILE = ROOT / "tests" / "fixtures" / "not-resources.txt"
# Link texts that are pieces of a title split at a line break (or of a sentence): "text | resource id".
LINK_FRAGMENTS_FILE = ROOT / "tests" / "fixtures" / "link-fragments.txt"


def link_fragments() -> dict[str, str]:
    rows = [line.split(" | ") for line in LINK_FRAGMENTS_FILE.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return {norm(text): rid.strip() for text, rid in rows}


def norm(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)  # the extraction escaped ( ) _ and friends
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
    return " ".join(text.split()).strip(" .").lower()


def source_link_titles() -> set[str]:
    if not MAIN_SOURCE.exists():
        pytest.skip("the seed documents are not beside this clone")
    text = MAIN_SOURCE.read_text("utf-8")
    return {norm(m) for m in re.findall(r"\[((?:[^\[\]\\]|\\.)+)\]\(#\)", text)}


def test_every_resource_title_in_the_source_is_in_the_catalog(catalog: Catalog) -> None:
    known = set()
    for r in catalog["resources"]:
        known.add(norm(r["title"]))
        known.update(norm(a) for a in r.get("aliases", []))
    skipped = {norm(line) for line in NOT_RESOURCES_FILE.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")}
    fragments = link_fragments()
    ids = {r["id"] for r in catalog["resources"]}
    assert set(fragments.values()) <= ids, "link-fragments.txt names a resource id that is not in resources.yaml"
    missing = sorted(source_link_titles() - known - skipped - set(fragments))
    assert missing == [], f"{len(missing)} source titles are not in resources.yaml: {missing[:15]}"


def test_every_alias_is_a_title_the_sources_cite(catalog: Catalog) -> None:
    """'Also cited as' shows only titles a seed document really uses, never a piece of a title
    that the text extraction split at a line break (issue 24: "Disability Leave")."""
    if not SEEDS.exists():
        pytest.skip("the seed documents are not beside this clone")
    seeds = " | ".join(norm(p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    fragments = link_fragments()
    wrong = []
    for r in catalog["resources"]:
        for alias in r.get("aliases", []):
            if norm(alias) in fragments or norm(alias) not in seeds:
                wrong.append(f"{r['id']}: {alias}")
    assert wrong == [], f"aliases that are not titles the sources cite: {wrong}"


def test_seed_pages_resources_are_in_the_catalog(catalog: Catalog) -> None:
    titles = " | ".join(norm(r["title"]) + " | " + " | ".join(norm(a) for a in r.get("aliases", [])) for r in catalog["resources"])
    for wanted in (
        "meaningful roles for peer providers in integrated healthcare",
        "national survey of compensation among peer support specialists",
        "enhancing the peer provider workforce",
        "successfully integrating peer staff",
    ):
        assert wanted in titles, wanted


def test_frameworks_match_the_source(catalog: Catalog) -> None:
    kinds: dict[str, list[str]] = {}
    for f in catalog["frameworks"]:
        kinds.setdefault(f["kind"], []).append(f["id"])

    def members(fid: str) -> list[dict]:
        return [c for c in catalog["competencies"] if c["framework"] == fid]

    assert len(members("employer-competencies")) == 11
    assert [len(members(f)) for f in kinds["certification"]] == [17]
    assert len(kinds["specialization"]) == 4
    assert {len(members(f)) for f in kinds["principles"]} >= {4, 5, 10}
    crisis = [c for f in kinds["specialization"] for c in members(f) if c.get("phase")]
    assert {c["phase"] for c in crisis} == {"prevention", "during-crisis", "post-crisis"}


# The source gives no assessment questions for competency 8 (infrastructure).
NO_QUESTIONS_IN_SOURCE = {"ec-infrastructure"}


def test_every_employer_competency_is_complete(catalog: Catalog) -> None:
    for c in catalog["competencies"]:
        if c["framework"] != "employer-competencies":
            continue
        for field in ("highlights", "overview", "why_it_matters"):
            assert c.get(field), f"{c['id']} has no {field}"
        assert bool(c.get("questions")) != (c["id"] in NO_QUESTIONS_IN_SOURCE), f"{c['id']}: questions do not match the source"


def test_handouts_record_rights_and_the_supervisor_checklist_notice(catalog: Catalog) -> None:
    assert len(catalog["handouts"]) >= 9
    checklist = catalog.get("handouts", "supervisor-checklist")
    assert "Deegan" in checklist["rights"].get("notice", "")
    excerpt = catalog.get("handouts", "recovery-self-assessment")
    assert excerpt.get("excerpt"), "the Recovery Self-Assessment is only partly in the source: mark it as an excerpt"


def test_no_url_is_invented(catalog: Catalog) -> None:
    """The source's links were stripped: a URL is allowed only with the evidence that
    confirmed it (url_evidence; tests/test_link_evidence.py checks its rules)."""
    with_url = [r for r in catalog["resources"] if r.get("url")]
    for r in with_url:
        assert r.get("url_evidence"), f"{r['id']} has a URL but no evidence"
        assert not re.search(r"example\.(org|com)", r["url"])


def test_key_facts_carry_their_source_and_date(catalog: Catalog) -> None:
    wage = catalog.get("facts", "mit-living-wage-sacramento-2025")
    assert wage["table"]["rows"] and "2025" in (wage.get("as_of", "") + wage["label"])
    assert wage["source"]["source"] in catalog.by_id["sources"]
    text = " ".join(str(f.get("value", "")) + " " + f["label"] for f in catalog["facts"])
    assert "30,000" in text and "20%" in text


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_pages_use_only_relative_links_and_no_raw_catalog_urls(page: str) -> None:
    text = (ROOT / "docs" / page).read_text("utf-8")
    assert not re.search(r"\]\((https?:)?//", text), f"{page}: put external links in the catalog, not in page prose"
