"""Request bodies over HELPSITE_MAX_BODY_BYTES are refused before anything parses them."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from helpsite.web.app import create_app
from tests.conftest import basic_auth


def test_a_declared_huge_form_gets_413_not_a_parse(client):
    # 10 MB of "&" used to cost seconds of CPU on the event loop before a 400.
    response = client.post(
        "/staff/posters",
        content=b"&" * 10_000_000,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413
    assert "too large" in response.text


def test_a_body_under_the_limit_is_read_as_before(staff_client):
    response = staff_client.submit("/staff/posters", data={"country": "ZZ", "format": "a4"})
    assert response.status_code == 400
    assert "is not a country with help pages" in response.text


@pytest.fixture(scope="module")
def small_limit_app(settings, staff_accounts):
    return create_app(replace(settings, max_body_bytes=1000))


def _call_chunked(app, chunks: int, chunk: bytes) -> tuple[int, int]:
    """POST a body sent in chunks with no Content-Length; (status, chunks the app read)."""
    read = 0
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal read
        if read < chunks:
            read += 1
            return {"type": "http.request", "body": chunk, "more_body": read < chunks}
        await asyncio.sleep(3600)  # the client never disconnects during this test
        raise AssertionError("unreachable")

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/staff/posters",
        "raw_path": b"/staff/posters",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"transfer-encoding", b"chunked"),
            *[(k.lower().encode(), v.encode()) for k, v in basic_auth("manager").items()],
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    # In a thread of its own: a browser test's Playwright may own this thread's event loop.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result(timeout=60)
    return sent[0]["status"], read


def test_a_chunked_body_is_read_only_until_it_passes_the_limit(small_limit_app):
    status, read = _call_chunked(small_limit_app, chunks=1000, chunk=b"&" * 100)
    assert status == 413
    assert read <= 11  # 1000-byte limit, 100-byte chunks: stopped just past it


def test_a_chunked_body_under_the_limit_is_served(small_limit_app):
    status, _read = _call_chunked(small_limit_app, chunks=3, chunk=b"country=ZZ&")
    assert status == 403  # served: read whole, then refused for want of a form token
