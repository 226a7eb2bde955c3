"""Venue managers' pages: venues, placements, printing registered posters, the sheet.

Every page checks the account first: a manager sees and changes only the venues they
registered; an inspector may look at venues in their area, never change them.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from helpsite.posters.request import (
    PosterRequestError,
    PosterRequestInvalid,
    default_format,
    default_languages,
    parse_request,
)
from helpsite.posters.spreadsheet import csv_safe
from helpsite.registry import fields
from helpsite.registry.accounts import Account
from helpsite.registry.errors import NotAllowed, NotFound, RegistryError
from helpsite.registry.overview import active_poster_by_placement
from helpsite.registry.posters import Poster, find_poster, register_poster, remove_poster
from helpsite.registry.schema import VENUE_TYPES
from helpsite.registry.venues import (
    Venue,
    add_placement,
    add_venue,
    get_venue,
    may_manage,
    placements_of,
    visible_venues,
)
from helpsite.staff.forms import account_of, form_of, state_changing
from helpsite.staff.guidance import guidance
from helpsite.staff.pages import language_choices, page, printed_code, refuse
from helpsite.staff.printing import poster_facts
from helpsite.staff.render_pool import (
    RETRY_AFTER_SECONDS,
    ClientGone,
    PoolBusy,
    RenderCrashed,
    RenderRefused,
    pdf_job,
)
from qr import PosterRefused, formats

SHEET_COLUMNS = ("code", "venue", "placement", "format", "languages", "printed", "state")


def _now() -> datetime:
    return datetime.now(UTC)


def _site(request: Request):
    return request.app.state.site


def _store(request: Request):
    return request.app.state.store


def may_see(account: Account, venue: Venue) -> bool:
    """A venue's manager, or an inspector whose area holds it."""
    if account.role == "manager":
        return may_manage(account, venue)
    return account.works_in(venue.country)


async def _venue(request: Request, *, manage: bool) -> Venue | Response:
    """The venue named in the path, if this account may see (or manage) it."""
    account = account_of(request)
    try:
        venue = await _store(request).read(get_venue, request.path_params["venue_id"])
    except NotFound:
        return refuse("There is no such venue.", 404)
    allowed = may_manage(account, venue) if manage else may_see(account, venue)
    if not allowed:
        return refuse("This venue is not one of yours.")
    return venue


# --- home and venue list -------------------------------------------------------------


async def home(request: Request) -> Response:
    account = account_of(request)
    venues = await _store(request).read(visible_venues, account)
    return await page(request, "staff/home.html", title="Staff", venues=venues)


def _country_choices(request: Request, account: Account) -> list:
    site = _site(request)
    return [site.countries[c] for c in account.area if c in site.countries]


async def venue_form(request: Request) -> Response:
    account = account_of(request)
    if account.role != "manager":
        return refuse("Only venue managers register venues.")
    return await _venue_form(request, {}, {})


async def _venue_form(request: Request, values: dict, errors: dict, status: int = 200):
    account = account_of(request)
    return await page(
        request,
        "staff/venue_new.html",
        status=status,
        title="New venue",
        values=values,
        errors=errors,
        countries=_country_choices(request, account),
    )


async def venues(request: Request) -> Response:
    account = account_of(request)
    if request.method == "POST":
        return await state_changing(_add_venue)(request)
    found = await _store(request).read(visible_venues, account)
    return await page(request, "staff/venues.html", title="Venues", venues=found)


async def _add_venue(request: Request) -> Response:
    account = account_of(request)
    if account.role != "manager":
        return refuse("Only venue managers register venues.")
    data = form_of(request)
    values = {name: str(data.get(name, "")) for name in ("name", "address", "country", "type")}
    site = _site(request)
    errors = venue_errors(values, account, site)
    if not errors:
        try:
            venue = await _store(request).write(
                add_venue, account, **values, now=_now(), known_countries=site.countries
            )
        except RegistryError as exc:
            errors[exc.field] = exc.message
        else:
            return RedirectResponse(f"/staff/venues/{venue.id}", status_code=303)
    return await _venue_form(request, values, errors, status=400)


