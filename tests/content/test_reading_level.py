"""Rights cards a person with little schooling can read: Flesch–Kincaid grade at most 6.

The grade is computed as textstat computes it (0.39 words per sentence + 11.8 syllables
per word - 15.59, syllables from Pyphen's hyphenation dictionary). Pyphen is already a
run-time dependency (WeasyPrint); textstat itself could not be locked: its releases
after 0.7.4 download NLTK data at run time, and 0.7.4 needs pkg_resources, which the
locked setuptools no longer ships.
"""

from __future__ import annotations

import re
import tomllib

import pyphen
import pytest

from tests.conftest import ROOT

MAX_GRADE = 6.0
_DICTIONARY = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


def syllables(word: str) -> int:
    return max(1, _DICTIONARY.inserted(word).count("-") + 1)


def grade(text: str) -> float:
    """Flesch–Kincaid grade level of English ``text``."""
    words = _WORD.findall(text)
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())))
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59


def cards() -> list[tuple[str, str]]:
    """(file and index, the card's English: title then text) for every shipped card."""
    found = []
    for path in sorted((ROOT / "helpsite" / "countries").glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for i, right in enumerate(data.get("rights", [])):
            found.append((f"{path.name}: rights[{i}]", f"{right['title']}. {right['text']}"))
    return found


@pytest.mark.parametrize(("where", "english"), cards(), ids=[w for w, _ in cards()])
def test_every_rights_card_reads_at_grade_6_or_below(where, english):
    assert grade(english) <= MAX_GRADE, f"{where}: grade {grade(english):.1f}"


def test_the_measure_tells_plain_from_legal_english():
    plain = "You can get help. It is free. You do not have to talk to the police."
    legal = (
        "Prosecutors must follow instructions that set a strong presumption against"
        " prosecuting a victim of trafficking for an offence committed as a consequence."
    )
    assert grade(plain) < 2 < MAX_GRADE < grade(legal)
