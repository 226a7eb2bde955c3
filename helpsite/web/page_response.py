"""Sending a visitor page: the precomputed bytes its browser accepts, or 304 Not Modified.

Used by the fast path in front of the app (middleware/visitor_pages.py) and by the
routes behind it, so a page is the same whichever answers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from helpsite.web.encoded import etag_matches
from helpsite.web.middleware.security_headers import SecurityHeaders
from helpsite.web.visitor import Answer

HTML = (b"content-type", b"text/html; charset=utf-8")
VARY_ENCODING = (b"vary", b"Accept-Encoding")
VARY_BOTH = (b"vary", b"Accept-Encoding, Accept-Language")
NOINDEX = (b"x-robots-tag", b"noindex")


def request_headers(scope: Scope) -> tuple[str | None, str | None, str | None]:
    """Accept-Language, Accept-Encoding and If-None-Match, in one pass over the headers.

    The first of each, as Starlette's ``Headers.get`` and granian's RSGI headers read
    them, so that every way in sees the same request (answers.py keys on these).
    """
    language = encoding = if_none_match = None
    for name, value in scope["headers"]:
        if name == b"accept-language" and language is None:
            language = value.decode("latin-1")
        elif name == b"accept-encoding" and encoding is None:
            encoding = value.decode("latin-1")
        elif name == b"if-none-match" and if_none_match is None:
            if_none_match = value.decode("latin-1")
    return language, encoding, if_none_match


@dataclass(frozen=True)
class Prepared:
    """A page answer ready to send: its status, headers (with and without the body's) and body.

    The ASGI messages are built once too (``messages``): servers read them and do not
    change them, so a repeated request sends the same dicts.
    """

    status: int
    headers: list[tuple[bytes, bytes]]
    not_modified_headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes

    @functools.cached_property
    def messages(self) -> tuple[dict, dict, dict, dict]:
        """Start and body messages: the answer, the same for HEAD, and 304 Not Modified."""
        start = {"type": "http.response.start", "status": self.status, "headers": self.headers}
        not_modified = {
            "type": "http.response.start",
            "status": 304,
            "headers": self.not_modified_headers,
        }
        return start, {"type": "http.response.body", "body": self.body}, not_modified, EMPTY

    def unchanged(self, if_none_match: str | None) -> bool:
        """Whether the answer is 304: a 200 whose exact bytes the browser already has."""
        return bool(if_none_match) and self.status == 200 and etag_matches(if_none_match, self.etag)

    @functools.cached_property
    def text_headers(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The headers as granian's RSGI takes them (text): the answer's, and the 304's."""
        return _text(self.headers), _text(self.not_modified_headers)


def _text(headers: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers]


EMPTY = {"type": "http.response.body", "body": b""}


def prepare(
    site, security: SecurityHeaders, answer: Answer, accept_encoding: str | None, https: bool
) -> Prepared:
    if answer.location is not None:
        return _redirect(security, answer, https)
    chosen = site.encoded(answer.key).choose(accept_encoding)
    common = [
        VARY_BOTH if answer.vary_language else VARY_ENCODING,
        (b"etag", chosen.etag),
        *security.page[https],
    ]
    if answer.noindex:
        common.append(NOINDEX)
    headers = [*common, HTML, (b"content-length", str(len(chosen.body)).encode())]
    if chosen.encoding:
        headers.append((b"content-encoding", chosen.encoding))
    return Prepared(answer.status, headers, common, chosen.body, chosen.etag)


def ready(site, answer: Answer, accept_encoding: str | None) -> bool:
    """Whether ``prepare`` is a few dict lookups (False: it renders or compresses first)."""
    if answer.location is not None:
        return True
    page = site.encoded_ready(answer.key)
    return page is not None and page.ready(accept_encoding)


def _redirect(security: SecurityHeaders, answer: Answer, https: bool) -> Prepared:
    headers = [
        (b"location", answer.location.encode("ascii")),
        (b"cache-control", b"no-store"),
        (b"content-length", b"0"),
        VARY_BOTH if answer.vary_language else VARY_ENCODING,
    ]
    if answer.noindex:
        headers.append(NOINDEX)
    headers = security.apply(headers, https)
    return Prepared(answer.status, headers, headers, b"", b"")


async def send_prepared(
    scope: Scope, send: Send, prepared: Prepared, if_none_match: str | None
) -> None:
    """The page, or 304 when the browser already has these exact bytes (200s only)."""
    start, body, not_modified, empty = prepared.messages
    if prepared.unchanged(if_none_match):
        await send(not_modified)
        await send(empty)
        return
    await send(start)
    await send(empty if scope["method"] == "HEAD" else body)


class PageResponse(Response):
    """A visitor page as a Starlette response (for the routes behind the fast path)."""

    def __init__(self, site, security: SecurityHeaders, answer: Answer):
        self.site, self.security, self.answer = site, security, answer
        self.status_code = answer.status
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        _language, encoding, if_none_match = request_headers(scope)
        https = scope.get("scheme") == "https"
        prepared = prepare(self.site, self.security, self.answer, encoding, https)
        await send_prepared(scope, send, prepared, if_none_match)
