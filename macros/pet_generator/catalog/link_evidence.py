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
# Web archives: never the publisher's live page, even when the copy is faithful.
_ARCHIVE_HOSTS = (
    "web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "archive.li", "archive.vn",
    "webcache.googleusercontent.com", "archive-it.org", "webharvest.gov", "webarchive.library.unt.edu",
    "webarchive.org.uk", "webarchive.nationalarchives.gov.uk", "arquivo.pt", "perma.cc", "cachedview.nl",
)  # fmt: skip
# A subdomain that names an archive: an agency's own archive.ada.gov is a frozen copy of pages
# that have moved, never evidence for the live address.
_ARCHIVE_LABELS = {"archive", "archives", "webarchive", "web-archive", "wayback", "oldsite", "old", "legacy"}
# Third-party document sites: they re-host other publishers' files (often without leave) and
# their pages are not the publisher's.
_DOCUMENT_SITES = (
    "docslib.org", "scribd.com", "pdfdrive.com", "vdocuments.mx", "vdocuments.net", "vdocuments.site", "vdocuments.in",
    "vdocument.in", "studylib.net", "studylib.es", "studylib.fr", "pdfslide.us", "pdfslide.net", "fdocuments.net",
    "fdocuments.in", "fdocuments.us", "dokumen.pub", "documents.pub", "dokumen.tips", "pdfcoffee.com", "idoc.pub",
    "epdf.pub", "silo.tips", "kipdf.com", "yumpu.com", "coursehero.com", "cupdf.com", "pdf4pro.com", "docplayer.net",
    "docplayer.org", "slideplayer.com", "pdfprof.com", "doczz.net", "documents.tips", "pdfkul.com", "zbook.org",
    "manualzz.com", "issuu.com", "slideshare.net", "dochero.com", "qdoc.tips", "anyflip.com", "fliphtml5.com",
    "vdocuments.us", "studyres.com", "pdfroom.com", "123dok.net", "123dok.com", "paperzz.com", "docslides.com",
    "careersdocbox.com", "happylibnet.com", "documents.site", "cinxe.com", "fanyv88.com", "zlibrary.cc", "ebin.pub",
    "9pdf.net", "studydaddy.com", "issuhub.com", "homeworkhandlers.com", "majortests.com", "passeidireto.com",
)  # fmt: skip
# Cloud load-balancer, compute and storage hosts: the machine behind a site, not its public name.
_CLOUD_HOSTS = (
    "amazonaws.com", "cloudfront.net", "blob.core.windows.net", "cloudapp.azure.com", "cloudapp.net",
    "trafficmanager.net", "azureedge.net", "storage.googleapis.com", "digitaloceanspaces.com", "r2.dev",
    "r2.cloudflarestorage.com", "backblazeb2.com", "wasabisys.com", "linodeobjects.com", "objectstorage.oraclecloud.com",
)  # fmt: skip
# Work-in-progress hosts under any name: "staging.", "engagetest.", "site-dev.", "qa2.".
_WORK_IN_PROGRESS = {"staging", "stage", "stg", "dev", "development", "test", "testing", "tst", "preview", "qa", "uat", "sandbox"}
_WORK_IN_PROGRESS_PART = re.compile(r"(staging|sandbox|test)", re.IGNORECASE)  # words that mark a copy wherever they appear in a subdomain
_NUMBERED = re.compile(r"\d+$")
_BACKUP = re.compile(r"-(bak|backup|old)(?=$|[/.?#])", re.IGNORECASE)
_DOI = re.compile(r"https://doi\.org/10\.\d{4,9}/\S+")  # fullmatch: Python's $ would let a final newline through


def _within(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _work_in_progress(labels: list[str]) -> bool:
    """A label that names a test, staging or development copy: whole ("dev", "qa2"), hyphenated
    ("site-dev", "test-www") or, in a subdomain, run together ("engagetest", "stagingwww")."""
    for i, label in enumerate(labels[:-1]):
        parts = [_NUMBERED.sub("", p) for p in label.split("-")]
        subdomain = i < len(labels) - 2
        if (subdomain or len(parts) > 1) and any(p in _WORK_IN_PROGRESS for p in parts):
            return True
        if subdomain and _WORK_IN_PROGRESS_PART.search(label):
            return True
    return False


def copy_host_reason(url: str) -> str | None:
    """Why an address is a copy rather than the publisher's public page, or None.

    Staging, test and development hosts, backup pages (`…-bak`), web archives (an agency's own
    `archive.` host included), third-party document sites and cloud load-balancer or storage
    hosts hold copies that may differ from, or outlive, what the publisher serves: they are
    never evidence or links.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if _within(host, _ARCHIVE_HOSTS) or any(label in _ARCHIVE_LABELS for label in labels[:-2]):
        return "an archive copy"
    if _within(host, _DOCUMENT_SITES):
        return "a copy on a third-party document site"
    if _within(host, _CLOUD_HOSTS) or ".elb." in f".{host}.":
        return "a cloud load-balancer or storage host"
    if _work_in_progress(labels):
        return "a staging, test or development copy"
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
