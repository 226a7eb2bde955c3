"""Running a real server in a test: a free loopback port, and waiting until it answers.

The serve, installed-wheel and nginx tests (and the bench) each start a process on
loopback; one helper each, so a start-up failure always reports the server's own output.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    """Poll ``base``/healthz until it answers; fail with the server's log if it never does."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("server did not start: " + log.read_text())
            time.sleep(0.2)
