"""The Peer Employer Toolkit generator, in four layers (ADR 0007):

- `macros.catalog`: strict YAML, the model, validation and exports; imports no other layer;
- `macros.site`: the page renderers and the mkdocs-macros entry point; imports `catalog`;
- `macros.pipeline`: the build pipeline and its steps; imports `catalog` and `site`;
- `macros.tools`: command-line entry points; may import any layer.

This file only registers the entry point: mkdocs-macros imports `macros` (mkdocs.yml's
`module_name`) and calls its `define_env`.
"""

from .site.entry import define_env

__all__ = ["define_env"]
