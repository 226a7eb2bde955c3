"""What a poster says: plain frozen data handed over by the web app.

The generator never looks strings up itself; helpsite passes reviewed translations in,
so this package cannot print an unreviewed or stale text by accident.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# BCP 47 as used on posters: language, optional script, region or UN M.49 area, variants.
_BCP47 = re.compile(
    r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*$"
)
# E.164, or a national short code (116 006, 999) that has no E.164 form.
_TEL = re.compile(r"^(\+[1-9]\d{1,14}|\d{3,8})$")
_DIRECTIONS = ("ltr", "rtl")


def _text(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be non-empty text")


@dataclass(frozen=True)
class LanguageBlock:
    """The poster's words in one language, as reviewed in the catalogs."""

    tag: str  # BCP 47, e.g. "en", "es-419", "zh-Hans", "ti"
    direction: str  # "ltr" or "rtl"
    questions: str  # "Are you forced to work? Can you leave? Is someone keeping your passport?"
    offer: str  # "Free, confidential help, 24 hours"
    scan: str  # "Scan the code with your phone camera"
    helpline_label: str  # "Helpline"
    emergency_label: str  # "Emergency"

    def __post_init__(self) -> None:
        if not isinstance(self.tag, str) or not _BCP47.match(self.tag):
            raise ValueError(f"not a BCP 47 language tag: {self.tag!r} (e.g. 'en', 'zh-Hans')")
        if self.direction not in _DIRECTIONS:
            raise ValueError(f"direction must be 'ltr' or 'rtl', not {self.direction!r}")
        for name in ("questions", "offer", "scan", "helpline_label", "emergency_label"):
            _text(name, getattr(self, name))

    @property
    def language(self) -> str:
        """The primary language subtag, lower case: 'es' for 'es-419'."""
        return self.tag.split("-", 1)[0].lower()

    def texts(self) -> tuple[str, ...]:
        """Every string this block prints."""
        return (self.questions, self.offer, self.scan, self.helpline_label, self.emergency_label)


@dataclass(frozen=True)
class PosterContent:
    """Everything one poster prints.  Venue and placement are for staff, never in the QR."""

    languages: tuple[LanguageBlock, ...]
    helpline_display: str  # as printed: "08000 121 700"
    helpline_tel: str  # E.164 "+448000121700", or a short code "116006"; for the tel: link
    emergency_number: str  # as printed: "999"
    payload_url: str  # what the QR encodes: qr.codes.payload_url(...)
    short_url: str  # printed beside the QR: "help.example.org/GB7K2Q9XM5"
    location_code: str  # printed form: "GB 7K2Q-9XM5"
    print_date: datetime.date
    content_version: str  # catalog/content version, e.g. "2026.11-3"
    venue: str | None = None  # e.g. "Central Station"; printed small for staff
    placement: str | None = None  # e.g. "Ladies' toilets, 2nd cubicle"
    # Newest `verified` date of the facts printed (helpline, emergency number): printed
    # as "Helpline data of 24 Nov 2026" so a person can tell an old poster.
    data_edition: datetime.date | None = None

    def __post_init__(self) -> None:
        # Accept any sequence but store a tuple, so the content stays immutable and hashable.
        object.__setattr__(self, "languages", tuple(self.languages))
        if not self.languages:
            raise ValueError("a poster needs at least one language")
        if not all(isinstance(b, LanguageBlock) for b in self.languages):
            raise ValueError("languages must be LanguageBlock objects")
        tags = [b.tag.lower() for b in self.languages]
        if len(set(tags)) != len(tags):
            raise ValueError(f"a language appears twice: {tags}")
        for name in (
            "helpline_display",
            "emergency_number",
            "payload_url",
            "short_url",
            "location_code",
            "content_version",
        ):
            _text(name, getattr(self, name))
        if not _TEL.match(self.helpline_tel):
            raise ValueError(
                f"helpline_tel must be E.164 like '+448000121700' (or a short code like "
                f"'116006'): {self.helpline_tel!r}"
            )
        if not isinstance(self.print_date, datetime.date):
            raise ValueError("print_date must be a datetime.date")
        if self.data_edition is not None and not isinstance(self.data_edition, datetime.date):
            raise ValueError("data_edition must be a datetime.date or None")
        for name in ("venue", "placement"):
            value = getattr(self, name)
            if value is not None:
                _text(name, value)

    def texts(self) -> tuple[str, ...]:
        """Every string printed on the poster, for the font-coverage check."""
        out: list[str] = [t for block in self.languages for t in block.texts()]
        out += [self.helpline_display, self.emergency_number, self.short_url, self.location_code]
        out += [v for v in (self.venue, self.placement) if v]
        out += [self.fine_print]
        return tuple(out)

    @property
    def fine_print(self) -> str:
        """The staff line: when printed, which data, where it hangs (English, like the venue).

        The content version itself (a digest) is not printed: it means nothing to a reader.
        """
        parts = [f"Printed {human_date(self.print_date)}"]
        if self.data_edition is not None:
            parts.append(f"Helpline data of {human_date(self.data_edition)}")
        parts += [v for v in (self.venue, self.placement) if v]
        return " · ".join(parts)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(day: datetime.date) -> str:
    """'24 Nov 2026': unambiguous in every country, unlike 11/24 or 24/11."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
