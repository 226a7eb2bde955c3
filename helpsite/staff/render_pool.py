"""At most N poster renders at once, each in its own long-lived process.

Why processes: pdfium is not thread-safe and a segfault in a rendering library must never
take the help pages down; a process that is recycled gives its memory back. Why bounded:
a visitor must never wait behind a print job, so when every render process is busy the
request is refused at once (``PoolBusy``: 503 with Retry-After), never queued.

Render processes start lazily on first use and retire after ``idle_seconds`` without work
or after ``MAX_JOBS`` jobs. While a job runs, the ASGI ``receive`` channel is watched: if
the client disconnects, its process is killed and its slot is free at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import subprocess  # noqa: S404 - fixed argv, no shell
import sys
import threading
from typing import Any

from starlette.types import Receive

from helpsite.settings import Settings
from helpsite.staff import wire

logger = logging.getLogger("helpsite.render_pool")

MAX_JOBS = 50  # recycle a process after this many jobs, whatever its memory does
JOB_TIMEOUT = 300.0  # seconds; a render that takes longer is killed
RETRY_AFTER_SECONDS = 10


def pdf_job(requests, base_url: str) -> tuple:
    """A PDF job as the render process reads it (render_worker): plain values only."""
    specs = [
        (
            r.country.code,
            tuple(lang.slug for lang in r.languages),
            r.format_name,
            r.venue,
            r.placement,
        )
        for r in requests
    ]
    return ("pdf", specs, base_url)


class PoolBusy(Exception):
    """Every render process is working: answer 503 now rather than queue."""


class RenderCrashed(Exception):
    """The render process died or timed out before answering (it has been replaced)."""


class RenderRefused(Exception):
    """The poster cannot be printed; the message says which rule failed."""


class ClientGone(Exception):
    """The client disconnected while its poster was rendering; the render was killed."""


class RenderProcess:
    """One child process and its pipes; the answer is awaited in a thread, so the event
    loop never blocks and any loop may use it (the test client starts several)."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.jobs = 0
        self.killed = False
        self.idle_timer: asyncio.TimerHandle | None = None
        self._lock = threading.Lock()
        self._reading = False

    @classmethod
    def start(cls, settings: Settings) -> RenderProcess:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "helpsite.staff.render_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        worker = cls(process)
        try:
            wire.write_message(process.stdin.fileno(), settings)
        except OSError:
            worker.kill()
        return worker

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return not self.killed and self.process.poll() is None

    def usable(self) -> bool:
        return self.alive() and self.jobs < MAX_JOBS

    async def call(self, job: tuple) -> tuple:
        self.jobs += 1
        answer = await asyncio.to_thread(self._exchange, job)
        if answer is None:
            self.kill()
            raise RenderCrashed("the render process ended")
        return answer

    def _exchange(self, job: tuple) -> tuple | None:
        with self._lock:
            if self.killed:
                return None
            self._reading = True
        try:
            wire.write_message(self.process.stdin.fileno(), job)
            return wire.read_message(self.process.stdout.fileno())
        except OSError:
            return None
        finally:
            with self._lock:
                self._reading = False
                if self.killed:
                    self._close()

    def kill(self) -> None:
        """End the process now; its pipes close once no thread is reading them."""
        if self.idle_timer is not None:
            self.idle_timer.cancel()
        with self._lock:
            self.killed = True
            if self.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    self.process.kill()
            self.process.wait()
            if not self._reading:
                self._close()

    def _close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


class RenderPool:
    """``size`` render slots; ``run`` a job in a free one or raise ``PoolBusy`` at once."""

    def __init__(self, settings: Settings, size: int, idle_seconds: float):
        self.settings = settings
        self.size = size
        self.idle_seconds = idle_seconds
        self.busy = 0
        self.idle: list[RenderProcess] = []
        self.running: set[RenderProcess] = set()

    @property
    def pids(self) -> list[int]:
        """Processes alive now (for tests and the bench)."""
        workers = [*self.idle, *self.running]
        return [w.pid for w in workers if w.alive()]

    async def run(self, job: tuple, receive: Receive | None = None) -> Any:
        """The job's result; ``receive`` is watched for the client leaving meanwhile."""
        if self.busy >= self.size:
            raise PoolBusy()
        self.busy += 1
        worker = None
        try:
            worker = await self._take()
            self.running.add(worker)
            answer = await self._call_watching(worker, job, receive)
        finally:
            self.busy -= 1
            if worker is not None:
                self.running.discard(worker)
                self._give_back(worker)
        status, value = answer
        if status == "ok":
            return value
        if status == "refused":
            raise RenderRefused(value)
        raise RenderCrashed(value)

    async def _call_watching(
        self, worker: RenderProcess, job: tuple, receive: Receive | None
    ) -> tuple:
        render = asyncio.ensure_future(asyncio.wait_for(worker.call(job), JOB_TIMEOUT))
        watch = asyncio.ensure_future(_disconnected(receive)) if receive else None
        try:
            waiting = {render} if watch is None else {render, watch}
            done, _pending = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            if render not in done:
                worker.kill()
                raise ClientGone()
            try:
                return render.result()
            except TimeoutError:
                worker.kill()
                raise RenderCrashed("timeout") from None
        finally:
            for task in (render, watch):
                if task is not None and not task.done():
                    task.cancel()
            if not render.done() or render.cancelled():
                worker.kill()

    async def _take(self) -> RenderProcess:
        while self.idle:
            worker = self.idle.pop()
            if worker.idle_timer is not None:
                worker.idle_timer.cancel()
            if worker.usable():
                return worker
            worker.kill()
        return RenderProcess.start(self.settings)

    def _give_back(self, worker: RenderProcess) -> None:
        if not worker.usable():
            worker.kill()
            return
        self.idle.append(worker)
        loop = asyncio.get_running_loop()
        worker.idle_timer = loop.call_later(self.idle_seconds, self._retire, worker)

    def _retire(self, worker: RenderProcess) -> None:
        """Idle too long: end the process so its memory goes back to the system."""
        if worker in self.idle:
            self.idle.remove(worker)
            worker.kill()

    def close(self) -> None:
        for worker in [*self.idle, *self.running]:
            worker.kill()
        self.idle.clear()


async def _disconnected(receive: Receive) -> None:
    """Returns when the client has gone (the request body has already been read)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
