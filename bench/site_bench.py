"""Page sizes and speed of the visitor site (`make bench`): not a test.

1. Bytes per visitor page, raw / gzip / brotli (the bodies the site precomputes), against
   the 14,000-byte budget (the first round trip of a new connection).
2. Requests per second, p50/p99 latency (``wrk -t2 -c64``) and the server's CPU time per
   request for the code landing (its 303), the help page and ``/exit``: ``helpsite serve``
   beside nginx answering with the same status, headers and bytes, in the same run, for 1
   and 2 workers (nginx gets as many worker processes). wrk sends no Accept-Encoding, so
   both send the raw bytes.

The machine is shared, so every cell is measured BENCH_ROUNDS times (default 3),
interleaved (helpsite and nginx alternate page by page), and reported as the median with
the spread (min-max); the ratio is the median of each round's helpsite/nginx req/s. CPU
microseconds per request (all the server's processes and threads, from /proc) move far
less with outside load than req/s do: nginx's over helpsite's is the "cpu ratio".

BENCH_SERVERS: comma-separated, default "granian,granian-floor": helpsite as served
(granian's RSGI interface: web/rsgi.py), and granian's floor (bench/floor_app.py: an RSGI
app sending the same answers with no logic at all, so the gap to nginx that is granian's
own shows in the same run). Add "uvicorn", or "granian-asgi" (the app on granian's ASGI
interface, to see what RSGI gains).
BENCH_PIN=1 (2+ cores): wrk on CPU 0 and a 1-worker server on CPU 1 (taskset), so that
nginx's one process and helpsite's worker (its Python thread and granian's I/O thread)
each get one core; 2 workers are not pinned. BENCH_SECONDS per run (default 5). Load goes
only to 127.0.0.1: about 2 x 3 x 3 x 3 x 5 s = 4.5 minutes with the defaults.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
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
from tests.export.nginx import CONFIG as NGINX_CONFIG  # noqa: E402
from tests.export.nginx import NGINX  # noqa: E402
from tests.export.nginx import available as nginx_available  # noqa: E402
from tests.serving import free_port  # noqa: E402

BUDGET = 14_000
OUT = ROOT / "bench" / "out"
DURATION = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 64
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


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
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return
        except urllib.error.HTTPError:
            return  # it answers (nginx has no /healthz)
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("server exited") from None
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def _pinned(command: list[str], cpu: str | None) -> list[str]:
    return ["taskset", "-c", cpu, *command] if cpu is not None else command


# Servers started with granian's own command, not `helpsite serve`: (interface, target).
GRANIAN_DIRECT = {
    # The same app on granian's ASGI interface (what `helpsite serve` ran before
    # web/rsgi.py): what RSGI gains.
    "granian-asgi": ("asgi", "helpsite.web.app:app"),
    # granian's floor: helpsite's answers sent with no logic (bench/floor_app.py).
    "granian-floor": ("rsgi", "bench.floor_app:app"),
}


def _granian_direct(interface: str, target: str, port: int, workers: int) -> list[str]:
    """granian run on ``target`` with the settings serve.py gives it."""
    granian = Path(sys.executable).parent / "granian"
    return [
        *(str(granian), "--interface", interface, "--port", str(port)),
        *("--workers", str(workers), "--loop", "uvloop", "--http", "1", "--no-ws"),
        *("--backpressure", "500", "--log-level", "warning", target),
    ]


def _helpsite(server: str, workers: int, cpu: str | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    if server in GRANIAN_DIRECT:
        command = _granian_direct(*GRANIAN_DIRECT[server], port, workers)
    else:
        helpsite = Path(sys.executable).parent / "helpsite"
        command = [str(helpsite), "serve", "--port", str(port), "--workers", str(workers)]
        command += ["--server", server]
    process = subprocess.Popen(
        _pinned(command, cpu),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    _wait(base, process)
    return process, base


def _nginx(root: Path, tmp: Path, block: str, workers: int, cpu: str | None):
    """Debian's nginx (tests/export/nginx.py's config), kept as a process to be measured."""
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONFIG.format(
            user="user root;" if os.geteuid() == 0 else "",
            workers=workers,
            tmp=tmp,
            port=port,
            root=root,
            server=block,
        ),
        "utf-8",
    )
    command = [NGINX, "-c", str(conf), "-p", str(tmp), "-e", f"{tmp}/error.log"]
    process = subprocess.Popen(_pinned(command, cpu), stdout=subprocess.DEVNULL, stderr=None)
    base = f"http://127.0.0.1:{port}"
    _wait(base, process)
    return process, base


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (granian's and nginx's workers are child processes)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += parents.get(current, [])
    return found


def _cpu_seconds(pid: int) -> float:
    """User and system time of a server's processes (all their threads), from /proc."""
    ticks = 0
    for member in _tree(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(url: str, pid: int, cpu: str | None) -> tuple[float, float, float, float]:
    """Requests per second, p50 and p99 in ms, and the server's CPU us per request."""
    before = _cpu_seconds(pid)
    out = subprocess.run(
        _pinned(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url], cpu),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    used = _cpu_seconds(pid) - before
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if failed:
        raise RuntimeError(f"{url}: {failed.group(1)} error responses; not a fair measure")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    ms = {
        pct: float(value) * UNIT[unit]
        for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    return rps, ms["50"], ms["99"], 1e6 * used / max(requests, 1)


# What nginx must not be told to add: it sends its own (the same values, or an ETag and
# Last-Modified of its own for the file).
OWN_HEADERS = {"content-length", "content-type", "date", "server", "etag", "connection"}


def _nginx_location(path: str, status: int, headers: dict[str, str]) -> str:
    """A ``location =`` answering ``path`` with helpsite's status and headers."""
    sent = [
        (name.encode(), value.encode())
        for name, value in headers.items()
        if name not in OWN_HEADERS and name != "location"
    ]
    lines = [f"location = {path} {{", *("  " + line for line in add_header_lines(sent))]
    if status in (301, 302, 303, 307, 308):
        lines += ["  absolute_redirect off;", f"  return {status} {headers['location']};"]
    lines.append("}")
    return "\n".join("        " + line for line in lines)


def _median_spread(values: list[float], digits: int = 0) -> str:
    middle = statistics.median(values)
    if len(values) == 1:
        return f"{middle:.{digits}f}"
    return f"{middle:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def _floor_answer(answer) -> list:
    """What bench/floor_app.py sends for a path: status, text headers, body in hex."""
    headers = [
        (name.decode("latin-1"), value.decode("latin-1")) for name, value in answer.headers.raw
    ]
    return [answer.status_code, headers, answer.content.hex()]


def _label(server: str) -> str:
    return "granian, no app" if server == "granian-floor" else f"helpsite on {server}"


def throughput() -> str:
    if not shutil.which("wrk") or not nginx_available():
        return "throughput: needs wrk and nginx (apt-get install wrk nginx-light)"
    servers = os.environ.get("BENCH_SERVERS", "granian,granian-floor").split(",")
    servers = [server.strip() for server in servers]
    pin = os.environ.get("BENCH_PIN") == "1" and (os.cpu_count() or 1) >= 2
    app = create_app()
    code = new_code("GB").compact
    urls = {"code landing": f"/{code}", "help page": "/en/gb", "exit": "/exit"}
    identity = {"Accept-Encoding": "identity"}
    with TestClient(app) as client:
        answers = {
            path: client.get(path, headers=identity, follow_redirects=False)
            for path in urls.values()
        }
    # rounds[(workers, server, page)] = [(rps, p50, p99, cpu_us), ...], one per round
    rounds: dict[tuple[int, str, str], list[tuple[float, float, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="helpsite-bench-") as tmp:
        floor = Path(tmp) / "floor-answers.json"
        floor.write_text(json.dumps({path: _floor_answer(a) for path, a in answers.items()}))
        os.environ["FLOOR_ANSWERS"] = str(floor)
        root = Path(tmp) / "root"
        blocks = []
        for path, answer in answers.items():
            if answer.status_code == 200:
                target = root / path.lstrip("/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(answer.content)
            blocks.append(_nginx_location(path, answer.status_code, dict(answer.headers)))
        block = '        default_type "text/html; charset=utf-8";\n' + "\n".join(blocks)
        for workers in (1, 2):
            server_cpu = "1" if pin and workers == 1 else None
            wrk_cpu = "0" if pin else None
            nginx_tmp = Path(tmp) / f"nginx-{workers}"
            nginx_tmp.mkdir()
            with contextlib.ExitStack() as stack:
                process, base = _nginx(root, nginx_tmp, block, workers, server_cpu)
                stack.callback(_stop, process)
                bases = {"nginx, same answer": (process.pid, base)}
                for server in servers:
                    process, base = _helpsite(server, workers, server_cpu)
                    stack.callback(_stop, process)
                    bases[_label(server)] = (process.pid, base)
                for _round in range(ROUNDS):
                    for name, path in urls.items():
                        for label, (pid, base) in bases.items():
                            measured = _wrk(base + path, pid, wrk_cpu)
                            rounds.setdefault((workers, label, name), []).append(measured)
    placement = (
        "pinned: wrk on CPU 0, 1-worker servers on CPU 1, 2 workers unpinned"
        if pin
        else "unpinned (BENCH_PIN=1 pins)"
    )
    lines = [
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s --latency, loopback, {ROUNDS} interleaved"
        f" rounds: median (min-max); {placement}",
        "ratio: median of each round's req/s over nginx's (same page, workers and round);"
        " cpu ratio: nginx's CPU us/request over this server's",
        f"{'workers':>7}  {'server':<20} {'page':<13} {'req/s':>20} {'p50 ms':>7}"
        f" {'p99 ms':>16} {'cpu us/req':>11} {'ratio':>17} {'cpu ratio':>9}",
    ]
    for workers in (1, 2):
        for name in urls:
            nginx_runs = rounds[(workers, "nginx, same answer", name)]
            for label in ["nginx, same answer", *map(_label, servers)]:
                runs = rounds[(workers, label, name)]
                ratios = [run[0] / ref[0] for run, ref in zip(runs, nginx_runs, strict=True)]
                cpu = statistics.median(run[3] for run in runs)
                cpu_ratio = statistics.median(ref[3] for ref in nginx_runs) / cpu
                lines.append(
                    f"{workers:>7}  {label:<20} {name:<13}"
                    f" {_median_spread([r[0] for r in runs]):>20}"
                    f" {statistics.median(r[1] for r in runs):>7.2f}"
                    f" {_median_spread([r[2] for r in runs], 1):>16}"
                    f" {cpu:>11.1f} {_median_spread(ratios, 2):>17} {cpu_ratio:>9.2f}"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    print(page_sizes())
    print()
    print(throughput())
