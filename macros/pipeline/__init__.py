"""The pipeline layer (was `macros/build`, renamed because `build/` is ignored by common .gitignore templates): the ordered steps in run.py. Imports `macros.catalog` and `macros.site`."""
