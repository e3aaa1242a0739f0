"""docx_check: compliant documents pass; each broken decree rule gives its exact message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import given
from hypothesis import strategies as st

from thidua.cli import cli
from thidua.docx import build as b
from thidua.docx import nd30
from thidua.docx.check import UnreadableDocumentError, check_document, check_documents
from thidua.errors import Location, Problem
from thidua.vietnamese.formatting import format_place_date

DECREE = "Nghị định 30/2020"
PLACE_DATE = "Phụng Hiệp, ngày 05 tháng 02 năm 2024"
RECIPIENTS = ["- UBND huyện;", "- Các xã, thị trấn;", "- Lưu: VT, PNV."]
RECIPIENT_RULE = (f"{DECREE} yêu cầu mỗi nơi nhận một dòng, bắt đầu bằng '- ', kết thúc bằng ';', "
                  "dòng cuối '- Lưu: VT, …' kết thúc bằng '.'")
PAGE_RULE = (f"{DECREE} yêu cầu số trang bằng chữ số Ả Rập, cỡ 13–14, căn giữa lề trên, không "
             "hiển thị ở trang thứ nhất")
DATE_RULE = (f"{DECREE} yêu cầu dạng '<Địa danh>, ngày 05 tháng 02 năm 2024' (số 0 phía trước chỉ "
             "cho ngày 1–9 và tháng 1, 2; chưa ký: 'ngày     tháng     năm 2025')")
CAN_CU = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
CAN_CU_KEY = "đoạn 4: 'Căn cứ Luật Thi đua, khen thưởng ngày 1…'"


def plan_document(*, right=(), number="Số: 15/KH-PNV", place_date=PLACE_DATE, kind="KẾ HOẠCH",
                  recipients=RECIPIENTS, signer=("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"),
                  name="Nguyễn Văn An", kinh_gui=None, body_paragraphs=3):
    """A small Kế hoạch (or another kind) built with docx_build, real text instead of tags."""
    doc = b.new_document()
    b.add_header_table(doc, ["UBND HUYỆN PHỤNG HIỆP", "PHÒNG NỘI VỤ"], list(right), number, place_date)
    b.add_title(doc, kind, ["Tổ chức phong trào thi đua chuyển đổi số năm 2024"])
    if kinh_gui:
        b.add_kinh_gui(doc, kinh_gui)
    b.add_paragraph(doc, CAN_CU, italic=True)
    b.add_paragraph(doc, "Căn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2024 của UBND huyện.",
                    italic=True)
    b.add_heading(doc, "I. MỤC ĐÍCH, YÊU CẦU", 1)
    b.add_heading(doc, "1. Mục đích", 2)
    for _ in range(body_paragraphs):
        b.add_paragraph(doc, "Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình, nâng tỷ lệ hồ sơ "
                             "trực tuyến và số hóa kết quả giải quyết thủ tục hành chính.")
    b.add_heading(doc, "a) Đối với các xã, thị trấn", 3)
    b.add_table(doc, ["STT", "Tiêu chí", "Điểm tối đa"],
                [["1", "Tỷ lệ hồ sơ trực tuyến toàn trình", "30"], ["2", "Số hóa kết quả", "20"]],
                [15, 110, 40], align=["center", "left", "center"])
    b.add_closing(doc, recipients, list(signer), name)
    return doc


def minutes_document(left=("THƯ KÝ", "Trần Thị Bình"), right=("CHỦ TỌA", "Lê Văn Cường")):
    doc = b.new_document()
    b.add_header_table(doc, ["UBND HUYỆN PHỤNG HIỆP", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"], [],
                       "Số: 03/BB-HĐTĐKT", "Phụng Hiệp, ngày 20 tháng 12 năm 2024")
    b.add_title(doc, "BIÊN BẢN", ["Họp xét khen thưởng phong trào thi đua chuyển đổi số năm 2024"])
    b.add_paragraph(doc, "Thời gian bắt đầu: 08 giờ 00 phút, ngày 20 tháng 12 năm 2024.")
    b.add_paragraph(doc, "Địa điểm: Hội trường UBND huyện Phụng Hiệp.")
    b.add_paragraph(doc, "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày.")
    b.add_minutes_signatures(doc, *left, *right)
    return doc


def check(doc, tmp_path: Path, name: str = "vb.docx") -> list[Problem]:
    return check_document(b.save_document(doc, tmp_path / name))


def problems_of(doc, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "vb.docx"
    problems = check(doc, tmp_path)
    assert all(p.location.file == str(path) for p in problems)
    return [(p.message, p.location.key) for p in problems]


def body_run(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text).runs[0]


# --- compliant documents -------------------------------------------------------------------


def test_built_plan_and_minutes_have_no_problems(tmp_path):
    assert check(plan_document(), tmp_path, "kh.docx") == []
    assert check(minutes_document(), tmp_path, "bb.docx") == []


@pytest.mark.parametrize("number, place_date", [
    ("Số:      /KH-PNV", "Phụng Hiệp, ngày      tháng      năm 2025"),
    ("Số: 05/2024/KH-PNV", "Phụng Hiệp, ngày 29 tháng 6 năm 2019"),
    ("Số: 123/KH-PNV", "Phường An Hải, ngày 31 tháng 12 năm 2025"),
])
def test_blank_and_other_valid_number_and_date_forms_pass(tmp_path, number, place_date):
    assert check(plan_document(number=number, place_date=place_date), tmp_path) == []


def test_report_of_achievements_needs_no_number_nor_recipients(tmp_path):
    doc = plan_document(kind="BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG GIẤY KHEN", number="", recipients=[],
                        signer=["THỦ TRƯỞNG ĐƠN VỊ"])
    assert check(doc, tmp_path) == []


def test_landscape_annex_section_after_the_first_is_allowed(tmp_path):
    doc = plan_document()
    b.add_landscape_section(doc)
    b.add_paragraph(doc, "Phụ lục", bold=True, indent=False)
    b.add_table(doc, ["STT", "Đơn vị", "Điểm"], [["1", "Xã Hòa An", "95,5"]], [20, 180, 47])
    assert check(doc, tmp_path) == []


# --- one broken property at a time ---------------------------------------------------------


@pytest.mark.parametrize("side, value, label, allowed", [
    ("left", 25, "Lề trái 25,0 mm", "30–35"),
    ("right", 21, "Lề phải 21,0 mm", "15–20"),
    ("top", 19.4, "Lề trên 19,4 mm", "20–25"),
    ("bottom", 30, "Lề dưới 30,0 mm", "20–25"),
])
def test_margin_outside_range(tmp_path, side, value, label, allowed):
    doc = plan_document()
    setattr(doc.sections[0], f"{side}_margin", Mm(value))
    assert problems_of(doc, tmp_path) == [(f"{label}; {DECREE} yêu cầu {allowed} mm", "phần 1")]


def test_margin_within_half_millimetre_tolerance(tmp_path):
    doc = plan_document()
    doc.sections[0].left_margin = Mm(29.6)
    doc.sections[0].right_margin = Mm(20.4)
    assert check(doc, tmp_path) == []


def test_letter_paper_and_landscape_first_section(tmp_path):
    doc = plan_document()
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(297), Mm(210)
    assert problems_of(doc, tmp_path) == [(
        f"Trang nằm ngang; {DECREE} yêu cầu trình bày theo chiều dọc (chỉ phụ lục có bảng rộng, ở "
        "phần sau, mới được nằm ngang)", "phần 1")]
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(215.9), Mm(279.4)
    assert problems_of(doc, tmp_path) == [(
        f"Khổ giấy 215,9 × 279,4 mm; {DECREE} yêu cầu khổ A4 (210 × 297 mm)", "phần 1")]


def test_run_in_arial(tmp_path):
    doc = plan_document()
    body_run(doc, CAN_CU).font.name = "Arial"
    assert problems_of(doc, tmp_path) == [
        (f"Phông chữ Arial; {DECREE} yêu cầu phông Times New Roman", CAN_CU_KEY)]


def test_east_asian_slot_only_matters_for_east_asian_text(tmp_path):
    doc = plan_document()
    run = body_run(doc, CAN_CU)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    assert check(doc, tmp_path) == []
    run._r.rPr.rFonts.set(qn("w:hint"), "eastAsia")  # Word now draws Vietnamese letters in SimSun
    assert problems_of(doc, tmp_path) == [
        (f"Phông chữ SimSun; {DECREE} yêu cầu phông Times New Roman", CAN_CU_KEY)]


def test_font_from_theme_through_document_defaults(tmp_path):
    doc = docx.Document()  # python-docx's own template: Cambria from the theme, Letter paper
    doc.add_paragraph("Nội dung")
    problems = check(doc, tmp_path)
    assert (f"Phông chữ Cambria; {DECREE} yêu cầu phông Times New Roman", "đoạn 1: 'Nội dung'") in [
        (p.message, p.location.key) for p in problems]


def test_font_problems_are_limited_to_the_first_few_paragraphs(tmp_path):
    doc = plan_document(body_paragraphs=10)
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            if run.text.startswith("Đẩy mạnh"):
                run.font.name = "Arial"
    found = problems_of(doc, tmp_path)
    assert [key for _, key in found[:3]] == [
        f"đoạn {n}: 'Đẩy mạnh cung cấp dịch vụ công trực tuy…'" for n in (8, 9, 10)]
    assert found[3:] == [("Còn 7 đoạn khác dùng phông khác Times New Roman", "toàn văn bản")]


def test_body_size_outside_13_to_14(tmp_path):
    doc = plan_document()
    body_run(doc, CAN_CU).font.size = Pt(10)
    assert problems_of(doc, tmp_path) == [
        (f"Cỡ chữ 10 pt; {DECREE} yêu cầu phần nội dung cỡ chữ từ 13 đến 14 pt", CAN_CU_KEY)]


def test_table_size_outside_11_to_14(tmp_path):
    doc = plan_document()
    doc.tables[1].cell(1, 1).paragraphs[0].runs[0].font.size = Pt(10)
    assert problems_of(doc, tmp_path) == [(f"Cỡ chữ 10 pt; {DECREE} yêu cầu cỡ chữ từ 11 đến 14 pt",
                                           "bảng 2, ô (2,2): 'Tỷ lệ hồ sơ trực tuyến toàn trình'")]


def test_missing_quoc_hieu(tmp_path):
    doc = plan_document(right=[nd30.TIEU_NGU])
    assert problems_of(doc, tmp_path) == [(
        f"Không có Quốc hiệu 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'; {DECREE} yêu cầu Quốc hiệu in đậm, "
        "cỡ 12–13 ở ô bên phải phần đầu văn bản", "phần đầu văn bản")]


def test_misspelt_quoc_hieu_and_tieu_ngu_with_en_dashes(tmp_path):
    doc = plan_document(right=["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"])
    assert problems_of(doc, tmp_path) == [
        (f"Quốc hiệu viết 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'; {DECREE} yêu cầu đúng "
         "'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'",
         "bảng 1, ô (1,2): 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'"),
        (f"Tiêu ngữ viết 'Độc lập – Tự do – Hạnh phúc'; {DECREE} yêu cầu đúng "
         "'Độc lập - Tự do - Hạnh phúc'", "bảng 1, ô (1,2): 'Độc lập – Tự do – Hạnh phúc'"),
    ]


def test_quoc_hieu_not_bold(tmp_path):
    doc = plan_document()
    doc.tables[0].cell(0, 1).paragraphs[0].runs[0].bold = False
    assert problems_of(doc, tmp_path) == [(
        f"Quốc hiệu chưa in đậm; {DECREE} yêu cầu cỡ 12–13, in đậm",
        "bảng 1, ô (1,2): 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'")]


def test_day_without_leading_zero(tmp_path):
    text = "Phụng Hiệp, ngày 5 tháng 11 năm 2024"
    assert problems_of(plan_document(place_date=text), tmp_path) == [(
        f"Địa danh, ngày tháng '{text}' sai quy cách: ngày 1–9 phải có số 0 phía trước (05); "
        f"{DATE_RULE}", f"bảng 1, ô (2,2): '{text}'")]


@pytest.mark.parametrize("text, reasons", [
    ("Phụng Hiệp, ngày 15 tháng 2 năm 2024", "tháng 1 và 2 phải có số 0 phía trước (02)"),
    ("Phụng Hiệp, ngày 15 tháng 06 năm 2024", "tháng 6 không viết số 0 phía trước"),
    ("Phụng Hiệp, ngày 5 tháng 1 năm 24",
     "ngày 1–9 phải có số 0 phía trước (05); tháng 1 và 2 phải có số 0 phía trước (01); "
     "năm phải ghi đủ 4 chữ số"),
    ("Phụng Hiệp ngày 15 tháng 6 năm 2024", "thiếu dấu ',' sau địa danh"),
])
def test_date_diagnoses(tmp_path, text, reasons):
    found = problems_of(plan_document(place_date=text), tmp_path)
    assert [message for message, _ in found] == [
        f"Địa danh, ngày tháng '{text}' sai quy cách: {reasons}; {DATE_RULE}"]


def test_impossible_date(tmp_path):
    text = "Phụng Hiệp, ngày 30 tháng 02 năm 2024"
    assert [m for m, _ in problems_of(plan_document(place_date=text), tmp_path)] == [
        f"Ngày tháng '{text}' không có thật; {DATE_RULE}"]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_formatted_by_vnformat_matches_the_decree_pattern(day):
    line = format_place_date("Phụng Hiệp", day)
    match = nd30.DATE_LINE_RE.match(line)
    assert match and (int(match["day"]), int(match["month"])) == (day.day, day.month)
    assert nd30.BLANK_DATE_LINE_RE.match(" ".join(format_place_date("Phụng Hiệp", None, 2025).split()))


NUMBER_RULE = (f"{DECREE} yêu cầu dạng 'Số: 15/KH-UBND' (chưa vào số: 'Số:      /KH-UBND'), số dưới "
               "10 có số 0 phía trước, không có khoảng trắng quanh '/' và '-'")


@pytest.mark.parametrize("number, reason", [
    ("Số: 15 / KH-UBND", "có khoảng trắng quanh dấu '/' hoặc '-'"),
    ("Số: 15/KH - UBND", "có khoảng trắng quanh dấu '/' hoặc '-'"),
    ("Số: 5/KH-UBND", "số dưới 10 phải có số 0 phía trước"),
    ("Số 15/KH-UBND", "thiếu dấu ':' sau 'Số'"),
    ("Số: 15/KH-ubnd", "ký hiệu cơ quan ban hành phải viết in hoa"),
    ("Số: 15", "thiếu ký hiệu dạng 'KH-UBND' sau dấu '/'"),
])
def test_wrong_number_line(tmp_path, number, reason):
    assert problems_of(plan_document(number=number), tmp_path) == [(
        f"Số, ký hiệu '{number}' sai quy cách ({reason}); {NUMBER_RULE}",
        f"bảng 1, ô (2,1): '{number}'")]


def test_number_symbol_must_match_the_kind(tmp_path):
    assert problems_of(plan_document(number="Số: 15/TTr-PNV"), tmp_path) == [(
        f"Ký hiệu 'TTr' không khớp tên loại KẾ HOẠCH; {DECREE} (Phụ lục III) quy định chữ viết tắt 'KH'",
        "bảng 1, ô (2,1): 'Số: 15/TTr-PNV'")]


def test_plan_without_number_line(tmp_path):
    assert problems_of(plan_document(number=""), tmp_path) == [(
        f"Không có dòng số, ký hiệu ('Số: …'); {DECREE} yêu cầu KẾ HOẠCH có dòng 'Số: 15/KH-UBND' "
        "dưới tên cơ quan ban hành", "phần đầu văn bản")]


def test_recipient_item_without_semicolon(tmp_path):
    recipients = ["- UBND huyện;", "- Các xã, thị trấn", "- Lưu: VT, PNV."]
    assert problems_of(plan_document(recipients=recipients), tmp_path) == [(
        f"Nơi nhận '- Các xã, thị trấn' thiếu dấu ';' ở cuối; {RECIPIENT_RULE}",
        "bảng 3, ô (1,1): '- Các xã, thị trấn'")]


def test_last_recipient_must_be_luu_ending_with_full_stop(tmp_path):
    recipients = ["- UBND huyện;", "- Các xã, thị trấn;"]
    assert problems_of(plan_document(recipients=recipients), tmp_path) == [
        (f"Nơi nhận cuối '- Các xã, thị trấn;' phải kết thúc bằng '.'; {RECIPIENT_RULE}",
         "bảng 3, ô (1,1): '- Các xã, thị trấn;'"),
        (f"Nơi nhận cuối '- Các xã, thị trấn;' không phải '- Lưu: VT, …'; {RECIPIENT_RULE}",
         "bảng 3, ô (1,1): '- Các xã, thị trấn;'"),
    ]


def test_recipients_label_formatting(tmp_path):
    doc = plan_document()
    label = doc.tables[2].cell(0, 0).paragraphs[0].runs[0]
    label.italic, label.font.size = False, Pt(13)
    assert problems_of(doc, tmp_path) == [(
        f"'Nơi nhận:' cỡ chữ 13 pt, chưa in nghiêng; {DECREE} yêu cầu cỡ 12, in đậm, in nghiêng",
        "bảng 3, ô (1,1): 'Nơi nhận:'")]


def test_plan_without_recipients(tmp_path):
    assert problems_of(plan_document(recipients=[]), tmp_path) == [(
        f"Không có phần 'Nơi nhận:'; {DECREE} yêu cầu 'Nơi nhận:' (cỡ 12, đậm, nghiêng) bên trái, "
        "ngang dòng chức vụ người ký, các nơi nhận cỡ 11", "cuối văn bản")]


def test_submission_needs_kinh_gui_and_nhu_tren(tmp_path):
    doc = plan_document(kind="TỜ TRÌNH", number="Số: 07/TTr-PNV")
    assert problems_of(doc, tmp_path) == [(
        f"Không có dòng 'Kính gửi: …'; {DECREE} yêu cầu TỜ TRÌNH ghi nơi gửi ('Kính gửi: …') dưới "
        "tên loại và trích yếu", "dưới tên loại văn bản")]
    doc = plan_document(kind="TỜ TRÌNH", number="Số: 07/TTr-PNV", kinh_gui="Chủ tịch UBND huyện")
    assert problems_of(doc, tmp_path) == [(
        f"Văn bản có 'Kính gửi' nhưng nơi nhận đầu tiên là '- UBND huyện;'; {DECREE} yêu cầu bắt đầu "
        "bằng '- Như trên;'", "bảng 3, ô (1,1): '- UBND huyện;'")]
    doc = plan_document(kind="TỜ TRÌNH", number="Số: 07/TTr-PNV", kinh_gui="Chủ tịch UBND huyện",
                        recipients=["- Như trên;", "- Lưu: VT, PNV."])
    assert check(doc, tmp_path) == []


def test_signer_name_problems(tmp_path):
    doc = plan_document(name="NGUYỄN VĂN AN")
    assert problems_of(doc, tmp_path) == [(
        f"Họ tên người ký 'NGUYỄN VĂN AN' viết in hoa; {DECREE} yêu cầu họ tên chữ thường (chữ đầu "
        "viết hoa), in đậm", "bảng 3, ô (1,2): 'NGUYỄN VĂN AN'")]
    doc = plan_document(name="(Đã ký)")
    assert problems_of(doc, tmp_path) == [(
        f"Không thấy họ tên người ký dưới 'PHÓ TRƯỞNG PHÒNG'; {DECREE} yêu cầu họ tên chữ thường, in "
        "đậm dưới chỗ ký", "bảng 3, ô (1,2): 'PHÓ TRƯỞNG PHÒNG'")]
    doc = plan_document(name="TS. Nguyễn Văn An")
    assert problems_of(doc, tmp_path) == [(
        f"Họ tên người ký 'TS. Nguyễn Văn An' có học hàm, học vị; {DECREE} yêu cầu không ghi học hàm,"
        " học vị trước họ tên", "bảng 3, ô (1,2): 'TS. Nguyễn Văn An'")]


def test_signer_position_not_bold(tmp_path):
    doc = plan_document()
    doc.tables[2].cell(0, 1).paragraphs[0].runs[0].bold = False
    assert problems_of(doc, tmp_path) == [(
        f"Chức vụ người ký chưa in đậm; {DECREE} yêu cầu cỡ 13–14, in đậm",
        "bảng 3, ô (1,2): 'KT. TRƯỞNG PHÒNG'")]


def decision_document(authority: str = "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP"):
    """A Quyết định: the authority line in capitals above the căn cứ, the signer at the end."""
    doc = b.new_document()
    b.add_header_table(doc, ["ỦY BAN NHÂN DÂN", "HUYỆN PHỤNG HIỆP"], [], "Số: 15/QĐ-UBND",
                       PLACE_DATE)
    b.add_title(doc, "QUYẾT ĐỊNH", ["Về việc tặng Giấy khen cho các tập thể có thành tích xuất sắc"])
    authority_line = b.add_paragraph(doc, authority, bold=True, indent=False)
    authority_line.alignment = 1  # centred
    b.add_paragraph(doc, CAN_CU, italic=True)
    b.add_paragraph(doc, "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 12/TTr-PNV.",
                    italic=True)
    b.add_paragraph(doc, "Điều 1. Tặng Giấy khen cho 05 tập thể có thành tích xuất sắc.")
    b.add_closing(doc, ["- Như Điều 3;", "- Lưu: VT, PNV."], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                  "Nguyễn Văn An")
    return doc


def test_decision_authority_line_above_the_legal_bases_is_not_a_signer(tmp_path):
    assert check(decision_document(), tmp_path) == []
    doc = decision_document()
    doc.tables[-1].cell(0, 1).paragraphs[-1].runs[0].text = "NGUYỄN VĂN AN"
    assert problems_of(doc, tmp_path) == [(  # the real signer block is still checked
        f"Họ tên người ký 'NGUYỄN VĂN AN' viết in hoa; {DECREE} yêu cầu họ tên chữ thường (chữ đầu "
        "viết hoa), in đậm", "bảng 2, ô (1,2): 'NGUYỄN VĂN AN'")]


def test_a_position_in_a_table_followed_by_body_text_is_not_a_signer(tmp_path):
    doc = plan_document()
    table = doc.tables[1]
    table.cell(1, 1).paragraphs[0].runs[0].text = "TRƯỞNG PHÒNG NỘI VỤ"
    text = next(p for p in doc.paragraphs if p.text.startswith("Đẩy mạnh"))
    text._p.addprevious(table._tbl)  # the table now stands before running text
    assert check(doc, tmp_path) == []


def test_plan_without_signature(tmp_path):
    assert problems_of(plan_document(signer=[], name=""), tmp_path) == [(
        f"Không thấy phần chữ ký; {DECREE} yêu cầu chức vụ người ký in hoa, đậm (ví dụ 'CHỦ TỊCH', "
        "'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN') và họ tên in đậm bên dưới", "cuối văn bản")]


def test_minutes_need_secretary_left_and_chair_right(tmp_path):
    doc = minutes_document(right=("CHỦ TỊCH", "Lê Văn Cường"))
    assert problems_of(doc, tmp_path) == [(
        f"Biên bản thiếu chữ ký của CHỦ TỌA; {DECREE} yêu cầu chữ ký của THƯ KÝ (bên trái) và CHỦ TỌA"
        " (bên phải)", "cuối văn bản")]
    doc = minutes_document(left=("CHỦ TỌA", "Lê Văn Cường"), right=("THƯ KÝ", "Trần Thị Bình"))
    assert problems_of(doc, tmp_path) == [(
        f"THƯ KÝ ký bên phải, CHỦ TỌA bên trái; {DECREE} yêu cầu THƯ KÝ bên trái, CHỦ TỌA bên phải",
        "bảng 2, ô (1,2): 'THƯ KÝ'")]


def test_unknown_kind(tmp_path):
    found = problems_of(plan_document(kind="GIẤY MỜI"), tmp_path)
    assert found[0] == (
        f"Không xác định được tên loại văn bản; {DECREE} yêu cầu tên loại (BÁO CÁO THÀNH TÍCH, PHIẾU "
        "KẾT QUẢ, BIÊN BẢN, KẾ HOẠCH, TỜ TRÌNH, BÁO CÁO…) in hoa, đậm, căn giữa dưới phần đầu văn "
        "bản", "phần đầu văn bản")


def test_title_not_centred(tmp_path):
    doc = plan_document()
    title = next(p for p in doc.paragraphs if p.text == "KẾ HOẠCH")
    title.alignment = b.ALIGN["left"]
    assert problems_of(doc, tmp_path) == [(
        f"Tên loại văn bản chưa căn giữa; {DECREE} yêu cầu cỡ 13–14, in đậm, căn giữa", "đoạn 1: 'KẾ HOẠCH'")]


def _remove_page_field(doc) -> None:
    paragraph = doc.sections[0].header.paragraphs[0]
    for run in list(paragraph.runs):
        paragraph._p.remove(run._r)


def test_no_page_field(tmp_path):
    doc = plan_document()
    _remove_page_field(doc)
    assert problems_of(doc, tmp_path) == [
        (f"Đầu trang không có số trang (trường PAGE); {PAGE_RULE}", "đầu trang, phần 1")]


def test_page_number_shown_on_page_one(tmp_path):
    doc = plan_document()
    doc.sections[0].different_first_page_header_footer = False
    assert problems_of(doc, tmp_path) == [(
        f"Trang 1 hiển thị số trang (chưa chọn 'Trang đầu khác', w:titlePg); {PAGE_RULE}",
        "đầu trang, phần 1")]


def test_page_number_in_first_page_header(tmp_path):
    doc = plan_document()
    b.add_page_field(doc.sections[0].first_page_header.paragraphs[0], 13)
    assert problems_of(doc, tmp_path) == [
        (f"Đầu trang của trang 1 có số trang; {PAGE_RULE}", "đầu trang trang 1, phần 1")]


def test_page_number_size_and_roman_format(tmp_path):
    doc = plan_document()
    for run in doc.sections[0].header.paragraphs[0].runs:
        run.font.size = Pt(11)
    numbering = doc.sections[0]._sectPr.makeelement(qn("w:pgNumType"), {qn("w:fmt"): "upperRoman"})
    doc.sections[0]._sectPr.insert_element_before(numbering, "w:cols", "w:titlePg", "w:docGrid")
    assert problems_of(doc, tmp_path) == [
        (f"Số trang không dùng chữ số Ả Rập; {PAGE_RULE}", "đầu trang, phần 1"),
        (f"Số trang cỡ chữ 11 pt; {DECREE} yêu cầu cỡ 13–14, căn giữa", "đầu trang, phần 1"),
    ]


# --- unreadable files and check_documents --------------------------------------------------


def test_unreadable_files(tmp_path):
    text = tmp_path / "ghi-chu.docx"
    text.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(UnreadableDocumentError, match="không phải tệp Word .docx hợp lệ"):
        check_document(text)
    with pytest.raises(UnreadableDocumentError, match="không tìm thấy tệp"):
        check_document(tmp_path / "khong-co.docx")
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnreadableDocumentError, match=r"lưu lại dạng \.docx"):
        check_document(old)


def test_check_documents_maps_every_path(tmp_path):
    good = b.save_document(plan_document(), tmp_path / "kh.docx")
    missing = tmp_path / "khong-co.docx"
    assert check_documents([good, missing]) == {
        str(good): [],
        str(missing): [Problem(f"{missing}: không tìm thấy tệp.", Location(file=str(missing), key="tệp"))],
    }


def test_public_names_stay_importable_from_docx_check():
    import thidua.docx.check as checker
    from thidua.docx.text import UnreadableDocumentError as raised_by_reader
    assert checker.UnreadableDocumentError is raised_by_reader
    assert callable(checker.check_document) and callable(checker.check_documents)


# --- CLI ---------------------------------------------------------------------------------


def test_cli_all_pass(tmp_path):
    path = b.save_document(plan_document(), tmp_path / "kh.docx")
    result = CliRunner().invoke(cli, ["check", "--no-render", str(path)])
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"{path}: Đạt", "Đã kiểm tra 1 tệp: 1 đạt, 0 có lỗi (0 lỗi)."]


def test_cli_reports_problems_with_exit_1(tmp_path):
    good = b.save_document(plan_document(), tmp_path / "kh.docx")
    bad = b.save_document(plan_document(number="Số: 15 / KH-UBND"), tmp_path / "sai.docx")
    result = CliRunner().invoke(cli, ["check", "--no-render", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{good}: Đạt",
        f"{bad}: 1 lỗi",
        f"  - bảng 1, ô (2,1): 'Số: 15 / KH-UBND': Số, ký hiệu 'Số: 15 / KH-UBND' sai quy cách (có "
        f"khoảng trắng quanh dấu '/' hoặc '-'); {NUMBER_RULE}",
        "Đã kiểm tra 2 tệp: 1 đạt, 1 có lỗi (1 lỗi).",
    ]


def test_cli_unreadable_file_exit_2_without_traceback(tmp_path):
    good = b.save_document(plan_document(), tmp_path / "kh.docx")
    text = tmp_path / "ghi-chu.docx"
    text.write_text("không phải docx", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-render", str(text), str(good)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Lỗi: {text}: không phải tệp Word .docx hợp lệ."]
    assert result.stdout.splitlines() == [
        f"{good}: Đạt", "Đã kiểm tra 2 tệp: 1 đạt, 0 có lỗi (0 lỗi), 1 không đọc được."]
    assert "Traceback" not in result.output


def test_cli_requires_a_file():
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- hand-made layouts ---------------------------------------------------------------------


def one_column_document(signer_first: bool = False):
    """A plan typed without tables: header lines, body, then Nơi nhận and signer one under another."""
    from thidua.docx.layout import part_paragraph
    doc = b.new_document()
    for text, part in (("PHÒNG NỘI VỤ", "issuer"), (nd30.QUOC_HIEU, "quoc_hieu"),
                       (nd30.TIEU_NGU, "tieu_ngu"), ("Số: 15/KH-PNV", "number_line"),
                       (PLACE_DATE, "place_date")):
        part_paragraph(doc, text, part)
    b.add_title(doc, "KẾ HOẠCH", ["Tổ chức phong trào thi đua chuyển đổi số năm 2024"])
    b.add_paragraph(doc, "Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình trên địa bàn.")
    closing = [(nd30.RECIPIENTS_LABEL, "recipients_label"),
               *((line, "recipients_item") for line in RECIPIENTS)]
    signature = [("TRƯỞNG PHÒNG", "signer"), ("Nguyễn Văn An", "signer_name")]
    for text, part in (signature + closing if signer_first else closing + signature):
        part_paragraph(doc, text, part, align="left")
    return doc


@pytest.mark.parametrize("signer_first", [False, True])
def test_one_column_closing_separates_recipients_from_the_signer(tmp_path, signer_first):
    assert problems_of(one_column_document(signer_first), tmp_path) == []


# --- body text, trích yếu and Kính gửi sizes -----------------------------------------------


def shrink_after_title(doc, size: float = 11) -> None:
    """Every body paragraph after the tên loại: `size` pt, not bold, left-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if nd30.kind_for_title(p.text)) + 1
    for paragraph in paragraphs[start:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for run in paragraph.runs:
            run.font.size, run.bold = Pt(size), False


def submission_document(**changes):
    return plan_document(kind="TỜ TRÌNH", number="Số: 15/TTr-PNV", kinh_gui="Chủ tịch UBND huyện",
                         recipients=["- Như trên;", "- Lưu: VT, PNV."], **changes)


def test_body_summary_and_kinh_gui_at_11_pt_are_reported(tmp_path):
    doc = submission_document(body_paragraphs=6)
    assert check(doc, tmp_path) == []
    shrink_after_title(doc)
    body_rule = f"{DECREE} yêu cầu phần nội dung cỡ chữ từ 13 đến 14 pt"
    assert problems_of(doc, tmp_path) == [
        (f"Trích yếu cỡ chữ 11 pt, chưa in đậm, chưa căn giữa; {DECREE} yêu cầu cỡ 13–14, in đậm, "
         "căn giữa", "đoạn 2: 'Tổ chức phong trào thi đua chuyển đổi s…'"),
        (f"Dòng 'Kính gửi' cỡ chữ 11 pt; {DECREE} yêu cầu cỡ 13–14",
         "đoạn 4: 'Kính gửi: Chủ tịch UBND huyện'"),
        (f"Cỡ chữ 11 pt; {body_rule}", "đoạn 5: 'Căn cứ Luật Thi đua, khen thưởng ngày 1…'"),
        (f"Cỡ chữ 11 pt; {body_rule}", "đoạn 6: 'Căn cứ Kế hoạch số 12/KH-UBND ngày 10 t…'"),
        (f"Cỡ chữ 11 pt; {body_rule}", "đoạn 7: 'I. MỤC ĐÍCH, YÊU CẦU'"),
        ("Còn 8 đoạn khác ở phần nội dung có cỡ chữ ngoài 13–14 pt", "toàn văn bản"),
    ]


def test_tables_may_use_11_pt_but_not_the_body(tmp_path):
    doc = plan_document()
    for cell in doc.tables[1]._cells:
        cell.paragraphs[0].runs[0].font.size = Pt(11)
    assert check(doc, tmp_path) == []
    body_run(doc, CAN_CU).font.size = Pt(12)
    assert problems_of(doc, tmp_path) == [
        (f"Cỡ chữ 12 pt; {DECREE} yêu cầu phần nội dung cỡ chữ từ 13 đến 14 pt", CAN_CU_KEY)]


def test_generated_submission_with_shrunk_text_fails(tmp_path):
    from thidua.campaign.loading import load_campaign
    from thidua.export.single import build_dossier
    campaign = Path(__file__).resolve().parents[1] / "campaigns" / "001-phung-hiep"
    files = build_dossier(load_campaign(campaign), None, tmp_path / "out")
    path = next(f for f in files if "to-trinh" in f.name)
    assert check_document(path) == []
    doc = docx.Document(str(path))
    shrink_after_title(doc)
    messages = [message for message, _ in problems_of(doc, tmp_path)]
    assert messages[0].startswith("Trích yếu cỡ chữ 11 pt, chưa in đậm, chưa căn giữa;")
    assert messages[1].startswith("Dòng 'Kính gửi' cỡ chữ 11 pt;")
    assert messages[-1].startswith("Còn ") and messages[-1].endswith(
        "đoạn khác ở phần nội dung có cỡ chữ ngoài 13–14 pt")
