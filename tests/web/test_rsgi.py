"""granian's RSGI front (web/rsgi.py): prepared pages in one call, the same answers as the app.

The front decides nothing: it sends what the ASGI fast path prepared this minute and
hands everything else to the app through the bridge (web/asgi_bridge.py). So the first
request for a page goes through the app, the second is answered by the front alone, and
both must be the answer the app gives (tests/web/test_serve.py does this over a socket).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route

from helpsite.web.asgi_bridge import run_asgi
from helpsite.web.rsgi import RSGIFront
from qr.codes import new_code
from tests.web.rsgi_fakes import Headers, Protocol, Scope

CODE = new_code("GB").compact
WRONG = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")
VIA_PROXY = [("x-forwarded-proto", "https"), ("x-forwarded-for", "203.0.113.9")]


def run_alone(coroutine) -> None:
    """Run ``coroutine`` in a thread of its own (a browser test's Playwright may own this loop)."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, coroutine).result(timeout=60)


class Counting:
    """The ASGI app behind the front, counting the requests that reach it."""

    def __init__(self, app):
        self.app, self.calls = app, 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        await self.app(scope, receive, send)


@pytest.fixture
def front(app):
    app.state.answers.table.clear()  # nothing prepared by earlier tests
    app.state.answers.exits.clear()
    served = RSGIFront(app, trusted="127.0.0.1")
    served.asgi.app = Counting(served.asgi.app)  # behind the X-Forwarded layer
    return served


def ask(front: RSGIFront, path: str, *pairs: tuple[str, str], **scope) -> Protocol:
    protocol = Protocol()
    path, _, query = path.partition("?")
    request = Scope(path, query_string=query, headers=Headers(list(pairs)), **scope)
    run_alone(front.__rsgi__(request, protocol))
    assert protocol.answers == 1
    return protocol


def answer(protocol: Protocol) -> tuple[int, list[tuple[str, str]], bytes]:
    return protocol.status, sorted(protocol.headers), protocol.body


def asgi_get(app, path: str, *pairs: tuple[str, str]) -> tuple[int, list[tuple[str, str]], bytes]:
    """What the app itself answers over ASGI (plain HTTP, exactly these headers)."""
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(name.encode(), value.encode()) for name, value in pairs],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    run_alone(app(scope, receive, send))
    start, body = sent
    headers = [(name.decode(), value.decode()) for name, value in start["headers"]]
    return start["status"], sorted(headers), body.get("body", b"")


REQUESTS = [
    ("/en/gb",),
    ("/en/gb", ("accept-encoding", "gzip, br")),
    ("/en/gb", ("accept-encoding", "gzip")),
    ("/", ("accept-language", "fr-FR,fr;q=0.9")),
    ("/ar/",),
    ("/gb", ("accept-language", "pl")),
    (f"/{CODE}", ("accept-language", "ro")),
    (f"/{WRONG}",),
    ("/en/gb?note=mistyped",),
    ("/en/gb/safety",),
    ("/exit",),
    ("/exit/gb",),
    ("/no-such-page", ("accept-language", "de")),
]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: " ".join(map(str, r)))
def test_the_second_request_is_answered_by_the_front_alone_with_the_apps_answer(
    front, app, request_
):
    path, *pairs = request_
    first = ask(front, path, *pairs)
    assert front.asgi.app.calls == 1  # prepared by the app's fast path
    second = ask(front, path, *pairs)
    assert front.asgi.app.calls == 1, "the prepared answer went to the app again"
    assert answer(second) == answer(first)
    # ... and it is the answer the app gives through ASGI.
    assert answer(second) == asgi_get(app, path, *pairs)


