"""scripts/check-links: internal links and anchors with linkchecker; the catalog's URLs
against a local server that answers 200, 301, 404, 429 and slowly."""

from __future__ import annotations

import hashlib
import http.server
import ipaddress
import json
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, ROOT, copy_catalog
from pet_generator.tools import check_links as link_report
from pet_generator.tools.check_links import check_site_links, check_url
from pet_generator.tools.site_anchors import missing_anchors

CHECK_LINKS = str(ROOT / "scripts" / "check-links")


def test_help_describes_both_modes() -> None:
    out = subprocess.run([CHECK_LINKS, "--help"], capture_output=True, text=True, check=True).stdout
    assert "--external" in out and "--site-dir" in out and "--timeout" in out and "never edits" in out


def test_every_internal_link_and_anchor_of_the_built_site_works(site_dir: Path) -> None:
    code, output = check_site_links(site_dir)
    assert code == 0, output[-3000:]
    assert " 0 errors found" in output


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """Two pages with a working link and anchor: clean, until a test plants a broken one."""
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>home</title><a href="page/#there">page</a> <a href="mailto:a@example.org">mail</a>', "utf-8"
    )
    (site / "page" / "index.html").write_text('<!doctype html><title>page</title><h2 id="there">There</h2><a href="../">home</a>', "utf-8")
    for path in (site, site / "page"):
        path.chmod(0o755)  # linkchecker run as root reads the files as 'nobody'
    return site


