"""Wording of generated documents: prizes, metrics, bonus points, guidance, titles, narratives."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from test_documents import ROOT, SYNTHETIC, make_campaign, paragraphs, text_of

from thidua.campaign.loading import load_campaign
from thidua.documents import document_context
from thidua.docx.check import check_document
from thidua.export.single import build_dossier, build_plan
from thidua.scoring.pipeline import score_period

# --- the new-locality trial campaign (tests/fixtures/an-hai-2026, read-only) ----------------

AN_HAI = ROOT / "tests" / "fixtures" / "an-hai-2026"


@pytest.fixture(scope="module")
def an_hai(tmp_path_factory):
    """The trial campaign's plan and both dossiers, built once: (loaded, plan, {period: files})."""
    loaded = load_campaign(AN_HAI)
    out = tmp_path_factory.mktemp("an-hai")
    plan = build_plan(loaded, out)[0]
    dossiers = {p.id: build_dossier(loaded, p.id, out / p.id) for p in loaded.campaign.periods}
    return loaded, plan, dossiers


def an_hai_file(an_hai, period: str, prefix: str) -> Path:
    return next(p for p in an_hai[2][period] if p.name.startswith(prefix))


def test_trial_campaign_documents_pass_the_decree_check(an_hai):
    _, plan, dossiers = an_hai
    paths = [plan] + [p for files in dossiers.values() for p in files]
    assert {p.name: [str(x) for x in check_document(p)] for p in paths
            if check_document(p)} == {}


def test_plan_prints_the_prize_scoring_pays(an_hai):
    loaded, plan, _ = an_hai
    paid = {n.prize for n in score_period(loaded, "so-ket-6-thang").nominations}
    assert paid == {710_000}  # 0,3 × 2.340.000 = 702.000, rounded up to the next 10.000
    assert ("- 04 cá nhân, kèm theo tiền thưởng 710.000 đồng (0,3 lần mức lương cơ sở)/cá nhân."
            in paragraphs(plan))
    context = document_context(loaded, "ke-hoach")
    (interim, _) = context["ke_hoach"]["dot"]
    person_award = next(a for a in interim["khen_thuong"] if a["doi_tuong"] == "cá nhân")
    assert person_award["hang"][0]["tien_thuong_goc"] == 710_000


def test_unit_documents_list_only_the_metrics_of_the_units_group(an_hai):
    loaded, _, _ = an_hai
    sign_off = "Phát hành 100% văn bản đi dưới dạng điện tử có ký số"  # phòng, ban only
    team = "Tổ công nghệ số cộng đồng hoạt động thường xuyên"        # tổ dân phố only
    street = text_of(an_hai_file(an_hai, "nam-2026", "05_phieu-ket-qua_to-dan-pho-an-nhon-2"))
    office = text_of(an_hai_file(an_hai, "nam-2026", "05_phieu-ket-qua_van-phong"))
    # the phiếu lists the figures in one sentence ("3. Số liệu đơn vị báo cáo. …: có; …")
    assert f"{team}: có".casefold() in street.casefold() and sign_off not in street
    assert f"{sign_off}: có".casefold() in office.casefold() and team not in office
    assert "3. Số liệu đơn vị báo cáo. " in street
    report = text_of(an_hai_file(an_hai, "nam-2026", "04_bao-cao-thanh-tich_to-dan-pho-an-nhon-2"))
    assert f"- {team}: có." in report and sign_off not in report
    groups = {m.id: m.groups for m in loaded.campaign.metrics}
    sheet = document_context(loaded, "phieu-ket-qua", "nam-2026", unit_id="tdp-an-nhon-2")
    assert all(groups[f["ma"]] is None or "to-dan-pho" in groups[f["ma"]]
               for f in sheet["don_vi"]["so_lieu"])


@pytest.mark.parametrize("label, printed", [
    ("điểm thi đua phát triển kinh tế - xã hội", "cộng 3 điểm thi đua phát triển kinh tế - xã hội"),
    ("Điểm vào thành tích KT-XH năm 2021", "cộng 3 điểm vào thành tích KT-XH năm 2021"),
    ("vào kết quả thi đua năm 2026", "cộng 3 điểm vào kết quả thi đua năm 2026"),
    ("điểm", "cộng 3 điểm"),
])
def test_bonus_points_wording_never_doubles_the_word(label, printed):
    from thidua.documents.context_common import bonus_text
    assert f"cộng {bonus_text('3', label)}" == printed


