"""Build a poster's content for one country, in chosen languages, from catalogs and data."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from helpsite.content.model import Country, Emergency, Helpline
from helpsite.i18n import Language
from helpsite.posters import text as poster_text
from helpsite.posters.digest import content_digest
from helpsite.posters.request import PosterRequest, PosterRequestError, poster_helpline
from qr.codes import LocationCode, new_code, payload_url
from qr.content import LanguageBlock, PosterContent


def offer_text(helpline: Helpline) -> str:
    """Never promise more than the line does: "free", "24 hours" and "confidential" only
    when the data says so."""
    if not helpline.free:
        return poster_text.OFFER_CALL
    always = helpline.hours is not None and helpline.hours.always
    if helpline.confidential:
        return poster_text.OFFER_CONFIDENTIAL_24H if always else poster_text.OFFER_CONFIDENTIAL
    return poster_text.OFFER_24H if always else poster_text.OFFER


def content_version(
    country: Country,
    helpline: Helpline,
    emergency: Emergency,
    languages: tuple[LanguageBlock, ...],
    format_name: str,
) -> str:
    """Which content the poster prints: country, newest fact date, digest of what it says."""
    digest = content_digest(country.code, helpline, emergency, languages, format_name)
    return f"{country.code} {country.last_verified} {digest}"


def language_block(language: Language, offer: str) -> LanguageBlock:
    gettext = language.translations.gettext
    return LanguageBlock(
        tag=language.tag,
        direction=language.direction,
        questions=" ".join(gettext(q) for q in poster_text.QUESTIONS),
        offer=gettext(offer),
        scan=gettext(poster_text.SCAN),
        helpline_label=gettext(poster_text.HELPLINE),
        emergency_label=gettext(poster_text.EMERGENCY),
    )


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def check_base_url(base_url: str) -> str | None:
    """Refuse an address that would send the code unencrypted; warn for a local one."""
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        return None
    if parts.hostname in LOCAL_HOSTS:
        return (
            f"these posters point at {base_url}, this computer's own address: fine for a trial,"
            " useless on a wall (set HELPSITE_BASE_URL)"
        )
    raise PosterRequestError(
        "base_url",
        f"{base_url} is not https: the location code would cross the network unencrypted"
        " (set HELPSITE_BASE_URL to the site's https address)",
    )


def build_content(
    request: PosterRequest,
    base_url: str,
    *,
    code: LocationCode | None = None,
    today: date | None = None,
) -> PosterContent:
    check_base_url(base_url)
    country = request.country
    helpline = poster_helpline(country)
    emergency = country.shown(country.emergency)[0]
    code = code or new_code(country.code)
    url = payload_url(base_url, code)
    offer = offer_text(helpline)
    blocks = tuple(language_block(lang, offer) for lang in request.languages)
    return PosterContent(
        languages=blocks,
        helpline_display=helpline.number.display,
        helpline_tel=helpline.number.dial,
        emergency_number=emergency.number.display,
        payload_url=url,
        short_url=url.split("://", 1)[1],  # what a person types: the payload without scheme
        location_code=code.printed,
        print_date=today or date.today(),
        content_version=content_version(country, helpline, emergency, blocks, request.format_name),
        venue=request.venue or None,
        placement=request.placement or None,
        # The newest verified date of the facts the poster prints, for "Helpline data of".
        data_edition=max(helpline.verified, emergency.verified),
    )
