"""Kiosk endpoints, all under ``/kiosk/``; without ``HELPSITE_KIOSK_COUNTRY`` every one is a 404.

``/kiosk/`` start (language by touch) · ``/kiosk/<lang>`` help, ``?size=1|2`` larger text ·
``/kiosk/<lang>/print`` the numbers slip · ``/kiosk/reset`` a blank page the launcher
watches for (it then starts a new browser), which otherwise returns to the start.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from helpsite.kiosk.pages import START_PATH, TEXT_SIZES, Kiosk
from helpsite.web.templating import Renderer


def _kiosk(request: Request) -> Kiosk | None:
    kiosk = getattr(request.app.state, "kiosk", None)
    return kiosk if kiosk is not None and kiosk.country is not None else None


def _html(html: str, renderer: Renderer, **headers: str) -> HTMLResponse:
    headers["Content-Security-Policy"] = renderer.content_security_policy
    return HTMLResponse(html, headers=headers)


def _off(request: Request) -> Response:
    from helpsite.web.routes import _not_found

    return _not_found(request)


def _size(request: Request) -> int:
    raw = request.query_params.get("size", "")
    return int(raw) if raw.isdigit() and int(raw) in TEXT_SIZES else 0


async def start(request: Request) -> Response:
    kiosk = _kiosk(request)
    if kiosk is None:
        return _off(request)
    site = kiosk.site
    return _html(kiosk.start(site.languages[site.settings.default_language.lower()]), kiosk.pages)


async def start_without_slash(request: Request) -> Response:
    if _kiosk(request) is None:
        return _off(request)
    return RedirectResponse(START_PATH, status_code=308)


async def help_page(request: Request) -> Response:
    kiosk = _kiosk(request)
    language = kiosk and kiosk.site.language(request.path_params["lang"])
    if kiosk is None or language is None:
        return _off(request)
    return _html(kiosk.help(language, _size(request)), kiosk.pages)


async def numbers_slip(request: Request) -> Response:
    kiosk = _kiosk(request)
    language = kiosk and kiosk.site.language(request.path_params["lang"])
    if kiosk is None or language is None or kiosk.slip is None:
        return _off(request)
    return _html(kiosk.numbers_slip(language), kiosk.slip)


async def reset(request: Request) -> Response:
    kiosk = _kiosk(request)
    if kiosk is None:
        return _off(request)
    return _html(kiosk.reset(), kiosk.pages, **{"Clear-Site-Data": '"cache", "storage"'})


ROUTES = [
    Route("/kiosk", start_without_slash, name="kiosk_start_without_slash"),
    Route("/kiosk/", start, name="kiosk_start"),
    Route("/kiosk/reset", reset, name="kiosk_reset"),
    Route("/kiosk/{lang}", help_page, name="kiosk_help"),
    Route("/kiosk/{lang}/print", numbers_slip, name="kiosk_slip"),
]
