"""Shared sample posters and PDF inspection helpers for the qr tests.

A uniquely named module rather than conftest.py, so tests can import it without
clashing with other test directories.  The language texts below were written for these
tests only (not reviewed translations); the real strings come from helpsite's catalogs.
"""

from __future__ import annotations

import datetime
import re
import zlib
from collections.abc import Sequence

import pypdfium2
import pypdfium2.raw as pdfium_c

from qr.codes import LocationCode, check_character, new_code, payload_url
from qr.content import LanguageBlock, PosterContent

BASE_URL = "https://help.example.org"

LANGS: dict[str, LanguageBlock] = {
    "en": LanguageBlock(
        "en",
        "ltr",
        "Are you forced to work? Can you leave? Is someone keeping your passport?",
        "Free, confidential help, 24 hours",
        "Scan the code with your phone camera",
        "Helpline",
        "Emergency",
    ),
    "es": LanguageBlock(
        "es",
        "ltr",
        "¿Le obligan a trabajar? ¿Puede irse? ¿Alguien le retiene el pasaporte?",
        "Ayuda gratuita y confidencial, 24 horas",
        "Escanee el código con la cámara de su teléfono",
        "Línea de ayuda",
        "Emergencias",
    ),
    "ru": LanguageBlock(
        "ru",
        "ltr",
        "Вас заставляют работать? Можете ли вы уйти? Кто-то держит ваш паспорт?",
        "Бесплатная конфиденциальная помощь, 24 часа",
        "Отсканируйте код камерой телефона",
        "Горячая линия",
        "Экстренная помощь",
    ),
    "ar": LanguageBlock(
        "ar",
        "rtl",
        "هل أنت مجبر على العمل؟ هل يمكنك المغادرة؟ هل يحتفظ أحد بجواز سفرك؟",
        "مساعدة مجانية وسرية على مدار 24 ساعة",
        "امسح الرمز بكاميرا هاتفك",
        "خط المساعدة",
        "الطوارئ",
    ),
    "ti": LanguageBlock(
        "ti",
        "ltr",
        "ብግዲ ትሰርሕ ዶ? ክትወጽእ ትኽእል ዶ? ፓስፖርትካ ዝሓዘ ሰብ ኣሎ ዶ?",
        "ብነጻን ምስጢራውን ሓገዝ፣ 24 ሰዓት",
        "ነቲ ኮድ ብካሜራ ተሌፎንካ ስካን ግበር",
        "መስመር ሓገዝ",
        "ህጹጽ",
    ),
    "am": LanguageBlock(
        "am",
        "ltr",
        "እንድትሠሩ ይገደዳሉ? መውጣት ይችላሉ? ፓስፖርትዎን የያዘ ሰው አለ?",
        "ነጻ እና ሚስጥራዊ እርዳታ፣ 24 ሰዓት",
        "ኮዱን በስልክዎ ካሜራ ይቃኙ",
        "የእርዳታ መስመር",
        "ድንገተኛ",
    ),
    "zh-Hans": LanguageBlock(
        "zh-Hans",
        "ltr",
        "你是被迫工作的吗？你能离开吗？有人扣留你的护照吗？",
        "免费、保密的帮助，24小时",
        "用手机相机扫描二维码",
        "求助热线",
        "紧急电话",
    ),
    "vi": LanguageBlock(
        "vi",
        "ltr",
        "Bạn có bị ép làm việc không? Bạn có thể rời đi không? Có ai giữ hộ chiếu của bạn không?",
        "Trợ giúp miễn phí, bảo mật, 24 giờ",
        "Quét mã bằng camera điện thoại",
        "Đường dây trợ giúp",
        "Khẩn cấp",
    ),
}


def code_for(country: str, body: str) -> LocationCode:
    """A deterministic code (tests need stable inputs)."""
    return LocationCode(country, body, check_character(country, body))


def make_content(
    languages: Sequence[str | LanguageBlock],
    *,
    country: str = "GB",
    code: LocationCode | None = None,
    **overrides: object,
) -> PosterContent:
    """A poster for ``country`` in sample languages (named) or given blocks."""
    code = code or new_code(country)
    url = payload_url(BASE_URL, code)
    fields: dict[str, object] = {
        "languages": [LANGS[b] if isinstance(b, str) else b for b in languages],
        "helpline_display": "08000 121 700",
        "helpline_tel": "+448000121700",
        "emergency_number": "999",
        "payload_url": url,
        "short_url": "help.example.org/" + code.compact,
        "location_code": code.printed,
        "print_date": datetime.date(2026, 11, 24),
        "content_version": "2026.11-3",
        "venue": "Central Station",
        "placement": "Ladies' toilets, door of cubicle 2",
    }
    if country == "US":
        fields.update(
            helpline_display="1-888-373-7888", helpline_tel="+18883737888", emergency_number="911"
        )
    fields.update(overrides)
    return PosterContent(**fields)  # type: ignore[arg-type]


def text_sizes_pt(pdf: bytes, page_index: int = 0) -> list[tuple[str, float]]:
    """(character, effective size in pt) for every character pdfium finds on a page."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[page_index]
        textpage = page.get_textpage()
        out = []
        for i in range(textpage.count_chars()):
            ch = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            if not ch.strip():
                continue
            matrix = pdfium_c.FS_MATRIX()
            assert pdfium_c.FPDFText_GetMatrix(textpage.raw, i, matrix)
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            out.append((ch, pdfium_c.FPDFText_GetFontSize(textpage.raw, i) * scale))
        textpage.close()
        page.close()
        return out
    finally:
        document.close()


def font_descriptors(pdf: bytes) -> list[bytes]:
    """Every /FontDescriptor dictionary, including those inside compressed object streams."""
    blobs = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            blobs.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    blob = b"\n".join(blobs)
    return re.findall(rb"<<\s*/Type\s*/FontDescriptor.*?>>", blob, flags=re.S)


def char_boxes_mm(pdf: bytes, page_index: int = 0) -> list[tuple[str, float, float]]:
    """(character, left, right) in mm from the page's left edge, for visible characters."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[page_index]
        textpage = page.get_textpage()
        out = []
        for i in range(textpage.count_chars()):
            ch = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
            if not ch.strip():
                continue
            left, _bottom, right, _top = textpage.get_charbox(i)
            out.append((ch, left * 25.4 / 72, right * 25.4 / 72))
        textpage.close()
        page.close()
        return out
    finally:
        document.close()
