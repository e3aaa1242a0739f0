"""`thidua form`: the data-collection workbook, its protection and validation, and read-back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from fixtures.scoring import builders

from thidua.campaign.loading import load_campaign
from thidua.cli import cli
from thidua.data.figures import read_figures
from thidua.data.form import build_form
from thidua.scoring.pipeline import score_period

MINI = Path(__file__).parent / "fixtures" / "scoring" / "mini"
FILLED = {  # the same figures as data/quy-1-2024.csv, typed the way Excel stores them
    "phong-a": [200, 180, 1250, "có", 0, 95],
    "phong-b": [150, 120, 900, "có", 1, 88.5],
    "xa-an": [1000, 812, 1730, "có", 0, 92],
    "xa-binh": [500, 450, 1500, "không", 0, 90],
    "xa-cat": [400, 260, 2100, "có", 0, 97],
    "xa-duong": [800, 720, 1620, "có", 1, 85],
}


def make_form(tmp_path: Path, period: str = "quy-1-2024") -> Path:
    target = tmp_path / "bieu-mau.xlsx"
    result = CliRunner().invoke(cli, ["form", str(MINI), "--period", period, "-o", str(target)],
                                catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == f"Đã ghi {target}\n"
    return target


def validations(ws) -> dict[str, tuple]:
    out = {}
    for rule in ws.data_validations.dataValidation:
        for ref in str(rule.sqref).split():
            out[ref[0]] = (rule.type, rule.operator, rule.formula1, rule.formula2)
    return out


def test_form_layout_protection_and_validation(tmp_path):
    workbook = openpyxl.load_workbook(make_form(tmp_path))
    assert workbook.sheetnames == ["Số liệu", "Cá nhân đề nghị", "Đơn vị đề nghị", "Hướng dẫn"]
    ws = workbook["Số liệu"]
    assert [c.value for c in ws[1]] == [
        "Mã đơn vị", "Tên đơn vị", "Tổng số hồ sơ (hồ sơ)", "Số hồ sơ trực tuyến (hồ sơ)",
        "Số tài khoản (tài khoản)", "Kế hoạch", "Báo cáo không trung thực (lần)",
        "Tỷ lệ hài lòng (%)"]
    assert [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2)] == [
        ("phong-a", "Phòng A"), ("phong-b", "Phòng B"), ("xa-an", "Xã An"),
        ("xa-binh", "Xã Bình"), ("xa-cat", "Xã Cát"), ("xa-duong", "Xã Dương")]
    assert ws.protection.sheet and not ws.protection.password
    assert ws["A1"].protection.locked and ws["C1"].protection.locked
    assert ws["A2"].protection.locked and ws["B7"].protection.locked
    assert not ws["C2"].protection.locked and not ws["H7"].protection.locked
    assert ws.freeze_panes == "C2"
    assert validations(ws) == {
        "C": ("whole", "greaterThanOrEqual", "0", None),
        "D": ("whole", "greaterThanOrEqual", "0", None),
        "E": ("whole", "greaterThanOrEqual", "0", None),
        "F": ("list", None, '"có,không"', None),
        "G": ("whole", "greaterThanOrEqual", "0", None),
        "H": ("decimal", "between", "0", "100"),
    }
    guide = "\n".join(str(c.value) for c in workbook["Hướng dẫn"]["A"] if c.value)
    assert "Cách điền:" in guide and "Đợt: Sơ kết quý I năm 2024" in guide
    assert "- Tỷ lệ hài lòng (%): tỷ lệ phần trăm từ 0 đến 100 (ví dụ 98,5)" in guide


def test_filled_form_reads_back_and_scores_like_the_csv(tmp_path):
    path = make_form(tmp_path)
    workbook = openpyxl.load_workbook(path)
    ws = workbook["Số liệu"]
    for row in ws.iter_rows(min_row=2):
        for cell, value in zip(row[2:], FILLED[row[0].value]):
            cell.value = value
    workbook.save(path)
    loaded = load_campaign(MINI)
    figures = read_figures(loaded.campaign, path)
    assert figures.values["phong-b"]["hai_long"] == D("0.885")
    assert figures.values["xa-binh"]["ke_hoach"] is False
    from_form = score_period(loaded, "quy-1-2024", path)
    from_csv = score_period(loaded, "quy-1-2024")
    assert [(u.unit_id, u.total, u.rank, u.award, u.prize) for u in from_form.units] == \
        [(u.unit_id, u.total, u.rank, u.award, u.prize) for u in from_csv.units]
    assert from_form.unit("xa-an").total == D("98.72")


def test_monthly_form_has_only_the_units_the_period_scores(tmp_path):
    ws = openpyxl.load_workbook(make_form(tmp_path, "thang-01-2024"))["Số liệu"]
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == ["xa-an", "xa-binh", "xa-cat",
                                                             "xa-duong"]


def test_dates_points_and_metrics_of_other_groups(tmp_path):
    campaign = builders.campaign(
        groups={"pb": 1, "xa": 1},
        metrics=[{"id": "diem", "label": "Điểm Hội đồng", "type": "points"},
                 {"id": "ngay", "label": "Ngày gửi", "type": "date"},
                 {"id": "dan_so", "label": "Dân số", "unit": "người", "groups": ["xa"]}],
        criteria=[{"id": "hd", "title": "Hội đồng chấm", "max_points": 20,
                   "rule": {"kind": "council", "metric": "diem"}}])
    workbook = build_form(campaign, campaign.periods[0])
    ws = workbook["Số liệu"]
    assert [c.value for c in ws[1]][2:] == ["Điểm Hội đồng", "Ngày gửi", "Dân số (người)"]
    assert validations(ws)["C"] == ("decimal", "between", "0", "20")
    assert validations(ws)["D"] == ("date", "between", "DATE(2000,1,1)", "DATE(2100,12,31)")
    assert ws["E2"].protection.locked and ws["E2"].fill.fgColor.rgb.endswith("D9D9D9")  # pb01
    assert not ws["E3"].protection.locked                                                # xa01
    ws["C2"], ws["D2"], ws["C3"], ws["D3"], ws["E3"] = 15, datetime(2024, 3, 5), 18.5, None, 900
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    figures = read_figures(campaign, path)
    assert figures.values["pb01"]["ngay"].isoformat() == "2024-03-05"
    assert figures.values["xa01"]["diem"] == D("18.5")


def test_form_is_deterministic(tmp_path):
    first = make_form(tmp_path).read_bytes()
    assert make_form(tmp_path).read_bytes() == first


def test_nominations_sheet_with_profiles_reads_back(tmp_path):
    from thidua.data.nominations import read_nominations
    target = make_form(tmp_path)
    workbook = openpyxl.load_workbook(target)
    ws = workbook["Cá nhân đề nghị"]
    assert [c.value for c in ws[1]][:4] == ["Họ và tên", "Chức vụ", "Mã đơn vị",
                                            "Hình thức khen thưởng"]
    assert "Nam,Nữ" in " ".join(str(r.formula1) for r in ws.data_validations.dataValidation)
    ws.append(["Trần Thị Mai", "Công chức Văn phòng", "xa-an", "", datetime(1988, 3, 5), "Nữ",
               "xã An", "Kinh", "Đại học Luật", "", "Tiếp nhận hồ sơ tại Bộ phận Một cửa",
               "Hướng dẫn 812 hồ sơ trực tuyến", "Năm 2022: Giấy khen; Năm 2023: Giấy khen"])
    workbook.save(target)
    sheet = read_nominations(target)
    (row,) = sheet.rows
    assert (row.full_name, row.unit_id, row.achievements) == \
        ("Trần Thị Mai", "xa-an", "Hướng dẫn 812 hồ sơ trực tuyến")
    profile = dict(row.profile)
    assert profile["ngay_sinh"] == "05/03/1988" and profile["gioi_tinh"] == "Nữ"
    assert "ly_luan_chinh_tri" not in profile  # left blank: reported as missing later
    assert sheet.location(row.row, "que_quan").sheet == "Cá nhân đề nghị"


def test_unit_profile_sheet_reads_back(tmp_path):
    from thidua.data.unit_profiles import read_unit_profiles
    target = make_form(tmp_path)
    workbook = openpyxl.load_workbook(target)
    ws = workbook["Đơn vị đề nghị"]
    assert [c.value for c in ws[1]] == ["Mã đơn vị", "Tên đơn vị", "Đặc điểm, tình hình",
                                        "Tổ chức bộ máy, biên chế", "Chức năng, nhiệm vụ",
                                        "Khen thưởng đã nhận"]
    assert (ws["A4"].value, ws["B4"].value) == ("xa-an", "Xã An")
    ws["C4"], ws["D4"], ws["F4"] = "Xã nông thôn", "20 cán bộ, công chức", "Năm 2022: Giấy khen"
    workbook.save(target)
    assert read_unit_profiles(target) == {"xa-an": {
        "dac_diem": "Xã nông thôn", "to_chuc_bo_may": "20 cán bộ, công chức",
        "khen_thuong_da_nhan": "Năm 2022: Giấy khen"}}
