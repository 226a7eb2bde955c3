"""Security and privacy headers on every response; any Set-Cookie is dropped.

Dropping Set-Cookie is defence in depth: nothing in helpsite sets one, and the
tests prove it, but a future dependency must not be able to start tracking.

The headers are fixed at start-up, so they are built once as raw ASGI header tuples
(``SecurityHeaders``); the visitor pages' fast path sends the same tuples.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Header = tuple[bytes, bytes]

PERMISSIONS = b"camera=(), microphone=(), geolocation=(), interest-cohort=()"


class SecurityHeaders:
    """The header tuples every response carries, for plain HTTP and for HTTPS."""

    def __init__(self, content_security_policy: str, hsts_max_age: int = 0):
        self.csp: Header = (b"content-security-policy", content_security_policy.encode())
        self.common: list[Header] = [
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]
        hsts = f"max-age={hsts_max_age}; includeSubDomains".encode() if hsts_max_age > 0 else None
        self.hsts: list[Header] = [(b"strict-transport-security", hsts)] if hsts else []
        self.no_store: Header = (b"cache-control", b"no-store")
        # What a visitor page sends (HTML, never cached), by whether the request is HTTPS.
        self.permissions: Header = (b"permissions-policy", PERMISSIONS)
        self.page = {
            False: [self.csp, self.permissions, *self.common, self.no_store],
            True: [self.csp, self.permissions, *self.common, self.no_store, *self.hsts],
        }
        self.names = frozenset(name for name, _ in [*self.common, *self.hsts, (b"set-cookie", b"")])

    def apply(self, headers: list[Header], https: bool) -> list[Header]:
        """``headers`` without Set-Cookie, with ours added.

        A response's own CSP (the kiosk inlines other CSS/JS) and Permissions-Policy (only
        the staff inspection page allows the camera) are kept, as strict as ours.
        """
        kept: list[Header] = []
        has_csp = has_permissions = html = False
        for name, value in headers:
            lower = name.lower()
            if lower in self.names:
                continue
            if lower == b"content-security-policy":
                has_csp = True
            elif lower == b"permissions-policy":
                has_permissions = True
            elif lower == b"content-type" and value.startswith(b"text/html"):
                html = True
            elif lower == b"cache-control":
                continue  # re-added below unless the page is HTML (always no-store)
            kept.append((name, value))
        if not html:
            kept += [(n, v) for n, v in headers if n.lower() == b"cache-control"][:1]
        else:
            kept.append(self.no_store)
        if not has_csp:
            kept.append(self.csp)
        if not has_permissions:
            kept.append(self.permissions)
        kept += self.common
        if https:
            kept += self.hsts
        return kept


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, content_security_policy: str, hsts_max_age: int = 0):
        self.app = app
        self.headers = SecurityHeaders(content_security_policy, hsts_max_age)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        apply = self.headers.apply

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = apply(list(message.get("headers", ())), https)
            await send(message)

        await self.app(scope, receive, send_with_headers)
