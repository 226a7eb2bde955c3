import dataclasses

import pytest
import segno
import weasyprint
from qr_samples import LANGS, code_for, make_content, text_sizes_pt

import qr
from qr import render, rules
from qr.errors import PosterRefused
from qr.formats import get_format
from qr.layout import SAFETY_GREEN, WHITE, plan


def _refusal(content, fmt_name):
    fmt = get_format(fmt_name)
    with pytest.raises(PosterRefused) as info:
        rules.check(content, plan(fmt, content))
    return info.value


def test_contrast_white_on_safety_green_meets_wcag_aa():
    ratio = rules.contrast_ratio(WHITE, SAFETY_GREEN)
    # The reference notes say "about 5.2:1"; the WCAG formula gives 4.96:1 (still AA).
    assert ratio == pytest.approx(4.96, abs=0.01)
    assert ratio >= rules.WCAG_AA
    assert rules.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert rules.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


def test_shipped_layouts_pass_every_rule_at_minimum_size():
    for fmt in qr.formats().values():
        country = "US" if fmt.required_languages else "GB"
        tags = ["en", "es", "ar"][: max(fmt.min_languages, 1)]
        content = make_content(tags, country=country)
        layout = plan(fmt, content)
        assert rules.layout_problems(layout) == [], fmt.name
        assert layout.qr_mm >= fmt.min_qr_mm
        assert layout.module_mm > 0.5  # large modules: a 1 mm module scans from ~1 m
        assert layout.text_pt >= fmt.min_text_pt


def test_too_many_languages_on_a6_is_refused_with_the_fix():
    refused = _refusal(make_content(["en", "es", "ru", "ar"]), "a6")
    assert "language-count" in refused.rules
    message = str(refused)
    assert "4 languages on A6" in message and "fewer languages or a larger format" in message


def test_us_letter_without_spanish_is_refused():
    refused = _refusal(make_content(["en", "ru", "ar"], country="US"), "letter")
    assert refused.rules == ("required-languages",)
    assert "must include es" in str(refused) and "§787.29" in str(refused)


def test_us_letter_needs_a_third_language():
    refused = _refusal(make_content(["en", "es"], country="US"), "letter")
    assert "language-count" in refused.rules
    assert "at least 3" in str(refused)


def test_us_poster_on_a4_is_refused_letter_is_not_a4():
    refused = _refusal(make_content(["en", "es", "zh-Hans"], country="US"), "a4")
    assert "format-country" in refused.rules
    message = str(refused)
    assert "US Letter" in message and "Tabloid" in message
    # The reason comes from the laws' minimum paper sizes in formats.toml, not from code.
    assert "A4 portrait (210 mm wide) is narrower than the 215.9 mm the law asks for" in message


def test_us_poster_on_a3_names_the_legal_height_it_misses():
    refused = _refusal(make_content(["en", "es", "zh-Hans"], country="US"), "a3")
    assert "A3 portrait (420 mm tall) is shorter than the 431.8 mm the law asks for" in str(refused)


def test_a_format_refused_where_no_law_sets_paper_gives_no_legal_reason():
    refused = _refusal(make_content(["en", "es", "ru"], country="GB"), "letter")
    assert "format-country" in refused.rules
    assert "the law asks for" not in str(refused)


def test_several_failures_are_reported_together():
    content = make_content(["ru"], country="US", short_url="elsewhere.example/X")
    refused = _refusal(content, "letter")
    assert set(refused.rules) == {"required-languages", "language-count", "short-url"}
    assert str(refused).startswith("poster refused:\n- [")


@pytest.mark.parametrize(
    ("override", "rule"),
    [
        (lambda c: {"payload_url": f"https://help.example.org/{c.compact}"}, "qr-alphanumeric"),
        (lambda c: {"short_url": f"other.example.org/{c.compact}"}, "short-url"),
        (lambda c: {"location_code": c.printed[:-1] + _other(c.check)}, "location-code"),
        (lambda c: {"location_code": c.printed.lower()}, "location-code"),
        (lambda c: {"payload_url": f"HTTPS://HELP.EXAMPLE.ORG/{c.compact}X"}, "payload-code"),
    ],
)
def test_payload_rules(override, rule):
    code = code_for("GB", "7K2Q9XM")
    content = make_content(["en"], code=code, **override(code))
    assert rule in _refusal(content, "a4").rules


def _other(check):
    return "0" if check != "0" else "1"


def test_venue_never_in_the_payload():
    content = make_content(["en"])
    leaky = dataclasses.replace(
        content, payload_url=content.payload_url.replace("/GB", "/CENTRAL/GB"), venue="central"
    )
    refused = _refusal(leaky, "a4")
    assert "payload-private" in refused.rules


