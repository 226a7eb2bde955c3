"""X-Forwarded-Proto/-For are believed only from HELPSITE_FORWARDED_ALLOW_IPS (HSTS follows)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from helpsite.web.middleware.forwarded import ForwardedHeadersMiddleware

VIA_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


def hsts(app, trusted: str, peer: tuple[str, int], headers: dict[str, str]) -> str | None:
    """The Strict-Transport-Security a plain-HTTP request from ``peer`` is answered with."""
    served = ForwardedHeadersMiddleware(app, trusted=trusted)
    with TestClient(served, base_url="http://testserver", client=peer) as client:
        response = client.get("/en/gb", headers=headers)
    assert response.status_code == 200
    return response.headers.get("strict-transport-security")


@pytest.mark.parametrize(
    "trusted, peer",
    [
        ("127.0.0.1", ("127.0.0.1", 4000)),
        ("10.0.0.1, 127.0.0.1", ("127.0.0.1", 4000)),
        ("0:0:0:0:0:0:0:1", ("::1", 4000)),  # the same address, spelled out
        ("10.0.0.0/8", ("10.1.2.3", 4000)),
        ("*", ("198.51.100.4", 4000)),
        ("proxy.internal", ("proxy.internal", 0)),
    ],
)
def test_a_trusted_proxy_saying_https_gets_hsts(app, trusted, peer):
    assert hsts(app, trusted, peer, VIA_PROXY).startswith("max-age=")


@pytest.mark.parametrize(
    "trusted, peer",
    [
        ("127.0.0.1", ("127.0.0.2", 4000)),
        ("10.0.0.0/8", ("11.0.0.1", 4000)),
        ("10.0.0.0/8", ("not-an-address", 4000)),
        ("", ("127.0.0.1", 4000)),
    ],
)
def test_anyone_else_cannot_claim_https(app, trusted, peer):
    assert hsts(app, trusted, peer, VIA_PROXY) is None


def test_the_scheme_is_believed_only_with_a_forwarded_client(app):
    # As granian's and uvicorn's own wrappers: X-Forwarded-Proto alone changes nothing.
    only_proto = {"X-Forwarded-Proto": "https"}
    assert hsts(app, "127.0.0.1", ("127.0.0.1", 4000), only_proto) is None
    bogus = {"X-Forwarded-Proto": "gopher", "X-Forwarded-For": "203.0.113.9"}
    assert hsts(app, "127.0.0.1", ("127.0.0.1", 4000), bogus) is None
