"""Site-relative URLs for catalog entities: one place, used by pages, exports and tests."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pet_generator.catalog.safety import path_id, site_url_problem  # ids become folder and file names: checked where the path is made

# Catalog ids become element ids (resources/#<id>, glossary/#<id>, references/#<id>). Every
# element id the site's own templates and scripts use starts with this prefix, so the
# validator refuses catalog ids that do (tests/test_validate.py checks the templates).
ELEMENT_ID_PREFIX = "pet-"

# Names the site already gives a meaning, which a facet (x-facet name) must not take: a facet's
# name is an address parameter (/resources/?topic=x), a form field, a row's data-* attribute and
# a Pagefind filter, all beside these. The model refuses them at the schema's line and column.
RESERVED_NAMES = frozenset(
    {
        "q", "sort", "page",  # the list's address and form: free text, order (resources.js); pages
        "year", "resource-id",  # a row's own data-* attributes (resource_table.resource_item)
        "key", "url-state", "facets",  # the list's data-* attributes (resource_table.resource_table)
        "section", "kind",  # the search page's own filter, and search records' kind (search.js, ADR 0005)
        "any", "all", "none", "not",  # Pagefind's filter operators
    }
)  # fmt: skip
RESERVED_PREFIXES = ("pagefind", "pet-")  # data-pagefind-* attributes; the site's own element ids


def is_reserved_name(name: str) -> bool:
    return name in RESERVED_NAMES or name.startswith(RESERVED_PREFIXES)


# scripts/publish sets this to the edition's GitHub Pages address, found from the repository,
# when the edition names no site_url of its own (macros/pet_generator/tools/publish.py).
SITE_URL_ENV = "PET_SITE_URL"


def site_url(edition: Mapping[str, Any]) -> str | None:
    """Where this edition's pages are published, without the final slash: the edition's own
    site_url, else the address scripts/publish found; None for a local build (no sitemap,
    no canonical links, no full addresses on paper)."""
    address = (edition.get("site_url") or os.environ.get(SITE_URL_ENV) or "").strip().rstrip("/")
    if site_url_problem(address):  # a query or fragment would land in the middle of every page address
        return None
    return address or None


def handout_page(handout_id: str) -> str:
    return f"handouts/{path_id(handout_id)}/"


def handout_pdf(handout_id: str) -> str:
    return f"handouts/pdf/{path_id(handout_id)}.pdf"


def competency_page(competency_id: str) -> str:
    return entry_page("competencies", competency_id)


def entry_page(collection: str, entry_id: str) -> str:
    """The page of an entry that has one of its own: resources/x/, competencies/x/, handouts/x/."""
    return f"{collection}/{path_id(entry_id)}/"


def resource_anchor(resource_id: str) -> str:
    """A resource's row in the list (kept: older links point there)."""
    return f"resources/#{resource_id}"


def resource_page(resource_id: str) -> str:
    """A resource's own page (ADR 0009); search results and exports point here."""
    return f"resources/{path_id(resource_id)}/"


def resources_filtered(facet: str, value: str) -> str:
    """The resources page filtered to one facet value (the filter state lives in the query)."""
    return f"resources/?{facet}={value}"


def resources_for(facet: str | None, value: str) -> str:
    """The resources page filtered to one value of a facet (Model.facet_to(...).name), or the
    whole list when there is no such facet."""
    return resources_filtered(facet, value) if facet else "resources/"


# The one page source the engine renders for resource pages (ADR 0009): the build writes every
# /resources/<id>/ from it with the site's layout, then removes it. "pet-" ids are never catalog ids.
RESOURCE_SHELL = "resources/pet-page/"


def source_anchor(source_id: str) -> str:
    return f"references/#{source_id}"
