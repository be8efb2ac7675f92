"""Another organization builds its own toolkit (issue 15, part 4): scripts/new-toolkit starts
one, and scripts/build --toolkit builds it with nothing of the California toolkit in it.

The second toolkit differs in structure: 5 employer competencies with other ids in a
framework with another id, no certification frameworks or specializations, 3 handouts, 4 resources, another title,
publisher and year, no certification page, and fewer catalog files."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import CATALOG, ROOT
from pet_generator.catalog.loader import display_path, load_catalog
from pet_generator.pipeline.pages import PagesError, write_project
from pet_generator.pipeline.toolkit import Toolkit, ToolkitError, toolkit_at
from pet_generator.tools.new_toolkit import NewToolkitError, new_toolkit

TITLE, PUBLISHER, YEAR = "Peer Workforce Guide", "Northfield Peer Network", 2027

SOURCE = """- id: northfield-2027
  citation: Northfield Peer Network (2027). Peer Workforce Guide. Northfield.
  group: toolkit
  short: Northfield Peer Network
  author: Northfield Peer Network
  year: 2027
  title: Peer Workforce Guide
  url: null
"""
FRAMEWORKS = """- id: northfield-standards
  name: Northfield standards for peer employers
  kind: employer
  description: What a workplace needs so that peer staff do well.
  source:
    source: northfield-2027
"""
COMPETENCIES = [
    ("nw-shared-values", "Shared values and a recovery culture"),
    ("nw-clear-roles", "Clear roles and job descriptions"),
    ("nw-fair-pay", "Fair pay and benefits"),
    ("nw-coaching", "Coaching supervision"),
    ("nw-career-paths", "Career paths for peer staff"),
]
HANDOUTS = [
    ("nw-first-week", "First week checklist", "checklist", "nw-shared-values"),
    ("nw-role-worksheet", "Role clarity worksheet", "worksheet", "nw-clear-roles"),
    ("nw-pay-review", "Pay review form", "form", "nw-fair-pay"),
]
RESOURCES = [
    ("nw-guide-to-coaching", "A Short Guide to Coaching Peer Staff", "nw-coaching"),
    ("nw-pay-survey", "Regional Peer Pay Survey", "nw-fair-pay"),
    ("nw-career-map", "Mapping Peer Careers", "nw-career-paths"),
    ("nw-values-video", "Recovery Values at Work", "nw-shared-values"),
]
TAXONOMY = """categories:
  - id: workplace
    label: Workplace
topics:
  - id: supervision
    label: Supervision
    description: Coaching and supporting peer staff.
  - id: pay
    label: Pay
    description: Wages and benefits.
types:
  - id: guide
    label: Guide
audiences:
  - id: managers
    label: Managers
