"""Generated documents: decree-compliant, faithful to the seed plans and to the computed results."""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from thidua.campaign.citation import decree_dates
from thidua.campaign.loading import load_campaign
from thidua.documents import DOCUMENTS, document_context
from thidua.documents.context_common import FILL_BLANK
from thidua.documents.planning import missing_facts, plan_dossier
from thidua.docx.blanks import highlighted_text, is_marked_blank
from thidua.docx.check import check_document
from thidua.docx.text import clean, paragraph_text
from thidua.errors import CouncilDecisionNeeded
from thidua.export.single import build_dossier, build_plan
from thidua.scoring.pipeline import score_period

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {  # campaign folder → (seed text, seed test module holding the plan's names)
    "000-ninh-phuoc": ("000_ebe93a888bfb79b3.txt", "test_seed_000_ninh_phuoc"),
    "001-phung-hiep": ("001_73cbdf1851af83b2.txt", "test_seed_001_phung_hiep"),
    "003-chau-thanh-a": ("003_3975828fea64a2c7.txt", "test_seed_003_chau_thanh_a"),
}

# A small campaign of a ward (phường) after 01/7/2025-style two-tier government, with a unit
# name full of XML specials and an achievement that looks like a spreadsheet formula.
SPECIAL_NAME = "Tổ 1 & <Tổ 2> \"A\" 'B'"
SYNTHETIC = """
title: Phát động phong trào thi đua “Thử nghiệm & kiểm tra” năm 2024
short_name: Thử nghiệm & kiểm tra
issuer: {name: Ủy ban nhân dân phường An Hải, symbol: UBND, place: An Hải, short_name: UBND phường}
document: {number: 5, date: 05/02/2024}
legal_bases: [Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022]
purposes: [Mục đích thứ nhất., Mục đích thứ hai.]
participants:
  text: Các tổ dân phố trên địa bàn phường.
  groups:
    - id: to-dan-pho
      name: Các tổ dân phố
      units:
        - {id: to-1, name: "Tổ 1 & <Tổ 2> \\"A\\" 'B'"}
        - {id: to-3, name: Tổ dân phố 3, head: Nguyễn Văn Ba, head_title: Tổ trưởng}
        - {id: to-4, name: Tổ dân phố 4}
time: {end: 31/12/2024}
metrics:
  - {id: ho_so, label: Số hồ sơ, unit: hồ sơ}
  - {id: truc_tuyen, label: Số hồ sơ trực tuyến, unit: hồ sơ, part_of: ho_so}
scoring:
  total_points: 100
  criteria:
    - id: ty-le
      title: Tỷ lệ hồ sơ trực tuyến
      max_points: 100
      rule: {kind: proportional, numerator: truc_tuyen, denominator: ho_so}
periods:
  - id: nam-2024
    name: Năm 2024
    awards:
      - id: giay-khen
        form: Giấy khen của Chủ tịch UBND phường An Hải
        level: phường
        ranks:
          - {name: Hạng Nhất, count: 1, prize: 3000000}
          - {name: Hạng Nhì, count: 1, prize: 1500000}
      - id: ca-nhan
        form: Giấy khen của Chủ tịch UBND phường An Hải
        level: phường
        recipients: individual
        individuals: 2
    data: {figures: data/nam-2024.csv, nominations: data/nam-2024-ca-nhan.csv}
dossier:
  submission:
    issuer: {parent: UBND PHƯỜNG AN HẢI, name: Văn phòng HĐND và UBND phường, symbol: VP,
             place: An Hải}
    signer: {title: CHÁNH VĂN PHÒNG, name: Phạm Văn Tư}
tasks:
  - text: Văn phòng HĐND và UBND phường theo dõi, tổng hợp.
closing: [Trên đây là Kế hoạch./.]
recipients: {items: [Các tổ dân phố], archive: "Lưu: VT."}
signer: {prefix: KT., for_title: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Lê Thị Hoa}
"""
FIGURES = "ma_don_vi,ho_so,truc_tuyen\nto-1,100,100\nto-3,100,80\nto-4,100,50\n"
TIED_FIGURES = "ma_don_vi,ho_so,truc_tuyen\nto-1,100,100\nto-3,100,80\nto-4,100,80\n"
NOMINATIONS = "ho_ten,chuc_vu,ma_don_vi,thanh_tich,hinh_thuc\nTrần Văn An,Tổ phó,to-1,=1+1,ca-nhan\n"


