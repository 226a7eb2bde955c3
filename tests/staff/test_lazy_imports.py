"""The visitor app (and the staff app mounted in it) never load the rendering stack."""

from __future__ import annotations

import json
import subprocess
import sys

RENDERING = ("weasyprint", "pypdfium2", "zxingcpp", "PIL")

SCRIPT = """
import json, sys
from dataclasses import replace
from helpsite.settings import Settings
from helpsite.web.app import create_app
from tests.conftest import add_staff_accounts, staff_client_for
settings = replace(Settings.from_env(), database_url=%r)
add_staff_accounts(settings.database_url, {"GB", "IE", "US"})
app = create_app(settings)
with staff_client_for(app, "manager") as client:
    statuses = [client.get(url).status_code for url in ("/en/gb", "/staff/posters")]
print(json.dumps({"statuses": statuses, "loaded": [m for m in %r if m in sys.modules]}))
"""


def test_create_app_and_serving_pages_load_no_rendering_library(tmp_path):
    database = f"sqlite:///{tmp_path / 'registry.db'}"
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT % (database, RENDERING)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["statuses"] == [200, 200]
    assert result["loaded"] == []


def test_from_qr_import_still_gives_the_renderer():
    code = (
        "from qr import make_poster, read_pdf, formats; print(callable(formats()['a4'].name.upper))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "True"
