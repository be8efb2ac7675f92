"""Translations as data, with their provenance (ADR 0014).

The site's languages are English plus one per folder `catalog/i18n/<language>/`. There:
- `<collection>.yaml` (glossary.yaml, sections.yaml): a list of records keyed by the English
  record's id, holding only translatable fields plus where each translation came from:
  `source_hash` (the English text it was made from, `english_hash()`), `method` (human,
  machine, machine-reviewed), `translated_by`, and `reviewed_by` + `reviewed_on` once a named
  person has reviewed it (never before);
- `terms.yaml`: the translators' glossary of chosen terms (read by people, checked as YAML).
Page translations are `docs/i18n/<language>/<page>.md`, with the same provenance under the
front matter key `translation:`; their source hash is the English page's.

Problems are reported at file:line:col: an unknown id or field, a missing required field,
markup in a translation and a bad method are errors; a translation made from English that has
since changed ("stale") is a warning, shown on the page and listed for the maintainers.

The package's parts: `fields` (what may be translated; the source hash), `languages` (the
folders and the theme), `structure` (structured fields), `checks` (the validator's checks) and
`translated` (the catalog as a language's pages read it). Import them from here.
"""

from pet_generator.catalog.translations.checks import Report, State, check_all, check_collection, check_language, check_page, front_matter
from pet_generator.catalog.translations.fields import (
    APPLIED,
    DEFAULT_LANGUAGE,
    FOLDER,
    GROUPED,
    METHODS,
    NOT_WORDS,
    PROVENANCE,
    REQUIRED,
    TERMS_FILE,
    TRANSLATABLE,
    english_hash,
    english_records,
    fields_of,
    has_words,
    record_hash,
)
from pet_generator.catalog.translations.languages import LANGUAGE_CODE, NAMES, language_problem, languages, theme_languages
from pet_generator.catalog.translations.structure import mirror_problems, overlay
from pet_generator.catalog.translations.translated import (
    TranslatedCatalog,
    counts,
    lang_of,
    original_lang,
    pages_in,
    state_of,
    translated,
)

__all__ = [
    "APPLIED",
    "DEFAULT_LANGUAGE",
    "FOLDER",
    "GROUPED",
    "LANGUAGE_CODE",
    "METHODS",
    "NAMES",
    "NOT_WORDS",
    "PROVENANCE",
    "REQUIRED",
    "TERMS_FILE",
    "TRANSLATABLE",
    "Report",
    "State",
    "TranslatedCatalog",
    "check_all",
    "check_collection",
    "check_language",
    "check_page",
    "counts",
    "english_hash",
    "english_records",
    "fields_of",
    "front_matter",
    "has_words",
    "lang_of",
    "language_problem",
    "languages",
    "mirror_problems",
    "original_lang",
    "overlay",
    "pages_in",
    "record_hash",
    "state_of",
    "theme_languages",
    "translated",
]