"""


def _competencies() -> str:
    return "".join(
        f"- id: {cid}\n  framework: northfield-standards\n  number: {n}\n  name: {name}\n"
        f"  summary: What {name.lower()} means for a team.\n"
        f"  questions:\n    - text: Does your organization practise {name.lower()}?\n      kind: scored\n"
        f"    - text: Is it hard to keep up {name.lower()}?\n      kind: reverse\n"
        for n, (cid, name) in enumerate(COMPETENCIES, start=1)
    )


def _handouts() -> str:
    blocks = {
        "checklist": "    - kind: checklist\n      heading: Day one\n      items:\n        - Introduce the new peer to the team\n",
        "worksheet": "    - kind: questions\n      heading: Your role\n      lines: 2\n      items:\n        - What does your role include?\n",
        "form": "    - kind: fields\n      heading: Review\n      items:\n        - Current hourly wage\n        - Living wage for your area\n",
    }
    return "".join(
        f"- id: {hid}\n  title: {title}\n  kind: {kind}\n  competencies: [{cid}]\n  source:\n    source: northfield-2027\n"
        f"  rights:\n    attribution: Written by the Northfield Peer Network.\n  blocks:\n{blocks[kind]}"
        for hid, title, kind, cid in HANDOUTS
    )


def _resources() -> str:
    return "".join(
        f"- id: {rid}\n  title: {title}\n  aliases: []\n  publisher: {PUBLISHER}\n  type: guide\n  category: workplace\n"
        f"  topics: [supervision]\n  audience: [managers]\n  competencies: [{cid}]\n"
        f"  summary: Plain advice on {title.lower()}.\n  cited_in: [{cid}]\n  url: null\n"
        f'  source:\n    source: northfield-2027\n  added: "2027-01-15"\n'
        for rid, title, cid in RESOURCES
    )


def _sections() -> str:
    top = "- id: standards\n  title: Northfield standards for peer employers\n  page: competencies/\n"
    return top + "".join(f"- id: {cid}\n  title: {name}\n  parent: standards\n  page: competencies/{cid}/\n" for cid, name in COMPETENCIES)


def write_second_toolkit(folder: Path) -> Toolkit:
    """scripts/new-toolkit's folder, made into another organization's toolkit by editing its files."""
    new_toolkit(folder, TITLE, PUBLISHER, YEAR)
    catalog = folder / "catalog"
    for name in ("facts", "procedure_codes", "scope", "supervisor_options", "glossary"):
        (catalog / f"{name}.yaml").unlink()
    files = {
        "sources": SOURCE,
        "frameworks": FRAMEWORKS,
        "competencies": _competencies(),
        "handouts": _handouts(),
        "resources": _resources(),
        "sections": _sections(),
        "taxonomy": TAXONOMY,
        "peer_types": "- id: family-peer\n  name: Family peer\n  population: Families.\n  lived_experience: Raising a child who used services.\n",
        "roles": "- id: mentoring\n  name: Mentoring\n",
        "settings": "- id: drop-in-centers\n  name: Drop-in centers\n",
        "career_ladder": "- id: peer-mentor\n  name: Peer Mentor\n  level: entry\n- id: peer-lead\n  name: Peer Lead\n  level: advancement\n",
    }
    for name, text in files.items():
        (catalog / f"{name}.yaml").write_text(text, "utf-8")
    # No certification here: the page goes, and its menu line with it.
    (folder / "docs" / "certification.md").unlink()
    settings = folder / "toolkit.yml"
    settings.write_text(settings.read_text("utf-8").replace("      - Certification: certification.md\n", ""), "utf-8")
    index = folder / "docs" / "index.md"
    index.write_text(
        re.sub(r" and, if peers in your area are\n   certified, \[Certification\]\(certification\.md\)", "", index.read_text("utf-8")), "utf-8"
    )
    return toolkit_at(folder)


def california_strings() -> set[str]:
    """Words and ids that belong to the California toolkit only."""
    cat = load_catalog(CATALOG)
    words = {"California", "CalMHSA", "Cal Voices", "calvoices", "Sacramento", "Medi-Cal", "DHCS", "MHSA", "Peer Employer Toolkit"}
    words |= {c["id"] for c in cat["competencies"]} | {c["name"] for c in cat["competencies"]}
    words |= {h["id"] for h in cat["handouts"]} | {h["title"] for h in cat["handouts"]}
    words |= {r["id"] for r in cat["resources"]} | {r["title"] for r in cat["resources"]}
    words |= {f["id"] for f in cat["frameworks"] if f["kind"] != "employer"} | {s["id"] for s in cat["sources"]}
    ours = {"supervision", "pay"}  # ids both toolkits use on purpose
    # Single words such as "Hope" or "Home" (recovery dimensions) are not the California toolkit's own.
    return {w for w in words - ours if " " in w or "-" in w or w.islower() or w.isupper() or w in ("CalMHSA", "California", "Sacramento")}


def test_the_component_gallery_every_toolkit_gets_names_nothing_of_this_toolkit() -> None:
    # The fast twin of the whole-site check below for the one page every toolkit shares: the
    # gallery shows each component's examples, whose names must be made up.
    from pet_generator.catalog.loader import Catalog
    from pet_generator.site.gallery import component_gallery
    from pet_generator.site.html import Context

    html = component_gallery(Catalog(root=Path("/nonexistent/catalog"), data={}), Context(page_url="reference/components/"))
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in sorted(california_strings(), key=len, reverse=True)))
    assert sorted({m.group() for m in pattern.finditer(html)}) == []


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Path]) -> tuple[Toolkit, Path]:
    folder = tmp_path_factory.mktemp("second") / "northfield"
    toolkit = write_second_toolkit(folder)
    return toolkit, build_site(toolkit, folder / "site")


def _nav(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [a["href"] for a in soup.select(".md-nav--primary a.md-nav__link")]


def _h1(page: Path) -> str:
    h1 = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article h1")
    for permalink in h1.select(".headerlink"):
        permalink.decompose()
    return h1.get_text()


def test_every_competency_handout_and_resource_of_the_second_toolkit_has_its_page_and_menu_entry(second_site: tuple[Toolkit, Path]) -> None:
    _, site = second_site
    nav = _nav(site / "index.html")
    assert [h for h in nav if h.startswith("competencies/") and h != "competencies/"] == [f"competencies/{c}/" for c, _ in COMPETENCIES]
    assert [h for h in nav if h.startswith("handouts/") and h != "handouts/"] == [f"handouts/{h}/" for h, *_ in HANDOUTS]
    assert "certification/" not in nav and not (site / "certification").exists()  # the page this toolkit removed
    for cid, name in COMPETENCIES:
        assert _h1(site / "competencies" / cid / "index.html") == name
    for hid, title, *_ in HANDOUTS:
        assert _h1(site / "handouts" / hid / "index.html") == title
        assert (site / "handouts" / "pdf" / f"{hid}.pdf").stat().st_size > 1000
    resources = BeautifulSoup((site / "resources" / "index.html").read_text("utf-8"), "html.parser")
    listed = [li["data-resource-id"] for li in resources.select("li[data-resource-id]")]
    assert sorted(listed) == sorted(r for r, *_ in RESOURCES)
    if (site / "resources" / RESOURCES[0][0]).is_dir():  # once resources have pages of their own (/resources/<id>/)
        for rid, title, _ in RESOURCES:
            assert title in _h1(site / "resources" / rid / "index.html")
    # The framework's own id is named nowhere in the pages: the list, the coverage table and the
    # assessment find the employer framework by its kind.
    index = BeautifulSoup((site / "competencies" / "index.html").read_text("utf-8"), "html.parser")
    assert [li["data-competency-id"] for li in index.select(".pet-competencies li")] == [c for c, _ in COMPETENCIES]
    assert [tr.select_one("a").get_text() for tr in index.select(".pet-coverage tbody tr")] == [n for _, n in COMPETENCIES]
    # The assessment asks the second toolkit's questions, one group per competency.
    assessment = (site / "assessment" / "index.html").read_text("utf-8")
    assert all(f"Does your organization practise {name.lower()}?" in assessment for _, name in COMPETENCIES)


def test_the_second_toolkit_names_itself_and_nothing_of_the_california_toolkit_appears(second_site: tuple[Toolkit, Path]) -> None:
    _, site = second_site
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert home.title.get_text() == TITLE
    assert TITLE in home.select_one(".md-header__topic").get_text()
    assert f"This is the {YEAR} edition, published by {PUBLISHER}." in home.get_text(" ", strip=True)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    forbidden = california_strings()
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in sorted(forbidden, key=len, reverse=True)))
    found = {(p.relative_to(site).as_posix(), m.group()) for p in pages for m in pattern.finditer(p.read_text("utf-8"))}
    assert not found, sorted(found)[:20]


def test_a_broken_file_in_the_second_toolkit_stops_its_build_naming_that_file(tmp_path: Path, build_site: Callable[..., Path]) -> None:
    toolkit = write_second_toolkit(tmp_path / "northfield")
    competencies = toolkit.catalog / "competencies.yaml"
    competencies.write_text(competencies.read_text("utf-8").replace("number: 3", "number: three"), "utf-8")
    line = competencies.read_text("utf-8").splitlines().index("  number: three") + 1
    from pet_generator.pipeline.errors import BuildFailed

    with pytest.raises(BuildFailed) as failed:
        build_site(toolkit, tmp_path / "site")
    assert f"{display_path(competencies)}:{line}:11: " in str(failed.value)
    assert not (tmp_path / "site").exists()


# Fast checks: the scaffold, the settings file and the command line, without building.


def test_scripts_validate_names_the_broken_file_as_the_user_typed_it(tmp_path: Path) -> None:
    toolkit = write_second_toolkit(tmp_path / "northfield")
    handouts = toolkit.catalog / "handouts.yaml"
    handouts.write_text(handouts.read_text("utf-8").replace("competencies: [nw-fair-pay]", "competencies: [nw-fair-pai]"), "utf-8")
    line = handouts.read_text("utf-8").splitlines().index("  competencies: [nw-fair-pai]") + 1
    result = subprocess.run([ROOT / "scripts" / "validate", "--toolkit", "northfield"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(rf"^northfield/catalog/handouts\.yaml:{line}:\d+: 'nw-fair-pai' is not an id in competencies\.yaml", result.stdout, re.M), (
        result.stdout
    )
    # Fixed, the catalog passes; the toolkit's settings are checked too, as the build checks them.
    handouts.write_text(handouts.read_text("utf-8").replace("[nw-fair-pai]", "[nw-fair-pay]"), "utf-8")
    (toolkit.settings or tmp_path).write_text("nav:\n  - index.md\ncolor: red\n", "utf-8")
    result = subprocess.run([ROOT / "scripts" / "validate", "--toolkit", "northfield"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.startswith("northfield/toolkit.yml:3:1: unknown setting 'color'"), result.stdout
    missing = subprocess.run([ROOT / "scripts" / "validate", "--toolkit", "nowhere"], cwd=tmp_path, capture_output=True, text=True)
    assert missing.returncode == 1 and "nowhere: no such toolkit folder; start one with scripts/new-toolkit nowhere" in missing.stderr


def test_new_toolkit_makes_a_valid_toolkit_without_california_wording(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    new_toolkit(folder, "Example Toolkit", "Example Organization", 2027)
    cat = load_catalog(folder / "catalog")
    assert cat["edition"]["title"] == "Example Toolkit" and cat["edition"]["year"] == 2027
    assert all(cat[kind] for kind in ("competencies", "handouts", "resources", "glossary", "facts", "scope"))  # one of each kind
    config = write_project(cat, tmp_path / "project", toolkit=toolkit_at(folder)).read_text("utf-8")
    assert "site_name: Example Toolkit" in config and "handouts/supervisor-checklist.md" in config
    assert (tmp_path / "project" / "docs" / "assets" / "site.css").is_file()  # the generator's look
    assert (tmp_path / "project" / "docs" / "reference" / "catalog-fields.md").is_file()
    words = {"California", "CalMHSA", "Cal Voices", "Sacramento", "Medi-Cal", "DHCS", "MHSA", "Peer Employer Toolkit"}
    for page in (folder / "docs").rglob("*.md"):
        text = page.read_text("utf-8")
        assert not [w for w in words if w in text], page
        # Macro calls name no record of the California catalog (the skeleton's ids are the templates').
        named = set(re.findall(r"\{\{[^}]*'([a-z0-9-]+)'", re.sub(r"\{#.*?#\}", "", text, flags=re.S)))  # hints aside
        assert named <= {"roles", "settings"}, (page, named)
    readme = (folder / "README.md").read_text("utf-8")
    assert "# Example Toolkit" in readme and "scripts/build --toolkit" in readme and "{folder}" not in readme


def test_new_toolkit_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(NewToolkitError, match="already exists and is not an empty folder"):
        new_toolkit(tmp_path / "ours", "T", "P", 2027)
    assert [p.name for p in (tmp_path / "ours").iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours"]  # no half-made folder beside it
    with pytest.raises(NewToolkitError, match="the new catalog does not validate"):
        new_toolkit(tmp_path / "bad", "A title\nwith two lines", "P", 2027)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours"]
    result = subprocess.run([ROOT / "scripts" / "new-toolkit", "ours"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "error: ours already exists and is not an empty folder" in result.stderr


def test_toolkit_settings_are_checked_with_their_position(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    new_toolkit(folder, "Example Toolkit", "Example Organization", 2027)
    settings = folder / "toolkit.yml"
    settings.write_text(settings.read_text("utf-8") + "theme:\n  name: readthedocs\n", "utf-8")
    line = settings.read_text("utf-8").splitlines().index("theme:") + 1
    cat = load_catalog(folder / "catalog")
    with pytest.raises(ToolkitError, match=rf"toolkit\.yml:{line}:1: unknown setting 'theme'"):
        write_project(cat, tmp_path / "project", toolkit=toolkit_at(folder))
    settings.write_text("nav:\n  - index.md\nsite_description: [a, b]\n", "utf-8")
    with pytest.raises(ToolkitError, match=r"toolkit\.yml:3:1: 'site_description' must be one line of text"):
        write_project(cat, tmp_path / "project", toolkit=toolkit_at(folder))
    settings.write_text("site_description: Ours.\n", "utf-8")
    with pytest.raises(ToolkitError, match=r"toolkit\.yml:1:1: the toolkit's menu is missing: add `nav:`"):
        write_project(cat, tmp_path / "project", toolkit=toolkit_at(folder))
    settings.write_text("nav:\n  - Home: index.md\n  - Tools:\n      - handouts/index.md\n", "utf-8")
    with pytest.raises(PagesError, match=rf"{re.escape(display_path(settings))}: the nav has no competencies/index\.md"):
        write_project(cat, tmp_path / "project", toolkit=toolkit_at(folder))


def test_a_title_the_theme_would_print_as_markup_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    new_toolkit(folder, "Example Toolkit", "Example Organization", 2027)
    edition = folder / "catalog" / "edition.yaml"
    edition.write_text(edition.read_text("utf-8").replace('title: "Example Toolkit"', 'title: "Peers <b>&</b> us"'), "utf-8")
    line = edition.read_text("utf-8").splitlines().index('title: "Peers <b>&</b> us"') + 1
    with pytest.raises(ToolkitError, match=rf"edition\.yaml:{line}:8: the title is also the site's name"):
        write_project(load_catalog(folder / "catalog"), tmp_path / "project", toolkit=toolkit_at(folder))


def test_scripts_take_the_toolkit_option_and_explain_it() -> None:
    for script in ("build", "validate", "export", "server", "new-toolkit"):
        result = subprocess.run([ROOT / "scripts" / script, "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "--toolkit" in result.stdout or script == "new-toolkit", script
        assert "DIR" in result.stdout, script
