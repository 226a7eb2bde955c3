"""The fast path: visitor pages and the exit answered from memory, in front of everything.

A visitor page is a function of its ``PageKey`` (page_key.py) and its bytes are encoded
once (encoded.py), so a GET needs no routing table, no request object and no middleware
chain: this layer looks the request up in the answers prepared this minute
(answers.py), resolving it first if need be (visitor.py, the same decision the routes
make), sends the precomputed bytes with the precomputed security headers, and passes
anything else (other methods, staff, kiosk, unknown shapes) to the app unchanged.
Measured in bench/site_bench.py; it is most of the difference between 5k and 30k
requests a second. (Under granian, rsgi.py answers what is already in the table
before this layer is reached.)

Should resolving or encoding ever fail, the request goes to the app, whose routes make
the same decision and whose error layer answers with the calm 500 page.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send

from helpsite.web.answers import MISSING, Answers
from helpsite.web.page_response import request_headers, send_prepared

logger = logging.getLogger("helpsite.errors")


class VisitorPagesMiddleware:
    def __init__(self, app: ASGIApp, *, answers: Answers):
        self.app = app
        self.answers = answers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        https = scope.get("scheme") == "https"
        if path == "/exit" or path.startswith("/exit/"):
            prepared = self.answers.exit(path, https)
            if prepared is not None:
                await send_prepared(scope, send, prepared, None)
                return
        language, encoding, if_none_match = request_headers(scope)
        key = (path, scope.get("query_string", b""), language, encoding, https)
        prepared = self.answers.cached(key)
        if prepared is MISSING:
            try:
                prepared = await self.answers.build(key)
            except Exception as exc:  # noqa: BLE001 - the app's error layer answers instead
                logger.error("fast path failed: %s; the app answers", type(exc).__name__)
                await self.app(scope, receive, send)
                return
        if prepared is None:
            await self.app(scope, receive, send)
            return
        await send_prepared(scope, send, prepared, if_none_match)
