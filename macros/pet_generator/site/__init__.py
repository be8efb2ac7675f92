"""The site layer: page renderers and the mkdocs-macros entry point. Imports `pet_generator.catalog` only."""
