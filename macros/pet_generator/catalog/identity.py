"""A toolkit's names for machines, made from its edition's title (catalog/edition.yaml), so that
no toolkit's ids or User-Agent carry another toolkit's name: "Peer Employer Toolkit" gives the
slug "peer-employer-toolkit" (Atom ids, urn:<slug>:...) and the product token
"PeerEmployerToolkit" (the link checker's User-Agent)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

_WORDS = re.compile(r"[a-z0-9]+")


def _words(edition: Mapping[str, Any]) -> list[str]:
    # Accents go (é -> e); anything but ASCII letters and digits separates words.
    text = unicodedata.normalize("NFKD", str(edition.get("title") or "")).encode("ascii", "ignore").decode("ascii")
    return _WORDS.findall(text.lower())[:8] or ["toolkit"]


def slug(edition: Mapping[str, Any]) -> str:
    """The toolkit's name as a URN-safe slug: lowercase letters, digits and hyphens."""
    return "-".join(_words(edition))


def product_token(edition: Mapping[str, Any]) -> str:
    """The toolkit's name as an HTTP product token (RFC 9110: letters and digits only here)."""
    return "".join(w.capitalize() for w in _words(edition))
