"""The ``helpsite`` command: serve the site, check the content, manage catalogs."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from helpsite.content.loader import check_countries
from helpsite.settings import Settings, SettingsError


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def _startable(settings: Settings) -> None:
    """Load content and catalogs once here, so a problem is one clear line, not a traceback."""
    from helpsite.app import build_site
    from helpsite.content.loader import ContentError
    from helpsite.i18n import CatalogError
    from helpsite.kiosk.pages import build_kiosk

    try:
        build_kiosk(build_site(settings))
    except (ContentError, CatalogError, SettingsError) as exc:
        raise click.ClickException(f"cannot start: {exc}") from None


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
    _startable(settings)
    click.echo(f"helpsite: serving on http://{host}:{port} (no access log)", err=True)
    uvicorn.run(
        "helpsite.app:app",
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


def _locales_dir() -> Path:
    """The catalogs the site serves: HELPSITE_LOCALES_DIR, else the package's own."""
    path = Path(_settings().locales_dir).resolve()
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
    """Per language: translated %, fuzzy count, complete (offered), reviewed, last change."""
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


@cli.group()
def posters() -> None:
    """Print QR posters for venues (PDF, SVG or PNG), one or a batch from CSV."""


def _site_for_posters():
    from helpsite.app import build_site

    settings = _settings()
    _startable(settings)
    return build_site(settings)


@posters.command(name="formats")
@click.option("--country", default=None, help="Only formats offered in this country.")
def list_formats(country: str | None) -> None:
    """The paper formats, their viewing distance and language rules."""
    from helpsite.posters.request import PosterRequestError, parse_country
    from qr import formats, formats_for

    if country:
        try:  # the request parser's rule: exactly two ASCII letters of a country we have
            country = parse_country(country, _site_for_posters().countries).code
        except PosterRequestError:
            raise click.ClickException(
                f"no help pages for {country!r}: posters cannot be made there"
            ) from None
    chosen = formats_for(country) if country else list(formats().values())
    for fmt in chosen:
        required = (
            f", must include {'+'.join(fmt.required_languages)}" if fmt.required_languages else ""
        )
        click.echo(
            f"{fmt.name:<8} {fmt.title:<28} {fmt.width_mm:g}x{fmt.height_mm:g} mm, "
            f"read from {fmt.viewing_distance_m:g} m, {fmt.min_languages}-{fmt.max_languages} "
            f"languages{required}"
        )
        if fmt.notice_line:
            click.echo(f"  notice: {fmt.notice_line}")


@posters.command(name="make")
@click.option("--country", required=True, help="ISO country code, e.g. GB.")
@click.option(
    "--languages", default=None, help="BCP 47 tags, e.g. en,ro,pl (default: the country's)."
)
@click.option(
    "--format", "format_name", default=None, help="See `posters formats` (default: A4; US: Letter)."
)
@click.option("--venue", default=None, help="Printed small for staff; never in the QR code.")
@click.option("--placement", default=None, help="Where it hangs, e.g. 'ladies toilets, door'.")
@click.option(
    "--dpi", default=300, show_default=True, type=click.IntRange(72, 1200), help="For PNG."
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False), help="FILE.pdf, .svg or .png"
)
def make_one(country, languages, format_name, venue, placement, dpi, out) -> None:
    """One poster; prints: code, URL, file."""
    from helpsite.posters.content import PosterRequestError, build_content
    from helpsite.posters.request import PosterRequestInvalid, parse_request
    from qr import PosterRefused, make_poster

    site = _site_for_posters()
    try:
        request = parse_request(
            country=country,
            languages=languages,
            format=format_name,
            venue=venue,
            placement=placement,
            countries=site.countries,
            offered=site.visitor_languages,
        )
    except PosterRequestInvalid as exc:
        raise click.ClickException(
            "\n".join(f"--{error.field}: {error.message}" for error in exc.errors)
        ) from None
    try:
        content = build_content(request, site.settings.base_url)
        make_poster(content, request.format_name, out, dpi=dpi)
    except (PosterRequestError, PosterRefused) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    _warn_base_url(site.settings.base_url)
    for language in request.languages:
        if not language.reviewed:
            click.echo(f"note: the {language.tag} translation is not yet reviewed", err=True)
    click.echo(f"{content.location_code}\t{content.payload_url}\t{out}")


