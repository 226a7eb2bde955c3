"""Everything about languages, in one package.

- ``languages``: which catalogs exist, complete or not, reviewed or not, and their
  translations (compiled in memory when no fresh ``.mo`` is there).
- ``completeness``: the one definition of a complete catalog.
- ``negotiation``: how a request picks a language (URL, Accept-Language, default).
- ``workflow``: the translators' commands (extract, update, compile, status).
- ``checks``: checks on translated catalogs (placeholders, numbers, plural rules).
- ``extractor``: the Babel extractor for country data; ``pseudo``: test pseudo-locales;
  ``filters``: the locale-aware Jinja filters.
"""

from helpsite.i18n.languages import (
    DOMAIN,
    SOURCE_LANGUAGE,
    CatalogError,
    Language,
    load_languages,
)
from helpsite.i18n.negotiation import match_tag, negotiate, parse_accept_language

__all__ = [
    "DOMAIN",
    "SOURCE_LANGUAGE",
    "CatalogError",
    "Language",
    "load_languages",
    "match_tag",
    "negotiate",
    "parse_accept_language",
]
