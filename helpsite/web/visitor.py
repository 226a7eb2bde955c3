"""Which visitor page a path asks for: one decision shared by the fast path and the routes.

``resolve`` maps a GET path (and the browser's Accept-Language, for pages that choose a
language) to an ``Answer``: the page's key, its status and the headers that depend on how
it was chosen. ``None`` means "not a visitor page": the Starlette app answers it.

URL scheme (language always in the URL, never in a cookie):
``/`` chooser in the browser's language · ``/<lang>/`` chooser ·
``/<lang>/<cc>`` help for a country · ``/<lang>/safety`` · ``/<lang>/privacy`` ·
``/<code>`` a poster's location code · ``/<cc>`` a country · ``/exit`` the safety exit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpsite.i18n import Language, negotiate
from helpsite.web.page_key import LANGUAGE_PAGES, PageKey
from qr.codes import CodeStatus, parse

if TYPE_CHECKING:
    from helpsite.web.site import Site

# First path segments that belong to other apps or routes: never a visitor page here.
OTHER_ROUTES = frozenset({"staff", "kiosk", "healthz", "robots.txt", "favicon.ico", "exit"})
MISTYPED = b"note=mistyped"  # a code landing's redirect says its code was mistyped


@dataclass(frozen=True)
class Answer:
    key: PageKey | None  # None: a redirect to ``location``
    status: int = 200
    vary_language: bool = False  # chosen from Accept-Language
    noindex: bool = False  # a poster's code: not for search engines
    location: str | None = None  # a relative address to go to instead (303)


def best_language(site: Site, accept_language: str | None) -> Language:
    return negotiate(accept_language, site.visitor_languages, site.settings.default_language)


def not_found(site: Site, accept_language: str | None) -> Answer:
    """An unknown path gets the chooser, so a visitor always has a way to help."""
    language = best_language(site, accept_language)
    return Answer(PageKey.chooser(language.slug, not_found=True), 404, vary_language=True)


def _help(site: Site, language: Language, code: str, note: str | None = None, **kw) -> Answer:
    key = PageKey("help", language.slug, code, note, open_now=site.open_now(code))
    return Answer(key, **kw)


def single_segment(site: Site, token: str, accept_language: str | None) -> Answer:
    """A country, a language, or a poster's location code (typed or scanned)."""
    # A country wins over a language of the same letters ("/ro" is help for Romania);
    # "/ro/" with a slash is the chooser in Romanian.
    country = site.countries.get(token.upper())
    if country is not None:
        return _help(site, best_language(site, accept_language), country.code, vary_language=True)
    language = site.language(token)
    if language is not None:
        return Answer(PageKey.chooser(language.slug))
    parsed = parse(token)
    if parsed is None or parsed.country not in site.countries:
        return not_found(site, accept_language)
    if parsed.status is not CodeStatus.VALID and not any(ch.isdigit() for ch in token[2:]):
        # Every real code has a digit or a valid check; "/itinerary" is a word, not a typo.
        return not_found(site, accept_language)
    # The page a code opens ends at /<lang>/<cc>: the code stays in neither the history
    # nor a saved page (a redirect works without JavaScript too).
    best = best_language(site, accept_language)
    location = f"/{best.slug}/{site.countries[parsed.country].slug}"
    if parsed.status is not CodeStatus.VALID:
        location += "?" + MISTYPED.decode()
    return Answer(None, 303, vary_language=True, noindex=True, location=location)


def resolve(
    site: Site, path: str, accept_language: str | None, query: bytes = b""
) -> Answer | None:
    """The visitor page for a GET of ``path``, or None when another route answers it."""
    if path == "/":
        language = best_language(site, accept_language)
        return Answer(PageKey.chooser(language.slug), vary_language=True)
    parts = path[1:].split("/")
    if not parts[0] or parts[0] in OTHER_ROUTES or len(parts) > 3:
        return None
    if len(parts) == 3:
        if not parts[2]:
            return None  # "/en/gb/": the router answers with a relative 308
        return _country_page(site, *parts, accept_language)
    if len(parts) == 1:
        return single_segment(site, parts[0], accept_language)
    first, second = parts
    if not second:
        language = site.language(first)
        if language is None:
            # "/GB7K2Q9XM5/" or "/gb/": a code or country with a trailing slash.
            return single_segment(site, first, accept_language)
        return Answer(PageKey.chooser(language.slug))
    language = site.language(first)
    if second in LANGUAGE_PAGES:
        if language is None:
            return not_found(site, accept_language)
        return Answer(PageKey.language_page(second, language.slug))
    country = site.countries.get(second.upper())
    if language is None or country is None:
        return not_found(site, accept_language)
    return _help(site, language, country.code, "mistyped" if query == MISTYPED else None)


def _country_page(site: Site, lang: str, cc: str, page: str, accept_language: str | None):
    """``/<lang>/<cc>/safety``: reached from a country's help, its links and exit keep it."""
    language = site.language(lang)
    country = site.countries.get(cc.upper())
    if page not in LANGUAGE_PAGES or language is None or country is None:
        return not_found(site, accept_language)
    return Answer(PageKey.language_page(page, language.slug, country.code))
