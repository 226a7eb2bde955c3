"""What managers and inspectors see: errors by the field, safe spreadsheets, the tamper
check, all-or-nothing imports, reprints and removals, a strict CSP and the camera."""

from __future__ import annotations

import csv
import io
import re

import pytest

from helpsite.web.templating import csp_hash
from tests.conftest import staff_client_for

ERRORS = re.compile(r'<span class="error" id="([\w-]+)-error"><strong>Error:</strong> (.*?)</span>')


@pytest.fixture(scope="module")
def inspector(app, staff_accounts):
    with staff_client_for(app, "inspector") as client:
        yield client


def _venue(client, name: str, country: str = "GB", spots=("Toilets, cubicle 2",)) -> str:
    made = client.submit(
        "/staff/venues",
        {"name": name, "address": "2 Test Street", "country": country, "type": "restaurant"},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text[:300]
    venue = made.headers["location"]
    for spot in spots:
        client.submit(f"{venue}/placements", {"placement": spot})
    return venue


def _print(client, venue: str) -> list[str]:
    ids = re.findall(r'name="placement" value="(\d+)"', client.get(venue).text)
    response = client.submit(
        f"{venue}/print", {"placement": ids, "format": "a6", "languages": "en"}
    )
    assert response.status_code == 200, response.text[:300]
    rows = csv.DictReader(io.StringIO(client.get(f"{venue}/sheet.csv").text))
    return [row["code"] for row in rows if row["code"]]


def test_every_bad_venue_field_gets_its_error_beside_it(staff_client):
    response = staff_client.submit(
        "/staff/venues", {"name": " ", "address": "x\x07y", "country": "US", "type": "castle"}
    )
    assert response.status_code == 400
    errors = dict(ERRORS.findall(response.text))
    assert set(errors) == {"name", "address", "country", "type"}
    assert "outside your area" in errors["country"]
    assert 'id="name" name="name" value=" "' in response.text  # kept for correcting
    assert 'aria-invalid="true"' in response.text


def test_the_placement_sheet_is_formula_safe_and_printable(staff_client):
    venue = _venue(staff_client, '=HYPERLINK("http://evil.example")', spots=("+cmd|' /C calc'!A0",))
    sheet = staff_client.get(f"{venue}/sheet.csv")
    assert sheet.headers["content-type"].startswith("text/csv")
    row = list(csv.DictReader(io.StringIO(sheet.text)))[0]
    assert row["venue"].startswith("'=") and row["placement"].startswith("'+")
    printable = staff_client.get(f"{venue}/sheet")
    assert printable.status_code == 200 and "+cmd|&#39; /C calc&#39;!A0" in printable.text


def test_a_reprint_replaces_and_a_removal_is_recorded(staff_client, inspector):
    venue = _venue(staff_client, "Reprint Diner")
    (first,) = _print(staff_client, venue)
    compact = first.replace(" ", "").replace("-", "")
    assert staff_client.submit(f"/staff/posters/{compact}/reprint").status_code == 200
    (second,) = _print_codes_only(staff_client, venue)
    assert second != first
    old = inspector.get("/staff/inspect", params={"code": first}).text
    assert "replaced: it should no longer be on the wall" in old
    again = staff_client.submit(f"/staff/posters/{compact}/reprint")
    assert again.status_code == 409
    new = second.replace(" ", "").replace("-", "")
    removed = staff_client.submit(f"/staff/posters/{new}/remove", follow_redirects=False)
    assert removed.status_code == 303
    assert "no poster yet" in staff_client.get(f"{venue}/sheet.csv").text


def _print_codes_only(client, venue: str) -> list[str]:
    rows = csv.DictReader(io.StringIO(client.get(f"{venue}/sheet.csv").text))
    return [row["code"] for row in rows if row["code"]]


@pytest.fixture(scope="module")
def hung(staff_accounts, app):
    with staff_client_for(app, "manager") as manager:
        venue = _venue(manager, "Tamper Terminal")
        (code,) = _print(manager, venue)
    return code.replace(" ", "").replace("-", "")


@pytest.mark.parametrize(
    ("scanned", "says"),
    [
        ("https://help.evil.example/{code}", "opens another site (help.evil.example)"),
        ("HTTP://127.0.0.1:8000/GB0000000Z", "not one of our codes"),
        ("HTTP://127.0.0.1:8000/{other}", "but the code printed beside it is"),
        ("totally not a code", "not one of our codes"),
    ],
)
def test_a_tampered_scan_is_shown_plainly(inspector, hung, scanned, says):
    from qr.codes import new_code

    other = new_code("GB").compact
    response = inspector.get(
        "/staff/inspect", params={"code": hung, "scanned": scanned.format(code=hung, other=other)}
    )
    assert response.status_code == 200
    assert '<h2 class="result-tampered">Tampered</h2>' in response.text
    assert says in response.text
    assert 'value="tampered" checked' in response.text


def test_the_right_scan_is_not_tampered_and_an_unissued_code_is(inspector, hung, settings):
    from qr.codes import new_code

    good = inspector.get(
        "/staff/inspect", params={"code": hung, "scanned": f"{settings.base_url}/{hung}".upper()}
    )
    assert '<h2 class="result-tampered">' not in good.text
    assert "Yes: it prints today" in good.text
    never = new_code("GB")
    response = inspector.get("/staff/inspect", params={"code": never.printed})
    assert f"We never issued the code {never.compact}" in response.text


def test_an_inspection_keeps_the_scan_and_a_bad_result_is_named(inspector, hung):
    bad = inspector.submit("/staff/inspect", {"code": hung, "result": "fine-ish"})
    assert bad.status_code == 400 and "choose one of present" in bad.text
    done = inspector.submit(
        "/staff/inspect",
        {"code": hung, "scanned": "https://elsewhere.example/x", "result": "tampered"},
    )
    assert done.status_code == 200 and "Recorded: <strong>Tampered with</strong>" in done.text
    report = inspector.get("/staff/report.csv").text
    assert any(
        row["section"] == "tampered" and row["code"].replace(" ", "").replace("-", "") == hung
        for row in csv.DictReader(io.StringIO(report))
    )


def test_an_import_with_bad_rows_imports_nothing_and_names_each_row(staff_client):
    header = "name,address,country,type,placement\n"
    bad = (
        header
        + "Import Inn,1 Road,GB,hotel,Staff room\nImport Inn,1 Road,ZZ,hotel,\n,2 Road,IE,pub,x\n"
    )
    response = staff_client.submit("/staff/import", {"csv": bad})
    assert response.status_code == 400
    problems = re.findall(r"<li>Row (\d+), (\w+):", response.text)
    assert ("3", "country") in problems and ("4", "name") in problems and ("4", "type") in problems
    assert not any(number == "2" for number, _field in problems)
    assert "Import Inn" not in staff_client.get("/staff/venues").text  # nothing imported
    good = header + "Import Inn,1 Road,GB,hotel,Staff room\nImport Inn,1 Road,GB,hotel,Toilets\n"
    done = staff_client.submit("/staff/import", {"csv": good})
    assert "Imported 1 new venue and 2 placements." in done.text
    again = staff_client.submit("/staff/import", {"csv": good})
    assert again.status_code == 400 and "already has" in again.text  # and still nothing doubled


def test_staff_pages_hash_their_own_script_and_only_inspect_may_use_the_camera(
    staff_client, inspector
):
    home = staff_client.get("/staff/")
    script = re.search(r"<script>(.*?)</script>", home.text, re.S).group(1)
    assert csp_hash(script) in home.headers["content-security-policy"]
    assert "unsafe-inline" not in home.headers["content-security-policy"]
    assert home.headers["permissions-policy"].startswith("camera=()")
    inspect = inspector.get("/staff/inspect")
    assert inspect.headers["permissions-policy"].startswith("camera=(self)")
    assert 'id="scan-camera" hidden' in inspect.text and 'id="code"' in inspect.text
