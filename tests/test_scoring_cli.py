"""`thidua score` end to end on a small fixture campaign: exact lines, JSON, XLSX, errors."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from thidua.campaign.loading import load_campaign
from thidua.cli import cli
from thidua.scoring.output import build_workbook
from thidua.scoring.pipeline import score_period

MINI = Path(__file__).parent / "fixtures" / "scoring" / "mini"

QUARTER_TABLE = """\
Kết quả chấm điểm: Thi đua thử nghiệm
Đợt: Sơ kết quý I năm 2024

Nhóm: Các phòng, ban
Hạng  Đơn vị   Trực tuyến  Tài khoản  Kế hoạch  Báo cáo  Trung thực   Hài lòng    Tổng  Khen thưởng                     Tiền thưởng  Điểm cộng
   1  Phòng A       54,00      40,00     10,00     0,00        0,00        Đạt  104,00  Giấy khen của Chủ tịch UBND xã      500.000
   –  Phòng B       48,00       0,00     10,00    −7,00       −2,00  Không đạt   49,00
Không xếp hạng – Phòng B: Tổng điểm 49 chưa đạt mức tối thiểu 50 điểm

Nhóm: Các xã
Hạng  Đơn vị    Trực tuyến  Tài khoản  Kế hoạch  Báo cáo  Trung thực   Hài lòng   Tổng  Khen thưởng  Tiền thưởng  Điểm cộng
   1  Xã An          48,72      40,00     10,00     0,00        0,00        Đạt  98,72  Hạng Nhất      3.000.000          3
   2  Xã Dương       54,00      35,00     10,00    −4,00       −2,00  Không đạt  93,00  Hạng Nhì       1.410.000          2
   3  Xã Bình        54,00      30,00      0,00    −5,00        0,00        Đạt  79,00  Hạng Ba        1.000.000          1
   –  Xã Cát          0,00      40,00     10,00     0,00        0,00        Đạt  50,00
Không xếp hạng – Xã Cát: Trực tuyến: 260/400 hồ sơ = 65,00%, không đạt 70%: không xét thi đua

Cá nhân đề nghị khen thưởng: 6
Tổng tiền thưởng: 10.170.000 đồng (Mười triệu một trăm bảy mươi nghìn đồng).
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_table_of_the_last_period_by_default():
    result = run("score", str(MINI))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == QUARTER_TABLE.splitlines()
    assert result.stderr == ""


def test_monthly_period_with_a_tie_warns_and_exits_zero():
    result = run("score", str(MINI), "--period", "thang-01-2024")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "Đợt: Tháng 01 năm 2024"
    assert lines[5] == ("   1  Xã An          54,00      30,00     10,00     0,00        0,00"
                        "       Đạt  94,00  chờ Hội đồng quyết định")
    assert lines[6].startswith("   1  Xã Bình ")
    council_file = MINI / "data" / "thang-01-2024-hoi-dong.csv"
    assert result.stderr.splitlines() == [
        "Cảnh báo: cần Hội đồng quyết định: Xã An, Xã Bình cùng 94 điểm, không phân định được "
        "bằng tiêu chí phụ (Điểm tỷ lệ hồ sơ trực tuyến cao hơn xếp trên); tiêu chí phụ tiếp "
        "theo của kế hoạch: Hội đồng quyết định; thứ tự quyết định đơn vị nào được Giấy khen "
        f"của Chủ tịch UBND xã. Ghi thứ tự Hội đồng quyết định vào cột thu_tu (tệp {council_file})."]
    # a period whose awards give no bonus points has no bonus column
    assert lines[4].endswith("Tiền thưởng") and "Điểm cộng" not in result.stdout


def test_council_order_file_settles_the_tie(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / "data" / "thang-01-2024-hoi-dong.csv").write_text(
        "ma_don_vi,thu_tu\nxa-binh,1\nxa-an,2\n", encoding="utf-8")
    result = run("score", str(folder), "--period", "thang-01-2024")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[5].startswith("   1  Xã Bình ") and lines[5].endswith(
        "94,00  Giấy khen của Chủ tịch UBND xã    1.000.000")
    assert lines[6].startswith("   2  Xã An ")
    # the resolved tie is explained under the table, and the JSON no longer flags it
    assert ("Bằng điểm – Xã Bình: Bằng 94 điểm với Xã An; xếp trên, thứ tự do Hội đồng quyết "
            "định (tệp data/thang-01-2024-hoi-dong.csv)") in lines
    assert ("Bằng điểm – Xã An: Bằng 94 điểm với Xã Bình; xếp dưới, thứ tự do Hội đồng quyết "
            "định (tệp data/thang-01-2024-hoi-dong.csv)") in lines
    data = json.loads(run("score", str(folder), "--period", "thang-01-2024",
                          "--format", "json").stdout)
    assert {u["id"]: u["tie"] for u in data["units"]}["xa-an"] is False
    assert set(data["units"][0]) == {"id", "name", "group", "criteria", "total", "eligible",
                                     "rank", "award", "prize", "tie"}


