"""scripts/check-links: internal links and anchors of the built site, or the catalog's URLs.

Internal (the default) runs linkchecker over a throwaway 127.0.0.1 server. The server sends
a `LinkChecker` header and the config allows 1000 requests/s, otherwise linkchecker slows
itself to 10 requests/s per host (NOTES.md). Then every anchor is looked up in one pass over the
pages (site_anchors). Any broken link or missing anchor fails.

External (--external) asks every catalog URL once and writes catalog/reports/
external-links.json and .md with one status per entry: ok, redirected (with the new URL),
broken, blocked (403/429: many sites refuse robots, so a person checks by hand) or timeout.
It only reports; it never edits the catalog. It never connects to a loopback, private,
link-local or metadata address, whatever the catalog says: each host (also on a redirect) is
resolved first, every address it resolves to is checked, and the connection goes to the
checked address, so a second lookup cannot swap in another one.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.client
import http.server
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pet_generator.catalog import identity, link_history
from pet_generator.catalog.addresses import address_allowed
from pet_generator.catalog.dates import today
from pet_generator.catalog.loader import CatalogInvalid, load_catalog
from pet_generator.catalog.markdown_safe import code_span
from pet_generator.catalog.messages import log_lines
from pet_generator.catalog.paths import (
    DEFAULT_CATALOG,
    ROOT,  # noqa: E402
)
from pet_generator.tools.local_server import serve
from pet_generator.tools.site_anchors import missing_anchors

REPORT_DIR = ("reports",)  # inside the catalog folder; macros/pet_generator/site/maintainers.py renders it
ARCHIVE_API = "https://archive.org/wayback/available"  # the Internet Archive availability API
# The toolkit's own name goes in front (user_agent(): "PeerEmployerToolkit-LinkCheck/1.0 (...)").
USER_AGENT = "Toolkit-LinkCheck/1.0 (+maintainers; one request per link)"


def user_agent(catalog_dir: Path) -> str:
    """The User-Agent of this toolkit's link checks, named after its edition's title."""
    edition = load_catalog(catalog_dir)["edition"]
    return f"{identity.product_token(edition)}-LinkCheck/1.0 (+maintainers; one request per link)"


STATUSES = ("ok", "redirected", "moved", "broken", "blocked", "timeout")

LINKCHECKER_CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
[filtering]
checkextern=0
[output]
warnings=1
"""
# No [AnchorCheck]: that plugin parses a page again for every different anchor that points into
# it (415 s on this site); site_anchors checks every anchor in one pass instead.


# ---------------------------------------------------------------- internal links


def check_site_links(site_dir: Path) -> tuple[int, str]:
    """Run linkchecker on the site; return its exit code (0 clean, 1 broken, 2 crash) and output."""
    if not (site_dir / "index.html").is_file():
        return 2, f"{site_dir}/index.html not found; run scripts/build first"
    server, url = serve(site_dir)
    with tempfile.TemporaryDirectory(prefix="pet-linkcheck-") as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(LINKCHECKER_CONFIG, "utf-8")
        os.chmod(tmp, 0o755)  # run as root, linkchecker becomes 'nobody' and must read it
        os.chmod(config, 0o644)
        command = [str(Path(sys.executable).parent / "linkchecker"), "--config", str(config), "--no-status", "--output", "text", url]
        try:
            result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HOME": tmp})
        finally:
            server.shutdown()
    output = (result.stdout + result.stderr).replace(url, "/")
    missing = missing_anchors(site_dir)
    if missing:
        output += f"\n{len(missing)} broken anchors:\n" + "\n".join(f"  {m}" for m in missing) + "\n"
    return (result.returncode or (1 if missing else 0)), output


# ---------------------------------------------------------------- external links


@dataclass
class LinkResult:
    collection: str
    id: str
    title: str
    url: str
    status: str  # one of STATUSES
    http_status: int | None = None
    new_url: str | None = None
    detail: str = ""
    state: str = ""  # the link history's verdict (macros/pet_generator/catalog/link_history.py): broken only after two failures a week apart
    failing_since: str | None = None
    archived_url: str | None = None  # the Internet Archive's nearest snapshot, for a broken or moved link