def make_campaign(folder: Path, figures: str = FIGURES, yaml: str = SYNTHETIC) -> Path:
    """Write the synthetic campaign (campaign.yaml and its data files) into `folder`."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "campaign.yaml").write_text(yaml, encoding="utf-8")
    (folder / "data" / "nam-2024.csv").write_text(figures, encoding="utf-8")
    (folder / "data" / "nam-2024-ca-nhan.csv").write_text(NOMINATIONS, encoding="utf-8")
    return folder


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body in order (table cells included), as python-docx reads it."""
    body = docx.Document(str(path)).element.body
    out = []
    for p in body.iter(qn("w:p")):
        parts = []
        for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            parts.append(node.text or "" if node.tag == qn("w:t") else
                         "\n" if node.tag == qn("w:br") else "\t")
        out.append(nfc("".join(parts)))
    return out


def text_of(path: Path) -> str:
    return " ".join(" ".join(paragraphs(path)).split())


# --- the seeds ------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed_build(request, tmp_path_factory):
    folder = ROOT / "campaigns" / request.param
    if not (folder / "campaign.yaml").is_file():
        pytest.skip(f"seed campaign {request.param} is not transcribed yet")
    loaded = load_campaign(folder)
    out = tmp_path_factory.mktemp(request.param)
    plan = build_plan(loaded, out)[0]
    dossiers = {p.id: build_dossier(loaded, p.id, out / p.id) for p in loaded.campaign.periods}
    return request.param, loaded, plan, dossiers


def test_every_generated_document_passes_the_decree_check(seed_build):
    _, _, plan, dossiers = seed_build
    paths = [plan] + [p for files in dossiers.values() for p in files]
    problems = {p.name: [str(x) for x in check_document(p)] for p in paths}
    assert {name: found for name, found in problems.items() if found} == {}
    assert len(paths) > 10


def seed_numbers(text: str) -> set[str]:
    """Dates, grouped numbers, percentages and multi-digit numbers of a plan's text."""
    tokens = re.findall(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,3}(?:\.\d{3})+(?:đ)?|\d+(?:,\d+)?%?", text)
    return {t.rstrip("đ") for t in tokens if "." in t or "/" in t or len(re.sub(r"\D", "", t)) >= 2}


def has_number(text: str, token: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(token)}(?![\d%]|[.,]\d)", text) is not None


def test_plan_keeps_every_number_date_and_name_of_the_seed(seed_build):
    campaign_id, loaded, plan, _ = seed_build
    seed_file, module_name = SEEDS[campaign_id]
    seed = " ".join(nfc((ROOT / "tests" / "seeds" / seed_file).read_text(encoding="utf-8")).split())
    plan_text = text_of(plan)
    numbers = seed_numbers(decree_dates(seed))  # "tháng 08" is cited "tháng 8", as the decree asks
    assert len(numbers) > 10
    assert sorted(n for n in numbers if not has_number(plan_text, n)) == []
    module = importlib.import_module(module_name)
    names = list(getattr(module, "NAMES", None) or getattr(module, "PLAN_NAMES", ()))
    names.append(loaded.campaign.signer.name)
    assert len(names) > 10
    assert [n for n in names if n not in plan_text] == []


def test_number_check_would_catch_a_dropped_figure(seed_build):
    _, _, plan, _ = seed_build
    plan_text = text_of(plan)
    token = sorted(t for t in seed_numbers(plan_text) if "." in t or "/" in t)[0]
    assert has_number(plan_text, token)
    assert not has_number(plan_text.replace(token, "…"), token)


