"""The Pagefind index: every built page, plus one small record per resource (ADR 0004).

The long resource lists are left out of the page index (data-pagefind-ignore="all"): a page
holding 10,000 rows made a first search download megabytes. Each resource is indexed as its
own record instead, linking to its row at /resources/#<id>, so a hit costs a few hundred bytes.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import json
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import yaml
from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from macros.catalog import urls
from macros.catalog.loader import Catalog
from macros.catalog.paths import ROOT  # noqa: E402
from macros.site.resource_table import SECTION_FILTER, pagefind_filters

# Pagefind settings live in pagefind.yml; the API's service mode does not read it, so pass them.
CONFIG_FILE = ROOT / "pagefind.yml"
# The nav section of /resources/, the value of its "section" filter (overrides/main.html).
SECTION = "Resources"


class IndexingFailed(Exception):
    pass


def _sentence(text: str) -> str:
    # Pagefind ends each block of a page with ". "; do the same, so excerpts read as sentences.
    text = " ".join(text.split())
    return text if text[-1] in ".!?:;" else text + "."


def resource_record(cat: Catalog, r: dict[str, Any]) -> dict[str, Any]:
    """add_custom_record arguments for one resource: plain text only, never catalog HTML
    (Pagefind escapes < and > in excerpts; search.js prints meta as text)."""
    topics = [cat.get("taxonomy.topics", t)["label"] for t in r.get("topics", [])]
    kind = cat.get("taxonomy.types", r["type"])["label"]
    content = [r["title"], *r.get("aliases", []), r.get("publisher") or "", r.get("summary") or "", *topics]
    meta = {"title": r["title"], "kind": "Resource", "type": kind}
    if r.get("publisher"):
        meta["publisher"] = r["publisher"]
    filters = {
        "kind": ["Resource"],  # pages are "Guidance" (overrides/main.html); search.js ranks them first (ADR 0005)
        SECTION_FILTER[0]: [SECTION],
        **pagefind_filters(cat, r),
    }
    return {
        "url": "/" + urls.resource_anchor(r["id"]),  # root-relative, like Pagefind's page URLs
        "content": " ".join(_sentence(part) for part in content if part.strip()),
        "language": "en",
        "meta": meta,
        "filters": {name: values for name, values in filters.items() if values},
    }


class _Service(PagefindService):
    """The pagefind package's service, reading replies as they come. The package polls its
    pipe with a 0.1 s sleep per reply, which would make 10,000 records take 17 minutes."""

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        try:
            while True:
                raw = await self._backend.stdout.readuntil(b",")
                reply = json.loads(base64.b64decode(raw[:-1]))
                if not reply:
                    continue
                future = self._responses.get(reply.get("message_id") or -1)
                payload = reply["payload"]
                if future is not None and future.done():
                    continue
                if future is None:  # a request Pagefind could not parse: nothing will answer it
                    self._fail_all(IndexingFailed(payload.get("message", "Pagefind could not read a request")))
                elif payload["type"] == "Error":
                    future.set_exception(IndexingFailed(payload["message"]))
                else:
                    future.set_result(payload)
        except Exception as exc:  # the binary exited or wrote something else: never leave a caller waiting
            self._fail_all(IndexingFailed(f"the Pagefind service stopped answering ({exc.__class__.__name__}: {exc})"))

    async def send(self, payload: Any) -> Any:
        # Once the reader has stopped, nothing would ever answer: fail now instead of waiting.
        if self._poll_task.done():
            raise IndexingFailed("the Pagefind service is not running")
        return await super().send(payload)

    def _fail_all(self, exc: Exception) -> None:
        for future in self._responses.values():
            if not future.done():
                future.set_exception(exc)

    async def close(self) -> None:
        # Every request has been awaited by now; stop the binary even when one failed.
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()


def _config() -> IndexConfig:
    settings = yaml.safe_load(CONFIG_FILE.read_text("utf-8")) if CONFIG_FILE.exists() else {}
    return IndexConfig(**(settings or {}))


async def _index(site_dir: Path, records: list[dict[str, Any]]) -> dict[str, int]:
    service = await _Service().launch()
    try:
        index: PagefindIndex = await service.create_index(_config())
        pages = await index.add_directory(str(site_dir))
        if not pages["page_count"]:
            raise IndexingFailed(f"no pages with content found in {site_dir}")
        # All at once: the binary answers them in order, without a round trip per record.
        await asyncio.gather(*(index.add_custom_record(**record) for record in records))
        await index.write_files(str(site_dir / "pagefind"))
        await _wait_until_whole(site_dir / "pagefind")
    finally:
        await service.close()
    return {"pages": pages["page_count"], "records": len(records)}


def index_site(site_dir: Path, cat: Catalog) -> dict[str, int]:
    """Write site_dir/pagefind/: the built pages and one record per resource.

    Runs the async API on its own thread, so it works even when the caller already runs an
    event loop (Playwright's sync API in the tests does). Raises IndexingFailed.
    """
    records = [resource_record(cat, r) for r in cat["resources"]]
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["counts"] = asyncio.run(_index(site_dir, records))
        except Exception as exc:  # reported on the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="pagefind")
    thread.start()
    thread.join()
    if "error" in outcome:
        exc = outcome["error"]
        raise IndexingFailed(str(exc) or exc.__class__.__name__) from exc
    return outcome["counts"]


# How long the files Pagefind reported as written may take to reach the disk.
WRITE_GRACE_S = 30.0


async def _wait_until_whole(bundle: Path) -> None:
    """Pagefind answers "written" while its last writes are still queued (its tokio file writes
    are never flushed), and stopping it then leaves empty or cut files: seen under load as an
    unreadable pagefind-entry.json. Keep it running until every file it created is whole."""
    deadline = time.monotonic() + WRITE_GRACE_S
    while problem := bundle_problem(bundle):
        if time.monotonic() > deadline:
            raise IndexingFailed(f"Pagefind's index was not whole after {WRITE_GRACE_S:.0f} s: {problem}")
        await asyncio.sleep(0.05)


def bundle_problem(bundle: Path) -> str | None:
    """Why the bundle is not a complete index, or None. A build never publishes a half-written
    one: the entry file must parse and name its metadata files, and every file must be non-empty,
    gzip files whole (a cut gzip stream fails to decompress)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        languages = list(entry["languages"].values())
        metas = [f"pagefind.{lang['hash']}.pf_meta" for lang in languages]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return f"unreadable {bundle.name}/pagefind-entry.json ({exc.__class__.__name__})"
    if not languages:
        return "the entry file names no language"
    missing = [m for m in metas if not (bundle / m).is_file()]
    if missing:
        return f"missing {', '.join(missing)}"
    for path in bundle.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if not data:
            return f"empty {path.relative_to(bundle)}"
        if data[:2] == b"\x1f\x8b":
            try:
                gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                return f"cut-off {path.relative_to(bundle)}"
    return None