def test_result_sheet_and_plan_word_bonus_points_once(an_hai, tmp_path):
    street = text_of(an_hai_file(an_hai, "nam-2026", "05_phieu-ket-qua_to-dan-pho-an-nhon-2"))
    assert "cộng 3 điểm vào kết quả thi đua năm 2026 của tổ dân phố." in street
    seed = ROOT / "campaigns" / "003-chau-thanh-a"
    sheets = build_dossier(load_campaign(seed), "nam-2021", tmp_path / "003")
    texts = " ".join(text_of(p) for p in sheets if p.name.startswith("05_"))
    assert "cộng 15 điểm vào thành tích KT-XH năm 2021" in texts and "điểm điểm" not in texts
    yaml = SYNTHETIC.replace("          - {name: Hạng Nhất, count: 1, prize: 3000000}\n",
                             "          - {name: Hạng Nhất, count: 1, prize: 3000000, "
                             "bonus_points: 3}\n").replace(
        "dossier:\n", "dossier:\n  bonus_points_label: vào kết quả thi đua của tổ\n")
    plan = build_plan(load_campaign(make_campaign(tmp_path / "s", yaml=yaml)), tmp_path / "o")[0]
    assert ("2. Cộng điểm vào kết quả thi đua của tổ cho các đơn vị được khen thưởng:"
            in paragraphs(plan))


def test_summary_lines_name_each_award_form_once_with_its_money(an_hai):
    # three awards of the plan are one form (Giấy khen of the chairman): printed once, the
    # money attached to it, never as a hình thức of its own
    expected = [
        "- Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường cho 08 tập thể và 13 cá nhân, kèm "
        "theo tiền thưởng tổng cộng 24.520.000 đồng."]
    for prefix in ("01_to-trinh", "02_bien-ban", "06_bang-tong-hop"):
        lines = paragraphs(an_hai_file(an_hai, "nam-2026", prefix))
        start = lines.index(expected[0])
        assert lines[start:start + 1] == expected, prefix
        assert not any(line.startswith("- Tiền thưởng") for line in lines), prefix
    interim = paragraphs(an_hai_file(an_hai, "so-ket-6-thang", "01_to-trinh"))
    assert ("- Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường cho 04 tập thể và 04 cá nhân, "
            "kèm theo tiền thưởng tổng cộng 6.840.000 đồng.") in interim


def test_award_tables_show_the_award_rank_and_the_score_rank_in_their_own_columns(an_hai):
    for prefix in ("01_to-trinh", "02_bien-ban", "03_quyet-dinh"):
        document = docx.Document(str(an_hai_file(an_hai, "nam-2026", prefix)))
        tables = [t for t in document.tables if t.cell(0, 1).text == "TÊN TẬP THỂ"]
        assert len(tables) == 2, prefix  # one table per group, each with its own STT
        rows = {r.cells[1].text: [r.cells[0].text, r.cells[2].text, r.cells[4].text]
                for t in tables for r in t.rows[1:-1]}
        assert rows["Tổ dân phố An Nhơn 2"] == ["1", "1", "Hạng Nhất"], prefix
        assert rows["Tổ dân phố Phước Trường 2"] == ["6", "6", "Hạng Khuyến khích"], prefix
        assert rows["Văn phòng HĐND và UBND phường"] == ["1", "1", "–"], prefix
        assert rows["Phòng Văn hóa - Xã hội"] == ["2", "2", "–"], prefix