def venue_errors(values: dict, account: Account, site) -> dict[str, str]:
    """Every field's problem at once, so each is shown beside its field."""
    checks = {
        "name": lambda v: fields.plain_text("name", v, 200),
        "address": lambda v: fields.plain_text("address", v, 500),
        "country": lambda v: fields.country("country", v, site.countries),
        "type": lambda v: fields.one_of("type", v, VENUE_TYPES),
    }
    errors = {}
    for name, check in checks.items():
        try:
            check(values.get(name, ""))
        except RegistryError as exc:
            errors[name] = exc.message
    if "country" not in errors and not account.works_in(values["country"].strip().upper()):
        errors["country"] = f"{values['country'].strip().upper()} is outside your area"
    return errors


# --- one venue -----------------------------------------------------------------------


async def _venue_page(
    request: Request, venue: Venue, *, errors: dict | None = None, values=None, status=200
) -> Response:
    site = _site(request)
    store = _store(request)
    places = await store.read(placements_of, venue.id)
    active = await store.read(active_poster_by_placement, venue.id)
    country = site.countries.get(venue.country)
    values = values or {}
    fmt = values.get("format") or (default_format(country).name if country else "")
    chosen = values.get("languages")
    if chosen is None and country is not None:
        chosen = default_languages(
            country, site.visitor_languages, default_format(country).max_languages
        )
    return await page(
        request,
        "staff/venue.html",
        status=status,
        title=venue.name,
        venue=venue,
        placements=places,
        active=active,
        manage=may_manage(account_of(request), venue),
        guidance=guidance(venue.type),
        errors=errors or {},
        values=values,
        formats=list(formats().values()),
        chosen_format=fmt,
        languages=language_choices(site, country),
        chosen_languages=(chosen or "").split(","),
    )


async def venue_page(request: Request) -> Response:
    venue = await _venue(request, manage=False)
    if isinstance(venue, Response):
        return venue
    return await _venue_page(request, venue)


async def add_placement_route(request: Request) -> Response:
    venue = await _venue(request, manage=True)
    if isinstance(venue, Response):
        return venue
    data = form_of(request)
    try:
        await _store(request).write(
            add_placement, account_of(request), venue.id, str(data.get("placement", "")), _now()
        )
    except NotAllowed as exc:
        return refuse(exc.message)
    except RegistryError as exc:
        values = {"placement": str(data.get("placement", ""))}
        return await _venue_page(
            request, venue, errors={"placement-new": exc.message}, values=values, status=400
        )
    return RedirectResponse(f"/staff/venues/{venue.id}", status_code=303)


# --- printing ------------------------------------------------------------------------


async def print_route(request: Request) -> Response:
    """Print posters for the chosen placements; each is registered (a reprint replaces)."""
    venue = await _venue(request, manage=True)
    if isinstance(venue, Response):
        return venue
    data = form_of(request)
    wanted = set(data.getlist("placement"))
    places = [p for p in await _store(request).read(placements_of, venue.id) if str(p.id) in wanted]
    values = {
        "format": str(data.get("format", "")),
        "languages": ",".join(map(str, data.getlist("languages"))),
    }
    if not places:
        errors = {"placement": "Choose at least one placement to print a poster for."}
        return await _venue_page(request, venue, errors=errors, values=values, status=400)
    active = await _store(request).read(active_poster_by_placement, venue.id)
    jobs = [(p, active.get(p.id)) for p in places]
    return await _print(request, venue, jobs, values["format"], values["languages"], values)


async def reprint_route(request: Request) -> Response:
    """A new poster for one that is worn or outdated; the old one becomes ``replaced``."""
    poster, venue = await _managed_poster(request)
    if isinstance(poster, Response):
        return poster
    places = {p.id: p for p in await _store(request).read(placements_of, venue.id)}
    jobs = [(places[poster.placement_id], poster)]
    return await _print(request, venue, jobs, poster.format, ",".join(poster.languages), {})


async def remove_route(request: Request) -> Response:
    poster, venue = await _managed_poster(request)
    if isinstance(poster, Response):
        return poster
    try:
        await _store(request).write(remove_poster, poster.location_code)
    except RegistryError as exc:
        return await _venue_page(request, venue, errors={"poster": exc.message}, status=400)
    return RedirectResponse(f"/staff/venues/{venue.id}", status_code=303)


