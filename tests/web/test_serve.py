"""The real server, as `helpsite serve` runs it: visits leave no trace in its output."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from qr.codes import new_code


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    helpsite = Path(sys.executable).parent / "helpsite"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(helpsite), "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HELPSITE_LOG_LEVEL": "debug"},
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            process.kill()
            pytest.fail("server did not start: " + log.read_text())
        yield base, log
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


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
    time.sleep(0.3)
    output = log.read_text()
    assert "Uvicorn running" in output or "Application startup complete" in output
    # The start-up lines name the listening address; nothing else may name an address.
    requests_part = output.replace(f"Uvicorn running on {base}", "").replace(
        f"serving on {base}", ""
    )
    for trace in (code, "/en/gb", "from=poster", "does-not-exist", "SECRET-UA", "127.0.0.1:"):
        assert trace not in requests_part, trace
    assert '" 200' not in output and "GET " not in output


def test_an_upgrade_request_is_answered_and_logs_nothing(served):
    base, log = served
    host, port = base.removeprefix("http://").split(":")
    request = (
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    for _ in range(3):
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(request)
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    time.sleep(0.3)
    lines = log.read_text().splitlines()
    after_start = lines[next(i for i, line in enumerate(lines) if "Uvicorn running" in line) :]
    assert after_start[1:] == [], after_start
