"""Hostile input, round 3 (issue 21): one regression test per class, named after it.

The catalog's own hostile snippets live in tests/fixtures/hostile/ (test_hostile_catalog.py);
these tests cover the surfaces around it: the link report, dates, pages, settings, the scan.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.catalog import dates, export, reserved, safety, urls
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog.link_report import PROOF_ENV, matches_workflow_run
from pet_generator.catalog.loader import Catalog, check_catalog, load_catalog
from pet_generator.catalog.markdown_safe import code_span
from pet_generator.catalog.safety import UnsafeId
from pet_generator.pipeline import pages, resource_pages, site_scan
from pet_generator.pipeline.pages import PagesError, write_project
from pet_generator.pipeline.toolkit import Toolkit, ToolkitError, read_settings
from pet_generator.site.entry import inline_or_block
from pet_generator.site.html import Context
from pet_generator.site.maintainers import link_evidence, link_report
from pet_generator.tools.check_links import LinkResult, write_report

MINIMAL = FIXTURES / "minimal"

# ---------------------------------------------------------------- 5. what other hosts write into our reports

REMOTE_VALUES = [
    "https://evil.example/@admin ![x](https://evil.example/pixel.png) <img src=x onerror=alert(1)>",
    "see [here](javascript:alert(1)) and #1 and @org/team",
    "a `tick` and ``two`` and ```three```",
    "`starts and ends with a backtick`",
    "pipe | splits | cells \\| and an escaped one",
    "line one\n# a heading\r\n- a list\u2028and a separator",
    "right-to-left \u202eevil\u202c and zero\u200bwidth",
    "trailing backslash \\",
    "x" * 5000,
]


def _cells(row: str) -> list[str]:
    """A GFM table row split the way GFM splits it: at each `|` not preceded by a backslash."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def _is_one_code_span(cell: str) -> bool:
    match = re.fullmatch(r"(`+) (.*) \1", cell, re.DOTALL)
    return bool(match) and not re.search(rf"(?<!`){match.group(1)}(?!`)", match.group(2))


@pytest.mark.parametrize("value", REMOTE_VALUES)
def test_what_other_hosts_write_into_our_reports_stays_in_one_code_span(value: str) -> None:
    span = code_span(value)
    assert "\n" not in span and "\r" not in span and "\u2028" not in span and "\u202e" not in span
    assert _is_one_code_span(span.replace("\\|", "|")), span
    assert len(span) < 400


def test_what_other_hosts_write_into_our_reports_cannot_add_links_mentions_or_images(tmp_path: Path) -> None:
    results = [
        LinkResult("resources", f"r{i}", "T", "https://example.org/a|b", "broken" if i % 2 else "redirected", 500, value, value)
        for i, value in enumerate(REMOTE_VALUES)
    ]
    _, md_path = write_report(results, tmp_path)
    rows = [line for line in md_path.read_text("utf-8").splitlines() if line.startswith("| ") and "Status" not in line]
    assert len(rows) == len(REMOTE_VALUES)
    for row in rows:
        status, entry, url, detail, *_history = _cells(row)  # the History column holds only our own words
        assert status in ("broken", "redirected")
        assert re.fullmatch(r"resources: ` r\d+ `", entry), entry
        assert _is_one_code_span(url.replace("\\|", "|")) and _is_one_code_span(detail.replace("\\|", "|")), row
    outside_spans = re.sub(r"(`+) .*? \1", "", "\n".join(rows))
    assert not re.search(r"[@!<\[#]", outside_spans), outside_spans


# ---------------------------------------------------------------- 6. proof of checks cannot come from the future


def test_proof_of_checks_cannot_come_from_the_future_one_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PET_TODAY", "2027-03-12")
    assert not dates.from_the_future("2027-03-13")  # one day of slack: a maintainer ahead of the build's time zone
    assert dates.from_the_future("2027-03-14") and dates.from_the_future("2099-12-31T00:00:00+00:00")
    assert not dates.from_the_future("not a date") and not dates.from_the_future(None)
    assert dates.latest_done_date() == datetime.date(2027, 3, 13)


