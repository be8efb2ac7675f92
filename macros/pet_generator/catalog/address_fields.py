"""Which catalog fields hold addresses: those the catalog's own schemas mark (x-url) and always
those the project's schemas mark, so a toolkit's schema can add address fields, never drop one
(safety.py holds the other rules that no schema can loosen)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pet_generator.catalog.model import Model, load_model


@cache
def _project_model() -> Model:
    return load_model()


def url_paths(model: Model, collection: str) -> frozenset[tuple[str, ...]]:
    """The key paths of a collection's address fields: the catalog's own schemas' and the project's."""
    return model.url_paths.get(collection, frozenset()) | _project_model().url_paths.get(collection, frozenset())


def is_url_path(model: Model, collection: str, path: tuple[Any, ...]) -> bool:
    """An address field in the catalog's own schemas or in the project's."""
    return model.is_url_path(collection, path) or _project_model().is_url_path(collection, path)
