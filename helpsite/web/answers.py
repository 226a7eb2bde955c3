"""The visitor answers already prepared this minute, shared by both ways in.

A visitor page is a function of its ``PageKey`` and its bytes are encoded once, so the
answer to a GET depends only on (path, query, Accept-Language, Accept-Encoding, HTTPS)
and the clock's minute ("open now" can change only when the minute does). This table
keeps those answers for the rest of the minute, so a repeated request costs a dict
lookup. Two fronts read it:

- the ASGI fast path (middleware/visitor_pages.py), which also fills it: a request not
  seen this minute is resolved there (visitor.py, the decision the routes make too);
- granian's RSGI front (rsgi.py), which sends an answer found here in one call and hands
  everything else to the ASGI app.

A page not yet rendered or compressed (its first request, or "open now" changed) is
built in one thread beside the event loop: brotli lets go of the GIL, so the 20-80 ms
it takes holds up no other visitor's request (the p99 of bench/site_bench.py).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from starlette.responses import RedirectResponse

from helpsite.web.middleware.security_headers import SecurityHeaders
from helpsite.web.page_response import Prepared, prepare, ready
from helpsite.web.visitor import resolve

EXIT_HEADERS = {"Clear-Site-Data": '"cache", "storage"', "Cache-Control": "no-store"}

# Paths and headers come from anyone: past this many distinct answers the table starts
# again (each is a few hundred bytes of headers; the bodies are shared).
MAX_ANSWERS = 20_000
MISSING: Final = object()  # not answered yet this minute (None: not a visitor page)

# One thread builds pages for every app in the process: two requests for the same new
# page wait for one build, and templates are never compiled twice at once.
BUILDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="helpsite-pages")

# (path, query, Accept-Language, Accept-Encoding, HTTPS): the first value of each header,
# as Starlette's Headers.get and granian's RSGI headers both read it.
Key = tuple[str, bytes, str | None, str | None, bool]


class Answers:
    def __init__(self, site, security: SecurityHeaders):
        self.site = site
        self.security = security
        self.minute_now = site.minute
        self.table: dict[Key, Prepared | None] = {}
        self.minute = -1
        # The exits, by (path, HTTPS): built on first use, bounded by the countries' paths.
        self.exits: dict[tuple[str, bool], Prepared] = {}

    def cached(self, key: Key) -> Prepared | None | object:
        """The answer prepared this minute, None (not a visitor page) or ``MISSING``."""
        minute = self.minute_now()
        if minute != self.minute or len(self.table) >= MAX_ANSWERS:
            self.table, self.minute = {}, minute  # "open now" may have changed
        return self.table.get(key, MISSING)

    async def build(self, key: Key) -> Prepared | None:
        """Resolve and prepare a request not seen this minute, and keep its answer."""
        path, query, language, encoding, https = key
        answer = resolve(self.site, path, language, query)
        if answer is None:
            prepared = None
        else:
            args = (self.site, self.security, answer, encoding, https)
            if ready(self.site, answer, encoding):
                prepared = prepare(*args)
            else:
                loop = asyncio.get_running_loop()
                prepared = await loop.run_in_executor(BUILDER, prepare, *args)
        self.table[key] = prepared
        return prepared

    def exit(self, path: str, https: bool) -> Prepared | None:
        """The answer routes.exit_page gives (leave at once, ask to forget), built once."""
        found = self.exits.get((path, https))
        if found is None:
            found = self._exit(path, https)
            if found is not None:  # "/exit/<anything>" from anyone is not kept
                self.exits[(path, https)] = found
        return found

    def _exit(self, path: str, https: bool) -> Prepared | None:
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
        return Prepared(303, headers, headers, b"", b"")
