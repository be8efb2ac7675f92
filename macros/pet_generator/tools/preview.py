"""scripts/server: live preview of the generated project (ADR 0006).

`mkdocs serve` builds a scratch copy of docs/ plus the catalog's pages (macros/pet_generator/pipeline/pages.py).
This process keeps that copy in step: every second it looks for edits in docs/, the catalog
and mkdocs.yml, and rewrites only what changed, which `mkdocs serve` then picks up like an
edit of its own docs. A new competency or handout therefore appears without a restart.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pet_generator.catalog.loader import CatalogInvalid, load_catalog
from pet_generator.catalog.paths import OVERRIDES, PACKAGE, ROOT, python_path
from pet_generator.pipeline.pages import CONFIG, PagesError, write_project
from pet_generator.pipeline.toolkit import Toolkit, ToolkitError, add_source_options, chosen_toolkit

POLL_SECONDS = 1.0


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changed, cheaply: names, sizes and times of every file under the watched paths."""
    found = []
    for top in paths:
        for path in [top] if top.is_file() else top.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def _regenerate(toolkit: Toolkit, project: Path) -> bool:
    """Bring the project up to date; on a broken catalog say why and keep the last good pages."""
    try:
        write_project(load_catalog(toolkit.catalog), project, toolkit=toolkit)
    except (CatalogInvalid, PagesError, ToolkitError) as exc:
        print(f"preview not updated: {exc}", file=sys.stderr, flush=True)
        return False
    return True


def serve(toolkit: Toolkit, port: int) -> int:
    catalog = toolkit.catalog
    watched = [toolkit.docs, catalog, toolkit.config, *toolkit.shared_docs.values(), *([toolkit.settings] if toolkit.settings else [])]
    with tempfile.TemporaryDirectory(prefix="pet-preview-") as tmp:
        project = Path(tmp) / "project"
        if not _regenerate(toolkit, project):
            return 1
        env = {**os.environ, "PET_CATALOG": str(catalog.resolve()), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": python_path()}
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / CONFIG), "--dev-addr", f"127.0.0.1:{port}"]
        # mkdocs serve watches the generated docs itself; macros and overrides are read in place.
        command += ["--watch", str(catalog), "--watch", str(PACKAGE), "--watch", str(OVERRIDES)]
        engine = subprocess.Popen(command, cwd=ROOT, env=env)
        # Stopped with `kill`: end the engine too, and remove the scratch project.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        stamp = _stamp(watched)
        try:
            while engine.poll() is None:
                time.sleep(POLL_SECONDS)
                now = _stamp(watched)
                if now != stamp:
                    stamp = now
                    _regenerate(toolkit, project)
        except KeyboardInterrupt:
            pass
        finally:
            if engine.poll() is None:
                engine.terminate()
        return engine.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/server", description="Live preview that follows docs/, catalog and mkdocs.yml edits.")
    parser.add_argument("--port", type=int, default=8000)
    add_source_options(parser)
    args = parser.parse_args(argv)
    try:
        toolkit = chosen_toolkit(args)
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return serve(toolkit, args.port)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
