"""The link history: every automatic check of every catalog URL, and what follows from it.

catalog/reports/link-history.json is written by `scripts/check-links --external` (the weekly
workflow commits it to a bot branch and opens a pull request, so a person sees each change).
Per URL it keeps the last MAX_CHECKS checks, oldest first, and, for a link that is broken or
moved, the Internet Archive's snapshot nearest the day the link was confirmed.

The rules (Wikipedia's bots use the same two-failures rule):
- a link is *broken* only after failing two checks at least MIN_DAYS_APART days apart, with no
  success between; one failure, or failures closer together, is *failing* (a third party's
  outage often lasts hours);
- a redirect to another host is *moved*: flagged for a person, never followed into the catalog;
- 403 and 429 are *check by hand* (many sites refuse robots), never failures;
- an address that leads to a local, private or metadata address is *refused* (never requested).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pet_generator.catalog.loader import load_side_file
from pet_generator.catalog.side_files import LINK_HISTORY as FILE
from pet_generator.catalog.side_files import LINK_HISTORY_MAX_CHECKS as MAX_CHECKS

MIN_DAYS_APART = 7
FAILURES = ("broken", "timeout")
ARCHIVE_HOSTS = ("web.archive.org",)
# What each state means for people, in the report and on the maintainers' page.
STATES = {
    "ok": "answered",
    "redirected": "redirects within the same site",
    "moved": "redirects to another site: a person decides whether to change the catalog",
    "failing": "failed once (or twice within a week): checked again next week",
    "broken": "failed two checks at least a week apart",
    "blocked": "the site refused an automatic check (403 or 429): check it by hand",
    "refused": "leads to a local or private address: never requested",
    "unchecked": "not checked yet",
}


def path(catalog_dir: Path) -> Path:
    return catalog_dir.joinpath(*FILE)


def load(catalog_dir: Path) -> dict[str, Any]:
    """The history, checked like the catalog (an empty one if there is none yet)."""
    value = load_side_file("link_history", path(catalog_dir))
    return value if isinstance(value, dict) else {"links": {}}


_CACHE: dict[Path, tuple[float, dict[str, Any]]] = {}


def load_cached(catalog_dir: Path) -> dict[str, Any]:
    """load(), once per file version: a build asks for it on every resource page."""
    file = path(catalog_dir)
    stamp = file.stat().st_mtime if file.is_file() else 0.0
    key = Path(catalog_dir).resolve()
    if key not in _CACHE or _CACHE[key][0] != stamp:
        _CACHE.clear()
        _CACHE[key] = (stamp, load(catalog_dir))
    return _CACHE[key][1]


def add_check(history: dict[str, Any], url: str, day: datetime.date, status: str, http_status: int | None, new_url: str | None) -> None:
    entry = history.setdefault("links", {}).setdefault(url, {"checks": []})
    entry["checks"] = [*entry["checks"], {"at": day.isoformat(), "status": status, "http_status": http_status, "new_url": new_url}][-MAX_CHECKS:]


def state(entry: dict[str, Any] | None) -> tuple[str, str | None, str | None]:
    """(state, first failure of the current run or None, last check's day or None)."""
    checks = (entry or {}).get("checks") or []
    if not checks:
        return "unchecked", None, None
    last = checks[-1]
    if last["status"] not in FAILURES:
        return last["status"], None, last["at"]
    first = last["at"]
    for check in reversed(checks):
        if check["status"] in FAILURES:
            first = check["at"]
        elif check["status"] != "blocked":  # a success ends the run; a refusal says nothing
            break
    apart = (datetime.date.fromisoformat(last["at"]) - datetime.date.fromisoformat(first)).days
    return ("broken" if apart >= MIN_DAYS_APART else "failing"), first, last["at"]


def last_ok(entry: dict[str, Any] | None) -> str | None:
    """The last day the link answered an automatic check."""
    return next((c["at"] for c in reversed((entry or {}).get("checks") or []) if c["status"] in ("ok", "redirected")), None)


def archive_url_allowed(url: Any) -> bool:
    """Only the Internet Archive's own https/http snapshot addresses are ever shown."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in ARCHIVE_HOSTS and parts.path.startswith("/web/")


def archived_copy(entry: dict[str, Any] | None) -> tuple[str, str] | None:
    """(https snapshot URL, its day YYYY-MM-DD) to offer readers, for a broken or moved link."""
    snap = (entry or {}).get("archived")
    if not isinstance(snap, dict) or not archive_url_allowed(snap.get("url")):
        return None
    if state(entry)[0] not in ("broken", "moved"):
        return None
    stamp = str(snap.get("timestamp") or "")
    try:
        day = datetime.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError:
        return None
    url = "https://" + str(snap["url"]).split("://", 1)[1]
    return url, day.isoformat()