def _guidance_for(tmp_path, metric: str, rule: str) -> list[str]:
    """The generated HƯỚNG DẪN CHẤM of one extra criterion added to the synthetic plan."""
    from thidua.documents.context_criteria import scoring_tables
    yaml = SYNTHETIC.replace(
        "  - {id: truc_tuyen, label: Số hồ sơ trực tuyến, unit: hồ sơ, part_of: ho_so}\n",
        "  - {id: truc_tuyen, label: Số hồ sơ trực tuyến, unit: hồ sơ, part_of: ho_so}\n"
        f"  - {metric}\n").replace(
        "      rule: {kind: proportional, numerator: truc_tuyen, denominator: ho_so}\n",
        "      rule: {kind: proportional, numerator: truc_tuyen, denominator: ho_so}\n"
        f"    - {{id: them, title: Tiêu chí thêm, max_points: 0, rule: {rule}}}\n")
    loaded = load_campaign(make_campaign(tmp_path / "g", yaml=yaml))
    (table,) = scoring_tables(loaded.campaign)
    return next(row["huong_dan"] for row in table["dong"] if row["noi_dung"][0] == "Tiêu chí thêm")


@pytest.mark.parametrize("op, value, expected", [
    (">=", "50", "Số hồ sơ trễ hạn đạt từ 50 hồ sơ trở lên"),
    (">", "50", "Số hồ sơ trễ hạn trên 50 hồ sơ"),
    ("<=", "2", "Số hồ sơ trễ hạn không quá 2 hồ sơ"),
    ("<", "3", "Số hồ sơ trễ hạn dưới 3 hồ sơ"),
    ("==", "4", "Số hồ sơ trễ hạn bằng 4 hồ sơ"),
    ("==", "0", "Không có hồ sơ trễ hạn (0 hồ sơ)"),
])
def test_target_guidance_reads_naturally(tmp_path, op, value, expected):
    metric = "{id: tre_han, label: Số hồ sơ trễ hạn, unit: hồ sơ, part_of: ho_so}"
    rule = f'{{kind: target, metric: tre_han, op: "{op}", value: {value}}}'
    assert _guidance_for(tmp_path, metric, rule) == [
        f"- Chỉ tiêu (không tính điểm): {expected}."]


def test_percent_target_of_a_ratio(tmp_path):
    rule = ('{kind: target, numerator: truc_tuyen, denominator: ho_so, op: ">=", value: 90, '
            'percent_target: true, required: true}')
    assert _guidance_for(tmp_path, "{id: x, label: X}", rule) == [
        "- Chỉ tiêu (không tính điểm): Tỷ lệ số hồ sơ trực tuyến/số hồ sơ đạt từ 90% trở lên.",
        "- Không đạt chỉ tiêu: không xét thi đua."]


@pytest.mark.parametrize("label, expected", [
    ("Có ban hành kế hoạch hưởng ứng", "- Có ban hành kế hoạch hưởng ứng: 10 điểm;"),
    ("có ban hành kế hoạch hưởng ứng", "- Có ban hành kế hoạch hưởng ứng: 10 điểm;"),
    ("Ban hành kế hoạch hưởng ứng", "- Có ban hành kế hoạch hưởng ứng: 10 điểm;"),
    ("Cổng thông tin hoạt động", "- Có cổng thông tin hoạt động: 10 điểm;"),
])
def test_yes_no_guidance_says_co_once(tmp_path, label, expected):
    metric = f"{{id: co_ke_hoach, label: {label}, type: yes_no}}"
    rule = "{kind: yes_no, metric: co_ke_hoach, yes_points: 10, no_points: 0}"
    assert _guidance_for(tmp_path, metric, rule) == [expected, "- Không có: 0 điểm."]


@pytest.mark.parametrize("short_name, period, name, full", [
    ("Thử nghiệm năm 2024", "Tổng kết năm 2024", "phong trào thi đua “Thử nghiệm” năm 2024",
     "phong trào thi đua “Thử nghiệm” năm 2024"),
    ("Thử nghiệm", "Sơ kết 6 tháng đầu năm 2024", "phong trào thi đua “Thử nghiệm”",
     "phong trào thi đua “Thử nghiệm” 6 tháng đầu năm 2024"),
    ("Thi đua dịch vụ công năm 2024", "Tháng 10 năm 2024",
     "phong trào “Thi đua dịch vụ công” năm 2024",
     "phong trào “Thi đua dịch vụ công” tháng 10 năm 2024"),
    ("Thử nghiệm năm 2024", "Đợt 1", "phong trào thi đua “Thử nghiệm” năm 2024",
     "phong trào thi đua “Thử nghiệm” đợt 1 năm 2024"),
])
def test_campaign_named_with_its_period_says_the_year_once_outside_the_quotes(
        tmp_path, short_name, period, name, full):
    yaml = SYNTHETIC.replace("short_name: Thử nghiệm & kiểm tra", f"short_name: {short_name}") \
        .replace("    name: Năm 2024\n", f"    name: {period}\n")
    context = document_context(load_campaign(make_campaign(tmp_path / "n", yaml=yaml)), "to-trinh")
    assert context["phong_trao"]["ten"] == name
    assert context["phong_trao"]["ten_day_du"] == full
    assert context["van_ban"]["trich_yeu"].endswith(f"thành tích xuất sắc trong {full}")


