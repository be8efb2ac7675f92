"""The catalog layer: strict YAML, the model, validation and exports. Imports no other layer."""

from .loader import (
    COLLECTIONS,
    DEFAULT_CATALOG,
    Catalog,
    CatalogError,
    CatalogInvalid,
    check_catalog,
    load_catalog,
)

__all__ = ["COLLECTIONS", "DEFAULT_CATALOG", "Catalog", "CatalogError", "CatalogInvalid", "check_catalog", "load_catalog"]