# linkchecker itself takes about 2 s a run: slow, though it needs no build.
@pytest.mark.slow
def test_a_clean_site_passes(tiny_site: Path) -> None:
    result = subprocess.run([CHECK_LINKS, "--site-dir", str(tiny_site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.slow
@pytest.mark.parametrize("href", ["no-such-page/", "page/#no-such-anchor", "assets/missing.css"])
def test_a_broken_internal_link_or_anchor_fails_the_check(tiny_site: Path, href: str) -> None:
    index = tiny_site / "index.html"
    index.write_text(index.read_text("utf-8") + f' <a href="{href}">planted</a>', "utf-8")
    result = subprocess.run([CHECK_LINKS, "--site-dir", str(tiny_site)], capture_output=True, text=True)
    assert result.returncode == 1, result.stdout[-2000:]
    assert href in result.stdout


def test_the_anchor_pass_finds_each_missing_anchor_once_the_way_a_browser_resolves_links(tiny_site: Path) -> None:
    """site_anchors replaces linkchecker's per-anchor reparse; these are the link forms the site uses."""
    (tiny_site / "page" / "index.html").write_text(
        '<!doctype html><h2 id="there">There</h2><a name="old">old</a><h3 id="caf\u00e9">Caf\u00e9</h3>'
        '<a href="#there">same page</a> <a href="../#top">home, missing</a> <a href="index.html#old">by file</a>'
        '<a href="#caf%C3%A9">encoded</a> <a href="https://example.org/#nowhere">elsewhere</a>'
        '<a href="../no-such-page/#x">no page: linkchecker reports it</a> <a href="../page#gone">no slash, missing</a>',
        "utf-8",
    )
    missing = missing_anchors(tiny_site)
    assert sorted((m.page, m.href, m.target) for m in missing) == [("page/", "../#top", ""), ("page/", "../page#gone", "page/")]
    assert str(next(m for m in missing if m.href == "../#top")).startswith("page/: link `../#top' leads to /,")


# ---------------------------------------------------------------- external links


def loopback_only(address: str) -> bool:
    """The tests' server listens on 127.0.0.1, which the checker otherwise refuses."""
    return ipaddress.ip_address(address).is_loopback


class _Answers(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _answer(self) -> None:
        path = self.path
        _Answers.requests.append(path)
        if path.startswith("/to/"):  # /to/<url>: a redirect to anywhere
            self.send_response(302)
            self.send_header("Location", path.removeprefix("/to/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/slow":
            time.sleep(3)
        status = {"/ok": 200, "/slow": 200, "/moved": 301, "/gone": 404, "/busy": 429, "/forbidden": 403, "/head-refused": 200}.get(path, 404)
        if path == "/head-refused" and self.command == "HEAD":
            status = 405
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = _answer
    do_HEAD = _answer


@pytest.fixture
def answers() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()  # quick shutdown
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("path", "status", "new_path"),
    [("/ok", "ok", None), ("/moved", "redirected", "/ok"), ("/gone", "broken", None), ("/busy", "blocked", None),
     ("/forbidden", "blocked", None), ("/slow", "timeout", None), ("/head-refused", "ok", None)],
)  # fmt: skip
def test_each_answer_gets_its_status(answers: str, path: str, status: str, new_path: str | None) -> None:
    got, _code, new_url, _detail = check_url(answers + path, timeout=1, allowed=loopback_only)
    assert got == status
    assert new_url == (answers + new_path if new_path else None)


def test_a_refused_connection_is_broken() -> None:
    assert check_url("http://127.0.0.1:9/", timeout=1, allowed=loopback_only)[0] == "broken"


def test_a_local_address_is_never_requested_whatever_the_catalog_says(answers: str) -> None:
    _Answers.requests.clear()
    status, _code, _new, detail = check_url(answers + "/ok", timeout=1)
    assert status == "broken" and "127.0.0.1, a local or private address" in detail
    assert _Answers.requests == []


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/", "http://localhost/",
                                    "http://user:pw@127.0.0.1/", "javascript:alert(1)", "file:///etc/passwd"])  # fmt: skip
def test_a_redirect_to_a_private_address_or_another_scheme_is_not_followed(answers: str, target: str) -> None:
    """The test server is allowed; what it redirects to is checked before any connection."""
    connected: list[Any] = []

    def allowed(address: str) -> bool:
        return address == "127.0.0.1" and not connected  # only the first request, to the test server

    real = link_report.socket.create_connection

    def record(*args: Any, **kwargs: Any) -> Any:
        connected.append(args[0])
        return real(*args, **kwargs)

    link_report.socket.create_connection = record  # type: ignore[assignment]
    try:
        status, _code, new_url, detail = check_url(f"{answers}/to/{target}", timeout=1, allowed=allowed)
    finally:
        link_report.socket.create_connection = real  # type: ignore[assignment]
    assert status == "broken" and detail.startswith("not requested"), detail
    assert new_url == target and len(connected) == 1, connected


@pytest.mark.parametrize("addresses", [["10.0.0.5"], ["93.184.215.14", "127.0.0.1"], ["::ffff:169.254.169.254"], ["fd00:ec2::254"], []])
def test_a_host_name_that_resolves_to_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch, addresses: list[str]) -> None:
    monkeypatch.setattr(link_report, "resolve", lambda host, port: addresses)
    monkeypatch.setattr(link_report.socket, "create_connection", lambda *a, **k: pytest.fail("connected"))
    status, _code, _new, detail = check_url("https://rebinding.example.org/", timeout=1)
    assert status == "broken" and detail.startswith("not requested: rebinding.example.org resolves to"), detail


def test_the_checked_address_is_the_one_connected_to(monkeypatch: pytest.MonkeyPatch, answers: str) -> None:
    """A second DNS lookup could answer differently (DNS rebinding): the connection must use the checked address."""
    port = answers.rsplit(":", 1)[1]
    monkeypatch.setattr(link_report, "resolve", lambda host, p: ["127.0.0.1"])
    real = link_report.socket.create_connection
    targets: list[Any] = []
    monkeypatch.setattr(link_report.socket, "create_connection", lambda target, *a: targets.append(target) or real(target, *a))
    assert check_url(f"http://public.example.org:{port}/ok", timeout=1, allowed=loopback_only)[0] == "ok"
    assert targets == [("127.0.0.1", int(port))]


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "reports" not in p.parts):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_external_mode_writes_a_report_per_resource_and_never_edits_the_catalog(
    tmp_path: Path, answers: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The catalog refuses local addresses, so it names a public-looking host that this test
    # resolves to the local server (and only this test lets the checker contact loopback).
    answers = answers.replace("127.0.0.1", "links.example.org")
    monkeypatch.setattr(link_report, "resolve", lambda host, port: ["127.0.0.1"] if host == "links.example.org" else [])
    monkeypatch.setattr(link_report, "address_allowed", loopback_only)
    cat = copy_catalog(tmp_path / "catalog", FIXTURES / "minimal")
    resources = cat / "resources.yaml"
    resources.write_text(resources.read_text("utf-8").replace("https://example.org/supervision", f"{answers}/moved"), "utf-8")
    with (cat / "sources.yaml").open("a", encoding="utf-8") as f:
        for name in ("ok", "gone", "busy", "slow"):
            evidence = f'  url_evidence: {{kind: exact-page, page: "{answers}/{name}", copy_checked: "2026-01-01"}}\n'  # a url needs its evidence
            f.write(f"- id: local-{name}\n  citation: Local {name}\n  url: {answers}/{name}\n{evidence}")
    before = _tree_hash(cat)
    code = link_report.main(["--external", "--catalog", str(cat), "--timeout", "1"])
    assert code == 1, capsys.readouterr()  # a broken link and a timeout
    assert _tree_hash(cat) == before
    report = json.loads((cat / "reports" / "external-links.json").read_text("utf-8"))
    by_id = {r["id"]: r for r in report["results"]}
    assert by_id["supervision-guide"]["status"] == "redirected" and by_id["supervision-guide"]["new_url"] == f"{answers}/ok"
    assert {by_id[f"local-{n}"]["status"] for n in ("ok", "gone", "busy", "slow")} == {"ok", "broken", "blocked", "timeout"}
    assert by_id["local-busy"]["http_status"] == 429
    assert report["checked_at"] and report["counts"]["broken"] == 1
    markdown = (cat / "reports" / "external-links.md").read_text("utf-8")
    assert "| redirected | resources: ` supervision-guide `" in markdown and f"{answers}/ok" in markdown
    assert "| blocked |" in markdown and "| timeout |" in markdown and "local-ok" not in markdown
