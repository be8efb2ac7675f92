"""scripts/test --fast: a test that needs a build or a browser never runs in it, and a build
attempted there anyway fails loudly instead of making the fast loop slow."""

from __future__ import annotations

import pytest

PROBE = """
import subprocess
from helpers import CATALOG, ROOT

def test_uses_the_built_site(site_dir):
    pass

def test_uses_the_browser(page):
    pass

def test_builds_in_process(tmp_path):
    from pet_generator.pipeline.run import build
    build(CATALOG, tmp_path / "site", log=lambda _: None)

def test_builds_by_script(tmp_path):
    subprocess.run([ROOT / "scripts" / "build", "--site-dir", tmp_path / "site"], check=True)

def test_plain():
    assert 1 + 1 == 2
"""


def test_fast_set_deselects_by_fixture_and_refuses_builds(pytester: pytest.Pytester) -> None:
    """The probe runs in this process (pytester), with this suite's conftest as a plugin: the
    modules it needs are already imported, so the check costs well under a second."""
    probe = pytester.makepyfile(test_probe=PROBE)
    result = pytester.runpytest_inprocess("-p", "conftest", "--fast", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(probe))
    out = result.stdout.str()
    assert "2 failed, 1 passed, 2 deselected" in out, out[-3000:]
    assert out.count("BuildInFastSet") >= 2 and "test_builds_in_process" in out and "test_builds_by_script" in out, out[-3000:]
