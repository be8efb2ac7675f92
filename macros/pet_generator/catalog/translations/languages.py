"""The site's languages: the folders of catalog/i18n/, and whether the theme can speak each."""

from __future__ import annotations

import re
from pathlib import Path

from pet_generator.catalog.translations.fields import FOLDER

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)?")
# The language names the switch shows, in their own language (add one with a new language).
NAMES = {"en": "English", "es": "Español", "vi": "Tiếng Việt", "zh": "中文", "ko": "한국어", "tl": "Tagalog"}


def languages(catalog_root: Path) -> list[str]:
    """The site's languages other than English: the folders of catalog/i18n/, in name order."""
    folder = Path(catalog_root) / FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def theme_languages() -> set[str] | None:
    """The languages Material for MkDocs has interface strings for (None if it is not installed)."""
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")} if folder.is_dir() else None


def language_problem(language: str) -> str | None:
    """Why the site cannot be built in this language (its code, the theme), or None. The
    message file and plural rule are checked by the site layer (message_catalog.language_problem)."""
    if not LANGUAGE_CODE.fullmatch(language):
        return f"'{language}' is not a language code; name the folder with a code such as es, vi or zh-hant"
    known = theme_languages()
    if known is not None and language not in known:
        return (
            f"the theme (Material for MkDocs) has no interface strings for '{language}', so its menus and buttons "
            "could not be shown in it; the site cannot be built in that language"
        )
    return None
