"""Run a build as a subprocess and measure wall time and peak memory of its process tree.

Peak memory is the highest *sum* of resident memory over the build and all its children
(MkDocs and Pagefind run while the parent still holds the catalog), polled from /proc;
getrusage(RUSAGE_CHILDREN) only knows the largest single process, reported alongside.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pet_generator.catalog.paths import python_path

ROOT = Path(__file__).resolve().parents[2]
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
_STEP = re.compile(r"^\[\s*([0-9.]+)s\] (.+)$")


@dataclass
class RunResult:
    returncode: int
    seconds: float
    peak_rss_mb: float  # whole tree, polled
    max_process_rss_mb: float  # largest single process, from getrusage
    output: str
    timed_out: bool = False
    steps: dict[str, float] = field(default_factory=dict)  # build step -> seconds


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_rss_kb(pid: int) -> int:
    tree, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        todo += tree.get(p, [])
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * _PAGE_KB
        except (OSError, IndexError, ValueError):
            pass
    return total


def run_measured(command: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> RunResult:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            done.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    timed_out = False
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_tree(proc.pid)
        output, _ = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    poller.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return RunResult(
        returncode=proc.returncode, seconds=seconds, peak_rss_mb=peak[0] / 1024,
        max_process_rss_mb=max(after, before) / 1024, output=output, timed_out=timed_out, steps=_steps(output, seconds),
    )  # fmt: skip


def _kill_tree(pid: int) -> None:
    """Stop a capped run and everything it started (by pid, children first)."""
    tree, order, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        order.append(p)
        todo += tree.get(p, [])
    for p in reversed(order):
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, 9)


def _step_name(label: str) -> str:
    """'validating ../x' -> 'validating'; 'indexing for search (pagefind)' -> 'indexing for search'."""
    label = label.split(" (")[0]
    return label.split()[0] if label.startswith(("validating", "publishing")) else label


def _steps(output: str, total: float) -> dict[str, float]:
    """Seconds per step from scripts/build's '[  7.1s] rendering pages ...' lines."""
    marks = [(float(m[1]), _step_name(m[2])) for m in map(_STEP.match, output.splitlines()) if m]
    if not marks:
        return {}
    ends = [t for t, _ in marks[1:]] + [total]
    return {label: round(end - t, 2) for (t, label), end in zip(marks, ends, strict=True)}


def build_site(catalog: Path, site: Path, engine: str = "mkdocs") -> RunResult:
    """scripts/build --catalog CATALOG --site-dir SITE --engine ENGINE, as a fresh process."""
    # Every measured build renders its book: none is reused from the book cache (ADR 0013).
    env = {**os.environ, "PYTHONPATH": python_path(), "NO_MKDOCS_2_WARNING": "1", "PET_BOOK_CACHE": "off"}
    command = [sys.executable, "-m", "pet_generator", "build", "--catalog", str(catalog), "--site-dir", str(site), "--engine", engine]
    return run_measured(command, env)


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
