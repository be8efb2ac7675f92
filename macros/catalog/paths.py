"""Where the generator and its default catalog live."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/catalog/paths.py -> ../../..
DEFAULT_CATALOG = ROOT / "catalog"
SCHEMA_DIR = DEFAULT_CATALOG / "schema"
