"""The countries added in issue 13 (part B): each one's main line reaches a visitor.

A country appears only when every catalog translates its text, so these also prove the
catalogs are complete for it: the Arabic page shows the Arabic operator, not English.
"""

from __future__ import annotations

import pytest

# country slug, its main line as dialled, and the Arabic for that line's operator
NEW_COUNTRIES = [
    ("ng", "tel:627", "الوكالة الوطنية لحظر الاتجار بالأشخاص"),
    ("ua", "tel:1547", "مركز الاتصال الحكومي"),
    ("md", "tel:+37380077777", "المركز الدولي لا سترادا"),
    ("bg", "tel:+35980020100", "مؤسسة حملة A21"),
    ("mx", "tel:+528005533000", "مجلس المواطنين للأمن والعدالة"),
    ("br", "tel:100", "أمين المظالم الوطني لحقوق الإنسان"),
    ("pt", "tel:+351964608288", "خدمة دعم وطنية"),
    ("th", "tel:1300", "وزارة التنمية الاجتماعية والأمن البشري"),
    ("ph", "tel:1343", "نيابةً عن Inter-Agency Council Against Trafficking"),
    ("gr", "tel:1109", "A21 Greece (جمعية خيرية)"),
    ("be", "tel:+3278055800", "الإدارة العامة الاتحادية للعدل"),
    ("se", "tel:+4620505050", "جامعة أوبسالا"),
    ("at", "tel:+4367761343434", "المكتب الاتحادي للشرطة الجنائية"),
    ("hu", "tel:0680205520", "منظمة المعونة المسكونية المجرية"),
    ("cz", "tel:+420800077777", "لا سترادا جمهورية التشيك"),
    ("lt", "tel:+37080091119", "مركز دعم أسر المفقودين"),
    ("sk", "tel:0800800818", "خط وطني أنشأته وزارة الداخلية"),
    ("mk", "tel:+38980011111", "البوابة المفتوحة – لا سترادا"),
]


@pytest.mark.parametrize(("slug", "tel", "arabic_operator"), NEW_COUNTRIES)
def test_the_main_line_renders_in_english(client, slug, tel, arabic_operator):
    response = client.get(f"/en/{slug}")
    assert response.status_code == 200
    assert f'href="{tel}"' in response.text
    assert arabic_operator not in response.text


@pytest.mark.parametrize(("slug", "tel", "arabic_operator"), NEW_COUNTRIES)
def test_the_main_line_renders_in_arabic_right_to_left(client, slug, tel, arabic_operator):
    response = client.get(f"/ar/{slug}")
    assert response.status_code == 200
    assert 'lang="ar"' in response.text and 'dir="rtl"' in response.text
    assert f'href="{tel}"' in response.text
    assert arabic_operator in response.text


@pytest.mark.parametrize(("slug", "tel", "arabic_operator"), NEW_COUNTRIES)
def test_every_offered_language_lists_the_country(client, site, slug, tel, arabic_operator):
    for language in site.visitor_languages:
        html = client.get(f"/{language}/").text
        assert f'href="/{language}/{slug}"' in html, language
