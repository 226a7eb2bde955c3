"""The poster registry through the real app and a real database (SQLite and PostgreSQL).

A manager registers venues and prints posters; an inspector records every kind of result;
a helpline number changes in a copy of a country file and exactly the posters that print
it are listed as outdated, while a comment-only edit of another country outdates nothing.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

from helpsite.registry.schema import RESULTS
from helpsite.web.app import create_app
from qr import read_pdf
from tests.conftest import add_staff_accounts, staff_client_for

OLD_NUMBER, NEW_NUMBER = "08000 121 700", "08000 121 799"


def _register_venue(manager, name: str, country: str, spots: list[str]) -> str:
    response = manager.submit(
        "/staff/venues",
        {"name": name, "address": "1 Test Street", "country": country, "type": "transit-hub"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    venue = response.headers["location"]
    for spot in spots:
        added = manager.submit(f"{venue}/placements", {"placement": spot}, follow_redirects=False)
        assert added.status_code == 303
    return venue


def _print_all(manager, venue: str) -> list[str]:
    """Print a poster for every placement of the venue; the codes the PDF's QR codes open."""
    ids = re.findall(r'name="placement" value="(\d+)"', manager.get(venue).text)
    response = manager.submit(
        f"{venue}/print", {"placement": ids, "format": "a6", "languages": ["en"]}
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "application/pdf"
    codes = [page.urls[0].rsplit("/", 1)[1] for page in read_pdf(response.content)]
    assert len(codes) == len(ids)
    sheet = list(csv.DictReader(io.StringIO(manager.get(f"{venue}/sheet.csv").text)))
    assert sorted(row["code"].replace(" ", "").replace("-", "") for row in sheet) == sorted(codes)
    return codes


def _listed(client, page: str) -> set[str]:
    return {
        code.replace(" ", "").replace("-", "")
        for code in re.findall(r'<span class="code">([^<]+)</span>', client.get(page).text)
    }


def test_register_print_inspect_and_see_exactly_the_changed_posters_outdated(
    database_url, settings, tmp_path
):
    countries = Path(shutil.copytree(settings.countries_dir, tmp_path / "countries"))
    add_staff_accounts(database_url, {"GB", "IE", "US"})
    local = replace(settings, database_url=database_url, countries_dir=str(countries))
    app = create_app(local)
    with staff_client_for(app, "manager") as manager, staff_client_for(app, "inspector") as insp:
        gb_venue = _register_venue(
            manager, "Coach Station", "GB", ["Toilets, cubicle 1", "Staff room"]
        )
        ie_venue = _register_venue(manager, "Harbour Café", "IE", ["Toilets, inside door"])
        gb_codes, ie_codes = _print_all(manager, gb_venue), _print_all(manager, ie_venue)
        every = gb_codes + ie_codes
        for number, result in enumerate(RESULTS):
            code = every[number % len(every)]
            looked_up = insp.get("/staff/inspect", params={"code": code})
            assert looked_up.status_code == 200 and "Yes: it prints today" in looked_up.text
            recorded = insp.submit(
                "/staff/inspect", {"code": code, "result": result, "note": f"check {number}"}
            )
            assert recorded.status_code == 200, recorded.text[:300]
            assert "Recorded:" in recorded.text
        assert _listed(manager, "/staff/outdated") == set()
        report = insp.get("/staff/report.csv").text
        assert {row["section"] for row in csv.DictReader(io.StringIO(report))} >= {
            "failing", "tampered", "venue"
        }  # fmt: skip

    gb = countries / "gb.toml"
    text = gb.read_text("utf-8")
    assert f'number = "{OLD_NUMBER}"' in text
    # The operator's printed form (display) changes with the number, as a real edit would.
    text = text.replace(f'number = "{OLD_NUMBER}"', f'number = "{NEW_NUMBER}"')
    gb.write_text(text.replace(f'display = "{OLD_NUMBER}"', f'display = "{NEW_NUMBER}"'), "utf-8")
    ie = countries / "ie.toml"
    ie.write_text("# a comment changes nothing on the paper\n" + ie.read_text("utf-8"), "utf-8")

    changed = create_app(local)
    with (
        staff_client_for(changed, "manager") as manager,
        staff_client_for(changed, "inspector") as insp,
    ):
        assert _listed(manager, "/staff/outdated") == set(gb_codes)
        assert _listed(insp, "/staff/outdated") == set(gb_codes)
        page = insp.get("/staff/outdated").text
        change = re.search(r"helpline number: ([^<;]+) → ([^<;.]+)", page)
        assert change, page  # the numbers as printed, old and new
        assert change.group(1).replace(" ", "")[-3:] == "700"
        assert change.group(2).replace(" ", "")[-3:] == "799"
        rows = list(csv.DictReader(io.StringIO(insp.get("/staff/report.csv").text)))
        outdated = {
            r["code"].replace(" ", "").replace("-", "") for r in rows if r["section"] == "outdated"
        }
        assert outdated == set(gb_codes)
        looked_up = insp.get("/staff/inspect", params={"code": gb_codes[0]})
        assert "No, outdated:" in looked_up.text
        # A reprint replaces the outdated poster and the new one is current.
        reprint = manager.submit(f"/staff/posters/{gb_codes[0]}/reprint")
        assert reprint.status_code == 200
        assert _listed(manager, "/staff/outdated") == set(gb_codes[1:])
