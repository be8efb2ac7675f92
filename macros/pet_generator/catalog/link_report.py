"""When a committed link report counts as proof that a URL worked live.

Anyone can commit catalog/reports/external-links.json saying `ok`. It counts only when it is
exactly what the link-check workflow's own run wrote: the publish workflow downloads that run's
artifact (named in the report's `run`) and names it in PET_LINK_REPORT_PROOF; the results,
the time and the run must be the same. Without that proof (a local build, a hand-edited or
forged report) the maintainers' page shows the report but counts no URL as checked live.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pet_generator.catalog.loader import CatalogInvalid, load_side_file

PROOF_ENV = "PET_LINK_REPORT_PROOF"


def matches_workflow_run(report: Any) -> bool:
    """True when `report` carries a run and equals that run's own artifact (PROOF_ENV)."""
    path = os.environ.get(PROOF_ENV, "").strip()
    if not path or not isinstance(report, dict) or not isinstance(report.get("run"), dict) or not report["run"].get("run_id"):
        return False
    try:
        proof = load_side_file("link_report", Path(path))
    except CatalogInvalid:
        return False
    if not isinstance(proof, dict):
        return False
    return all(proof.get(key) == report.get(key) for key in ("run", "checked_at", "results"))
