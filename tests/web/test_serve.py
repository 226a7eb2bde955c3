"""The real server, as `helpsite serve` runs it: visits leave no trace in its output.

granian is the default; uvicorn (uvloop + httptools) is the fallback and is checked too.
Malformed request lines and header floods are answered without the server quoting them.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from helpsite.web.app import create_app
from qr.codes import new_code
from tests.serving import free_port, wait_until_up

SERVERS = ["granian", "uvicorn"]


@pytest.fixture(params=SERVERS)
def served(request, tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    helpsite = Path(sys.executable).parent / "helpsite"
    command = [str(helpsite), "serve", "--port", str(port), "--server", request.param]
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HELPSITE_LOG_LEVEL": "debug"},
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process, log, seconds=30)
        yield base, log
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


def after_start(base: str, log: Path) -> str:
    """The log without its start-up lines (which name the listening address)."""
    time.sleep(0.3)
    output = log.read_text()
    assert f"serving on {base}" in output
    return (
        output.replace(f"Uvicorn running on {base}", "")
        .replace(f"serving on {base}", "")
        .replace(f"Listening at: {base}", "")
    )


def raw_exchange(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except (ConnectionResetError, TimeoutError):
            pass
        return b"".join(chunks)


def test_the_server_logs_no_path_no_address_no_user_agent(served):
    base, log = served
    code = new_code("GB").compact
    for path in (f"/{code}", "/en/gb?from=poster", "/does-not-exist"):
        request = urllib.request.Request(base + path, headers={"User-Agent": "SECRET-UA/1.0"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                assert "Set-Cookie" not in response.headers
        except urllib.error.HTTPError as error:
            assert error.code == 404
    output = after_start(base, log)
    for trace in (code, "/en/gb", "from=poster", "does-not-exist", "SECRET-UA", "127.0.0.1:"):
        assert trace not in output, trace
    assert '" 200' not in output and "GET " not in output


def test_an_upgrade_request_is_answered_and_logs_nothing(served):
    base, log = served
    request = (
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    for _ in range(3):
        assert raw_exchange(base, request).startswith(b"HTTP/1.1 200")
    assert "websocket" not in after_start(base, log).lower()


def test_malformed_requests_are_refused_without_being_quoted(served):
    base, log = served
    secret = "GB7K2Q9XMDSECRET"
    malformed = [
        f"GET /{secret} HTTP/1.1 EXTRA\r\nHost: x\r\n\r\n".encode(),
        f"G\x00T /{secret} HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
        f"GET /{secret}\r\n\r\n".encode(),
        f"GET /{secret} HTTP/1.1\r\nHost: x\r\nBad Header {secret}\r\n\r\n".encode(),
        # A header flood: far more header bytes than any browser sends.
        f"GET /{secret} HTTP/1.1\r\nHost: x\r\n".encode()
        + b"".join(f"X-{i}: {secret}{'a' * 200}\r\n".encode() for i in range(2000))
        + b"\r\n",
    ]
    for request in malformed:
        answer = raw_exchange(base, request)
        assert answer == b"" or answer.startswith(b"HTTP/1.1 4"), answer[:80]
        assert secret.encode() not in answer
    # The server still serves afterwards.
    assert urllib.request.urlopen(base + "/healthz", timeout=10).read() == b"ok"
    output = after_start(base, log)
    assert secret not in output and "127.0.0.1:" not in output, output


def test_two_workers_serve_the_same_pages(tmp_path):
    port = free_port()
    helpsite = Path(sys.executable).parent / "helpsite"
    log = tmp_path / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(helpsite), "serve", "--port", str(port), "--workers", "2"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, process, log)
            etags = set()
            for _ in range(20):
                with urllib.request.urlopen(base + "/en/gb", timeout=10) as response:
                    etags.add(response.headers["ETag"])
                    assert response.headers["Content-Security-Policy"]
            assert len(etags) == 1
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=20)


def test_https_from_the_trusted_proxy_gets_hsts_and_its_client_is_not_logged(served):
    # HELPSITE_FORWARDED_ALLOW_IPS defaults to 127.0.0.1: the proxy in front on loopback.
    base, log = served
    client = "203.0.113.77"
    request = urllib.request.Request(
        base + "/en/gb", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": client}
    )
    for _ in range(2):  # the first answer is prepared by the app, the second kept
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        with urllib.request.urlopen(base + "/en/gb", timeout=10) as response:
            assert response.headers["Strict-Transport-Security"] is None  # plain HTTP
    assert client not in after_start(base, log)


SERVER_OWN = {"date", "server"}  # what the server adds itself


def exchange(base: str, method: str, path: str, headers: dict[str, str]):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        sent = [(k.lower(), v) for k, v in response.getheaders()]
        own = sorted((k, v) for k, v in sent if k not in SERVER_OWN)
        return response.status, own, response.read()
    finally:
        connection.close()


def test_every_answer_is_the_apps_own_the_first_time_and_after(served):
    """Over the real server (granian's RSGI front, uvicorn's ASGI), byte for byte."""
    base, _log = served
    code = new_code("GB").compact
    app = create_app()
    requests = [
        ("HEAD", "/de/gb", {}),  # a HEAD first: answered by the app, then kept
        ("GET", "/de/gb", {}),
        ("GET", "/en/gb", {}),
        ("GET", "/en/gb", {"Accept-Encoding": "gzip, br"}),
        ("HEAD", "/en/gb", {"Accept-Encoding": "gzip, br"}),
        ("GET", "/", {"Accept-Language": "uk,ru;q=0.8"}),
        ("GET", f"/{code}", {"Accept-Language": "ro"}),
        ("GET", "/exit", {}),
        ("GET", "/%65n/gb", {}),  # percent-encoded: the same page
        ("GET", "/nowhere", {}),
    ]
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for method, path, headers in requests:
            with client.stream(
                method,
                path,
                headers={"Accept-Encoding": "identity", **headers},
                follow_redirects=False,
            ) as expected:
                raw = b"".join(expected.iter_raw())  # as sent, not decompressed
            want = sorted((k, v) for k, v in expected.headers.items() if k not in SERVER_OWN)
            for _ in range(2):
                status, sent, body = exchange(
                    base, method, path, {"Accept-Encoding": "identity", **headers}
                )
                assert (status, sent) == (expected.status_code, want), (method, path)
                assert body == raw, (method, path)
            if expected.status_code == 200 and "etag" in expected.headers:
                conditional = {"If-None-Match": expected.headers["etag"], **headers}
                status, _sent, body = exchange(base, method, path, conditional)
                assert (status, body) == (304, b""), (method, path)
