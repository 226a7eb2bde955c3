"""``helpsite locales``: the translators' workflow (extract, update, compile, status)."""

from __future__ import annotations

from pathlib import Path

import click

from helpsite.cli.common import settings_or_exit


@click.group()
def locales() -> None:
    """Translators' workflow: extract, update, compile, status."""


def _locales_dir() -> Path:
    """The catalogs the site serves: HELPSITE_LOCALES_DIR, else the package's own."""
    path = Path(settings_or_exit().locales_dir).resolve()
    if not path.is_dir():
        raise click.ClickException(f"HELPSITE_LOCALES_DIR: {path} is not a folder")
    return path


@locales.command()
def extract() -> None:
    """Write messages.pot (in the locales folder) from templates, poster text and country data."""
    from helpsite.i18n import CatalogError, workflow

    try:
        click.echo(f"wrote {workflow.extract(_locales_dir() / 'messages.pot')}")
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from None


@locales.command()
def update() -> None:
    """Extract, then merge the template into every catalog."""
    from helpsite.i18n import CatalogError, workflow

    locales_dir = _locales_dir()
    try:
        workflow.extract(locales_dir / "messages.pot")
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from None
    for change in workflow.update(locales_dir):
        click.echo(change)
    click.echo("catalogs updated")


@locales.command(name="compile")
def compile_() -> None:
    """Compile every catalog to .mo (build products, never committed; optional, for speed)."""
    from helpsite.i18n import workflow

    workflow.compile_all(_locales_dir())
    click.echo("catalogs compiled")


@locales.command()
def status() -> None:
    """Per language: translated %, fuzzy, complete (offered), reviewed; per country: gaps."""
    from helpsite.i18n import CatalogError, workflow

    try:
        rows = workflow.status(_locales_dir())
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"{'language':<10} {'translated':>10} {'fuzzy':>6}  {'complete':<9}"
        f" {'reviewed':<9} last change"
    )
    for row in rows:
        complete = "yes" if row.complete else "no"
        reviewed = "yes" if row.reviewed else "no"
        percent = f"{row.percent:.1f}%"
        click.echo(
            f"{row.language:<10} {percent:>10} {row.fuzzy:>6}  {complete:<9}"
            f" {reviewed:<9} {row.last_change}"
        )
    complete = sum(1 for row in rows if row.complete) + 1  # + English source
    click.echo(f"{complete} languages complete (only these can be offered; English is the source)")
    _victims_languages([row.language for row in rows if row.complete])


def _victims_languages(complete: list[str]) -> None:
    """Per country: its victims' languages without a complete catalog, and who needs each."""
    from helpsite.content.loader import ContentError, load_countries
    from helpsite.i18n.languages import SOURCE_LANGUAGE, tag_for
    from helpsite.i18n.victim_coverage import report

    try:
        countries = load_countries(settings_or_exit().countries_dir)
    except ContentError:
        click.echo("country data has errors (see `helpsite check`): no per-country view", err=True)
        return
    for line in report(countries, [SOURCE_LANGUAGE, *map(tag_for, complete)]):
        click.echo(line)