def test_json_is_exactly_the_results_contract():
    result = run("score", str(MINI), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    expected = score_period(load_campaign(MINI), None).to_json()
    assert data == json.loads(json.dumps(expected))
    xa_an = next(u for u in data["units"] if u["id"] == "xa-an")
    assert xa_an["criteria"]["tt"] == {
        "points": 48.72, "explanation": "812/1.000 hồ sơ = 81,20% → 81,20% × 60 = 48,72 điểm"}
    assert xa_an["criteria"]["tk"]["explanation"] == \
        "1.730 tài khoản ≥ 1.500: 30 + 2 × 5 = 40 điểm"
    assert xa_an["criteria"]["hl"]["explanation"] == "Đạt (92,00% ≥ 90%)"
    binh = next(u for u in data["units"] if u["id"] == "xa-binh")
    assert binh["criteria"]["bc"]["explanation"] == \
        "01 báo cáo trễ trên 3 ngày × (−5) = −5 điểm"
    phong_b = next(u for u in data["units"] if u["id"] == "phong-b")
    assert phong_b["criteria"]["bc"]["explanation"] == \
        "01 báo cáo trễ 1–3 ngày × (−2) + 01 báo cáo không nộp × (−5) = −7 điểm"
    assert (data["prize_total"], xa_an["rank"], xa_an["award"], xa_an["prize"]) == \
        (10170000, 1, "Hạng Nhất", 3000000)  # + 6 individuals × 710.000 (Giấy khen 0,3)


def test_xlsx_prints_on_a4_landscape_and_is_deterministic(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("score", str(MINI), "--format", "xlsx", "-o", str(first)).exit_code == 0
    assert run("score", str(MINI), "--format", "xlsx", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    workbook = openpyxl.load_workbook(first)
    assert workbook.sheetnames == ["Bảng tổng hợp", "Diễn giải"]
    ws = workbook["Bảng tổng hợp"]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$5"
    header = [c.value for c in ws[5]]
    assert header[:3] == ["STT", "Đơn vị", "Trực tuyến (60 điểm)"]
    assert header[-6:] == ["Tổng điểm", "Xếp hạng", "Khen thưởng", "Tiền thưởng (đồng)",
                           "Điểm cộng", "Ghi chú"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[1]}
    assert rows["Xã An"][2] == pytest.approx(48.72) and rows["Xã An"][8] == pytest.approx(98.72)
    assert rows["Xã Dương"][10:13] == ("Hạng Nhì", 1410000, 2)
    assert rows["Xã An"][12] == 3 and rows["Xã Cát"][12] is None
    assert rows["Xã Cát"][7] == "Đạt"
    assert all(c.font.name == "Times New Roman" for row in ws.iter_rows() for c in row
               if c.value is not None)
    explained = [r for r in workbook["Diễn giải"].iter_rows(values_only=True) if r[1] == "Xã An"]
    assert ("Tỷ lệ hồ sơ trực tuyến", "812/1.000 hồ sơ = 81,20% → 81,20% × 60 = 48,72 điểm") \
        in [(r[2], r[4]) for r in explained]


def test_xlsx_text_that_looks_like_a_formula_stays_text():
    loaded = load_campaign(MINI)
    result = score_period(loaded, None)
    evil = dataclasses.replace(result.units[0], unit_name="=HYPERLINK(\"http://x\",\"A\")")
    workbook = build_workbook(dataclasses.replace(result, units=(evil,) + result.units[1:]),
                              loaded.campaign)
    cell = next(c for row in workbook["Bảng tổng hợp"].iter_rows() for c in row
                if c.value == evil.unit_name)
    assert cell.data_type == "s" and cell.quotePrefix


def test_invalid_data_lists_every_problem_and_exits_2(tmp_path):
    bad = tmp_path / "sai.csv"
    bad.write_text("ma_don_vi,ho_so,ho_so_tt,tai_khoan,ke_hoach,sai,hai_long\n"
                   "xa-an,100,120,1.500,có,0,90\nxa-binh,100,90,nhiều,có,0,90\n"
                   "xa-cat,100,90,1.500,có,0,90\n", encoding="utf-8")
    result = run("score", str(MINI), "--period", "thang-01-2024", "--data", str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{bad}, dòng 2, cột C (ho_so_tt): Lỗi: Số hồ sơ trực tuyến (120) lớn hơn Tổng số hồ sơ "
        "(100)",
        f"{bad}, dòng 3, cột D (tai_khoan): Lỗi: Số tài khoản: 'nhiều' không phải là số (viết "
        "1.730 hoặc 98,5)",
        f"{bad}: Lỗi: thiếu số liệu của đơn vị 'xa-duong' (Xã Dương)",
        "Có 3 lỗi cần sửa.",
    ]
    assert "Traceback" not in result.output


def test_data_option_reads_xlsx_and_unknown_period_is_an_error(tmp_path):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["Mã đơn vị", "Tổng số hồ sơ", "Số hồ sơ trực tuyến", "Số tài khoản", "Kế hoạch",
               "Báo cáo không trung thực", "Tỷ lệ hài lòng"])
    for unit, online in (("xa-an", 95), ("xa-binh", 90), ("xa-cat", 85), ("xa-duong", 80)):
        ws.append([unit, 100, online, 1500, "có", 0, 95])
    path = tmp_path / "so-lieu.xlsx"
    workbook.save(path)
    result = run("score", str(MINI), "--period", "thang-01-2024", "--data", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[5] == (
        "   1  Xã An          57,00      30,00     10,00     0,00        0,00       Đạt  97,00"
        "  Giấy khen của Chủ tịch UBND xã    1.000.000")
    wrong = run("score", str(MINI), "--period", "nam-2030")
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[0] == \
        "Lỗi: không có đợt 'nam-2030' (có: thang-01-2024, quy-1-2024)"


def test_output_file_and_help(tmp_path):
    target = tmp_path / "ket-qua.txt"
    result = run("score", str(MINI), "-o", str(target))
    assert result.exit_code == 0 and result.stdout == f"Đã ghi {target}\n"
    assert target.read_text(encoding="utf-8") == QUARTER_TABLE
    help_text = " ".join(run("score", "--help").stdout.split())
    assert "mặc định: đợt cuối cùng trong campaign.yaml" in help_text
    assert "cần Hội đồng quyết định" in help_text


def test_problems_of_every_file_are_reported_together(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    figures = folder / "data" / "thang-01-2024.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace("xa-cat;Xã Cát;400",
                                                                   "xa-cat;Xã Cát;-400"),
                       encoding="utf-8")
    log = folder / "data" / "thang-01-2024-bao-cao.csv"
    log.write_text("ma_don_vi,ky,ngay_nop\nxa-an,13/2024,\nxa-binh,01/2024,32/01/2024\n",
                   encoding="utf-8")
    result = run("score", str(folder), "--period", "thang-01-2024")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{figures}, dòng 5, cột C (ho_so): Lỗi: Tổng số hồ sơ: số liệu không được âm (-400)",
        f"{log}, dòng 2, cột B (ky): Lỗi: kỳ báo cáo '13/2024' không đúng dạng mm/yyyy "
        "(ví dụ 03/2024)",
        f"{log}, dòng 3, cột C (ngay_nop): Lỗi: ngày '32/01/2024' không đúng dạng dd/mm/yyyy "
        "(ví dụ 30/11/2023)",
        "Có 3 lỗi cần sửa.",
    ]


def test_unknown_column_warning(tmp_path):
    data = tmp_path / "so-lieu.csv"
    data.write_text((MINI / "data" / "thang-01-2024.csv").read_text(encoding="utf-8")
                    .replace("hai_long\n", "hai_long;ghi_chu\n"), encoding="utf-8")
    result = run("score", str(MINI), "--period", "thang-01-2024", "--data", str(data))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"Cảnh báo: {data}, dòng 2, cột I (ghi_chu): cột 'ghi_chu' không phải chỉ số nào của "
        "phong trào; bỏ qua")


