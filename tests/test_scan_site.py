"""The post-build safety scan catches markup that could run script or leave the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pet_generator.pipeline import site_scan
from pet_generator.pipeline.errors import BuildFailed
from pet_generator.site import csp

PAGE = "competencies/index.html"  # a page two levels deep, with Material's inline scripts

# (case, markup injected at the start of <main>, words of the finding)
BAD = [
    ("inline script", "<script>alert(1)</script>", "unexpected inline script"),
    ("empty self-closed script", "<script/>alert(1)</script>", "unexpected inline script"),
    ("script from another host", '<script src="https://cdn.example/x.js"></script>', "outside assets/"),
    ("protocol-relative script", '<script src="//cdn.example/x.js"></script>', "outside assets/"),
    ("script outside the site", '<script src="../../../evil.js"></script>', "outside assets/"),
    ("script from a page folder", '<script src="../handouts/x.js"></script>', "outside assets/"),
    ("onerror", "<img src=x onerror=alert(1)>", "event-handler attribute onerror"),
    ("upper-case ONLOAD", "<svg ONLOAD=alert(1)></svg>", "event-handler attribute onload"),
    ("onmouseover break-out", '<a href="https://x.org/" onmouseover="alert(1)">x</a>', "onmouseover"),
    ("javascript href", '<a href="javascript:alert(1)">x</a>', "scheme 'javascript:'"),
    ("mixed-case javascript", '<a href="JaVaScRiPt:alert(1)">x</a>', "scheme 'javascript:'"),
    ("entity-encoded javascript", '<a href="&#106;avascript:alert(1)">x</a>', "scheme 'javascript:'"),
    ("tab inside the scheme", '<a href="java&#9;script:alert(1)">x</a>', "scheme 'javascript:'"),
    ("leading space", '<a href=" javascript:alert(1)">x</a>', "scheme 'javascript:'"),
    ("data image", '<img src="data:image/svg+xml,<svg onload=alert(1)>">', "scheme 'data:'"),
    ("vbscript", '<a href="vbscript:msgbox(1)">x</a>', "scheme 'vbscript:'"),
    ("form action", '<form action="javascript:alert(1)"></form>', "action with scheme 'javascript:'"),
    ("svg xlink", '<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "xlink:href"),
    ("iframe", '<iframe src="https://x.org/"></iframe>', "unexpected <iframe>"),
    ("base", '<base href="https://evil.example/">', "unexpected <base>"),
    ("meta refresh", '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', "meta refresh"),
    ("meta refresh to https", '<meta http-equiv="refresh" content="0; url=https://evil.example/">', "meta refresh"),
    ("meta refresh, odd case and spaces", '<meta http-equiv=" REFRESH " content="5">', "meta refresh"),
    ("meta refresh without a URL", '<meta http-equiv="refresh" content="1">', "meta refresh"),
    ("form to another host", '<form action="https://evil.example/collect" method="post"><input name="q"></form>', "form action that leaves the site"),
    ("protocol-relative form", '<form action="//evil.example/collect"></form>', "form action that leaves the site"),
    ("backslash form", '<form action="/\\evil.example/collect"></form>', "form action that leaves the site"),
    ("mailto form", '<form action="mailto:a@example.org"></form>', "form action that leaves the site"),
    ("button formaction", '<form action="."><button formaction="https://evil.example/">Go</button></form>', "form formaction that leaves the site"),
    ("user name in a link", '<a href="https://www.bank.example@evil.example/">Your bank</a>', "user name or password"),
    ("password in an image", '<img src="https://u:p@evil.example/x.png" alt="">', "user name or password"),
    ("tab inside a form action", '<form action="ht&#9;tps://evil.example/"></form>', "form action that leaves the site"),
    ("stylesheet from a CDN", '<link rel="stylesheet" href="https://cdn.example/x.css">', "loads https://cdn.example/x.css from another host"),
    ("protocol-relative icon", '<link rel="icon" href="//cdn.example/i.png">', "from another host"),
    ("preconnect", '<link rel="preconnect" href="https://fonts.example">', "from another host"),
    ("image from another host", '<img src="https://tracker.example/p.gif" alt="">', "<img> loads"),
    ("srcset from another host", '<img src="x.png" srcset="x.png 1x, https://cdn.example/x2.png 2x" alt="">', "<img> loads"),
    ("video poster", '<video poster="https://cdn.example/p.jpg"></video>', "<video> loads"),
    ("CSS url() in a style attribute", '<div style="background: url(https://cdn.example/b.png)"></div>', "<div> loads"),
    ("CSS @import", "<style>@import 'https://cdn.example/x.css';</style>", "<style> loads"),
    ("unrendered macro", "<p>{{ cite('samhsa-2015') }}</p>", "template syntax left unrendered"),
    ("unrendered block", "<p>{% for r in resources %}</p>", "template syntax left unrendered"),
]  # fmt: skip


@pytest.fixture
def page_copy(site_dir: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / PAGE).parent.mkdir(parents=True)
    shutil.copy(site_dir / PAGE, site / PAGE)
    return site


def inject(site: Path, markup: str) -> int:
    """Put markup right after <main ...>; return the line it lands on."""
    path = site / PAGE
    text = path.read_text("utf-8")
    at = text.index(">", text.index("<main")) + 1
    path.write_text(text[:at] + "\n" + markup + "\n" + text[at:], "utf-8")
    return text[:at].count("\n") + 2


def test_the_built_site_passes_the_scan(site_dir: Path) -> None:
    assert site_scan.scan_site(site_dir) == []


def test_a_clean_page_passes(page_copy: Path) -> None:
    assert site_scan.scan_site(page_copy) == []


def test_our_scripts_and_links_are_allowed(page_copy: Path) -> None:
    inject(page_copy, '<script src="../assets/x.js"></script><script src="/pagefind/pagefind.js"></script>'
                      '<a href="mailto:a@b.org">m</a><a href="https://x.org/">h</a><a href="../x/#y">r</a>')  # fmt: skip
    assert site_scan.scan_site(page_copy) == []


def test_what_only_looks_like_a_template_or_a_far_file_passes(page_copy: Path) -> None:
    """Escaped braces (catalog text), braces in code or in an attribute, links to other hosts."""
    inject(page_copy, "<p>&#123;&#123; cite('x') &#125;&#125; and &#123;% raw %&#125;</p><code>{{ x }}</code><pre>{% y %}</pre>"
                      '<abbr title="{{ term }}">T</abbr><a href="https://x.org/p.css">p</a><link rel="canonical" href="https://x.org/">'
                      '<img src="../assets/i.png" alt=""><img src="data:image/png;base64,AA==" alt="">')  # fmt: skip
    assert [f for f in site_scan.scan_site(page_copy) if "scheme 'data:'" not in f.problem] == []


@pytest.mark.parametrize(("case", "markup", "words"), BAD, ids=[b[0] for b in BAD])
def test_injected_markup_is_caught_with_file_line_and_snippet(page_copy: Path, case: str, markup: str, words: str) -> None:
    line = inject(page_copy, markup)
    findings = site_scan.scan_site(page_copy)
    assert findings, case
    assert any(f.file == PAGE and f.line == line and words in f.problem for f in findings), [str(f) for f in findings]


def test_our_own_forms_that_stay_on_the_site_pass(page_copy: Path) -> None:
    inject(page_copy, '<form action="../search/" method="get"><input name="q"></form><form action="."><button formaction="./">Go</button></form>')
    assert site_scan.scan_site(page_copy) == []


def test_the_build_step_fails_naming_the_file_and_snippet(page_copy: Path) -> None:
    line = inject(page_copy, "<img src=x onerror=alert(1)>")
    with pytest.raises(BuildFailed) as failed:
        site_scan.check_site(page_copy)
    assert f"{PAGE}:{line}:" in str(failed.value) and "<img src=x onerror=alert(1)>" in str(failed.value)


def test_a_changed_material_inline_script_is_caught(page_copy: Path) -> None:
    path = page_copy / PAGE
    text = path.read_text("utf-8")
    path.write_text(text.replace('__md_scope=new URL("/",location)', '__md_scope=new URL(".",location)'), "utf-8")
    assert any("unexpected inline script" in f.problem for f in site_scan.scan_site(page_copy))


def test_every_known_inline_script_is_admitted_by_the_csp(page_copy: Path) -> None:
    path = page_copy / PAGE
    text = path.read_text("utf-8")
    assert all(f"'{d}'" in text for d in csp.INLINE_SCRIPT_HASHES)  # the CSP reads the scan's one list
    digest = next(iter(csp.INLINE_SCRIPT_HASHES))
    path.write_text(text.replace(f"'{digest}'", ""), "utf-8")
    assert any("blocked by this page's CSP" in f.problem for f in site_scan.scan_site(page_copy))


def test_a_page_without_csp_is_caught(page_copy: Path) -> None:
    path = page_copy / PAGE
    path.write_text(path.read_text("utf-8").replace('http-equiv="Content-Security-Policy"', 'http-equiv="x"'), "utf-8")
    assert any("no Content-Security-Policy" in f.problem for f in site_scan.scan_site(page_copy))


@pytest.mark.parametrize("island", ['class="pet-lean"', 'id="pet-search-filters"'])
def test_our_json_data_blocks_are_allowed_but_never_with_markup(tmp_path: Path, island: str) -> None:
    """The resource list's data at scale and the search page's filters (resource_table.json_island)."""
    from pet_generator.pipeline.site_scan import scan_site

    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">"
    page.write_text(f'<html><head>{csp}</head><body><script type="application/json" {island}>{{"a":1}}</script></body></html>', "utf-8")
    assert scan_site(tmp_path) == []
    page.write_text(f'<html><head>{csp}</head><body><script type="application/json" {island}>{{"a":"<b>"}}</script></body></html>', "utf-8")
    assert [f.problem for f in scan_site(tmp_path)] == ["JSON data block containing '<'"]
    page.write_text(f'<html><head>{csp}</head><body><script type="application/json" id="other">{{"a":1}}</script></body></html>', "utf-8")
    assert [f.problem for f in scan_site(tmp_path)][0].startswith("unexpected inline script")


def test_json_islands_can_never_end_their_script_element() -> None:
    from pet_generator.site.resource_table import json_island

    text = json_island({"label": "</script><script>alert(1)</script><!--"})
    assert "<" not in text and json.loads(text) == {"label": "</script><script>alert(1)</script><!--"}


# --- resource pages, checked piece by piece (ADR 0009) ----------------------------------------


@pytest.mark.parametrize(
    "body",
    ["<p>text <script>alert(1)</script></p>", '<p><a href="javascript:alert(1)">x</a></p>', "<p>fine</p><!-- swallows the rest",
     "<p>fine</p><script>", '<p title="open', '<script type="application/ld+json">{"a":"</script><b>"}</script>'],
)  # fmt: skip
def test_a_resource_page_body_is_scanned_on_its_own(body: str) -> None:
    assert site_scan.scan_fragment("resources/x/index.html", body)


@pytest.mark.parametrize("body", ["<p>fine</p><!-- swallows the rest", '<p title="open', "<p>x</p><div", "<style>p{}", "<p>a</p><script>"])
def test_a_body_that_does_not_end_as_plain_text_is_named_for_it(body: str) -> None:
    problems = [f.problem for f in site_scan.scan_fragment("resources/x/index.html", body)]
    assert "content that does not end as plain text (an unclosed tag, comment or script)" in problems, problems


@pytest.mark.parametrize("body", ["<p>fine</p>", "<p>a &lt;b</p>", "<p>x</p><!-- closed -->", '<hr data-pet-end="guess">'])
def test_a_body_that_ends_as_plain_text_has_no_such_finding(body: str) -> None:
    assert site_scan.scan_fragment("resources/x/index.html", body) == []


def test_a_resource_page_body_with_json_ld_and_links_passes() -> None:
    body = '<p><a href="../../resources/?topic=x">X</a></p><script type="application/ld+json">{"name":"\\u003c/script\\u003e"}</script>'
    assert site_scan.scan_fragment("resources/x/index.html", body) == []


def test_a_page_checked_in_pieces_is_parsed_again_once_it_changes(tmp_path: Path) -> None:
    page = tmp_path / "resources" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    bad = b'<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'"></head><body><img src=x onerror=alert(1)></body></html>'
    page.write_bytes(bad)
    checked = {page: site_scan.digest(bad)}
    assert site_scan.scan_site(tmp_path, checked=checked) == []  # what the resource-pages step checked is not parsed twice
    assert [f.problem for f in site_scan.scan_site(tmp_path)] == ["event-handler attribute onerror="]  # nothing remembered between scans
    page.write_bytes(bad + b" ")  # changed after the check: the scan reads it whole
    assert [f.problem for f in site_scan.scan_site(tmp_path, checked=checked)] == ["event-handler attribute onerror="]
