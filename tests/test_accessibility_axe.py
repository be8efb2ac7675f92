"""axe-core 4.14.1 (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every built page, in the light
and the dark colour scheme: zero violations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CATALOG, ROOT
from pet_generator.catalog.translations.languages import languages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's data-md-color-scheme


# Resource pages share one layout and one renderer (ADR 0009): these three stand for all of them
# (a link, "link pending" with key findings, aliases with citing sections).
RESOURCE_PAGES = {
    "resources/medi-cal-peer-support-specialist-certification-program/",
    "resources/enhancing-the-peer-provider-workforce/",
    "resources/core-competencies-certified-medi-cal-peer-support-specialists/",
}


def page_urls(site_dir: Path) -> list[str]:
    pages = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html") if "pagefind" not in p.parts)
    urls = ["" if rel == "." else rel + "/" for rel in pages]
    assert set(urls) >= RESOURCE_PAGES
    # The same three stand for the Spanish build's resource pages (es/resources/<id>/, ADR 0014).
    return [u for u in urls if not _resource_page(u.removeprefix("es/")) or u.removeprefix("es/") in RESOURCE_PAGES]


def _resource_page(url: str) -> bool:
    return url.startswith("resources/") and url != "resources/"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing; run scripts/bootstrap (npm ci installs axe-core)")
    return AXE.read_text("utf-8")


@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme_page(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[tuple[str, Any]]:
    """One context and one page per scheme; tests navigate it from page to page (fast).
    The CSP is bypassed only so axe can be injected; tests/test_privacy_* check the CSP."""
    context = browser.new_context(base_url=base_url, color_scheme=request.param, bypass_csp=True)
    page = context.new_page()
    yield request.param, page
    context.close()


def test_every_page_has_zero_axe_violations(scheme_page: tuple[str, Any], site_dir: Path, axe_source: str) -> None:
    scheme, page = scheme_page
    urls = page_urls(site_dir)
    if scheme == "dark":
        # The dark scheme changes colours only, and another language's pages are the same
        # templates and styles with other words (ADR 0014): its contrast is checked in English.
        others = tuple(f"{language}/" for language in languages(CATALOG))
        urls = [u for u in urls if not u.startswith(others)]
    assert len(urls) >= 20
    problems = []
    for url in urls:
        page.goto(url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], f"{url} is not in the {scheme} scheme"
        page.add_script_tag(content=axe_source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
        for v in result["violations"]:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            problems.append(f"/{url} [{scheme}] {v['id']} ({v['impact']}): {targets}")
    assert problems == [], "\n".join(problems)


def test_the_palette_toggle_switches_scheme_and_is_remembered(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, color_scheme="light")
    try:
        page = context.new_page()
        page.goto("")
        page.locator("label[for='__palette_1']").click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.goto("welcome/")  # Material's inline palette script restores it: the CSP must allow that script
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    finally:
        context.close()
