"""The side-by-side baseline: a stock Material for MkDocs site with one page per resource.

This is what "just use MkDocs" gives for the same catalog: every resource a Markdown page,
every page in the navigation (MkDocs' default when mkdocs.yml has no nav), the theme's own
search plugin, no macros. Its sidebar is rendered into every page, so its build grows
quadratically; runs are capped and reported as "> cap" rather than waited out.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from bench_build import RunResult, run_measured
from pet_generator.catalog.strict_yaml import load


def write_baseline(catalog: Path, out: Path) -> int:
    """A plain MkDocs project in `out` with one page per resource; returns the page count."""
    resources, _ = load((catalog / "resources.yaml").read_text("utf-8"))
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    (out / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "Baseline", "theme": {"name": "material"}}), "utf-8")
    (docs / "index.md").write_text("# Resources\n\nOne page per resource.\n", "utf-8")
    for r in resources:
        (docs / f"{r['id']}.md").write_text(_page(r), "utf-8")
    return len(resources) + 1


def _page(r: dict[str, Any]) -> str:
    lines = [f"# {r['title']}", ""]
    if r.get("url"):
        lines += [f"<{r['url']}>", ""]
    for label, key in (("Publisher", "publisher"), ("Year", "year"), ("Type", "type"), ("Category", "category")):
        if r.get(key):
            lines.append(f"- {label}: {r[key]}")
    for label, key in (("Topics", "topics"), ("Audience", "audience"), ("Competencies", "competencies")):
        if r.get(key):
            lines.append(f"- {label}: {', '.join(r[key])}")
    lines += ["", r.get("summary", ""), ""]
    return "\n".join(lines)


def build_baseline(project: Path, cap_seconds: float) -> RunResult:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    return run_measured(command, env, timeout=cap_seconds)
