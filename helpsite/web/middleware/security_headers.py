"""Security and privacy headers on every response; any Set-Cookie is dropped.

Dropping Set-Cookie is defence in depth: nothing in helpsite sets one, and the
tests prove it, but a future dependency must not be able to start tracking.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, content_security_policy: str, hsts_max_age: int = 0):
        self.app = app
        self.csp = content_security_policy
        self.hsts = f"max-age={hsts_max_age}; includeSubDomains" if hsts_max_age > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                del headers["set-cookie"]
                # A page that inlines other CSS/JS (the kiosk) sends its own hashes, as strict.
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = self.csp
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                # Only the staff inspection page allows the camera (its own header).
                if "permissions-policy" not in headers:
                    headers["Permissions-Policy"] = (
                        "camera=(), microphone=(), geolocation=(), interest-cohort=()"
                    )
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                headers["Cross-Origin-Resource-Policy"] = "same-origin"
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Cache-Control"] = "no-store"
                if https and self.hsts:
                    headers["Strict-Transport-Security"] = self.hsts
            await send(message)

        await self.app(scope, receive, send_with_headers)
