"""A render process: ``python -m helpsite.staff.render_worker``, one job at a time.

Started by ``render_pool`` with pipes on stdin and stdout. It is the only process that
loads WeasyPrint, pdfium and zxing; when it crashes, is killed (the client left) or is
retired (idle), the web worker simply starts another, and its memory goes back to the OS.

Protocol (``wire``): first message ``Settings``; then jobs, each answered by
``("ok", result)``, ``("refused", message)`` or ``("error", exception type)``.
End of file on stdin ends the process.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from helpsite.staff import wire

logger = logging.getLogger("helpsite.render_worker")

PROTOCOL_IN = 0


def run_job(site: Any, job: tuple) -> tuple:
    """Do one job; a poster that cannot be printed is an answer, not a crash."""
    from helpsite.posters.batch import BatchError, BatchRow, render_batch
    from helpsite.posters.request import PosterRequest, PosterRequestError
    from qr import PosterRefused, get_format, make_poster

    kind = job[0]
    try:
        if kind == "preview":
            _kind, content, format_name = job
            return ("ok", make_poster(content, format_name, kind="png", dpi=60))
        if kind == "pdf":
            _kind, specs, base_url = job
            rows = []
            for number, (country, tags, format_name, venue, placement) in enumerate(specs, 1):
                languages = tuple(site.languages[tag] for tag in tags)
                request = PosterRequest(
                    site.countries[country], languages, format_name, venue, placement
                )
                rows.append(BatchRow(number, request, get_format(format_name)))
            pdf, placements = render_batch(rows, base_url)
            return ("ok", (pdf, [p.code for p in placements]))
        if kind == "ping":
            return ("ok", os.getpid())
        return ("error", f"unknown job {kind!r}")
    except BatchError as exc:
        return ("refused", str(exc))
    except (PosterRefused, PosterRequestError, ValueError) as exc:
        return ("refused", str(exc))


def main() -> None:
    # Protocol output on a private copy of stdout; anything a library prints (Python or C)
    # goes to stderr instead of corrupting the answers.
    protocol_out = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    settings = wire.read_message(PROTOCOL_IN)
    if settings is None:
        return
    from helpsite.privacy_log import configure_logging
    from helpsite.web.site import build_site

    configure_logging(settings.log_level)
    site = build_site(settings)
    while True:
        job = wire.read_message(PROTOCOL_IN)
        if job is None:
            return
        try:
            answer = run_job(site, job)
        except Exception as exc:  # noqa: BLE001 - reported to the web worker, never lost
            logger.error("render job failed: %s", type(exc).__name__)
            answer = ("error", type(exc).__name__)
        try:
            wire.write_message(protocol_out, answer)
        except BrokenPipeError:
            return


if __name__ == "__main__":
    main()
