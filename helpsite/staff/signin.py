"""HTTP Basic sign-in for every staff page: pure ASGI, and never a cookie.

Why Basic: the browser keeps the password for the session and sends it with each
request, so the site stores nothing in the browser. Why only over HTTPS: the password
travels with every request (plain HTTP is allowed from loopback, for development; the
scheme comes from the ASGI scope, which uvicorn sets to https behind a trusted proxy).

Each worker remembers a successful check for at most ``CACHE_SECONDS``, keyed by a
keyed hash of the credentials (never the password itself), so argon2 does not run on
every request; a password change or ``helpsite users disable`` therefore takes up to
that long to reach a worker that checked the old password a moment before.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import secrets
import time
from datetime import UTC, datetime

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from helpsite.registry.accounts import Account, SignIn, authenticate
from helpsite.staff.store import StaffStore

REALM = 'Basic realm="helpsite staff", charset="UTF-8"'
CACHE_SECONDS = 60.0
CACHE_ENTRIES = 1024
MAX_HEADER = 4096


def is_loopback(scope: Scope) -> bool:
    """The client is this machine (development), by the address uvicorn reports."""
    client = scope.get("client")
    if not client:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


def credentials(header: str | None) -> tuple[str, str] | None:
    """Name and password from ``Authorization: Basic ...`` (UTF-8), or None."""
    if header is None or len(header) > MAX_HEADER:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    name, colon, password = decoded.partition(":")
    if not colon:
        return None
    return name, password


class RecentSignIns:
    """Successful checks of the last minute in this worker, by keyed hash of the header."""

    def __init__(self, seconds: float = CACHE_SECONDS, entries: int = CACHE_ENTRIES):
        self.seconds, self.entries = seconds, entries
        self._salt = secrets.token_bytes(32)  # per process: the hashes mean nothing elsewhere
        self._seen: dict[bytes, tuple[float, Account]] = {}

    def key(self, header: str) -> bytes:
        return hmac.new(self._salt, header.encode("utf-8"), hashlib.sha256).digest()

    def get(self, key: bytes, now: float) -> Account | None:
        found = self._seen.get(key)
        if found is None:
            return None
        if now - found[0] > self.seconds:
            del self._seen[key]
            return None
        return found[1]

    def put(self, key: bytes, account: Account, now: float) -> None:
        if len(self._seen) >= self.entries:
            for old in [k for k, (at, _a) in self._seen.items() if now - at > self.seconds]:
                del self._seen[old]
            if len(self._seen) >= self.entries:
                self._seen.pop(next(iter(self._seen)))
        self._seen[key] = (now, account)


def _refusal(text: str, status: int, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(text, status_code=status, headers=headers)


class BasicSignInMiddleware:
    """Every staff request is signed in, or answered 401/403/429 before any page runs."""

    def __init__(self, app: ASGIApp, *, store: StaffStore):
        self.app = app
        self.store = store
        self.recent = RecentSignIns()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("scheme") != "https" and not is_loopback(scope):
            response = _refusal("Staff pages work only over HTTPS.", 403)
            await response(scope, receive, send)
            return
        header = Headers(scope=scope).get("authorization")
        found = credentials(header)
        account = None
        if found is not None:
            key = self.recent.key(header)
            account = self.recent.get(key, time.monotonic())
            if account is None:
                name, password = found
                result: SignIn = await self.store.write(
                    authenticate, name, password, datetime.now(UTC)
                )
                if result.retry_after and not result.ok:
                    response = _refusal(
                        "Too many failed sign-ins: wait, then try again.",
                        429,
                        **{"Retry-After": str(result.retry_after)},
                    )
                    await response(scope, receive, send)
                    return
                account = result.account
                if account is not None:
                    self.recent.put(key, account, time.monotonic())
        if account is None:
            response = _refusal(
                "Sign in with your staff account.", 401, **{"WWW-Authenticate": REALM}
            )
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["account"] = account
        await self.app(scope, receive, send)
