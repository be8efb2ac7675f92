"""Page sources generated from the catalog, before the engine runs (ADR 0006).

Every employer competency and every handout gets a page from the catalog alone: the build
copies docs/ into a scratch project, adds one page source per record and writes a complete
engine config whose nav lists those pages, in catalog order, right after their folder's
index page. The sources hold only macro calls with ids (never catalog text), so escaping
stays where it was: in the macros. Any engine that reads mkdocs.yml and runs mkdocs-macros'
define_env builds the scratch project; nothing here is a plugin hook.

`python -m pet_generator.pipeline.pages DEST [--catalog DIR]` writes the project and prints its config path.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pet_generator.catalog import files as catalog_files
from pet_generator.catalog import reviews, translations, urls
from pet_generator.catalog.frameworks import employer_competencies
from pet_generator.catalog.loader import Catalog, display_path, load_catalog
from pet_generator.catalog.paths import OVERRIDES
from pet_generator.pipeline import edit_links
from pet_generator.pipeline.engines import DEFAULT_ENGINE, ENGINES, Engine
from pet_generator.pipeline.toolkit import (
    Toolkit,
    ToolkitError,
    add_source_options,
    chosen_toolkit,
    generator_site,
    read_settings,
    site_name,
)
from pet_generator.site.components import Components, for_language
from pet_generator.site.csp import csp_script_hashes
from pet_generator.site.entry import abbreviations, in_language
from pet_generator.site.html import LINK_BASE_KEY, PAGE_URL_KEY
from pet_generator.site.message_catalog import Messages
from pet_generator.site.resource_page import SECTION

CONFIG = "mkdocs.yml"
# mkdocs.yml's `module_name: macros`: mkdocs-macros imports it from the project folder. It only
# hands over to the installed (or, in the checkout, importable) generator package.
ENTRY_MODULE = "macros.py"
ENTRY_SOURCE = b'"""Written by pet_generator.pipeline.pages: the generator\'s entry point for mkdocs-macros."""\n\nfrom pet_generator.site.entry import define_env  # noqa: F401\n'
_SAFE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class PagesError(Exception):
    pass


@dataclass(frozen=True)
class PageKind:
    collection: str  # the catalog file, and the folder under docs/ (URL /<collection>/<id>/)
    macro: str  # renders the page body from the id
    description: str  # the page's meta description (our words, not catalog text)
    ids: Callable[[Catalog], list[str]]  # records with a page, in catalog order


def _employer_competencies(cat: Catalog) -> list[str]:
    """Competencies of employer frameworks, framework by framework, numbered as on their index page."""
    return [c["id"] for c in employer_competencies(cat)]


KINDS = (
    PageKind(
        "competencies",
        "competency_detail",
        "What this employer competency means, questions to ask your organization, handouts and resources.",
        _employer_competencies,
    ),
    PageKind(
        "handouts",
        "handout",
        "A printable, fillable handout, with a PDF to print.",
        lambda cat: [h["id"] for h in cat["handouts"]],
    ),
)


def with_pages(cat: Catalog, collection: str) -> list[str]:
    """Ids of the records of one collection that get a page of their own, in catalog order."""
    return [i for kind in KINDS if kind.collection == collection for i in kind.ids(cat)]


def page_source(kind: PageKind, record_id: str) -> str:
    # The schema already limits ids to this; checked again because the id lands in Jinja source.
    if not _SAFE_ID.fullmatch(record_id):
        raise PagesError(f"{kind.collection}.yaml: id {record_id!r} cannot name a page; use lowercase words joined by hyphens")
    return (
        f"---\nrender_macros: true\ndescription: {kind.description}\n---\n"
        f"# {{{{ title('{kind.collection}', '{record_id}') }}}}\n\n"
        f"{{{{ {kind.macro}('{record_id}') }}}}\n"
    )


# The generated pages whose words a language's catalog translation gives (ADR 0014): such a page
# is translated when its record is, stale when the record's English changed since; otherwise it
# is English (a fallback). A collection joins once its page macro speaks the language.
TRANSLATED_FROM_CATALOG = ("handouts", "competencies")


