"""What every staff form shares: the signed token, the signed-in account, the refusal page.

Every state-changing staff route is wrapped in ``state_changing``: it reads the form once
and answers 403 when the token is missing, forged, for another account or expired, before
the handler runs. (The site's same-origin check has already refused cross-site posts.)
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from functools import wraps

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from helpsite.registry.accounts import Account
from helpsite.staff.tokens import FIELD, make_token, token_ok

MAX_FIELDS = 60

Handler = Callable[[Request], Awaitable[Response]]


def account_of(request: Request) -> Account:
    """The signed-in account (the sign-in middleware put it in the scope)."""
    return request.scope["state"]["account"]


async def form_token(request: Request) -> str:
    """A fresh token for the forms on this page."""
    key = await request.app.state.store.form_key()
    return make_token(key, account_of(request).id, time.time())


def form_of(request: Request) -> FormData:
    """The form that ``state_changing`` has read and checked."""
    return request.state.checked_form


def state_changing(handler: Handler) -> Handler:
    """Run ``handler`` only for a form carrying a valid token for the signed-in account."""

    @wraps(handler)
    async def checked(request: Request) -> Response:
        data = await request.form(max_files=0, max_fields=MAX_FIELDS)
        key = await request.app.state.store.form_key()
        if not token_ok(key, data.get(FIELD), account_of(request).id, time.time()):
            return PlainTextResponse(
                "This form has expired or did not come from this site:"
                " go back, reload the page and send it again.",
                status_code=403,
            )
        request.state.checked_form = data
        return await handler(request)

    return checked