def test_head_and_if_none_match_follow_the_apps_rules(front, app):
    ask(front, "/en/gb")
    page = ask(front, "/en/gb")
    head = ask(front, "/en/gb", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.header("content-length") == str(len(page.body))
    assert sorted(head.headers) == sorted(page.headers)
    etag = page.header("etag")
    again = ask(front, "/en/gb", ("if-none-match", etag))
    assert again.status == 304 and again.body == b""
    assert answer(again) == asgi_get(app, "/en/gb", ("if-none-match", etag))
    assert front.asgi.app.calls == 1


@pytest.mark.parametrize(
    "client, pairs, hsts",
    [
        ("127.0.0.1:50000", VIA_PROXY, True),  # the trusted proxy, over HTTPS
        ("127.0.0.1:50000", VIA_PROXY[:1], False),  # no X-Forwarded-For: not believed
        ("198.51.100.7:50000", VIA_PROXY, False),  # anyone else cannot claim HTTPS
        ("127.0.0.1:50000", [("x-forwarded-proto", "http"), VIA_PROXY[1]], False),
    ],
)
def test_https_is_believed_only_as_the_forwarded_rules_say(front, client, pairs, hsts):
    for _ in range(2):  # through the app, then from the front's table
        page = ask(front, "/en/gb", *pairs, client=client)
        assert (page.header("strict-transport-security") is not None) is hsts
        landing = ask(front, f"/{CODE}", *pairs, client=client)
        assert (landing.header("strict-transport-security") is not None) is hsts
    assert front.asgi.app.calls == 2


def test_an_answer_prepared_last_minute_is_not_sent(front, monkeypatch):
    clock = {"now": 1_800_000_000.0}
    monkeypatch.setattr("helpsite.web.site.time.time", lambda: clock["now"])
    ask(front, "/en/nl")
    ask(front, "/en/nl")
    assert front.asgi.app.calls == 1
    clock["now"] += 60  # "open now" may have changed
    ask(front, "/en/nl")
    assert front.asgi.app.calls == 2


def test_other_methods_and_the_staff_app_always_reach_the_app(front):
    for _ in range(2):
        assert ask(front, "/staff/").status == 401
    posted = Protocol([b"a=1"])
    run_alone(front.__rsgi__(Scope("/en/gb", method="POST"), posted))
    assert posted.status == 405
    assert front.asgi.app.calls == 3


# The bridge alone, with small apps of its own.


def run(app, protocol: Protocol, scope: Scope | None = None) -> Protocol:
    run_alone(run_asgi(app, scope or Scope("/thing", method="POST"), protocol))
    return protocol


def test_a_request_body_reaches_the_app_in_its_chunks(front):
    async def echo(request):
        return PlainTextResponse(b"".join([chunk async for chunk in request.stream()]))

    app = Starlette(routes=[Route("/thing", echo, methods=["POST"])])
    answered = run(app, Protocol([b"first,", b"second"]))
    assert answered.status == 200 and answered.body == b"first,second"
    # The site's body limit sees the request's headers through the bridge too.
    declared = Headers([("content-length", "10000000"), ("content-type", "text/plain")])
    big = Protocol([b"&" * 65536])
    run_alone(front.__rsgi__(Scope("/staff/posters", method="POST", headers=declared), big))
    assert big.status == 413 and b"too large" in big.body


def test_a_streamed_answer_is_sent_in_its_parts():
    async def parts():
        for part in (b"one ", b"two ", b"three"):
            yield part

    app = Starlette(routes=[Route("/thing", lambda r: StreamingResponse(parts()))])
    answered = run(app, Protocol(), Scope("/thing"))
    assert answered.status == 200 and answered.chunks == [b"one ", b"two ", b"three"]


def test_a_visitor_gone_mid_answer_is_not_an_error(caplog):
    async def parts():
        yield b"never sent"

    app = Starlette(routes=[Route("/thing", lambda r: StreamingResponse(parts()))])
    with caplog.at_level(logging.DEBUG):
        answered = run(app, Protocol(closed=True), Scope("/thing"))
    assert answered.status == 200 and answered.chunks == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_error_outside_the_app_gets_500_and_a_log_line_without_the_request(caplog):
    async def broken(scope, receive, send):
        raise ValueError(f"cannot handle {scope['path']}")

    async def silent(scope, receive, send):
        return None

    with caplog.at_level(logging.DEBUG):
        failed = run(broken, Protocol(), Scope("/GB7K2Q9XM5"))
        unanswered = run(silent, Protocol(), Scope("/GB7K2Q9XM5"))
    assert failed.status == unanswered.status == 500
    assert b"went wrong" in failed.body
    logged = caplog.text
    assert "ValueError" in logged and "GB7K2Q9XM5" not in logged


def test_the_apps_lifespan_runs_as_granian_starts_and_stops_a_worker(app):
    events = []

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        events.append("start")
        yield
        events.append("stop")

    small = Starlette(lifespan=lifespan)
    small.state.answers = app.state.answers
    served = RSGIFront(small, trusted="")

    def worker() -> list[list[str]]:
        # As granian's worker thread does: the loop is not running yet when it starts.
        loop = asyncio.new_event_loop()
        try:
            served.__rsgi_init__(loop)
            started = list(events)
            served.__rsgi_del__(loop)
        finally:
            loop.close()
        return [started, list(events)]

    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(worker).result(timeout=60) == [["start"], ["start", "stop"]]
