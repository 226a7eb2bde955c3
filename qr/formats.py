"""Poster formats, loaded from ``formats.toml`` so that a format is data a reviewer can read.

The loader validates the file and refuses a format that could not be legal, such as a
US-law format declared on A4 paper (A4 is 210 mm wide; the laws ask for 8.5 in = 215.9 mm).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from qr.errors import PosterRefused
from qr.notices import StateNotice, notices
from qr.toml_entries import check_keys, load_entries

FORMATS_FILE = Path(__file__).with_name("formats.toml")
# Paper may differ from its declared size by this much (printer and PDF rounding).
PAPER_TOLERANCE_MM = 0.5

_KEYS = {
    "name": str,
    "title": str,
    "use": str,
    "paper_mm": list,
    "margin_mm": (int, float),
    "viewing_distance_m": (int, float),
    "min_text_pt": (int, float),
    "fine_print_pt": (int, float),
    "min_languages": int,
    "max_languages": int,
    "required_languages": list,
    "countries": list,
    "exclude_countries": list,
    "law": str,
}


@dataclass(frozen=True)
class PosterFormat:
    """One paper format with the rules a poster on it must meet."""

    name: str
    title: str
    use: str
    width_mm: float
    height_mm: float
    margin_mm: float
    viewing_distance_m: float
    min_text_pt: float
    fine_print_pt: float
    min_languages: int
    max_languages: int
    required_languages: tuple[str, ...]
    countries: tuple[str, ...]
    exclude_countries: tuple[str, ...]
    law: str
    law_min_paper_mm: tuple[float, float] | None = None
    notice_state: str | None = None  # a key of qr/notices.toml, for US state formats

    @property
    def notice(self) -> StateNotice | None:
        """The state notice this format is made for (``None``: not made for a state law)."""
        return notices()[self.notice_state] if self.notice_state else None

    @property
    def notice_line(self) -> str | None:
        """What the poster says about poster laws: names the law, or says it complies with none.

        Formats offered in the US always say one or the other, so nobody takes a general
        poster for a state's notice.
        """
        if self.notice is not None:
            return self.notice.small_print
        if "US" in self.countries:
            return "Not a compliance notice for any US state's poster law."
        return None

    @property
    def min_qr_mm(self) -> float:
        """QR width (without quiet zone) that scans from the viewing distance: 1/10 of it."""
        return self.viewing_distance_m * 1000 / 10

    def offered_in(self, country: str) -> bool:
        """Whether this format may be used for a poster in ``country`` (ISO alpha-2)."""
        country = country.upper()
        if country in self.exclude_countries:
            return False
        return "*" in self.countries or country in self.countries


def _refuse(name: str, message: str) -> PosterRefused:
    return PosterRefused("format-file", f"format {name!r} in formats.toml: {message}")


def _parse(entry: dict) -> PosterFormat:
    name = str(entry.get("name", "?"))
    check_keys(entry, name, _KEYS, {"law_min_paper_mm", "notice"}, _refuse)
    width, height = (float(v) for v in entry["paper_mm"])
    if not 0 < width <= height:
        raise _refuse(name, "paper_mm must be [width, height] of a portrait sheet")
    law_min = entry.get("law_min_paper_mm")
    if law_min is not None:
        min_w, min_h = (float(v) for v in law_min)
        if width < min_w - 1e-9 or height < min_h - 1e-9:
            raise _refuse(
                name,
                f"paper {width} x {height} mm is smaller than the legal minimum "
                f"{min_w} x {min_h} mm; A4 (210 mm wide) is narrower than 8.5 in and A3 "
                "(420 mm tall) shorter than 17 in, so use Letter or Tabloid paper",
            )
        law_min = (min_w, min_h)
    notice_state = entry.get("notice")
    if notice_state is not None:
        notice = notices().get(notice_state) if isinstance(notice_state, str) else None
        if notice is None:
            raise _refuse(name, f"notice {notice_state!r} is not in notices.toml")
        _check_notice(name, entry, notice)
    if not 1 <= entry["min_languages"] <= entry["max_languages"]:
        raise _refuse(name, "need 1 <= min_languages <= max_languages")
    if len(entry["required_languages"]) > entry["min_languages"]:
        raise _refuse(name, "more required_languages than min_languages")
    if entry["fine_print_pt"] > entry["min_text_pt"]:
        raise _refuse(name, "fine_print_pt must not exceed min_text_pt")
    if law_min is not None and entry["fine_print_pt"] < entry["min_text_pt"]:
        raise _refuse(name, "a format with a legal text size needs fine_print_pt = min_text_pt")
    return PosterFormat(
        name=name,
        title=entry["title"],
        use=entry["use"],
        width_mm=width,
        height_mm=height,
        margin_mm=float(entry["margin_mm"]),
        viewing_distance_m=float(entry["viewing_distance_m"]),
        min_text_pt=float(entry["min_text_pt"]),
        fine_print_pt=float(entry["fine_print_pt"]),
        min_languages=entry["min_languages"],
        max_languages=entry["max_languages"],
        required_languages=tuple(tag.lower() for tag in entry["required_languages"]),
        countries=tuple(c.upper() for c in entry["countries"]),
        exclude_countries=tuple(c.upper() for c in entry["exclude_countries"]),
        law=entry["law"],
        law_min_paper_mm=law_min,
        notice_state=notice_state,
    )


def _check_notice(name: str, entry: dict, notice: StateNotice) -> None:
    """A state format meets its law's paper size, type size and languages."""
    width, height = (float(v) for v in entry["paper_mm"])
    min_w, min_h = (inch * 25.4 for inch in notice.min_paper_in)
    if width < min_w - 1e-6 or height < min_h - 1e-6:
        raise _refuse(name, f"{notice.law} needs paper of at least {min_w:g} x {min_h:g} mm")
    if entry["fine_print_pt"] < notice.min_text_pt:
        raise _refuse(name, f"{notice.law} needs {notice.min_text_pt:g}-point type throughout")
    missing = [tag for tag in notice.languages if tag not in entry["required_languages"]]
    if missing:
        raise _refuse(name, f"{notice.law} requires {', '.join(missing)} in required_languages")


def load_formats(path: Path | str = FORMATS_FILE) -> dict[str, PosterFormat]:
    """Read and validate a formats file; raise ``PosterRefused`` on any bad entry."""
    formats = load_entries(path, "format", _parse, lambda fmt: fmt.name, _refuse)
    if not formats:
        raise PosterRefused("format-file", f"{path}: no [[format]] entries")
    return formats


@functools.cache
def formats() -> dict[str, PosterFormat]:
    """The shipped formats, loaded once."""
    return load_formats()


def get_format(name: str | PosterFormat) -> PosterFormat:
    """A shipped format by name (``"a4"``, ``"letter"``...); formats pass through."""
    if isinstance(name, PosterFormat):
        return name
    try:
        return formats()[name.lower()]
    except KeyError:
        known = ", ".join(formats())
        raise PosterRefused("format", f"no format {name!r}; choose one of {known}") from None


def formats_for(country: str) -> list[PosterFormat]:
    """The formats offered for a country, smallest first (US: Letter and Tabloid only)."""
    return [fmt for fmt in formats().values() if fmt.offered_in(country)]
