"""``helpsite serve``: uvicorn with no access log and no server header."""

from __future__ import annotations

import click

from helpsite.cli.common import check_startable, settings_or_exit


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int) -> None:
    """Run the site with uvicorn, access logging off."""
    import uvicorn

    from helpsite.privacy_log import UVICORN_LOG_CONFIG

    settings = settings_or_exit()
    check_startable(settings)
    click.echo(f"helpsite: serving on http://{host}:{port} (no access log)", err=True)
    uvicorn.run(
        "helpsite.web.app:app",
        host=host,
        port=port,
        workers=workers,
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
        h11_max_incomplete_event_size=16 * 1024,
        ws="none",
    )
