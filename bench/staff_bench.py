"""Visitors never wait behind a poster (`make bench`): not a test.

1. Start-up time and memory (RSS) of a visitor web worker: ``create_app()`` as it is now,
   and with the rendering stack loaded as every worker did before ``qr`` became lazy.
2. A real ``helpsite serve`` on 127.0.0.1: the help page's p50/p99 alone, then while 8
   clients keep poster requests running (HELPSITE_POSTER_RENDERS at its default, 1).
3. The server's memory (web worker and render processes) before, during and after a burst
   of 20 heavy poster requests, and once the idle render process has been retired.

Everything is bounded in count and time and goes only to loopback.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.staff.server import heavy_form, render_processes, serve  # noqa: E402

DURATION = float(os.environ.get("BENCH_SECONDS", "5"))
IDLE_SECONDS = 3

STARTUP = """
import time
started = time.perf_counter()
from helpsite.web.app import create_app
create_app()
if {rendering}:
    import qr.make, qr.verify
elapsed = time.perf_counter() - started
rss = next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]
print(elapsed, int(rss) // 1024)
"""


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def startup() -> str:
    lines = ["visitor web worker start-up (median of 3 fresh interpreters):"]
    for label, rendering in (
        ("now (rendering stack not loaded)", False),
        ("before (loaded)", True),
    ):
        runs = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", STARTUP.format(rendering=rendering)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout.split()
            runs.append((float(out[0]), int(out[1])))
        seconds = statistics.median(r[0] for r in runs)
        memory = statistics.median(r[1] for r in runs)
        lines.append(f"  {label:<34} {seconds:5.2f} s  {memory:4d} MB RSS")
    return "\n".join(lines)


def latencies(base: str, until: float, limit: int = 3000) -> list[float]:
    times = []
    with httpx.Client(timeout=30) as client:
        while time.monotonic() < until and len(times) < limit:
            started = time.perf_counter()
            assert client.get(base + "/en/gb").status_code == 200
            times.append((time.perf_counter() - started) * 1000)
    return times


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  ({len(ordered)} requests)"


def under_poster_load(base: str) -> str:
    alone = latencies(base, time.monotonic() + DURATION)
    stop = time.monotonic() + DURATION
    answers: list[int] = []

    def poster_client() -> None:
        with httpx.Client(timeout=300) as client:
            while time.monotonic() < stop:
                status = client.post(base + "/staff/posters", data=heavy_form(5)).status_code
                answers.append(status)
                if status == 503:
                    time.sleep(0.05)

    clients = [threading.Thread(target=poster_client) for _ in range(8)]
    for thread in clients:
        thread.start()
    loaded = latencies(base, stop)
    for thread in clients:
        thread.join(timeout=300)
    other = len(answers) - answers.count(200) - answers.count(503)
    return "\n".join(
        [
            f"help page /en/gb, sequential client, {DURATION:g} s each:",
            f"  alone                          {percentiles(alone)}",
            f"  while 8 clients post posters   {percentiles(loaded)}",
            f"  poster answers meanwhile: {answers.count(200)} x 200 (PDF),"
            f" {answers.count(503)} x 503 (busy), {other} other",
        ]
    )


def memory_after_burst(base: str, pid: int) -> str:
    def sample() -> tuple[float, float]:
        return rss_mb(pid), sum(rss_mb(child) for child in render_processes(pid))

    before = sample()
    peak = [0.0, 0.0]
    done = 0
    lock = threading.Lock()

    def burst_client() -> None:
        nonlocal done
        with httpx.Client(timeout=300) as client:
            while True:
                with lock:
                    if done >= 20:
                        return
                status = client.post(base + "/staff/posters", data=heavy_form(5)).status_code
                if status == 200:
                    with lock:
                        done += 1
                else:
                    time.sleep(0.1)

    threads = [threading.Thread(target=burst_client) for _ in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 600
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        web, renderers = sample()
        peak = [max(peak[0], web), max(peak[1], renderers)]
        time.sleep(0.2)
    right_after = sample()
    time.sleep(IDLE_SECONDS + 2)
    retired = sample()
    rows = [
        ("before the burst", before),
        ("peak during 20 heavy posters", tuple(peak)),
        ("right after", right_after),
        (f"after {IDLE_SECONDS + 2} s idle (renderer retired)", retired),
    ]
    lines = ["server memory (RSS MB): web worker + render processes"]
    lines += [f"  {label:<36} {w:6.1f} + {r:6.1f} = {w + r:6.1f}" for label, (w, r) in rows]
    return "\n".join(lines)


def main() -> None:
    print(startup())
    print()
    log = Path(ROOT / "bench" / "out" / "staff-server.log")
    log.parent.mkdir(exist_ok=True)
    with serve(log, HELPSITE_POSTER_IDLE_SECONDS=str(IDLE_SECONDS)) as (base, server):
        print(under_poster_load(base))
        print()
        time.sleep(IDLE_SECONDS + 2)  # start the burst from an idle server
        print(memory_after_burst(base, server.pid))


if __name__ == "__main__":
    main()