# Reviews live in catalog/reviews.yaml (a `reviewed` field on a record is refused outright);
# tests/test_reviews.py proves a review dated after today is refused there.
@pytest.mark.parametrize("field", ["copy_checked", "live_checked"])
def test_proof_of_checks_cannot_come_from_the_future_in_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    monkeypatch.setenv("PET_TODAY", "2026-12-07")
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    path = cat / "resources.yaml"
    text = path.read_text("utf-8")
    if field in ("copy_checked", "live_checked"):
        text = text.replace('    copy_checked: "2026-01-01"\n', f'    {field}: "2026-12-09"\n', 1)
    else:
        text = text.replace("  source:\n    source: fixture-source\n", f'  source:\n    source: fixture-source\n  {field}: "2026-12-09"\n', 1)
    path.write_text(text, "utf-8")
    _, errors = check_catalog(cat)
    assert [str(e).split("resources.yaml:")[1][:5] for e in errors if "after today" in e.message], errors
    monkeypatch.setenv("PET_TODAY", "2026-12-08")  # the next day the same date is within the slack
    assert check_catalog(cat)[1] == []


def _report(url: str, run_id: str = "123") -> dict:
    return {
        "checked_at": "2026-12-01T06:17:00+00:00",
        "run": {
            "repository": "org/toolkit",
            "run_id": run_id,
            "workflow_ref": "org/toolkit/.github/workflows/links.yml@refs/heads/main",
            "commit": "a" * 40,
        },
        "results": [{"collection": "resources", "id": "supervision-guide", "title": "T", "url": url, "status": "ok", "http_status": 200}],
    }


def test_proof_of_checks_a_committed_report_counts_only_when_it_is_the_workflows_own_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PET_TODAY", "2026-12-07")
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    (cat / "reports").mkdir()
    report = _report("https://example.org/supervision")
    (cat / "reports" / "external-links.json").write_text(json.dumps(report), "utf-8")
    catalog = load_catalog(cat)

    def page() -> str:
        return link_evidence(catalog, Context(page_url="maintainers/"))

    monkeypatch.delenv(PROOF_ENV, raising=False)
    assert not matches_workflow_run(report)
    assert "<strong>never checked live</strong>" in page() and "ok in the link report" not in page()
    assert "not confirmed as the link-check workflow" in link_report(catalog, Context(page_url="maintainers/"))

    proof = tmp_path / "proof.json"
    monkeypatch.setenv(PROOF_ENV, str(proof))
    for forged in (_report("https://example.org/supervision", run_id="999"), _report("https://example.org/other"), {"results": []}):
        proof.write_text(json.dumps(forged), "utf-8")  # another run, other results, or no run at all
        assert not matches_workflow_run(report)
        assert "never checked live" in page()
    proof.write_text("{not json", "utf-8")
    assert not matches_workflow_run(report)

    proof.write_text(json.dumps(report, indent=1), "utf-8")  # the run's own artifact: same content
    assert matches_workflow_run(report)
    assert "ok in the link report" in page() and "0 never checked live" in page() and "<strong>never" not in page()
    unsigned = {k: v for k, v in report.items() if k != "run"}
    proof.write_text(json.dumps(unsigned), "utf-8")
    assert not matches_workflow_run(unsigned)  # a report that names no run is never proof


