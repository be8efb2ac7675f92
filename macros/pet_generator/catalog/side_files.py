"""The JSON files the build reads besides the catalog, and the schemas they must meet.

The previous edition's baseline (for "What's new") and the external link report (for the
maintainers' page) sit in the catalog folder and arrive by pull request like the catalog,
so they are read by the same strict loader and checked by a schema, with file:line:col
errors, before any page uses them. The schemas are loose where old editions may differ and
strict where pages rely on a value's type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

BASELINE_DIR = "editions"
LINK_REPORT = ("reports", "external-links.json")
LINK_HISTORY = ("reports", "link-history.json")
LINK_HISTORY_MAX_CHECKS = 26  # half a year of weekly checks per URL: bounded at 10,000 URLs


def baseline_path(catalog_dir: Path, year: int) -> Path:
    return catalog_dir / BASELINE_DIR / f"{year}.json"


def link_report_path(catalog_dir: Path) -> Path:
    return catalog_dir.joinpath(*LINK_REPORT)


def _tracked(title_field: str) -> dict[str, Any]:
    """A collection as "What's new" reads it: entries with an id and, optionally, a title."""
    return {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"$ref": "common.schema.json#/$defs/id"}, title_field: {"type": "string", "maxLength": 4000}},
        },
    }


_TEXT_OR_NULL = {"type": ["string", "null"], "maxLength": 4000}

_LINK_HISTORY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "link_history.schema.json",
    "description": "catalog/reports/link-history.json, written by scripts/check-links --external.",
    "type": "object",
    "required": ["links"],
    "properties": {
        "links": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["checks"],
                "properties": {
                    "checks": {
                        "type": "array",
                        "maxItems": LINK_HISTORY_MAX_CHECKS,
                        "items": {
                            "type": "object",
                            "required": ["at", "status"],
                            "properties": {
                                "at": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
                                "status": {"enum": ["ok", "redirected", "moved", "broken", "timeout", "blocked", "refused"]},
                                "http_status": {"type": ["integer", "null"]},
                                "new_url": {"type": ["string", "null"], "maxLength": 4000},
                            },
                        },
                    },
                    "archived": {
                        "type": "object",
                        "required": ["url", "timestamp"],
                        "properties": {
                            "url": {"type": "string", "maxLength": 4000},
                            "timestamp": {"type": "string", "pattern": "^[0-9]{14}$"},
                            "looked_up": {"type": "string", "maxLength": 40},
                        },
                    },
                },
            },
        }
    },
}


SCHEMAS: dict[str, dict[str, Any]] = {
    "link_history.schema.json": _LINK_HISTORY_SCHEMA,
    "edition_baseline.schema.json": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "edition_baseline.schema.json",
        "description": "catalog/editions/YEAR.json, written by scripts/new-edition: the catalog as it was that year.",
        "type": "object",
        "properties": {"resources": _tracked("title"), "competencies": _tracked("name"), "handouts": _tracked("title")},
    },
    "link_report.schema.json": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "link_report.schema.json",
        "description": "catalog/reports/external-links.json, written by scripts/check-links --external.",
        "type": "object",
        "required": ["results"],
        "properties": {
            "checked_at": {"type": "string", "maxLength": 100},
            "run": {
                "type": "object",
                "description": "The GitHub Actions run that wrote the report (scripts/check-links in the link-check workflow).",
                "properties": {k: {"type": "string", "maxLength": 200} for k in ("repository", "run_id", "workflow_ref", "commit")},
            },
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "url", "status"],
                    "properties": {
                        "collection": {"type": "string", "maxLength": 100},
                        "id": {"type": "string", "maxLength": 200},
                        "title": _TEXT_OR_NULL,
                        "url": {"type": "string", "maxLength": 4000},
                        "status": {"type": "string", "minLength": 1, "maxLength": 40},
                        "http_status": {"type": ["integer", "null"]},
                        "new_url": _TEXT_OR_NULL,
                        "detail": _TEXT_OR_NULL,
                    },
                },
            },
        },
    },
}
NAMES = tuple(name.removesuffix(".schema.json") for name in SCHEMAS)
