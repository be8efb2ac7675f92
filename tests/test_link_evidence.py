"""Content tests (this toolkit's 2026 catalog, not the generator). Issue 14: every URL in the catalog carries its evidence, none comes from a staging, backup
or archive copy, and the maintainers' worklist shows the evidence and flags URLs never checked live."""

from __future__ import annotations

import csv
import io
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT
from pet_generator.catalog.link_evidence import KINDS, copy_host_reason
from pet_generator.catalog.loader import Catalog

pytestmark = pytest.mark.content  # about this catalog: `-m 'not content'` runs the generator's tests only


def _addresses(catalog: Catalog) -> list[tuple[str, str]]:
    """(where, address) for every URL, evidence page and publisher-change evidence."""
    out = []
    for name in ("resources", "sources"):
        for e in catalog[name]:
            evidence = e.get("url_evidence") or {}
            out += [(f"{name}/{e['id']}: url", e["url"])] if e.get("url") else []
            out += [(f"{name}/{e['id']}: url_evidence.page", evidence["page"])] if evidence.get("page") else []
            out += [(f"{name}/{e['id']}: publisher_status", u) for u in (e.get("publisher_status") or {}).get("evidence", [])]
            out += [(f"{name}/{e['id']}: citation_evidence", u) for u in (e.get("citation_evidence") or {}).get("pages", [])]
    return out


@pytest.mark.parametrize(
    ("address", "copy"),
    [("https://staging.calmhsa.org/peer-certification/", True), ("https://dev.example.org/page", True),
     ("https://www.capeercertification.org/specialization-training-bak/", True), ("https://web.archive.org/web/2020/https://ada.gov/", True),
     ("https://archive.org/details/x", True), ("https://www.calmhsa.org/peer-certification", False),
     ("https://doi.org/10.1186/1471-244X-14-39", False), ("https://developer.example.org/devices", False)],
)  # fmt: skip
def test_copy_hosts_are_recognised(address: str, copy: bool) -> None:
    assert (copy_host_reason(address) is not None) is copy


# Issue 24, part 3: each kind of host that holds a copy, with addresses seen in the stored pages.
REFUSED = {
    "an archive copy": [
        "https://archive.ada.gov/doj_responsibilities.htm",  # an agency's own archive host
        "https://archive.cdc.gov/www_cdc_gov/mentalhealth/index.htm",
        "https://webarchive.library.unt.edu/eot2008/20081104042332/http://www.dol.gov/esa/whd/fmla/index.htm",
        "https://webharvest.gov/peth04/20041015013248/http://ada.gov/julsep96.htm",
        "https://wayback.archive-it.org/1/2020/https://www.samhsa.gov/",
        "https://archive.ph/abc12",
        "https://perma.cc/AB12-CD34",
    ],
    "a copy on a third-party document site": [
        "https://docslib.org/doc/123/peer-employer-toolkit",
        "https://www.scribd.com/document/1/peer-support",
        "https://www.pdfdrive.com/peer-support-d1.html",
        "https://vdocuments.mx/peer-support.html",
        "https://vdocument.in/recovery-to-practice-situational-analysis.html",
        "https://studylib.net/doc/1/peer-support",
        "https://pdfslide.us/documents/enhancing-the-peer-provider-workforce-recruitment.html",
        "https://fdocuments.net/document/the-peer-provider-workforce-in-behavioral-health.html",
        "https://dokumen.pub/peer-support.html",
        "https://docplayer.net/123-peer.html",
    ],
    "a cloud load-balancer or storage host": [
        "https://mybucket.s3.amazonaws.com/toolkit.pdf",
        "https://s3.us-west-2.amazonaws.com/bucket/toolkit.pdf",
        "http://web-lb-123.us-west-1.elb.amazonaws.com/peer",
        "https://d1234abcd.cloudfront.net/files/toolkit.pdf",
        "https://account.blob.core.windows.net/docs/toolkit.pdf",
        "https://storage.googleapis.com/bucket/toolkit.pdf",
        "https://site.westus.cloudapp.azure.com/",
    ],
    "a staging, test or development copy": [
        "https://engagetest.calmhsa.org/peer-certification",
        "https://calmhsa-staging.example.org/",
        "https://capeercertification-dev.example.org/",
        "https://staging.calmhsa.org/peer-certification/",
        "https://dev.example.org/page",
        "https://qa2.example.org/",
        "https://uat.example.gov/",
    ],
}
PUBLIC = [
    "https://www.calmhsa.org/peer-certification",
    "https://www.archives.gov/research",
    "https://developer.example.org/devices",
    "https://www.devon.gov.uk/",
    "https://oac.cdlib.org/findaid/ark:/13030/tf5v19n7dd/",
    "https://doi.org/10.1186/1471-244X-14-39",
    "https://pubmed.ncbi.nlm.nih.gov/24528545/",
    "https://www.contest.org/",
]


@pytest.mark.parametrize(("reason", "address"), [(reason, a) for reason, addresses in REFUSED.items() for a in addresses])
def test_each_kind_of_copy_host_is_refused_with_its_reason(reason: str, address: str) -> None:
    assert copy_host_reason(address) == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_public_pages_are_not_mistaken_for_copies(address: str) -> None:
    assert copy_host_reason(address) is None


