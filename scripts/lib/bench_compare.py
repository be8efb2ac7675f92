"""What changed between two benchmark reports (`scripts/bench --compare OLD.json`).

Bytes and memory are stable from run to run, so a small rise is flagged; times vary with
the machine's load, so only a large rise is. Lighthouse scores are flagged when they drop.
"""

from __future__ import annotations

from typing import Any

# (key, label, how much worse counts as a regression: a fraction of the old value)
FIGURES = (
    ("build_seconds", "build s", 0.25),
    ("peak_rss_mb", "peak MB", 0.10),
    ("resources_page_kb_gzip", "/resources/ KB gz", 0.05),
    ("first_search_kb_gzip", "first search KB gz", 0.05),
    ("filter_ms", "filter ms", 0.50),
)


def _cell(old: float, new: float, tolerance: float) -> tuple[str, bool]:
    change = (new - old) / old if old else 0.0
    worse = change > tolerance
    text = f"{old:,.1f} → {new:,.1f} ({change:+.0%})"
    return (f"**{text} worse**" if worse else text), worse


def change_table(previous: dict[str, Any], current: dict[str, Any]) -> tuple[str, int]:
    """A Markdown table of old → new per size and figure, and how many figures regressed."""
    old_results, new_results = previous.get("results", {}), current.get("results", {})
    rows = [f"Change since {previous.get('date', 'the previous run')}:", "",
            "| size | " + " | ".join(label for _, label, _ in FIGURES) + " |", "|---|" + "---|" * len(FIGURES)]  # fmt: skip
    regressions = 0
    for size, new in new_results.items():
        old = old_results.get(size)
        if not old or "error" in old or "error" in new:
            continue
        cells = []
        for key, _, tolerance in FIGURES:
            if old.get(key) is None or new.get(key) is None:
                cells.append("n/a")
                continue
            text, worse = _cell(float(old[key]), float(new[key]), tolerance)
            regressions += worse
            cells.append(text)
        rows.append(f"| {size} | " + " | ".join(cells) + " |")
    old_lh = old_results.get("default", {}).get("lighthouse", {})
    for page, scores in new_results.get("default", {}).get("lighthouse", {}).items():
        for category, value in scores.items():
            before = old_lh.get(page, {}).get(category)
            if isinstance(value, int) and isinstance(before, int) and value < before:
                regressions += 1
                rows.append(f"\n**Lighthouse {category} on {page} dropped: {before} → {value}**")
    return "\n".join(rows), regressions
