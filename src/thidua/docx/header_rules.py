"""Decree rules of the page and the document's head: size, margins, quốc hiệu, số, ngày, kính gửi."""

from __future__ import annotations

import re
from datetime import date

from thidua.docx import nd30
from thidua.docx.fonts import Findings
from thidua.docx.parts import DocumentParts
from thidua.docx.text import loose, mm, size_range

EMU_PER_MM = 36000
DECREE = nd30.DECREE


def number_reason(text: str) -> str:
    """Why a "Số: …" line does not match the decree's pattern."""
    if not re.match(r"^Số\s*:", text):
        return "thiếu dấu ':' sau 'Số'"
    value = text.split(":", 1)[1].strip()
    if re.search(r"\s[/-]|[/-]\s", value):
        return "có khoảng trắng quanh dấu '/' hoặc '-'"
    if re.match(r"^[1-9]/", value):
        return "số dưới 10 phải có số 0 phía trước"
    symbol = value.rsplit("/", 1)[-1]
    if "/" not in value or "-" not in symbol:
        return "thiếu ký hiệu dạng 'KH-UBND' sau dấu '/'"
    if symbol.split("-", 1)[1] != symbol.split("-", 1)[1].upper():
        return "ký hiệu cơ quan ban hành phải viết in hoa"
    return "không đúng dạng"


def date_reasons(text: str) -> list[str]:
    """Why a place-and-date line does not match the decree's pattern."""
    match = nd30.LOOSE_DATE_LINE_RE.match(text)
    if not match:
        return ["không đúng dạng"]
    reasons = []
    if not match["place"].strip():
        reasons.append("thiếu địa danh")
    elif ", ngày" not in text:
        reasons.append("thiếu dấu ',' sau địa danh")
    day, month, year = match["day"], match["month"], match["year"]
    if bool(day) != bool(month):
        reasons.append("ngày và tháng phải cùng ghi số hoặc cùng để trống")
    if day and (not day.isdigit() or not 1 <= int(day) <= 31 or len(day) > 2):
        reasons.append(f"ngày '{day}' không hợp lệ")
    elif day and len(day) == 1:
        reasons.append(f"ngày 1–9 phải có số 0 phía trước (0{day})")
    if month and (not month.isdigit() or not 1 <= int(month) <= 12 or len(month) > 2):
        reasons.append(f"tháng '{month}' không hợp lệ")
    elif month and int(month) <= 2 and len(month) == 1:
        reasons.append(f"tháng 1 và 2 phải có số 0 phía trước (0{month})")
    elif month and int(month) >= 3 and month.startswith("0"):
        reasons.append(f"tháng {int(month)} không viết số 0 phía trước")
    if not re.fullmatch(r"[0-9]{4}", year):
        reasons.append("năm phải ghi đủ 4 chữ số")
    return reasons or ["sai khoảng trắng hoặc dấu câu"]


def check_page(parts: DocumentParts, found: Findings) -> None:
    tolerance = nd30.MARGIN_TOLERANCE_MM
    for number, section in enumerate(parts.doc.sections, 1):
        key = f"phần {number}"
        if section.page_width is None or section.page_height is None:
            found.add(f"Không khai báo khổ giấy; {DECREE} yêu cầu khổ A4 (210 × 297 mm)", key)
        else:
            width, height = section.page_width / EMU_PER_MM, section.page_height / EMU_PER_MM
            short, long_ = sorted((width, height))
            if (abs(short - nd30.A4_WIDTH_MM) > nd30.PAGE_SIZE_TOLERANCE_MM
                    or abs(long_ - nd30.A4_HEIGHT_MM) > nd30.PAGE_SIZE_TOLERANCE_MM):
                found.add(f"Khổ giấy {mm(width)} × {mm(height)} mm; {DECREE} yêu cầu khổ A4 "
                          "(210 × 297 mm)", key)
            if width > height and number == 1:
                found.add(f"Trang nằm ngang; {DECREE} yêu cầu trình bày theo chiều dọc (chỉ "
                          "phụ lục có bảng rộng, ở phần sau, mới được nằm ngang)", key)
        for side, (low, high) in nd30.MARGIN_RANGES_MM.items():
            value = getattr(section, f"{side}_margin")
            value_mm = abs(value) / EMU_PER_MM if value is not None else 0.0
            if not low - tolerance <= value_mm <= high + tolerance:
                found.add(f"{nd30.MARGIN_NAMES_VI[side]} {mm(value_mm)} mm; {DECREE} yêu cầu "
                          f"{size_range(low, high)} mm", key)


