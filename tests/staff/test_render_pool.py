"""Visitors never wait behind a poster: bounded renders, in processes, cancelled when the
client leaves, and a crashed renderer never takes the help pages down."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote, urlencode, urlsplit

import httpx2 as httpx

from tests.conftest import basic_auth
from tests.staff.server import (
    alive,
    heavy_form,
    light_form,
    render_processes,
    serve,
    wait_for_child,
)

ONE_RENDER = {"HELPSITE_POSTER_RENDERS": "1"}


def _post_in_background(base: str, form: dict) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def post() -> None:
        try:
            result["response"] = httpx.post(base + "/staff/posters", data=form, timeout=300)
        except httpx.HTTPError as exc:
            result["error"] = exc

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    return thread, result


def test_a_full_pool_answers_503_at_once_and_the_help_page_still_answers(tmp_path):
    with serve(tmp_path / "server.log", **ONE_RENDER) as (base, server):
        first, result = _post_in_background(base, heavy_form())
        wait_for_child(server.pid)
        second = httpx.post(base + "/staff/posters", data=light_form(), timeout=30)
        help_page = httpx.get(base + "/en/gb", timeout=30)
        assert first.is_alive(), "the first render should still be running"
        assert second.status_code == 503
        assert int(second.headers["retry-after"]) > 0
        assert "try again" in second.text
        assert help_page.status_code == 200
        first.join(timeout=300)
        assert result["response"].status_code == 200
        assert result["response"].headers["content-type"] == "application/pdf"


def test_concurrent_heavy_renders_leave_the_help_pages_and_the_server_alive(tmp_path):
    with serve(tmp_path / "server.log", HELPSITE_POSTER_RENDERS="2") as (base, server):
        with ThreadPoolExecutor(6) as pool:
            posts = [
                pool.submit(httpx.post, base + "/staff/posters", data=heavy_form(8), timeout=300)
                for _ in range(6)
            ]
            time.sleep(0.5)
            during = [httpx.get(base + "/en/gb", timeout=30).status_code for _ in range(5)]
            statuses = sorted(post.result().status_code for post in posts)
        assert during == [200] * 5
        assert server.poll() is None, "the server process died"
        assert httpx.get(base + "/en/gb", timeout=30).status_code == 200
        assert set(statuses) <= {200, 503}, statuses
        assert statuses.count(200) >= 2, statuses


def test_a_crashed_renderer_is_a_clear_answer_and_is_replaced(tmp_path):
    with serve(tmp_path / "server.log", **ONE_RENDER) as (base, server):
        thread, result = _post_in_background(base, heavy_form())
        renderer = wait_for_child(server.pid)
        time.sleep(0.5)
        os.kill(renderer, signal.SIGSEGV)  # what a pdfium crash looks like from outside
        thread.join(timeout=60)
        crashed = result["response"]
        assert crashed.status_code == 503
        assert "could not be made" in crashed.text
        assert "retry-after" in crashed.headers
        assert server.poll() is None
        assert httpx.get(base + "/en/gb", timeout=30).status_code == 200
        again = httpx.post(base + "/staff/posters", data=light_form(), timeout=120)
        assert again.status_code == 200, again.text[:300]


def test_a_client_that_leaves_mid_render_frees_its_slot(tmp_path):
    with serve(tmp_path / "server.log", **ONE_RENDER) as (base, server):
        address = urlsplit(base)
        body = urlencode(heavy_form()).encode()
        with socket.create_connection((address.hostname, address.port)) as sock:
            host = f"{address.hostname}:{address.port}".encode()
            auth = basic_auth(address.username, unquote(address.password))["Authorization"]
            sock.sendall(
                b"POST /staff/posters HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (host, auth.encode(), len(body), body)
            )
            renderer = wait_for_child(server.pid)
            time.sleep(0.3)
        # The client has gone: its render process is killed and the slot is free.
        deadline = time.monotonic() + 5
        while alive(renderer) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(renderer), "the abandoned render kept running"
        response = httpx.post(base + "/staff/posters", data=light_form(), timeout=120)
        assert response.status_code == 200, response.text[:300]
        assert response.headers["content-type"] == "application/pdf"
        assert renderer not in render_processes(server.pid)
