"""``helpsite export``: the signed static mirror (build, keygen, verify)."""

from __future__ import annotations

from pathlib import Path

import click

from helpsite.cli.common import check_startable, settings_or_exit


class DefaultBuild(click.Group):
    """``helpsite export DIR`` means ``helpsite export build DIR``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["build", *args]
        return super().parse_args(ctx, args)


def _key(option: str | None, settings) -> Path:
    chosen = option or settings.export_key
    if not chosen:
        raise click.ClickException(
            "no signing key: give --key FILE or set HELPSITE_EXPORT_KEY"
            " (make one with `helpsite export keygen FILE`)"
        )
    return Path(chosen)


@click.group(cls=DefaultBuild)
def export() -> None:
    """A static copy of every visitor page, signed, for a static host or CDN fallback."""


@export.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--key", help="Ed25519 private key (PEM); default HELPSITE_EXPORT_KEY.")
def build(directory: Path, key: str | None) -> None:
    """Write every visitor page into DIRECTORY, with _headers, an nginx snippet and a
    signed manifest; says which pages changed since the export already there."""
    from helpsite.export.build import export_site
    from helpsite.export.signing import KeyError_

    settings = settings_or_exit()
    check_startable(settings)
    try:
        report = export_site(settings, directory, _key(key, settings))
    except KeyError_ as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{report.pages} pages exported to {directory}, signed")
    if report.first:
        return
    if not (report.changed or report.added or report.removed):
        click.echo("no page changed since the last export")
    for label, names in (
        ("changed", report.changed),
        ("added", report.added),
        ("removed", report.removed),
    ):
        for name in names:
            click.echo(f"{label}: {name}")


@export.command()
@click.argument("key_file", type=click.Path(dir_okay=False, path_type=Path))
def keygen(key_file: Path) -> None:
    """Make an Ed25519 key pair: KEY_FILE (private, mode 0600) and KEY_FILE.pub."""
    from helpsite.export.signing import KeyError_, generate

    try:
        public = generate(key_file)
    except KeyError_ as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"private key: {key_file} (keep it secret)\npublic key: {public}")


@export.command()
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--key", help="Public key (KEY.pub) or the private key; default HELPSITE_EXPORT_KEY.")
def verify(directory: Path, key: str | None) -> None:
    """Check a mirror's signature and every file, and whether it is built from the
    content here now (exit status 1 when altered, 2 when only stale)."""
    from helpsite.export.manifest import content_digest
    from helpsite.export.signing import KeyError_, public_path
    from helpsite.export.verify import verify_export

    settings = settings_or_exit()
    path = _key(key, settings)
    if not key and public_path(path).exists():
        path = public_path(path)
    try:
        verdict = verify_export(directory, path, content_digest(settings))
    except KeyError_ as exc:
        raise click.ClickException(str(exc)) from None
    for problem in verdict.problems:
        click.echo(problem, err=True)
    if verdict.problems:
        click.echo(f"ALTERED: {directory} is not the export that was signed", err=True)
        raise SystemExit(1)
    manifest = verdict.manifest
    if verdict.stale:
        click.echo(
            f"STALE: {directory} is intact but built on {manifest.as_of} from other content"
            " than this site has now; export again",
            err=True,
        )
        raise SystemExit(2)
    click.echo(f"OK: {len(manifest.files)} files as signed, built {manifest.as_of}, current")
