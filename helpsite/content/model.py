"""The country content model: every fact carries its source and the date it was verified."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from helpsite.content.hours import Hours
from helpsite.content.phones import PhoneNumber

SERVICES = ("all", "police", "ambulance", "fire")
HELPLINE_KINDS = ("trafficking", "police", "violence", "labour", "anonymous-report", "support")
RIGHT_TOPICS = (
    "non-punishment",
    "recovery-period",
    "residence",
    "legal-help",
    "immigration-firewall",
    "support-without-police",
    "other",
)


@dataclass(frozen=True, kw_only=True)
class Fact:
    source: str
    verified: date
    status: str = "verified"
    region: str | None = None

    @property
    def visible(self) -> bool:
        """Unverified facts stay in the data, so the gap is seen, but never reach visitors."""
        return self.status == "verified"


@dataclass(frozen=True, kw_only=True)
class Emergency(Fact):
    number: PhoneNumber
    services: tuple[str, ...]
    note: str | None = None
    sms: PhoneNumber | None = None


@dataclass(frozen=True, kw_only=True)
class Helpline(Fact):
    id: str
    name: str
    # ``name`` is the organisation's or service's own name, shown as written in every
    # language; otherwise it describes the line and is translated.
    proper_name: bool = False
    operator: str
    kind: str
    description: str
    number: PhoneNumber | None
    free: bool
    hours: Hours | None = None
    confidentiality: str | None = None
    confidential: bool = False  # the line itself says calls are confidential (posters say so)
    languages: tuple[str, ...] = ()
    interpreters: bool = False
    interpreter_note: str | None = None
    sms: PhoneNumber | None = None
    textphone: PhoneNumber | None = None
    online: str | None = None
    email: str | None = None


@dataclass(frozen=True, kw_only=True)
class VictimLanguages(Fact):
    """Languages of the most common nationalities of identified victims, most frequent first.

    A fact like any other (official statistics: NRM figures, GRETA, the US TIP report);
    posters' default languages follow it.
    """

    tags: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Right(Fact):
    topic: str
    title: str
    text: str
    law: str | None = None


@dataclass(frozen=True)
class Region:
    id: str
    name: str


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, upper case
    timezone: str
    poster_languages: tuple[str, ...]
    exit_url: str | None = None
    regions: tuple[Region, ...] = ()
    emergency: tuple[Emergency, ...] = ()
    helplines: tuple[Helpline, ...] = ()
    rights: tuple[Right, ...] = ()
    victim_languages: VictimLanguages | None = None
    source_file: str = field(default="", compare=False)

    @property
    def slug(self) -> str:
        return self.code.lower()

    def shown(self, facts: tuple) -> tuple:
        return tuple(f for f in facts if f.visible)

    @property
    def last_verified(self) -> date | None:
        """Newest verification date of any shown fact: the content version posters print."""
        dates = [f.verified for f in self.all_facts() if f.visible]
        return max(dates) if dates else None

    def all_facts(self) -> tuple[Fact, ...]:
        return (*self.emergency, *self.helplines, *self.rights)

    def region_name(self, region_id: str | None) -> str | None:
        for region in self.regions:
            if region.id == region_id:
                return region.name
        return None
