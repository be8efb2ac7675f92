"""pet_generator: the Peer Employer Toolkit generator, in four layers (ADR 0007).

- `pet_generator.catalog`: strict YAML, the model, validation and exports; imports no other layer;
- `pet_generator.site`: the page renderers and the mkdocs-macros entry point; imports `catalog`;
- `pet_generator.pipeline`: the build pipeline and its steps; imports `catalog` and `site`;
- `pet_generator.tools`: command-line entry points; may import any layer.
"""

__version__ = "2026.0"
