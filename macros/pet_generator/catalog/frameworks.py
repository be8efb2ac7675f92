"""Which competencies are the employer's: those of frameworks with `kind: employer` (the others
describe certification, specializations or principles). One rule for the generated pages, the
self-assessment, the coverage table and What's new, so a toolkit may name its framework freely."""

from __future__ import annotations

from typing import Any

from pet_generator.catalog.loader import Catalog


def employer_framework_ids(cat: Catalog) -> list[str]:
    """The employer frameworks' ids, in catalog order."""
    return [f["id"] for f in cat["frameworks"] if f["kind"] == "employer"]


def employer_competencies(cat: Catalog) -> list[Any]:
    """Their competencies, framework by framework, each framework's by `number`."""
    return [
        c
        for framework in employer_framework_ids(cat)
        for c in sorted((c for c in cat["competencies"] if c["framework"] == framework), key=lambda c: c.get("number", 0))
    ]
