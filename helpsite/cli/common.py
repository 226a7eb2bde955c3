"""What every command needs: settings read once, a clear line instead of a traceback."""

from __future__ import annotations

import click

from helpsite.settings import Settings, SettingsError


def settings_or_exit() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def check_startable(settings: Settings) -> None:
    """Load content and catalogs once here, so a problem is one clear line, not a traceback."""
    from helpsite.content.loader import ContentError
    from helpsite.i18n import CatalogError
    from helpsite.kiosk.pages import build_kiosk
    from helpsite.web.site import build_site

    try:
        build_kiosk(build_site(settings))
    except (ContentError, CatalogError, SettingsError) as exc:
        raise click.ClickException(f"cannot start: {exc}") from None


def site_for_posters():
    from helpsite.web.site import build_site

    settings = settings_or_exit()
    check_startable(settings)
    return build_site(settings)
