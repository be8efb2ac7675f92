"""Where the generator's files and its default catalog live (ADR 0011).

The generator runs two ways. From this repository's checkout, its files are where the
repository keeps them (`docs/assets/`, `overrides/`, `mkdocs.yml`, `catalog/schema/`, …).
Installed from its wheel into another organization's virtual environment, the same files sit
inside the package, in `pet_generator/files/` (pyproject.toml maps each folder there), and
there is no default catalog: commands name a toolkit or a catalog folder.
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # macros/pet_generator/, or site-packages/pet_generator/
_CHECKOUT = PACKAGE.parents[1]  # the repository, when the package is macros/pet_generator/ in it
INSTALLED = not (_CHECKOUT / "mkdocs.yml").is_file() or PACKAGE.parent.name != "macros"
_FILES = PACKAGE / "files"


def _file(checkout: str, installed: str) -> Path:
    return _FILES / installed if INSTALLED else _CHECKOUT / checkout


# The project folder: the checkout, or the folder the command runs in when installed.
ROOT = Path.cwd() if INSTALLED else _CHECKOUT
DEFAULT_CATALOG = ROOT / "catalog"
ENGINE_CONFIG = _file("mkdocs.yml", "project/mkdocs.yml")  # the engine config every site starts from
PAGEFIND_CONFIG_DIR = _file(".", "project")  # holds pagefind.yml; the Pagefind CLI reads it from its working folder
OVERRIDES = _file("overrides", "overrides")  # theme overrides
ASSETS = _file("docs/assets", "assets")  # CSS, JavaScript and fonts every site gets
FIELD_REFERENCE = _file("docs/reference/catalog-fields.md", "reference/catalog-fields.md")
COMPONENT_GALLERY = _file("docs/reference/components.md", "reference/components.md")  # the maintainers' component gallery (ADR 0012)
SCHEMA_DIR = _file("catalog/schema", "schema")  # the default model
CATALOG_TEMPLATES = _file("catalog/templates", "templates")  # what scripts/new-toolkit starts a catalog from
# The generator's own pages (this toolkit's words): only in the checkout.
GENERATOR_DOCS = _CHECKOUT / "docs"


def python_path() -> str:
    """PYTHONPATH for the engine and other child processes: in the checkout, the project
    (mkdocs.yml's `module_name: macros`) and the folder holding the package; installed, nothing
    more than the environment already has."""
    if INSTALLED:
        return os.environ.get("PYTHONPATH", "")
    return f"{_CHECKOUT}{os.pathsep}{PACKAGE.parent}"
