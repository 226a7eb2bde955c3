"""Signed form tokens: a state-changing staff request must carry one from our own page.

Staff sign in with HTTP Basic, which a browser resends to any request for our site, a
forged cross-site form included; the same-origin check refuses what browsers label as
cross-site, and this token refuses the rest. It is an HMAC of the account and the time
it was issued: bound to the account, expiring, and needing no storage (no cookie).
"""

from __future__ import annotations

import hashlib
import hmac

TOKEN_SECONDS = 8 * 3600  # a working day: a form left open over lunch still submits
FIELD = "token"


def _signature(key: bytes, account_id: int, issued: int) -> str:
    message = f"staff-form:{account_id}:{issued}".encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def make_token(key: bytes, account_id: int, now: float) -> str:
    """A token for this account's forms, issued now."""
    issued = int(now)
    return f"{issued}.{_signature(key, account_id, issued)}"


def token_ok(key: bytes, token: object, account_id: int, now: float) -> bool:
    """True when ``token`` was made with ``key`` for this account and has not expired."""
    if not isinstance(token, str) or len(token) > 100:
        return False
    issued_text, _, signature = token.partition(".")
    if not issued_text.isascii() or not issued_text.isdigit():
        return False
    issued = int(issued_text)
    if not issued <= now + 60 or now - issued > TOKEN_SECONDS:  # a minute of clock skew
        return False
    return hmac.compare_digest(signature, _signature(key, account_id, issued))
