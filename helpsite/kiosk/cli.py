"""``helpsite kiosk``: run the kiosk browser, print the browser policy for venues."""

from __future__ import annotations

import json
import signal

import click


@click.group()
def kiosk() -> None:
    """The touch-screen help kiosk: a browser that forgets every visitor."""


@kiosk.command()
@click.option(
    "--url",
    default=None,
    help="Kiosk start page (default: HELPSITE_BASE_URL + /kiosk/).",
)
@click.option("--chromium", default="/usr/bin/chromium", show_default=True, help="Browser.")
@click.option(
    "--chromium-arg",
    "chromium_args",
    multiple=True,
    help="Extra chromium switch, e.g. --chromium-arg=--headless=new (repeatable).",
)
def launch(url: str | None, chromium: str, chromium_args: tuple[str, ...]) -> None:
    """Chromium in kiosk mode; every reset (idle, Done, exit) restarts it on a new empty profile."""
    from helpsite.cli.common import settings_or_exit
    from helpsite.kiosk.launch import KioskLauncher, LaunchError

    start = url or f"{settings_or_exit().base_url}/kiosk/"
    try:
        launcher = KioskLauncher(
            start,
            chromium=chromium,
            extra_args=chromium_args,
            report=lambda line: click.echo(f"helpsite kiosk: {line}", err=True),
        )
    except LaunchError as exc:
        raise click.ClickException(str(exc)) from None
    signal.signal(signal.SIGTERM, lambda *_: launcher.stop.set())
    try:
        launcher.run()
    except KeyboardInterrupt:
        pass
    except LaunchError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("helpsite kiosk: stopped; the last profile was deleted", err=True)


@kiosk.command()
def policy() -> None:
    """Chromium policy for /etc/chromium/policies/managed/helpsite-kiosk.json."""
    from helpsite.kiosk.launch import POLICY

    click.echo(json.dumps(POLICY, indent=2))
