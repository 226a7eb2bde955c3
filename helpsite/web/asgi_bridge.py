"""An RSGI request (granian's own interface) run by an ASGI app.

helpsite is served through RSGI (rsgi.py) so that a visitor page already prepared is
sent in one call; every other request (the staff app, the kiosk, forms, a page's first
request) goes to the ASGI app through ``run_asgi``: granian's scope and protocol shown as
an ASGI 3 scope, ``receive`` and ``send``.

What RSGI shows differs from ASGI's view in two ways, the same for every layer behind:
the path arrives percent-decoded (ASGI's ``path``; ``raw_path`` is encoded again from it),
and a header whose value is not visible ASCII is not shown at all.

Errors are the app's to answer (its error layer sends the calm 500 page). Should one
escape it anyway, the bridge logs only the exception's type, never the request, and
answers 500 if nothing was sent yet.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.types import ASGIApp, Message

if TYPE_CHECKING:
    from granian.rsgi import HTTPProtocol, Scope

logger = logging.getLogger("helpsite.errors")

ASGI = {"version": "3.0", "spec_version": "2.4"}  # 2.4: send raises OSError once closed
PATH_SAFE = "/!$&'()*+,;=:@~"
FAILED = b"Something went wrong. Please try again."


def address(text: str) -> tuple[str, int] | None:
    """``("::1", 8000)`` from RSGI's ``"[::1]:8000"`` (or ``"127.0.0.1:8000"``)."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        return None
    return host.removeprefix("[").removesuffix("]"), int(port)


def asgi_scope(scope: Scope) -> dict:
    """The ASGI HTTP scope for an RSGI scope."""
    query = scope.query_string
    return {
        "type": "http",
        "asgi": ASGI,
        "http_version": scope.http_version,
        "method": scope.method,
        "scheme": scope.scheme,
        "path": scope.path,
        "raw_path": quote(scope.path, safe=PATH_SAFE).encode("ascii"),
        "query_string": query.encode() if query else b"",
        "root_path": "",
        "headers": [(name.encode(), value.encode()) for name, value in scope.headers.items()],
        "client": address(scope.client),
        "server": address(scope.server),
    }


class Exchange:
    """One request's ``receive`` and ``send`` over an RSGI protocol."""

    def __init__(self, protocol: HTTPProtocol):
        self.protocol = protocol
        self.chunks = protocol.__aiter__()
        self.body_done = False
        self.start: Message | None = None
        self.stream = None  # the RSGI stream, once a body comes in parts
        self.sent = False  # a response (or its start) is on its way
        self.gone = False  # the visitor went away while it was

    async def receive(self) -> Message:
        if not self.body_done:
            try:
                chunk = await self.chunks.__anext__()
            except StopAsyncIteration:
                self.body_done = True
                return {"type": "http.request", "body": b"", "more_body": False}
            return {"type": "http.request", "body": chunk, "more_body": True}
        await self.protocol.client_disconnect()
        return {"type": "http.disconnect"}

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.start = message
            return
        if kind != "http.response.body" or self.start is None:
            raise RuntimeError(f"unexpected ASGI message {kind!r}")
        body = message.get("body", b"")
        more = message.get("more_body", False)
        try:
            if self.stream is None:
                status, start_headers = self.start["status"], self.start.get("headers", ())
                headers = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in start_headers]
                self.sent = True
                if not more:
                    self.protocol.response_bytes(status, headers, body)
                    return
                self.stream = self.protocol.response_stream(status, headers)
            if body:
                await self.stream.send_bytes(body)
        except RuntimeError as exc:  # granian's ProtocolClosed: the visitor went away
            self.gone = True
            raise OSError("the client disconnected") from exc


async def run_asgi(app: ASGIApp, scope: Scope, protocol: HTTPProtocol) -> None:
    """Answer an RSGI request with ``app``."""
    exchange = Exchange(protocol)
    try:
        await app(asgi_scope(scope), exchange.receive, exchange.send)
    except Exception as exc:  # noqa: BLE001 - logged by type only: a message may quote the path
        if not exchange.gone:  # a visitor gone mid-answer is no error (the app may re-raise it)
            logger.error("request failed outside the app's error layer: %s", type(exc).__name__)
    if not exchange.sent:
        protocol.response_bytes(500, [("content-type", "text/plain; charset=utf-8")], FAILED)
