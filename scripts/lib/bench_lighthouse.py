"""Lighthouse scores for the key pages, run offline against a local server.

Lighthouse is fetched by npx on first use (npm `lighthouse`, pinned below) and drives
Debian's Chromium. When npx or Chromium is unavailable the scores are "n/a" with the
reason, so the rest of the benchmark still runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench_browser import CHROMIUM, CHROMIUM_ARGS
from bench_serve import CountingServer

LIGHTHOUSE = "lighthouse@13.5.0"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "",
    "resources": "resources/",
    "competency": "competencies/ec-leadership/",
    "handout": "handouts/job-description/",
    "assessment": "assessment/",
}


def _failing(report: dict[str, Any], category: str) -> list[str]:
    """Audit ids that cost points in a category, so a missed 100 says why."""
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [r["id"] for r in refs if r.get("weight") and audits[r["id"]].get("score") not in (None, 1)]


def run_page(url: str, timeout: float = 180) -> dict[str, Any]:
    npx = shutil.which("npx")
    if npx is None:
        return {"error": "npx not found (install Node.js)"}
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} missing (scripts/bootstrap installs it as root)"}
    with tempfile.TemporaryDirectory(prefix="pet-lh-") as tmp:
        out = Path(tmp) / "report.json"
        flags = " ".join(a if a != "--headless" else "--headless=new" for a in CHROMIUM_ARGS)
        command = [
            npx, "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
        ]  # fmt: skip
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "npm_config_update_notifier": "false"}
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"lighthouse took over {timeout:.0f} s"}
        if not out.exists():
            lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip() and "npm warn" not in line]
            return {"error": f"lighthouse failed (exit {result.returncode}): {(lines or ['no output'])[-1][:200]}"}
        report = json.loads(out.read_text("utf-8"))
    scores: dict[str, Any] = {}
    for cat in CATEGORIES:
        score = report["categories"][cat]["score"]
        scores[cat] = None if score is None else round(score * 100)
        if scores[cat] is not None and scores[cat] < 100:
            scores[f"{cat}_failing"] = _failing(report, cat)
    console = report["audits"].get("errors-in-console", {}).get("details", {}).get("items", [])
    if console:
        scores["console_errors"] = [str(i.get("description", ""))[:160] for i in console[:5]]
    return scores


def run_site(site: Path) -> dict[str, dict[str, Any]]:
    with CountingServer(site) as server:
        return {name: run_page(server.url + path) for name, path in PAGES.items()}
