"""Components and messages (ADR 0012): every template renders each of its examples, every
template stays escaped with hostile strings in every field, and a missing message or value
stops the build with a message that names it. Fast: no site build."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pet_generator.site.components import TEMPLATES, ComponentError, Components, read_examples
from pet_generator.site.html import Context
from pet_generator.site.message_catalog import MESSAGES, MessageError, Messages

GENERATOR = Components()
CASES = [(name, n, example) for name in GENERATOR.names() for n, example in enumerate(GENERATOR.examples(name))]

# What hostile means here (tests/test_hostile_round3.py has the catalog's side): markup, quotes
# that end an attribute, a javascript: URL, Jinja syntax, Markdown that would make a link or
# emphasis, an entity, and invisible characters.
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "{{ 7*7 }} {% raw %}{# x #}",
    "[click](javascript:alert(1)) **bold** _em_ `code` \\",
    "&amp; &lt;b&gt; <!-- x -->",
    "\u202eevil\u2028line",
]


class _Structure(HTMLParser):
    """The elements and attribute names of a piece of HTML, and every attribute value and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[tuple[str, str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(name for name, _ in attrs)))
        self.values += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment reached the output: {data!r}")


def structure(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser


# Strings hostile() leaves as they are. Link targets: the `href` filter refuses every hostile one,
# so replacing them would stop every render before the rest were checked (they get a case of
# their own below). Vocabulary ids that name a message (a link's evidence kind, a findings
# group): an unknown one stops the build with "unknown message id", tested in the catalog.
LINK_KEYS = ("href", "page")
VOCABULARY_KEYS = ("evidence_kind", "groups.name")


def hostile(value: Any, text: str, links: bool = False, parent: str = "") -> Any:
    """The example with every string replaced by `text` (empty strings stay empty, so the
    example takes the same branches; numbers, booleans and nulls stay), but for the keys above
    (link targets too when `links`)."""
    if isinstance(value, str):
        return text if value else value
    if isinstance(value, list):
        return [hostile(v, text, links, parent) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            link = k in LINK_KEYS or k.endswith("_href")
            keep = isinstance(v, str) and ((link and not links) or k in VOCABULARY_KEYS or f"{parent}.{k}" in VOCABULARY_KEYS)
            out[k] = v if keep else hostile(v, text, links, k)
        return out
    return value


def ids(cases: list[tuple[str, int, dict[str, Any]]]) -> list[str]:
    return [f"{name}-{n}" for name, n, _ in cases]


def test_components_found() -> None:
    # The first components converted from tag() calls (issue 22); a folder without a template is not one.
    assert {"citation", "link-pending", "outbound-link", "publisher-status", "resource-row", "review-line"} <= set(GENERATOR.names())
    for name in GENERATOR.names():
        assert GENERATOR.examples(name), f"{name} has no examples.yaml (its tests and the gallery need one)"


# Modules whose markup is all in components (issue 22): render.py's last tag() calls became
# source-line, editors-note, our-translation, supervisor-options, scope-of-practice,
# overdue-notice, dated-line, dated-table, fact-chart, cited-more, in-text-citation and
# data-table's cells; handouts.py's handout-slot, handout-page and page-script; entry.py's
# competency-tagged, competency-listed-more and marked-english; home.py's edition-line;
# review_line.py's page-review and facts-status; assessment.py's page-script; pipeline/pdf.py's
# handout-pdf-heading and print-document. Markup made in Python there again would not be in the
# gallery nor go through the hostile-string test.
WITHOUT_MARKUP = (
    "site/render.py", "site/handouts.py", "site/entry.py", "site/home.py", "site/review_line.py", "site/assessment.py",
    "pipeline/pdf.py",
)  # fmt: skip


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of a module's, classes' and functions' docstrings (prose, which may name an element)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("module", WITHOUT_MARKUP)
def test_module_leaves_its_markup_to_components(module: str) -> None:
    source = (TEMPLATES.parents[1] / module).read_text("utf-8")
    assert "tag(" not in source
    tree = ast.parse(source)
    prose = _docstrings(tree)
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in prose]
    assert [s for s in strings if re.search(r"</?[a-z]", s)] == [], "an element written in a string"


@pytest.mark.parametrize("module", ("pipeline/book.py", "site/gallery.py", "site/resource_table.py"))
def test_book_gallery_and_list_call_no_tag(module: str) -> None:
    # The book's markup (book-competency-section, book-resource-items, book-more, print-document),
    # the gallery's (component-gallery) and the resource list's (resource-table, pagefind-filters,
    # cited-list, search-filters): no tag() call left. They still hold patterns they read markup
    # with (so no string check here); the book marks an appendix title's English in a span
    # (handout_appendices), and the list a row's label (resource_table.marked: called for every
    # label of 10,000 rows, where a template call costs).
    assert "tag(" not in (TEMPLATES.parents[1] / module).read_text("utf-8")


@pytest.mark.parametrize(("name", "n", "example"), CASES, ids=ids(CASES))
def test_each_example_renders_as_one_line_of_balanced_html(name: str, n: int, example: dict[str, Any]) -> None:
    html = GENERATOR.render(name, ctx=Context(), **example["data"])
    assert "\n" not in html  # a raw HTML block stays one line for Python-Markdown (html.block)
    assert "{#" not in html and "{{" not in html and "{%" not in html
    shape = structure(html)
    void = {"input", "br", "img", "meta"}
    opened = [t for t, _ in shape.shape if t not in void]
    closed = re.findall(r"</([a-z0-9]+)>", html)
    assert sorted(opened) == sorted(closed), html


@pytest.mark.parametrize(("name", "n", "example"), CASES, ids=ids(CASES))
def test_each_examples_lists_hold_only_list_items(name: str, n: int, example: dict[str, Any]) -> None:
    # The fast twin of axe's `list` rule on the gallery (tests/test_accessibility_axe.py): an
    # example whose rows are words, not <li>s, put text directly in a <ul> there.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(GENERATOR.render(name, ctx=Context(), **example["data"]), "html.parser")
    for listing in soup.find_all(["ul", "ol"]):
        strays = [c for c in listing.children if (c.name or "").lower() not in ("li", "script", "template") and str(c).strip()]
        assert strays == [], (name, str(listing)[:200])


@pytest.mark.parametrize(("name", "n", "example"), CASES, ids=ids(CASES))
def test_every_template_escapes_hostile_strings(name: str, n: int, example: dict[str, Any]) -> None:
    # Elements and attributes the component makes from its own examples: hostile strings may take
    # another branch (a vocabulary value that is not one), never add an element or an attribute.
    benign_html = [GENERATOR.render(name, ctx=Context(), **e["data"]) for e in GENERATOR.examples(name)]
    benign = {s for html in benign_html for s in structure(html).shape}
    scripts = max(html.count("<script") for html in benign_html)  # a component's own (page-script), never more
    rendered = 0
    for text in HOSTILE:
        try:
            html = GENERATOR.render(name, ctx=Context(abbreviations={"alert": "a word"}), **hostile(example["data"], text))
        except ComponentError as exc:  # a link that is not one, a vocabulary value that is not one: the build stops
            assert "unsafe link" in str(exc) or "unknown message id" in str(exc), exc
            continue
        rendered += 1
        shape = structure(html)  # (an <abbr> may explain a word: the glossary's markup)
        assert {s for s in shape.shape if s[0] != "abbr"} <= benign, (text, html)
        assert html.count("<script") <= scripts and "<img" not in html and "<!--" not in html
        for raw in ("{{", "{%", "{#", "](", "**", "`", "\\"):
            assert raw not in html, (raw, html)
        for attribute, value in shape.values:
            assert attribute not in ("href", "src", "action") or not value.strip().lower().startswith("javascript:"), (attribute, html)
            assert "onerror" not in attribute and "onmouseover" not in attribute
    # A hostile link target stops the build (the href filter), whatever else the example holds.
    try:
        html = GENERATOR.render(name, ctx=Context(), **hostile(example["data"], "javascript:alert(1)", links=True))
        assert not [v for a, v in structure(html).values if a in ("href", "src", "action") and v.strip().lower().startswith("javascript:")], html
    except ComponentError as exc:
        assert "unsafe link" in str(exc), exc
    # Hostile text reached the markup: a template that builds a message id or a link from every
    # string would stop the build for every case and this test would check nothing.
    assert rendered, f"{name}: every hostile string stopped the render; nothing was checked"


def test_a_missing_message_id_fails() -> None:
    with pytest.raises(MessageError, match="unknown message id 'no.such.message'"):
        GENERATOR.message("no.such.message")


def test_messages_fill_placeholders_and_plural_forms() -> None:
    assert GENERATOR.message("resources.count", count=1) == "1 resource"
    assert GENERATOR.message("resources.count", count=129) == "129 resources"
    assert GENERATOR.message("link.leaves_site_named", name="DuckDuckGo") == "DuckDuckGo, leaves this site"
    with pytest.raises(MessageError, match=r"needs a value for \{name\}"):
        GENERATOR.message("link.leaves_site_named")
    with pytest.raises(MessageError, match="give it count="):
        GENERATOR.message("resources.count")


def test_every_message_a_template_names_exists() -> None:
    named = {m for p in TEMPLATES.rglob("*.j2") for m in re.findall(r"[\"']([a-z_-]+\.[a-z_.-]+)[\"']\|msg", p.read_text("utf-8"))}
    assert named, "no template names a message: the pattern above no longer matches how templates call |msg"
    assert named <= set(GENERATOR.messages.messages), named - set(GENERATOR.messages.messages)


def test_a_missing_template_variable_names_the_template_and_line() -> None:
    with pytest.raises(ComponentError) as caught:
        GENERATOR.render("citation")
    assert "citation/template.html.j2:5" in str(caught.value) and "'citation' is undefined" in str(caught.value)


def test_an_unknown_component_fails() -> None:
    with pytest.raises(ComponentError, match="no component 'nope'"):
        GENERATOR.render("nope")


def test_robust_links_attributes_on_the_main_link() -> None:
    html = GENERATOR.render(
        "outbound-link",
        href="https://example.org/a",
        host="example.org",
        main=True,
        robust={"data-versionurl": 'https://web.archive.org/x"', "data-versiondate": "2025-01-01"},
    )
    assert html.startswith(
        '<p class="pet-outbound pet-outbound-main"><a data-versionurl="https://web.archive.org/x&quot;" data-versiondate="2025-01-01" href='
    )


@pytest.fixture
def toolkit(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "toolkit.yml").write_text("site_description: x\n", "utf-8")
    yield tmp_path


def test_a_toolkit_overrides_a_template_and_a_message(toolkit: Path) -> None:
    own = toolkit / "templates" / "components" / "link-pending"
    own.mkdir(parents=True)
    (own / "template.html.j2").write_text('<p class="ours">{{ "link.pending"|msg }}</p>\n', "utf-8")
    (toolkit / "messages").mkdir()
    (toolkit / "messages" / "en.yaml").write_text("link.pending: address to come\n", "utf-8")
    ours = Components(toolkit)
    assert ours.render("link-pending", web_search=None) == '<p class="ours">address to come</p>'
    assert ours.render("outbound-link", href="https://example.org/", host="example.org", main=False, robust=None).startswith(
        '<p class="pet-outbound">Online at'
    )
    assert Components().render("link-pending", web_search=None).startswith('<p class="pet-nolink">')


def test_a_toolkit_message_file_is_checked_at_file_line_col(toolkit: Path) -> None:
    (toolkit / "messages").mkdir()
    path = toolkit / "messages" / "en.yaml"
    path.write_text("link.pending: fine\nlink.pendng: typo\n", "utf-8")
    with pytest.raises(MessageError, match=r"en\.yaml:2:1: message 'link.pendng' is not one of the generator's messages"):
        Messages([toolkit / "messages"])
    path.write_text("link.pending: fine\nlink.web_search: 'Search {x.__class__}'\n", "utf-8")
    with pytest.raises(MessageError, match=r"en\.yaml:2:1: .*is not a name"):
        Messages([toolkit / "messages"])
    path.write_text("link.pending: fine\nlink.pending: twice\n", "utf-8")
    with pytest.raises(MessageError, match=r"en\.yaml:2:\d+: .*duplicate"):
        Messages([toolkit / "messages"])


def test_generator_message_file_loads_strictly() -> None:
    Messages()  # duplicate ids or a malformed placeholder here would raise
    assert (MESSAGES / "en.yaml").is_file()


def test_layout_whitespace_is_dropped_but_line_numbers_kept(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "components" / "demo"
    folder.mkdir(parents=True)
    (tmp_path / "toolkit.yml").write_text("", "utf-8")
    (folder / "template.html.j2").write_text('<p>\n  <b>{{ a }}</b> and\n  {{ " " }}<i>x</i>\n  {{ missing }}\n</p>\n', "utf-8")
    with pytest.raises(ComponentError, match=r"demo/template.html.j2:4: .*'missing' is undefined"):
        Components(tmp_path).render("demo", a="A")
    assert Components(tmp_path).render("demo", a="A", missing="m") == "<p><b>A</b> and <i>x</i>m</p>"


def test_examples_files_are_read_strictly(tmp_path: Path) -> None:
    (tmp_path / "examples.yaml").write_text("- name: a\n  data: {x: 1, x: 2}\n", "utf-8")
    with pytest.raises(ComponentError, match=r"examples.yaml:2:\d+"):
        read_examples(tmp_path / "examples.yaml")


def test_every_link_evidence_kind_has_words() -> None:
    from pet_generator.catalog.link_evidence import KINDS

    assert {f"checks.evidence.{kind}" for kind in KINDS} <= set(GENERATOR.messages.messages)


def test_archived_copy_beside_a_failing_link() -> None:
    snapshot, day = "https://web.archive.org/web/20250101000000/https://example.org/gone", "2025-01-01"
    html = GENERATOR.render(
        "resource-link", href="https://example.org/gone", host="example.org", robust={"data-versionurl": snapshot, "data-versiondate": day},
        archived={"href": snapshot, "date": day, "date_shown": "1 January 2025", "broken_since": "1 May 2026"}, web_search=None, suggest_href=None,
    )  # fmt: skip
    assert html == (
        '<div class="pet-resource-link" data-pagefind-ignore><p class="pet-outbound pet-outbound-main">'
        f'<a data-versionurl="{snapshot}" data-versiondate="{day}" href="https://example.org/gone" rel="noopener noreferrer">Open the resource'
        '<span class="pet-leaves"> (example.org, leaves this site)</span></a></p>'
        '<p class="pet-archived">This link has failed our weekly checks since 1 May 2026. '
        f'<a href="{snapshot}" data-originalurl="https://example.org/gone" data-versiondate="{day}" rel="noopener noreferrer">Archived copy (1 January 2025)</a></p></div>'
    )


def test_the_gallery_shows_every_example_with_unique_ids() -> None:
    from collections import Counter

    from pet_generator.catalog.loader import Catalog
    from pet_generator.site.gallery import component_gallery

    html = component_gallery(Catalog(root=Path("/nonexistent/catalog"), data={}), Context(page_url="reference/components/"))
    assert html.count('class="pet-gallery-example"') == len(CASES)
    ids = Counter(re.findall(r'(?<![\w-])id="([^"]*)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for target in re.findall(r'href="#([^"]*)"', html):  # each in-page link leads somewhere on the page
        assert ids[target] == 1, target
    for target in re.findall(r'(?<![\w-])(?:for|aria-labelledby)="([^"]*)"', html):
        assert ids[target] == 1, target
    # Engines resolve relative links in the gallery's raw HTML differently (Zensical against the
    # page's file, MkDocs not at all): examples link in the page or to full addresses only.
    assert [h for h in re.findall(r'href="([^"]*)"', html) if not h.startswith(("#", "https://", "mailto:"))] == []
    # The page keeps its one <h1>: an example's headings (a book chapter's <h1>) sit under its <h3>.
    examples = re.findall(r'<div class="pet-gallery-example">(.*?)</div><details', html, re.DOTALL)
    assert len(examples) == len(CASES) and not [e for e in examples if re.search(r"<h[1-3]\b", e)]


def test_a_message_with_markup_placeholders_escapes_words_and_values_not_markup() -> None:
    from markupsafe import Markup

    link = Markup('<a href="https://example.org/">A &amp; B</a>')
    assert GENERATOR.message_html("assessment.plan.handout", link=link) == 'Handout: <a href="https://example.org/">A &amp; B</a>'
    assert GENERATOR.message_html("assessment.plan.handout", link="<b>{x}</b>") == "Handout: &lt;b&gt;&#123;x&#125;&lt;/b&gt;"
    assert GENERATOR.message_html("assessment.plan.all_resources", count=3) == "All 3 resources for this competency"
    with pytest.raises(MessageError, match=r"needs a value for \{link\}"):
        GENERATOR.message_html("assessment.plan.handout")


def test_every_message_the_assessment_script_names_exists() -> None:
    # docs/assets/assessment.js reads assessment.js.* from the page (#pet-assessment-messages):
    # t("id") and the prefixes it completes at run time (t("task." + key)).
    script = (Path(__file__).resolve().parent.parent / "docs" / "assets" / "assessment.js").read_text("utf-8")
    named = set(re.findall(r'\bt\("([a-z_.-]+)"', script))
    assert len(named) > 50, "the pattern above no longer matches how assessment.js names its words"
    prefix = "assessment.js."
    have = {k[len(prefix) :] for k in GENERATOR.messages.messages if k.startswith(prefix)}
    exact = {n for n in named if not n.endswith(".")}
    assert exact <= have, exact - have
    for start in (n for n in named if n.endswith(".")):
        assert any(h.startswith(start) for h in have), start
    for key in ("none", "todo", "doing", "done"):  # t("task." + key)
        assert f"task.{key}" in have
