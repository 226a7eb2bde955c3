"""The poster page for venue managers: a plain form that returns a PDF or a print preview.

Staff are signed in (HTTP Basic, no cookie) before this runs. This page stores nothing:
the codes exist only on the paper and in the placement list the manager keeps; the
venue pages print posters that the registry keeps.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

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
from helpsite.staff.forms import form_of
from helpsite.staff.pages import language_choices, page
from helpsite.staff.render_pool import (
    RETRY_AFTER_SECONDS,
    ClientGone,
    PoolBusy,
    RenderCrashed,
    RenderRefused,
    pdf_job,
)
from qr import PosterRefused, formats

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


async def _render(
    request: Request, form: PosterForm, *, status: int = 200, preview=None
) -> Response:
    site = _site(request)
    english = site.source_language  # staff pages are in English for now
    country = site.countries.get(form.country)
    defaults = {}
    for c in site.countries.values():
        fmt = default_format(c)
        defaults[c.code] = (
            fmt.name,
            default_languages(c, site.visitor_languages, fmt.max_languages),
        )
    return await page(
        request,
        "staff/posters.html",
        status=status,
        title="Posters",
        form=form,
        base_url_warning=check_base_url_quietly(site.settings.base_url),
        countries=site.countries_sorted(english),
        defaults=defaults,
        formats=list(formats().values()),
        languages=language_choices(site, country),
        chosen_languages=[tag.strip() for tag in form.languages.split(",")],
        preview=preview,
        max_placements=MAX_PLACEMENTS,
        max_text=MAX_TEXT,
    )


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
    return await _render(request, form)


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
    # Cross-site posts never reach this: the site's SameOriginMiddleware refuses them,
    # and the staff app's ``state_changing`` has checked the form's token.
    site = _site(request)
    data = form_of(request)
    fields = [name for name in PosterForm.__dataclass_fields__ if name != "errors"]
    form = PosterForm(**{name: str(data.get(name, "")) for name in fields})
    # Checkboxes send one value each; a typed list "en,ro" still works.
    form.languages = ",".join(str(value) for value in data.getlist("languages"))
    requests = validate(form, site)
    if not requests:
        return await _render(request, form, status=400)
    base_url = site.settings.base_url
    pool = request.app.state.render_pool
    try:
        if data.get("action") == "preview":
            content = build_content(requests[0], base_url)
            job = ("preview", content, requests[0].format_name)
            png = await pool.run(job, request.receive)
            preview = {"png": base64.b64encode(png).decode("ascii"), "content": content}
            return await _render(request, form, preview=preview)
        pdf, _codes = await pool.run(pdf_job(requests, base_url), request.receive)
    except (PosterRefused, PosterRequestError, ValueError, RenderRefused) as exc:
        form.errors["format"] = f"This poster cannot be printed: {exc}"
        return await _render(request, form, status=400)
    except PoolBusy:
        form.errors["format"] = "Other posters are being printed: try again in a few seconds."
        return _busy(await _render(request, form, status=503))
    except RenderCrashed:
        form.errors["format"] = "The poster could not be made this time: please try again."
        return _busy(await _render(request, form, status=503))
    except ClientGone:
        return Response(status_code=499)  # nobody is listening any more
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


def _busy(response: Response) -> Response:
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
