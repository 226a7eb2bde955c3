"""The safety-critical messages every language's review record must cover.

A mistranslation of these can put a reader in danger: a promise a helpline does not keep,
an exit the reader cannot find, a poster question that points the wrong way. Each one is
back-translated blind and compared in ``<lang>/review.toml`` (``[[safety_terms]]``). Two
messages with the same English but a different context (the screen-reader "Emergency"
before the exit button and the poster's "Emergency" heading) are recorded apart.
"""

from __future__ import annotations

from typing import NamedTuple


class SafetyTerm(NamedTuple):
    """One message, keyed as the catalog keys it: (context, msgid)."""

    msgid: str
    context: str | None = None


EXIT_CONTEXT = "read before Exit this page by screen readers"

SAFETY_TERMS: tuple[SafetyTerm, ...] = (
    # The exit and its announcements.
    SafetyTerm("Exit this page"),
    SafetyTerm("Exit this page now"),
    SafetyTerm("Emergency", EXIT_CONTEXT),
    SafetyTerm("Press Shift 3 times to exit"),
    SafetyTerm("Shift, press %(num)s more time to exit."),
    SafetyTerm("Exit this page activated"),
    # The poster.
    SafetyTerm("Emergency"),
    SafetyTerm("Helpline"),
    SafetyTerm("Free"),
    SafetyTerm("Free help"),
    SafetyTerm("Free help, 24 hours"),
    SafetyTerm("Free, confidential help"),
    SafetyTerm("Free, confidential help, 24 hours"),
    SafetyTerm("Call for help"),
    SafetyTerm("Scan the code with your phone camera"),
    SafetyTerm("Are you forced to work?"),
    SafetyTerm("Can you leave?"),
    SafetyTerm("Is someone keeping your passport?"),
    # What a helpline promises.
    SafetyTerm("In danger now?"),
    SafetyTerm("Call %(number)s"),
    SafetyTerm("Not free: your phone company may charge for the call."),
    SafetyTerm("Open now"),
    SafetyTerm("Closed now"),
    SafetyTerm("Open 24 hours, every day"),
    SafetyTerm("We could not confirm when this line answers."),
    # "Is this happening to you?"
    SafetyTerm(
        "If someone controls your work or your life, you can get help. It is not your fault."
    ),
    SafetyTerm("Is this happening to you?"),
    SafetyTerm("Does your employer or someone else threaten you or your family?"),
    SafetyTerm("Are you not allowed to leave your work or the place where you live?"),
    SafetyTerm("Has someone taken your passport or identity documents?"),
    SafetyTerm("Do you owe money that you can never pay back?"),
    SafetyTerm("Are you paid nothing, or much less than the minimum wage?"),
    SafetyTerm("Are you forced to commit crimes, beg or sell drugs?"),
    SafetyTerm("Are you forced to have sex with people?"),
    SafetyTerm("If your answer to any question is yes, you can get help. You are not alone."),
    SafetyTerm(
        "This is general information, not legal advice. "
        "A helpline can tell you what applies to you."
    ),
    # What the exit does and cannot do.
    SafetyTerm("It hides this page at once and opens an everyday website instead."),
    SafetyTerm(
        "In most browsers it also replaces this page in your history, "
        "so the Back button does not return here."
    ),
    SafetyTerm(
        "It cannot delete the pages you saw before this one, "
        "or this site's other pages, from your history."
    ),
    SafetyTerm(
        "It cannot delete history that your browser sent to other devices through a shared account."
    ),
    SafetyTerm(
        "It cannot delete your call log, your messages, or the list of codes in a QR scanner app."
    ),
    SafetyTerm(
        "It only helps if someone looks at your screen. It does not protect you from spy apps."
    ),
    # Privacy promises and the honesty notice.
    SafetyTerm("Privacy: this site keeps nothing about you"),
    SafetyTerm("It sets no cookies and saves nothing in your browser."),
    SafetyTerm(
        "It keeps no record of visits: no address of your phone or internet connection, "
        "no type of phone, no list of pages seen."
    ),
    SafetyTerm(
        "It does not count how often a poster's code is scanned. "
        "The owner of a place with a poster cannot find out if someone used it."
    ),
    SafetyTerm("This translation has not yet been checked by a native speaker."),
)
