"""The component gallery for maintainers (docs/reference/components.md; govuk-frontend's pattern):
every component (macros/pet_generator/site/templates/components/, and a toolkit's own) rendered
from each of its examples, with the HTML it makes. A change to a template shows here first."""

from __future__ import annotations

import re

from pet_generator.catalog.loader import Catalog, display_path
from pet_generator.site.components import COMPONENTS, EXAMPLES, TEMPLATE, for_catalog
from pet_generator.site.html import Context, block, esc, shift_headings, tag

# Examples render side by side on one page: their ids (and what points at them) get a prefix each.
_IDS = re.compile(r'(?<![\w-])(id|data-copy|for|aria-labelledby)="([^"]*)"|(?<![\w-])href="#([^"]*)"')


def _unique_ids(html: str, prefix: str) -> str:
    def rename(m: re.Match[str]) -> str:
        return f'href="#{prefix}-{m.group(3)}"' if m.group(3) is not None else f'{m.group(1)}="{prefix}-{m.group(2)}"'

    return _IDS.sub(rename, html)


# A script (page-script, a page's structured data) is shown by its HTML only: the gallery page
# runs no example's script and carries no example's data block.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def component_gallery(cat: Catalog, ctx: Context) -> str:
    components = for_catalog(cat)
    names = components.names()
    parts = [tag("p", esc(f"{len(names)} components, each shown with the example data beside its template."), class_="pet-gallery-count")]
    for name in names:
        folder = next(p / COMPONENTS / name for p in components.search_path if (p / COMPONENTS / name / TEMPLATE).is_file())
        where = tag("code", esc(display_path(folder / TEMPLATE))) + ", examples in " + tag("code", esc(EXAMPLES))
        parts.append(tag("h2", esc(name), id=f"component-{name}") + tag("p", "Template: " + where))
        for n, example in enumerate(components.examples(name), start=1):
            html = _unique_ids(components.render(name, ctx=ctx, **example["data"]), f"gallery-{name}-{n}")
            parts.append(tag("h3", esc(example["name"]), id=f"component-{name}-{n}"))
            # A component that is one item of a list (a resource row) is shown inside its list,
            # as the pages show it: a lone <li> is not a list item to assistive technology.
            shown = _SCRIPT.sub("", shift_headings(html, 3))  # its headings sit under the example's own <h3>: the page keeps one <h1>
            framed = tag("ul", shown, class_="pet-rows") if shown.lstrip().startswith("<li") else shown
            parts.append(tag("div", framed, class_="pet-gallery-example"))
            parts.append(
                tag("details", tag("summary", esc(f"HTML of “{example['name']}”")) + tag("pre", tag("code", esc(html))), class_="pet-gallery-html")
            )
    return block("".join(parts))


MACROS = {"component_gallery": component_gallery}
