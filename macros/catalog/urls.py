"""Site-relative URLs for catalog entities: one place, used by pages, exports and tests."""

from __future__ import annotations

# Catalog ids become element ids (resources/#<id>, glossary/#<id>, references/#<id>). Every
# element id the site's own templates and scripts use starts with this prefix, so the
# validator refuses catalog ids that do (tests/test_validate.py checks the templates).
ELEMENT_ID_PREFIX = "pet-"


def handout_page(handout_id: str) -> str:
    return f"handouts/{handout_id}/"


def handout_pdf(handout_id: str) -> str:
    return f"handouts/pdf/{handout_id}.pdf"


def competency_page(competency_id: str) -> str:
    return f"competencies/{competency_id}/"


def resources_for_competency(competency_id: str) -> str:
    """The resources page filtered to one competency (the filter state lives in the query)."""
    return f"resources/?competency={competency_id}"


def resource_anchor(resource_id: str) -> str:
    """A resource's row in the list (kept: older links point there)."""
    return f"resources/#{resource_id}"


def resource_page(resource_id: str) -> str:
    """A resource's own page (ADR 0009); search results and exports point here."""
    return f"resources/{resource_id}/"


def resources_filtered(facet: str, value: str) -> str:
    """The resources page filtered to one facet value (the filter state lives in the query)."""
    return f"resources/?{facet}={value}"


# The one page source the engine renders for resource pages (ADR 0009): the build writes every
# /resources/<id>/ from it with the site's layout, then removes it. "pet-" ids are never catalog ids.
RESOURCE_SHELL = "resources/pet-page/"


def source_anchor(source_id: str) -> str:
    return f"references/#{source_id}"
