"""How a request picks a language: the URL, then ``Accept-Language``, then the default.

No cookie, ever: nothing about a visitor's choice is remembered.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from helpsite.i18n.languages import Language


def parse_accept_language(header: str) -> list[str]:
    """Tags from an Accept-Language header, best first; malformed parts are skipped."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*" or len(tag) > 35:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = -1.0
        if 0 < quality <= 1:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def match_tag(tag: str, offered: dict[str, Language]) -> Language | None:
    """The offered language for one tag, in any case, with ``-`` or ``_``.

    An exact tag wins; then the regional variant CLDR names as its parent (``pt-AO``
    and ``pt-MZ`` find ``pt-PT`` when it is offered); otherwise the same language in a
    compatible script (``zh-CN`` finds ``zh-Hans``, ``pt-PT`` finds ``pt-BR``, ``ro-RO``
    finds ``ro``).
    """
    slug = tag.strip().lower().replace("_", "-")
    if slug in offered:
        return offered[slug]
    slug = _unaliased(slug)
    if slug in offered:
        return offered[slug]
    try:
        wanted = Locale.parse(slug, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    parent = get_global("parent_exceptions").get(str(wanted))
    if parent and parent.replace("_", "-").lower() in offered:
        return offered[parent.replace("_", "-").lower()]
    same = [
        language
        for language in offered.values()
        if language.locale.language == wanted.language
        and language.locale.script in (None, wanted.script)
    ]
    # The same country first (fa-AF is Dari, fa-IR Persian), then the language without one.
    for territory in (wanted.territory, None):
        for language in same:
            if language.locale.territory == territory:
                return language
    return same[0] if same else None


def _unaliased(slug: str) -> str:
    """CLDR's language aliases: ``prs`` (Dari) is ``fa-af``, ``pus`` is ``ps``."""
    language, sep, rest = slug.partition("-")
    alias = get_global("language_aliases").get(language)
    if not isinstance(alias, str):
        return slug
    alias = alias.lower().replace("_", "-")
    return alias if "-" in alias else alias + sep + rest


def negotiate(header: str | None, offered: dict[str, Language], default: str) -> Language:
    """The best offered language for an Accept-Language header, else the default."""
    for tag in parse_accept_language(header or ""):
        language = match_tag(tag, offered)
        if language is not None:
            return language
    return offered[default.lower()]
