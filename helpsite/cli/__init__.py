"""The ``helpsite`` command; each group of subcommands lives in a module of its own."""

from __future__ import annotations

import click

from helpsite.cli.check import check
from helpsite.cli.export import export
from helpsite.cli.locales import locales
from helpsite.cli.posters import posters
from helpsite.cli.registry import db, demo, users
from helpsite.cli.serve import serve
from helpsite.kiosk.cli import kiosk


@click.group()
@click.version_option(package_name="helpsite")
def cli() -> None:
    """Privacy-first help pages for people in trafficking and modern slavery."""


for command in (serve, check, locales, posters, kiosk, db, users, demo, export):
    cli.add_command(command)
