"""``helpsite check``: validate every country file before it can reach a visitor."""

from __future__ import annotations

import sys
from datetime import date

import click

from helpsite.cli.common import settings_or_exit
from helpsite.content.loader import check_countries


@click.command()
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to check ages against (default: today).",
)
def check(today) -> None:
    """Validate all country content; exit 1 naming file and field on any error."""
    settings = settings_or_exit()
    problems = check_countries(settings.countries_dir, today.date() if today else date.today())
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        click.echo(str(problem), err=problem.severity == "error")
    if errors:
        click.echo(f"{len(errors)} error(s) in {settings.countries_dir}", err=True)
        sys.exit(1)
    warnings = len(problems) - len(errors)
    click.echo(f"content OK ({warnings} warning(s))")
