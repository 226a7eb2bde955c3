"""HTTP endpoints of the visitor site.

URL scheme (language always in the URL, never in a cookie):
``/`` chooser in the browser's language · ``/<lang>/`` chooser ·
``/<lang>/<cc>`` help for a country · ``/<lang>/safety`` · ``/<lang>/privacy`` ·
``/<code>`` a poster's location code · ``/<cc>`` a country · ``/exit`` the safety exit.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from helpsite.web import visitor
from helpsite.web.favicon import blank_icon
from helpsite.web.middleware.security_headers import SecurityHeaders
from helpsite.web.page_response import PageResponse

FAVICON = blank_icon()


def _site(request: Request):
    return request.app.state.site


def _answer(request: Request, answer: visitor.Answer | None) -> Response:
    site = _site(request)
    if answer is None:
        answer = visitor.not_found(site, request.headers.get("accept-language"))
    security = getattr(request.app.state, "security", None)
    if security is None:  # a mounted app (staff) answering an unknown path with the chooser
        security = SecurityHeaders(
            site.renderer.content_security_policy, site.settings.hsts_max_age
        )
    return PageResponse(site, security, answer)


def _visitor_page(name: str):
    """An endpoint for visitor pages: the decision is ``visitor.resolve``, shared with the
    fast path (middleware/visitor_pages.py), which answers GET and HEAD before routing.
    Each route keeps its own name (the private error log names the route)."""

    async def endpoint(request: Request) -> Response:
        language = request.headers.get("accept-language")
        path, query = request.scope["path"], request.scope.get("query_string", b"")
        return _answer(request, visitor.resolve(_site(request), path, language, query))

    endpoint.__name__ = name
    return endpoint


home = _visitor_page("home")
language_home = _visitor_page("language_home")
country_help = _visitor_page("country_help")
safety = _visitor_page("safety")
privacy = _visitor_page("privacy")
single_segment = _visitor_page("single_segment")


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
    return _answer(request, None)


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
