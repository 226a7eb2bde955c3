"""Venues, placements, posters and inspections: who may do what, and field-named errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from helpsite.registry.accounts import add_account
from helpsite.registry.errors import NotAllowed, NotFound, RegistryError
from helpsite.registry.inspections import due_placements, record_inspection, set_interval
from helpsite.registry.posters import find_poster, register_poster, remove_poster
from helpsite.registry.schema import inspections
from helpsite.registry.venues import add_placement, add_venue, visible_venues
from qr.codes import new_code
from tests.registry.conftest import COUNTRIES, NOW, PASSWORD

PRINTED = {"helpline": "08000 121 700", "offer": "free-24h", "languages": ["en", "ro"]}


@pytest.fixture
def staff(conn):
    def account(name, role, area):
        return add_account(conn, name, role, area, PASSWORD, now=NOW, known_countries=COUNTRIES)

    return {
        "manager": account("mia", "manager", "GB"),
        "other_manager": account("max", "manager", "GB,IE"),
        "inspector": account("ian", "inspector", "GB"),
        "irish_inspector": account("iris", "inspector", "IE"),
    }


def venue(conn, actor, **overrides):
    values = {
        "name": "Coach Station",
        "address": "1 Road, London",
        "country": "gb",
        "type": "transit-hub",
    }
    values.update(overrides)
    return add_venue(conn, actor, now=NOW, known_countries=COUNTRIES, **values)


def poster(conn, placement_id, code=None, **overrides):
    values = {
        "placement_id": placement_id,
        "code": code or new_code("GB").printed,
        "format": "a4",
        "languages": ("en", "ro"),
        "content_digest": "sha256:" + "ab" * 32,
        "printed_data": PRINTED,
        "printed_on": NOW.date(),
    }
    values.update(overrides)
    return register_poster(conn, **values)


def test_a_manager_registers_a_venue_placement_and_poster(conn, staff):
    place = venue(conn, staff["manager"])
    assert (place.country, place.manager_id) == ("GB", staff["manager"].id)
    spot = add_placement(conn, staff["manager"], place.id, " staff room, by the time clock ", NOW)
    assert spot.description == "staff room, by the time clock"
    assert spot.next_due == NOW.date()  # never inspected: due at once
    code = new_code("GB")
    made = poster(conn, spot.id, code=code.printed.lower())
    assert made.location_code == code.compact and made.state == "active"
    again = find_poster(conn, code.printed)
    assert again.printed_data == PRINTED and again.languages == ("en", "ro")
    assert again.printed_on == NOW.date()


def test_managers_see_their_own_venues_and_inspectors_their_area(conn, staff):
    mine = venue(conn, staff["manager"])
    venue(conn, staff["other_manager"], name="Harbour Café", country="IE", type="restaurant")
    assert visible_venues(conn, staff["manager"]) == [mine]
    assert visible_venues(conn, staff["inspector"]) == [mine]
    assert [v.country for v in visible_venues(conn, staff["irish_inspector"])] == ["IE"]


def test_who_may_not_do_what(conn, staff):
    with pytest.raises(NotAllowed, match="role: only venue managers"):
        venue(conn, staff["inspector"])
    with pytest.raises(NotAllowed, match="country: IE is outside your area"):
        venue(conn, staff["manager"], country="IE")
    place = venue(conn, staff["manager"])
    with pytest.raises(NotAllowed, match="venue: you do not manage this venue"):
        add_placement(conn, staff["other_manager"], place.id, "door", NOW)
    spot = add_placement(conn, staff["manager"], place.id, "door", NOW)
    made = poster(conn, spot.id)
    with pytest.raises(NotAllowed, match="is outside your area"):
        record_inspection(
            conn, staff["irish_inspector"], code=made.location_code, result="present", now=NOW
        )
    with pytest.raises(NotAllowed, match="role: only inspectors"):
        record_inspection(
            conn, staff["manager"], code=made.location_code, result="present", now=NOW
        )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "  "}, "name: required"),
        ({"name": "x" * 201}, "name: at most 200 characters"),
        ({"address": "1 Road\x00"}, "address: use letters, numbers and punctuation"),
        ({"name": "Two\nlines"}, "name: use letters, numbers and punctuation"),
        ({"country": "XX"}, "country: no help pages for XX"),
        ({"country": 7}, "country: a two-letter country code"),
        ({"type": "casino"}, "type: choose one of public-toilet, shop"),
        ({"type": None}, "type: choose one of"),
    ],
)
def test_bad_venue_fields_are_named(conn, overrides, message):
    with pytest.raises(RegistryError, match=message):
        venue(conn, None, **overrides)


def test_bad_poster_fields_are_named(conn):
    spot = add_placement(conn, None, venue(conn, None).id, "door", NOW)
    code = new_code("GB")
    wrong_check = code.compact[:-1] + ("0" if code.check != "0" else "1")
    cases = [
        ({"code": "nonsense"}, "location_code: 'nonsense' is not a valid location code"),
        ({"code": wrong_check}, "location_code: .* is not a valid location code"),
        (
            {"code": new_code("IE").compact},
            "location_code: .* is a code for IE, the venue is in GB",
        ),
        ({"placement_id": 999}, "placement: no placement 999"),
        ({"languages": ()}, "languages: at least one language tag"),
        ({"printed_data": {"when": NOW}}, "printed_data: not plain JSON data"),
        ({"content_digest": ""}, "content_digest: required"),
        ({"replaces": new_code("GB").compact}, "replaces: .* is not an active poster"),
    ]
    for overrides, message in cases:
        spot_id = overrides.pop("placement_id", spot.id)
        with pytest.raises(RegistryError, match=message):
            poster(conn, spot_id, **overrides)
    poster(conn, spot.id, code=code.compact)
    with pytest.raises(RegistryError, match=f"location_code: {code.compact} is registered already"):
        poster(conn, spot.id, code=code.compact)


def test_a_reprint_replaces_the_old_poster_and_removal_keeps_the_record(conn):
    spot = add_placement(conn, None, venue(conn, None).id, "door", NOW)
    old = poster(conn, spot.id)
    new = poster(conn, spot.id, replaces=old.location_code)
    assert find_poster(conn, old.location_code).state == "replaced"
    assert find_poster(conn, old.location_code).replaced_by_id == new.id
    removed = remove_poster(conn, new.location_code)
    assert removed.state == "removed"
    with pytest.raises(RegistryError, match="is removed already"):
        remove_poster(conn, new.location_code)
    with pytest.raises(NotFound):
        remove_poster(conn, "GB")


def test_the_database_refuses_a_replaced_poster_without_its_successor(conn):
    spot = add_placement(conn, None, venue(conn, None).id, "door", NOW)
    made = poster(conn, spot.id)
    with pytest.raises(Exception, match="(?i)check"), conn.begin_nested():
        conn.execute(text("UPDATE posters SET state = 'replaced' WHERE id = :id"), {"id": made.id})


@pytest.mark.parametrize(
    "result", ["present", "damaged", "obscured", "missing", "wrong-place", "tampered", "outdated"]
)
def test_an_inspection_of_each_result_moves_the_due_date_on(conn, staff, result):
    spot = add_placement(conn, None, venue(conn, staff["manager"]).id, "door", NOW)
    made = poster(conn, spot.id)
    assert due_placements(conn, ("GB",), NOW.date()) == [spot.id]
    done = record_inspection(
        conn,
        staff["inspector"],
        code=made.location_code,
        result=result.upper(),
        note="  behind the door\nleft side  ",
        scanned_code=made.location_code,
        now=NOW,
    )
    assert (done.result, done.note) == (result, "behind the door\nleft side")
    assert done.next_due == NOW.date() + timedelta(days=30)  # transit hubs: 30 days
    stored = conn.execute(select(inspections)).one()
    assert stored.inspected_at == NOW and stored.inspector_id == staff["inspector"].id
    assert due_placements(conn, ("GB",), NOW.date()) == []
    assert due_placements(conn, ("GB",), done.next_due) == [spot.id]


def test_bad_inspections_are_named(conn, staff):
    spot = add_placement(conn, None, venue(conn, None).id, "door", NOW)
    made = poster(conn, spot.id)
    inspector = staff["inspector"]
    with pytest.raises(RegistryError, match="result: choose one of present, damaged"):
        record_inspection(conn, inspector, code=made.location_code, result="fine", now=NOW)
    with pytest.raises(NotFound, match="location_code: no poster"):
        record_inspection(conn, inspector, code=new_code("GB").compact, result="present", now=NOW)
    with pytest.raises(RegistryError, match="note: at most 2000"):
        record_inspection(
            conn, inspector, code=made.location_code, result="present", note="x" * 2001, now=NOW
        )


def test_the_interval_per_venue_type_can_change(conn, staff):
    assert set_interval(conn, "transit-hub", 14) == 14
    spot = add_placement(conn, None, venue(conn, None).id, "door", NOW)
    made = poster(conn, spot.id)
    done = record_inspection(
        conn, staff["inspector"], code=made.location_code, result="present", now=NOW
    )
    assert done.next_due == date(2026, 3, 16)
    for days in (0, 3661, "ten", True):
        with pytest.raises(RegistryError, match="days: a whole number"):
            set_interval(conn, "shop", days)
