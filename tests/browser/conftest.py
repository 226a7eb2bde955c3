"""A live server and Debian's chromium driven by Playwright (never `playwright install`)."""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import replace

import pytest
import uvicorn

from helpsite.settings import Settings
from helpsite.web.app import create_app
from tests.conftest import IN_CI, STAFF_PASSWORD, add_staff_accounts
from tests.serving import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The staff pages sign in against a throwaway registry with the test accounts.
    registry = f"sqlite:///{tmp_path_factory.mktemp('registry') / 'registry.db'}"
    add_staff_accounts(registry, {"GB", "IE", "US"})
    # The neutral page is our own health check here: tests must not leave the machine.
    app = create_app(
        replace(
            Settings.from_env(),
            base_url=base,
            exit_url=f"{base}/healthz",
            pseudo_locales=True,
            database_url=registry,
        )
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("playwright is not installed")
    if not shutil.which("chromium") and not IN_CI:
        pytest.skip("Debian's chromium is not installed (CI installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def staff_page(browser):
    """A phone-sized page signed in as the venue manager (HTTP Basic, no cookie)."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640},
        http_credentials={"username": "manager", "password": STAFF_PASSWORD},
    )
    page = context.new_page()
    yield page
    context.close()
