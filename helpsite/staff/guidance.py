"""Where posters work, per venue type: shown when a manager registers placements.

The rule behind every line: a person who is watched must be able to read the number, or
scan the code, in a moment alone; never where the one who controls them stands.
"""

from __future__ import annotations

from helpsite.registry.schema import VENUE_TYPES

GENERAL = (
    "Put posters where a person can be alone for a moment: inside toilet cubicle doors,"
    " staff toilets, changing rooms.",
    "Hang the code with its centre at about 130 cm from the floor, so it can be scanned"
    " standing or sitting, and read without stepping close.",
    "Never where the one who controls them waits or watches: not at the entrance, the till,"
    " the reception desk or the queue.",
)

BY_TYPE = {
    "public-toilet": "Inside each cubicle door, including accessible and baby-changing rooms.",
    "shop": "Customer and staff toilets; the staff room, away from the shop floor.",
    "restaurant": "Customer toilets, inside the cubicle door; the kitchen staff's toilet and"
    " changing room.",
    "transit-hub": "Toilet cubicles, left-luggage and quiet waiting areas; not the ticket"
    " queue or the drop-off point.",
    "hotel": "Staff toilets, the housekeeping room and the staff time clock; inside guest"
    " bathroom doors.",
    "workplace-staff-area": "Staff toilets, changing rooms and the time clock, where"
    " supervisors and agency drivers do not stand.",
    "health-service": "Patient toilets and examination rooms, where a patient is seen alone.",
    "other": "Toilet cubicles and any room where a person is alone for a moment.",
}
assert set(BY_TYPE) == set(VENUE_TYPES)


def guidance(venue_type: str) -> tuple[str, ...]:
    """The advice for this venue type, the general rules after it."""
    return (BY_TYPE.get(venue_type, BY_TYPE["other"]), *GENERAL)
