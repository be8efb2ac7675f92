"""Yearly editions: the previous edition's baseline and what changed since."""

from __future__ import annotations

import json
from typing import Any

from pet_generator.catalog import side_files
from pet_generator.catalog.loader import Catalog, load_side_file
from pet_generator.catalog.model import Model, load_model

# Fields the export adds (handouts' page and pdf): derived, not content.
DERIVED_FIELDS = frozenset({"page", "pdf"})


def tracked(model: Model) -> list[tuple[str, str]]:
    """(collection, field naming an entry) for each collection with an x-title field in the
    schemas: resources first, which readers look for first, then the others by name."""
    return sorted(model.titles.items(), key=lambda item: (item[0] != "resources", item[0]))


def ignored_fields(model: Model) -> frozenset[str]:
    """Fields a change to which is not news: bookkeeping dates (x-bookkeeping) and derived fields."""
    return model.bookkeeping | DERIVED_FIELDS


baseline_path = side_files.baseline_path


def load_baseline(cat: Catalog) -> dict[str, Any] | None:
    """The previous edition's baseline, or None. Read and checked like the catalog (regular
    file, size limit, strict parser, schema): CatalogInvalid names the file:line:col."""
    previous = cat["edition"].get("previous_year")
    if not previous:
        return None
    return load_side_file("edition_baseline", baseline_path(cat.root, previous))


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def field_changes(old: dict[str, Any], new: dict[str, Any], model: Model | None = None) -> list[str]:
    """One line per changed field, e.g. "title: 'Old' → 'New'"."""
    lines = []
    for key in sorted((set(old) | set(new)) - ignored_fields(model or load_model())):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list) and all(isinstance(v, str) for v in before + after):
            added, removed = [v for v in after if v not in before], [v for v in before if v not in after]
            parts = ([f"added {', '.join(added)}"] if added else []) + ([f"removed {', '.join(removed)}"] if removed else [])
            lines.append(f"{key}: {'; '.join(parts) or 'reordered'}")
        elif before is None:
            lines.append(f"{key}: set to {_short(after)}")
        elif after is None:
            lines.append(f"{key}: removed (was {_short(before)})")
        else:
            lines.append(f"{key}: {_short(before)} → {_short(after)}")
    return lines


def diff(baseline: dict[str, Any], current: dict[str, Any], model: Model | None = None) -> dict[str, dict[str, list[Any]]]:
    """Added, removed and changed entities per tracked collection (x-title in the schemas), by id."""
    model = model or load_model()
    out: dict[str, dict[str, list[Any]]] = {}
    for collection, _ in tracked(model):
        old = {e["id"]: e for e in baseline.get(collection, [])}
        new = {e["id"]: e for e in current.get(collection, [])}
        out[collection] = {
            "added": [new[i] for i in new if i not in old],
            "removed": [old[i] for i in old if i not in new],
            "changed": [(new[i], lines) for i in new if i in old and (lines := field_changes(old[i], new[i], model))],
        }
    return out
