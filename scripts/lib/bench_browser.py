"""Page weight, first-search bytes and filter latency, measured in Debian's Chromium.

Bytes come from bench_serve.CountingServer (server side, gzip); times are taken inside the
page with performance.now(), so Playwright's own overhead does not count.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from bench_serve import BLANK_PAGE, CountingServer
from chromium import CHROMIUM, CHROMIUM_ARGS

SEARCH_TERM = "supervision"  # in the real catalog's prose and in most synthetic summaries
# The first search in each other language the site has (its own Pagefind index, chosen by the
# page's <html lang>): a word of that language's pages (issue 27: "supervisión").
SEARCH_TERMS = {"es": "supervisión"}
RESULTS_SHOWN = 5  # Pagefind's UI loads this many result fragments first
FILTER_QUERIES = ("supervision", "guide", "wages", "peer", "report")

# Resolves with ms from the input event to the animation frame after .pet-count changes.
_FILTER_JS = """async (q) => {
  const input = document.querySelector('#pet-filter-q');
  const count = document.querySelector('.pet-count');
  if (!input || !count) return null;
  return await new Promise((resolve) => {
    let t0 = null;
    const timer = setTimeout(() => { obs.disconnect(); resolve(-1); }, 5000);
    const obs = new MutationObserver(() => {
      if (t0 === null) return;
      obs.disconnect(); clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    obs.observe(count, {childList: true, characterData: true, subtree: true});
    input.addEventListener('input', (e) => { t0 = e.timeStamp; }, {once: true, capture: true});
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
  });
}"""

_RESET_JS = """async () => {
  const input = document.querySelector('#pet-filter-q');
  input.value = '';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise((r) => setTimeout(r, 300));
}"""

_SEARCH_JS = """async ([term, shown, lang]) => {
  if (lang) document.documentElement.lang = lang;  // Pagefind picks the index of the page's language
  const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
  const search = await pagefind.search(term);
  await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
  return search.results.length;
}"""


def _settle(server: CountingServer, quiet: float = 0.5) -> None:
    """Wait until no request has arrived for `quiet` seconds (late scripts, workers)."""
    seen, since = -1, time.monotonic()
    while time.monotonic() - since < quiet:
        if len(server.requests) != seen:
            seen, since = len(server.requests), time.monotonic()
        time.sleep(0.05)


def _first_search(browser: Any, server: CountingServer, term: str, lang: str | None) -> tuple[int, int, list[str]]:
    """(gzip bytes, hits, files) of a first search for `term` in `lang`'s index (None: the page's
    own language, English), from a blank page in a fresh context."""
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.goto(BLANK_PAGE.lstrip("/"), wait_until="load")
        _settle(server)
        server.reset()
        hits = page.evaluate(_SEARCH_JS, [term, RESULTS_SHOWN, lang])
        _settle(server)
        return server.total(), hits, sorted({path.split("?")[0] for path, _ in server.requests})
    finally:
        context.close()


def measure_site(site: Path) -> dict[str, Any]:
    """resources_page_bytes_gzip, first_search_bytes_gzip and filter_ms for one built site."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    notes: dict[str, str] = {}
    with CountingServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # Everything /resources/ loads before the first interaction, from a cold cache.
            context = browser.new_context(base_url=server.url)
            page = context.new_page()
            server.reset()
            page.goto("resources/", wait_until="load")
            _settle(server)
            out["resources_page_bytes_gzip"] = server.total()
            files: dict[str, int] = {}
            for path, size in server.requests:
                files[path.split("?")[0]] = files.get(path.split("?")[0], 0) + size
            out["resources_page_files"] = files
            # Filter latency: median of a few different queries, the list reset between them.
            times = []
            for q in FILTER_QUERIES:
                ms = page.evaluate(_FILTER_JS, q)
                if ms is None:
                    notes["filter_ms"] = "no #pet-filter-q / .pet-count on /resources/ yet"
                    break
                if ms >= 0:
                    times.append(ms)
                page.evaluate(_RESET_JS)
            out["filter_ms"] = round(statistics.median(times), 1) if times else None
            if times:
                out["filter_ms_runs"] = [round(t, 1) for t in times]
            elif "filter_ms" not in notes:
                notes["filter_ms"] = "the count never changed within 5 s"
            context.close()

            # A first search (Pagefind's JS API, as the search page uses it) from a page that has
            # loaded nothing yet, so every byte Pagefind needs is counted; then the same in each
            # other language the site has (the one bundle holds an index per language).
            out["first_search_bytes_gzip"], out["first_search_hits"], searched = _first_search(browser, server, SEARCH_TERM, None)
            out["first_search_files"] = searched
            for lang, term in SEARCH_TERMS.items():
                if (site / lang / "index.html").is_file():
                    out[f"first_search_{lang}_bytes_gzip"], out[f"first_search_{lang}_hits"], _ = _first_search(browser, server, term, lang)
        finally:
            browser.close()
    if notes:
        out["notes"] = notes
    return out
