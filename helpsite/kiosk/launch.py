"""``helpsite kiosk launch``: chromium in kiosk mode that forgets everything at every reset.

Each visitor gets a browser started on a new, empty profile directory (incognito on
top, so not even that profile records history or cache). The page signals a reset
(idle, Done, exit) by going to ``/kiosk/reset``; the launcher sees that address over
the DevTools HTTP endpoint on loopback, closes the browser, deletes the profile
directory and starts a new browser on a new one. If the browser dies, the same happens.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from helpsite.kiosk.pages import RESET_PATH

CHROMIUM = "/usr/bin/chromium"
PROFILE_PREFIX = "helpsite-kiosk-"

# Profile preferences written before each start: no password or form saving, no
# downloads, no developer tools, no translation or sign-in prompts. (Managed policy is
# stronger: README.) With developer tools off, DevTools' /json/list still answers on
# loopback, which is all the launcher needs to see a reset.
PREFERENCES = {
    "devtools": {"availability": 2},
    "credentials_enable_service": False,
    "credentials_enable_autosignin": False,
    "profile": {"password_manager_enabled": False},
    "autofill": {"enabled": False, "profile_enabled": False, "credit_card_enabled": False},
    "download_restrictions": 3,
    "translate": {"enabled": False},
    "signin": {"allowed": False},
    "browser": {"has_seen_welcome_page": True},
}

# What a venue puts in /etc/chromium/policies/managed/helpsite-kiosk.json (README).
POLICY = {
    "IncognitoModeAvailability": 2,
    "PasswordManagerEnabled": False,
    "AutofillAddressEnabled": False,
    "AutofillCreditCardEnabled": False,
    "DownloadRestrictions": 3,
    "DeveloperToolsAvailability": 2,
    "PrintPreviewDisabled": True,
    "BrowserSignin": 0,
    "SyncDisabled": True,
    "TranslateEnabled": False,
    "SearchSuggestEnabled": False,
    "ExternalProtocolDialogShowAlwaysOpenCheckbox": False,
    "AutoplayAllowed": False,
}


def chromium_args(profile: Path, start_url: str, extra: Sequence[str] = ()) -> list[str]:
    """Kiosk mode on a fresh profile; DevTools on loopback only, on a port chromium picks."""
    args = [
        f"--user-data-dir={profile}",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        "--kiosk",
        "--incognito",
        # Print without a dialog to the default (receipt) printer.
        "--kiosk-printing",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-session-crashed-bubble",
        "--disable-features=Translate,AutofillServerCommunication,MediaRouter",
        "--password-store=basic",
        "--deny-permission-prompts",
        "--noerrdialogs",
        # No swipe back, no pinch zoom: a touch screen must not leave the page sideways.
        "--overscroll-history-navigation=0",
        "--disable-pinch",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run as root with its sandbox; a venue runs it as a plain user.
        args.append("--no-sandbox")
    return [*args, *extra, start_url]


@dataclass
class Browser:
    """One chromium process and the profile directory only it has used."""

    process: subprocess.Popen
    profile: Path

    def devtools_port(self, timeout: float = 20.0) -> int:
        """Chromium writes the port it chose into the profile once DevTools listens."""
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LaunchError(f"chromium exited with status {self.process.returncode}")
            try:
                first = marker.read_text("ascii").split()
            except (FileNotFoundError, UnicodeDecodeError):
                first = []
            if first and first[0].isdigit():
                return int(first[0])
            time.sleep(0.05)
        raise LaunchError("chromium did not open its DevTools port in time")


class LaunchError(RuntimeError):
    """Chromium could not be started or watched."""


def page_urls(port: int, timeout: float = 1.0) -> list[str]:
    """The addresses of the browser's open pages (DevTools ``/json/list`` on loopback)."""
    url = f"http://127.0.0.1:{port}/json/list"
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (fixed loopback URL)
        targets = json.loads(response.read())
    return [t.get("url", "") for t in targets if t.get("type") == "page"]


def is_reset(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" == origin and parts.path == RESET_PATH


class KioskLauncher:
    """Starts, watches and restarts the kiosk browser; ``run`` until ``stop`` is set."""

    def __init__(
        self,
        start_url: str,
        *,
        chromium: str = CHROMIUM,
        extra_args: Sequence[str] = (),
        profile_root: str | Path | None = None,
        poll_seconds: float = 0.2,
        preferences: dict | None = None,
        report: Callable[[str], None] = lambda line: None,
    ):
        parts = urlsplit(start_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LaunchError(
                f"expected an http(s) address of the kiosk start page, got {start_url!r}"
            )
        self.start_url = start_url
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.chromium = chromium
        self.extra_args = tuple(extra_args)
        self.profile_root = Path(profile_root) if profile_root else None
        self.poll_seconds = poll_seconds
        self.preferences = PREFERENCES if preferences is None else preferences
        self.report = report
        self.current: Browser | None = None
        self.resets = 0
        self.stop = threading.Event()

    def start_browser(self) -> Browser:
        profile = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX, dir=self.profile_root))
        (profile / "Default").mkdir()
        (profile / "Default" / "Preferences").write_text(json.dumps(self.preferences), "utf-8")
        try:
            process = subprocess.Popen(  # noqa: S603 (our own argument list, no shell)
                [self.chromium, *chromium_args(profile, self.start_url, self.extra_args)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            shutil.rmtree(profile, ignore_errors=True)
            raise LaunchError(f"cannot start {self.chromium}: {exc.strerror}") from None
        browser = Browser(process, profile)
        try:
            browser.devtools_port()
        except LaunchError:
            self.close_browser(browser)
            raise
        self.current = browser
        return browser

    def close_browser(self, browser: Browser) -> None:
        """Stop chromium and its helpers, then delete the profile; refuse to go on if it stays."""
        _stop_process_group(browser.process)
        for _ in range(50):
            shutil.rmtree(browser.profile, ignore_errors=True)
            if not browser.profile.exists():
                return
            time.sleep(0.1)
        raise LaunchError(f"could not delete the old profile {browser.profile}")

    def reset_requested(self, browser: Browser) -> bool:
        try:
            port = browser.devtools_port(timeout=1.0)
            return any(is_reset(url, self.origin) for url in page_urls(port))
        except (LaunchError, OSError, ValueError):
            return False

    def remove_stale_profiles(self) -> int:
        """Profiles a power cut or a killed launcher left behind: deleted before anything starts."""
        root = self.profile_root or Path(tempfile.gettempdir())
        stale = [p for p in root.glob(f"{PROFILE_PREFIX}*") if p.is_dir() and not p.is_symlink()]
        for profile in stale:
            shutil.rmtree(profile, ignore_errors=True)
        return len(stale)

    def run(self) -> None:
        """Keep one browser on a fresh profile until ``stop``; every reset starts a new one."""
        if self.remove_stale_profiles():
            self.report("deleted profiles left by an earlier run")
        browser = self.start_browser()
        self.report("kiosk browser started on a new empty profile")
        try:
            while not self.stop.wait(self.poll_seconds):
                died = browser.process.poll() is not None
                if died or self.reset_requested(browser):
                    self.close_browser(browser)
                    self.current = None
                    self.resets += 1
                    why = "the browser closed" if died else "reset"
                    browser = self.start_browser()
                    self.report(f"{why}: old profile deleted, new browser on a new empty profile")
        finally:
            self.close_browser(browser)
            self.current = None


def _stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM to chromium's whole process group, SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
    # Helpers (renderer, GPU, zygote) share the group: make sure none keeps writing.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
