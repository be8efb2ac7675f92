"""Where the generator and its default catalog live."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the project: macros/pet_generator/catalog/paths.py -> ../../../..
DEFAULT_CATALOG = ROOT / "catalog"
SCHEMA_DIR = DEFAULT_CATALOG / "schema"


def python_path() -> str:
    """PYTHONPATH for the engine and other child processes: the project (mkdocs.yml's
    `module_name: macros`) and the folder holding the generator package (`import pet_generator`)."""
    return f"{ROOT}{os.pathsep}{ROOT / 'macros'}"