def test_dossier_shows_the_computed_results(seed_build):
    _, loaded, _, dossiers = seed_build
    for period_id, files in dossiers.items():
        result = score_period(loaded, period_id)
        by_name = {p.name: p for p in files}
        submission = text_of(by_name["01_to-trinh.docx"])
        for unit in result.awarded:
            assert unit.unit_name in submission
        for person in result.nominations:
            assert person.full_name in submission
        if result.prize_total:
            money = f"{result.prize_total:,}".replace(",", ".")
            assert f"Tổng số tiền thưởng: {money} đồng" in submission
            from thidua.vietnamese.formatting import money_in_words
            assert money_in_words(result.prize_total) in submission
        table = text_of(by_name["06_bang-tong-hop.docx"])
        sheets = [p for p in files if p.name.startswith("05_phieu-ket-qua_")]
        assert len(sheets) == len(result.units)
        for unit in result.units:
            assert unit.unit_name in table
            total = f"{unit.total:.2f}".replace(".", ",")
            assert total in table
        for sheet in sheets:
            text = text_of(sheet)
            unit = next(u for u in result.units if f"Kính gửi: {u.unit_name}" in text)
            assert f"Tổng điểm: {unit.total:.2f}".replace(".", ",") in text
        reports = [p for p in files if p.name.startswith("04_bao-cao-thanh-tich_")]
        assert len(reports) == len(result.awarded) + len(result.nominations)


def test_dossier_file_names_are_stable_ordered_and_windows_safe(seed_build):
    _, _, _, dossiers = seed_build
    for files in dossiers.values():
        names = [p.name for p in files]
        assert all(re.fullmatch(r"0[1-6]_[a-z0-9_-]+\.docx", n) for n in names)
        assert [n[:3] for n in names] == sorted(n[:3] for n in names)
        assert names[:3] == ["01_to-trinh.docx", "02_bien-ban.docx", "03_quyet-dinh.docx"]
        assert names[-1] == "06_bang-tong-hop.docx" and len(set(names)) == len(names)


def test_unnumbered_plan_leaves_the_decree_blanks():
    folder = ROOT / "campaigns" / "001-phung-hiep"
    if not folder.is_dir():
        pytest.skip("seed campaign 001-phung-hiep is not transcribed yet")
    context = document_context(load_campaign(folder), "ke-hoach")
    assert context["van_ban"]["so_ky_hieu"] == "Số:      /KH-UBND"
    assert context["van_ban"]["dia_danh_ngay"] == "Phụng Hiệp, ngày     tháng     năm 2023"


def test_decision_covers_only_its_own_level():
    folder = ROOT / "campaigns" / "000-ninh-phuoc"
    if not folder.is_dir():
        pytest.skip("seed campaign 000-ninh-phuoc is not transcribed yet")
    loaded = load_campaign(folder)
    proposal = document_context(loaded, "danh-sach")
    decision = document_context(loaded, "quyet-dinh-danh-sach")
    province = {u["ten"] for u in proposal["tap_the"] if "tỉnh" in u["hinh_thuc"]}
    assert province and not province & {u["ten"] for u in decision["tap_the"]}
    assert {u["ten"] for u in decision["tap_the"]} < {u["ten"] for u in proposal["tap_the"]}


# --- the synthetic campaign -----------------------------------------------------------------

@pytest.fixture
def campaign(tmp_path):
    return make_campaign(tmp_path / "thu-nghiem")


@pytest.fixture
def built(campaign, tmp_path):
    loaded = load_campaign(campaign)
    return loaded, build_plan(loaded, tmp_path / "ke-hoach")[0], build_dossier(loaded, None,
                                                                              tmp_path / "out")


def test_special_characters_and_formulas_render_literally(built):
    _, plan, files = built
    by_name = {p.name: p for p in files}
    for name in ("01_to-trinh.docx", "02_bien-ban.docx", "03_quyet-dinh.docx",
                 "06_bang-tong-hop.docx"):
        assert SPECIAL_NAME in text_of(by_name[name]), name
    person = next(p for p in files if "ca-nhan_tran-van-an" in p.name)
    assert "=1+1." in paragraphs(person)
    assert "Thử nghiệm & kiểm tra" in text_of(plan)
    assert all(check_document(p) == [] for p in [plan, *files])


