"""Paths and small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "catalog"

# scripts/lib holds the bench and the one Chromium launch definition the tests share.
sys.path.insert(0, str(ROOT / "scripts" / "lib"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

__all__ = ["CATALOG", "CHROMIUM", "CHROMIUM_ARGS", "FIXTURES", "ROOT", "copy_catalog"]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_catalog(dest: Path, source: Path = CATALOG, languages: bool = False) -> Path:
    """A writable copy of a catalog, for tests that change one file. Without its translations
    (i18n/) unless asked: each language is a second build of every page (ADR 0014), and the
    Spanish edition is tested on the session's own site (site_dir, engine_site)."""
    skipped = ("editions",) if languages else ("editions", "i18n")
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*skipped))
    return dest
