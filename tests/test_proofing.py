"""`thidua check` as the gate before signing: faults found on the printed pages, by page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from conftest import ROOT, require_soffice

from thidua.campaign.loading import load_campaign
from thidua.cli import cli
from thidua.documents.context_common import FILL_BLANK
from thidua.docx import build as b
from thidua.docx.blanks import highlight_blanks
from thidua.docx.check import check_document
from thidua.docx.flow import improve_flow
from thidua.docx.names import compose
from thidua.export.bulk import export
from thidua.pdf.convert import PdfConverter
from thidua.proofing.breaks import bad_name_breaks, split_words
from thidua.proofing.gate import proof_documents

SAMPLES = ("000-ninh-phuoc", "001-phung-hiep", "003-chau-thanh-a")
LONG_TEXT = ("Nội dung báo cáo kết quả thực hiện phong trào thi đua của các cơ quan, đơn vị "
             "trong năm, có đánh giá ưu điểm, hạn chế và đề xuất khen thưởng. ") * 3


@pytest.fixture(scope="module")
def soffice_present():
    require_soffice()


def _document(issuer: str = "PHÒNG NỘI VỤ", parent: str = "UBND HUYỆN PHỤNG HIỆP"):
    doc = b.new_document()
    b.add_header_table(doc, [parent, issuer], number_line="Số: 12/BC-PNV",
                       place_date_line="Phụng Hiệp, ngày 05 tháng 01 năm 2024")
    b.add_title(doc, "BÁO CÁO", ["Kết quả phong trào thi đua năm 2023"])
    return doc


def _closing(doc):
    b.add_closing(doc, ["- Như trên;", "- Lưu: VT."], ["TRƯỞNG PHÒNG"], "Trần Văn An")


def _filler(doc, lines_left: int) -> None:
    """Body paragraphs until about `lines_left` lines remain on the first page."""
    for _ in range(max(0, 9 - lines_left)):
        b.add_paragraph(doc, LONG_TEXT[:300])


def bad_documents(folder: Path) -> dict[str, Path]:
    """One purpose-made document per fault class, built without the page-flow fixes."""
    made = {}
    doc = _document(parent="UBND HUYỆN CHÂU THÀNH A", issuer="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    b.add_paragraph(doc, "Báo cáo ngắn.")
    _closing(doc)
    made["name"] = doc
    doc = _document()
    b.add_paragraph(doc, "Danh sách:")
    b.add_table(doc, ["STT", "TÊN ĐƠN VỊ", "XẾP HẠNG"], [["1", "UBND xã Hòa An", "1"]] * 3,
                (14, 140, 11), align=("center", "left", "center"))
    _closing(doc)
    made["column"] = doc
    doc = _document()
    b.add_paragraph(doc, "Kính gửi [Họ và tên]; số cá nhân không tán thành 00; hạn ……")
    b.add_table(doc, ["STT", "TÊN ĐƠN VỊ", "TIỀN THƯỞNG"],
                [["1", "UBND xã Hòa An", ""], ["2", "UBND xã Tân Long", ""]], (20, 100, 45))
    _closing(doc)
    made["content"] = doc
    paths = {}
    for name, document in made.items():
        paths[name] = b.save_document(document, folder / f"{name}.docx")
    paths["signature"] = _first_with(folder, "signature", _signature_doc, "Khối chữ ký")
    paths["heading"] = _first_with(folder, "heading", _heading_doc, "Đề mục")
    paths["row"] = _first_with(folder, "row", _table_doc, "đứng một mình ở đầu trang")
    return paths


def _signature_doc(lines: int):
    doc = _document()
    for _ in range(lines):
        b.add_paragraph(doc, "Nội dung báo cáo một dòng.")
    _closing(doc)
    return doc


def _heading_doc(lines: int):
    doc = _document()
    for _ in range(lines):
        b.add_paragraph(doc, "Nội dung báo cáo một dòng.")
    heading = b.add_heading(doc, "II. NHIỆM VỤ NĂM 2024", 1)
    heading.paragraph_format.keep_with_next = False  # the fault: not kept with its text
    for _ in range(3):
        b.add_paragraph(doc, LONG_TEXT[:300])
    _closing(doc)
    return doc


def _table_doc(rows: int):
    doc = _document()
    b.add_table(doc, ["STT", "TÊN ĐƠN VỊ", "ĐIỂM"],
                [[str(i), f"UBND xã số {i}", "90"] for i in range(1, rows + 1)], (20, 100, 45))
    return doc


def _first_with(folder: Path, name: str, build, phrase: str) -> Path:
    """The first of a range of sizes that shows the fault (page breaks depend on the fonts)."""
    tries = folder / f"thu-{name}"
    tries.mkdir()
    paths = [b.save_document(build(n), tries / f"{n:02d}.docx") for n in range(14, 40)]
    report = proof_documents(paths)
    for path in paths:
        if any(phrase in p.message for p in report.problems[path]):
            target = folder / f"{name}.docx"
            shutil.copy(path, target)
            return target
    raise AssertionError(f"no size showed '{phrase}'")


def _messages(problems) -> list[str]:
    return [f"{p.location.key}: {p.message}" for p in problems]


def test_each_fault_class_is_reported_with_its_page(soffice_present, tmp_path):
    paths = bad_documents(tmp_path)
    report = proof_documents(paths.values())
    assert report.rendered
    found = {name: _messages(report.problems[path]) for name, path in paths.items()}
    assert any(m.startswith("trang 1: Tên cơ quan 'UBND HUYỆN CHÂU THÀNH A'") for m in
               found["name"]), found["name"]
    assert any("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in m for m in found["name"])
    assert any(m.startswith("trang 1: Bảng 2: tiêu đề cột 'XẾP HẠNG'") and "ngắt giữa một từ"
               in m for m in found["column"]), found["column"]
    assert any(m.startswith("trang 2: Khối chữ ký") for m in found["signature"]), \
        found["signature"]
    assert any(m.startswith("trang 1: Đề mục 'II. NHIỆM VỤ NĂM 2024' nằm cuối trang 1")
               for m in found["heading"]), found["heading"]
    assert any(m.startswith("trang 2: Bảng 2: hàng") and "đầu trang 2" in m
               for m in found["row"]), found["row"]
    content = "\n".join(found["content"])
    assert "trang 1: Còn chỗ chưa điền '[Họ và tên]'" in content
    assert "trang 1: Số lượng in là '00'" in content
    assert "trang 1: Còn dấu chấm chờ điền '……'" in content
    assert "trang 1: Bảng 2: cột 'TIỀN THƯỞNG' trống ở mọi dòng" in content


def test_the_flow_fixes_clear_the_layout_faults(soffice_present, tmp_path):
    paths = bad_documents(tmp_path)
    fixed = []
    for name in ("name", "column", "signature", "row"):
        target = tmp_path / f"sua-{name}.docx"
        target.write_bytes(improve_flow(paths[name].read_bytes()))
        fixed.append(target)
    report = proof_documents(fixed)
    assert {p.name: _messages(v) for p, v in report.problems.items()} == {
        p.name: [] for p in fixed}


def test_a_table_continuing_with_its_header_repeated_is_fine(soffice_present, tmp_path):
    doc = _document()
    b.add_table(doc, ["STT", "TÊN ĐƠN VỊ", "ĐIỂM"],
                [[str(i), f"UBND xã số {i}", "90"] for i in range(1, 61)], (20, 100, 45))
    b.add_paragraph(doc, "Danh sách gồm 60 đơn vị./.")
    _closing(doc)
    path = tmp_path / "dai.docx"
    path.write_bytes(improve_flow(b.document_bytes(doc)))
    report = proof_documents([path])
    assert report.problems[path] == []


def test_names_break_only_between_sensible_units():
    assert bad_name_breaks("UBND HUYỆN CHÂU THÀNH A", ["UBND HUYỆN CHÂU", "THÀNH A"])
    assert not bad_name_breaks("ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH A",
                               ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH A"])
    assert bad_name_breaks("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"])
    assert compose("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN CHÂU THÀNH A",
                   lambda line: len(line) <= 30) == ["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                                                     "HUYỆN CHÂU THÀNH A"]
    assert compose("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", lambda line: len(line) <= 28) == [
        "PHÒNG LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]
    assert split_words("XẾP HẠNG", ["XẾP HẠN", "G"]) == [("HẠN", "G")]
    assert split_words("XẾP HẠNG", ["XẾP", "HẠNG"]) == []


def test_without_rendering_text_faults_are_still_found(tmp_path):
    doc = _document()
    b.add_paragraph(doc, "Người ký: [Họ và tên].")
    path = b.save_document(doc, tmp_path / "a.docx")
    report = proof_documents([path], render=False)
    assert not report.rendered
    assert [p.message for p in report.problems[path]] == [
        "Còn chỗ chưa điền '[Họ và tên]' trong 'Người ký: [Họ và tên].'; hãy thay bằng nội "
        "dung thật"]


def test_missing_libreoffice_is_said_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    path = b.save_document(_document(), tmp_path / "a.docx")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert "Không tìm thấy LibreOffice nên chưa kiểm tra được trình bày trang" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def sample_documents(tmp_path_factory) -> list[Path]:
    """Every document of the three sample campaigns, exported once for this module."""
    root = tmp_path_factory.mktemp("mau")
    for name in SAMPLES:
        shutil.copytree(ROOT / "campaigns" / name, root / "campaigns" / name)
    summary = export([load_campaign(root / "campaigns" / n) for n in SAMPLES], root / "output",
                     workers=1)
    assert summary.ok, summary.failures
    return sorted((root / "output").rglob("*.docx"))


@pytest.fixture(scope="module")
def sample_report(soffice_present, sample_documents):
    return proof_documents(sample_documents)


LAYOUT_WORDS = ("ngắt dòng", "ngắt giữa một từ", "Khối chữ ký", "đứng một mình", "Đề mục")


def test_sample_documents_have_no_page_flow_fault(sample_report):
    faults = {p.name: _messages(v) for p, v in sample_report.problems.items()
              if any(w in m for m in _messages(v) for w in LAYOUT_WORDS)}
    assert faults == {}


def _errors(problems) -> list[str]:
    return [m for p, m in zip(problems, _messages(problems)) if p.severity == "error"]


def test_sample_documents_pass_the_full_gate(sample_report):
    assert {p.name: _errors(v) for p, v in sample_report.problems.items() if _errors(v)} == {}
    blanks = [m for v in sample_report.problems.values() for m in _messages(v)]
    assert not any("[" in m for m in blanks)
    assert any("Còn trống họ tên người ký dưới" in m for m in blanks)  # 000: no unit heads


def _blank_signer_doc(folder: Path) -> Path:
    doc = _document()
    b.add_paragraph(doc, f"Trình độ lý luận chính trị: {FILL_BLANK}.")
    b.add_paragraph(doc, "Hạn nộp …… tháng 12.")  # dots nobody marked: still a fault
    _closing_named(doc, FILL_BLANK)
    highlight_blanks(doc)
    for paragraph in doc.paragraphs:  # unmark the "Hạn nộp" dots
        if paragraph.text.startswith("Hạn nộp"):
            for run in paragraph.runs:
                run.font.highlight_color = None
    return b.save_document(doc, folder / "trong.docx")


def _closing_named(doc, name: str) -> None:
    b.add_closing(doc, ["- Như trên;", "- Lưu: VT."], ["TRƯỞNG PHÒNG"], name)


def test_highlighted_blanks_are_to_fill_and_unmarked_dots_are_faults(tmp_path):
    path = _blank_signer_doc(tmp_path)
    report = proof_documents([path], render=False)
    found = {(p.severity, p.message.split(";")[0]) for p in report.problems[path]}
    assert found == {
        ("warning", "Còn trống họ tên người ký dưới 'TRƯỞNG PHÒNG' (chỗ tô vàng)"),
        ("warning", f"Còn trống chỗ tô vàng trong 'Trình độ lý luận chính trị: {FILL_BLANK}.'"),
        ("error", "Còn dấu chấm chờ điền '……' trong 'Hạn nộp …… tháng 12.'"),
    }
    assert not [p for p in check_document(path) if "Họ tên người ký" in p.message]


def test_check_cli_passes_a_document_whose_only_gaps_are_highlighted(tmp_path):
    doc = _document()
    b.add_paragraph(doc, "Báo cáo ngắn.")
    _closing_named(doc, FILL_BLANK)
    highlight_blanks(doc)
    path = b.save_document(doc, tmp_path / "a.docx")
    result = CliRunner().invoke(cli, ["check", "--no-render", str(path)])
    assert result.exit_code == 0, result.output
    assert "Đạt, 1 chỗ trống cần điền" in result.output
    assert "(cần điền) Còn trống họ tên người ký dưới 'TRƯỞNG PHÒNG'" in result.output


def test_check_cli_reports_pages(soffice_present, tmp_path):
    path = bad_documents(tmp_path)["signature"]
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "  - trang 2: Khối chữ ký ('TRƯỞNG PHÒNG') đứng đầu trang 2" in result.output


def test_result_sheet_of_a_unit_with_a_few_criteria_fits_one_page(soffice_present,
                                                                   sample_documents, tmp_path):
    sheets = [p for p in sample_documents
              if p.parent.parent.name in ("000-ninh-phuoc", "001-phung-hiep")
              and p.name.startswith("05_phieu-ket-qua_")]
    assert len(sheets) > 20
    copies = []
    for number, sheet in enumerate(sheets):  # both campaigns use the same unit file names
        copies.append(tmp_path / f"{number:03d}.docx")
        shutil.copy(sheet, copies[-1])
    with PdfConverter() as converter:
        results = converter.convert(copies, tmp_path / "pdf")
    assert {r.source.name: len(PdfReader(str(r.pdf)).pages) for r in results} == {
        p.name: 1 for p in copies}