def catalog_translation_states(cat: Catalog, language: str) -> dict[str, dict[str, Any]]:
    """The translation state of each generated page whose record is translated, by docs path."""
    report = translations.check_language(cat, language, None)
    words = Messages(language=language)
    out: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        if kind.collection not in TRANSLATED_FROM_CATALOG:
            continue
        for record_id in kind.ids(cat):
            found = report.state(kind.collection, record_id)
            if found is None:
                continue
            state = note_state(found, words)
            # The page's meta description in the language (page.description.<collection>).
            state["description"] = (kind.description, words(f"page.description.{kind.collection}"))
            out[f"{kind.collection}/{record_id}.md"] = state
    return out


def note_state(found: translations.State, words: Messages) -> dict[str, Any]:
    """What a page says about its translation (the translation-note component's data, kept in
    the page's pet_translation): stale or translated, how it was made, and who reviewed it on
    what day (shown in the page's language), once a named person did."""
    state: dict[str, Any] = {"state": "stale" if found.stale else "translated", "method": found.method, "reviewed": None}
    if found.reviewed:
        by, day = found.reviewed
        state["reviewed"] = {"by": by, "date": day, "date_shown": words.date(day)}
    return state


def up_to_root(url: str, language: str) -> str:
    """From a page of a language's build (at `url` inside it) up to the whole site's root: the
    language switch's and the translation note's links to the same page in English start here."""
    depth = 0 if language == translations.DEFAULT_LANGUAGE else language.count("/") + 1
    return "../" * (url.count("/") + depth)


def translation_note(components: Components, state: dict[str, Any], english_href: str) -> str:
    """The note under a translated page's language switch (components/translation-note): one
    component for every page, written ones, generated ones and each resource page."""
    return components.render("translation-note", state=state["state"], reviewed=state.get("reviewed"), english_href=english_href)


def generated_pages(cat: Catalog) -> dict[str, list[str]]:
    """Folder -> the docs-relative paths of its generated pages, in catalog order."""
    return {kind.collection: [f"{kind.collection}/{i}.md" for i in kind.ids(cat)] for kind in KINDS}


# The resource pages' shell: its title, description and body are these markers. Plain capital
# words and hex digits, which Markdown, Jinja and HTML escaping leave exactly as they are. The
# random part is new in every build process (the build writes the shell and splits its HTML in
# the same process), so no catalog text, nav title or page can contain a marker and move a
# page's body or data into the menu or an attribute.
MARKER_NONCE = secrets.token_hex(8).upper()
TITLE = f"PETRESOURCETITLE{MARKER_NONCE}"
DESCRIPTION = f"PETRESOURCEDESCRIPTION{MARKER_NONCE}"
BODY = f"PETRESOURCEBODY{MARKER_NONCE}"
# A heading between the body marker and its end, so the engine renders "On this page" with one
# entry: the build repeats that entry for each section of a resource's page (resource_pages.py).
TOC = f"PETRESOURCETOC{MARKER_NONCE}"
BODY_END = f"PETRESOURCEBODYEND{MARKER_NONCE}"
PAGE_PATH = f"PETRESOURCEPATH{MARKER_NONCE}"  # the resource page's own path, for the language switch
NOTE = f"PETRESOURCENOTE{MARKER_NONCE}"  # in another language: the page's translation note (its own state)
SHELL_SOURCE = urls.RESOURCE_SHELL.rstrip("/") + ".md"  # docs-relative


def shell_source(section: str = SECTION, title_lang: str | None = None) -> str:
    """The one page the engine renders for every resource page (ADR 0009), at the same depth
    (resources/pet-page/: "pet-" ids are the site's own). The build writes each resource's page
    from its HTML (macros/pet_generator/pipeline/resource_pages.py), then removes it. Its source: front matter
    (search kind and section for overrides/main.html) and the markers. The <h1> is in the
    shell so the theme adds none of its own; the one <h2> (between the body's markers, replaced
    with the body) gives the layout an "On this page" entry to repeat per section. In another
    language: the Resources section's name in it, and the title marked as English (a resource's
    title stays in its original language)."""
    front = (
        f"---\ntitle: {TITLE}\ndescription: {DESCRIPTION}\nsearch_kind: Resource\nsearch_section: {section}\npet_switch_path: {PAGE_PATH}\n---\n\n"
    )
    h1 = f'<h1 lang="{title_lang}">' if title_lang else "<h1>"
    return front + f"{h1}{TITLE}</h1>\n\n{BODY}\n\n## {TOC}\n\n{BODY_END}\n"