def test_text_direction_must_match_the_script():
    wrong = dataclasses.replace(LANGS["ar"], direction="ltr")
    content = make_content([LANGS["en"], wrong])
    refused = _refusal(content, "a4")
    assert refused.rules == ("text-direction",)
    assert "ar: text reads rtl" in str(refused)


def test_small_qr_is_refused_with_module_size():
    content = make_content(["en"])
    layout = dataclasses.replace(plan(get_format("a4"), content), qr_mm=60)
    problems = rules.layout_problems(layout)
    assert [p.rules[0] for p in problems] == ["qr-size"]
    assert "60.0 mm" in str(problems[0]) and "mm modules" in str(problems[0])
    assert ">= 100 mm" in str(problems[0])


def test_qr_that_cannot_fit_the_paper_is_refused():
    fmt = dataclasses.replace(get_format("a6"), viewing_distance_m=0.9)  # a 90 mm code on A6
    content = make_content(["en"])
    problems = rules.layout_problems(plan(fmt, content))
    assert "qr-fit" in [p.rules[0] for p in problems]


def test_text_below_the_format_minimum_is_refused():
    content = make_content(["en", "es", "ar"], country="US")
    layout = dataclasses.replace(plan(get_format("letter"), content), text_pt=12)
    problems = rules.layout_problems(layout)
    assert problems and all(p.rules == ("text-size",) for p in problems)
    assert "below US Letter (8.5 x 11 in)'s minimum 16 pt" in str(problems[0])


def test_low_contrast_is_refused():
    content = make_content(["en"])
    layout = dataclasses.replace(plan(get_format("a4"), content), colours=((WHITE, "#6FCF97"),))
    problems = rules.layout_problems(layout)
    assert [p.rules[0] for p in problems] == ["contrast"]


@pytest.mark.parametrize(
    "symbol",
    [
        segno.make_qr("HTTPS://HELP.EXAMPLE.ORG/X", error="l"),
        segno.make_micro("HTTPS://X.ORG/1", error="l"),
    ],
    ids=["level-L", "micro"],
)
def test_error_level_h_and_full_qr_only(symbol):
    content = make_content(["en"])
    layout = dataclasses.replace(plan(get_format("a4"), content), symbol=symbol)
    assert "qr-error-level" in [p.rules[0] for p in rules.layout_problems(layout)]


def test_text_that_does_not_fit_is_refused_not_shrunk():
    # Three long languages on A6, with the language cap lifted so only the fit can refuse.
    fmt = dataclasses.replace(get_format("a6"), max_languages=4)
    long_en = dataclasses.replace(LANGS["en"], offer=LANGS["en"].offer + ". " + "Help. " * 30)
    content = make_content([long_en, "ru", "ar"])
    with pytest.raises(PosterRefused) as info:
        render.fit(content, fmt)
    assert info.value.rules == ("fit",)
    assert "does not fit on A6 sticker even at the minimum 9 pt" in str(info.value)
    assert "A5 portrait" in str(info.value)  # suggests a larger format


def test_a6_sticker_fits_two_languages_at_its_minimum_size_or_refuses_with_the_reason(tmp_path):
    fmt = get_format("a6")
    fits = make_content(["en", "ar"])
    pdf = qr.make_poster(fits, fmt)
    assert min(size for _, size in text_sizes_pt(pdf)) >= fmt.fine_print_pt - 0.05
    # Two languages (within the sticker's limit) whose text is too long for A6 at 9 pt:
    # refused, with the reason and the fix, and nothing written.
    long_ru = dataclasses.replace(LANGS["ru"], offer=LANGS["ru"].offer + ". " + "Помощь. " * 60)
    out = tmp_path / "sticker.pdf"
    with pytest.raises(PosterRefused) as info:
        qr.make_poster(make_content([long_ru, "vi"]), fmt, out)
    assert info.value.rules == ("fit",)
    assert "does not fit on A6 sticker even at the minimum 9 pt" in str(info.value)
    assert "A5 portrait" in str(info.value)
    assert not out.exists()


def test_refusal_happens_before_rendering(monkeypatch, tmp_path):
    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered a poster that breaks the rules")

    monkeypatch.setattr(weasyprint, "HTML", no_rendering)
    out = tmp_path / "poster.pdf"
    with pytest.raises(PosterRefused, match="language-count"):
        qr.make_poster(make_content(["en", "es", "ru", "ar"]), "a6", out)
    assert not out.exists()
