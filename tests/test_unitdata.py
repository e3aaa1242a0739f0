"""Unit data import: CSV/XLSX reading and every kind of data error, with its location."""

from __future__ import annotations

import codecs
import csv
import unicodedata
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from fixtures.scoring import builders

from thidua.campaign.loading import load_campaign
from thidua.data.figures import read_figures
from thidua.errors import DataError, Location

MINI = Path(__file__).parent / "fixtures" / "scoring" / "mini"
HEADER = "ma_don_vi,ten_don_vi,ho_so,ho_so_tt,tai_khoan,ke_hoach,sai,hai_long"
GOOD_ROWS = [
    "phong-a,Phòng A,200,180,1.250,có,0,95",
    "phong-b,Phòng B,150,120,900,có,1,\"88,5\"",
    "xa-an,Xã An,1.000,812,1.730,có,0,92",
    "xa-binh,Xã Bình,500,450,1.500,không,0,90",
    "xa-cat,Xã Cát,400,260,2.100,x,0,97%",
    "xa-duong,Xã Dương,800,720,1.620,,1,85",
]


@pytest.fixture(scope="module")
def mini():
    return load_campaign(MINI).campaign


def write(tmp_path: Path, text: str, name: str = "so-lieu.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(call) -> list[tuple[str, Location]]:
    with pytest.raises(DataError) as info:
        call()
    return [(p.message, p.location) for p in info.value.problems if p.severity == "error"]


def test_reads_values_with_vietnamese_number_formats(mini, tmp_path):
    path = write(tmp_path, "# DỮ LIỆU MẪU\n" + "\n".join([HEADER] + GOOD_ROWS) + "\n")
    figures = read_figures(mini, path)
    assert figures.values["xa-an"]["tai_khoan"] == D(1730)
    assert figures.values["phong-b"]["hai_long"] == D("0.885")
    assert figures.values["xa-cat"]["hai_long"] == D("0.97")
    assert figures.values["xa-cat"]["ke_hoach"] is True
    assert figures.values["xa-duong"]["ke_hoach"] is False  # blank = không
    assert figures.location("xa-an", "tai_khoan") == Location(
        file=str(path), row=5, column="E (tai_khoan)")
    assert figures.warnings == ()


def test_bom_semicolon_vietnamese_headers_and_labels_with_units(mini, tmp_path):
    header = "Mã đơn vị;Tên đơn vị;Tổng số hồ sơ (hồ sơ);Số hồ sơ trực tuyến;tai_khoan;" \
             "Kế hoạch;sai;Tỷ lệ hài lòng (%)"
    rows = [r.replace(",", ";").replace('"88;5"', "88,5") for r in GOOD_ROWS]
    path = write(tmp_path, "\ufeff" + "\n".join([header] + rows), encoding="utf-8")
    figures = read_figures(mini, path)
    assert figures.values["phong-b"]["hai_long"] == D("0.885")
    assert figures.values["xa-an"]["ho_so"] == D(1000)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Vietnamese text as Windows-1258 writes it: base letters precomposed, tones combining."""
    out = []
    for char in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(char) and char not in _TONES:
            out[-1] = unicodedata.normalize("NFC", out[-1] + char)
        else:
            out.append(char)
    return "".join(out).encode("cp1258")


def test_legacy_encoding_is_read_with_a_warning(mini, tmp_path):
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(cp1258_bytes("\n".join([HEADER] + GOOD_ROWS)))
    figures = read_figures(mini, path)
    assert figures.values["xa-an"]["ho_so_tt"] == D(812)
    assert any("cp1258" in w and "UTF-8" in w for w in figures.warnings)
    assert not any("khác tên" in w for w in figures.warnings)  # names decoded correctly


def test_every_problem_is_reported_with_its_cell(mini, tmp_path):
    rows = [
        "phong-a,Phòng A,200,180,1.250,có,0,95",          # line 3
        "phong-b,Phòng B,150,abc,900,có,1,88",             # 4: non-numeric
        "xa-an,Xã An,1.000,1.200,1.730,có,0,92",           # 5: part larger than whole
        "xa-binh,Xã Bình,0,0,1.500,không,0,90",            # 6: zero denominator (a warning)
        "xa-cat,Xã Cát,400,260,-5,có,0,97",                # 7: negative
        "xa-an,Xã An,1.000,812,1.730,có,0,92",             # 8: duplicate
        "xa-moi,Xã Mới,1,1,1,có,0,90",                     # 9: unknown unit
        "phong-a2,,1,1,1,có,0,90",                         # 10: unknown unit
        ",,1,1,1,có,0,90",                                 # 11: no unit id
        "xa-duong,Xã Dương,800,720,12.5,chưa,,101",        # 12: fraction, yes/no, blank, >100
    ]
    path = write(tmp_path, "# mẫu\n" + "\n".join([HEADER] + rows) + "\n")
    found = problems_of(lambda: read_figures(mini, path))
    file = str(path)

    def at(row, column):
        return Location(file=file, row=row, column=column)

    expected = [
        ("Số hồ sơ trực tuyến: 'abc' không phải là số (viết 1.730 hoặc 98,5)",
         at(4, "D (ho_so_tt)")),
        ("Số hồ sơ trực tuyến (1.200) lớn hơn Tổng số hồ sơ (1.000)", at(5, "D (ho_so_tt)")),
        ("Số tài khoản: số liệu không được âm (-5)", at(7, "E (tai_khoan)")),
        ("đơn vị 'xa-an' bị trùng (đã có ở dòng 5)", at(8, "A (ma_don_vi)")),
        ("mã đơn vị 'xa-moi' không có trong phong trào", at(9, "A (ma_don_vi)")),
        ("mã đơn vị 'phong-a2' không có trong phong trào", at(10, "A (ma_don_vi)")),
        ("dòng có số liệu nhưng thiếu mã đơn vị", at(11, "A (ma_don_vi)")),
        ("Số tài khoản: số lượng phải là số nguyên (12.5)", at(12, "E (tai_khoan)")),
        ("Kế hoạch: 'chưa' không phải có/không (ghi 'có' hoặc 'không')", at(12, "F (ke_hoach)")),
        ("Báo cáo không trung thực: ô trống (ghi 0 nếu không có)", at(12, "G (sai)")),
        ("Tỷ lệ hài lòng: tỷ lệ phần trăm phải từ 0 đến 100 (101)", at(12, "H (hai_long)")),
    ]
    for item in expected:
        assert item in found
    assert len(found) == len(expected)


def test_missing_unit_and_missing_column(mini, tmp_path):
    header = "ma_don_vi,ho_so,ho_so_tt,tai_khoan,ke_hoach,sai"
    rows = [",".join(r.split(",")[:1] + r.split(",")[2:7]) for r in GOOD_ROWS[:-1]]
    path = write(tmp_path, "\n".join([header] + rows))
    found = problems_of(lambda: read_figures(mini, path))
    assert ("thiếu số liệu của đơn vị 'xa-duong' (Xã Dương)", Location(file=str(path))) in found
    assert ("thiếu cột 'Tỷ lệ hài lòng' (mã 'hai_long')", Location(file=str(path), row=1)) \
        in found
    assert len(found) == 2


def test_unknown_column_is_a_warning_and_name_mismatch_too(mini, tmp_path):
    rows = [r + ",ghi chú" for r in GOOD_ROWS]
    rows[0] = rows[0].replace("Phòng A", "Phòng Anh")
    path = write(tmp_path, "\n".join([HEADER + ",Ghi chú"] + rows))
    figures = read_figures(mini, path)
    assert any("cột 'Ghi chú' không phải chỉ số nào" in w and "cột I (Ghi chú)" in w
               for w in figures.warnings)
    assert any("tên đơn vị 'Phòng Anh' khác tên trong phong trào ('Phòng A')" in w
               for w in figures.warnings)


def test_dates_must_be_dd_mm_yyyy(tmp_path):
    campaign = builders.campaign(
        groups={"xa": 2},
        metrics=[{"id": "diem", "label": "Điểm", "type": "points"},
                 {"id": "ngay", "label": "Ngày gửi kế hoạch", "type": "date"}])
    path = write(tmp_path, "ma_don_vi,diem,ngay\nxa01,50,05/01/2024\nxa02,60,2024/13/45\n")
    found = problems_of(lambda: read_figures(campaign, path))
    assert found == [("Ngày gửi kế hoạch: ngày '2024/13/45' không đúng dạng dd/mm/yyyy "
                      "(ví dụ 30/11/2023)", Location(file=str(path), row=3, column="C (ngay)"))]
    path.write_text("ma_don_vi,diem,ngay\nxa01,50,05/01/2024\nxa02,60,\n", encoding="utf-8")
    assert read_figures(campaign, path).values["xa01"]["ngay"] == date(2024, 1, 5)


def test_council_points_above_the_maximum(tmp_path):
    campaign = builders.campaign(groups={"xa": 1})
    path = write(tmp_path, "ma_don_vi,diem\nxa01,\"100,5\"\n")
    assert problems_of(lambda: read_figures(campaign, path)) == [(
        "Điểm Hội đồng chấm: điểm Hội đồng chấm (100,5) vượt điểm chuẩn 100",
        Location(file=str(path), row=2, column="B (diem)"))]


def xlsx(path: Path, rows: list[list], sheet: str = "Số liệu", first: str | None = None,
         merge: str | None = None, percent_cells: tuple[str, ...] = ()) -> Path:
    workbook = openpyxl.Workbook()
    if first:
        workbook.active.title = first
        workbook.active["A1"] = "trang khác"
        ws = workbook.create_sheet(sheet)
    else:
        ws = workbook.active
        ws.title = sheet
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    for ref in percent_cells:
        ws[ref].number_format = "0.0%"
    workbook.save(path)
    return path


def xlsx_rows():
    header = HEADER.split(",")
    rows = [header]
    for line in GOOD_ROWS:
        cells = line.replace('"88,5"', "88.5").split(",")
        rows.append([cells[0], cells[1]] + [c for c in cells[2:]])
    return rows


def test_xlsx_first_sheet_numbers_and_percent_format(mini, tmp_path):
    rows = [["BẢNG SỐ LIỆU QUÝ I"], []] + xlsx_rows()
    rows[3][2:5] = [200, 180, 1250]
    rows[3][7] = 0.95
    path = xlsx(tmp_path / "so-lieu.xlsx", rows, percent_cells=("H4",))
    figures = read_figures(mini, path)
    assert figures.values["phong-a"]["tai_khoan"] == D(1250)
    assert figures.values["phong-a"]["hai_long"] == D("0.95")
    assert figures.location("xa-an", "ho_so") == Location(
        file=str(path), sheet="Số liệu", row=6, column="C (ho_so)")


def test_xlsx_named_sheet_and_unknown_sheet(mini, tmp_path):
    path = xlsx(tmp_path / "so-lieu.xlsx", xlsx_rows(), sheet="Quý I", first="Bìa")
    assert read_figures(mini, path, sheet="Quý I").values["xa-an"]["ho_so_tt"] == D(812)
    assert problems_of(lambda: read_figures(mini, path, sheet="Quý II")) == [(
        "không có trang tính 'Quý II' (có: 'Bìa', 'Quý I')",
        Location(file=str(path), sheet="Quý II"))]


def test_xlsx_errors_name_the_sheet(mini, tmp_path):
    rows = xlsx_rows()
    rows[3][3] = "nhiều"
    path = xlsx(tmp_path / "so-lieu.xlsx", rows)
    assert problems_of(lambda: read_figures(mini, path)) == [(
        "Số hồ sơ trực tuyến: 'nhiều' không phải là số (viết 1.730 hoặc 98,5)",
        Location(file=str(path), sheet="Số liệu", row=4, column="D (ho_so_tt)"))]


def test_xlsx_merged_header_cells(mini, tmp_path):
    rows = xlsx_rows()
    rows[0][3] = None
    path = xlsx(tmp_path / "so-lieu.xlsx", rows, merge="C1:D1")
    found = problems_of(lambda: read_figures(mini, path))
    assert found == [("ô tiêu đề bị gộp (C1:D1): mỗi cột cần một ô tiêu đề riêng; hãy bỏ gộp ô",
                      Location(file=str(path), sheet="Số liệu", row=1, column="C (ho_so)"))]


def test_blank_header_cell_above_data(mini, tmp_path):
    rows = xlsx_rows()
    rows[0][4] = None
    path = xlsx(tmp_path / "so-lieu.xlsx", rows)
    found = problems_of(lambda: read_figures(mini, path))
    assert found == [("ô tiêu đề trống nhưng cột có số liệu: hãy ghi tên cột",
                      Location(file=str(path), sheet="Số liệu", row=1, column="E"))]


def test_missing_and_unsupported_files(mini, tmp_path):
    assert problems_of(lambda: read_figures(mini, tmp_path / "khong-co.csv")) == [
        ("không tìm thấy tệp số liệu", Location(file=str(tmp_path / "khong-co.csv")))]
    other = write(tmp_path, "x", name="so-lieu.ods")
    assert problems_of(lambda: read_figures(mini, other))[0][0] == \
        "tệp số liệu phải là .csv hoặc .xlsx (nhận được '.ods')"
    no_header = write(tmp_path, "# chỉ có chú thích\nabc,def\n")
    assert problems_of(lambda: read_figures(mini, no_header))[0][0].startswith(
        "không tìm thấy dòng tiêu đề có cột mã đơn vị")


def test_row_order_does_not_matter(mini, tmp_path):
    forward = write(tmp_path, "\n".join([HEADER] + GOOD_ROWS), name="a.csv")
    backward = write(tmp_path, "\n".join([HEADER] + GOOD_ROWS[::-1]), name="b.csv")
    assert read_figures(mini, forward).values == read_figures(mini, backward).values


def test_value_for_a_group_that_does_not_use_the_metric_is_a_warning(tmp_path):
    from thidua.scoring.pipeline import PeriodInputs, compute_period

    campaign = builders.campaign(
        groups={"pb": 1, "xa": 2},
        metrics=[{"id": "diem", "label": "Điểm", "type": "points"},
                 {"id": "ky_so", "label": "Ký số văn bản", "type": "yes_no", "groups": ["pb"]},
                 {"id": "luot", "label": "Lượt hướng dẫn", "groups": ["xa"]}])
    path = write(tmp_path, "ma_don_vi,diem,ky_so,luot\npb01,50,có,nhiều\nxa01,60,có,12\n"
                           "xa02,70,,3\n")
    figures = read_figures(campaign, path)
    assert figures.warnings == (
        f"{path}, dòng 2, cột D (luot): Lượt hướng dẫn: chỉ số không áp dụng cho nhóm 'Nhóm pb' "
        "(metrics[].groups); giá trị 'nhiều' bị bỏ qua",
        f"{path}, dòng 3, cột C (ky_so): Ký số văn bản: chỉ số không áp dụng cho nhóm 'Nhóm xa' "
        "(metrics[].groups); giá trị 'có' bị bỏ qua")
    assert figures.values["pb01"]["luot"] is None
    assert figures.values["xa01"]["ky_so"] is False  # ignored: read as blank
    assert figures.values["pb01"]["ky_so"] is True
    result = compute_period(campaign, "c", campaign.periods[0], PeriodInputs(figures))
    assert result.warnings == figures.warnings


def test_submission_log_duplicate_month_is_an_error(tmp_path):
    from thidua.data.submissions import read_submission_log

    path = write(tmp_path, "# sổ\nma_don_vi,ky,ngay_nop\nxa-an,01/2024,20/01/2024\n"
                           "xa-binh,01/2024,\nxa-an,1/2024,19/01/2024\n", name="bao-cao.csv")
    found = problems_of(lambda: read_submission_log(path, ["xa-an", "xa-binh"]))
    assert found == [("đơn vị 'xa-an' có hai dòng cho kỳ 01/2024 (đã có ở dòng 3); mỗi đơn vị "
                      "mỗi kỳ chỉ ghi một dòng", Location(file=str(path), row=5, column="B (ky)"))]
    path.write_text("ma_don_vi,ky,ngay_nop\nxa-an,01/2024,20/01/2024\n", encoding="utf-8")
    log = read_submission_log(path, ["xa-an", "xa-binh"])
    assert log.of("xa-an") == {(2024, 1): date(2024, 1, 20)} and log.of("xa-binh") == {}


def test_submission_log_month_outside_the_period_is_a_warning(tmp_path):
    import shutil

    from thidua.scoring.pipeline import score_period

    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    log = folder / "data" / "thang-01-2024-bao-cao.csv"
    log.write_text(log.read_text(encoding="utf-8") + "xa-an,12/2023,20/12/2023\n"
                   "xa-cat,02/2024,25/02/2024\n", encoding="utf-8")
    result = score_period(load_campaign(folder), "thang-01-2024")
    assert result.warnings == (
        f"{log}, dòng 7, cột B (ky): kỳ 12/2023 của đơn vị 'xa-an' nằm ngoài các kỳ báo cáo của "
        "đợt (các kỳ của đợt: 01/2024 đến 01/2024); dòng này không được tính",
        f"{log}, dòng 8, cột B (ky): kỳ 02/2024 của đơn vị 'xa-cat' nằm ngoài các kỳ báo cáo của "
        "đợt (các kỳ của đợt: 01/2024 đến 01/2024); dòng này không được tính")
    # the rows outside the window change nothing; a unit with no row for 01/2024 loses points
    assert result.unit("xa-an").criterion("bc").points == 0
    log.write_text("ma_don_vi,ky,ngay_nop\nxa-an,01/2024,25/01/2024\n", encoding="utf-8")
    missing = score_period(load_campaign(folder), "thang-01-2024").unit("xa-binh")
    assert missing.criterion("bc").explanation == "01 báo cáo không nộp × (−5) = −5 điểm"


def test_encoding_warning_is_kept_when_the_file_also_has_errors(mini, tmp_path):
    rows = [GOOD_ROWS[0].replace("200,180", "200,abc")] + GOOD_ROWS[1:]
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(cp1258_bytes("\n".join([HEADER] + rows)))
    with pytest.raises(DataError) as info:
        read_figures(mini, path)
    lines = info.value.lines()
    assert lines[0].startswith(f"{path}: Cảnh báo: tệp không phải UTF-8, đã đọc theo bảng mã "
                               "cp1258")
    assert lines[1] == (f"{path}, dòng 2, cột D (ho_so_tt): Lỗi: Số hồ sơ trực tuyến: 'abc' "
                        "không phải là số (viết 1.730 hoặc 98,5)")
    assert lines[-1] == "Có 1 lỗi cần sửa."
    no_header = tmp_path / "khong-tieu-de.csv"
    no_header.write_bytes(cp1258_bytes("Mã số,Tên đơn vị\nxa-an,Xã An\n"))
    kinds = [p.severity for p in pytest.raises(DataError, read_figures, mini, no_header)
             .value.problems]
    assert kinds == ["warning", "error"]


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-16"),                                     # Excel "Unicode text"
    lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    lambda text: text.encode("utf-8"),                                      # UTF-8, tabs
], ids=["utf-16", "utf-16-le", "utf-16-be", "utf-8"])
def test_unicode_text_utf16_and_tab_separated(mini, tmp_path, encode):
    rows = ["\t".join(next(csv.reader([r]))) for r in GOOD_ROWS]  # "88,5" unquoted
    text = "\r\n".join([HEADER.replace(",", "\t").replace("ten_don_vi", "Tên đơn vị")] + rows)
    path = tmp_path / "so-lieu.txt"
    path.write_bytes(encode(text))
    figures = read_figures(mini, path)
    assert figures.values["phong-b"]["hai_long"] == D("0.885")
    assert figures.values["xa-an"]["tai_khoan"] == D(1730)
    assert figures.warnings == ()  # 'Xã An' decoded right: no name mismatch warning


@pytest.mark.parametrize("raw", [
    b"ma_don_vi,ho_so\r\nxa-an,\x81\x8d\r\n",                        # no code page fits
    "ma_don_vi\tho_so\r\nxa-an\t1\r\n".encode("utf-16-le"),          # UTF-16 without a BOM
], ids=["no-code-page", "utf-16-without-bom"])
def test_undecodable_file_says_how_to_save_it(mini, tmp_path, raw):
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(raw)
    [(message, location)] = problems_of(lambda: read_figures(mini, path))
    assert message.startswith("không đọc được bảng mã của tệp")
    assert message.endswith("Trong Excel: Lưu thành… → CSV UTF-8 (phân tách bằng dấu phẩy)")
    assert location == Location(file=str(path))


def test_damaged_or_old_excel_file_is_explained(mini, tmp_path):
    damaged = write(tmp_path, "ma_don_vi,ho_so\n", name="so-lieu.xlsx")
    [(message, _)] = problems_of(lambda: read_figures(mini, damaged))
    assert message.startswith("tệp không phải tệp Excel .xlsx hợp lệ")
    assert "File is not a zip file" not in message
    assert message.endswith("hãy mở bằng Excel và Lưu thành… → Sổ làm việc Excel (.xlsx)")
    old = tmp_path / "cu.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    [(message, _)] = problems_of(lambda: read_figures(mini, old))
    assert "đây là tệp Excel 97–2003 (.xls)" in message


def test_header_on_another_sheet_is_suggested(mini, tmp_path):
    path = xlsx(tmp_path / "so-lieu.xlsx", xlsx_rows(), sheet="Quý I", first="Bìa")
    assert problems_of(lambda: read_figures(mini, path)) == [(
        "không tìm thấy dòng tiêu đề có cột mã đơn vị (ma_don_vi hoặc 'Mã đơn vị'); trang tính "
        "'Quý I' có cột này: dùng --sheet 'Quý I'", Location(file=str(path), sheet="Bìa"))]
    lonely = xlsx(tmp_path / "mot-trang.xlsx", [["Mã số", "Tên"], ["xa-an", "Xã An"]])
    assert problems_of(lambda: read_figures(mini, lonely))[0][0] == (
        "không tìm thấy dòng tiêu đề có cột mã đơn vị (ma_don_vi hoặc 'Mã đơn vị')")


def test_excel_serial_number_in_a_date_column(tmp_path):
    campaign = builders.campaign(
        groups={"xa": 2},
        metrics=[{"id": "diem", "label": "Điểm", "type": "points"},
                 {"id": "ngay", "label": "Ngày gửi kế hoạch", "type": "date"}])
    path = xlsx(tmp_path / "so-lieu.xlsx", [["ma_don_vi", "diem", "ngay"], ["xa01", 50, 44310],
                                            ["xa02", 60, 45296.5]])
    values = read_figures(campaign, path).values
    assert values["xa01"]["ngay"] == date(2021, 4, 24)
    assert values["xa02"]["ngay"] == date(2024, 1, 5)
    csv_path = write(tmp_path, "ma_don_vi,diem,ngay\nxa01,50,44310\nxa02,60,2023\n")
    assert problems_of(lambda: read_figures(campaign, csv_path)) == [(
        "Ngày gửi kế hoạch: ô chứa số 2023, không phải ngày: ghi ngày dạng dd/mm/yyyy (ví dụ "
        "30/11/2023), hoặc định dạng ô là Ngày trong Excel",
        Location(file=str(csv_path), row=3, column="C (ngay)"))]