def _fixed_line(parts: DocumentParts, found: Findings, expected: str, label: str,
                part: str) -> None:
    exact = next((line for line in parts.zone if line.text == expected), None)
    if exact:
        found.check_part(exact, part, label, bold=True)
        return
    near = next((line for line in parts.zone if loose(line.text) == loose(expected)), None)
    if near:
        found.add(f"{label} viết '{near.text}'; {DECREE} yêu cầu đúng '{expected}'", near.key)
        return
    low, high = nd30.FONT_SIZES_PT[part]
    found.add(f"Không có {label} '{expected}'; {DECREE} yêu cầu {label} in đậm, cỡ "
              f"{size_range(low, high)} ở ô bên phải phần đầu văn bản", "phần đầu văn bản")


def check_header(parts: DocumentParts, found: Findings) -> None:
    if parts.kind is nd30.UNKNOWN_KIND:
        names = ", ".join(kind.title for kind in nd30.DOCUMENT_KINDS[:6])
        found.add(f"Không xác định được tên loại văn bản; {DECREE} yêu cầu tên loại ({names}…) "
                  "in hoa, đậm, căn giữa dưới phần đầu văn bản", "phần đầu văn bản")
    _fixed_line(parts, found, nd30.QUOC_HIEU, "Quốc hiệu", "quoc_hieu")
    _fixed_line(parts, found, nd30.TIEU_NGU, "Tiêu ngữ", "tieu_ngu")
    if parts.title:
        found.check_part(parts.title, "title", "Tên loại văn bản", bold=True, centred=True)


def check_number(parts: DocumentParts, found: Findings) -> None:
    line = next((ln for ln in parts.zone if nd30.NUMBER_LINE_START_RE.match(ln.text)), None)
    if line is None:
        if parts.kind.number_required:
            found.add(f"Không có dòng số, ký hiệu ('Số: …'); {DECREE} yêu cầu "
                      f"{parts.kind_name} có dòng 'Số: 15/KH-UBND' dưới tên cơ quan ban hành",
                      "phần đầu văn bản")
        return
    match = nd30.NUMBER_LINE_RE.match(line.text) or nd30.BLANK_NUMBER_LINE_RE.match(line.text)
    if not match:
        found.add(f"Số, ký hiệu '{line.text}' sai quy cách ({number_reason(line.text)}); "
                  f"{DECREE} yêu cầu dạng 'Số: 15/KH-UBND' (chưa vào số: 'Số:      /KH-UBND'),"
                  " số dưới 10 có số 0 phía trước, không có khoảng trắng quanh '/' và '-'",
                  line.key)
    elif parts.kind.symbol and match["type"] != parts.kind.symbol:
        found.add(f"Ký hiệu '{match['type']}' không khớp tên loại {parts.kind.title}; {DECREE} "
                  f"(Phụ lục III) quy định chữ viết tắt '{parts.kind.symbol}'", line.key)
    found.check_part(line, "number_line", "Số, ký hiệu")


def check_date(parts: DocumentParts, found: Findings) -> None:
    words = ("ngày", "tháng", "năm")
    line = next((ln for ln in parts.zone if all(w in ln.text for w in words)), None)
    if line is None:
        found.add(f"Không có dòng địa danh, ngày tháng năm; {DECREE} yêu cầu dòng dạng "
                  "'Phụng Hiệp, ngày 05 tháng 02 năm 2024' bên phải, dưới Quốc hiệu",
                  "phần đầu văn bản")
        return
    filled = nd30.DATE_LINE_RE.match(line.text)
    rule = (f"{DECREE} yêu cầu dạng '<Địa danh>, ngày 05 tháng 02 năm 2024' (số 0 phía "
            "trước chỉ cho ngày 1–9 và tháng 1, 2; chưa ký: 'ngày     tháng     năm 2025')")
    if filled:
        try:
            date(int(filled["year"]), int(filled["month"]), int(filled["day"]))
        except ValueError:
            found.add(f"Ngày tháng '{line.text}' không có thật; {rule}", line.key)
    elif not nd30.BLANK_DATE_LINE_RE.match(line.text):
        reasons = "; ".join(date_reasons(line.text))
        found.add(f"Địa danh, ngày tháng '{line.text}' sai quy cách: {reasons}; {rule}",
                  line.key)
    found.check_part(line, "place_date", "Địa danh, ngày tháng", italic=True)


def check_summary(parts: DocumentParts, found: Findings) -> None:
    for line in parts.summary():
        found.check_part(line, "summary", "Trích yếu", bold=True, centred=True)


def check_kinh_gui(parts: DocumentParts, found: Findings) -> None:
    line = parts.kinh_gui()
    if line is not None:
        found.check_part(line, "kinh_gui", "Dòng 'Kính gửi'")
    elif parts.kind.kinh_gui_required:
        found.add(f"Không có dòng 'Kính gửi: …'; {DECREE} yêu cầu {parts.kind.title} ghi nơi gửi "
                  "('Kính gửi: …') dưới tên loại và trích yếu", "dưới tên loại văn bản")
