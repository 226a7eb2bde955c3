"""``helpsite kiosk launch``: a reset deletes the old profile and the new one knows nothing.

The launcher runs Debian's chromium headless here; Playwright attaches to the browser the
launcher started (over its loopback DevTools port) and uses it like a visitor would.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from helpsite.kiosk.launch import (
    PREFERENCES,
    Browser,
    KioskLauncher,
    _stop_process_group,
    page_urls,
)
from tests.browser.conftest import CHROMIUM, IN_CI
from tests.browser.test_kiosk_in_browser import kiosk_server  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def _wait(condition, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _traces(profile: Path, needles: list[bytes]) -> list[str]:
    """Files of the profile that hold any of our addresses, and History rows for our site."""
    found = []
    for path in profile.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.relative_to(profile)}: {n!r}" for n in needles if n in data]
    history = profile / "Default" / "History"
    if history.exists():
        copy = profile.parent / "History-copy"
        shutil.copy(history, copy)
        with sqlite3.connect(copy) as db:
            rows = db.execute("SELECT url FROM urls").fetchall()
        copy.unlink()
        found += [f"History: {url}" for (url,) in rows if needles[0].decode() in url]
    return found


class WitnessedLauncher(KioskLauncher):
    """Copies each profile after its browser has shut down and flushed, just before deletion."""

    def __init__(self, *args, witness: Path, **kwargs):
        super().__init__(*args, **kwargs)
        self.witness = witness
        self.snapshots: list[Path] = []
        self.opened_outside_incognito: set[int] = set()  # snapshots of such browsers

    def close_browser(self, browser: Browser) -> None:
        _stop_process_group(browser.process)
        snapshot = self.witness / browser.profile.name
        shutil.copytree(browser.profile, snapshot, symlinks=True)
        self.snapshots.append(snapshot)
        super().close_browser(browser)


@pytest.fixture
def launcher(kiosk_server, tmp_path, request):  # noqa: F811
    # Developer tools are off in a real kiosk; Playwright needs them to act as the visitor.
    preferences = getattr(request, "param", None)
    if not shutil.which("chromium") and not IN_CI:
        pytest.skip("Debian's chromium is not installed (CI installs it)")
    profiles, witness = tmp_path / "profiles", tmp_path / "witness"
    profiles.mkdir()
    witness.mkdir()
    # A profile a power cut left behind, with a visitor's history in it.
    stale = profiles / "helpsite-kiosk-left-by-a-power-cut" / "Default"
    stale.mkdir(parents=True)
    (stale / "History").write_bytes(f"{kiosk_server}/kiosk/ro".encode())
    launcher = WitnessedLauncher(
        f"{kiosk_server}/kiosk/",
        witness=witness,
        chromium=CHROMIUM,
        extra_args=["--headless=new", "--disable-gpu"],
        profile_root=profiles,
        poll_seconds=0.1,
        preferences=preferences,
    )
    thread = threading.Thread(target=launcher.run, daemon=True)
    thread.start()
    yield launcher
    launcher.stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert list(profiles.iterdir()) == [], "stopping deletes the last profile too"
    # Even at shutdown, after the browser flushed everything, no profile held our pages.
    needles = [kiosk_server.removeprefix("http://").encode(), b"/kiosk/ro"]
    assert len(launcher.snapshots) == launcher.resets + 1
    for index, snapshot in enumerate(launcher.snapshots):
        found = _traces(snapshot, needles)
        if index in launcher.opened_outside_incognito:
            # The test itself opened a tab over DevTools' /json/new, which lands in the
            # regular profile, not the visitor's incognito window: Chromium may note the
            # site there (client hints, engagement) before it is killed. No visitor can.
            found = [trace for trace in found if not trace.startswith("Default/Preferences:")]
        assert found == [], snapshot.name


VISITOR_PREFERENCES = {k: v for k, v in PREFERENCES.items() if k != "devtools"}


@pytest.mark.parametrize("launcher", [VISITOR_PREFERENCES], indirect=True)
def test_a_reset_deletes_the_old_profile_and_the_new_one_holds_nothing_of_ours(
    launcher,
    browser,
    kiosk_server,  # noqa: F811
):
    first = _wait(lambda: launcher.current, what="the first browser")
    port = first.devtools_port()
    _wait(lambda: f"{kiosk_server}/kiosk/" in page_urls(port), what="the start page")
    # The suite's Playwright attaches to the launcher's browser (it disconnects at the reset).
    kiosk_browser = browser.browser_type.connect_over_cdp(f"http://127.0.0.1:{port}")
    page = next(p for c in kiosk_browser.contexts for p in c.pages if "/kiosk/" in p.url)
    page.click('a[href="/kiosk/ro"]')
    page.wait_for_url(f"{kiosk_server}/kiosk/ro")
    page.click('a[data-size="larger"]')
    page.wait_for_url(f"{kiosk_server}/kiosk/ro?size=1")
    page.click(".kiosk-done")
    _wait(lambda: launcher.resets == 1 and launcher.current, what="the reset")
    second = launcher.current
    assert second.profile != first.profile
    assert not first.profile.exists(), "the old profile must be deleted"
    assert first.process.poll() is not None, "the old browser must be closed"
    new_port = second.devtools_port()
    _wait(lambda: f"{kiosk_server}/kiosk/" in page_urls(new_port), what="the new start page")
    needles = [kiosk_server.removeprefix("http://").encode(), b"/kiosk/ro"]
    assert _traces(second.profile, needles) == []


def test_with_developer_tools_off_the_launcher_still_sees_a_reset(launcher, kiosk_server):  # noqa: F811
    first = _wait(lambda: launcher.current, what="the first browser")
    port = first.devtools_port()
    _wait(lambda: f"{kiosk_server}/kiosk/" in page_urls(port), what="the start page")
    # Any page that goes to /kiosk/reset: here a new tab opened over DevTools' HTTP endpoint.
    request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?{kiosk_server}/kiosk/reset")
    request.method = "PUT"
    launcher.opened_outside_incognito.add(len(launcher.snapshots))  # this browser's snapshot
    urllib.request.urlopen(request, timeout=5).close()
    _wait(lambda: launcher.resets == 1 and launcher.current, what="the reset")
    assert not first.profile.exists()
    assert not (first.profile.parent / "helpsite-kiosk-left-by-a-power-cut").exists()
