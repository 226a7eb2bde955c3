"""Shared fixtures: the app built on the shipped data, and the list of every visitor URL."""

from __future__ import annotations

import base64
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from helpsite.settings import Settings
from helpsite.web.app import create_app
from helpsite.web.site import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("HELPSITE_CI") == "1"


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    # HELPSITE_* variables still apply (e.g. a locales folder), but the exit never leaves
    # for a real site and the pseudo-locales are on, so every check runs on them too.
    # The staff pages' registry is a throwaway SQLite file (accounts: ``staff_accounts``).
    registry = tmp_path_factory.mktemp("registry") / "registry.db"
    return replace(
        Settings.from_env(),
        exit_url="https://neutral.example/weather",
        pseudo_locales=True,
        database_url=f"sqlite:///{registry}",
    )


@pytest.fixture(scope="session")
def app(settings):
    return create_app(settings)


@pytest.fixture(scope="session")
def site(app):
    return app.state.site


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def http_client(app):
    """A client over plain HTTP (HSTS must not be sent)."""
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def visitor_urls(site) -> list[str]:
    """Every visitor page in every offered language (pseudo-locales included)."""
    urls = ["/"]
    for language in site.languages.values():
        urls += [
            f"/{language.slug}/",
            f"/{language.slug}/safety",
            f"/{language.slug}/privacy",
        ]
        urls += [f"/{language.slug}/{country.slug}" for country in site.countries.values()]
        # Safety and privacy reached from a country's page (they keep the country).
        first = next(iter(site.countries.values()))
        urls += [f"/{language.slug}/{first.slug}/safety", f"/{language.slug}/{first.slug}/privacy"]
    return urls


@pytest.fixture(scope="session")
def all_visitor_urls(site) -> list[str]:
    return visitor_urls(site)


def make_site(**overrides):
    return build_site(Settings(**overrides))


STAFF_PASSWORD = "correct horse battery staple"
# name -> (role, area); a manager and an inspector in GB/IE, others outside it.
STAFF_ACCOUNTS = {
    "manager": ("manager", "GB,IE"),
    "other-manager": ("manager", "GB,US"),
    "inspector": ("inspector", "GB,IE"),
    "inspector-us": ("inspector", "US"),
}


def basic_auth(name: str, password: str = STAFF_PASSWORD) -> dict[str, str]:
    """The header a browser sends once the staff member has typed name and password."""
    raw = f"{name}:{password}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


def add_staff_accounts(database_url: str, countries) -> None:
    """Migrate the registry at ``database_url`` and add ``STAFF_ACCOUNTS`` to it."""
    from datetime import UTC, datetime

    from helpsite.registry.accounts import add_account, get_account
    from helpsite.registry.db import make_engine
    from helpsite.registry.migrate import upgrade

    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as conn:
        for name, (role, area) in STAFF_ACCOUNTS.items():
            if get_account(conn, name) is None:
                add_account(
                    conn, name, role, area, STAFF_PASSWORD,
                    now=datetime.now(UTC), known_countries=countries,
                )  # fmt: skip
    engine.dispose()


class StaffClient(TestClient):
    """A signed-in staff member's browser: sends the password and the pages' form token."""

    def token(self, page: str = "/staff/posters") -> str:
        found = re.search(r'name="token" value="([^"]+)"', self.get(page).text)
        assert found, "the page carries no form token"
        return found.group(1)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        """POST a form as the page would, token included."""
        return self.post(url, data={"token": self.token(), **(data or {})}, **kwargs)


@pytest.fixture(scope="session")
def staff_accounts(settings, site) -> dict:
    add_staff_accounts(settings.database_url, site.countries)
    return STAFF_ACCOUNTS


def staff_client_for(app, name: str) -> StaffClient:
    return StaffClient(app, base_url="https://testserver", headers=basic_auth(name))


@pytest.fixture(scope="session")
def staff_client(app, staff_accounts):
    """Signed in as a venue manager in GB and IE."""
    with staff_client_for(app, "manager") as test_client:
        yield test_client
