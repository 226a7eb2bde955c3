"""The fast path: visitor pages and the exit answered from memory, in front of everything.

A visitor page is a function of its ``PageKey`` (page_key.py) and its bytes are encoded
once (encoded.py), so a GET needs no routing table, no request object and no middleware
chain: this layer resolves the path (visitor.py, the same decision the routes make),
sends the precomputed bytes with the precomputed security headers, and passes anything
else (other methods, staff, kiosk, unknown shapes) to the app unchanged. Measured in
bench/site_bench.py; it is most of the difference between 5k and 30k requests a second.

The answer for a (path, Accept-Language, Accept-Encoding, scheme) is kept for the rest of
the minute (when "open now" can next change), so a repeated request costs a dict lookup,
and its ASGI messages are built once (page_response.Prepared.messages).

A page not yet rendered or compressed (its first request, or "open now" changed) is
built in one thread beside the event loop: brotli lets go of the GIL, so the 20-80 ms
it takes no longer holds up every other visitor's request (the p99 of bench/site_bench.py).

Should resolving or encoding ever fail, the request goes to the app, whose routes make
the same decision and whose error layer answers with the calm 500 page.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from helpsite.web.middleware.security_headers import SecurityHeaders
from helpsite.web.page_response import Prepared, prepare, ready, request_headers, send_prepared
from helpsite.web.visitor import resolve

EXIT_HEADERS = {"Clear-Site-Data": '"cache", "storage"', "Cache-Control": "no-store"}

# Paths and headers come from anyone: past this many distinct answers the table starts
# again (each is a few hundred bytes of headers; the bodies are shared).
MAX_ANSWERS = 20_000
MISSING = object()

logger = logging.getLogger("helpsite.errors")

# One thread builds pages for every app in the process: two requests for the same new
# page wait for one build, and templates are never compiled twice at once.
BUILDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="helpsite-pages")


class VisitorPagesMiddleware:
    def __init__(self, app: ASGIApp, *, site, security: SecurityHeaders):
        self.app = app
        self.site = site
        self.security = security
        # The exit's two messages, built on first use; bounded by the countries' exit paths.
        self.exits: dict[tuple[str, bool], tuple[dict, dict]] = {}
        # Prepared answers by (path, Accept-Language, Accept-Encoding, HTTPS), for the
        # current minute: a page is its key, and its key is these and the clock's minute.
        self.answers: dict[tuple, Prepared | None] = {}
        self.minute = -1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        https = scope.get("scheme") == "https"
        if path == "/exit" or path.startswith("/exit/"):
            exit_messages = self.exits.get((path, https)) or self._exit(path, https)
            if exit_messages is not None:
                await send(exit_messages[0])
                await send(exit_messages[1])
                return
        language, encoding, if_none_match = request_headers(scope)
        minute = self.site.minute()
        if minute != self.minute or len(self.answers) >= MAX_ANSWERS:
            self.answers, self.minute = {}, minute  # "open now" may have changed
        query = scope.get("query_string", b"")
        key = (path, query, language, encoding, https)
        prepared = self.answers.get(key, MISSING)
        if prepared is MISSING:
            try:
                prepared = await self._prepare(path, query, language, encoding, https)
            except Exception as exc:  # noqa: BLE001 - the app's error layer answers instead
                logger.error("fast path failed: %s; the app answers", type(exc).__name__)
                await self.app(scope, receive, send)
                return
            self.answers[key] = prepared
        if prepared is None:
            await self.app(scope, receive, send)
            return
        await send_prepared(scope, send, prepared, if_none_match)

    async def _prepare(self, path, query, language, encoding, https) -> Prepared | None:
        """The answer for a request not seen this minute: built beside the loop if need be."""
        answer = resolve(self.site, path, language, query)
        if answer is None:
            return None
        args = (self.site, self.security, answer, encoding, https)
        if ready(self.site, answer, encoding):
            return prepare(*args)
        return await asyncio.get_running_loop().run_in_executor(BUILDER, prepare, *args)

    def _exit(self, path: str, https: bool) -> tuple[dict, dict] | None:
        """The headers routes.exit_page sends, built once (leave at once, ask to forget)."""
        site = self.site
        if path == "/exit":
            target = site.settings.exit_url
        else:
            code = path.removeprefix("/exit/")
            country = site.countries.get(code.upper())
            if country is None or code not in (code.lower(), code.upper()):
                return None  # the route answers other spellings
            target = country.exit_url or site.settings.exit_url
        response = RedirectResponse(target, status_code=303, headers=EXIT_HEADERS)
        headers = self.security.apply(response.raw_headers, https)
        start = {"type": "http.response.start", "status": 303, "headers": headers}
        messages = self.exits[(path, https)] = (start, {"type": "http.response.body", "body": b""})
        return messages
