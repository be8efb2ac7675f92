"""The mkdocs-macros entry point: mkdocs.yml's `module_name: macros` imports this package and
calls its `define_env`. The generator itself is the `pet_generator` package beside this file."""

from pet_generator.site.entry import define_env

__all__ = ["define_env"]
