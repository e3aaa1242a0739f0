"""The dossier follows the law in force on its date, computes money, records the council's vote
and fills the achievement reports from profiles (issue 10, items 1–6)."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import docx
import pytest
from test_documents import paragraphs, text_of

from thidua.campaign import legal_frame as law
from thidua.campaign.loading import load_campaign
from thidua.documents.award_sections import canonical_forms
from thidua.documents.offices import office_holder
from thidua.errors import CampaignError
from thidua.export.single import build_dossier
from thidua.scoring.awards import by_coefficient

ROOT = Path(__file__).resolve().parent.parent / "campaigns"
SEEDS = {"000-ninh-phuoc": "nam-2023", "001-phung-hiep": "nam-2023",
         "003-chau-thanh-a": "nam-2021"}


def test_base_salary_is_the_one_in_force_on_the_decision_date():
    assert law.base_salary(date(2024, 6, 30)).amount == 1_800_000
    assert law.base_salary(date(2024, 7, 1)).amount == 2_340_000
    assert law.base_salary(date(2026, 6, 30)).amount == 2_340_000
    salary = law.base_salary(date(2026, 7, 1))
    assert (salary.amount, salary.text) == (2_530_000, "Nghị định số 161/2026/NĐ-CP")


def test_prizes_round_up_to_the_next_ten_thousand_dong():
    assert by_coefficient(D("0.3"), 2_340_000) == 710_000     # 702.000
    assert by_coefficient(D("0.6"), 2_340_000) == 1_410_000   # 1.404.000
    assert by_coefficient(D("3"), 2_530_000) == 7_590_000     # exact: no rounding
    assert law.default_coefficient("Giấy khen của Chủ tịch UBND xã", False, date(2025, 8, 1)) \
        == D("0.6")
    assert law.default_coefficient("Bằng khen của Chủ tịch UBND tỉnh", False, date(2025, 8, 1)) \
        == D("3")
    assert law.default_coefficient("Bằng khen của Chủ tịch UBND tỉnh", True, date(2025, 8, 1)) \
        == D("1.5")
    assert law.default_coefficient("Tiền thưởng và cộng điểm", False, date(2025, 8, 1)) is None


def test_legal_bases_follow_the_decision_date():
    before = law.decision_bases(date(2025, 6, 30))
    after = law.decision_bases(date(2025, 7, 1))
    assert any("98/2023/NĐ-CP" in line for line in before)
    assert any("152/2025/NĐ-CP" in line for line in after)
    assert any("ngày 16 tháng 6 năm 2025" in line for line in after)
    assert law.report_form("chuyen_de", date(2021, 12, 18))[0] == "Mẫu số 07"
    assert law.submission_bases(date(2021, 1, 1))[0].startswith("Căn cứ Luật Thi đua, Khen "
                                                                "thưởng ngày 26 tháng 11 năm 2003")


def test_an_award_form_written_two_ways_is_printed_once():
    forms = ["Giấy khen của Chủ tịch UBND huyện Phụng Hiệp", "Giấy khen của Chủ tịch UBND huyện",
             "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", "Bằng khen của Chủ tịch UBND tỉnh"]
    names = canonical_forms(forms)
    assert set(names.values()) == {"Giấy khen của Chủ tịch UBND huyện Phụng Hiệp",
                                   "Bằng khen của Chủ tịch UBND tỉnh"}


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    return {seed: build_dossier(load_campaign(ROOT / seed), period, out / seed)
            for seed, period in SEEDS.items()}


def _file(files, prefix: str) -> Path:
    return next(p for p in files if p.name.startswith(prefix))


def test_sample_dossiers_have_none_of_the_reviewers_findings(dossiers):
    for seed, files in dossiers.items():
        for path in files:
            text = text_of(path)
            assert "bổ sung:" not in text, (seed, path.name)          # bracketed instructions
            assert "Được khen" not in text and "Khuyến Khích" not in text, (seed, path.name)
            assert " 00 " not in f"{text} " and "00;" not in text, (seed, path.name)
            if path.name.startswith("04_"):  # reports are written in sentences
                assert "×" not in text and "≥" not in text, (seed, path.name)
        decision = text_of(_file(files, "03_quyet-dinh"))
        assert "Tặng Tiền thưởng" not in decision and "Tặng Giấy khen của Chủ tịch UBND huyện, " \
            "Giấy khen" not in decision, seed


def test_decision_has_an_article_per_form_money_with_funding_and_executors(dossiers):
    text = text_of(_file(dossiers["003-chau-thanh-a"], "03_quyet-dinh"))
    assert "Điều 1. Thưởng cho 03 tập thể (các xã, thị trấn) theo kết quả xếp hạng" in text
    assert "Điều 2. Tặng Giấy khen của Chủ tịch UBND huyện cho 07 tập thể và 27 cá nhân" in text
    assert "Điều 3. Cộng điểm vào thành tích KT-XH năm 2021 cho các đơn vị" in text
    assert "Điều 4. Tổng số tiền thưởng là 31.360.000 đồng" in text and "chi từ Quỹ" in text
    assert "Điều 5. Quyết định này có hiệu lực" in text and "- Như Điều 5;" in text
    text = text_of(_file(dossiers["001-phung-hiep"], "03_quyet-dinh"))
    assert ("Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - "
            "Kế hoạch, Chủ tịch UBND các xã, thị trấn") in text
    assert "chi từ Quỹ Thi đua, khen thưởng huyện Phụng Hiệp năm 2024" in text
    assert "Trần Không Dận" in text and "[Họ và tên]" not in text  # the plan's signer


def test_submission_cites_law_decree_plan_and_minutes_and_lists_money_per_row(dossiers):
    files = dossiers["001-phung-hiep"]
    lines = paragraphs(_file(files, "01_to-trinh"))
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in lines
    assert any(line.startswith("Căn cứ Biên bản số") and "ngày 10 tháng 01 năm 2024 của Hội "
               "đồng Thi đua - Khen thưởng huyện Phụng Hiệp về việc họp xét" in line for line in lines)
    assert "Trương Văn Hiếu" in lines  # TRƯỞNG PHÒNG of Phòng Nội vụ, known from the council
    document = docx.Document(str(_file(files, "01_to-trinh")))
    persons = [t for t in document.tables if t.cell(0, 1).text == "HỌ VÀ TÊN"]
    assert [len(t.rows) - 2 for t in persons] == [24, 4]  # one table per award, own STT
    assert all(r.cells[-1].text == "540.000" for t in persons for r in t.rows[1:-1])
    assert "1. Giấy khen của Chủ tịch UBND huyện Phụng Hiệp (các xã, thị trấn)" in lines
    assert "2. Giấy khen của Chủ tịch UBND huyện Phụng Hiệp (các ban, ngành, đoàn thể huyện)" \
        in lines


def test_minutes_state_membership_quorum_votes_and_ties(dossiers):
    text = text_of(_file(dossiers["001-phung-hiep"], "02_bien-ban"))
    assert "Tổng số thành viên Hội đồng: 09; có mặt: 09; vắng mặt: 0." in text
    assert "đủ điều kiện tiến hành cuộc họp (tối thiểu 67%)" in text
    assert "đồng ý 8/9 thành viên Hội đồng (đạt 88,9%), không đồng ý 0, không biểu quyết 01" in text
    tie = text_of(_file(dossiers["003-chau-thanh-a"], "02_bien-ban"))
    assert "Trường hợp bằng điểm và cách xếp thứ tự:" in tie and "thứ tự do Hội đồng quyết định" in tie
    assert "UBND xã Hòa An: Bằng 100 điểm với UBND thị trấn Cây Dương; xếp trên theo tiêu chí phụ" in text
    document = docx.Document(str(_file(dossiers["001-phung-hiep"], "02_bien-ban")))
    annex = document.sections[-1]
    assert len(document.sections) == 2 and annex.page_width > annex.page_height


def _copy_001(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "001"
    shutil.copytree(ROOT / "001-phung-hiep", folder)
    yaml = folder / "campaign.yaml"
    yaml.write_text(edit(yaml.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_a_nominee_below_the_threshold_is_left_out_and_the_minutes_say_so(tmp_path):
    folder = _copy_001(tmp_path, lambda s: s.replace(
        "        - {subject: tap-the-xa, agree: 9}\n",
        "        - {subject: xa-tan-long, agree: 6, disagree: 3}\n").replace(
        "    approval_threshold: 50%", "    approval_threshold: 80%"))
    files = build_dossier(load_campaign(folder), "nam-2023", tmp_path / "out")
    minutes = text_of(_file(files, "02_bien-ban"))
    assert "UBND xã Tân Long: đồng ý 6/9 thành viên Hội đồng (đạt 66,7%)" in minutes
    assert "không đạt tỷ lệ 80%, không đưa vào danh sách đề nghị khen thưởng" in minutes
    for prefix in ("01_to-trinh", "03_quyet-dinh"):
        document = docx.Document(str(_file(files, prefix)))
        units = [r.cells[1].text for t in document.tables if t.cell(0, 1).text == "TÊN TẬP THỂ"
                 for r in t.rows[1:-1]]
        assert "UBND xã Tân Long" not in units and len(units) == 4, prefix
        assert "04 tập thể" in text_of(_file(files, prefix)), prefix


def test_council_settings_are_validated_with_their_location(tmp_path):
    folder = _copy_001(tmp_path, lambda s: s.replace(
        "    approval_threshold: 50%", "    approval_threshold: 150%").replace(
        "{subject: ca-nhan-cap-huyen, agree: 8, abstain: 1}",
        "{subject: ca-nhan-cap-huyen, agree: 9, abstain: 1}"))
    with pytest.raises(CampaignError) as info:
        load_campaign(folder)
    found = {(p.location.key, p.message) for p in info.value.problems}
    assert ("dossier.council.approval_threshold",
            "tỷ lệ phải lớn hơn 0% và không quá 100%") in found
    assert ("periods[0].meeting.ballots[2]", "số phiếu (10) vượt số thành viên Hội đồng (9)") \
        in found


def test_person_report_is_filled_from_the_profile_and_marks_what_is_missing(dossiers):
    files = dossiers["001-phung-hiep"]
    report = _file(files, "04_bao-cao-thanh-tich_ca-nhan_dang-thi-thanh-truc")
    lines = paragraphs(report)
    assert "- Ngày, tháng, năm sinh: 19/03/1975." in lines
    assert "Tổ chức đoàn viên thanh niên hỗ trợ người dân nộp hồ sơ trực tuyến." in lines
    marked = [r for p in docx.Document(str(report)).paragraphs for r in p.runs
              if r.text.startswith("……") and r.font.highlight_color is not None]
    assert len(marked) == 1  # trình độ lý luận chính trị is blank in the sheet
    assert ("Đặng Thị Thanh Trúc (UBND xã Thạnh Hòa): trình độ lý luận chính trị; họ tên người "
            "ký (XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ)") in files.missing


def test_unit_report_has_its_own_header_place_and_results_in_sentences(dossiers):
    report = _file(dossiers["001-phung-hiep"], "04_bao-cao-thanh-tich_ubnd-xa-hoa-an")
    lines = paragraphs(report)
    assert "ỦY BAN NHÂN DÂN\nXÃ HÒA AN" in lines and "UBND HUYỆN PHỤNG HIỆP" not in text_of(report)
    assert any(line.startswith("Hòa An, ngày") for line in lines)
    assert ("- Tỷ lệ hồ sơ xử lý trực tuyến (Toàn trình và một phần) trên tổng số hồ sơ phát "
            "sinh: đạt 100% (1.250/1.250 hồ sơ), được 60,00/60 điểm.") in lines
    assert "- Tổng điểm đạt 100,00/100 điểm, xếp thứ nhất trong 13 xã, thị trấn." in lines
    assert any(line.startswith("(Mẫu số 08: Báo cáo thành tích đề nghị khen thưởng trong phong "
                               "trào thi đua theo chuyên đề") for line in lines)


def test_attendance_comes_from_the_council_members_and_the_absent(tmp_path):
    people = ["Nguyễn Hoàng Phúc", "Lê Thị Mỹ Duyên"] + [f"Thành viên {i}" for i in range(1, 8)]
    members = "".join(f"      - {{name: {name}, title: Ủy viên, role: Ủy viên Hội đồng}}\n"
                      for name in people)

    def edit(yaml: str) -> str:
        start, end = yaml.index("      attendees:\n"), yaml.index("      votes:")
        yaml = yaml[:start] + "      absent: [{name: Thành viên 7, title: Ủy viên}]\n" + yaml[end:]
        yaml = yaml.replace("present: 9, agree: 9", "present: 8, agree: 8")
        yaml = yaml.replace("agree: 9}", "agree: 8}").replace("agree: 8, abstain: 1",
                                                               "agree: 7, abstain: 1")
        return yaml.replace("    approval_threshold: 50%",
                            f"    members:\n{members}    approval_threshold: 50%")

    files = build_dossier(load_campaign(_copy_001(tmp_path, edit)), "nam-2023", tmp_path / "out")
    minutes = text_of(_file(files, "02_bien-ban"))
    assert "Tổng số thành viên Hội đồng: 09; có mặt: 08; vắng mặt: 01." in minutes
    assert "- Thành viên 1 - Ủy viên, Ủy viên Hội đồng;" in minutes
    assert "- Thành viên 7 - Ủy viên, Ủy viên Hội đồng;" not in minutes
    assert "4. Vắng mặt: 01 thành viên, gồm: - Thành viên 7 - Ủy viên;" in minutes
    assert "đồng ý 7/9 thành viên Hội đồng (đạt 77,8%)" in minutes


def test_export_ends_with_what_is_missing_per_awardee(tmp_path):
    from click.testing import CliRunner

    from thidua.cli import cli
    result = CliRunner().invoke(cli, ["export", str(ROOT / "001-phung-hiep"), "-o",
                                      str(tmp_path), "--workers", "1"], catch_exceptions=False)
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("Hồ sơ còn thiếu thông tin phải điền tay"))
    assert ("  001-phung-hiep/nam-2023: Đặng Thị Thanh Trúc (UBND xã Thạnh Hòa): trình độ lý "
            "luận chính trị; họ tên người ký (XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ)") in lines[start:]


def test_unit_report_takes_what_its_narrative_lacks_from_the_units_sheet(tmp_path):
    folder = _copy_001(tmp_path, lambda s: s)
    before = build_dossier(load_campaign(folder), "nam-2023", tmp_path / "before").missing
    assert ("Ủy ban nhân dân thị trấn Cây Dương: khen thưởng đã nhận; họ tên người ký (CHỦ TỊCH "
            "UBND THỊ TRẤN)") in before
    (folder / "data" / "nam-2023-ca-nhan-don-vi.csv").write_text(
        "ma_don_vi,ten_don_vi,khen_thuong_da_nhan\n"
        "tt-cay-duong,UBND thị trấn Cây Dương,Năm 2021: Giấy khen của Chủ tịch UBND huyện; "
        "Năm 2022: Bằng khen của Chủ tịch UBND tỉnh\n", encoding="utf-8")
    files = build_dossier(load_campaign(folder), "nam-2023", tmp_path / "out")
    lines = paragraphs(_file(files, "04_bao-cao-thanh-tich_ubnd-thi-tran-cay-duong"))
    assert "Năm 2022: Bằng khen của Chủ tịch UBND tỉnh." in lines
    assert "Ủy ban nhân dân thị trấn Cây Dương: họ tên người ký (CHỦ TỊCH UBND THỊ TRẤN)" in \
        files.missing  # only the head's name is left to write


def test_a_plan_without_points_shows_no_score_rank_or_score_sheets(tmp_path):
    from test_documents import SYNTHETIC, make_campaign
    start, end = SYNTHETIC.index("scoring:"), SYNTHETIC.index("periods:")
    folder = make_campaign(tmp_path / "khong-diem")
    (folder / "campaign.yaml").write_text(SYNTHETIC[:start] + SYNTHETIC[end:], encoding="utf-8")
    files = build_dossier(load_campaign(folder), None, tmp_path / "out")
    assert not any(p.name.startswith(("05_", "06_")) for p in files)  # no phiếu, no score table
    for path in files:
        text = text_of(path)
        assert "TỔNG ĐIỂM" not in text and "XẾP HẠNG" not in text, path.name
        assert "chấm điểm" not in text and "0,00/0" not in text, path.name


def test_report_form_is_chosen_by_the_award_and_its_number_is_settable(tmp_path):
    def edit(yaml: str) -> str:
        yaml = yaml.replace("        level: huyện\n        recipients: collective\n",
                            "        level: huyện\n        recipients: collective\n"
                            "        report_form: tap_the\n", 1)
        return yaml.replace("  funding: Quỹ", "  report_forms:\n    tap_the: {number: Mẫu số 4a}\n"
                            "  funding: Quỹ", 1)
    files = build_dossier(load_campaign(_copy_001(tmp_path, edit)), "nam-2023", tmp_path / "out")
    unit = paragraphs(_file(files, "04_bao-cao-thanh-tich_ubnd-xa-hoa-an"))
    assert ("(Mẫu số 4a: Báo cáo thành tích đề nghị khen thưởng cho tập thể, ban hành kèm theo "
            "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ)") in unit
    person = paragraphs(_file(files, "04_bao-cao-thanh-tich_ca-nhan_le-minh-tam"))
    assert any(line.startswith("(Mẫu số 08: Báo cáo thành tích đề nghị khen thưởng trong phong "
                               "trào thi đua theo chuyên đề") for line in person)


def test_signers_are_the_office_holders_the_definition_names():
    c = load_campaign(ROOT / "003-chau-thanh-a").campaign
    october = c.period("thang-10-2021")
    assert october.meeting is None  # the holder is named in the year's meeting
    assert office_holder(c, october, "TRƯỞNG PHÒNG", "Phòng Nội vụ") == "Lê Hoàng Nam"
    assert office_holder(c, october, "Chánh Văn phòng",
                         "Văn phòng HĐND và UBND huyện") == "Phạm Thị Thu Hương"
    assert office_holder(c, october, "Phó Trưởng phòng", "Phòng Nội vụ") == ""
    assert office_holder(c, october, "Chủ tịch UBND xã", "UBND xã Tân Hòa") == ""
