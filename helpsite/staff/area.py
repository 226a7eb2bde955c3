"""Outdated posters and the area report, worked out from the registry and today's data.

Outdated: a poster whose printed numbers or free / 24 hours / confidential flags differ
from what the country data says today (compared field by field with the stored copy, so
a comment-only edit of a country file outdates nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from helpsite.registry.accounts import Account
from helpsite.registry.overview import PosterPlace, placements_in, posters_in
from helpsite.staff.pages import printed_code
from helpsite.staff.printing import facts_today, what_changed

FAILING = ("damaged", "obscured", "missing", "wrong-place")


@dataclass(frozen=True)
class Outdated:
    place: PosterPlace
    changes: tuple[str, ...]


def outdated_posters(site, places: Sequence[PosterPlace]) -> list[Outdated]:
    """The posters whose printed facts differ from today's, with what changed."""
    today_by_kind: dict[tuple, dict | None] = {}
    found = []
    for place in places:
        poster = place.poster
        kind = (place.venue.country, poster.languages, poster.format)
        if kind not in today_by_kind:
            today_by_kind[kind] = facts_today(site, *kind)
        changes = what_changed(poster.printed_data, today_by_kind[kind])
        if changes:
            found.append(Outdated(place, tuple(changes)))
    return found


def scope_of(account: Account) -> dict:
    """Which posters an account's lists cover: a manager's venues, an inspector's area."""
    return {"manager_id": account.id} if account.role == "manager" else {}


def load_outdated(conn, site, account: Account) -> list[Outdated]:
    return outdated_posters(site, posters_in(conn, account.area, **scope_of(account)))


@dataclass
class VenueCount:
    venue: object
    expected: int = 0  # placements with a poster that should be on the wall
    found: int = 0  # of those, found at the last inspection (not missing)
    inspected: int = 0


@dataclass
class AreaReport:
    today: date
    due: list = field(default_factory=list)  # (placement, venue, poster or None)
    failing: list[PosterPlace] = field(default_factory=list)
    tampered: list[PosterPlace] = field(default_factory=list)
    outdated: list[Outdated] = field(default_factory=list)
    venues: list[VenueCount] = field(default_factory=list)


def area_report(conn, site, account: Account, today: date) -> AreaReport:
    """Posters due, failing, tampered or outdated; per venue expected against found."""
    places = posters_in(conn, account.area, **scope_of(account))
    report = AreaReport(today)
    by_placement = {p.placement.id: p for p in places}
    counts: dict[int, VenueCount] = {}
    for placement, venue in placements_in(conn, account.area):
        if account.role == "manager" and venue.manager_id != account.id:
            continue
        count = counts.setdefault(venue.id, VenueCount(venue))
        place = by_placement.get(placement.id)
        if placement.next_due <= today:
            report.due.append((placement, venue, place.poster if place else None))
        if place is None:
            continue
        count.expected += 1
        if place.last is not None:
            count.inspected += 1
            if place.last.result != "missing":
                count.found += 1
            if place.last.result in FAILING:
                report.failing.append(place)
            elif place.last.result == "tampered":
                report.tampered.append(place)
    report.outdated = outdated_posters(site, places)
    report.venues = list(counts.values())
    return report


REPORT_COLUMNS = ("section", "country", "venue", "placement", "code", "detail")


def report_rows(report: AreaReport) -> list[tuple[str, ...]]:
    """The report as spreadsheet rows (the caller makes each cell formula-safe)."""
    rows = []
    for placement, venue, poster in report.due:
        code = printed_code(poster.location_code) if poster else ""
        detail = f"due {placement.next_due.isoformat()}" + ("" if poster else ", no poster")
        rows.append(("due", venue.country, venue.name, placement.description, code, detail))
    for section, places in (("failing", report.failing), ("tampered", report.tampered)):
        for p in places:
            detail = f"{p.last.result} on {p.last.inspected_at.date().isoformat()}"
            rows.append(
                (section, p.venue.country, p.venue.name, p.placement.description,
                 printed_code(p.poster.location_code), detail)
            )  # fmt: skip
    for item in report.outdated:
        p = item.place
        rows.append(
            ("outdated", p.venue.country, p.venue.name, p.placement.description,
             printed_code(p.poster.location_code), "; ".join(item.changes))
        )  # fmt: skip
    for count in report.venues:
        rows.append(
            ("venue", count.venue.country, count.venue.name, "", "",
             f"expected {count.expected}, found {count.found}, inspected {count.inspected}")
        )  # fmt: skip
    return rows