def page_sources(cat: Catalog) -> dict[str, str]:
    """Every generated source: a page per record of KINDS, and the one shell page the build
    turns into a page per resource after the engine (ADR 0009; kept out of the nav)."""
    sources = {f"{kind.collection}/{i}.md": page_source(kind, i) for kind in KINDS for i in kind.ids(cat)}
    sources[SHELL_SOURCE] = shell_source()
    return sources


def _target(entry: Any) -> Any:
    """A nav entry's page path (str) or children (list): `path`, `{title: path}` or `{title: [...]}`."""
    return next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry


def nav_with_pages(nav: list[Any], pages: dict[str, list[str]], where: str = CONFIG) -> list[Any]:
    """The hand-written nav (in `where`) with each folder's generated pages right after `<folder>/index.md`."""
    placed: set[str] = set()

    def listed(entries: list[Any]) -> set[str]:  # pages the editors listed by hand stay where they put them
        found: set[str] = set()
        for entry in entries:
            target = _target(entry)
            found |= listed(target) if isinstance(target, list) else {target} if isinstance(target, str) else set()
        return found

    by_hand = listed(nav)

    def walk(entries: list[Any]) -> list[Any]:
        out: list[Any] = []
        for entry in entries:
            target = _target(entry)
            if isinstance(target, list):
                entry = {next(iter(entry)): walk(target)}
            out.append(entry)
            folder = target.removesuffix("/index.md") if isinstance(target, str) and target.endswith("/index.md") else None
            if folder in pages:
                placed.add(folder)
                out.extend(p for p in pages[folder] if p not in by_hand)
        return out

    result = walk(nav)
    missing = [folder for folder, found in pages.items() if found and folder not in placed]
    if missing:
        raise PagesError(
            f"{where}: the nav has no {' or '.join(f'{m}/index.md' for m in missing)}; add it where those pages belong "
            "(the catalog's pages are listed right after it)"
        )
    return result


