"""``helpsite posters``: formats, one poster, or a batch from CSV, all or nothing."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from helpsite.cli.common import site_for_posters


@click.group()
def posters() -> None:
    """Print QR posters for venues (PDF, SVG or PNG), one or a batch from CSV."""


@posters.command(name="formats")
@click.option("--country", default=None, help="Only formats offered in this country.")
def list_formats(country: str | None) -> None:
    """The paper formats, their viewing distance and language rules."""
    from helpsite.posters.request import PosterRequestError, parse_country
    from qr import formats, formats_for

    if country:
        try:  # the request parser's rule: exactly two ASCII letters of a country we have
            country = parse_country(country, site_for_posters().countries).code
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

    site = site_for_posters()
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
    site = site_for_posters()
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
