"""Wrong outputs found by outside testing of the Kế hoạch: percent and yes/no targets, plans
without points, half-known issue dates, titles naming the period, legal bases, file names."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_documents import SYNTHETIC, make_campaign, paragraphs, text_of
from test_rules import run

from thidua.campaign.citation import cite, decree_dates
from thidua.campaign.loading import load_campaign
from thidua.campaign.model import LegalBasis
from thidua.campaign.model_rules import Target
from thidua.documents import document_context
from thidua.errors import CampaignError
from thidua.export.single import build_plan
from thidua.vietnamese.formatting import slugify

EXTRA_METRICS = ("  - {id: hai_long, label: Tỷ lệ hài lòng, unit: \"%\", type: percent}\n"
                 "  - {id: thu_tuc, label: Số thủ tục trực tuyến, unit: thủ tục}\n"
                 "  - {id: co_kh, label: Có ban hành kế hoạch hưởng ứng, type: yes_no}\n")


def with_criterion(rule: str, max_points: int = 0) -> str:
    yaml = SYNTHETIC.replace(
        "  - {id: truc_tuyen, label: Số hồ sơ trực tuyến, unit: hồ sơ, part_of: ho_so}\n",
        "  - {id: truc_tuyen, label: Số hồ sơ trực tuyến, unit: hồ sơ, part_of: ho_so}\n"
        + EXTRA_METRICS).replace(
        "      rule: {kind: proportional, numerator: truc_tuyen, denominator: ho_so}\n",
        "      rule: {kind: proportional, numerator: truc_tuyen, denominator: ho_so}\n"
        f"    - {{id: them, title: Chỉ tiêu thêm, max_points: {max_points}, rule: {rule}}}\n")
    return yaml


def plan_of(tmp_path, yaml: str) -> str:
    loaded = load_campaign(make_campaign(tmp_path / "c", yaml=yaml))
    return text_of(build_plan(loaded, tmp_path / "out")[0])


@pytest.mark.parametrize("extra", ["", ", percent_target: true"])
def test_percent_target_written_90_percent_means_90_percent(tmp_path, extra):
    rule = f'{{kind: target, metric: hai_long, value: "90%"{extra}}}'
    text = plan_of(tmp_path, with_criterion(rule))
    assert "Tỷ lệ hài lòng đạt từ 90% trở lên" in text
    assert "0,9" not in text
    parsed = Target.model_validate({"kind": "target", "metric": "tyle", "value": "90%",
                                    **({"percent_target": True} if extra else {})})
    assert run(parsed, {"tyle": "0.5"}, 0).met is False
    assert run(parsed, {"tyle": "0.95"}, 0).met is True
    assert run(parsed, {"tyle": "0.5"}, 0).explanation == "Không đạt (50,00% < 90%)"


def test_percent_target_on_a_count_prints_a_percentage_not_a_count(tmp_path):
    rule = '{kind: target, numerator: thu_tuc, denominator: ho_so, value: "90%"}'
    text = plan_of(tmp_path, with_criterion(rule))
    assert "đạt từ 90% trở lên" in text and "0,9 thủ tục" not in text


@pytest.mark.parametrize("value", ["có", "Có", "true"])
def test_yes_no_target_reads_co_never_bang_1(tmp_path, value):
    rule = f"{{kind: target, metric: co_kh, op: '==', value: {value}}}"
    text = plan_of(tmp_path, with_criterion(rule))
    assert "Chỉ tiêu (không tính điểm): Có ban hành kế hoạch hưởng ứng." in text
    assert "bằng 1" not in text and "(1 = 1)" not in text
    target = Target.model_validate({"kind": "target", "metric": "kh2", "op": "==",
                                    "value": True if value == "true" else value})
    assert run(target, {"kh2": True}, 0).explanation == "Đạt (Có xây dựng Kế hoạch)"
    assert run(target, {"kh2": False}, 0).explanation == "Không đạt (Không xây dựng Kế hoạch)"


def test_plan_without_points_prints_no_points_table(tmp_path):
    yaml = with_criterion("{kind: target, metric: hai_long, value: \"90%\"}").replace(
        "  total_points: 100\n", "").replace(
        "    - id: ty-le\n      title: Tỷ lệ hồ sơ trực tuyến\n      max_points: 100\n"
        "      rule: {kind: proportional, numerator: truc_tuyen, denominator: ho_so}\n", "")
    text = plan_of(tmp_path, yaml)
    assert "Tỷ lệ hài lòng đạt từ 90% trở lên" in text
    for invented in ("ĐIỂM CHUẨN", "Tổng cộng", "tổng điểm chuẩn", "CÁCH CHẤM ĐIỂM"):
        assert invented not in text


def test_issue_date_with_month_but_no_day(tmp_path):
    yaml = SYNTHETIC.replace("document: {number: 5, date: 05/02/2024}",
                             "document: {year: 2023, month: 3}")
    lines = paragraphs(build_plan(load_campaign(make_campaign(tmp_path / "c", yaml=yaml)),
                                  tmp_path / "out")[0])
    assert "An Hải, ngày     tháng 3 năm 2023" in lines


def test_short_name_ending_with_the_period_is_said_once(tmp_path):
    yaml = SYNTHETIC.replace("short_name: Thử nghiệm & kiểm tra",
                             "short_name: Chuyển đổi số 6 tháng cuối năm 2025").replace(
        "    name: Năm 2024\n", "    name: Sơ kết 6 tháng cuối năm 2025\n")
    context = document_context(load_campaign(make_campaign(tmp_path / "n", yaml=yaml)),
                               "to-trinh")
    full = context["phong_trao"]["ten_day_du"]
    assert full == "phong trào thi đua “Chuyển đổi số” 6 tháng cuối năm 2025"
    assert context["van_ban"]["trich_yeu"].count("6 tháng cuối") == 1


def test_typed_legal_basis_is_cited_with_decree_dates(tmp_path):
    yaml = SYNTHETIC.replace(
        "legal_bases: [Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022]",
        "legal_bases:\n"
        "  - {kind: Kế hoạch, number: 165/KH-UBND, date: 21/08/2023, issuer: UBND tỉnh Hậu Giang,"
        " subject: về phát động phong trào thi đua “Người dân nộp hồ sơ trực tuyến” năm 2023}\n"
        "  - Căn cứ Công văn số 90/UBND-NC ngày 05 tháng 01 năm 2021 của UBND tỉnh\n"
        "  - Thực hiện Kế hoạch số 12/KH-UBND ngày 1 tháng 09 năm 2023 của UBND huyện")
    lines = paragraphs(build_plan(load_campaign(make_campaign(tmp_path / "c", yaml=yaml)),
                                  tmp_path / "out")[0])
    assert ("Căn cứ Kế hoạch số 165/KH-UBND ngày 21 tháng 8 năm 2023 của UBND tỉnh Hậu Giang về "
            "phát động phong trào thi đua “Người dân nộp hồ sơ trực tuyến” năm 2023;") in lines
    assert "Căn cứ Công văn số 90/UBND-NC ngày 05 tháng 01 năm 2021 của UBND tỉnh;" in lines
    assert "Thực hiện Kế hoạch số 12/KH-UBND ngày 01 tháng 9 năm 2023 của UBND huyện." in lines


def test_cite_is_one_function_for_every_document():
    basis = LegalBasis(kind="Luật Thi đua, khen thưởng", date="15/06/2022")
    assert cite(basis) == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    decree = LegalBasis(kind="Nghị định", number="152/2025/NĐ-CP", date="2025-06-26",
                        issuer="Chính phủ", subject="quy định chi tiết Luật Thi đua, khen thưởng;")
    assert cite(decree) == ("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 26 tháng 6 năm 2025 của "
                            "Chính phủ quy định chi tiết Luật Thi đua, khen thưởng")
    assert decree_dates("ngày 7 tháng 02 năm 2024, ngày 30 tháng 08 năm 2024") == \
        "ngày 07 tháng 02 năm 2024, ngày 30 tháng 8 năm 2024"


@given(st.lists(st.text("abcdeđghiklmnôơưy", min_size=1, max_size=12), min_size=1, max_size=12),
       st.integers(min_value=10, max_value=60))
def test_file_names_are_cut_at_a_word_boundary(words, limit):
    full = slugify(" ".join(words), 1000)
    cut = slugify(" ".join(words), limit)
    assert len(cut) <= limit
    if cut != "khong-ten" and len(full) > limit and "-" in full[:limit + 1]:
        assert full.startswith(cut) and full[len(cut)] == "-"


def test_percent_values_stay_exact():
    target = Target.model_validate({"kind": "target", "metric": "tyle", "value": "98,5%"})
    assert (target.value, target.percent_target) == (D("98.5"), True)


def test_unquoted_comma_in_a_flow_mapping_is_explained(tmp_path):
    yaml = SYNTHETIC.replace("- {id: to-4, name: Tổ dân phố 4}",
                             "- {id: to-4, name: Tổ dân phố 4, Tân Lập}")
    with pytest.raises(CampaignError) as caught:
        load_campaign(make_campaign(tmp_path / "c", yaml=yaml))
    (problem,) = caught.value.problems
    assert problem.location.key == "participants.groups[0].units[2].Tân Lập"
    assert "dấu phẩy" in problem.message and "ngoặc kép" in problem.message


def test_readme_outline_example_validates_and_is_printed_as_written(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("(`plan.outline`)\n"):]
    example = section[section.index("```yaml\n") + 8:section.index("```\n", 10)]
    text = plan_of(tmp_path, SYNTHETIC + example)
    for written in ("I. MỤC ĐÍCH, YÊU CẦU", "a) Tạo khí thế thi đua sôi nổi trong toàn xã.",
                    "- Các tổ dân phố; - Các bộ phận chuyên môn thuộc UBND phường.",
                    "1. Bảng chấm điểm: STT Nội dung Tiêu chí Điểm chuẩn 1"):
        assert written in text
    assert "Mục đích thứ nhất" not in text  # the standard layout's purposes are not printed too


def test_outline_numbers_written_without_quotes_keep_their_dot(tmp_path):
    outline = ("plan:\n  outline:\n    - {number: 1., heading: Mục đích}\n"
               "    - {number: 2, heading: Yêu cầu}\n    - {number: 2.1., text: Thiết thực.}\n")
    text = plan_of(tmp_path, SYNTHETIC + outline)
    assert "1. Mục đích 2. Yêu cầu 2.1. Thiết thực." in text


def test_a_placement_without_data_is_a_warning_naming_the_key_to_fill(tmp_path):
    outline = "plan:\n  outline:\n    - {number: I., heading: THỜI HẠN, show: deadlines}\n"
    loaded = load_campaign(make_campaign(tmp_path / "c", yaml=SYNTHETIC + outline))
    (warning,) = [w for w in loaded.warnings if "show" in w.message]
    assert warning.location.key == "plan.outline[0].show"
    assert "deadlines còn trống" in warning.message
