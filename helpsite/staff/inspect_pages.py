"""The inspection page: find a poster by its code, check it, record one result.

Inspectors only, and only in their area. The page says where the poster should hang,
what it must carry, whether it is current (its digest against what the country data
would print today) and whether the scan shows tampering; then one result and a note.
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from helpsite.registry.errors import NotAllowed, RegistryError
from helpsite.registry.inspections import record_inspection
from helpsite.registry.overview import poster_place
from helpsite.registry.posters import find_poster
from helpsite.registry.schema import RESULTS
from helpsite.staff.forms import account_of, form_of, state_changing
from helpsite.staff.pages import page, refuse
from helpsite.staff.printing import facts_today, is_current, what_changed
from helpsite.staff.tamper import check_scan

RESULT_NAMES = {
    "present": "Present and intact",
    "damaged": "Damaged",
    "obscured": "Obscured (covered or hard to see)",
    "missing": "Missing",
    "wrong-place": "In the wrong place",
    "tampered": "Tampered with",
    "outdated": "Outdated (replace it)",
}
assert set(RESULT_NAMES) == set(RESULTS)
MAX_SCAN = 200


async def inspect(request: Request) -> Response:
    if account_of(request).role != "inspector":
        return refuse("Only inspectors record inspections.")
    if request.method == "POST":
        return await state_changing(_record)(request)
    typed = request.query_params.get("code", "")[:MAX_SCAN]
    scanned = request.query_params.get("scanned", "")[:MAX_SCAN]
    if not typed and not scanned:
        return await _page(request, {"code": "", "scanned": ""})
    return await _page(request, {"code": typed, "scanned": scanned}, looked_up=True)


async def _page(
    request: Request,
    values: dict,
    *,
    looked_up: bool = False,
    errors: dict | None = None,
    recorded=None,
    status: int = 200,
) -> Response:
    account = account_of(request)
    site = request.app.state.site
    store = request.app.state.store
    context: dict = {"found": None, "tampered": [], "errors": dict(errors or {})}
    if looked_up:
        check = check_scan(values["code"], values["scanned"], site.settings.base_url)
        context["tampered"] = list(check.tampered)
        context["errors"] = {**check.errors, **context["errors"]}
        if check.code is not None:
            poster = await store.read(find_poster, check.code)
            if poster is None:
                context["tampered"].append(
                    f"We never issued the code {check.code}: this poster is not one of ours."
                )
            else:
                place = await store.read(poster_place, poster)
                if not account.works_in(place.venue.country):
                    return refuse("This poster is outside your area.")
                today = facts_today(site, place.venue.country, poster.languages, poster.format)
                context["found"] = place
                context["current"] = is_current(poster.content_digest, today)
                context["changes"] = what_changed(poster.printed_data, today)
    if context["errors"] and status == 200 and looked_up:
        status = 400
    return await page(
        request,
        "staff/inspect.html",
        status=status,
        camera=True,
        title="Inspect a poster",
        values=values,
        results=RESULT_NAMES,
        recorded=recorded,
        **context,
    )


async def _record(request: Request) -> Response:
    account = account_of(request)
    site = request.app.state.site
    store = request.app.state.store
    data = form_of(request)
    values = {
        "code": str(data.get("code", ""))[:MAX_SCAN],
        "scanned": str(data.get("scanned", ""))[:MAX_SCAN],
        "result": str(data.get("result", "")),
        "note": str(data.get("note", "")),
    }
    check = check_scan(values["code"], values["scanned"], site.settings.base_url)
    if check.errors:
        return await _page(request, values, looked_up=True, status=400)
    try:
        recorded = await store.write(
            record_inspection,
            account,
            code=check.code,
            result=values["result"],
            now=datetime.now(UTC),
            note=values["note"],
            scanned_code=values["scanned"] or None,
        )
    except NotAllowed as exc:
        return refuse(exc.message)
    except RegistryError as exc:
        field = {"location_code": "code", "scanned_code": "scanned"}.get(exc.field, exc.field)
        return await _page(request, values, looked_up=True, errors={field: exc.message}, status=400)
    return await _page(request, {"code": "", "scanned": ""}, recorded=recorded)
