"""``helpsite kiosk``: clear answers when the launcher cannot start, and the venue policy."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from helpsite.cli import cli
from helpsite.kiosk.launch import chromium_args


def test_launch_refuses_an_address_that_is_not_a_web_page():
    result = CliRunner().invoke(cli, ["kiosk", "launch", "--url", "kiosk.local/kiosk/"])
    assert result.exit_code == 1
    assert "expected an http(s) address of the kiosk start page" in result.output
    assert "Traceback" not in result.output


def test_launch_names_a_missing_browser_and_leaves_no_profile(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    missing = str(tmp_path / "no-chromium")
    result = CliRunner().invoke(
        cli, ["kiosk", "launch", "--chromium", missing, "--url", "http://127.0.0.1:9/kiosk/"]
    )
    assert result.exit_code == 1
    assert f"cannot start {missing}" in result.output
    assert list(tmp_path.iterdir()) == []


def test_policy_is_json_for_chromium_managed_policies():
    result = CliRunner().invoke(cli, ["kiosk", "policy"])
    policy = json.loads(result.output)
    assert policy["IncognitoModeAvailability"] == 2
    assert policy["DownloadRestrictions"] == 3
    assert policy["PasswordManagerEnabled"] is False
    assert policy["DeveloperToolsAvailability"] == 2


def test_the_browser_is_started_locked_down():
    args = chromium_args(Path("/tmp/profile"), "https://help.example/kiosk/")
    for switch in (
        "--kiosk",
        "--incognito",
        "--kiosk-printing",
        "--remote-debugging-address=127.0.0.1",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=/tmp/profile",
    ):
        assert switch in args
    assert args[-1] == "https://help.example/kiosk/"
