"""Rendering staff pages: English, their own inlined CSS and script, and a CSP for them.

Staff pages inline ``assets/staff.css`` and ``assets/staff.js`` (hashed in the page's own
Content-Security-Policy, as strict as the visitor pages'); only the inspection page may
ask for the camera.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from helpsite.registry.schema import VENUE_TYPES
from helpsite.staff.forms import account_of, form_token
from helpsite.web.templating import Renderer

ASSETS = Path(__file__).resolve().parent / "assets"
CSS = (("static", "site.css"), ("components", "staff.css"))
JS = (("components", "staff.js"),)
CAMERA_HERE = "camera=(self), microphone=(), geolocation=(), interest-cohort=()"

VENUE_TYPE_NAMES = {
    "public-toilet": "Public toilet",
    "shop": "Shop",
    "restaurant": "Restaurant or fast food",
    "transit-hub": "Station, airport or other transit hub",
    "hotel": "Hotel",
    "workplace-staff-area": "Workplace staff area",
    "health-service": "Health service",
    "other": "Other",
}
assert set(VENUE_TYPE_NAMES) == set(VENUE_TYPES)


def printed_code(compact: str) -> str:
    """GB7K2Q9XM5 as printed beside the QR code: GB 7K2Q-9XM5 (what an inspector sees)."""
    return f"{compact[:2]} {compact[2:6]}-{compact[6:]}" if len(compact) == 10 else compact


def staff_renderer(settings) -> Renderer:
    """One renderer for every staff page (built once per app)."""
    globals_ = {"venue_type_names": VENUE_TYPE_NAMES, "printed_code": printed_code}
    return Renderer(
        settings.templates_dir,
        settings.static_dir,
        globals_,
        components_dir=ASSETS,
        css_files=CSS,
        js_files=JS,
    )


async def page(
    request: Request, template: str, *, status: int = 200, camera: bool = False, **context
) -> Response:
    """A staff page for the signed-in account, with a fresh form token."""
    site = request.app.state.site
    renderer: Renderer = request.app.state.renderer
    html = renderer.render(
        template,
        site.source_language,
        account=account_of(request),
        token=await form_token(request),
        **context,
    )
    headers = {"Content-Security-Policy": renderer.content_security_policy}
    if camera:
        headers["Permissions-Policy"] = CAMERA_HERE
    return HTMLResponse(html, status_code=status, headers=headers)


def refuse(message: str, status: int = 403) -> Response:
    """403 (not yours) or 404 (no such thing), said plainly."""
    return PlainTextResponse(message, status_code=status)


def language_choices(site, country) -> list:
    """The country's poster languages first (most read first), then the rest by name."""
    offered = sorted(site.visitor_languages.values(), key=lambda lang: lang.native_name.casefold())
    first = []
    if country is not None:
        by_tag = {lang.tag.lower(): lang for lang in offered}
        first = [by_tag[t.lower()] for t in country.poster_languages if t.lower() in by_tag]
    return first + [lang for lang in offered if lang not in first]
