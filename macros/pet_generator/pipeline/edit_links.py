"""Where a page's "Edit this page" and "View source" buttons lead: the file its words come from.

The theme names `docs/<page>.md`, which is right only for a page written by hand in English. A
page made from the catalog (a competency, a handout) comes from its catalog file, a resource
page from the resources file, a translated page from `docs/i18n/<language>/` and, in another
language, a page made from the catalog from that language's catalog translations. Each such
page gets the address of its real file in its front matter (`pet_edit_url`), and
overrides/partials/actions.html prints it; "" hides the buttons (a generator file that is not
in this repository). Addresses are made as MkDocs makes them (repo_url, edit_uri or
edit_uri_template, and its default edit_uri for GitHub and GitLab), so every engine shows the same.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from pet_generator.catalog import translations
from pet_generator.catalog.addresses import check_url

KEY = "pet_edit_url"
# MkDocs's default edit_uri when repo_url names one of these hosts (mkdocs.config.config_options.EditURI).
DEFAULT_EDIT_URI = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/", "bitbucket.org": "src/default/docs/"}


def edit_url(config: Mapping[str, Any], path: str) -> str | None:
    """The edit address MkDocs gives a file at `path` (relative to the docs folder; "../" leads
    out of it), or None when the config asks for no edit links."""
    repo_url = config.get("repo_url") or ""
    template = config.get("edit_uri_template")
    edit_uri = config.get("edit_uri")
    if edit_uri is None and not template and repo_url:
        edit_uri = DEFAULT_EDIT_URI.get(urlsplit(repo_url).netloc.lower())
    if not edit_uri and not template:
        return None
    address = str(edit_uri).rstrip("/") + "/" + path
    if template:
        try:
            address = str(template).format(path=path, path_noext=posixpath.splitext(path)[0])
        except (KeyError, IndexError, ValueError, AttributeError):
            raise ValueError(f"edit_uri_template {str(template)[:80]!r} cannot be filled in: use {{path}} or {{path_noext}} only") from None
    if repo_url and not address.startswith(("?", "#")) and not repo_url.endswith("/"):
        repo_url += "/"
    url = urljoin(repo_url, address)  # also takes out the "../" segments
    return url if check_url(url) is None else None


def source_paths(
    wanted: Mapping[str, bytes], generated: Mapping[str, str], translated: set[str], shared: tuple[str, ...], catalog: Path, docs: Path, language: str
) -> dict[str, str | None]:
    """docs-relative page path -> the file its words come from, relative to the docs folder
    (None: not in this repository), for every page whose file is not docs/<page> itself.
    `generated`: a generated page's catalog file name (competencies.yaml); `translated`: pages
    with a translation in this language; `shared`: the generator's files a toolkit shares."""
    to_catalog = Path(os.path.relpath(catalog, docs)).as_posix()
    own = f"{translations.FOLDER}/{language}"
    out: dict[str, str | None] = {}
    for rel in wanted:
        if not rel.endswith(".md"):
            continue
        if rel in generated:
            name = generated[rel]
            in_language = language != translations.DEFAULT_LANGUAGE and (catalog / own / name).is_file()
            out[rel] = f"{to_catalog}/{own}/{name}" if in_language else f"{to_catalog}/{name}"
        elif rel in translated:
            out[rel] = f"{own}/{rel}"
        elif any(rel == s or rel.startswith(f"{s}/") for s in shared):
            out[rel] = None
    return out