def test_a_refused_host_in_the_catalog_is_a_positioned_error(tmp_path: Path) -> None:
    """The loader refuses a copy host in url, url_evidence.page, publisher_status evidence and
    citation_evidence pages alike, at the value's own line."""
    import shutil

    from pet_generator.catalog.loader import check_catalog

    cat = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", cat)
    text = (cat / "resources.yaml").read_text("utf-8")
    marker = "  citation_evidence:\n    pages:\n      - https://calcivilrights.ca.gov/LegalRecords/?content=workShare\n"
    assert marker in text
    text = text.replace(marker, "  citation_evidence:\n    pages:\n      - https://docslib.org/doc/1/feha\n", 1)
    (cat / "resources.yaml").write_text(text, "utf-8")
    _, errors = check_catalog(cat)
    shown = [str(e) for e in errors]
    assert len(shown) == 1 and "docslib.org" in shown[0] and "third-party document site" in shown[0], shown
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "docslib.org" in row)
    assert errors[0].line == line, shown


def test_no_url_or_evidence_host_is_a_staging_dev_backup_or_archive_copy(catalog: Catalog) -> None:
    addresses = _addresses(catalog)
    assert len(addresses) >= 20  # the catalog's URLs, evidence pages and publisher-change pages
    assert [(where, a) for where, a in addresses if copy_host_reason(a)] == []
    assert all(a.startswith(("https://", "http://")) for _, a in addresses)


def test_every_resource_url_has_evidence_of_a_known_kind_and_a_check_date(catalog: Catalog) -> None:
    with_url = [r for r in catalog["resources"] if r.get("url")]
    assert len(with_url) > 2  # more than the two URLs the catalog started with
    for r in with_url:
        evidence = r["url_evidence"]
        assert evidence["kind"] in KINDS, r["id"]
        assert evidence.get("copy_checked") or evidence.get("live_checked"), r["id"]
        if evidence["kind"] == "exact-page":
            assert evidence["page"] == r["url"], r["id"]
        if evidence["kind"] == "doi":
            assert r["url"].startswith("https://doi.org/10."), r["id"]
    assert not [r["id"] for r in catalog["resources"] if r.get("url_evidence") and not r.get("url")]


def test_export_counts_urls_by_kind_of_evidence(catalog: Catalog) -> None:
    out = subprocess.run([ROOT / "scripts" / "export", "--format", "csv"], capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    by_kind = Counter(row["url_evidence_kind"] for row in rows if row["url"])
    expected = Counter(r["url_evidence"]["kind"] for r in catalog["resources"] if r.get("url"))
    assert by_kind == expected and sum(by_kind.values()) == len([r for r in catalog["resources"] if r.get("url")])
    assert all(row["url_evidence_kind"] == "" for row in rows if not row["url"])


def _soup(site_dir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / page / "index.html").read_text("utf-8"), "html.parser")


def test_the_worklist_shows_each_urls_evidence_and_flags_those_never_checked_live(site_dir: Path, catalog: Catalog) -> None:
    table = _soup(site_dir, "maintainers").select_one(".pet-link-evidence table")
    assert table is not None
    rows = {tr["data-id"]: tr for tr in table.select("tbody tr")}
    entries: list[dict[str, Any]] = [e for name in ("resources", "sources") for e in catalog[name] if e.get("url")]
    assert set(rows) == {e["id"] for e in entries}
    for e in entries:
        cells = rows[e["id"]].find_all("td")
        evidence = e.get("url_evidence") or {}
        assert cells[1].a["href"] == e["url"]
        assert evidence.get("kind", "no evidence") in cells[2].get_text()  # sources may still lack it
        if evidence.get("page"):
            assert cells[2].a["href"] == evidence["page"]
        if evidence.get("copy_checked"):
            assert f"stored copy checked {evidence['copy_checked']}" in cells[2].get_text()
        assert ("never checked live" in cells[3].get_text()) is not bool(evidence.get("live_checked")), e["id"]
    never = sum(not (e.get("url_evidence") or {}).get("live_checked") for e in entries)
    assert f"{never} never checked live" in table.find_previous("p").get_text()


def test_resource_rows_say_when_a_publisher_no_longer_exists_or_has_a_new_name(site_dir: Path, catalog: Catalog) -> None:
    page = _soup(site_dir, "resources")
    words = {"dissolved": "publisher no longer exists", "renamed": "now: ", "transferred": "now with ", "enforced-by": "enforced today by "}
    changed = [r for r in catalog["resources"] if (r.get("publisher_status") or {}).get("status") in words]
    # Issue 24: a law's agency is enforced-by (FEHA), a resource's new host is transferred (Guarding Minds).
    assert {"dissolved", "transferred", "enforced-by"} <= {r["publisher_status"]["status"] for r in changed}
    for r in changed:
        note = page.find(id=r["id"]).find_parent("li").select_one(".pet-publisher-status").get_text()
        change = r["publisher_status"]
        assert words[change["status"]] in note, r["id"]
        if change["status"] != "dissolved":
            assert change["current_name"] in note, r["id"]
    untouched = next(r for r in catalog["resources"] if r.get("publisher") and not r.get("publisher_status"))
    assert not page.find(id=untouched["id"]).find_parent("li").select(".pet-publisher-status")
