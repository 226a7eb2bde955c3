"""The ``helpsite`` command: serve the site, check the content, manage catalogs."""

from __future__ import annotations

import sys
from datetime import date

import click

from helpsite.content.loader import check_countries
from helpsite.settings import Settings, SettingsError


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
@click.version_option(package_name="helpsite")
def cli() -> None:
    """Privacy-first help pages for people in trafficking and modern slavery."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int) -> None:
    """Run the site with uvicorn, access logging off."""
    import uvicorn

    from helpsite.privacy_log import UVICORN_LOG_CONFIG

    settings = _settings()
    uvicorn.run(
        "helpsite.app:app",
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        server_header=False,
        log_config=UVICORN_LOG_CONFIG,
        log_level=settings.log_level,
    )


@cli.command()
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to check ages against (default: today).",
)
def check(today) -> None:
    """Validate all country content; exit 1 naming file and field on any error."""
    settings = _settings()
    problems = check_countries(settings.countries_dir, today.date() if today else date.today())
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        click.echo(str(problem), err=problem.severity == "error")
    if errors:
        click.echo(f"{len(errors)} error(s) in {settings.countries_dir}", err=True)
        sys.exit(1)
    warnings = len(problems) - len(errors)
    click.echo(f"content OK ({warnings} warning(s))")


@cli.group()
def locales() -> None:
    """Translators' workflow: extract, update, compile, status."""


@locales.command()
def extract() -> None:
    """Write locales/messages.pot from templates, poster text and country data."""
    from helpsite import catalogs

    click.echo(f"wrote {catalogs.extract()}")


@locales.command()
def update() -> None:
    """Extract, then merge the template into every catalog."""
    from helpsite import catalogs

    catalogs.extract()
    catalogs.update()
    click.echo("catalogs updated")


@locales.command(name="compile")
def compile_() -> None:
    """Compile every catalog to .mo (build products, never committed)."""
    from helpsite import catalogs

    catalogs.compile_all()
    click.echo("catalogs compiled")


@locales.command()
def status() -> None:
    """Per language: translated %, fuzzy count, reviewed or not, last change."""
    from helpsite import catalogs

    rows = catalogs.status()
    click.echo(f"{'language':<10} {'translated':>10} {'fuzzy':>6}  {'reviewed':<9} last change")
    for row in rows:
        reviewed = "yes" if row.reviewed else "no"
        click.echo(
            f"{row.language:<10} {row.percent:>9.1f}% {row.fuzzy:>6}  {reviewed:<9} {row.last_change}"
        )
    complete = sum(1 for row in rows if row.translated == row.total) + 1  # + English source
    click.echo(f"{complete} languages at 100% (English is the source)")
