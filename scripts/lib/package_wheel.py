"""scripts/package: build the generator's wheel (ADR 0011) into dist/.

The wheel holds the package `pet_generator` and, inside it in `pet_generator/files/`, the files
every site needs from this repository: the engine and Pagefind settings, the theme overrides,
the look (docs/assets), the field reference, the schemas and the catalog templates
(macros/pet_generator/catalog/paths.py finds them there once installed). It is built from a staged
copy in a temporary folder, so the build leaves nothing (build/, *.egg-info) in the checkout.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "macros" / "pet_generator"
# Where each file or folder of the repository goes inside pet_generator/files/.
FILES = {
    "mkdocs.yml": "project/mkdocs.yml",
    "pagefind.yml": "project/pagefind.yml",
    "overrides": "overrides",
    "docs/assets": "assets",
    "docs/reference/catalog-fields.md": "reference/catalog-fields.md",
    "docs/reference/components.md": "reference/components.md",
    "catalog/schema": "schema",
    "catalog/templates": "templates",
}
SETUPTOOLS = "setuptools==80.9.0"  # the build backend; pinned like everything else (requirements.txt)
PYPROJECT = """\
[build-system]
requires = ["{setuptools}"]
build-backend = "setuptools.build_meta"

[project]
name = "pet-generator"
version = "{version}"
description = "Peer Employer Toolkit generator: a YAML catalog of employer resources for peer support work, rendered into an accessible static site."
requires-python = ">=3.11"
license = {{ text = "See the generator's repository" }}
# The generator's dependencies are pinned in requirements.txt, shipped beside the wheel: install it first.

[project.scripts]
pet-generator = "pet_generator.tools.command:main"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
"*" = ["**/*"]
"""


def version() -> str:
    namespace: dict[str, str] = {}
    exec((PACKAGE / "__init__.py").read_text("utf-8"), namespace)  # noqa: S102 - our own file: just __version__
    return namespace["__version__"]


def _ignore(_folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or n.endswith(".pyc")}


def stage(into: Path) -> Path:
    """The wheel's source tree: src/pet_generator/ with files/ filled from the repository."""
    package = into / "src" / "pet_generator"
    shutil.copytree(PACKAGE, package, ignore=_ignore)
    for source, inside in FILES.items():
        target = package / "files" / inside
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / source).is_dir():
            shutil.copytree(ROOT / source, target, ignore=_ignore)
        else:
            shutil.copyfile(ROOT / source, target)
    (into / "pyproject.toml").write_text(PYPROJECT.format(setuptools=SETUPTOOLS, version=version()), "utf-8")
    shutil.copyfile(ROOT / "requirements.txt", into / "requirements.txt")
    return into


def build_wheel(out: Path) -> Path:
    """Build the wheel into `out`; returns its path. Uses the setuptools installed in this
    environment (--no-build-isolation), so no network is needed."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pet-wheel-") as tmp:
        staged = stage(Path(tmp) / "stage")
        command = [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(staged),
        ]
        subprocess.run(command, check=True)
    shutil.copyfile(ROOT / "requirements.txt", out / "requirements.txt")
    return out / f"pet_generator-{version()}-py3-none-any.whl"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/package", description="Build the generator's wheel into dist/ (with requirements.txt beside it).")
    parser.add_argument("--out", default=str(ROOT / "dist"), help="folder for the wheel (default: dist/)")
    args = parser.parse_args(argv)
    wheel = build_wheel(Path(args.out).resolve())
    print(f"built {wheel}\ninstall it in a toolkit's environment with:\n  pip install -r {wheel.parent / 'requirements.txt'}\n  pip install {wheel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
