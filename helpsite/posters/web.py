"""The poster page for venue managers: a plain form that returns a PDF or a print preview.

No sign-in yet (the registry will add it, without cookies); nothing is stored:
the codes exist only on the paper and in the placement list the manager keeps.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from helpsite.posters.content import (
    PosterRequest,
    PosterRequestError,
    build_content,
    check_base_url,
    check_languages_for_format,
    check_staff_text,
    default_format,
    default_languages,
    parse_language_tags,
    poster_helpline,
)
from helpsite.staff.render_pool import (
    RETRY_AFTER_SECONDS,
    ClientGone,
    PoolBusy,
    RenderCrashed,
    RenderRefused,
)
from qr import PosterRefused, formats, get_format

MAX_PLACEMENTS = 20
MAX_FIELD = 200


@dataclass
class PosterForm:
    country: str = "GB"
    languages: str = ""
    format: str = "a4"
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
    )
    return HTMLResponse(html, status_code=status)


def check_base_url_quietly(base_url: str) -> str | None:
    try:
        return check_base_url(base_url)
    except PosterRequestError as exc:
        return exc.message


async def poster_form(request: Request) -> Response:
    site = _site(request)
    wanted = request.query_params.get("country", "GB").upper()[:2]
    country = site.countries.get(wanted) or next(iter(site.countries_sorted(site.source_language)))
    form = PosterForm(country=country.code, format=default_format(country))
    form.languages = default_languages(country, site.visitor_languages, 3)
    return _render(request, form)


def validate(form: PosterForm, site) -> list[PosterRequest]:
    """One request per placement; every field's problem is recorded next to it."""
    for name in ("venue", "languages", "country", "format"):
        if len(getattr(form, name)) > MAX_FIELD:
            form.errors[name] = f"At most {MAX_FIELD} characters."
    try:
        form.venue = check_staff_text("venue", form.venue, MAX_FIELD) or ""
    except PosterRequestError as exc:
        form.errors["venue"] = exc.message
    country = site.countries.get(form.country.upper())
    if country is None:
        form.errors["country"] = "Choose a country from the list."
    else:
        try:
            poster_helpline(country)
        except PosterRequestError as exc:
            form.errors["country"] = exc.message
    fmt = None
    try:
        fmt = get_format(form.format)
    except PosterRefused:
        form.errors["format"] = "Choose a format from the list."
    if fmt is not None and country is not None and not fmt.offered_in(country.code):
        form.errors["format"] = f"{fmt.title} is not offered in {country.code}: choose another."
    languages = ()
    try:
        languages = parse_language_tags(form.languages, site.visitor_languages)
        if fmt is not None:
            check_languages_for_format(languages, fmt)
    except PosterRequestError as exc:
        form.errors["languages"] = exc.message
    placements = form.placement_list
    if len(form.placements) > MAX_PLACEMENTS * (MAX_FIELD + 2) or len(placements) > MAX_PLACEMENTS:
        form.errors["placements"] = f"At most {MAX_PLACEMENTS} placements at once."
    for placement in placements:
        try:
            check_staff_text("placements", placement, MAX_FIELD)
        except PosterRequestError as exc:
            form.errors["placements"] = f"Each placement: {exc.message}."
    if form.errors:
        return []
    return [PosterRequest(country, languages, fmt.name, form.venue, p) for p in placements]


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
    pool = request.app.state.render_pool
    try:
        if data.get("action") == "preview":
            content = build_content(requests[0], base_url)
            job = ("preview", content, requests[0].format_name)
            png = await pool.run(job, request.receive)
            preview = {"png": base64.b64encode(png).decode("ascii"), "content": content}
            return _render(request, form, preview=preview)
        specs = [
            (
                r.country.code,
                tuple(lang.slug for lang in r.languages),
                r.format_name,
                r.venue,
                r.placement,
            )
            for r in requests
        ]
        pdf, codes = await pool.run(("pdf", specs, base_url), request.receive)
    except (PosterRefused, PosterRequestError, ValueError, RenderRefused) as exc:
        form.errors["format"] = f"This poster cannot be printed: {exc}"
        return _render(request, form, status=400)
    except PoolBusy:
        form.errors["format"] = "Other posters are being printed: try again in a few seconds."
        return _busy(_render(request, form, status=503))
    except RenderCrashed:
        form.errors["format"] = "The poster could not be made this time: please try again."
        return _busy(_render(request, form, status=503))
    except ClientGone:
        return Response(status_code=499)  # nobody is listening any more
    name = f"posters-{form.country.lower()}-{form.format}.pdf"
    codes = ", ".join(codes)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "X-Poster-Codes": codes},
    )


def _busy(response: Response) -> Response:
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
