"""A real `helpsite serve` on loopback, and the render processes it starts."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from helpsite.staff.tokens import make_token
from tests.conftest import STAFF_PASSWORD, add_staff_accounts
from tests.serving import free_port

SECRET_KEY = "render-pool-test-key"


def form_token() -> str:
    """The token the staff form would carry for the first account (the manager)."""
    return make_token(SECRET_KEY.encode(), 1, time.time())


@contextlib.contextmanager
def serve(log: Path, **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """The server's base URL (with the manager's name and password in it, which httpx
    sends as HTTP Basic) and process; it is stopped (and checked) on the way out."""
    port = free_port()
    database = f"sqlite:///{log.parent / 'registry.db'}"
    add_staff_accounts(database, {"GB", "IE", "US"})
    env = {"HELPSITE_DATABASE_URL": database, "HELPSITE_SECRET_KEY": SECRET_KEY, **env}
    helpsite = Path(sys.executable).parent / "helpsite"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(helpsite), "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HELPSITE_BASE_URL": f"http://127.0.0.1:{port}", **env},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1).read()
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError("server did not start: " + log.read_text()) from None
                    time.sleep(0.2)
            yield f"http://manager:{quote(STAFF_PASSWORD)}@127.0.0.1:{port}", process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the render processes of a one-worker server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def render_processes(pid: int) -> list[int]:
    """The server's render processes (not, say, a short-lived fc-list); granian runs its
    worker as a child of the server process, so grandchildren count too."""
    found = []
    for child in [*children(pid), *(g for c in children(pid) for g in children(c))]:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"helpsite.staff.render_worker" in command:
            found.append(child)
    return found


def wait_for_child(pid: int, timeout: float = 20) -> int:
    """The first render process of server ``pid``, once it has started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = render_processes(pid)
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError("no render process started")


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def heavy_form(placements: int = 20, fmt: str = "a3") -> dict[str, str]:
    """The heaviest poster request the form allows: many big posters in three scripts."""
    return {
        "country": "GB",
        "languages": "en,ar,ro",
        "format": fmt,
        "venue": "Central Station",
        "placements": "\n".join(f"Cubicle {n + 1}" for n in range(placements)),
        "action": "pdf",
        "token": form_token(),
    }


def light_form() -> dict[str, str]:
    """One small poster: the request a venue manager makes most."""
    return {
        "country": "GB",
        "languages": "en",
        "format": "a6",
        "action": "pdf",
        "token": form_token(),
    }
