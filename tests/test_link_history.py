"""Issue 23, part 3: link health with history and archived copies, against a local server only.

The server plays 200, 301 and 308 to another host, a redirect within the site, 404, 410, 429
with Retry-After, a timeout, a redirect loop and a slow host, and stands in for the Internet
Archive's availability API. `scripts/check-links --external` runs twice, a week apart (PET_TODAY):
a link is broken only after the second failure, and only then is an archived copy offered."""

from __future__ import annotations

import http.server
import ipaddress
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, copy_catalog
from pet_generator.catalog import link_history
from pet_generator.catalog.loader import check_catalog, load_catalog
from pet_generator.site import resource_page
from pet_generator.site.html import Context
from pet_generator.tools import check_links

HOST, OTHER = "links.example.org", "elsewhere.example.net"


class _Server(http.server.BaseHTTPRequestHandler):
    # Off, /hang fails at once (404): a host that still fails, without making the test wait.
    hangs = True
    requests: list[str] = []
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _send(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def _answer(self) -> None:
        path, _, query = self.path.partition("?")
        _Server.requests.append(self.headers.get("Host", "") + path)
        port = self.server.server_address[1]
        if path == "/wayback/available":  # the archive's availability API
            asked = urllib.parse.parse_qs(query)
            url, stamp = asked["url"][0], asked["timestamp"][0]
            closest = {"available": True, "status": "200", "timestamp": stamp + "093000", "url": f"http://web.archive.org/web/{stamp}093000/{url}"}
            self._send(200, {"Content-Type": "application/json"}, json.dumps({"url": url, "archived_snapshots": {"closest": closest}}).encode())
            return
        if path == "/hang" and _Server.hangs:
            time.sleep(3.5)  # past the 2 s timeout below
        if path == "/slow":
            time.sleep(0.1)
        redirects = {
            "/other-301": (301, f"http://{OTHER}:{port}/ok"),
            "/other-308": (308, f"http://{OTHER}:{port}/ok"),
            "/same-site": (301, "/ok"),
            "/loop": (302, "/loop"),
        }
        if path in redirects:
            code, where = redirects[path]
            self._send(code, {"Location": where})
            return
        status = {"/ok": 200, "/slow": 200, "/gone": 404, "/removed": 410, "/busy": 429}.get(path, 404)
        self._send(status, {"Retry-After": "120"} if status == 429 else {})

    do_GET = _answer
    do_HEAD = _answer


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    # Both public-looking names reach the local server; nothing else resolves. Only these tests
    # let the checker contact loopback: every other address stays refused.
    monkeypatch.setattr(check_links, "resolve", lambda host, port: ["127.0.0.1"] if host in (HOST, OTHER) else ["169.254.169.254"])
    monkeypatch.setattr(check_links, "address_allowed", lambda a: ipaddress.ip_address(a).is_loopback)
    _Server.requests.clear()
    yield f"http://{HOST}:{httpd.server_address[1]}"
    httpd.shutdown()


CASES = {  # path -> (this check's status, the history's verdict after the first run)
    "ok": ("ok", "ok"),
    "slow": ("ok", "ok"),
    "same-site": ("redirected", "redirected"),
    "other-301": ("moved", "moved"),
    "other-308": ("moved", "moved"),
    "gone": ("broken", "failing"),
    "removed": ("broken", "failing"),
    "busy": ("blocked", "blocked"),
    "hang": ("timeout", "failing"),
    "loop": ("broken", "failing"),
}


@pytest.fixture
def catalog(tmp_path: Path, server: str) -> Path:
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    with (cat / "sources.yaml").open("a", encoding="utf-8") as f:
        for name in [*CASES, "metadata"]:
            host = server if name != "metadata" else "http://metadata.example.com"
            evidence = f'  url_evidence: {{kind: exact-page, page: "{host}/{name}", copy_checked: "2025-06-01"}}\n'
            f.write(f"- id: local-{name}\n  citation: Local {name}\n  url: {host}/{name}\n{evidence}")
    resources = cat / "resources.yaml"  # the resource with a page points at the link that will break
    resources.write_text(resources.read_text("utf-8").replace("https://example.org/supervision", f"{server}/gone"), "utf-8")
    return cat


def run(catalog: Path, server: str, day: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("PET_TODAY", day)
    check_links.main(
        [
            "--external",
            "--catalog",
            str(catalog),
            "--timeout",
            "2",  # 2 s: a busy test machine can take 1 s to answer an ordinary request
            "--archive-api",
            f"{server}/wayback/available",
        ]
    )
    report = json.loads((catalog / "reports" / "external-links.json").read_text("utf-8"))
    return {r["id"]: r for r in report["results"]}


def test_every_case_is_classified_and_broken_needs_two_failures_a_week_apart(catalog: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(catalog, server, "2026-12-01", monkeypatch)
    for name, (status, verdict) in CASES.items():
        assert (first[f"local-{name}"]["status"], first[f"local-{name}"]["state"]) == (status, verdict), name
    assert "retry after 120 s" in first["local-busy"]["detail"]
    assert first["local-other-301"]["new_url"].startswith(f"http://{OTHER}:") and f"{OTHER}/ok" not in _Server.requests
    assert first["local-metadata"]["state"] == "refused" and not any("metadata" in r for r in _Server.requests)
    assert first["supervision-guide"]["archived_url"] is None  # one failure is not enough

    # From now on /hang fails at once: a failure all the same (a timeout counts as the first of
    # the two failures a week apart), and the 2 s wait is paid once.
    monkeypatch.setattr(_Server, "hangs", False)
    again = run(catalog, server, "2026-12-05", monkeypatch)  # four days later: still only failing
    assert again["local-gone"]["state"] == "failing" and again["local-gone"]["failing_since"] == "2026-12-01"

    week = run(catalog, server, "2026-12-08", monkeypatch)
    for name in ("gone", "removed", "hang", "loop"):
        assert week[f"local-{name}"]["state"] == "broken", name
    assert week["local-ok"]["state"] == "ok" and week["local-busy"]["state"] == "blocked"
    # The archived copy is the snapshot nearest the day the link was confirmed (copy_checked).
    assert week["local-gone"]["archived_url"] == f"http://web.archive.org/web/20250601093000/{server}/gone"
    assert week["local-other-301"]["archived_url"].startswith("http://web.archive.org/web/20250601")
    history = link_history.load(catalog)
    assert [c["at"] for c in history["links"][f"{server}/gone"]["checks"]] == ["2026-12-01", "2026-12-05", "2026-12-08"]
    assert check_catalog(catalog)[1] == []  # the history passes the loader's schema
    markdown = (catalog / "reports" / "external-links.md").read_text("utf-8")
    assert "broken since 2026-12-01; archived copy" in markdown

    # A success ends the run of failures.
    monkeypatch.setattr(_Server, "_answer", lambda self: self._send(200))
    monkeypatch.setattr(_Server, "do_GET", lambda self: self._send(200))
    monkeypatch.setattr(_Server, "do_HEAD", lambda self: self._send(200))
    back = run(catalog, server, "2026-12-15", monkeypatch)
    assert back["local-gone"]["state"] == "ok" and back["local-gone"]["archived_url"] is None


def test_the_resource_page_offers_the_archived_copy_only_once_broken(catalog: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def page() -> BeautifulSoup:
        cat = load_catalog(catalog)
        r = cat.get("resources", "supervision-guide")
        return BeautifulSoup(resource_page.resource_page_body(cat, Context(page_url="resources/supervision-guide/"), r, {}), "html.parser")

    monkeypatch.setattr(_Server, "hangs", False)  # this test is about one broken link, not timeouts
    run(catalog, server, "2026-12-01", monkeypatch)
    assert page().select_one(".pet-archived") is None
    run(catalog, server, "2026-12-08", monkeypatch)
    body = page()
    main = body.select_one(".pet-outbound-main a")
    assert main["href"] == f"{server}/gone", "the publisher's address stays the link"
    assert main["data-versionurl"] == f"https://web.archive.org/web/20250601093000/{server}/gone" and main["data-versiondate"] == "2025-06-01"
    note = body.select_one(".pet-archived")
    assert "failed our weekly checks since 1 December 2026" in note.get_text()
    copy = note.select_one("a")
    assert copy.get_text() == "Archived copy (1 June 2025)" and copy["data-originalurl"] == f"{server}/gone"
    assert "Archived copy from 1 June 2025" in body.select_one(".pet-reviewed").get_text()
    ld = json.loads(body.select_one('script[type="application/ld+json"]').string)
    assert ld["archivedAt"] == main["data-versionurl"] and ld["url"] == f"{server}/gone"


def test_only_internet_archive_snapshots_are_ever_offered() -> None:
    entry = {"checks": [{"at": "2026-12-01", "status": "broken"}, {"at": "2026-12-08", "status": "broken"}]}
    for bad in (
        "javascript:alert(1)",
        "https://evil.example/web/2025/x",
        "http://web.archive.org.evil.example/web/1/x",
        "https://web.archive.org/save/x",
    ):
        assert link_history.archived_copy({**entry, "archived": {"url": bad, "timestamp": "20250101000000"}}) is None, bad
    good = link_history.archived_copy(
        {**entry, "archived": {"url": "http://web.archive.org/web/20250101000000/https://x.org/", "timestamp": "20250101000000"}}
    )
    assert good == ("https://web.archive.org/web/20250101000000/https://x.org/", "2025-01-01")
