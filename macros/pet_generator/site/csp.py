"""The inline scripts the site may run, pinned by SHA-256: one list, read by the page's
Content-Security-Policy (overrides/main.html, through the generated config) and by the safety scan."""

from __future__ import annotations

# Material 9.8.1's inline scripts (and our two), identified by the SHA-256 of their exact text (the same
# value a CSP hash uses). The one list: the scan admits these, and macros/pet_generator/pipeline/pages.py writes
# them into the generated config as extra.csp_script_hashes, which overrides/main.html puts
# in the CSP's script-src (theme templates read only the config: Zensical's cannot call Python).
# The first depends on `extra.scope`, which mkdocs.yml pins to "/" so that it is the same
# on every page.
INLINE_SCRIPT_HASHES = {
    "sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY=": "partials/javascripts/base.html: localStorage helpers (__md_get/__md_set)",
    "sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4=": "partials/javascripts/palette.html: restores the chosen colour scheme",
    "sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8=": "partials/javascripts/content.html: opens the content tab named in the URL",
    # Zensical 0.0.73's version of the first (scripts/build --engine zensical; ADR 0008).
    "sha256-FnzPjIa2+7LhDSWlbaMBEIPh+9rL3lPN6J/MWljUoE0=": "Zensical's partials/javascripts/base.html: localStorage helpers (__md_get/__md_set)",
    # Ours, not Material's.
    "sha256-m9l0PT8xRHu2CHDysiaG0fJ59UXJ/6BLeaYxitTuXxk=": "overrides/main.html: moves the search form into the header before first paint",
    "sha256-47osyiwp/DG/gvdaU+R184LpGIJLE1XrFBdGSB9IDPc=": "overrides/main.html: adds the pet-js class that shows JS-only controls",
}


def csp_script_hashes() -> str:
    """The script-src sources that admit exactly the known inline scripts."""
    return " ".join(f"'{digest}'" for digest in INLINE_SCRIPT_HASHES)
