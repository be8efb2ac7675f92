"""The component gallery for maintainers (docs/reference/components.md; govuk-frontend's pattern):
every component (macros/pet_generator/site/templates/components/, and a toolkit's own) rendered
from each of its examples, with the HTML it makes. A change to a template shows here first."""

from __future__ import annotations

import re

from markupsafe import Markup
from pet_generator.catalog.loader import Catalog, display_path
from pet_generator.site.components import COMPONENTS, EXAMPLES, TEMPLATE, for_catalog
from pet_generator.site.html import Context, block, shift_headings, without_scripts

# Examples render side by side on one page: their ids (and what points at them) get a prefix each.
_IDS = re.compile(r'(?<![\w-])(id|data-copy|for|aria-labelledby)="([^"]*)"|(?<![\w-])href="#([^"]*)"')


def _unique_ids(html: str, prefix: str) -> str:
    def rename(m: re.Match[str]) -> str:
        return f'href="#{prefix}-{m.group(3)}"' if m.group(3) is not None else f'{m.group(1)}="{prefix}-{m.group(2)}"'

    return _IDS.sub(rename, html)


# Shown by their HTML only: the gallery's own component (a gallery inside the gallery would
# frame examples within examples) and a whole document (print-document: a page holds no other).
GALLERY = "component-gallery"
HTML_ONLY = frozenset({GALLERY, "print-document"})


def component_gallery(cat: Catalog, ctx: Context) -> str:
    """Every component with each of its examples rendered, and its HTML (components/component-gallery)."""
    components = for_catalog(cat)
    shown = []
    for name in components.names():
        folder = next(p / COMPONENTS / name for p in components.search_path if (p / COMPONENTS / name / TEMPLATE).is_file())
        examples = []
        for n, example in enumerate(components.examples(name), start=1):
            html = _unique_ids(components.render(name, ctx=ctx, **example["data"]), f"gallery-{name}-{n}")
            # Its headings sit under the example's own <h3>: the page keeps one <h1>. A script
            # (page-script, a page's structured data) is shown by its HTML only: the gallery
            # runs no example's script and carries no example's data block.
            live = "" if name in HTML_ONLY else without_scripts(shift_headings(html, 3))
            examples.append({"name": example["name"], "shown": Markup(live), "in_list": live.lstrip().startswith("<li"), "html": html})
        shown.append({"name": name, "template": display_path(folder / TEMPLATE), "examples_file": EXAMPLES, "examples": examples})
    return block(components.render(GALLERY, ctx=ctx, components=shown))


MACROS = {"component_gallery": component_gallery}
