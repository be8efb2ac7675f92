"""The theme's "Edit this page" and "View source" buttons name the file a page's words come
from (pipeline/edit_links.py, overrides/partials/actions.html): a page made from the catalog
its catalog file, a translated page its translation, a resource page the resources file."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import CATALOG, ROOT
from pet_generator.catalog.loader import load_catalog
from pet_generator.pipeline import edit_links
from pet_generator.pipeline.pages import SHELL_SOURCE, PagesError, write_project
from pet_generator.pipeline.toolkit import Toolkit

REPO = "https://github.com/example-org/toolkit"


@pytest.mark.parametrize(
    ("config", "path", "expected"),
    [
        ({"repo_url": REPO, "edit_uri": "edit/main/docs/"}, "pay.md", f"{REPO}/edit/main/docs/pay.md"),
        ({"repo_url": REPO + "/", "edit_uri": "edit/main/docs"}, "../catalog/handouts.yaml", f"{REPO}/edit/main/catalog/handouts.yaml"),
        ({"repo_url": REPO}, "i18n/es/pay.md", f"{REPO}/edit/master/docs/i18n/es/pay.md"),  # MkDocs's default for GitHub
        ({"repo_url": "https://git.example.org/toolkit"}, "pay.md", None),  # another host: no default, no button
        ({"repo_url": REPO, "edit_uri": ""}, "pay.md", None),  # switched off
        ({"repo_url": REPO, "edit_uri_template": "blob/main/docs/{path}"}, "../catalog/resources.yaml", f"{REPO}/blob/main/catalog/resources.yaml"),
        ({"repo_url": REPO, "edit_uri": "?path=/docs/"}, "pay.md", f"{REPO}?path=/docs/pay.md"),
        ({"edit_uri": "javascript:alert(1)//"}, "pay.md", None),  # never a link that is not http(s)
    ],
)
def test_edit_addresses_are_made_as_mkdocs_makes_them(config: dict[str, str], path: str, expected: str | None) -> None:
    assert edit_links.edit_url(config, path) == expected


def test_a_template_with_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="use {path} or {path_noext} only"):
        edit_links.edit_url({"repo_url": REPO, "edit_uri_template": "edit/main/{branch}/{path}"}, "pay.md")


def _front_matter(project: Path, rel: str) -> dict[str, object]:
    text = (project / "docs" / rel).read_text("utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_each_page_names_the_file_its_words_come_from(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"repo_url: {REPO}\nedit_uri: edit/main/docs/\n" + (ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    toolkit = Toolkit(catalog=CATALOG, docs=ROOT / "docs", config=config)
    cat = load_catalog(CATALOG)
    english = write_project(cat, tmp_path / "en", toolkit=toolkit).parent
    assert _front_matter(english, "competencies/ec-supervision.md")[edit_links.KEY] == f"{REPO}/edit/main/catalog/competencies.yaml"
    assert _front_matter(english, "handouts/job-description.md")[edit_links.KEY] == f"{REPO}/edit/main/catalog/handouts.yaml"
    assert _front_matter(english, SHELL_SOURCE)[edit_links.KEY] == f"{REPO}/edit/main/catalog/resources.yaml"
    assert edit_links.KEY not in _front_matter(english, "pay.md"), "a page written by hand keeps the theme's own link"

    spanish = write_project(cat, tmp_path / "es", toolkit=toolkit, language="es").parent
    assert _front_matter(spanish, "pay.md")[edit_links.KEY] == f"{REPO}/edit/main/docs/i18n/es/pay.md"
    assert _front_matter(spanish, "competencies/ec-supervision.md")[edit_links.KEY] == f"{REPO}/edit/main/catalog/i18n/es/competencies.yaml"

    # Without an edit address in the config nothing is added.
    plain = write_project(cat, tmp_path / "plain", toolkit=Toolkit(catalog=CATALOG, docs=ROOT / "docs")).parent
    assert edit_links.KEY not in _front_matter(plain, "competencies/ec-supervision.md")

    config.write_text(f"repo_url: {REPO}\nedit_uri_template: 'edit/{{branch}}/{{path}}'\n" + (ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    with pytest.raises(PagesError, match=r"mkdocs.yml: edit_uri_template .* cannot be filled in"):
        write_project(cat, tmp_path / "bad", toolkit=toolkit)


def _buttons(meta: dict[str, object], edit_url: str | None, features: list[str]) -> BeautifulSoup:
    """overrides/partials/actions.html rendered as the theme renders it, with stand-in icons."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(ROOT / "overrides"),
            jinja2.DictLoader({".icons/material/file-edit-outline.svg": "<svg></svg>", ".icons/material/file-eye-outline.svg": "<svg></svg>"}),
        ]
    )
    template = jinja2.Environment(loader=loader, autoescape=False).get_template("partials/actions.html")
    page = type("Page", (), {"meta": meta, "edit_url": edit_url})()
    html = template.render(page=page, features=features, config={"theme": {"icon": {}}}, lang={"t": lambda key: key})
    return BeautifulSoup(html, "html.parser")


def test_the_buttons_use_the_pages_own_file_and_swap_only_the_edit_segment() -> None:
    both = ["content.action.edit", "content.action.view"]
    own = f"{REPO}-editor/edit/main/catalog/competencies.yaml"  # "edit" also in the repository's name
    links = [a["href"] for a in _buttons({edit_links.KEY: own}, f"{REPO}/edit/main/docs/competencies/x.md", both).select("a")]
    assert links == [own, f"{REPO}-editor/raw/main/catalog/competencies.yaml"]
    theirs = [a["href"] for a in _buttons({}, f"{REPO}/blob/main/docs/pay.md", both).select("a")]
    assert theirs == [f"{REPO}/blob/main/docs/pay.md", f"{REPO}/raw/main/docs/pay.md"]
    assert _buttons({edit_links.KEY: ""}, f"{REPO}/edit/main/docs/reference/components.md", both).select("a") == []
    assert [a["rel"] for a in _buttons({}, f"{REPO}/edit/main/docs/pay.md", ["content.action.edit"]).select("a")] == [["edit"]]
