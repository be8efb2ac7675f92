"""The safety rules that hold whatever a catalog's own schemas say.

A toolkit may bring its own schema/ folder (model.py), and a schema can loosen a pattern or
drop an `x-url`. These rules are code, so it cannot: an id becomes a folder name and an
element id, so it is kebab-case; every address the project's schemas mark as one stays
checked (a toolkit's schema may add address fields, never remove them); the site's own
address is a plain base with no user name, query or fragment, since pages append paths to it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pet_generator.catalog.addresses import check_url

SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 80


class UnsafeId(ValueError):
    """An id that would make a path outside its folder (raised where a path is made)."""


def id_problem(value: Any) -> str | None:
    """Why a value cannot be an id (None when it can)."""
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value) or len(value) > MAX_ID_LENGTH:
        return (
            f"{str(value)[:60]!r} is not a valid id: use lowercase letters, digits and single hyphens, "
            f"at most {MAX_ID_LENGTH} characters, like 'my-resource' (ids become page addresses)"
        )
    return None


def path_id(value: Any) -> str:
    """`value` if it is safe in a path (one folder or file name, never `..` or `/`); UnsafeId otherwise."""
    if id_problem(value):
        raise UnsafeId(f"id {str(value)[:60]!r} cannot name a page or file; the validator refuses it (scripts/validate)")
    return str(value)


def safe_url(value: Any) -> str | None:
    """`value` when it passes the pages' check (http, https or mailto; no private host), else None.
    Every output that writes a catalog address (pages, JSON, CSV, CSL, BibTeX, Atom) uses this."""
    return value if isinstance(value, str) and value and check_url(value) is None else None


def site_url_problem(value: Any, field: str = "site_url") -> str | None:
    """Why an address cannot be a base that pages append paths to (the site's address for
    canonical links, JSON-LD and the feed; the repository for issue links)."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http"):
        return f"{field} must be an https:// address"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return f"{field} must not have a query (?...) or fragment (#...): page addresses are added after it; remove them"
    if "@" in parts.netloc:
        return f"{field} must not carry a user name or password"
    return None


def email_problem(value: Any) -> str | None:
    """Why a contact address cannot go after mailto: (a second address, bcc= or a header)."""
    if not isinstance(value, str) or check_url(f"mailto:{value}") is None and "?" not in value:
        return None
    return "contact_email must be one plain e-mail address (no ?, no second address)"


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, refused (UnsafeId) unless it stays inside `folder` (no `..`, no
    absolute part, no link on the way out). Every file the build writes from an id goes here."""
    base = folder.resolve()
    target = (base / relative).resolve()
    if target == base or not target.is_relative_to(base):
        raise UnsafeId(f"{relative[:80]!r} would be written outside {folder}; the build writes only inside the site folder")
    return target