def test_seed_titles_quote_only_the_campaigns_name(tmp_path):
    loaded = load_campaign(ROOT / "campaigns" / "003-chau-thanh-a")
    monthly = document_context(loaded, "to-trinh", "thang-10-2021")["van_ban"]["trich_yeu"]
    assert monthly.endswith("trong phong trào “Thi đua dịch vụ công trực tuyến mức độ 3, mức độ "
                            "4” tháng 10 năm 2021")
    sheet = document_context(loaded, "phieu-ket-qua", "nam-2021")["van_ban"]["trich_yeu"]
    assert sheet == ("Kết quả chấm điểm phong trào “Thi đua dịch vụ công trực tuyến mức độ 3, "
                     "mức độ 4” năm 2021")
    for kind in ("to-trinh", "bien-ban", "quyet-dinh", "bang-tong-hop", "phieu-ket-qua"):
        title = document_context(loaded, kind, "nam-2021")["van_ban"]["trich_yeu"]
        campaign = title[title.index("phong trào"):]
        assert campaign.count("2021") == 1 and "2021”" not in campaign, (kind, title)


# --- báo cáo thành tích narratives ---------------------------------------------------------

def test_narrative_headings_distribute_text_into_the_report_sections():
    from thidua.documents.narratives import parse_narrative
    parts = parse_narrative(
        "# DỮ LIỆU MẪU – không in ra\n\nMở đầu không tiêu đề.\n\n## Đặc điểm, tình hình\n"
        "Tổ có 420 hộ\ndân.\n\n##  chức năng, nhiệm vụ:\nTham mưu.\n## Thành tích đạt được\n"
        "Hướng dẫn 80 hồ sơ.\n\n## Hình thức khen thưởng đã đạt được\nGiấy khen năm 2023.\n")
    assert parts == {"dac_diem": ["Tổ có 420 hộ dân."], "chuc_nang": ["Tham mưu."],
                     "thanh_tich": ["Mở đầu không tiêu đề.", "Hướng dẫn 80 hồ sơ."],
                     "khen_thuong": ["Giấy khen năm 2023."]}
    plain = parse_narrative("Đoạn một.\n\nĐoạn hai.\n")
    assert plain["thanh_tich"] == ["Đoạn một.", "Đoạn hai."] and not plain["dac_diem"]


def test_unknown_narrative_heading_is_reported_with_its_line():
    from thidua.documents.narratives import parse_narrative
    from thidua.errors import DataError
    with pytest.raises(DataError) as caught:
        parse_narrative("Đoạn.\n\n## II. THÀNH TÍCH\nText.\n", "to-3.txt")
    (problem,) = caught.value.problems
    assert problem.location.file == "to-3.txt" and problem.location.line == 3
    assert "'## II. THÀNH TÍCH'" in problem.message and "'## Đặc điểm, tình hình'" in problem.message


