"""The application factory: ``create_app(settings)`` and the served ``app``."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from helpsite.kiosk.pages import build_kiosk
from helpsite.kiosk.routes import ROUTES as KIOSK_ROUTES
from helpsite.privacy_log import configure_logging
from helpsite.settings import Settings
from helpsite.staff.app import create_staff_app
from helpsite.staff.render_pool import RenderPool
from helpsite.web.answers import Answers
from helpsite.web.middleware.body_limit import BodyLimitMiddleware
from helpsite.web.middleware.private_errors import PrivateErrorsMiddleware
from helpsite.web.middleware.same_origin import SameOriginMiddleware
from helpsite.web.middleware.security_headers import SecurityHeaders, SecurityHeadersMiddleware
from helpsite.web.middleware.visitor_pages import VisitorPagesMiddleware
from helpsite.web.routes import ROUTES, not_found
from helpsite.web.rsgi import RSGIFront
from helpsite.web.site import build_site
from helpsite.web.worker_start import settle


class HelpsiteApp(Starlette):
    """Starlette with the visitor pages' fast path in front of its whole middleware stack."""

    fast_path: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.fast_path is not None and scope["type"] == "http":
            await self.fast_path(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    site = build_site(settings)
    error_page = site.render_page("error.html", site.languages[settings.default_language.lower()])
    render_pool = RenderPool(settings, settings.poster_renders, settings.poster_idle_seconds)
    staff = create_staff_app(site, render_pool, error_page=error_page)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        render_pool.close()  # no render process outlives its web worker
        staff.state.store.dispose()  # nor a registry connection

    app = HelpsiteApp(
        routes=[
            Mount("/staff", app=staff),
            *KIOSK_ROUTES,
            *ROUTES,
        ],
        lifespan=lifespan,
        middleware=[
            Middleware(
                SecurityHeadersMiddleware,
                content_security_policy=site.renderer.content_security_policy,
                hsts_max_age=settings.hsts_max_age,
            ),
            Middleware(PrivateErrorsMiddleware, error_page=error_page),
            Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
            Middleware(SameOriginMiddleware, base_url=settings.base_url),
        ],
        exception_handlers={HTTPException: not_found},
    )
    # Starlette's own slash redirect builds an absolute URL from the Host header;
    # routes.not_found redirects with a relative one instead.
    app.router.redirect_slashes = False
    app.state.site = site
    app.state.render_pool = render_pool
    app.state.kiosk = build_kiosk(site)
    security = SecurityHeaders(site.renderer.content_security_policy, settings.hsts_max_age)
    app.state.security = security
    scope_app = functools.partial(Starlette.__call__, app)
    app.state.answers = Answers(site, security)
    app.fast_path = VisitorPagesMiddleware(scope_app, answers=app.state.answers)
    return app


def __getattr__(name: str):
    # ``helpsite.web.app:app`` for uvicorn and the Procfile, built on first use so that
    # importing this module (tests, the CLI) does not read the environment.
    if name == "app":
        global app
        app = create_app()
        settle(app)  # a served worker: templates compiled, start-up heap frozen
        return app
    if name == "rsgi":
        # For granian (``helpsite serve``): its RSGI interface (rsgi.py), with
        # X-Forwarded-Proto/-For believed only from HELPSITE_FORWARDED_ALLOW_IPS, as
        # uvicorn's proxy_headers does, so HSTS is sent for requests that came over HTTPS
        # to the proxy (middleware/forwarded.py).
        global rsgi
        served = __getattr__("app")
        rsgi = RSGIFront(served, trusted=served.state.site.settings.forwarded_allow_ips)
        return rsgi
    raise AttributeError(name)