def test_proof_of_checks_the_report_names_its_run_only_inside_github_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = [LinkResult("resources", "x", "T", "https://example.org/", "ok", 200)]
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    json_path, _ = write_report(result, tmp_path)
    assert "run" not in json.loads(json_path.read_text("utf-8"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_RUN_ID", "4242")
    monkeypatch.setenv("GITHUB_REPOSITORY", "org/toolkit")
    json_path, _ = write_report(result, tmp_path)
    assert json.loads(json_path.read_text("utf-8"))["run"]["run_id"] == "4242"


# ---------------------------------------------------------------- 1. files outside the repository


def _tree_with(tmp_path: Path, plant: str) -> Path:
    """A docs folder with one page and one planted entry of the given kind."""
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("token=secret\n", "utf-8")
    target = docs / "sub" / "planted.md"
    if plant == "link-to-system-file":
        target.symlink_to("/etc/passwd")
    elif plant == "link-outside":
        target.symlink_to(outside)
    elif plant == "link-inside":
        target.symlink_to(docs / "index.md")  # even a link that stays inside: never followed
    elif plant == "folder-link":
        (docs / "linked").symlink_to(tmp_path, target_is_directory=True)
    elif plant == "pipe":
        os.mkfifo(target)
    elif plant == "hard-link":
        os.link(outside, target)
    return docs


@pytest.mark.parametrize("plant", ["link-to-system-file", "link-outside", "link-inside", "folder-link", "pipe", "hard-link"])
def test_files_outside_the_repository_are_never_read_from_docs(tmp_path: Path, plant: str) -> None:
    docs = _tree_with(tmp_path, plant)
    with pytest.raises(catalog_files.FileRefused) as caught:
        catalog_files.read_tree(docs, "docs")
    message = str(caught.value)
    assert message.startswith("docs/sub/planted.md: " if plant != "folder-link" else "docs/linked: "), message
    assert "secret" not in message and "root:" not in message


def test_files_outside_the_repository_a_linked_docs_folder_or_settings_file_is_refused(tmp_path: Path) -> None:
    real = _tree_with(tmp_path / "real", "none")
    (tmp_path / "docs").symlink_to(real, target_is_directory=True)
    with pytest.raises(catalog_files.FileRefused, match="is a symbolic link, not a folder"):
        catalog_files.read_tree(tmp_path / "docs", "docs")
    (tmp_path / "toolkit.yml").symlink_to("/etc/passwd")
    with pytest.raises(ToolkitError, match=r"toolkit\.yml:1:1: is a symbolic link"):
        read_settings(tmp_path / "toolkit.yml")


@pytest.mark.parametrize("tree", ["docs", "overrides"])
def test_files_outside_the_repository_never_reach_the_engine_project(tmp_path: Path, tree: str) -> None:
    """docs/ and overrides/ (which the engine copies into the site) are read like the catalog."""
    root = tmp_path / "generator"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (root / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    (root / tree / "leak.txt").symlink_to("/etc/passwd")
    cat = load_catalog(MINIMAL)
    toolkit = Toolkit(catalog=MINIMAL, docs=root / "docs", config=root / "mkdocs.yml")
    with pytest.raises(PagesError, match=rf"{tree}/leak\.txt: is a symbolic link"):
        write_project(cat, tmp_path / "project", root=root, toolkit=toolkit)
    (root / tree / "leak.txt").unlink()
    write_project(cat, tmp_path / "project", root=root, toolkit=toolkit)
    copied = tmp_path / "project" / "overrides"
    assert not copied.is_symlink() and (copied / "main.html").read_bytes() == (ROOT / "overrides" / "main.html").read_bytes()


# ---------------------------------------------------------------- 2. a toolkit's own schema and settings cannot loosen safety


def _loosened_catalog(tmp_path: Path) -> Path:
    """The minimal catalog with its own common schema: any id, and no x-url on addresses."""
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    common = json.loads((ROOT / "catalog" / "schema" / "common.schema.json").read_text("utf-8"))
    common["$defs"]["id"] = {"type": "string"}
    text = json.dumps(common).replace('"x-url": true', '"x-url": false')
    (cat / "schema").mkdir()
    (cat / "schema" / "common.schema.json").write_text(text, "utf-8")
    return cat


def test_a_toolkits_own_schema_cannot_loosen_ids_or_addresses(tmp_path: Path) -> None:
    cat = _loosened_catalog(tmp_path)
    resources = cat / "resources.yaml"
    text = resources.read_text("utf-8").replace("- id: supervision-guide\n", '- id: "../../x"\n', 1)
    resources.write_text(text.replace("url: https://example.org/supervision", 'url: "javascript:alert(1)"', 1), "utf-8")
    _, errors = check_catalog(cat)
    shown = [f"{Path(e.file).name}:{e.line}:{e.col}: {e.message}" for e in errors]
    assert any(e.startswith("resources.yaml:1:7: 'id' '../../x' is not a valid id") for e in shown), shown
    assert any(e.startswith("resources.yaml:13:8: url 'javascript:alert(1)'") for e in shown), shown


def test_a_toolkits_own_schema_cannot_make_a_path_outside_the_site_or_an_unsafe_address_in_a_download(tmp_path: Path) -> None:
    with pytest.raises(UnsafeId):
        urls.resource_page("../../x")
    with pytest.raises(UnsafeId):
        urls.handout_pdf("a/../../b")
    with pytest.raises(UnsafeId):
        safety.inside(tmp_path / "site", "resources/../../x/index.html")
    assert safety.inside(tmp_path / "site", "resources/x/index.html") == (tmp_path / "site" / "resources/x/index.html").resolve()
    # Whatever reached an export (here a catalog the loader never saw), each address passes the pages' check.
    good = load_catalog(MINIMAL)
    data = copy.deepcopy(good.data)
    data["resources"][0]["url"] = "javascript:alert(1)"
    data["resources"][0]["url_evidence"]["page"] = "data:text/html,<b>x</b>"
    data["edition"]["site_url"] = "https://example.org/?q=1#x"
    bad = Catalog(root=good.root, data=data)
    outputs = [json.dumps(export.to_json(bad)), export.to_csv(bad), json.dumps(export.to_csl_json(bad)), export.to_bibtex(bad), export.to_atom(bad)]
    for output in outputs:
        assert "javascript:" not in output and "data:text" not in output and "?q=1" not in output


@pytest.mark.parametrize(
    ("settings", "where", "words"),
    [
        ("nav:\n  - '<img src=x onerror=alert(1)>': index.md\n", "3:5", "the nav title contains < > &"),
        ("nav:\n  - Tools:\n      - '<b></b>': index.md\n", "4:9", "the nav title contains < > &"),
        ("nav:\n  - '  ': index.md\n", "3:5", "the nav title is blank"),
        ("nav:\n  - Home: 'javascript:alert(1)'\n", "3:11", "must be a page in docs/"),
        ("nav:\n  - Home: ../../etc/passwd.md\n", "3:11", "must be a page in docs/"),
        ("nav:\n  - Home: https://127.0.0.1/\n", "3:11", "nav address"),
        ("site_description: 'A \"quoted\" <meta>'\nnav:\n  - index.md\n", "1:19", "site_description contains < > &"),
        ('site_description: "two\\nlines"\nnav:\n  - index.md\n', "1:19", "line break"),
    ],
)
def test_a_toolkits_settings_are_validated_with_positions(tmp_path: Path, settings: str, where: str, words: str) -> None:
    path = tmp_path / "toolkit.yml"
    path.write_text("# settings\n" + settings if settings.startswith("nav") else settings, "utf-8")
    with pytest.raises(ToolkitError) as caught:
        read_settings(path)
    assert any(line.split("toolkit.yml:", 1)[1].startswith(f"{where}: ") and words in line for line in str(caught.value).splitlines()), str(
        caught.value
    )


def test_a_toolkits_settings_the_skeleton_passes(tmp_path: Path) -> None:
    assert read_settings(ROOT / "macros" / "pet_generator" / "tools" / "skeleton" / "toolkit.yml")["nav"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("repository", "https://github.com/org/toolkit?x=1"),
        ("repository", "https://github.com/org/toolkit#top"),
        ("contact_email", "a@example.org?bcc=b@example.org"),
    ],
)
def test_a_toolkits_repository_and_contact_are_plain(tmp_path: Path, field: str, value: str) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    edition = cat / "edition.yaml"
    text = edition.read_text("utf-8")
    text = re.sub(rf"(?m)^{field}:.*$", f'{field}: "{value}"', text) if f"{field}:" in text else text + f'{field}: "{value}"\n'
    edition.write_text(text, "utf-8")
    _, errors = check_catalog(cat)
    assert any(Path(e.file).name == "edition.yaml" and field in e.message and e.line > 1 for e in errors), errors


def test_catalog_text_cannot_forge_the_page_machinery_assembled_pages_are_sampled_for_the_whole_scan() -> None:
    assert resource_pages.assembled_sample(3) == {0, 1, 2}
    sample = resource_pages.assembled_sample(10_000)
    assert len(sample) == resource_pages.WHOLE_PAGES_SCANNED and {0, 9_999} <= sample


@pytest.mark.parametrize("site_url", ["https://example.org/?utm=1", "https://example.org/#top", "https://user@example.org/"])
def test_a_toolkits_site_url_has_no_query_fragment_or_user(tmp_path: Path, site_url: str) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    edition = cat / "edition.yaml"
    text = edition.read_text("utf-8")
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}", text) if "site_url:" in text else text + f"site_url: {site_url}\n"
    edition.write_text(text, "utf-8")
    _, errors = check_catalog(cat)
    assert any(Path(e.file).name == "edition.yaml" and "url" in e.message and e.line > 1 for e in errors), errors


# ---------------------------------------------------------------- 3. the safety scan reads pages the way a browser does

REFRESH = '<meta http-equiv="refresh" content="0; url=https://evil.example/">'
BROWSER_READS = {
    "early-comment-end": f"<!-->{REFRESH}-->",
    "early-comment-end-dash": f"<!--->{REFRESH}-->",
    "bang-comment-end": f"<!-- x --!>{REFRESH}-->",
    "noscript-attribute": f'<noscript><p title="</noscript>{REFRESH}"></noscript>',
    "textarea-attribute": f'<textarea><p title="</textarea>{REFRESH}"></textarea>',
    "title-attribute": f'<title><p title="</title>{REFRESH}"></title>',
    "end-tag-with-attributes": f"<style>p{{}}</style x>{REFRESH}</style>",
    "cdata-section": f"<![CDATA[ >{REFRESH} ]]>",
    "svg-animate-href": '<svg><a href="#x"><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
    "svg-set-xlink-href": '<svg><a xlink:href="#x"><set attributeName="xlink:href" to="https://evil.example/"/></a></svg>',
    "svg-image-elsewhere": '<svg><image href="https://evil.example/pixel.png"/></svg>',
    "svg-use-elsewhere": '<svg><use xlink:href="https://evil.example/sprite.svg#a"/></svg>',
    "css-second-url": '<p style="background: url(/ok.png), url(https://evil.example/x.png)">x</p>',
    "css-escaped-url": '<p style="background: \\75rl(https://evil.example/x.png)">x</p>',
    "css-escaped-scheme": '<p style="background: url(\\68ttps://evil.example/x.png)">x</p>',
    "css-image-set": "<p style=\"background-image: image-set('https://evil.example/x.png' 1x)\">x</p>",
    "css-comment-before-url": "<style>p { background:/**/url(https://evil.example/x.png) }</style>",
    "css-import": '<style>@import "https://evil.example/x.css";</style>',
    "table-background": '<table background="https://evil.example/x.png"><tr><td>x</td></tr></table>',
    "a-ping": '<a href="/" ping="https://evil.example/track">x</a>',
    "link-prerender": '<link rel="prerender" href="https://evil.example/">',
    "link-preload-imagesrcset": '<link rel="preload" as="image" imagesrcset="/ok.png 1x, https://evil.example/x.png 2x">',
    "target-blank": '<a href="https://example.org/" target="_blank">x</a>',
    "referrer-meta": '<meta name="referrer" content="unsafe-url">',
    "referrerpolicy-attribute": '<a href="https://example.org/" referrerpolicy="unsafe-url">x</a>',
    "duplicate-element-id": '<h2 id="glossary">Glossary</h2><dt id="glossary">A term</dt>',
}


@pytest.mark.parametrize("name", list(BROWSER_READS))
def test_the_safety_scan_reads_pages_the_way_a_browser_does(name: str) -> None:
    findings = site_scan.scan_fragment("x/index.html", BROWSER_READS[name])
    assert findings, f"{name} passed the scan"


def test_the_safety_scan_still_passes_what_browsers_read_the_same_way() -> None:
    fine = (
        '<p style="background: url(/ok.png); font-family: \'Roboto\'">x</p><svg><title>an icon</title><use href="#i"/></svg>'
        '<a href="https://example.org/" target="_blank" rel="noopener">x</a><textarea id="n"></textarea><!-- a comment -->'
    )
    assert site_scan.scan_fragment("x/index.html", fine) == []


# ---------------------------------------------------------------- 4. catalog text cannot forge the page machinery


def test_catalog_text_cannot_forge_the_page_machinery_markers_carry_a_build_nonce() -> None:
    for marker in (pages.TITLE, pages.DESCRIPTION, pages.BODY):
        assert pages.MARKER_NONCE in marker and len(pages.MARKER_NONCE) == 16
    assert pages.BODY != "PETRESOURCEBODY"


def _shell(nav: str, body_markers: int = 1) -> str:
    return (
        f'<html><head><title>{pages.TITLE} - Site</title><meta name=description content="{pages.DESCRIPTION}"></head>'
        f"<body><nav>{nav}</nav><h1>{pages.TITLE}</h1>" + f"<p>{pages.BODY}</p>" * body_markers + "</body></html>"
    )


def test_catalog_text_cannot_forge_the_page_machinery_the_shell_is_checked() -> None:
    parts = resource_pages._template(_shell('<a href="../../competencies/pet-page-policy/">Keeping the pet-page words</a>'))
    assert parts.count(f"<p>{pages.BODY}</p>") == 1  # a name with the shell's word in it is only text
    with pytest.raises(resource_pages.ResourcePagesFailed, match="holds its body marker 2 times"):
        resource_pages._template(_shell("", body_markers=2))
    with pytest.raises(resource_pages.ResourcePagesFailed, match=r"index\.html:1: the shell page's own address"):
        resource_pages._template(_shell('<a href="../pet-page/">self</a>'))


def test_on_this_page_repeats_the_layouts_entry_for_each_section_escaped() -> None:
    # The shell's one table-of-contents entry (for its marker heading, between the body's markers)
    # becomes one entry per <h2 id> of a resource's body; the skip link leads to the first one.
    slug = pages.TOC.lower()
    entry = f'<li class="md-nav__item"><a href="#{slug}" class="md-nav__link">{pages.TOC}</a></li>'
    shell = _shell(f'<a href="#{slug}" class="md-skip">Skip</a><ul class="toc">{entry}</ul>').replace(
        f"<p>{pages.BODY}</p>", f'<p>{pages.BODY}</p>\n<h2 id="{slug}">{pages.TOC}</h2>\n<p>{pages.BODY_END}</p>'
    )
    parts = resource_pages._template(shell)
    assert entry in parts and f'href="#{slug}"' in parts and pages.TOC not in "".join(parts[::2])
    body = '<h2 id="pet-summary">Summary</h2><p>x</p><h2 id="pet-cite">Cite <abbr title="t">&lt;b&gt;</abbr> &amp; {{ 1 }}</h2><h3 id="no">Not listed</h3>'
    toc = resource_pages.table_of_contents(entry, resource_pages._SECTION.findall(body))
    assert toc == (
        '<li class="md-nav__item"><a href="#pet-summary" class="md-nav__link">Summary</a></li>'
        '<li class="md-nav__item"><a href="#pet-cite" class="md-nav__link">Cite &lt;b&gt; &amp; &#123;&#123; 1 &#125;&#125;</a></li>'
    )
    # A theme that shows the heading's words elsewhere than in a linked list item: the build stops.
    with pytest.raises(resource_pages.ResourcePagesFailed, match="table-of-contents heading outside a list item"):
        resource_pages._template(shell.replace("<ul", f"<p>{pages.TOC}</p><ul"))


def test_catalog_text_cannot_forge_the_page_machinery_inline_macros_stay_inline() -> None:
    import markdown

    note = '<span class="pet-fact">12 (see below\n\n# A heading\n\n- a list\n\n    code) </span>'
    page = f"- An item that cites {inline_or_block(note)} and goes on.\n- The next item\n"
    html = markdown.markdown(page)
    assert "<h1" not in html and "<pre" not in html and html.count("<li>") == 2, html
    block = "\n\n<div>a block</div>\n\n"
    assert inline_or_block(block) == block


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("handouts.yaml", "- id: sample-checklist\n", "- id: index\n"),
        ("handouts.yaml", "- id: sample-checklist\n", "- id: pdf\n"),
        ("resources.yaml", "- id: supervision-guide\n", "- id: resources\n"),
        ("glossary.yaml", "- id: samhsa\n", "- id: glossary\n"),
        ("resources.yaml", "- id: supervision-guide\n", "- id: highlights\n"),
    ],
)
def test_catalog_text_cannot_forge_the_page_machinery_reserved_ids_are_refused_at_validate(tmp_path: Path, file: str, old: str, new: str) -> None:
    cat = copy_catalog(tmp_path / "catalog", MINIMAL)
    text = (cat / file).read_text("utf-8")
    assert old in text
    (cat / file).write_text(text.replace(old, new, 1), "utf-8")
    _, errors = check_catalog(cat)
    assert any(Path(e.file).name == file and (e.line, e.col) == (1, 7) and "already used by the site" in e.message for e in errors), errors


