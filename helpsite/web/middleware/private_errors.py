"""Turn any unhandled exception into a calm 500 page, logged without the request.

Starlette's own error middleware would log a traceback, and a traceback can
carry the path (which holds the poster's location code). Here only the route's
name and the exception's type are logged.
"""

from __future__ import annotations

import logging

from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("helpsite.errors")


class PrivateErrorsMiddleware:
    def __init__(self, app: ASGIApp, *, error_page: str):
        self.app = app
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the one place every error is caught
            endpoint = scope.get("endpoint")
            route = getattr(endpoint, "__name__", "unrouted")
            logger.error("error in route %s: %s", route, type(exc).__name__)
            if not started:
                response = HTMLResponse(self.error_page, status_code=500)
                await response(scope, receive, send)
