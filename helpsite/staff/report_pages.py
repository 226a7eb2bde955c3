"""Outdated posters and the area report, as pages and as CSV; CSV import of venues."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from helpsite.posters.spreadsheet import csv_safe
from helpsite.staff.area import REPORT_COLUMNS, area_report, load_outdated, report_rows
from helpsite.staff.forms import account_of, form_of, state_changing
from helpsite.staff.importing import IMPORT_COLUMNS, ImportFailed, import_venues
from helpsite.staff.pages import page, refuse


async def outdated(request: Request) -> Response:
    account = account_of(request)
    site = request.app.state.site
    found = await request.app.state.store.read(load_outdated, site, account)
    return await page(request, "staff/outdated.html", title="Outdated posters", items=found)


async def _report(request: Request):
    site = request.app.state.site
    today = datetime.now(UTC).date()
    return await request.app.state.store.read(area_report, site, account_of(request), today)


async def report(request: Request) -> Response:
    return await page(
        request, "staff/report.html", title="Area report", report=await _report(request)
    )


async def report_csv(request: Request) -> Response:
    rows = report_rows(await _report(request))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REPORT_COLUMNS)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="area-report.csv"',
            "Cache-Control": "no-store",
        },
    )


async def import_page(request: Request) -> Response:
    if account_of(request).role != "manager":
        return refuse("Only venue managers import venues.")
    if request.method == "POST":
        return await state_changing(_import)(request)
    return await _import_page(request, "", [], None)


async def _import_page(request: Request, text: str, problems: list, done, status: int = 200):
    return await page(
        request,
        "staff/import.html",
        status=status,
        title="Import venues",
        text=text,
        problems=problems,
        done=done,
        columns=IMPORT_COLUMNS,
    )


async def _import(request: Request) -> Response:
    account = account_of(request)
    site = request.app.state.site
    text = str(form_of(request).get("csv", ""))
    try:
        done = await request.app.state.store.write(
            import_venues, account, text, datetime.now(UTC), site.countries
        )
    except ImportFailed as exc:
        return await _import_page(request, text, exc.problems, None, status=400)
    return await _import_page(request, "", [], done)
