"""The format rules of Nghị định 30/2020/NĐ-CP as data: page, fonts, sizes, strings, patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass

DECREE = "Nghị định 30/2020"

# Page (Phụ lục I): A4, millimetres.
A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0
PAGE_SIZE_TOLERANCE_MM = 1.0
MARGIN_RANGES_MM: dict[str, tuple[float, float]] = {
    "top": (20.0, 25.0),
    "bottom": (20.0, 25.0),
    "left": (30.0, 35.0),
    "right": (15.0, 20.0),
}
MARGIN_TOLERANCE_MM = 0.5
MARGIN_NAMES_VI = {"top": "Lề trên", "bottom": "Lề dưới", "left": "Lề trái", "right": "Lề phải"}
# What the builder uses: the smallest allowed margins, leaving the most room for text.
DEFAULT_MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 15.0}

FONT_NAME = "Times New Roman"

# Allowed font sizes in points, per part of the document: (smallest, largest).
FONT_SIZES_PT: dict[str, tuple[float, float]] = {
    "any": (11.0, 14.0),  # every text run, tables and annexes included
    "body": (13.0, 14.0),
    "parent_body": (12.0, 13.0),
    "issuer": (12.0, 13.0),
    "quoc_hieu": (12.0, 13.0),
    "tieu_ngu": (13.0, 14.0),
    "number_line": (13.0, 13.0),
    "place_date": (13.0, 14.0),
    "title": (13.0, 14.0),
    "summary": (13.0, 14.0),
    "kinh_gui": (13.0, 14.0),
    "recipients_label": (12.0, 12.0),
    "recipients_item": (11.0, 11.0),
    "signer": (13.0, 14.0),
    "signer_name": (13.0, 14.0),
    "page_number": (13.0, 14.0),
}
FIRST_LINE_INDENT_CM = 1.27
PARAGRAPH_SPACING_PT = 6.0
LINE_SPACING = 1.15

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
KINH_GUI_PREFIX = "Kính gửi"
CONG_VAN_SUMMARY_PREFIX = "V/v"

# "Số: 15/KH-UBND", "Số: 05/2024/QĐ-UBND", blank "Số:      /KH-UBND" (text with spaces collapsed).
_SYMBOL = r"(?P<symbol>(?P<type>[A-ZĐ][A-Za-zĐđ]*)-(?P<issuer>[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*))"
NUMBER_LINE_RE = re.compile(
    rf"^Số: (?P<number>0[1-9]|[1-9][0-9]+)(?:/(?P<year>[0-9]{{4}}))?/{_SYMBOL}$"
)
BLANK_NUMBER_LINE_RE = re.compile(rf"^Số:\s+/{_SYMBOL}$")
NUMBER_LINE_START_RE = re.compile(r"^Số\s*(:|\s|\d)")

# "<Địa danh>, ngày 05 tháng 02 năm 2024": zero only for days 1–9 and months 1–2.
DATE_LINE_RE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<day>0[1-9]|[12][0-9]|3[01]) "
    r"tháng (?P<month>0[12]|[3-9]|1[0-2]) năm (?P<year>[0-9]{4})$"
)
BLANK_DATE_LINE_RE = re.compile(r"^(?P<place>[^,]+), ngày\s+tháng\s+năm (?P<year>[0-9]{4})$")
# Loose shape used to find the line and explain what is wrong with it.
LOOSE_DATE_LINE_RE = re.compile(
    r"^(?P<place>[^,]*),?\s*ngày\s*(?P<day>\S*?)\s*tháng\s*(?P<month>\S*?)"
    r"\s*năm\s*(?P<year>\S*)\s*$"
)

# Signature block: authority prefixes and words that make an all-caps line a position.
AUTHORITY_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
POSITION_WORDS = (
    "CHỦ TỊCH", "TRƯỞNG", "GIÁM ĐỐC", "CHÁNH", "BÍ THƯ", "THƯ KÝ", "CHỦ TỌA",
    "NGƯỜI BÁO CÁO", "NGƯỜI LẬP", "TỔ TRƯỞNG",
)
ACADEMIC_TITLES = ("GS.", "PGS.", "TS.", "ThS.", "KS.", "CN.", "BS.", "TSKH.")
MINUTES_SECRETARY = "THƯ KÝ"
MINUTES_CHAIR = "CHỦ TỌA"


@dataclass(frozen=True)
class DocumentKind:
    """A type of document (tên loại) and the parts the decree requires for it."""

    title: str  # as printed, capitals: "KẾ HOẠCH"
    symbol: str | None  # Phụ lục III abbreviation in "Số: 15/KH-UBND"; None = any
    number_required: bool = True
    recipients_required: bool = True
    kinh_gui_required: bool = False
    minutes_signatures: bool = False  # THƯ KÝ and CHỦ TỌA instead of one signer


# Longest titles first: "BÁO CÁO THÀNH TÍCH" must win over "BÁO CÁO".
DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("BÁO CÁO THÀNH TÍCH", "BC", number_required=False, recipients_required=False),
    DocumentKind("PHIẾU KẾT QUẢ", None, number_required=False, recipients_required=False),
    DocumentKind("BIÊN BẢN", "BB", recipients_required=False, minutes_signatures=True),
    DocumentKind("KẾ HOẠCH", "KH"),
    DocumentKind("TỜ TRÌNH", "TTr", kinh_gui_required=True),
    DocumentKind("BÁO CÁO", "BC"),
    DocumentKind("QUYẾT ĐỊNH", "QĐ"),
    DocumentKind("THÔNG BÁO", "TB"),
    DocumentKind("HƯỚNG DẪN", "HD"),
    DocumentKind("CHƯƠNG TRÌNH", "CTr"),
)
# A công văn has no tên loại; it is recognised by its "V/v …" trích yếu under the number.
CONG_VAN = DocumentKind("CÔNG VĂN", None, kinh_gui_required=True)
UNKNOWN_KIND = DocumentKind("(không rõ tên loại)", None)


def kind_for_title(text: str) -> DocumentKind | None:
    """The document kind whose tên loại starts `text` ("BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ …")."""
    for kind in sorted(DOCUMENT_KINDS, key=lambda k: -len(k.title)):
        if text == kind.title or text.startswith(kind.title + " "):
            return kind
    return None
