"""granian's RSGI interface in front of the app: a prepared visitor page in one call.

Under ASGI every answer costs granian a scope dict, a ``send`` future per message and
their awaits; through RSGI an answer already prepared this minute (answers.py) is
handed over with one ``response_bytes`` call. A minimal app answering a 303 costs about
21 instead of 26 microseconds of CPU per request on this machine (bench/site_bench.py).

This front decides nothing: it only looks up answers the ASGI fast path
(middleware/visitor_pages.py) prepared, keyed as that layer keys them, and sends them
with the same headers, 304 and HEAD rules (page_response.py). Anything not found there
(a page's first request, other methods, staff, kiosk, anything unknown) goes to the ASGI
app through asgi_bridge.py, behind the same X-Forwarded rules (middleware/forwarded.py).
The app's lifespan runs as granian starts and stops the worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpsite.web.answers import MISSING, Answers
from helpsite.web.asgi_bridge import address, run_asgi
from helpsite.web.middleware.forwarded import ForwardedHeadersMiddleware, Trusted, believe
from helpsite.web.page_response import Prepared

if TYPE_CHECKING:
    from asyncio import AbstractEventLoop

    from granian.rsgi import Headers, HTTPProtocol, Scope
    from starlette.applications import Starlette


class RSGIFront:
    def __init__(self, app: Starlette, *, trusted: str):
        self.answers: Answers = app.state.answers
        self.trusted = Trusted(trusted)
        self.asgi = ForwardedHeadersMiddleware(app, trusted=trusted)
        self.lifespan = app.router.lifespan_context(app)

    def __rsgi_init__(self, loop: AbstractEventLoop) -> None:
        loop.run_until_complete(self.lifespan.__aenter__())

    def __rsgi_del__(self, loop: AbstractEventLoop) -> None:
        loop.run_until_complete(self.lifespan.__aexit__(None, None, None))

    async def __rsgi__(self, scope: Scope, protocol: HTTPProtocol) -> None:
        method = scope.method
        if method == "GET" or method == "HEAD":
            headers = scope.headers
            prepared = self._prepared(scope, headers)
            if prepared is not None:
                text_headers, not_modified = prepared.text_headers
                # (If-None-Match is read only for a 200, the one answer it can change.)
                if prepared.status == 200 and prepared.unchanged(headers.get("if-none-match")):
                    protocol.response_bytes(304, not_modified, b"")
                    return
                body = prepared.body if method == "GET" else b""
                protocol.response_bytes(prepared.status, text_headers, body)
                return
        await run_asgi(self.asgi, scope, protocol)

    def _prepared(self, scope: Scope, headers: Headers) -> Prepared | None:
        """The answer prepared this minute for this request, if there is one."""
        https = self._https(scope, headers)
        path = scope.path
        if path == "/exit" or path.startswith("/exit/"):
            found = self.answers.exits.get((path, https))
            if found is not None:
                return found
        query = scope.query_string
        key = (
            path,
            query.encode() if query else b"",
            headers.get("accept-language"),
            headers.get("accept-encoding"),
            https,
        )
        prepared = self.answers.cached(key)
        return None if prepared is MISSING else prepared

    def _https(self, scope: Scope, headers: Headers) -> bool:
        """Whether the request came over HTTPS, as middleware/forwarded.py decides it."""
        https = scope.scheme == "https"
        if headers.get("x-forwarded-for") is None:
            return https
        peer = address(scope.client)
        believed = believe(
            self.trusted,
            peer[0] if peer else None,
            headers.get("x-forwarded-proto"),
            headers.get_all("x-forwarded-for"),
        )
        if believed is None or believed[1] is None:
            return https
        return believed[1] == "https"