async def _managed_poster(request: Request) -> tuple[Poster | Response, Venue | None]:
    code = request.path_params["code"]
    poster = await _store(request).read(find_poster, code)
    if poster is None:
        return refuse("There is no such poster.", 404), None
    from helpsite.registry.overview import poster_place

    place = await _store(request).read(poster_place, poster)
    if not may_manage(account_of(request), place.venue):
        return refuse("This poster is not in one of your venues."), None
    if poster.state != "active":
        return refuse(f"This poster is {poster.state} already.", 409), None
    return poster, place.venue


async def _print(request: Request, venue: Venue, jobs: list, fmt: str, languages: str, values):
    site = _site(request)
    requests, errors = [], {}
    for placement, _old in jobs:
        try:
            requests.append(
                parse_request(
                    country=venue.country,
                    languages=languages,
                    format=fmt,
                    venue=venue.name,
                    placement=placement.description,
                    countries=site.countries,
                    offered=site.visitor_languages,
                )
            )
        except PosterRequestInvalid as exc:
            for error in exc.errors:
                errors.setdefault(
                    error.field if error.field != "placements" else "placement", error.message
                )
            break
    if not errors:
        try:
            facts = [poster_facts(r) for r in requests]
        except PosterRequestError as exc:
            errors[exc.field] = exc.message
    if errors:
        return await _venue_page(request, venue, errors=errors, values=values, status=400)
    pool = request.app.state.render_pool
    try:
        pdf, codes = await pool.run(pdf_job(requests, site.settings.base_url), request.receive)
    except (PosterRefused, PosterRequestError, ValueError, RenderRefused) as exc:
        errors["format"] = f"This poster cannot be printed: {exc}"
        return await _venue_page(request, venue, errors=errors, values=values, status=400)
    except (PoolBusy, RenderCrashed):
        errors["format"] = "Other posters are being printed: try again in a few seconds."
        response = await _venue_page(request, venue, errors=errors, values=values, status=503)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    except ClientGone:
        return Response(status_code=499)
    today = _now().date()

    def register_all(conn) -> None:
        for (placement, old), req, code, (digest, printed) in zip(
            jobs, requests, codes, facts, strict=True
        ):
            register_poster(
                conn,
                placement_id=placement.id,
                code=code,
                format=req.format_name,
                languages=tuple(lang.tag for lang in req.languages),
                content_digest=digest,
                printed_data=printed,
                printed_on=today,
                replaces=old.location_code if old is not None else None,
            )

    try:
        await _store(request).write(register_all)
    except RegistryError as exc:  # e.g. reprinted twice at once: nothing half-registered
        errors["placement"] = f"The posters were not registered: {exc.message}. Print again."
        return await _venue_page(request, venue, errors=errors, values=values, status=409)
    name = f"posters-venue-{venue.id}-{requests[0].format_name}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


# --- the placement sheet -------------------------------------------------------------


async def _sheet_rows(request: Request, venue: Venue) -> list[dict]:
    places = await _store(request).read(placements_of, venue.id)
    active = await _store(request).read(active_poster_by_placement, venue.id)
    rows = []
    for placement in places:
        poster = active.get(placement.id)
        rows.append(
            {
                "code": printed_code(poster.location_code) if poster else "",
                "venue": venue.name,
                "placement": placement.description,
                "format": poster.format if poster else "",
                "languages": ", ".join(poster.languages) if poster else "",
                "printed": poster.printed_on.isoformat() if poster else "",
                "state": "on the wall" if poster else "no poster yet",
            }
        )
    return rows


async def sheet_csv(request: Request) -> Response:
    venue = await _venue(request, manage=False)
    if isinstance(venue, Response):
        return venue
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SHEET_COLUMNS)
    for row in await _sheet_rows(request, venue):
        writer.writerow([csv_safe(row[c]) for c in SHEET_COLUMNS])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="placements-venue-{venue.id}.csv"',
            "Cache-Control": "no-store",
        },
    )


async def sheet_page(request: Request) -> Response:
    venue = await _venue(request, manage=False)
    if isinstance(venue, Response):
        return venue
    rows = await _sheet_rows(request, venue)
    return await page(
        request, "staff/sheet.html", title=f"Placement sheet: {venue.name}", venue=venue, rows=rows
    )
