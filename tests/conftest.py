"""Shared fixtures: the app built on the shipped data, and the list of every visitor URL."""

from __future__ import annotations

import os
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
def settings() -> Settings:
    # HELPSITE_* variables still apply (e.g. a locales folder), but the exit never leaves
    # for a real site and the pseudo-locales are on, so every check runs on them too.
    return replace(
        Settings.from_env(), exit_url="https://neutral.example/weather", pseudo_locales=True
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
