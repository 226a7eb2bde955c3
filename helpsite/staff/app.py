"""The staff Starlette app, mounted at ``/staff`` by ``helpsite.web.app.create_app``.

Visitor middleware (security headers, private errors, body limit, same-origin check)
wraps the whole site, this app included; the staff stack below adds what only staff
pages need: sign-in first (HTTP Basic, ``signin``; never a cookie), then the calm error
page. Every POST also carries a signed form token (``forms.state_changing``).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from helpsite.posters.web import poster_form, poster_submit
from helpsite.staff import inspect_pages, report_pages, venue_pages
from helpsite.staff.forms import state_changing
from helpsite.staff.pages import staff_renderer
from helpsite.staff.render_pool import RenderPool
from helpsite.staff.signin import BasicSignInMiddleware
from helpsite.staff.store import StaffStore
from helpsite.web.middleware.private_errors import PrivateErrorsMiddleware


async def posters(request: Request) -> Response:
    """One route for both methods, so a 405 names them both in ``Allow``."""
    if request.method == "POST":
        return await state_changing(poster_submit)(request)
    return await poster_form(request)


def staff_routes() -> list[Route]:
    """Every staff page; each POST handler checks the form token (``state_changing``)."""
    post = state_changing
    return [
        Route("/", venue_pages.home, name="home"),
        Route("/posters", posters, methods=["GET", "POST"], name="posters"),
        Route("/venues", venue_pages.venues, methods=["GET", "POST"], name="venues"),
        Route("/venues/new", venue_pages.venue_form, name="venue_new"),
        Route("/venues/{venue_id:int}", venue_pages.venue_page, name="venue"),
        Route(
            "/venues/{venue_id:int}/placements",
            post(venue_pages.add_placement_route),
            methods=["POST"],
        ),
        Route("/venues/{venue_id:int}/print", post(venue_pages.print_route), methods=["POST"]),
        Route("/venues/{venue_id:int}/sheet", venue_pages.sheet_page),
        Route("/venues/{venue_id:int}/sheet.csv", venue_pages.sheet_csv),
        Route("/posters/{code}/reprint", post(venue_pages.reprint_route), methods=["POST"]),
        Route("/posters/{code}/remove", post(venue_pages.remove_route), methods=["POST"]),
        Route("/inspect", inspect_pages.inspect, methods=["GET", "POST"], name="inspect"),
        Route("/outdated", report_pages.outdated),
        Route("/report", report_pages.report),
        Route("/report.csv", report_pages.report_csv),
        Route("/import", report_pages.import_page, methods=["GET", "POST"]),
    ]


def create_staff_app(site, render_pool: RenderPool, *, error_page: str) -> Starlette:
    """The staff pages, sharing the visitor site's content and templates."""
    from helpsite.web.routes import not_found

    store = StaffStore(site.settings.database_url, site.settings.secret_key)
    middleware = [
        # Sign-in (HTTP Basic, no cookie) goes first here, before anything else runs.
        Middleware(BasicSignInMiddleware, store=store),
        # A mounted Starlette app answers its own errors (plain 500), so the calm error
        # page, logged without the request, is repeated here.
        Middleware(PrivateErrorsMiddleware, error_page=error_page),
    ]
    app = Starlette(
        routes=staff_routes(),
        middleware=middleware,
        exception_handlers={HTTPException: not_found},
    )
    app.router.redirect_slashes = False
    app.state.site = site
    app.state.render_pool = render_pool
    app.state.store = store
    app.state.renderer = staff_renderer(site.settings)
    return app
