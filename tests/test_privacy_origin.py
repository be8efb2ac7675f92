"""Private and self-contained: no request leaves the site's origin, a Content-Security-Policy
that allows only 'self' on every page, and a footer that says no visitor data is kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

# One page of each type, with what to do there so that its scripts fetch what they need.
PAGE_TYPES = [
    ("", None), ("welcome/", None), ("competencies/", None), ("competencies/ec-supervision/", None),
    ("resources/", "#pet-filter-q"), ("handouts/", None), ("handouts/supervisor-checklist/", None),
    ("assessment/", None), ("search/", "search"), ("glossary/", None), ("references/", None),
    ("maintainers/", None), ("es/", None), ("es/pay/", None), ("no-such-page/", None),
]  # fmt: skip

# Every source a directive may name: our origin, keywords and hashes, never another host.
ALLOWED_SOURCES = re.compile(r"^('self'|'none'|'unsafe-inline'|'wasm-unsafe-eval'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$")


def csp(html: BeautifulSoup) -> dict[str, list[str]]:
    meta = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "no Content-Security-Policy meta tag"
    return {d.split()[0]: d.split()[1:] for d in str(meta["content"]).split(";") if d.strip()}


def test_every_page_has_a_self_only_csp_and_the_privacy_sentence(site_dir: Path) -> None:
    pages = sorted(p for p in site_dir.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) >= 20
    for path in pages:
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        policy = csp(html)
        assert policy["default-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], path
        for directive, sources in policy.items():
            assert all(ALLOWED_SOURCES.match(s) for s in sources), f"{path}: {directive} {sources}"
        footer = html.select_one(".pet-privacy")
        privacy = {"en": "keeps no data about its visitors", "es": "no guarda datos de sus visitantes"}[html.html["lang"]]
        assert footer is not None and privacy in " ".join(footer.get_text().split()), path
        assert not html.select('link[href*="fonts.googleapis"], link[href^="http"], link[href^="//"], script[src^="http"], script[src^="//"]'), path


def test_no_page_type_makes_a_request_to_another_host(page: Any) -> None:
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text[:200]}"))
    # Nor one of our own that fails (Material fetched sitemap.xml under each page's hreflang link).
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/no-such-page/") and failed.append(f"{r.status} {r.url}"))
    for url, action in PAGE_TYPES:
        response = page.goto(url)
        assert response is not None and (response.ok or url == "no-such-page/"), f"{url}: {response and response.status}"
        if action == "search":
            page.fill("main input[type=search], main input[type=text], #pet-search-q", "peer support")
            page.wait_for_timeout(800)  # Pagefind loads its index, wasm and worker
        elif action:
            page.fill(action, "supervision")
        page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
    assert violations == [], "\n".join(violations)
    assert failed == []
