"""Page sizes and speed of the visitor site (`make bench`).

1. Bytes raw and gzip for every visitor page in every language, against the
   14,000-byte gzip budget (the first round trip of a new connection).
2. Requests per second for the help page, served by helpsite and by a bare
   Starlette app returning the same bytes, side by side, with wrk if present.

Load goes only to 127.0.0.1, is bounded in time, and stops by itself.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpsite.web.app import create_app  # noqa: E402
from tests.conftest import visitor_urls  # noqa: E402

BUDGET = 14_000
OUT = ROOT / "bench" / "out"
DURATION = int(os.environ.get("BENCH_SECONDS", "5"))


def page_sizes() -> str:
    app = create_app()
    rows, worst = [], (0, "")
    with TestClient(app) as client:
        for url in visitor_urls(app.state.site):
            body = client.get(url).content
            packed = len(gzip.compress(body, compresslevel=6))
            rows.append((url, len(body), packed))
            worst = max(worst, (packed, url))
    by_kind: dict[str, list[int]] = {}
    for url, _raw, packed in rows:
        kind = re.sub(r"^/[^/]+/", "/<lang>/", url)
        kind = re.sub(r"/<lang>/[a-z]{2}$", "/<lang>/<cc>", kind)
        by_kind.setdefault(kind, []).append(packed)
    lines = [f"{len(rows)} visitor pages; gzip budget {BUDGET} bytes", ""]
    lines.append(f"{'page':<22} {'pages':>5} {'gzip min':>9} {'gzip max':>9}")
    for kind, sizes in sorted(by_kind.items()):
        lines.append(f"{kind:<22} {len(sizes):>5} {min(sizes):>9} {max(sizes):>9}")
    lines.append("")
    lines.append(
        f"largest: {worst[1]} {worst[0]} bytes gzip ({100 * worst[0] / BUDGET:.0f}% of budget)"
    )
    sample = [r for r in rows if r[0] in ("/en/gb", "/ar/gb", "/en/safety", "/")]
    for url, raw, packed in sample:
        lines.append(f"  {url:<14} raw {raw:>6}  gzip {packed:>6}")
    over = [r for r in rows if r[2] > BUDGET]
    lines.append(f"over budget: {len(over)}")
    table = OUT / "page-sizes.tsv"
    table.parent.mkdir(exist_ok=True)
    table.write_text(
        "url\traw bytes\tgzip bytes\n" + "".join(f"{u}\t{r}\t{g}\n" for u, r, g in rows), "utf-8"
    )
    lines.append(f"every page: {table.relative_to(ROOT)}")
    return "\n".join(lines)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(target: str, env: dict) -> tuple[subprocess.Popen, str]:
    port = _port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            target,
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        env={**os.environ, **env},
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{target} did not start")


def _load(url: str) -> float:
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run(
            [wrk, "-t2", "-c32", f"-d{DURATION}s", url], capture_output=True, text=True, check=True
        ).stdout
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # Fallback without wrk: one keep-alive client, sequential, bounded by time.
    import http.client

    host, port = url.split("//")[1].split("/")[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    conn = http.client.HTTPConnection(host, int(port))
    count, end = 0, time.monotonic() + DURATION
    while time.monotonic() < end:
        conn.request("GET", path)
        conn.getresponse().read()
        count += 1
    return count / DURATION


def throughput() -> str:
    body = TestClient(create_app()).get("/en/gb").content
    with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as handle:
        handle.write(body)
    results = []
    for name, target, env in (
        ("helpsite /en/gb", "helpsite.web.app:app", {}),
        ("bare Starlette, same bytes", "bench.bare_app:app", {"BARE_BODY": handle.name}),
    ):
        process, base = _serve(target, env)
        try:
            rps = _load(base + "/en/gb")
        finally:
            process.terminate()
            process.wait(timeout=10)
        results.append((name, rps))
    os.unlink(handle.name)
    tool = "wrk -t2 -c32" if shutil.which("wrk") else "sequential Python client (no wrk)"
    lines = [f"requests per second, {DURATION} s each, {tool}, one uvicorn worker:"]
    lines += [f"  {name:<28} {rps:>9.0f}" for name, rps in results]
    lines.append(f"  helpsite / bare = {results[0][1] / results[1][1]:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(page_sizes())
    print()
    print(throughput())
