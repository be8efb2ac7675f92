"""The rules for a catalog URL's evidence: how it was confirmed, and which hosts never count.

A URL is only ever added with evidence (DEVELOPERS rule "never invent a URL"). The evidence is
a check against a stored copy of a public page, so it is not a live visit: `live_checked` is
filled in only once the address has worked live (maintainers' page, link-check workflow).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

KINDS = ("exact-page", "publisher-page", "doi", "printed-in-source")
KIND_WORDS = {
    "exact-page": "a stored page at this exact address is the resource",
    "publisher-page": "the publisher's own stored page gives this address",
    "doi": "a DOI tied to this exact title by the publisher or PubMed",
    "printed-in-source": "printed in the source document",
}
_ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "webcache.googleusercontent.com")
_WORK_IN_PROGRESS = {"staging", "stage", "dev", "development", "test", "testing", "preview", "qa", "uat", "sandbox"}
_BACKUP = re.compile(r"-(bak|backup|old)(?=$|[/.?#])", re.IGNORECASE)
_DOI = re.compile(r"https://doi\.org/10\.\d{4,9}/\S+")  # fullmatch: Python's $ would let a final newline through


def copy_host_reason(url: str) -> str | None:
    """Why an address is a copy rather than the publisher's public page, or None.

    Staging and development hosts, backup pages (`…-bak`) and web archives hold copies that
    may differ from, or outlive, what the publisher serves: they are never evidence or links.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host in _ARCHIVE_HOSTS or host.endswith(".archive.org"):
        return "an archive copy"
    labels = host.split(".")
    if any(label in _WORK_IN_PROGRESS for label in labels[:-2]) or any(label.endswith(("-staging", "-dev")) for label in labels):
        return "a staging or development copy"
    if _BACKUP.search(host) or _BACKUP.search(parts.path):
        return "a backup copy"
    return None


def _http(value: Any) -> bool:
    return isinstance(value, str) and value.lower().startswith(("https://", "http://"))


def evidence_problems(url: str | None, evidence: Any) -> list[tuple[tuple, str]]:
    """(path inside the entity, plain message with the fix) for each broken evidence rule."""
    if not isinstance(evidence, dict):  # the schema reports wrong shapes
        if url and evidence is None:
            return [(("url",), "this url has no evidence; add url_evidence (kind, page, copy_checked) as in "
                     "catalog/templates/resources.yaml, or set url: null until it is confirmed")]  # fmt: skip
        return []
    if not url:
        return [(("url_evidence",), "url_evidence is set but url is null; remove url_evidence or fill in the confirmed url")]
    problems: list[tuple[tuple, str]] = []
    kind, page = evidence.get("kind"), evidence.get("page")
    if kind == "printed-in-source":
        if not evidence.get("source"):
            problems.append((("url_evidence", "kind"), "kind printed-in-source needs source: the source id and where it prints the address"))
    elif kind in KINDS:
        if page is None:
            problems.append((("url_evidence", "kind"), f"kind {kind} needs page: the address of the stored page that confirmed the url"))
        elif kind == "exact-page" and page != url:
            problems.append((("url_evidence", "page"), "kind exact-page means the stored page is at exactly the url's address; "
                             "make page and url the same, or use kind publisher-page"))  # fmt: skip
        elif kind == "doi" and not _DOI.fullmatch(url):
            problems.append((("url",), "kind doi needs a url of the form https://doi.org/10.…; use the DOI address or another kind"))
    if not evidence.get("copy_checked") and not evidence.get("live_checked"):
        problems.append((("url_evidence", "kind"), 'add copy_checked (checked against a stored copy) or live_checked (opened live), as "YYYY-MM-DD"'))
    if page is not None and not _http(page):
        problems.append((("url_evidence", "page"), "page must be the stored page's http:// or https:// address"))
    return problems
