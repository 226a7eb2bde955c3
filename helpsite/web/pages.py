"""What each visitor page shows, built from the content model for one language and country."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location

from helpsite.content.model import Country, Helpline, Right
from helpsite.i18n import Language


@dataclass(frozen=True)
class HelplineView:
    helpline: Helpline
    open_now: bool
    zone_city: str | None  # shown beside office hours when the country has several zones


@dataclass(frozen=True)
class RightsGroup:
    region: str | None  # None: the whole country
    rights: tuple[Right, ...]


def helplines_for(country: Country, language: Language, now: datetime) -> list[HelplineView]:
    views = []
    for helpline in country.shown(country.helplines):
        hours = helpline.hours
        zone_city = None
        if hours is not None and not hours.always:
            zone_city = _zone_city(hours.timezone, str(language.locale))
        open_now = hours is not None and hours.is_open(now)
        views.append(HelplineView(helpline, open_now, zone_city))
    # Trafficking lines first, then the rest in file order: the file orders by usefulness.
    views.sort(key=lambda v: v.helpline.kind != "trafficking")
    return views


@functools.cache
def _zone_city(timezone: str, locale: str) -> str:
    return get_timezone_location(ZoneInfo(timezone), locale=locale, return_city=True)


def rights_groups(country: Country) -> list[RightsGroup]:
    shown = country.shown(country.rights)
    groups = [RightsGroup(None, tuple(r for r in shown if r.region is None))]
    for region in country.regions:
        rights = tuple(r for r in shown if r.region == region.id)
        if rights:
            groups.append(RightsGroup(region.name, rights))
    return [g for g in groups if g.rights]


def help_context(country: Country, language: Language, now: datetime | None = None) -> dict:
    now = now or datetime.now(UTC)
    return {
        "emergency": country.shown(country.emergency),
        "helplines": helplines_for(country, language, now),
        "rights_groups": rights_groups(country),
        "last_verified": country.last_verified,
    }
