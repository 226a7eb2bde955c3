"""The poster page for venue managers: a plain form that returns a PDF or a print preview.

No sign-in yet (the registry will add it, without cookies); nothing is stored:
the codes exist only on the paper and in the placement list the manager keeps.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from helpsite.posters.batch import BatchRow, render_batch
from helpsite.posters.content import build_content, check_base_url
from helpsite.posters.request import (
    MAX_TEXT,
    PosterRequest,
    PosterRequestError,
    PosterRequestInvalid,
    default_format,
    default_languages,
    parse_country,
    parse_request,
)
from qr import PosterRefused, formats, get_format, make_poster

MAX_PLACEMENTS = 20
# The request parser's field names, as the form's fields are named.
FORM_FIELDS = {"placement": "placements"}


@dataclass
class PosterForm:
    country: str = ""
    languages: str = ""
    format: str = ""
    venue: str = ""
    placements: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def placement_list(self) -> list[str]:
        return [line.strip() for line in self.placements.splitlines() if line.strip()] or [""]


def _site(request: Request):
    return request.app.state.site


def _render(request: Request, form: PosterForm, *, status: int = 200, preview=None) -> Response:
    site = _site(request)
    english = site.source_language  # staff pages are in English for now
    html = site.renderer.render(
        "staff/posters.html",
        english,
        form=form,
        base_url_warning=check_base_url_quietly(site.settings.base_url),
        countries=site.countries_sorted(english),
        formats=list(formats().values()),
        languages=list(site.visitor_languages.values()),
        preview=preview,
        max_placements=MAX_PLACEMENTS,
        max_text=MAX_TEXT,
    )
    return HTMLResponse(html, status_code=status)


def check_base_url_quietly(base_url: str) -> str | None:
    try:
        return check_base_url(base_url)
    except PosterRequestError as exc:
        return exc.message


async def poster_form(request: Request) -> Response:
    """The first screen: the country from ``?country=`` (else the first), with its defaults."""
    site = _site(request)
    country = None
    wanted = request.query_params.get("country")
    if wanted is not None:
        try:
            country = parse_country(wanted, site.countries)
        except PosterRequestError:
            country = None
    if country is None:
        country = next(iter(site.countries_sorted(site.source_language)))
    fmt = default_format(country)
    form = PosterForm(country=country.code, format=fmt.name)
    form.languages = default_languages(country, site.visitor_languages, fmt.max_languages)
    return _render(request, form)


def validate(form: PosterForm, site) -> list[PosterRequest]:
    """One request per placement; every field's problem is recorded next to it."""
    placements = form.placement_list
    if len(form.placements) > MAX_PLACEMENTS * (MAX_TEXT + 2) or len(placements) > MAX_PLACEMENTS:
        form.errors["placements"] = f"At most {MAX_PLACEMENTS} placements at once."
        placements = placements[:1]
    requests = []
    for placement in placements:
        try:
            requests.append(
                parse_request(
                    country=form.country,
                    languages=form.languages,
                    format=form.format,
                    venue=form.venue,
                    placement=placement,
                    countries=site.countries,
                    offered=site.visitor_languages,
                )
            )
        except PosterRequestInvalid as exc:
            for error in exc.errors:
                form.errors.setdefault(FORM_FIELDS.get(error.field, error.field), error.message)
    if form.errors:
        return []
    first = requests[0]
    # Show what will be printed: the defaults filled in, the venue as printed.
    form.country = first.country.code
    form.format = first.format_name
    form.languages = ",".join(lang.tag for lang in first.languages)
    form.venue = first.venue or ""
    return requests


async def poster_submit(request: Request) -> Response:
    if request.headers.get("sec-fetch-site") == "cross-site":
        return PlainTextResponse("Posters are made from this site's own form.", status_code=403)
    site = _site(request)
    data = await request.form(max_files=0, max_fields=10)
    fields = [name for name in PosterForm.__dataclass_fields__ if name != "errors"]
    form = PosterForm(**{name: str(data.get(name, "")) for name in fields})
    requests = validate(form, site)
    if not requests:
        return _render(request, form, status=400)
    base_url = site.settings.base_url
    try:
        if data.get("action") == "preview":
            content = build_content(requests[0], base_url)
            png = await run_in_threadpool(
                make_poster, content, requests[0].format_name, kind="png", dpi=60
            )
            preview = {"png": base64.b64encode(png).decode("ascii"), "content": content}
            return _render(request, form, preview=preview)
        rows = [BatchRow(i + 1, r, get_format(r.format_name)) for i, r in enumerate(requests)]
        pdf, _placements = await run_in_threadpool(render_batch, rows, base_url)
    except (PosterRefused, PosterRequestError, ValueError) as exc:
        form.errors["format"] = f"This poster cannot be printed: {exc}"
        return _render(request, form, status=400)
    # Built from the validated request only, never from what the form sent.
    name = f"posters-{requests[0].country.slug}-{requests[0].format_name}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


ROUTES = [
    Route("/staff/posters", poster_form, methods=["GET"], name="poster_form"),
    Route("/staff/posters", poster_submit, methods=["POST"], name="poster_submit"),
]