# mkdocs.yml uses `!ENV [NAME, default]`; the generated config keeps those tags as they are.
class _EnvTag:
    def __init__(self, value: Any) -> None:
        self.value = value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> _EnvTag:
    if isinstance(node, yaml.SequenceNode):
        return _EnvTag(loader.construct_sequence(node))
    return _EnvTag(loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_env(dumper: yaml.SafeDumper, tag: _EnvTag) -> yaml.Node:
    if isinstance(tag.value, list):
        return dumper.represent_sequence("!ENV", tag.value, flow_style=True)
    return dumper.represent_scalar("!ENV", tag.value)


_Loader.add_constructor("!ENV", _construct_env)
_Dumper.add_representer(_EnvTag, _represent_env)


def with_glossary(extensions: list[Any], glossary: dict[str, str]) -> list[Any]:
    """Markdown's `abbr` extension with the catalog's abbreviations as its glossary, so every
    page explains them (ADR 0008). Config data, never page text: no engine renders it as
    Jinja, and it needs no per-page hook (Zensical runs none)."""
    out, found = [], False
    for entry in extensions:
        if entry == "abbr" or (isinstance(entry, dict) and "abbr" in entry):
            options = entry["abbr"] if isinstance(entry, dict) else None
            entry, found = {"abbr": {**(options or {}), "glossary": glossary}}, True
        out.append(entry)
    return out if found else [*out, {"abbr": {"glossary": glossary}}]


# What the theme's own words become in another language (mkdocs.yml keeps the English).
_THEME_WORDS = {"Switch to dark mode": "i18n.dark_mode", "Switch to light mode": "i18n.light_mode"}


def with_words(config: dict[str, Any], language: str) -> None:
    """The words the theme templates print (overrides/main.html reads only the config: Zensical's
    templates cannot call Python), from the message catalog's i18n.* ids, in every build, English
    included, so the templates hold no words of their own (ADR 0012)."""
    words = Messages(language=language)
    # Before their placeholders are filled in: the templates fill {pages} and {size} themselves.
    config.setdefault("extra", {})["pet_words"] = {
        k.removeprefix("i18n."): words.form(k, {}) for k in words.messages if k.startswith("i18n.") and not k.startswith("i18n.reviewed")
    }
    # The page not found's words (overrides/404.html), in the build's language.
    config["extra"]["pet_not_found"] = {k.removeprefix("not_found."): words(k) for k in words.messages if k.startswith("not_found.")}


def with_language(config: dict[str, Any], cat: Catalog, language: str, nav_titles: dict[str, str]) -> None:
    """The config of one language's build (ADR 0014): the theme's language, the pages under
    /<language>/, the words the theme templates print (overrides/main.html reads only the
    config), and the nav's titles translated where docs/i18n/<language>/nav.yaml gives them."""
    names = [translations.DEFAULT_LANGUAGE, *translations.languages(Path(cat.root))]
    extra = config.setdefault("extra", {})
    words = Messages(language=language)
    extra["pet_language"] = language
    extra["pet_prefix"] = "" if language == translations.DEFAULT_LANGUAGE else f"{language}/"
    extra["pet_languages"] = [
        {"code": n, "name": translations.NAMES.get(n, n), "prefix": "" if n == translations.DEFAULT_LANGUAGE else f"{n}/"} for n in names
    ]
    # A host shows the site's root 404.html for every missing address, /es/... included: it
    # offers each other language's home page, in that language.
    extra["pet_not_found_others"] = [
        {
            "code": n,
            # from this language's root (which the 404 page's links start at) to that language's
            "path": ("../" if language != translations.DEFAULT_LANGUAGE else "") + ("" if n == translations.DEFAULT_LANGUAGE else f"{n}/"),
            "text": Messages(language=n)("not_found.other_language"),
        }
        for n in names
        if n != language
    ]
    address = urls.site_url(cat["edition"])
    extra["pet_site_root"] = address + "/" if address else ""
    if language == translations.DEFAULT_LANGUAGE:
        return
    config.setdefault("theme", {})["language"] = language
    for option in (config.get("theme") or {}).get("palette") or []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") in _THEME_WORDS and _THEME_WORDS[toggle["name"]] in words:
            toggle["name"] = words(_THEME_WORDS[toggle["name"]])
    for index, entry in enumerate(config.get("markdown_extensions") or []):
        if isinstance(entry, dict) and "toc" in entry:
            entry["toc"] = {**entry["toc"], "title": words("i18n.toc_title"), "permalink_title": words("i18n.permalink_title")}
            config["markdown_extensions"][index] = entry
    if address:
        config["site_url"] = f"{address}/{language}/"

    def titled(entries: list[Any]) -> list[Any]:
        out: list[Any] = []
        for entry in entries:
            if isinstance(entry, dict) and len(entry) == 1:
                title, target = next(iter(entry.items()))
                entry = {nav_titles.get(title, title): titled(target) if isinstance(target, list) else target}
            out.append(entry)
        return out

    if config.get("nav"):
        config["nav"] = titled(config["nav"])


def read_engine_config(toolkit: Toolkit) -> Any:
    """The hand-written engine config everything starts from (mkdocs.yml), with its !ENV values."""
    return yaml.load(toolkit.config.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader plus !ENV


def engine_config(
    toolkit: Toolkit,
    cat: Catalog,
    plugins_off: tuple[str, ...] = (),
    extra: dict[str, Any] | None = None,
    language: str = translations.DEFAULT_LANGUAGE,
    nav_titles: dict[str, str] | None = None,
) -> str:
    """The hand-written config with the generated pages in its nav: a complete file, no INHERIT.
    `plugins_off`: built-in plugins of the engine to switch off (macros/pet_generator/pipeline/engines.py).
    `extra`: values the build adds to `extra` for the templates and macros (the book's size)."""
    config = read_engine_config(toolkit)
    where = CONFIG
    if toolkit.settings is not None:  # another organization's toolkit: its settings and menu, its name
        config.update(read_settings(toolkit.settings))
        config["site_name"] = site_name(Path(cat.root) / "edition.yaml", cat["edition"]["title"])
        where = display_path(toolkit.settings)
    if config.get("nav") is not None:
        config["nav"] = nav_with_pages(config["nav"], generated_pages(cat), where)
    # The theme templates read only the config (Zensical's cannot call Python): the CSP in
    # overrides/main.html takes the inline-script hashes the safety scan also checks from here.
    config.setdefault("extra", {})["csp_script_hashes"] = csp_script_hashes()
    glossary = abbreviations(cat)
    if glossary:
        config["markdown_extensions"] = with_glossary(config.get("markdown_extensions") or [], glossary)
    address = urls.site_url(cat["edition"])
    if address:  # the engine writes sitemap.xml (every page, full addresses) only with a site_url
        config["site_url"] = address + "/"
    config["site_dir"] = "site"  # inside the project: Zensical refuses any other place
    if plugins_off:
        config["plugins"] = [*(config.get("plugins") or []), *({name: {"enabled": False}} for name in plugins_off)]
    # The catalog these pages came from (the loader refuses a linked catalog folder).
    config.setdefault("extra", {})["catalog_dir"] = str(Path(cat.root).resolve())
    config["extra"].update(extra or {})
    with_words(config, language)
    if translations.languages(Path(cat.root)):  # a site in more than one language (ADR 0014)
        with_language(config, cat, language, nav_titles or {})
    header = f"# Generated from {CONFIG} and the catalog by macros/pet_generator/pipeline/pages.py before each build; edit those instead.\n"
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def _write_if_changed(path: Path, data: bytes) -> None:
    """Unchanged files keep their time stamps, so a live preview rebuilds only for real edits."""
    if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def page_url(rel: str, from_source: bool = False) -> str:
    """Where the page's relative links start: its site-relative URL (use_directory_urls: a/b.md
    -> a/b/, a/index.md -> a/), or, for an engine that rewrites every relative URL in the HTML
    as if it were written in the Markdown source (Zensical), the source file's folder (a/)."""
    if from_source:
        folder = rel.rpartition("/")[0]
        return f"{folder}/" if folder else ""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def with_page_url(rel: str, source: bytes, from_source: bool = False) -> bytes:
    """A page source with its URL and link base added to its front matter (made if it has none)."""
    text = source.decode("utf-8")
    lines = f"{PAGE_URL_KEY}: {json.dumps(page_url(rel))}\n{LINK_BASE_KEY}: {json.dumps(page_url(rel, from_source))}\n"
    first, newline, rest = text.partition("\n")
    if newline and first.rstrip("\r") == "---":  # front matter: add the keys as its first lines
        for key in (PAGE_URL_KEY, LINK_BASE_KEY):
            if re.search(rf"^{key}\s*:", rest.split("\n---", 1)[0], re.MULTILINE):
                raise PagesError(f"docs/{rel}: front matter sets {key}, which the build writes; remove that line")
        return f"---\n{lines}{rest}".encode()
    return f"---\n{lines}---\n{text}".encode()


def review_key(rel: str) -> str | None:
    """The record a page's review line is about: a generated page's record, or the guidance
    page itself; None for the resource pages' shell (each resource page has its own line)."""
    if rel == SHELL_SOURCE:
        return None
    for kind in KINDS:
        folder = f"{kind.collection}/"
        if rel.startswith(folder) and rel.count("/") == 1 and rel != f"{folder}index.md":
            return reviews.record_key(kind.collection, rel.removeprefix(folder).removesuffix(".md"))
    return reviews.page_key(rel)


def with_review(rel: str, source: bytes) -> bytes:
    """Guidance pages end with their review line ("Last reviewed ... by ..." or "Not yet
    reviewed") and carry the review in their structured data: a macro call with the record's
    key, like the generated sources (only ids, never catalog text, reach the page source).
    Maintainers' pages (`search_exclude: true`) are worklists, not guidance: they get none."""
    key = review_key(rel)
    text = source.decode("utf-8")
    front = text[4:].split("\n---", 1)[0] if text.startswith("---\n") else ""
    if key is None or re.search(r"^search_exclude:\s*true\b", front, re.MULTILINE) or not re.search(r"^render_macros:\s*true\b", front, re.MULTILINE):
        return source
    if not reviews.KEY.fullmatch(key):
        raise PagesError(f"docs/{rel}: this page's path cannot name a review; use lowercase words joined by hyphens")
    return (text.rstrip("\n") + f"\n\n{{{{ page_review('{key}') }}}}\n").encode("utf-8")


def read_input_tree(folder: Path) -> dict[str, bytes]:
    """A folder the site is made from (docs/, overrides/, a toolkit's docs/), read like the
    catalog (files.read_tree): no links, devices or pipes; PagesError naming the path."""
    try:
        return catalog_files.read_tree(folder, display_path(folder))
    except catalog_files.FileRefused as exc:
        raise PagesError(str(exc)) from None


def _docs_files(toolkit: Toolkit) -> dict[str, bytes]:
    """docs-relative path -> content: the generator's shared files, then the toolkit's own."""
    wanted: dict[str, bytes] = {}
    for rel, source in toolkit.shared_docs.items():
        if source.is_dir():
            wanted.update((f"{rel}/{inner}", data) for inner, data in read_input_tree(source).items())
        else:
            wanted[rel] = catalog_files.read_regular(source, catalog_files.MAX_FILE_BYTES)
    wanted.update(read_input_tree(toolkit.docs))
    return wanted


def _split_translations(wanted: dict[str, bytes], language: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The pages every language has (docs/ without i18n/), and this language's translations
    (docs/i18n/<language>/, by the path of the English page they translate)."""
    prefix = f"{translations.FOLDER}/{language}/"
    own = {rel.removeprefix(prefix): data for rel, data in wanted.items() if rel.startswith(prefix)}
    return {rel: data for rel, data in wanted.items() if not rel.startswith(f"{translations.FOLDER}/")}, own


def with_front_matter(source: bytes, key: str, value: Any) -> bytes:
    """A page source with `key: value` (JSON) added to its front matter (made if it has none).
    These keys are the build's (pet_translation, pet_up, pet_edit_url): a page that sets one
    itself is refused, so no page can put its own markup or address in their place."""
    text = source.decode("utf-8")
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    first, newline, rest = text.partition("\n")
    if newline and first.rstrip("\r") == "---":
        if re.search(rf"^{key}\s*:", rest.split("\n---", 1)[0], re.MULTILINE):
            raise PagesError(f"a page's front matter sets {key}, which the build writes; remove that line")
        return f"---\n{line}{rest}".encode()
    return f"---\n{line}---\n{text}".encode()


def with_translation_state(source: bytes, state: dict[str, Any]) -> bytes:
    """A page source with `pet_translation`: what overrides/main.html says about the translation,
    its note's HTML included."""
    return with_front_matter(source, "pet_translation", state)


def translated_pages(
    wanted: dict[str, bytes],
    own: dict[str, bytes],
    language: str,
    from_catalog: dict[str, dict[str, Any]] | None = None,
    components: Components | None = None,
) -> dict[str, bytes]:
    """Each page in this language: its translation, marked stale when the English changed since
    it was made; or, untranslated, the English page marked as the fallback (shown in lang="en").
    `from_catalog`: generated pages whose words come from a translated catalog record, with their state."""
    words = Messages(language=language)
    components = components or Components(None, language)

    def marked(rel: str, source: bytes, state: dict[str, Any]) -> bytes:
        note = translation_note(components, state, up_to_root(page_url(rel), language) + page_url(rel))
        return with_translation_state(source, {**state, "note": note})

    out = {}
    for rel, english in wanted.items():
        if not rel.endswith(".md"):
            out[rel] = english
            continue
        if from_catalog and rel in from_catalog:
            given = dict(from_catalog[rel])
            before, after = given.pop("description")
            source = english.replace(f"\ndescription: {before}\n".encode(), f"\ndescription: {json.dumps(after, ensure_ascii=False)}\n".encode(), 1)
            out[rel] = marked(rel, source, given)
            continue
        if rel not in own:
            out[rel] = marked(rel, english, {"state": "fallback"})
            continue
        found = translations.front_matter(own[rel].decode("utf-8"))
        meta = yaml.safe_load(found[0]) if found else None
        info = meta.get("translation") if isinstance(meta, dict) else None
        info = info if isinstance(info, dict) else {}
        by, on = info.get("reviewed_by"), info.get("reviewed_on")
        state = translations.State(
            stale=info.get("source_hash") != translations.english_hash(english),
            method=str(info.get("method", "")),
            reviewed=(" ".join(str(by).split()), str(on)) if by and on else None,
        )
        out[rel] = marked(rel, own[rel], note_state(state, words))
    return out


def with_edit_urls(
    wanted: dict[str, bytes], toolkit: Toolkit, cat: Catalog, generated: dict[str, str], translated: set[str], language: str
) -> dict[str, bytes]:
    """Pages whose words are not in docs/<page> name their real file for the theme's edit and
    view buttons (pipeline/edit_links.py); nothing changes when the config asks for no edit links."""
    config = read_engine_config(toolkit)
    out = dict(wanted)
    try:
        if not isinstance(config, dict) or edit_links.edit_url(config, "index.md") is None:
            return wanted
        paths = edit_links.source_paths(wanted, generated, translated, tuple(toolkit.shared_docs), Path(cat.root), toolkit.docs, language)
        for rel, path in paths.items():
            out[rel] = with_front_matter(out[rel], edit_links.KEY, (edit_links.edit_url(config, path) or "") if path else "")
    except ValueError as exc:
        raise PagesError(f"{display_path(toolkit.config)}: {exc}") from None
    return out


def write_project(
    cat: Catalog,
    dest: Path,
    root: Path | None = None,
    toolkit: Toolkit | None = None,
    engine: Engine = ENGINES[DEFAULT_ENGINE],
    extra: dict[str, Any] | None = None,
    language: str = translations.DEFAULT_LANGUAGE,
) -> Path:
    """Make (or bring up to date) the project `engine` builds; returns its config file.
    `root`: a copy of the repository to take docs/, overrides/ and mkdocs.yml from (tests)."""
    toolkit = toolkit or generator_site(Path(cat.root), root)
    wanted, own = _split_translations(_docs_files(toolkit), language)
    generated = {}  # a generated page -> the catalog file it is made from (its edit link)
    for rel, text in page_sources(cat).items():
        generated[rel] = f"{rel.split('/')[0]}.yaml"
        if rel in wanted:
            raise PagesError(
                f"{display_path(toolkit.docs / rel)}: the catalog makes this page from "
                f"{rel.split('/')[0]}.yaml; delete this file (the page's words come from the catalog)"
            )
        wanted[rel] = text.encode("utf-8")
    nav_titles: dict[str, str] = {}
    if language != translations.DEFAULT_LANGUAGE:
        titles = yaml.safe_load(own.get("nav.yaml", b"") or b"{}")
        nav_titles = {str(k): str(v) for k, v in titles.items()} if isinstance(titles, dict) else {}
        wanted = translated_pages(wanted, own, language, catalog_translation_states(cat, language), for_language(cat, language))
        if SHELL_SOURCE in wanted and translations.pages_in(in_language(cat, language), "resources"):
            # The language's resource pages (only those of translated resources: ADR 0014) speak it.
            # The shell is shared: its note is a marker, and each page gets its own translation's
            # note in its place (stale, reviewed: resource_pages.py).
            shell = shell_source(nav_titles.get(SECTION, SECTION), translations.DEFAULT_LANGUAGE).encode("utf-8")
            wanted[SHELL_SOURCE] = with_translation_state(shell, {"state": "translated", "note": NOTE})
    wanted = {rel: with_review(rel, data) if rel.endswith(".md") else data for rel, data in wanted.items()}
    wanted = {rel: with_page_url(rel, data, engine.links_from_source) if rel.endswith(".md") else data for rel, data in wanted.items()}
    wanted = with_edit_urls(wanted, toolkit, cat, generated, set(own) if language != translations.DEFAULT_LANGUAGE else set(), language)
    if translations.languages(Path(cat.root)):  # the way up to the whole site's root, for the language switch (ADR 0014)
        wanted = {
            rel: with_front_matter(data, "pet_up", up_to_root(page_url(rel), language)) if rel.endswith(".md") else data
            for rel, data in wanted.items()
        }
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / "docs"
    for rel, data in wanted.items():
        _write_if_changed(out / rel, data)
    for path in sorted(out.rglob("*"), reverse=True):  # files removed from docs/ or the catalog go too
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for old_link in (dest / "macros", dest / "overrides"):  # a project written by an older generator linked these
        if old_link.is_symlink():
            old_link.unlink()
    _write_if_changed(dest / ENTRY_MODULE, ENTRY_SOURCE)
    # Copied in, read like the catalog (read_input_tree): the engine copies a theme folder's files
    # into the site, so a link in it would publish what it points to.
    copied = read_input_tree(root / "overrides" if root else OVERRIDES)
    for rel, data in copied.items():
        _write_if_changed(dest / "overrides" / rel, data)
    for path in sorted((dest / "overrides").rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(dest / "overrides").as_posix() not in copied:
            path.unlink()
    config = dest / CONFIG
    _write_if_changed(config, engine_config(toolkit, cat, engine.plugins_off, extra, language, nav_titles).encode("utf-8"))
    return config


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pet_generator.pipeline.pages", description="Write the project the engine builds: docs/ plus the catalog's pages."
    )
    parser.add_argument("dest", help="folder to write (created if missing)")
    add_source_options(parser)
    args = parser.parse_args(argv)
    try:
        toolkit = chosen_toolkit(args)
        print(write_project(load_catalog(toolkit.catalog), Path(args.dest), toolkit=toolkit))
    except (PagesError, ToolkitError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
