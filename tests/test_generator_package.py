"""The generator is a versioned package (issue 22, part 4; ADR 0011): its wheel, installed into a
fresh virtual environment with no checkout on the path, starts a toolkit and builds it, a page
of the toolkit's own included, and a toolkit pinned to another version is refused."""

from __future__ import annotations

import os
import subprocess
import sysconfig
import venv
import zipfile
from collections.abc import Callable
from pathlib import Path

import package_wheel
import pet_generator
import pytest
from pet_generator.pipeline.toolkit import GENERATOR_SETTING, ToolkitError, read_settings
from pet_generator.tools.command import COMMANDS, main
from pet_generator.tools.new_toolkit import new_toolkit


def test_a_new_toolkit_is_pinned_to_the_generator_that_made_it(tmp_path: Path) -> None:
    new_toolkit(tmp_path / "tk", "Pinned Toolkit", "Pin Org", 2027)
    settings = tmp_path / "tk" / "toolkit.yml"
    text = settings.read_text("utf-8")
    assert f'{GENERATOR_SETTING}: "{pet_generator.__version__}"' in text and "generator" not in read_settings(settings)
    settings.write_text(text.replace(f'"{pet_generator.__version__}"', '"1999.0"'), "utf-8")
    with pytest.raises(ToolkitError) as refused:
        read_settings(settings)
    line = 1 + [i for i, s in enumerate(text.splitlines()) if s.startswith(f"{GENERATOR_SETTING}:")][0]
    col = len(f"{GENERATOR_SETTING}: ") + 1  # the value
    assert f"toolkit.yml:{line}:{col}: this toolkit is pinned to generator '1999.0'" in str(refused.value)
    assert f"pet_generator {pet_generator.__version__} is running" in str(refused.value)


def test_one_command_names_every_command_and_refuses_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2 and main(["--help"]) == 0
    shown = capsys.readouterr().out
    assert all(f"  {name} " in shown for name in COMMANDS)
    assert main(["version"]) == 0 and capsys.readouterr().out.strip() == pet_generator.__version__
    assert main(["biuld"]) == 2 and "unknown command 'biuld'" in capsys.readouterr().err
    # Every script in scripts/ that runs the generator goes through it.
    root = Path(__file__).resolve().parents[1]
    scripts = {p.name: p.read_text("utf-8") for p in (root / "scripts").iterdir() if p.is_file()}
    for name in ("build", "validate", "export", "check-links", "new-toolkit", "new-edition", "publish", "review"):
        assert f'-m pet_generator {name} "$@"' in scripts[name], name


def test_a_toolkit_builds_from_the_wheel_in_a_fresh_environment(tmp_path: Path, run_build: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    wheel = package_wheel.build_wheel(tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "pet_generator/__init__.py",
        "pet_generator/tools/command.py",
        "pet_generator/tools/skeleton/toolkit.yml",
        "pet_generator/files/project/mkdocs.yml",
        "pet_generator/files/project/pagefind.yml",
        "pet_generator/files/overrides/main.html",
        "pet_generator/files/assets/book.css",
        "pet_generator/files/schema/resources.schema.json",
        "pet_generator/files/templates/edition.yaml",
    ):
        assert needed in names, needed
    assert not any("__pycache__" in n or n.startswith(("catalog/", "docs/", "tests/")) for n in names)
    assert f"pet_generator-{pet_generator.__version__}.dist-info/entry_points.txt" in names

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    purelib = Path(sysconfig.get_paths(vars={"base": str(fresh), "platbase": str(fresh)})["purelib"])
    # The generator's dependencies come from this environment, which does not hold the generator.
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    python = fresh / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--disable-pip-version-check", wheel], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PET_CALLER_DIR", "PET_CATALOG")}
    work = tmp_path / "work"
    work.mkdir()

    where = subprocess.run([python, "-c", "import pet_generator; print(pet_generator.__file__)"], capture_output=True, text=True, env=env, cwd=work)
    assert where.stdout.startswith(str(purelib)), where.stdout + where.stderr

    command = fresh / "bin" / "pet-generator"
    made = subprocess.run(
        [command, "new-toolkit", "tk", "--title", "Wheel Toolkit", "--publisher", "Wheel Org"], capture_output=True, text=True, env=env, cwd=work
    )
    assert made.returncode == 0, made.stderr
    # A page of the toolkit's own, in its menu.
    (work / "tk" / "docs" / "our-team.md").write_text("# Our peer team\n\nWho we are and how to reach us.\n", "utf-8")
    settings = work / "tk" / "toolkit.yml"
    settings.write_text(
        settings.read_text("utf-8").replace("  - Resources: resources.md\n", "  - Resources: resources.md\n  - Our team: our-team.md\n"), "utf-8"
    )

    built = run_build([command, "build", "--toolkit", "tk"], env=env, cwd=work)
    assert built.returncode == 0, built.stderr[-3000:]
    site = work / "tk" / "site"
    assert "Our peer team" in (site / "our-team" / "index.html").read_text("utf-8")
    assert "Wheel Toolkit" in (site / "index.html").read_text("utf-8")
    assert (site / "assets" / "resources.js").is_file() and (site / "pagefind" / "pagefind.js").is_file()

    settings.write_text(settings.read_text("utf-8").replace(f'"{pet_generator.__version__}"', '"1999.0"'), "utf-8")
    refused = run_build([command, "build", "--toolkit", "tk"], env=env, cwd=work)
    assert refused.returncode == 1 and "pinned to generator '1999.0'" in refused.stderr and "nothing was published" in refused.stderr
