"""The Pagefind index: what the site publishes, indexed by the Pagefind CLI (ADR 0009).

Every page with data-pagefind-body is indexed, resource pages included: each /resources/<id>/
carries its own filters and meta (macros/pet_generator/site/resource_page.py), so a hit on a resource links to its
page and costs a few hundred bytes. The long resource lists stay out of the index
(data-pagefind-ignore="all", ADR 0004). The binary comes from the pinned pagefind-bin package
and runs as `python -m pagefind`, reading pagefind.yml; nothing private of the package is used.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

from pet_generator.catalog.paths import PAGEFIND_CONFIG_DIR

CONFIG_DIR = PAGEFIND_CONFIG_DIR  # where pagefind.yml is: the CLI reads it from its working directory
BUNDLE = "pagefind"
# A hang must fail the build, not stall it; 10,000 resource pages index in well under this.
TIMEOUT_S = 600


class IndexingFailed(Exception):
    pass


def index_site(site_dir: Path) -> None:
    """Write site_dir/pagefind/ with the Pagefind CLI, then check that the bundle is whole.
    Raises IndexingFailed (a failed build publishes nothing)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"]
    try:
        result = subprocess.run(command, cwd=CONFIG_DIR, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise IndexingFailed(f"Pagefind did not finish within {TIMEOUT_S} s") from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise IndexingFailed(f"Pagefind exited with status {result.returncode}:\n{output[-3000:]}")
    if "Error" in output or "error:" in output:  # --quiet prints only warnings and errors
        raise IndexingFailed(output[-3000:])
    problem = bundle_problem(site_dir / BUNDLE)
    if problem:  # the CLI has exited, so nothing more will be written: never publish it
        raise IndexingFailed(f"Pagefind's index is not whole: {problem}")


FRAGMENT_MAGIC = b"pagefind_dcd"  # what each decompressed .pf_fragment starts with, before its JSON


def indexed_pages(site_dir: Path) -> list[dict[str, Any]]:
    """What Pagefind indexed, page by page, read back from its own fragment files (one gzip
    JSON record per page: url, content, meta.title, filters), in URL order. The offline copy's
    search uses these, so both searches hold the same words (one extraction, Pagefind's)."""
    pages = []
    for path in sorted((site_dir / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(FRAGMENT_MAGIC):
            data = data[len(FRAGMENT_MAGIC) :]
        record = json.loads(data)
        if isinstance(record, dict) and isinstance(record.get("url"), str):
            pages.append(record)
    return sorted(pages, key=lambda r: r["url"])


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
