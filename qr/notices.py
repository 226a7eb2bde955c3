"""US state trafficking-help notices, loaded from ``notices.toml``: statutory text is data.

A poster may print a law's wording only as quoted from a source we read, and may call
itself that state's notice only when the data says every requirement is met.  The
loader refuses a file that claims compliance with wording missing for a required
language, or where the law requires a state agency's own notice instead of ours.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

from qr.errors import PosterRefused
from qr.toml_entries import check_keys, load_entries

NOTICES_FILE = Path(__file__).with_name("notices.toml")

_REQUIRED = {
    "state": str,
    "law": str,
    "min_paper_in": list,
    "min_text_pt": (int, float),
    "languages": list,
    "official_notice": str,
    "wording": dict,
    "wording_source": str,
    "source": str,
    "verified": datetime.date,
    "compliance": bool,
    "not_compliance_reason": str,
}
_OPTIONAL = {"see_also": list}


@dataclass(frozen=True)
class StateNotice:
    """What one state's law prescribes for a trafficking-help notice, and what we print."""

    state: str  # ISO 3166-2, e.g. "US-CA"
    law: str  # citation, never translated: "California Civil Code §52.6"
    min_paper_in: tuple[float, float]
    min_text_pt: float  # 0 = the law sets none
    languages: tuple[str, ...]
    official_notice: str
    wording: tuple[tuple[str, str], ...]  # (language, statutory text) as quoted
    wording_source: str
    source: str
    verified: datetime.date
    compliance: bool
    not_compliance_reason: str
    see_also: tuple[str, ...] = ()

    @property
    def small_print(self) -> str:
        """The line the poster prints about this law, in English (law text is not translated)."""
        if self.compliance:
            return f"Notice required by {self.law}."
        return f"Not a compliance notice for {self.law}: {self.not_compliance_reason}."

    @property
    def summary(self) -> str:
        """One line for ``helpsite posters formats``."""
        if self.compliance:
            return f"notice required by {self.law}"
        return f"NOT a compliance notice for {self.law}: {self.not_compliance_reason}"


def _refuse(state: str, message: str) -> PosterRefused:
    return PosterRefused("notice-file", f"notice {state!r} in notices.toml: {message}")


def _parse(entry: dict) -> StateNotice:
    state = str(entry.get("state", "?"))
    check_keys(entry, state, _REQUIRED, _OPTIONAL, _refuse)
    urls = [entry["source"], entry["wording_source"], *entry.get("see_also", ())]
    if any(url and not str(url).startswith(("https://", "http://")) for url in urls):
        raise _refuse(state, "sources must be web addresses")
    if not entry["source"]:
        raise _refuse(state, "every notice needs a source")
    wording = tuple((lang.lower(), text) for lang, text in entry["wording"].items())
    if any(not isinstance(text, str) or not text.strip() for _, text in wording):
        raise _refuse(state, "wording must be non-empty text per language")
    if wording and not entry["wording_source"]:
        raise _refuse(state, "statutory wording needs the wording_source it was quoted from")
    languages = tuple(tag.lower() for tag in entry["languages"])
    quoted = {lang for lang, _ in wording}
    if entry["compliance"]:
        missing = [lang for lang in languages if lang not in quoted]
        if missing:
            raise _refuse(state, f"compliance = true but no wording for {', '.join(missing)}")
        if entry["official_notice"]:
            raise _refuse(state, "compliance = true but the law requires an official notice")
    elif not entry["not_compliance_reason"].strip():
        raise _refuse(state, "a notice that is not compliant must say why")
    width, height = (float(v) for v in entry["min_paper_in"])
    return StateNotice(
        state=state,
        law=entry["law"],
        min_paper_in=(width, height),
        min_text_pt=float(entry["min_text_pt"]),
        languages=languages,
        official_notice=entry["official_notice"],
        wording=wording,
        wording_source=entry["wording_source"],
        source=entry["source"],
        verified=entry["verified"],
        compliance=entry["compliance"],
        not_compliance_reason=entry["not_compliance_reason"].rstrip("."),
        see_also=tuple(entry.get("see_also", ())),
    )


def load_notices(path: Path | str = NOTICES_FILE) -> dict[str, StateNotice]:
    """Read and validate a notices file; raise ``PosterRefused`` on any bad entry."""
    return load_entries(path, "notice", _parse, lambda notice: notice.state, _refuse)


@functools.cache
def notices() -> dict[str, StateNotice]:
    """The shipped notices, loaded once."""
    return load_notices()
