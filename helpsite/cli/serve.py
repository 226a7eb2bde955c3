"""``helpsite serve``: granian (default) or uvicorn, with no access log.

granian (a Rust HTTP server) serves the visitor pages about 1.5 times as fast as uvicorn
with uvloop and httptools on this machine, and faster again through its own RSGI
interface (web/rsgi.py) than through ASGI (bench/site_bench.py measures them beside
nginx). Either way the access log is off and the server's own log lines carry no
address, path or request line (tests/web/test_serve.py sends malformed requests to check).
uvicorn sends no Server header; granian always sends ``Server: granian`` (README, Deploying).
"""

from __future__ import annotations

import click

from helpsite.cli.common import check_startable, settings_or_exit

APP = "helpsite.web.app:app"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--server",
    type=click.Choice(["granian", "uvicorn"]),
    default="granian",
    show_default=True,
    help="HTTP server: granian is the faster; uvicorn (uvloop + httptools) the fallback.",
)
def serve(host: str, port: int, workers: int, server: str) -> None:
    """Run the site, access logging off."""
    settings = settings_or_exit()
    check_startable(settings)
    click.echo(
        f"helpsite: serving on http://{host}:{port} with {server}, {workers} worker(s)"
        " (no access log)",
        err=True,
    )
    if server == "granian":
        run_granian(host, port, workers, settings)
    else:
        run_uvicorn(host, port, workers, settings)


def run_granian(host: str, port: int, workers: int, settings) -> None:
    from granian.constants import HTTPModes, Interfaces, Loops
    from granian.http import HTTP1Settings
    from granian.server import Server

    from helpsite.privacy_log import granian_log_config

    Server(
        "helpsite.web.app:rsgi",
        address=host,
        port=port,
        # RSGI, granian's own interface: a prepared page goes out in one call (web/rsgi.py).
        interface=Interfaces.RSGI,
        workers=workers,
        loop=Loops.uvloop,
        # HTTP/1.1 only: the TLS proxy in front speaks it to us, and a worker need not
        # look at each new connection for HTTP/2 (no measurable gain on this machine,
        # but one parser fewer facing the network).
        http=HTTPModes.http1,
        websockets=False,
        log_access=False,
        log_dictconfig=granian_log_config(settings.log_level),
        log_level=settings.log_level,
        # A header read timeout (uvicorn has none): a slow client cannot hold a connection.
        http1_settings=HTTP1Settings(header_read_timeout=10_000, max_buffer_size=64 * 1024),
        backpressure=500,
        workers_kill_timeout=10,
    ).serve()


def run_uvicorn(host: str, port: int, workers: int, settings) -> None:
    import uvicorn

    from helpsite.privacy_log import UVICORN_LOG_CONFIG

    uvicorn.run(
        APP,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        access_log=False,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_config=UVICORN_LOG_CONFIG,
        log_level=settings.log_level,
        # uvicorn has no header-read timeout: production runs behind a proxy that has one
        # (README, Deploying). These are the limits uvicorn does have.
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        limit_concurrency=500,
        ws="none",
    )
