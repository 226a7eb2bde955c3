import dataclasses

import pytest
from qr_samples import LANGS, make_content


def test_languages_are_stored_as_a_tuple_so_content_is_immutable():
    content = make_content(["en", "ar"])
    assert isinstance(content.languages, tuple)
    assert [b.tag for b in content.languages] == ["en", "ar"]
    assert hash(content) == hash(dataclasses.replace(content))
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.venue = "elsewhere"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"tag": "english"}, "not a BCP 47 language tag"),
        ({"tag": "zh_Hans"}, "not a BCP 47 language tag"),
        ({"direction": "right"}, "direction must be 'ltr' or 'rtl'"),
        ({"questions": "  "}, "questions must be non-empty text"),
    ],
)
def test_language_block_rejects_bad_fields(change, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(LANGS["en"], **change)


@pytest.mark.parametrize("tag", ["en", "es-419", "zh-Hans", "zh-Hant-TW", "pt-BR", "ti", "fil"])
def test_language_block_accepts_real_tags(tag):
    assert dataclasses.replace(LANGS["en"], tag=tag).tag == tag


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"languages": []}, "at least one language"),
        ({"languages": [LANGS["en"], LANGS["en"]]}, "appears twice"),
        ({"helpline_tel": "0800 121 700"}, "E.164"),
        ({"print_date": "2026-11-24"}, "datetime.date"),
        ({"venue": ""}, "venue must be non-empty"),
    ],
)
def test_poster_content_rejects_bad_fields(change, message):
    change = dict(change)
    languages = change.pop("languages", ["en"])
    with pytest.raises(ValueError, match=message):
        make_content(languages, **change)


@pytest.mark.parametrize("tel", ["+448000121700", "116006", "999"])
def test_helpline_tel_is_e164_or_a_short_code(tel):
    assert make_content(["en"], helpline_tel=tel).helpline_tel == tel


def test_texts_lists_everything_printed():
    content = make_content(["en", "ti"])
    texts = content.texts()
    assert LANGS["ti"].scan in texts and content.location_code in texts
    assert content.venue in texts and content.placement in texts
    assert content.payload_url not in texts  # the payload is drawn as a QR, not as text
