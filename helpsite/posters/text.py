"""The words printed on posters, marked for translation (the poster generator gets them translated).

Which offer line a poster prints depends on the helpline: "24 hours" only for a
line open all day, "confidential" only for a line that says it is.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, per poster language."""
    return message


QUESTIONS = (
    N_("Are you forced to work?"),
    N_("Can you leave?"),
    N_("Is someone keeping your passport?"),
)
OFFER_CONFIDENTIAL_24H = N_("Free, confidential help, 24 hours")
OFFER_CONFIDENTIAL = N_("Free, confidential help")
OFFER_24H = N_("Free help, 24 hours")
OFFER = N_("Free help")
OFFER_CALL = N_("Call for help")  # a line that is not free: promise nothing about cost
SCAN = N_("Scan the code with your phone camera")
HELPLINE = N_("Helpline")
EMERGENCY = N_("Emergency")
