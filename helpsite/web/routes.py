"""HTTP endpoints of the visitor site.

URL scheme (language always in the URL, never in a cookie):
``/`` chooser in the browser's language · ``/<lang>/`` chooser ·
``/<lang>/<cc>`` help for a country · ``/<lang>/safety`` · ``/<lang>/privacy`` ·
``/<code>`` a poster's location code · ``/<cc>`` a country · ``/exit`` the safety exit.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from helpsite.content.model import Country
from helpsite.i18n import Language, negotiate
from helpsite.kiosk.routes import ROUTES as KIOSK_ROUTES
from helpsite.web.favicon import blank_icon
from helpsite.web.page_key import PageKey
from qr.codes import CodeStatus, parse

VARY = {"Vary": "Accept-Language"}
FAVICON = blank_icon()


def _site(request: Request):
    return request.app.state.site


def _best_language(request: Request) -> Language:
    site = _site(request)
    return negotiate(
        request.headers.get("accept-language"),
        site.visitor_languages,
        site.settings.default_language,
    )


def _page(
    request: Request, key: PageKey, *, status: int = 200, headers: dict | None = None
) -> HTMLResponse:
    html = _site(request).render(key)
    return HTMLResponse(html, status_code=status, headers=headers)


def _help(
    request: Request, language: Language, country: Country, note: str | None = None, **kw
) -> HTMLResponse:
    key = PageKey.help(_site(request), language.slug, country.code, note)
    return _page(request, key, **kw)


def _chooser(request: Request, language: Language, *, status: int = 200, **kw) -> HTMLResponse:
    key = PageKey.chooser(language.slug, not_found=status == 404)
    return _page(request, key, status=status, **kw)


async def home(request: Request) -> Response:
    return _chooser(request, _best_language(request), headers=VARY)


async def language_home(request: Request) -> Response:
    language = _site(request).language(request.path_params["lang"])
    if language is None:
        # "/GB7K2Q9XM5/" or "/gb/": a code or country with a trailing slash.
        request.path_params["token"] = request.path_params["lang"]
        return await single_segment(request)
    return _chooser(request, language)


async def country_help(request: Request) -> Response:
    site = _site(request)
    language = site.language(request.path_params["lang"])
    country = site.countries.get(request.path_params["cc"].upper())
    if language is None or country is None:
        return _not_found(request)
    # Where a code landing was redirected with a mistyped code (the code itself is not kept).
    note = "mistyped" if request.query_params.get("note") == "mistyped" else None
    return _help(request, language, country, note)


def _language_page(name: str):
    """An endpoint for a page that depends on the language (safety, privacy), and on the
    country when reached from a country's page (``/<lang>/<cc>/safety``), so that its
    links and its exit keep the country."""

    async def endpoint(request: Request) -> Response:
        site = _site(request)
        language = site.language(request.path_params["lang"])
        cc = request.path_params.get("cc")
        country = site.countries.get(cc.upper()) if cc else None
        if language is None or (cc and country is None):
            return _not_found(request)
        code = country.code if country else None
        return _page(request, PageKey.language_page(name, language.slug, code))

    endpoint.__name__ = name
    return endpoint


safety = _language_page("safety")
privacy = _language_page("privacy")


async def single_segment(request: Request) -> Response:
    """A language, a country, or a poster's location code (typed or scanned)."""
    site = _site(request)
    token = request.path_params["token"]
    best = _best_language(request)
    # A country wins over a language of the same letters ("/ro" is help for Romania);
    # "/ro/" with a slash is the chooser in Romanian.
    country = site.countries.get(token.upper())
    if country is not None:
        return _help(request, best, country, headers=VARY)
    language = site.language(token)
    if language is not None:
        return _chooser(request, language)
    parsed = parse(token)
    if parsed is None or parsed.country not in site.countries:
        return _not_found(request)
    if parsed.status is not CodeStatus.VALID and not any(ch.isdigit() for ch in token[2:]):
        # Every real code has a digit or a valid check; "/itinerary" is a word, not a typo.
        return _not_found(request)
    # The page a code opens ends at /<lang>/<cc>: the code stays in neither the history
    # nor a saved page (a redirect works without JavaScript too).
    target = f"/{best.slug}/{site.countries[parsed.country].slug}"
    if parsed.status is not CodeStatus.VALID:
        target += "?note=mistyped"
    headers = {**VARY, "X-Robots-Tag": "noindex", "Cache-Control": "no-store"}
    return RedirectResponse(target, status_code=303, headers=headers)


async def exit_page(request: Request) -> Response:
    """The safety exit without JavaScript: leave at once, asking the browser to forget."""
    site = _site(request)
    country = site.countries.get(request.path_params.get("cc", "").upper())
    target = (country.exit_url if country else None) or site.settings.exit_url
    return RedirectResponse(
        target,
        status_code=303,
        headers={"Clear-Site-Data": '"cache", "storage"', "Cache-Control": "no-store"},
    )


async def favicon(request: Request) -> Response:
    """A blank icon from our own origin: no 404 on every page load, nothing that names us."""
    return Response(FAVICON, media_type="image/x-icon", headers={"Cache-Control": "max-age=86400"})


async def robots(request: Request) -> Response:
    """``static/robots.txt``: keeps crawlers away from the exit, staff and kiosk pages."""
    return PlainTextResponse(_site(request).robots_txt, headers={"Cache-Control": "max-age=86400"})


async def health(request: Request) -> Response:
    return PlainTextResponse("ok", headers={"Cache-Control": "no-store"})


def _not_found(request: Request) -> Response:
    return _chooser(request, _best_language(request), status=404, headers=VARY)


async def not_found(request: Request, exc: Exception) -> Response:
    """An unknown path gets the chooser, so a visitor always has a way to help."""
    status = getattr(exc, "status_code", 404)
    if status != 404:
        # Keep the exception's headers: a 405 must say which methods are allowed (Allow).
        headers = getattr(exc, "headers", None)
        return PlainTextResponse(getattr(exc, "detail", ""), status_code=status, headers=headers)
    path = request.url.path
    if len(path) > 1 and path.endswith("/"):
        # A relative Location: never built from the Host header, never "//other.site".
        return RedirectResponse("/" + path.strip("/"), status_code=308)
    return _not_found(request)


# The staff app is mounted at /staff before these by ``helpsite.web.app.create_app``.
ROUTES = [
    *KIOSK_ROUTES,
    Route("/", home, name="home"),
    Route("/exit", exit_page, name="exit"),
    Route("/exit/{cc}", exit_page, name="exit_country"),
    Route("/healthz", health, name="health"),
    Route("/robots.txt", robots, name="robots"),
    Route("/favicon.ico", favicon, name="favicon"),
    Route("/{token}", single_segment, name="single_segment"),
    Route("/{lang}/", language_home, name="language_home"),
    Route("/{lang}/safety", safety, name="safety"),
    Route("/{lang}/privacy", privacy, name="privacy"),
    Route("/{lang}/{cc}/safety", safety, name="country_safety"),
    Route("/{lang}/{cc}/privacy", privacy, name="country_privacy"),
    Route("/{lang}/{cc}", country_help, name="country_help"),
]
