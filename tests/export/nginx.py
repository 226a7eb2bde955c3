"""Debian's nginx on loopback from a temp dir with its own config (never the system's).

Used by the export test (serving a static mirror) and by `make bench` (nginx beside
helpsite, the same bytes). The access log is off; the error log stays in the temp dir.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.serving import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """
daemon off;
{user}
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server_tokens off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; text/plain txt; application/json json; }}
    default_type application/octet-stream;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
{server}
    }}
}}
"""


def available() -> bool:
    return Path(NGINX).exists()


@contextlib.contextmanager
def nginx(root: Path, server: str, *, workers: int = 1, probe: str = "/") -> Iterator[str]:
    """Serve ``root`` with ``server`` directives added to the server block; yields the base URL."""
    with tempfile.TemporaryDirectory(prefix="helpsite-nginx-") as tmp:
        port = free_port()
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(
            CONFIG.format(
                # As root, nginx's workers would run as nobody, who cannot read a private
                # temp dir: they keep this user (loopback only, for the life of a test).
                user="user root;" if os.geteuid() == 0 else "",
                workers=workers,
                tmp=tmp,
                port=port,
                root=root,
                server=server,
            ),
            "utf-8",
        )
        process = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", tmp, "-e", f"{tmp}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + probe, timeout=1).read()
                    break
                except urllib.error.HTTPError:
                    break  # it answers
                except OSError:
                    if process.poll() is not None:
                        raise RuntimeError(process.stderr.read().decode()) from None
                    time.sleep(0.05)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
            process.stderr.close()