def test_seed_narratives_fill_their_own_sections(tmp_path):
    loaded = load_campaign(ROOT / "campaigns" / "003-chau-thanh-a")
    files = build_dossier(loaded, "nam-2021", tmp_path / "003")
    town_file = next(p for p in files if p.name.endswith("_thi-tran-mot-ngan.docx"))
    town = [line for line in paragraphs(town_file) if line]
    features = "Thị trấn Một Ngàn là trung tâm hành chính của huyện Châu Thành A"
    found = next(i for i, line in enumerate(town) if line.startswith(features))
    assert town[found - 1] == "1. Đặc điểm, tình hình"
    assert town.count("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH") == 1
    assert "DỮ LIỆU MẪU" not in " ".join(town) and not any(ln.startswith("#") for ln in town)
    achievements = town.index("1. Biện pháp tổ chức thực hiện, giải pháp nổi bật")
    assert town[achievements + 1].startswith("Đơn vị xây dựng Kế hoạch thực hiện")
    office = text_of(next(p for p in files if p.name.endswith("_phong-noi-vu.docx")))
    assert ("2. Chức năng, nhiệm vụ Phòng Nội vụ là cơ quan thường trực về cải cách hành chính"
            in office)
    for report in (p for p in files if p.name.startswith("04_") and "ca-nhan" not in p.name):
        text = text_of(report)
        assert text.count("THÀNH TÍCH ĐẠT ĐƯỢC") == 1 and "## " not in text, report.name


# --- position and unit in the attached lists ----------------------------------------------


@pytest.mark.parametrize("position, unit, printed", [
    ("Chuyên viên Phòng Tư pháp", "Phòng Tư pháp", "Chuyên viên Phòng Tư pháp"),
    ("Phó Trưởng phòng Nội vụ", "Phòng Nội vụ", "Phó Trưởng phòng Nội vụ"),
    ("Chuyen vien phong Noi vu", "Phòng Nội vụ", "Chuyen vien phong Noi vu"),
    ("Phó Chủ tịch UBND xã", "UBND xã Hòa An", "Phó Chủ tịch UBND xã Hòa An"),
    ("Chuyên viên", "Phòng Nội vụ", "Chuyên viên, Phòng Nội vụ"),
    ("Công chức Tư pháp - Hộ tịch", "UBND xã Hòa An", "Công chức Tư pháp - Hộ tịch, UBND xã Hòa An"),
    ("", "Phòng Nội vụ", "Phòng Nội vụ"),
])
def test_position_names_its_unit_once(position, unit, printed):
    from thidua.documents.context_results import position_with_unit
    assert position_with_unit(position, unit) == printed


def test_seed_lists_never_repeat_the_unit_after_the_position(tmp_path):
    import re
    campaign = ROOT / "campaigns" / "003-chau-thanh-a"
    files = build_dossier(load_campaign(campaign), None, tmp_path / "out")
    submission = text_of(next(f for f in files if "to-trinh" in f.name))
    assert "Phó Trưởng phòng Nội vụ" in submission and "Chuyên viên Phòng Tư pháp" in submission
    assert not re.search(r"(Phòng [^,\n]+), \1", submission, re.IGNORECASE)
    assert "phòng Nội vụ, Phòng Nội vụ" not in submission


@pytest.mark.parametrize("total, maximum, printed", [
    ("95.50", "100", "95,50/100 điểm"),
    ("100.00", "100", "100,00/100 điểm"),
    ("220.00", "100", "220,00 điểm (điểm chuẩn 100, gồm điểm thưởng)"),
])
def test_total_above_the_standard_points_is_not_printed_as_a_fraction(total, maximum, printed):
    from decimal import Decimal

    from thidua.documents.context_units import total_text
    assert total_text(Decimal(total), Decimal(maximum)) == printed


def test_report_total_above_standard_points_is_worded_as_including_bonus(tmp_path):
    seed = Path(__file__).resolve().parent.parent / "campaigns" / "003-chau-thanh-a"
    files = build_dossier(load_campaign(seed), "nam-2021", tmp_path / "003")
    report = next(p for p in files if p.name.startswith("04_bao-cao-thanh-tich_thi-tran-mot-ngan"))
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "Tổng điểm đạt 220,00 điểm (điểm chuẩn 100, gồm điểm thưởng), xếp thứ nhất trong 06 " \
        "xã, thị trấn." in text
    assert "được 40,00 điểm (điểm chuẩn 15, gồm điểm thưởng)" in text  # never "40/15"
    assert "khen thưởng Hạng Nhất, tiền thưởng 10.000.000 đồng" in text
    assert "220,00/100" not in text
