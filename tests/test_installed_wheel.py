"""The built wheel, installed in a fresh venv outside the checkout, serves pages and makes posters.

Nothing may come from the source tree at run time: templates, static files, the exit
component, catalogs (compiled in memory: the wheel carries no .mo) and country data are
all package data. Runs in every `make test` and in CI (marker ``installed``; deselect it
locally with ``-m "not installed"``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.serving import free_port, wait_until_up

pytestmark = pytest.mark.installed


def run(*args: str, cwd: Path, env: dict) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A venv with the locked dependencies and the wheel, and a working folder outside ROOT."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(tmp)), "LANG": "C.UTF-8"}
    # Build from a clean copy: setuptools' build/ folder in the checkout could keep old files.
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.egg-info")
    for package in ("helpsite", "qr"):
        shutil.copytree(ROOT / package, source / package, ignore=junk)
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(source),
        cwd=tmp, env=env)  # fmt: skip
    (wheel,) = dist.glob("helpsite-*.whl")

    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", str(venv), cwd=tmp, env=env)
    python = venv / "bin" / "python"
    lock = ROOT / "requirements" / "run.txt"
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "--quiet", "install"]
    run(*pip, "--require-hashes", "--no-deps", "-r", str(lock), cwd=tmp, env=env)
    run(*pip, "--no-deps", str(wheel), cwd=tmp, env=env)
    work = tmp / "work"
    work.mkdir()
    return {"wheel": wheel, "bin": venv / "bin", "work": work, "env": env}


def test_the_wheel_carries_the_data_but_no_compiled_catalogs(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for needed in (
        "helpsite/web/templates/base.html",
        "helpsite/web/templates/staff/posters.html",
        "helpsite/web/templates/staff/inspect.html",
        "helpsite/staff/assets/staff.css",
        "helpsite/staff/assets/staff.js",
        "helpsite/registry/migrations/versions/0002_site_keys.py",
        "helpsite/web/static/site.css",
        "helpsite/web/components/exit_this_page/macro.html",
        "helpsite/web/components/exit_this_page/exit-this-page.js",
        "helpsite/locales/messages.pot",
        "helpsite/locales/ar/LC_MESSAGES/messages.po",
        "helpsite/locales/ar/review.toml",
        "helpsite/countries/gb.toml",
        "qr/formats.toml",
    ):
        assert needed in names, needed
    assert not [n for n in names if n.endswith(".mo")]


def test_the_installed_site_serves_pages_from_outside_the_checkout(installed):
    port = free_port()
    log = installed["work"] / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(installed["bin"] / "helpsite"), "serve", "--port", str(port)],
            cwd=installed["work"],
            env=installed["env"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, server, log)
        with urllib.request.urlopen(base + "/en/gb", timeout=10) as response:
            assert response.status == 200
            assert 'lang="en" dir="ltr"' in response.read().decode("utf-8")
        with urllib.request.urlopen(base + "/ar/gb", timeout=10) as response:
            assert response.status == 200
            html = response.read().decode("utf-8")
        assert 'lang="ar" dir="rtl"' in html
        assert "exit-this-page__button" in html  # the component's macro, from the package
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)
    assert list(installed["work"].iterdir()) == [log]  # the site wrote nothing


def test_the_installed_cli_makes_a_poster_from_outside_the_checkout(installed):
    out = installed["work"] / "x.pdf"
    printed = run(
        str(installed["bin"] / "helpsite"),
        "posters", "make", "--country", "GB", "--out", "x.pdf",
        cwd=installed["work"], env=installed["env"],
    )  # fmt: skip
    assert out.read_bytes().startswith(b"%PDF-")
    code, url, path = printed.strip().split("\t")
    assert code.startswith("GB ") and path == "x.pdf"
    assert url.endswith("/" + code.replace(" ", "").replace("-", ""))
