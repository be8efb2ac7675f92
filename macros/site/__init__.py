"""The site layer: page renderers and the mkdocs-macros entry point. Imports `macros.catalog` only."""