def catalog_urls(catalog_dir: Path) -> Iterator[tuple[str, str, str, str]]:
    """(collection, id, title, url) for every entity with a URL, resources first."""
    cat = load_catalog(catalog_dir)
    order = ["resources"] + sorted(k for k in cat.data if k != "resources")
    for name in order:
        value = cat.data.get(name)
        entities = [value] if isinstance(value, dict) else value or []
        for e in entities:
            if not isinstance(e, dict):
                continue
            for field in ("url", "repository", "site_url"):
                if isinstance(e.get(field), str) and e[field].startswith(("http://", "https://")):
                    title = e.get("title") or e.get("name") or e.get("citation") or e.get("term") or ""
                    yield name, str(e.get("id", name)), str(title), e[field]


class RefusedAddress(ValueError):
    """The URL leads somewhere the checker must not go (a private address, another scheme)."""


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (IPv4 and IPv6)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def _vetted_address(host: str, port: int, allowed: Callable[[str], bool]) -> str:
    addresses = resolve(host, port)
    refused = [a for a in addresses if not allowed(a)]
    if not addresses or refused:
        raise RefusedAddress(f"not requested: {host} resolves to {(refused or ['nothing'])[0]}, a local or private address")
    return addresses[0]


def _site(url: str) -> str:
    """The host a URL names, without a leading www. (http to https, or www. added, is the same site)."""
    host = (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _vet(url: str, allowed: Callable[[str], bool]) -> tuple[urllib.parse.SplitResult, int, str]:
    """(parts, port, the checked address to connect to); RefusedAddress for anything else."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedAddress(f"not requested: only http and https addresses are checked ({url[:80]})")
    if "@" in parts.netloc:
        raise RefusedAddress("not requested: the address carries a user name or password")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts, port, _vetted_address(parts.hostname, port, allowed)


def _vetted_connection(url: str, timeout: float, allowed: Callable[[str], bool]) -> tuple[http.client.HTTPConnection, str]:
    """(a connection to the address vetted for `url`, the request path): every request goes through here."""
    parts, _port, address = _vet(url, allowed)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    kwargs: dict[str, Any] = {"timeout": timeout}
    if parts.scheme == "https":
        kwargs["context"] = ssl.create_default_context()
    conn = conn_class(parts.netloc, **kwargs)

    # Connect to the address checked above; TLS still verifies the certificate for the host name.
    def connect_checked(target: tuple[str, int], timeout: float | None = None, source: Any = None) -> socket.socket:
        return socket.create_connection((address, target[1]), timeout, source)

    conn._create_connection = connect_checked  # type: ignore[attr-defined]
    return conn, urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))


def _request(url: str, timeout: float, method: str, allowed: Callable[[str], bool], agent: str = USER_AGENT) -> tuple[int, str | None, str | None]:
    conn, path = _vetted_connection(url, timeout, allowed)
    try:
        conn.request(method, path, headers={"User-Agent": agent, "Accept": "*/*"})
        response = conn.getresponse()
        retry_after = (response.getheader("Retry-After") or "").strip()
        return response.status, response.getheader("Location"), retry_after[:40] if retry_after.isdigit() else None
    finally:
        conn.close()


def check_url(
    url: str, timeout: float, max_redirects: int = 5, allowed: Callable[[str], bool] | None = None, agent: str = USER_AGENT
) -> tuple[str, int | None, str | None, str]:
    """(status, HTTP status, new URL if redirected, detail) for one URL, following redirects.
    `allowed` decides which resolved addresses may be contacted: public ones (address_allowed)
    unless a test against a local server says otherwise."""
    allowed = allowed or address_allowed
    current, hops = url, 0
    while True:
        try:
            code, location, retry_after = _request(current, timeout, "HEAD", allowed, agent)
            if code >= 400 and code != 429:
                code, location, retry_after = _request(current, timeout, "GET", allowed, agent)  # some servers refuse HEAD
        except RefusedAddress as exc:
            return "broken", None, current if hops else None, str(exc)[:200]
        except TimeoutError:
            return "timeout", None, None, f"no answer within {timeout:g} s"
        except (OSError, http.client.HTTPException, ValueError) as exc:
            return "broken", None, None, f"{type(exc).__name__}: {exc}"[:200]
        if code in (301, 302, 303, 307, 308) and location:
            hops += 1
            target = urllib.parse.urljoin(current, location)
            if hops > max_redirects:
                return "broken", code, target, "too many redirects"
            try:  # where it leads is vetted before anything else: a private address is never requested
                _vet(target, allowed)
            except RefusedAddress as exc:
                return "broken", code, target, str(exc)[:200]
            except OSError as exc:
                return "broken", code, target, f"{type(exc).__name__}: {exc}"[:200]
            if _site(target) != _site(url):  # another host: a person decides, the checker does not follow
                return "moved", code, target, f"redirects to another site ({urllib.parse.urlsplit(target).hostname})"
            current = target
            continue
        if code in (403, 429):
            retry = f" (it asked us to retry after {retry_after} s)" if code == 429 and retry_after else ""
            return "blocked", code, None, "the site refused an automatic check; check it by hand" + retry
        if code >= 400:
            return "broken", code, None, f"HTTP {code}"
        if hops:
            return "redirected", code, current, f"now at {current}"
        return "ok", code, None, ""


def check_external(catalog_dir: Path, timeout: float, workers: int = 8, archive_api: str = ARCHIVE_API) -> list[LinkResult]:
    """Check every catalog URL once, add the check to the link history, and look up an archived
    copy for each link that is now broken or moved (and has none yet)."""
    entries = list(catalog_urls(catalog_dir))
    unique = sorted({url for *_, url in entries})
    agent = user_agent(catalog_dir)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = dict(zip(unique, pool.map(lambda u: check_url(u, timeout, agent=agent), unique), strict=True))
    history = link_history.load(catalog_dir)
    day = today()
    for url, (status, code, new_url, detail) in outcomes.items():
        kind = "refused" if detail.startswith("not requested") else status
        link_history.add_check(history, url, day, kind, code, new_url)
    confirmed = _confirmed_days(catalog_dir)
    for url in unique:
        entry = history["links"][url]
        if link_history.state(entry)[0] in ("broken", "moved") and "archived" not in entry:
            snapshot = nearest_snapshot(url, confirmed.get(url) or day, timeout, archive_api, agent=agent)
            if snapshot:
                entry["archived"] = {**snapshot, "looked_up": day.isoformat()}
    # URLs no longer in the catalog leave the history; its size follows the catalog's.
    history["links"] = {url: history["links"][url] for url in unique}
    _write_history(catalog_dir, history)
    results = []
    for collection, entity_id, title, url in entries:
        status, code, new_url, detail = outcomes[url]
        entry = history["links"][url]
        verdict, first, _ = link_history.state(entry)
        snap = entry.get("archived") if verdict in ("broken", "moved") else None
        results.append(LinkResult(collection, entity_id, title, url, status, code, new_url, detail, verdict, first, snap["url"] if snap else None))
    return results


def _confirmed_days(catalog_dir: Path) -> dict[str, datetime.date]:
    """URL -> the day it was confirmed (live_checked, else copy_checked): the archive lookup aims there."""
    cat = load_catalog(catalog_dir)
    out: dict[str, datetime.date] = {}
    for name in ("resources", "sources"):
        for e in cat.data.get(name, []):
            evidence = e.get("url_evidence") or {}
            when = evidence.get("live_checked") or evidence.get("copy_checked")
            if e.get("url") and when:
                out[e["url"]] = datetime.date.fromisoformat(when)
    return out


def _write_history(catalog_dir: Path, history: dict[str, Any]) -> Path:
    file = link_history.path(catalog_dir)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(history, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    return file


def nearest_snapshot(
    url: str, day: datetime.date, timeout: float, api: str = ARCHIVE_API, allowed: Callable[[str], bool] | None = None, agent: str = USER_AGENT
) -> dict[str, str] | None:
    """The Internet Archive's snapshot of `url` closest to `day` (its availability API), or None.
    Only a web.archive.org snapshot address is kept; the API host is vetted like any link."""
    query = urllib.parse.urlencode({"url": url, "timestamp": day.strftime("%Y%m%d")})
    try:
        body = _fetch(f"{api}?{query}", timeout, allowed or address_allowed, agent=agent)
        closest = json.loads(body).get("archived_snapshots", {}).get("closest") or {}
    except (RefusedAddress, OSError, http.client.HTTPException, ValueError, AttributeError):
        return None
    stamp = str(closest.get("timestamp") or "")
    if closest.get("available") is True and link_history.archive_url_allowed(closest.get("url")) and stamp.isdigit() and len(stamp) == 14:
        return {"url": str(closest["url"]), "timestamp": stamp}
    return None


def _fetch(url: str, timeout: float, allowed: Callable[[str], bool], limit: int = 65536, agent: str = USER_AGENT) -> bytes:
    """A GET of at most `limit` bytes from a vetted address (the archive's small JSON answers)."""
    conn, path = _vetted_connection(url, timeout, allowed)
    try:
        conn.request("GET", path, headers={"User-Agent": agent, "Accept": "application/json"})
        response = conn.getresponse()
        if response.status != 200:
            raise ValueError(f"HTTP {response.status}")
        return response.read(limit)
    finally:
        conn.close()


def workflow_run() -> dict[str, str] | None:
    """Which GitHub Actions run wrote the report, or None outside one. The publish workflow
    believes a committed report only when that run's own artifact holds the same results
    (macros/pet_generator/catalog/link_report.py)."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return None
    names = {"repository": "GITHUB_REPOSITORY", "run_id": "GITHUB_RUN_ID", "workflow_ref": "GITHUB_WORKFLOW_REF", "commit": "GITHUB_SHA"}
    return {key: os.environ.get(var, "")[:200] for key, var in names.items()}


def write_report(results: list[LinkResult], catalog_dir: Path) -> tuple[Path, Path]:
    out = catalog_dir.joinpath(*REPORT_DIR)
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    if now.date() != today():  # the build's clock (PET_TODAY) wins: a test's week later is a week later
        now = datetime.datetime.combine(today(), datetime.time(), datetime.UTC)
    checked_at = now.isoformat()
    counts = {s: sum(1 for r in results if r.status == s) for s in STATUSES}
    payload: dict[str, Any] = {"checked_at": checked_at, "counts": counts, "results": [asdict(r) for r in results]}
    if run := workflow_run():
        payload["run"] = run
    json_path = out / "external-links.json"
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
    lines = [
        "# External link report",
        "",
        f"Checked {checked_at}: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + ".",
        "",
        "Nothing in the catalog was changed. *blocked* means the site refused an automatic",
        "check (403 or 429): open the link by hand. The History column is the verdict of",
        "catalog/reports/link-history.json: a link is *broken* only after two failures at",
        "least a week apart (*failing* until then); *moved* redirects to another site, which",
        "a person checks before changing the catalog by pull request.",
        "",
    ]
    problems = [r for r in results if r.status != "ok"]
    if problems:
        lines += ["| Status | Entry | URL | Detail | History |", "|---|---|---|---|---|"]
        for r in problems:
            detail = r.new_url if r.status in ("redirected", "moved") else r.detail
            seen = r.state + (f" since {r.failing_since}" if r.failing_since else "")
            seen += f"; archived copy {code_span(r.archived_url)}" if r.archived_url else ""
            # Every value goes in a code span: the detail and a redirect's address are chosen by the remote host.
            lines.append(f"| {r.status} | {r.collection}: {code_span(r.id)} | {code_span(r.url)} | {code_span(detail or '')} | {seen} |")
    else:
        lines.append("Every link answered.")
    md_path = out / "external-links.md"
    md_path.write_text("\n".join(lines) + "\n", "utf-8")
    return json_path, md_path


# ---------------------------------------------------------------- command line


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/check-links", description="Check the built site's internal links and anchors, or the catalog's URLs."
    )
    parser.add_argument("--external", action="store_true", help="check every catalog URL and write catalog/reports/external-links.{json,md}")
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help="built site to check (default: site/)")
    parser.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog folder for --external (default: catalog/)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each external URL (default: 20)")
    parser.add_argument("--archive-api", default=ARCHIVE_API, help="the Internet Archive availability API (tests use a local stand-in)")
    args = parser.parse_args(argv)
    if not args.external:
        code, output = check_site_links(Path(args.site_dir))
        print(output.strip())
        print("internal links and anchors: OK" if code == 0 else "internal links and anchors: BROKEN (see above)", file=sys.stderr)
        return code
    try:
        results = check_external(Path(args.catalog), args.timeout, archive_api=args.archive_api)
    except CatalogInvalid as exc:
        print(log_lines(f"{exc}\nfix the catalog first (scripts/validate)"), file=sys.stderr)
        return 2
    json_path, md_path = write_report(results, Path(args.catalog))
    counts = {s: sum(1 for r in results if r.status == s) for s in STATUSES}
    print(f"{len(results)} URLs: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    states = {s: sum(1 for r in results if r.state == s) for s in link_history.STATES if any(r.state == s for r in results)}
    print("link history: " + ", ".join(f"{n} {s}" for s, n in states.items()))
    print(f"wrote {os.path.relpath(json_path)}, {os.path.relpath(md_path)} and {os.path.relpath(link_history.path(Path(args.catalog)))}")
    return 1 if counts["broken"] or counts["timeout"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
