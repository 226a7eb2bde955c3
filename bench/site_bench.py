"""Page sizes and speed of the visitor site (`make bench`): not a test.

1. Bytes per visitor page, raw / gzip / brotli (the bodies the site precomputes), against
   the 14,000-byte budget (the first round trip of a new connection).
2. Requests per second and p50/p99 latency with ``wrk -t2 -c64`` for the code landing,
   the help page and ``/exit``: helpsite on granian and on uvicorn (uvloop + httptools),
   beside nginx serving the same bytes with the same headers, in the same run, for 1 and
   2 workers. wrk sends no Accept-Encoding, so every server sends the raw bytes.

Load goes only to 127.0.0.1, each run is bounded in time (BENCH_SECONDS, default 5;
BENCH_ROUNDS rounds, default 2: about 2 × 3 × 3 × 2 × 5 s = 3 minutes in all).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpsite.export.nginx_conf import add_header_lines  # noqa: E402
from helpsite.web.app import create_app  # noqa: E402
from helpsite.web.visitor import resolve  # noqa: E402
from qr.codes import new_code  # noqa: E402
from tests.conftest import visitor_urls  # noqa: E402
from tests.export.nginx import available as nginx_available  # noqa: E402
from tests.export.nginx import free_port, nginx  # noqa: E402

BUDGET = 14_000
OUT = ROOT / "bench" / "out"
DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 64
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))


def page_sizes() -> str:
    app = create_app()
    site = app.state.site
    rows = []
    for url in visitor_urls(site):
        answer = resolve(site, url, None)
        page = site.encoded(answer.key)
        rows.append((url, len(page.raw.body), len(page.gzip.body), len(page.brotli.body)))
    by_kind: dict[str, list[tuple[int, int, int]]] = {}
    for url, raw, gz, br in rows:
        kind = re.sub(r"^/[^/]+/", "/<lang>/", url)
        kind = re.sub(r"/<lang>/[a-z]{2}$", "/<lang>/<cc>", kind)
        by_kind.setdefault(kind, []).append((raw, gz, br))
    lines = [f"{len(rows)} visitor pages; budget {BUDGET} bytes compressed", ""]
    lines.append(f"{'page':<16} {'pages':>5} {'raw max':>8} {'gzip max':>9} {'brotli max':>11}")
    for kind, sizes in sorted(by_kind.items()):
        raw, gz, br = (max(s[i] for s in sizes) for i in range(3))
        lines.append(f"{kind:<16} {len(sizes):>5} {raw:>8} {gz:>9} {br:>11}")
    worst = max(rows, key=lambda r: r[2])
    lines.append(f"largest gzip: {worst[0]} {worst[2]} bytes ({100 * worst[2] / BUDGET:.0f}%)")
    for url, raw, gz, br in rows:
        if url in ("/en/gb", "/ar/gb", "/en/safety", "/"):
            lines.append(f"  {url:<12} raw {raw:>6}  gzip {gz:>6}  brotli {br:>6}")
    lines.append(f"over budget (gzip): {sum(r[2] > BUDGET for r in rows)}")
    table = OUT / "page-sizes.tsv"
    table.parent.mkdir(exist_ok=True)
    table.write_text(
        "url\traw\tgzip\tbrotli\n" + "".join("\t".join(map(str, r)) + "\n" for r in rows),
        "utf-8",
    )
    lines.append(f"every page: {table.relative_to(ROOT)}")
    return "\n".join(lines)


def _wait(base: str, process: subprocess.Popen) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("server exited") from None
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def _helpsite(server: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    helpsite = Path(sys.executable).parent / "helpsite"
    process = subprocess.Popen(
        [str(helpsite), "serve", "--port", str(port), "--workers", str(workers)]
        + ["--server", server],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    _wait(base, process)
    return process, base


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 in milliseconds."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if failed:
        raise RuntimeError(f"{url}: {failed.group(1)} error responses; not a fair measure")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    ms = {
        pct: float(value) * UNIT[unit]
        for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    return rps, ms["50"], ms["99"]


def _nginx_server_block(headers, exit_location: str) -> str:
    lines = ['default_type "text/html; charset=utf-8";', *add_header_lines(headers)]
    lines.append(f"location = /exit {{ {' '.join(add_header_lines(headers))} ")
    lines += add_header_lines([(b"clear-site-data", b'"cache", "storage"')])
    lines.append(f"  return 303 {exit_location}; }}")
    return "\n".join("        " + line for line in lines)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


def throughput() -> str:
    if not shutil.which("wrk") or not nginx_available():
        return "throughput: needs wrk and nginx (apt-get install wrk nginx-light)"
    app = create_app()
    code = new_code("GB").compact
    urls = {"code landing": f"/{code}", "help page": "/en/gb", "exit": "/exit"}
    with TestClient(app) as client:
        bodies = {
            path: client.get(path, headers={"Accept-Encoding": "identity"}).content
            for path in (urls["code landing"], urls["help page"])
        }
    security = app.state.security
    headers = [h for h in security.page[False] if h[0] != b"cache-control"]
    headers.append(security.no_store)
    # Per (workers, server, page): the best of ROUNDS runs, interleaved, so that load from
    # elsewhere on the machine falls on every server alike rather than on one of them.
    best: dict[tuple[int, str, str], tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="helpsite-bench-") as tmp:
        root = Path(tmp)
        for path, body in bodies.items():
            target = root / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        block = _nginx_server_block(headers, app.state.site.settings.exit_url)
        for workers in (1, 2):
            with contextlib.ExitStack() as stack:
                bases = {
                    "nginx, same bytes": stack.enter_context(
                        nginx(root, block, workers=workers, probe="/en/gb")
                    )
                }
                for server in ("granian", "uvicorn"):
                    process, base = _helpsite(server, workers)
                    stack.callback(_stop, process)
                    bases[f"helpsite on {server}"] = base
                for _round in range(ROUNDS):
                    for name, path in urls.items():
                        for label, base in bases.items():
                            measured = _wrk(base + path)
                            cell = (workers, label, name)
                            if cell not in best or measured[0] > best[cell][0]:
                                best[cell] = measured
    results = [(*cell, *values) for cell, values in best.items()]
    results.sort(key=lambda r: (r[0], list(urls).index(r[2])))
    nginx_rps = {(w, n): r for w, s, n, r, _, _ in results if s.startswith("nginx")}
    lines = [
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s --latency, loopback, one run, best of {ROUNDS}"
        " interleaved; ratio = req/s over nginx's for the same page and workers",
        f"{'workers':>7}  {'server':<22} {'page':<13} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'ratio':>6}",
    ]
    for workers, server, name, rps, p50, p99 in results:
        ratio = rps / nginx_rps[(workers, name)]
        lines.append(
            f"{workers:>7}  {server:<22} {name:<13} {rps:>8.0f} {p50:>7.2f} {p99:>7.2f}"
            f" {ratio:>6.2f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(page_sizes())
    print()
    print(throughput())