def test_missing_data_file_named_by_data_option(tmp_path):
    missing = tmp_path / "nope.xlsx"
    result = run("score", str(MINI), "--data", str(missing))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Lỗi: không tìm thấy tệp số liệu {missing}",
                                          "Có 1 lỗi cần sửa."]


def test_sheet_option_with_a_csv_file_is_a_warning():
    result = run("score", str(MINI), "--sheet", "Quý I")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"Cảnh báo: {MINI / 'data' / 'quy-1-2024.csv'}: tệp CSV không có trang tính; bỏ qua "
        "--sheet 'Quý I'")
    assert result.stdout.splitlines() == QUARTER_TABLE.splitlines()


def test_xlsx_format_needs_an_xlsx_file_name(tmp_path):
    target = tmp_path / "x.csv"
    result = run("score", str(MINI), "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == ("Lỗi: --format xlsx ghi tệp Excel; tên tệp -o phải có đuôi .xlsx "
                             "(nhận được 'x.csv')\n")
    assert not target.exists()
    upper = tmp_path / "KET-QUA.XLSX"
    assert run("score", str(MINI), "--format", "xlsx", "-o", str(upper)).exit_code == 0
    assert upper.is_file()


def test_data_file_given_as_the_campaign(tmp_path):
    data = MINI / "data" / "quy-1-2024.csv"
    result = run("score", str(data))
    assert result.exit_code == 2
    assert result.stderr == (
        "Lỗi: CAMPAIGN phải là mã phong trào hoặc thư mục; tệp số liệu đưa vào bằng --data, "
        f"ví dụ: thidua score {MINI} --data {data}\n")
    elsewhere = run("score", str(tmp_path / "nam-2021.xlsx"))
    assert elsewhere.stderr.endswith(
        f"ví dụ: thidua score <mã phong trào> --data {tmp_path / 'nam-2021.xlsx'}\n")
    form = run("form", str(data))
    assert form.exit_code == 2
    assert form.stderr.startswith("Lỗi: CAMPAIGN phải là mã phong trào hoặc thư mục")


def test_help_does_not_call_the_period_data_sample_data():
    help_text = " ".join(run("score", "--help").stdout.split())
    assert "số liệu mẫu" not in help_text
    assert "mặc định: số liệu trong thư mục data/ của phong trào" in help_text