def test_catalog_text_cannot_forge_the_page_machinery_reserved_ids_cover_the_sites_own_element_ids() -> None:
    written = set()
    site = ROOT / "macros" / "pet_generator" / "site"
    # The macros, the components' templates and the theme overrides all write element ids.
    for path in [*site.glob("*.py"), *site.rglob("*.j2"), *(ROOT / "overrides").rglob("*.html")]:
        written |= set(re.findall(r'\bid="([a-z][a-z0-9-]*)"', path.read_text("utf-8")))
    missing = {i for i in written if not i.startswith("pet-")} - set(reserved.RESERVED)
    assert not missing, f"add {sorted(missing)} to SITE_ELEMENT_IDS in macros/pet_generator/catalog/reserved.py (or start them with 'pet-')"


# ---------------------------------------------------------------- 7. the browser tools survive crafted files and links

CSV_CASES = json.loads((FIXTURES / "csv-formula-cases.json").read_text("utf-8"))["cases"]


def _expected(case: dict) -> str:
    return "'" + case["cell"] if case["defused"] else case["cell"]


def test_the_browser_tools_one_csv_formula_rule_in_python() -> None:
    wrong = [c["cell"] for c in CSV_CASES if export._defuse(c["cell"]) != _expected(c)]
    assert not wrong, wrong


