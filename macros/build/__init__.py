"""The build layer: the ordered pipeline (pipeline.py) and its steps. Imports `macros.catalog` and `macros.site`."""