def test_numbered_plan_and_money_in_figures_and_words(campaign, built):
    _, plan, files = built
    lines = paragraphs(plan)
    assert "Số: 05/KH-UBND" in lines
    assert "An Hải, ngày 05 tháng 02 năm 2024" in lines
    decision = text_of(files[2])
    assert "Tổng số tiền thưởng là 5.210.000 đồng (Bằng chữ: Năm triệu hai trăm mười nghìn " \
        "đồng), chi từ Quỹ Thi đua, khen thưởng của Ủy ban nhân dân phường An Hải." in decision
    context = document_context(load_campaign(campaign), "quyet-dinh")
    assert context["van_ban"]["tham_quyen"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI"


def test_decision_prints_its_authority_line_in_real_capitals(built):
    _, _, files = built
    decision = docx.Document(str(files[2]))
    line = next(p for p in decision.paragraphs
                if p.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI")
    assert not any(run.font.all_caps for run in line.runs)
    assert all(run.bold for run in line.runs if run.text.strip())
    assert check_document(files[2]) == []


GOLDEN_SUBMISSION = [  # the tờ trình body, paragraph by paragraph (golden: text, not bytes)
    "TỜ TRÌNH",
    "Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào "
    "thi đua “Thử nghiệm & kiểm tra” năm 2024",
    "Kính gửi: Chủ tịch Ủy ban nhân dân phường An Hải",
    # the law and the decree in force on the dossier's date (2024: NĐ 98/2023), then the plan
    # and the council's biên bản with its number and date
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "Căn cứ Kế hoạch số 05/KH-UBND ngày 05/02/2024 của Ủy ban nhân dân phường An Hải về việc "
    "phát động phong trào thi đua “Thử nghiệm & kiểm tra” năm 2024;",
    "Căn cứ Biên bản số      /BB-HĐTĐKT ngày     tháng     năm 2024 của Hội đồng Thi đua - "
    "Khen thưởng về việc họp xét đề nghị khen thưởng phong trào thi đua “Thử nghiệm & kiểm "
    "tra” năm 2024.",
    "Văn phòng HĐND và UBND phường kính trình Chủ tịch Ủy ban nhân dân phường An Hải xem xét, "
    "khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua “Thử "
    "nghiệm & kiểm tra” năm 2024, cụ thể như sau:",
    "1. Kết quả chấm điểm, xếp hạng: có 03 đơn vị được chấm điểm, trong đó 03 đơn vị đủ điều "
    "kiện xếp hạng.",
    "2. Đề nghị khen thưởng: 02 tập thể và 01 cá nhân, gồm:",
    # one award form, named once; the money goes with it (the individual's Giấy khen prize is
    # 0,3 × 2.340.000 = 702.000 → 710.000)
    "- Tặng Giấy khen của Chủ tịch UBND phường An Hải cho 02 tập thể và 01 cá nhân, kèm theo "
    "tiền thưởng tổng cộng 5.210.000 đồng.",
    "Tổng số tiền thưởng: 5.210.000 đồng (Bằng chữ: Năm triệu hai trăm mười nghìn đồng).",
    "(Có danh sách kèm theo)",
    "Kính trình Chủ tịch Ủy ban nhân dân phường An Hải xem xét, quyết định./.",
]


def test_submission_matches_the_golden_text_and_annex_structure(built):
    _, _, files = built
    lines = [line for line in paragraphs(files[0]) if line]
    start = lines.index("TỜ TRÌNH")
    assert lines[start:start + len(GOLDEN_SUBMISSION)] == GOLDEN_SUBMISSION
    assert lines[start + len(GOLDEN_SUBMISSION)] == "Nơi nhận:"
    doc = docx.Document(str(files[0]))
    assert len(doc.sections) == 2
    main, annex = doc.sections
    assert main.page_width < main.page_height and annex.page_width > annex.page_height
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG" in lines
    attached = next(line for line in lines if line.startswith("(Kèm theo Tờ trình số"))
    assert attached == ("(Kèm theo Tờ trình số      /TTr-VP ngày     tháng     năm 2024 của "
                        "Văn phòng HĐND và UBND phường)")
    tables = doc.tables
    collectives = next(t for t in tables if t.cell(0, 1).text == "TÊN TẬP THỂ")
    assert [c.text for c in collectives.rows[0].cells] == [
        "STT", "TÊN TẬP THỂ", "XẾP HẠNG", "TỔNG ĐIỂM", "HẠNG KHEN THƯỞNG", "TIỀN THƯỞNG (ĐỒNG)"]
    assert [c.text for c in collectives.rows[1].cells] == [
        "1", SPECIAL_NAME, "1", "100,00", "Hạng Nhất", "3.000.000"]
    assert collectives.rows[-1].cells[1].text == "Cộng: 02 tập thể"
    persons = next(t for t in tables if t.cell(0, 1).text == "HỌ VÀ TÊN")
    assert [c.text for c in persons.rows[1].cells][-1] == "710.000"  # every row with money
    assert "1. Giấy khen của Chủ tịch UBND phường An Hải (tổ dân phố)" in lines or \
        any(line.startswith("1. Giấy khen của Chủ tịch UBND phường An Hải") for line in lines)


def test_minutes_mark_what_the_meeting_block_does_not_say(built):
    _, _, files = built
    text = text_of(files[1])
    assert "Vào lúc …… giờ ……, ngày …… tháng …… năm 2024, tại ……" in text
    assert "Cuộc họp kết thúc vào …… giờ …… cùng ngày" in text
    lines = paragraphs(files[1])
    assert lines.index("THƯ KÝ") < lines.index("CHỦ TỌA")
    assert "[Họ và tên]" not in text  # never bracketed instructions: a highlighted blank
    names = [p for p in docx.Document(str(files[1])).element.body.iter(qn("w:p"))
             if clean(paragraph_text(p)) == FILL_BLANK]
    assert len(names) == 2 and all(is_marked_blank(p) for p in names)
    marked = [p for p in docx.Document(str(files[1])).element.body.iter(qn("w:p"))
              if "Vào lúc …… giờ" in paragraph_text(p)]
    assert highlighted_text(marked[0]).split() == ["……"] * 5  # each blank, not the sentence


def test_achievement_reports_use_the_unit_narrative_or_mark_the_gaps(campaign, tmp_path):
    narratives = campaign / "data" / "bao-cao-thanh-tich"
    narratives.mkdir()
    (narratives / "to-3.txt").write_text(
        "# Đặc điểm, tình hình\nTổ có 420 hộ dân.\n\n# Thành tích đạt được\nHướng dẫn 80 hồ sơ.\n",
        encoding="utf-8")
    files = build_dossier(load_campaign(campaign), None, tmp_path / "out")
    written = text_of(next(p for p in files if p.name == "04_bao-cao-thanh-tich_to-dan-pho-3.docx"))
    assert "Tổ có 420 hộ dân." in written and "Hướng dẫn 80 hồ sơ." in written
    assert written.index("Tổ có 420 hộ dân.") < written.index("II. THÀNH TÍCH ĐẠT ĐƯỢC") < \
        written.index("Hướng dẫn 80 hồ sơ.")
    assert "bổ sung" not in written  # a missing fact is a highlighted blank, not an instruction
    assert highlighted_blanks(next(p for p in files if p.name ==
                                   "04_bao-cao-thanh-tich_to-dan-pho-3.docx")) == 2
    assert "TỔ TRƯỞNG" in paragraphs(next(p for p in files if "to-dan-pho-3" in p.name))
    missing = text_of(next(p for p in files if p.name.startswith("04_bao-cao-thanh-tich_to-1")))
    assert "bổ sung" not in missing and "……………" in missing
    assert "Tổ dân phố 3: chức năng, nhiệm vụ; khen thưởng đã nhận" in files.missing


def highlighted_blanks(path) -> int:
    """Runs that print a highlighted blank (a fact still to be filled in)."""
    doc = docx.Document(str(path))
    return sum(1 for p in doc.paragraphs for r in p.runs
               if r.text.startswith("……") and r.font.highlight_color is not None)


def test_campaign_template_overrides_the_default(campaign, tmp_path):
    override = campaign / "templates"
    override.mkdir()
    template = docx.Document(str(ROOT / "templates" / "phieu-ket-qua.docx"))
    marker = next(p for p in template.paragraphs if p.text.startswith("Đề nghị {{ don_vi.ten }}"))
    marker.runs[0].text = "MẪU RIÊNG CỦA PHƯỜNG: {{ don_vi.ten }} kiểm tra kết quả./."
    template.save(str(override / "phieu-ket-qua.docx"))
    files = build_dossier(load_campaign(campaign), None, tmp_path / "out")
    sheet = next(p for p in files if p.name == "05_phieu-ket-qua_to-dan-pho-3.docx")
    assert "MẪU RIÊNG CỦA PHƯỜNG: Tổ dân phố 3 kiểm tra kết quả./." in paragraphs(sheet)
    assert "MẪU RIÊNG" not in text_of(files[0])


def test_pending_tie_refuses_with_the_units_and_the_council_file(tmp_path):
    folder = make_campaign(tmp_path / "bang-diem", TIED_FIGURES)
    loaded = load_campaign(folder)
    with pytest.raises(CouncilDecisionNeeded) as caught:
        build_dossier(loaded, None, tmp_path / "out")
    message = caught.value.message
    assert "Tổ dân phố 3 (to-3), Tổ dân phố 4 (to-4)" in message
    assert "nam-2024-hoi-dong.csv" in message and "ma_don_vi,thu_tu" in message
    assert not (tmp_path / "out").exists()
    (folder / "data" / "nam-2024-hoi-dong.csv").write_text("ma_don_vi,thu_tu\nto-4,1\nto-3,2\n",
                                                           encoding="utf-8")
    files = build_dossier(load_campaign(folder), None, tmp_path / "out")
    assert "Tổ dân phố 4" in text_of(files[0]) and "Tổ dân phố 3" not in text_of(files[2])


def test_rebuilding_gives_identical_bytes_and_drops_stale_files(campaign, tmp_path):
    from thidua.export.manifest import Manifest, sha256_bytes

    loaded = load_campaign(campaign)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ghi-chu-cua-toi.docx").write_bytes(b"mine")
    (out / "01_ghi-chu.docx").write_bytes(b"mine too")
    first = {p.name: p.read_bytes() for p in build_dossier(loaded, None, out)}
    # a file an earlier run generated (in the manifest, unedited) for a unit no longer there
    (out / "05_phieu-ket-qua_to-cu.docx").write_bytes(b"old")
    manifest = Manifest.read(out)
    manifest.files["05_phieu-ket-qua_to-cu.docx"] = sha256_bytes(b"old")
    manifest.write(out)
    second = {p.name: p.read_bytes() for p in build_dossier(loaded, None, out)}
    assert first == second
    assert not (out / "05_phieu-ket-qua_to-cu.docx").exists()
    assert (out / "ghi-chu-cua-toi.docx").read_bytes() == b"mine"
    assert (out / "01_ghi-chu.docx").read_bytes() == b"mine too"


def test_contexts_are_plain_json_data(campaign):
    loaded = load_campaign(campaign)
    for name in DOCUMENTS:
        context = document_context(loaded, name)
        assert json.loads(json.dumps(context, ensure_ascii=False)) == context, name
    sheet = document_context(loaded, "phieu-ket-qua", unit_id="to-3")
    assert sheet["don_vi"]["tong_diem"] == "80,00" and sheet["don_vi"]["tong_diem_goc"] == 80
    assert sheet["van_ban"]["noi_nhan"] == ["- Như trên;", "- Lưu: VT."]
    plan = document_context(loaded, "ke-hoach")
    assert plan["van_ban"]["ky"] == {"dong": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                                     "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Lê Thị Hoa"}
    assert plan["van_ban"]["noi_nhan"] == ["- Các tổ dân phố;", "- Lưu: VT."]


def test_one_document_of_each_kind_converts_to_pdf(built, tmp_path, needs_soffice):
    from thidua.pdf.convert import convert_many
    _, plan, files = built
    picked = [plan, *files[:3], next(p for p in files if p.name.startswith("04_")),
              next(p for p in files if "ca-nhan" in p.name),
              next(p for p in files if p.name.startswith("05_")), files[-1]]
    results = convert_many(picked, tmp_path / "pdf")
    assert [r.error for r in results if not r.ok] == []
    assert all(r.pdf.stat().st_size > 1000 for r in results)



def test_decision_cites_the_law_in_force_or_the_campaigns_own_bases(tmp_path):
    def decision_text(yaml: str, name: str) -> str:
        loaded = load_campaign(make_campaign(tmp_path / name, yaml=yaml))
        return text_of(build_dossier(loaded, None, tmp_path / f"out-{name}")[2])

    in_2024 = decision_text(SYNTHETIC, "a")
    assert "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in in_2024
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in in_2024
    assert "91/2017" not in in_2024 and "152/2025" not in in_2024
    dated = SYNTHETIC.replace("dossier:\n", "dossier:\n  decision: {number: {number: 12, "
                                           "date: 01/08/2025}}\n")
    after_reform = decision_text(dated, "b")
    assert "Nghị định số 152/2025/NĐ-CP" in after_reform
    assert "Số: 12/QĐ-UBND" in after_reform and "An Hải, ngày 01 tháng 8 năm 2025" in after_reform
    own = SYNTHETIC.replace("dossier:\n", "dossier:\n  decision:\n    legal_bases: [Căn cứ "
                                         "Quyết định số 9/QĐ-UBND của phường]\n")
    custom = decision_text(own, "c")
    assert "Căn cứ Quyết định số 9/QĐ-UBND của phường;" in custom
    assert "Nghị định" not in custom and "Xét đề nghị của Văn phòng HĐND và UBND phường" in custom


def test_plan_words_monthly_deadlines(tmp_path):
    yaml = SYNTHETIC.replace("tasks:", "deadlines:\n  - {date: 25/03/2024, what: Báo cáo kết quả, "
                                       "to: Văn phòng, repeat: monthly, until: 25/11/2024}\ntasks:")
    plan = build_plan(load_campaign(make_campaign(tmp_path / "d", yaml=yaml)), tmp_path / "o")[0]
    assert ("- Báo cáo kết quả gửi về Văn phòng trước ngày 25 hằng tháng (từ ngày 25/03/2024 "
            "đến hết ngày 25/11/2024).") in paragraphs(plan)


def test_plan_words_awards_and_scoring_from_the_structure(tmp_path):
    yaml = SYNTHETIC.replace(
        "          - {name: Hạng Nhất, count: 1, prize: 3000000}\n"
        "          - {name: Hạng Nhì, count: 1, prize: 1500000}\n",
        "          - {name: Hạng Nhất, count: 1, prize: 3000000, bonus_points: 3, individuals: 2}\n"
        "          - {name: Hạng Nhì, count: 1, prize: 1500000, bonus_points: 2, individuals: 1}\n"
        "        max_units: 2\n        caps: {to-dan-pho: 2}\n")
    plan = build_plan(load_campaign(make_campaign(tmp_path / "s", yaml=yaml)), tmp_path / "o")[0]
    lines = paragraphs(plan)
    for expected in (
            "a) Tặng Giấy khen của Chủ tịch UBND phường An Hải cho các tập thể:",
            "- 01 đơn vị hạng Nhất, kèm theo tiền thưởng 3.000.000 đồng.",
            "- Tổng số: không quá 02 tập thể.",
            "- Các tổ dân phố: xét chọn không quá 02 tập thể.",
            "- Xét chọn cá nhân có thành tích xuất sắc đề nghị khen thưởng (đơn vị hạng Nhất: 02 "
            "cá nhân; đơn vị hạng Nhì: 01 cá nhân).",
            "a) Hạng Nhất: 03 điểm.", "b) Hạng Nhì: 02 điểm.",
            "- Tỷ lệ = a/b", "+ Tỷ lệ từ 100% trở lên: 100 điểm (điểm tối đa);"):
        assert expected in lines, expected
    assert "2. Cộng điểm thi đua phát triển kinh tế - xã hội cho các đơn vị được khen thưởng:" \
        in lines


def test_wide_score_tables_give_way_in_their_text_columns_first():
    from thidua.documents.docx_post import NUMBER_FLOOR, TEXT_FLOOR, shrink
    mm = 56.7
    widths = [int(w * mm) for w in (14, 55, *([24] * 7), 20, 20, 66, 51)]
    limit = int(252 * mm)
    fitted = shrink(widths, limit)
    assert sum(fitted) <= limit
    assert sum(fitted) > limit - len(widths)
    ratios = [f / w for f, w in zip(fitted, widths)]
    assert max(ratios[1], ratios[-2]) < min(ratios[2:11])  # names and awards give way first
    assert ratios[0] > 0.9 and all(w > NUMBER_FLOOR * 0.9 for w in fitted[2:11])
    assert fitted[1] >= TEXT_FLOOR * 0.9
    assert shrink(widths[:3], limit) == widths[:3]  # a table that fits is left alone


def test_missing_facts_name_each_blank_signer_and_meeting_fact(campaign):
    loaded = load_campaign(campaign)
    missing = missing_facts(plan_dossier(loaded))
    minutes = [line for line in missing if line.startswith("02_bien-ban.docx: ")]
    assert minutes and "giờ bắt đầu" in minutes[0] and "họ tên chủ tọa" in minutes[0]
    reports = [line for line in missing if "họ tên người ký (" in line]
    assert reports and all(": " in line for line in reports)
    assert not any("[" in line for line in missing)