def _node(script: str) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (scripts/bootstrap installs it)")
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_browser_tools_one_csv_formula_rule_in_javascript() -> None:
    """docs/assets/pet.js, which the assessment's CSV export uses, against the same cases."""
    script = (
        "global.window = {}; require(" + json.dumps(str(ROOT / "docs" / "assets" / "pet.js")) + ");"
        "const cases = " + json.dumps([c["cell"] for c in CSV_CASES]) + ";"
        "process.stdout.write(JSON.stringify(cases.map(c => [window.pet.csvText(c), window.pet.csvCell(c)])));"
    )
    got = _node(script)
    wrong = [c["cell"] for c, (text, _) in zip(CSV_CASES, got, strict=True) if text != _expected(c)]
    assert not wrong, wrong
    assert all(quoted == '"' + _expected(c).replace('"', '""') + '"' for c, (_, quoted) in zip(CSV_CASES, got, strict=True))
    assessment = (ROOT / "docs" / "assets" / "assessment.js").read_text("utf-8")
    assert "window.pet.csvCell(v)" in assessment and "/^[=+" not in assessment  # no second, weaker rule


def test_catalog_text_cannot_forge_the_page_machinery_an_id_naming_a_hand_written_page_fails_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pet_generator.tools import cli

    folder = tmp_path / "toolkit"
    copy_catalog(folder / "catalog", MINIMAL)
    shutil.copytree(ROOT / "macros" / "pet_generator" / "tools" / "skeleton" / "docs", folder / "docs")
    shutil.copyfile(ROOT / "macros" / "pet_generator" / "tools" / "skeleton" / "toolkit.yml", folder / "toolkit.yml")
    assert cli.validate(["--toolkit", str(folder)]) == 0, capsys.readouterr()
    (folder / "docs" / "handouts" / "sample-checklist.md").write_text("# By hand\n", "utf-8")
    assert cli.validate(["--toolkit", str(folder)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"handouts\.yaml:1:7: the id 'sample-checklist' is the name of the hand-written page", out), out
