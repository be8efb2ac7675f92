"""Validation stays bounded at the size limits (issue 17: under 10 s and 1 GB on CI machines).

Each case writes a catalog at a limit in CONTRIBUTING.md ("Limits") and validates it in a
fresh process, which reports its own CPU time and peak memory. CPU time rather than wall
time: on a shared runner wall time measures the neighbours. These bounds are documented;
scripts/bench measures speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CATALOG, ROOT, copy_catalog
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog import strict_yaml

SECONDS = 10.0
MEGABYTES = 1024
# Each case validates a catalog at a size limit (seconds of CPU each): a bound CI keeps, not a
# check for the edit loop (scripts/test --fast), which it alone made a third slower.
pytestmark = pytest.mark.slow

RESOURCE = (
    "- id: r{i}\n  title: T{i}\n  publisher: P\n  type: website\n  category: peer-certification\n  topics: [certification]\n"
    "  audience: [employers]\n  summary: S\n  url: null\n  source: {{source: peer-employer-toolkit-2026}}\n"
)


def most_values() -> tuple[str, str]:
    """As many valid resources and values as the limits allow: the most schema work."""
    per_resource = 15 + 12  # the resource (a mapping, 12 fields, 2 one-item lists) and a list of 11 aliases
    others = sum(strict_yaml.count_values(strict_yaml.load(p.read_text("utf-8"))[1]) for p in CATALOG.glob("*.yaml") if p.name != "resources.yaml")
    n = min(14_999, (strict_yaml.MAX_VALUES - others - 100) // per_resource)
    aliases = ", ".join(f"Alias {k}" for k in range(11))
    return "resources.yaml", "".join(RESOURCE.format(i=i).replace("  summary: S\n", f"  summary: S\n  aliases: [{aliases}]\n") for i in range(n))


def most_bytes() -> tuple[str, str]:
    """A file of exactly the byte limit: resources with long summaries and one long title."""
    summary = " ".join(["word"] * 790)  # 3,949 characters, under the 4,000 allowed
    parts, size, i = [], 0, 0
    while True:
        part = RESOURCE.format(i=i).replace("  summary: S\n", f"  summary: {summary}\n")
        if size + len(part) > catalog_files.MAX_FILE_BYTES:
            break
        parts.append(part)
        size += len(part)
        i += 1
    text = "".join(parts)
    return "resources.yaml", text + "#" * (catalog_files.MAX_FILE_BYTES - len(text.encode()) - 1) + "\n"


def most_errors() -> tuple[str, str]:
    """A file of the byte limit where every value is wrong: refused at the value budget."""
    return "glossary.yaml", "[" + "1," * ((catalog_files.MAX_FILE_BYTES - 3) // 2) + "1]"


CHILD = """
import json, resource, sys, time
from pet_generator.catalog.loader import check_catalog
catalog, errors = check_catalog(sys.argv[1])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"valid": catalog is not None, "errors": [str(e) for e in errors[:3]],
                  "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))
"""


@pytest.mark.parametrize("case", [most_values, most_bytes, most_errors], ids=lambda c: c.__name__)
def test_a_catalog_at_the_limits_is_checked_within_the_documented_bound(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    cat = copy_catalog(tmp_path / "catalog", CATALOG)
    name, text = case()
    data = text.encode()
    assert len(data) <= catalog_files.MAX_FILE_BYTES
    (cat / name).write_bytes(data)
    result = subprocess.run([sys.executable, "-c", CHILD, str(cat)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    print(case.__name__, f"{len(data) / 1048576:.1f} MB", report)
    assert report["valid"] is (case is not most_errors), report["errors"]
    assert report["cpu"] < SECONDS and report["peak_mb"] < MEGABYTES, report