@posters.command(name="batch")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="posters.pdf")
@click.option("--force", is_flag=True, help="Replace existing output files (default: refuse).")
def make_many(csv_file, out, force) -> None:
    """One poster per CSV row (venue, placement, country, languages, format), all or nothing.

    Also writes OUT-placements.csv and OUT-placements.pdf: which code went where.
    """
    from pathlib import Path

    from helpsite.posters.batch import (
        BatchError,
        placements_csv,
        placements_pdf,
        read_rows,
        render_batch,
    )

    target = Path(out)
    stem = target.with_suffix("")
    sheet_csv = Path(f"{stem}-placements.csv")
    sheet_pdf = Path(f"{stem}-placements.pdf")
    if target.suffix.lower() != ".pdf":
        raise click.ClickException(f"--out must name a .pdf file, not {out!r}")
    source = Path(csv_file).resolve()
    if source in {p.resolve() for p in (target, sheet_csv, sheet_pdf)}:
        raise click.ClickException(f"{csv_file} is the input: choose another --out")
    if not target.resolve().parent.is_dir():
        raise click.ClickException(f"cannot write {out}: its folder does not exist")
    _check_outputs((target, sheet_csv, sheet_pdf), force)
    site = _site_for_posters()
    try:
        with open(csv_file, encoding="utf-8-sig", newline="\n") as handle:
            rows = read_rows(handle, site.countries, site.visitor_languages)
    except UnicodeDecodeError:
        raise click.ClickException(
            f"{csv_file} is not UTF-8 text: save it as 'CSV UTF-8' and try again"
        ) from None
    except BatchError as exc:
        raise click.ClickException("nothing was written:\n" + str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot read {csv_file}: {exc.strerror}") from None
    try:
        with click.progressbar(length=len(rows), label="posters", file=sys.stderr) as bar:
            pdf, placements = render_batch(rows, site.settings.base_url, progress=bar.update)
    except BatchError as exc:
        raise click.ClickException("nothing was written:\n" + str(exc)) from None
    files = {
        target: pdf,
        sheet_csv: placements_csv(placements).encode("utf-8"),
        sheet_pdf: placements_pdf(placements, date.today()),
    }
    from helpsite.posters.files import WriteFailed, write_all

    try:
        write_all(files)
    except WriteFailed as exc:
        raise click.ClickException(str(exc)) from None
    _warn_base_url(site.settings.base_url)
    for placement in placements:
        click.echo(f"{placement.code}\t{placement.url}\t{target}")
    click.echo(f"{len(placements)} posters: {target}, {sheet_csv}, {sheet_pdf}", err=True)


def _warn_base_url(base_url: str) -> None:
    from helpsite.posters.content import check_base_url

    warning = check_base_url(base_url)
    if warning:
        click.echo(f"warning: {warning}", err=True)


def _check_outputs(paths, force: bool) -> None:
    """Never replace a placement list (the only record of which code hangs where) unasked."""
    from qr import PosterRefused
    from qr.make import check_output_path

    for path in paths:
        try:
            check_output_path(path)
        except PosterRefused as exc:
            raise click.ClickException(str(exc)) from None
    existing = [str(p) for p in paths if p.exists()]
    if existing and not force:
        raise click.ClickException(
            f"{', '.join(existing)} already exist(s): nothing was written"
            " (choose another --out, or add --force to replace them)"
        )


from helpsite.kiosk.cli import kiosk  # noqa: E402 (a sub-command group in its own package)

cli.add_command(kiosk)


# The poster registry: database, staff accounts, demo data.


def _registry_engine():
    from helpsite.registry.db import make_engine

    return make_engine(_settings().database_url)


def _known_countries() -> set[str]:
    """Countries with help pages: venues and accounts may only name these."""
    from helpsite.content.loader import ContentError, load_countries

    try:
        return set(load_countries(_settings().countries_dir))
    except ContentError as exc:
        raise click.ClickException(f"cannot read the country data: {exc}") from None


def _registry(work):
    """Run ``work(connection)`` in one transaction; registry and database errors become one
    clear line (with the URL's password hidden), never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from helpsite.registry.db import display_url, is_sqlite, sqlite_path, transaction
    from helpsite.registry.errors import RegistryError
    from helpsite.registry.migrate import is_current

    url = _settings().database_url
    if is_sqlite(url) and not sqlite_path(url).is_file():
        raise click.ClickException(
            f"no database at {sqlite_path(url)}: run `helpsite db upgrade` first"
        )
    try:
        engine = _registry_engine()
        try:
            if not is_current(engine):
                raise click.ClickException(
                    f"the database at {display_url(url)} is not up to date:"
                    " run `helpsite db upgrade` first"
                )
            with transaction(engine) as connection:
                return work(connection)
        finally:
            engine.dispose()
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise click.ClickException(
            f"cannot use the database at {display_url(url)}: {reason}"
        ) from None


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


@cli.group()
def db() -> None:
    """The poster registry's database: migrations and backups."""


@db.command(name="upgrade")
def db_upgrade() -> None:
    """Create the database or apply every new migration (SQLite or PostgreSQL)."""
    from sqlalchemy.exc import SQLAlchemyError

    from helpsite.registry.db import display_url
    from helpsite.registry.migrate import upgrade

    url = _settings().database_url
    try:
        engine = _registry_engine()
        try:
            revision = upgrade(engine)
        finally:
            engine.dispose()
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise click.ClickException(f"cannot upgrade {display_url(url)}: {reason}") from None
    click.echo(f"database at revision {revision}: {display_url(url)}")


@db.command(name="backup")
@click.argument("file", type=click.Path(dir_okay=False))
def db_backup(file: str) -> None:
    """Copy the SQLite registry to FILE while the site runs (PostgreSQL: use pg_dump)."""
    from helpsite.registry.backup import BackupError, backup

    try:
        written = backup(_settings().database_url, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written: {written}")


@cli.group()
def users() -> None:
    """Staff accounts: venue managers and inspectors (HTTP Basic sign-in, argon2 hashes)."""


def _read_password() -> str:
    """Prompt twice on a terminal; otherwise read one line from standard input."""
    stdin = sys.stdin
    if stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    lines = stdin.read().splitlines()
    if len(lines) != 1:
        raise click.ClickException("password: give exactly one line on standard input")
    return lines[0]


@users.command(name="add")
@click.argument("name")
@click.option("--role", required=True, help="manager or inspector.")
@click.option("--area", required=True, help="Country codes the account works in, e.g. GB,IE.")
def users_add(name: str, role: str, area: str) -> None:
    """Add an account; the password comes from standard input (or a prompt)."""
    from helpsite.registry import fields
    from helpsite.registry.accounts import add_account
    from helpsite.registry.errors import RegistryError
    from helpsite.registry.schema import ROLES

    known = _known_countries()
    try:  # name, role and area are checked before a password is asked for
        fields.account_name(name)
        fields.one_of("role", role, ROLES)
        fields.area(area, known)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None
    password = _read_password()
    account = _registry(
        lambda conn: add_account(
            conn, name, role, area, password, now=_now(), known_countries=known
        )
    )
    click.echo(f"added {account.role} {account.name} ({','.join(account.area)})")


@users.command(name="disable")
@click.argument("name")
def users_disable(name: str) -> None:
    """Disable an account: it can no longer sign in (its records stay)."""
    from helpsite.registry.accounts import disable_account

    account = _registry(lambda conn: disable_account(conn, name))
    click.echo(f"disabled {account.name}")


@cli.command()
def demo() -> None:
    """Add demo venues, placements and accounts (again: only what is missing)."""
    from helpsite.registry.demo import add_demo_data

    known = _known_countries()
    report = _registry(lambda conn: add_demo_data(conn, _now(), known))
    for line in report.created:
        click.echo(line)
    click.echo(f"demo data: {len(report.created)} added, {report.existing} there already")
