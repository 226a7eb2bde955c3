"""Build a poster's content for one country, in chosen languages, from catalogs and data."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from helpsite import poster_text
from helpsite.content.model import Country, Helpline
from helpsite.i18n import Language, match_tag
from qr.codes import LocationCode, new_code, payload_url
from qr.content import LanguageBlock, PosterContent
from qr.formats import PosterFormat


class PosterRequestError(ValueError):
    """A poster request that cannot be printed; ``field`` names what to change."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PosterRequest:
    country: Country
    languages: tuple[Language, ...]
    format_name: str
    venue: str | None = None
    placement: str | None = None


def check_staff_text(field: str, value: str | None, limit: int = 200) -> str | None:
    """Venue and placement: printed small on the poster, so plain text only."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise PosterRequestError(field, f"at most {limit} characters")
    for ch in value:
        category = unicodedata.category(ch)
        if category.startswith("C") or category == "So":
            raise PosterRequestError(
                field, f"use letters, numbers and punctuation only (not U+{ord(ch):04X})"
            )
    return value or None


def parse_language_tags(text: str, offered: dict[str, Language]) -> tuple[Language, ...]:
    """``en,zh-Hans, pt_br`` -> languages; BCP 47 in any case, with - or _."""
    chosen: list[Language] = []
    for raw in text.replace(";", ",").split(","):
        if not raw.strip():
            continue
        language = match_tag(raw, offered)
        if language is None:
            known = ", ".join(sorted(lang.tag for lang in offered.values()))
            raise PosterRequestError("languages", f"{raw.strip()!r} is not offered; use {known}")
        if language in chosen:
            raise PosterRequestError("languages", f"{language.tag} is listed twice")
        chosen.append(language)
    if not chosen:
        raise PosterRequestError("languages", "choose at least one language")
    return tuple(chosen)


def check_languages_for_format(languages: tuple[Language, ...], fmt: PosterFormat) -> None:
    """The format's language rules (count; US notice laws: English and Spanish)."""
    if not fmt.min_languages <= len(languages) <= fmt.max_languages:
        raise PosterRequestError(
            "languages", f"{fmt.title} takes {fmt.min_languages} to {fmt.max_languages} languages"
        )
    present = {language.locale.language for language in languages}
    missing = [tag for tag in fmt.required_languages if tag not in present]
    if missing:
        raise PosterRequestError("languages", f"{fmt.title} must include: {', '.join(missing)}")


def default_languages(country: Country, offered: dict[str, Language], limit: int) -> str:
    """The country's own poster languages that have complete catalogs, most common first."""
    tags = [t for t in country.poster_languages if t.lower() in offered]
    return ",".join(tags[:limit]) or "en"


# A poster asks "Are you forced to work?": its line must be for everyone who answers yes.
# Lines for one group (violence against women) stay on the web page, not on posters.
POSTER_KINDS = ("trafficking", "anonymous-report", "labour", "police")


def default_format(country: Country) -> str:
    """A4 where it is legal paper, else the country's first format (US: Letter)."""
    from qr import formats_for

    offered = [fmt.name for fmt in formats_for(country.code)]
    return "a4" if "a4" in offered else offered[0]


def poster_helpline(country: Country) -> Helpline:
    """The number a poster prints: a trafficking line, free and 24/7 if there is one."""
    lines = [
        h
        for h in country.shown(country.helplines)
        if h.number is not None and h.kind in POSTER_KINDS
    ]
    if not lines:
        raise PosterRequestError(
            "country",
            f"{country.code} has no verified helpline for everyone to print on a poster"
            " (its page still lists the emergency numbers and any other lines)",
        )

    def rank(h: Helpline) -> tuple:
        always = h.hours is not None and h.hours.always
        return (POSTER_KINDS.index(h.kind), not h.free, not always)

    return sorted(lines, key=rank)[0]


def offer_text(helpline: Helpline) -> str:
    """Never promise more than the line does: "free", "24 hours" and "confidential" only
    when the data says so."""
    if not helpline.free:
        return poster_text.OFFER_CALL
    always = helpline.hours is not None and helpline.hours.always
    if helpline.confidential:
        return poster_text.OFFER_CONFIDENTIAL_24H if always else poster_text.OFFER_CONFIDENTIAL
    return poster_text.OFFER_24H if always else poster_text.OFFER


def content_version(country: Country) -> str:
    """Which data the poster was printed from: country, newest fact date, file digest."""
    digest = hashlib.sha256(Path(country.source_file).read_bytes()).hexdigest()[:8]
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
    return PosterContent(
        languages=tuple(language_block(lang, offer) for lang in request.languages),
        helpline_display=helpline.number.display,
        helpline_tel=helpline.number.dial,
        emergency_number=emergency.number.display,
        payload_url=url,
        short_url=url.split("://", 1)[1],  # what a person types: the payload without scheme
        location_code=code.printed,
        print_date=today or date.today(),
        content_version=content_version(country),
        venue=request.venue or None,
        placement=request.placement or None,
        # The newest verified date of the facts the poster prints, for "Helpline data of".
        data_edition=max(helpline.verified, emergency.verified),
    )
