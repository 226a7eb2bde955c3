"""State-changing requests only from this site's own pages (cross-site request forgery).

A POST, PUT, PATCH or DELETE is refused with 403 when the browser says it came from
elsewhere:

- ``Sec-Fetch-Site`` present and not ``same-origin`` (or ``none``, typed by the user);
- ``Origin`` present and neither this request's own origin (scheme and Host) nor the
  origin of ``HELPSITE_BASE_URL``.

``Origin: null`` is what a browser sends for our own form, because every page says
``Referrer-Policy: no-referrer``; a sandboxed frame or ``data:`` page elsewhere sends it
too. So ``null`` is accepted only together with ``Sec-Fetch-Site: same-origin``, which
every browser that sends it for our form also sends, and which no other site can forge.
A request with neither header (curl, a script) is not a browser being tricked: allowed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OWN_FETCH_SITES = frozenset({"same-origin", "none"})


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class SameOriginMiddleware:
    def __init__(self, app: ASGIApp, *, base_url: str):
        self.app = app
        self.base_origin = origin_of(base_url)

    def allowed(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site.lower() not in OWN_FETCH_SITES:
            return False
        origin = headers.get("origin")
        if origin is None:
            return True
        if origin.strip().lower() == "null":
            return fetch_site is not None and fetch_site.lower() == "same-origin"
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
        return origin.strip().lower() in {own, self.base_origin}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        unsafe = scope["type"] == "http" and scope["method"] not in SAFE_METHODS
        if unsafe and not self.allowed(scope):
            response = PlainTextResponse(
                "Posters are made from this site's own form.", status_code=403
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
