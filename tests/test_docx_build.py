"""docx_build: page setup, styles, parts, Jinja tags kept in one run, docxtpl, PDF rendering."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from test_docx_check import plan_document

from thidua.docx import build as b
from thidua.docx import nd30
from thidua.docx.check import check_document

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def reopen(doc, tmp_path: Path, name: str = "vb.docx"):
    return docx.Document(str(b.save_document(doc, tmp_path / name)))


def mm(*lengths) -> tuple[float, ...]:
    """Lengths in millimetres to 0.1 mm (Word stores twips, so Mm(210) comes back as 210.009)."""
    return tuple(round(length / 36000, 1) for length in lengths)


def run_of(paragraph):
    (run,) = paragraph.runs
    return run


def has_bottom_border(paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_new_document_page_setup(tmp_path):
    section = reopen(b.new_document(), tmp_path).sections[0]
    assert mm(section.page_width, section.page_height) == (210, 297)
    assert section.orientation == WD_ORIENT.PORTRAIT
    margins = mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert margins == (20, 20, 30, 15)


def test_normal_style_and_document_defaults_name_times_new_roman_everywhere(tmp_path):
    doc = reopen(b.new_document(), tmp_path)
    normal = doc.styles["Normal"]
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:rFonts')}")
    for fonts in (normal.element.rPr.rFonts, defaults):
        assert {slot: fonts.get(qn(f"w:{slot}")) for slot in FONT_SLOTS} == dict.fromkeys(
            FONT_SLOTS, "Times New Roman")
        assert not [name for name in fonts.attrib if "heme" in name]
    fmt = normal.paragraph_format
    assert normal.font.size == Pt(14)
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent == Cm(1.27)
    assert fmt.space_after == Pt(6)
    assert fmt.line_spacing == pytest.approx(1.15)


def test_page_number_field_centred_in_header_hidden_on_first_page(tmp_path):
    section = reopen(b.new_document(), tmp_path).sections[0]
    paragraph = section.header.paragraphs[0]
    instructions = [t.text for t in paragraph._p.iter(qn("w:instrText"))]
    kinds = [c.get(qn("w:fldCharType")) for c in paragraph._p.iter(qn("w:fldChar"))]
    assert instructions == [" PAGE "] and kinds == ["begin", "separate", "end"]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {run.font.size for run in paragraph.runs} == {Pt(13)}
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert list(section.first_page_header._element.iter(qn("w:instrText"))) == []


def test_header_table_parts(tmp_path):
    doc = b.new_document()
    b.add_header_table(doc, ["UBND TỈNH HẬU GIANG", "UBND HUYỆN PHỤNG HIỆP"], [], "Số: 15/KH-UBND",
                       "Phụng Hiệp, ngày 05 tháng 02 năm 2024")
    table = reopen(doc, tmp_path).tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    left, right = table.cell(0, 0).paragraphs, table.cell(0, 1).paragraphs
    styles = [(p.text, run_of(p).font.size, bool(run_of(p).bold)) for p in left[:2] + right[:2]]
    assert styles == [
        ("UBND TỈNH HẬU GIANG", Pt(13), False), ("UBND HUYỆN PHỤNG HIỆP", Pt(13), True),
        (nd30.QUOC_HIEU, Pt(13), True), (nd30.TIEU_NGU, Pt(14), True)]
    assert has_bottom_border(left[2]) and has_bottom_border(right[2])
    assert mm(right[2].paragraph_format.left_indent) == (19,)  # (100 - 62) / 2: rule 62 mm long
    number = run_of(table.cell(1, 0).paragraphs[0])
    place = run_of(table.cell(1, 1).paragraphs[0])
    assert (number.text, number.font.size, number.bold, number.italic) == (
        "Số: 15/KH-UBND", Pt(13), None, None)
    assert (place.font.size, place.italic) == (Pt(14), True)


def test_title_heading_and_paragraph_formatting(tmp_path):
    doc = b.new_document()
    b.add_title(doc, "KẾ HOẠCH", ["Tổ chức phong trào thi đua", "năm 2024"])
    for level, text in ((1, "I. MỤC ĐÍCH"), (2, "1. Mục đích"), (3, "a) Đối với xã")):
        b.add_heading(doc, text, level)
    b.add_paragraph(doc, "Nội dung", indent=False)
    paragraphs = reopen(doc, tmp_path).paragraphs
    title, summary1, summary2, rule = paragraphs[:4]
    assert [p.alignment for p in (title, summary1, summary2)] == [WD_ALIGN_PARAGRAPH.CENTER] * 3
    assert {(run_of(p).bold, run_of(p).font.size) for p in (title, summary1, summary2)} == {(True, Pt(14))}
    assert has_bottom_border(rule) and rule.text == ""
    headings = [(p.text, run_of(p).bold, run_of(p).italic) for p in paragraphs[4:7]]
    assert headings == [("I. MỤC ĐÍCH", True, None), ("1. Mục đích", True, None),
                        ("a) Đối với xã", None, True)]
    assert paragraphs[7].paragraph_format.first_line_indent == Cm(0)
    assert paragraphs[4].paragraph_format.first_line_indent == Cm(1.27)


@pytest.mark.parametrize("text", [
    "{%p for item in plan.purposes %}", "{{ doc.number_line }}", "{%p endfor %}",
    "{{ item.name | upper }} – {{ item.points | vnnumber }}",
])
def test_jinja_tags_stay_in_a_single_run(tmp_path, text):
    doc = b.new_document()
    b.add_paragraph(doc, text)
    b.add_header_table(doc, [text], [], text, text)
    b.add_table(doc, [text], [[text]], [100])
    b.add_closing(doc, [text], [text], text)
    document = reopen(doc, tmp_path)
    cells = [p for t in document.tables for c in t._cells for p in c.paragraphs]
    holders = [p for p in document.paragraphs + cells if "{" in p.text]
    assert len(holders) == 9
    for paragraph in holders:
        assert [run.text for run in paragraph.runs] == [text]


def plan_template(tmp_path: Path) -> Path:
    doc = b.new_document()
    b.add_header_table(doc, ["{{ doc.parent_body }}", "{{ doc.issuer }}"], [], "{{ doc.number_line }}",
                       "{{ doc.place_date_line }}")
    b.add_title(doc, "KẾ HOẠCH", ["{{ doc.summary }}"])
    b.add_heading(doc, "I. MỤC ĐÍCH, YÊU CẦU", 1)
    b.add_paragraph(doc, "{%p for item in plan.purposes %}")
    b.add_paragraph(doc, "{{ item }}")
    b.add_paragraph(doc, "{%p endfor %}")
    b.add_table(doc, ["STT", "Đơn vị"], [["{%tr for unit in plan.units %}", ""],
                                         ["{{ loop.index }}", "{{ unit }}"], ["{%tr endfor %}", ""]],
                [20, 145], align=["center", "left"])
    b.add_closing(doc, ["{%p for line in doc.recipients %}", "{{ line }}", "{%p endfor %}"],
                  ["{{ doc.signer_authority }}", "{{ doc.signer_position }}"], "{{ doc.signer_name }}")
    return b.save_document(doc, tmp_path / "ke-hoach.docx")


def test_template_renders_with_docxtpl_into_a_compliant_document(tmp_path):
    template = DocxTemplate(str(plan_template(tmp_path)))
    context = {
        "doc": {
            "parent_body": "UBND HUYỆN PHỤNG HIỆP", "issuer": "PHÒNG NỘI VỤ",
            "number_line": "Số: 15/KH-PNV", "place_date_line": "Phụng Hiệp, ngày 05 tháng 02 năm 2024",
            "summary": "Tổ chức phong trào thi đua Chuyển đổi số & cải cách hành chính",
            "recipients": ["- UBND huyện;", "- Các xã, thị trấn;", "- Lưu: VT, PNV."],
            "signer_authority": "KT. TRƯỞNG PHÒNG", "signer_position": "PHÓ TRƯỞNG PHÒNG",
            "signer_name": "Nguyễn Văn An",
        },
        "plan": {"purposes": ["Nâng tỷ lệ hồ sơ trực tuyến.", "Số hóa kết quả giải quyết."],
                 "units": ["Xã Hòa An", "Thị trấn Cây Dương"]},
    }
    template.render(context, SandboxedEnvironment(undefined=StrictUndefined), autoescape=True)
    rendered = tmp_path / "rendered.docx"
    template.save(str(rendered))
    assert check_document(rendered) == []
    document = docx.Document(str(rendered))
    texts = [p.text for p in document.paragraphs]
    assert "Nâng tỷ lệ hồ sơ trực tuyến." in texts and not [t for t in texts if "{" in t]
    assert "Tổ chức phong trào thi đua Chuyển đổi số & cải cách hành chính" in texts
    units = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert units == [["STT", "Đơn vị"], ["1", "Xã Hòa An"], ["2", "Thị trấn Cây Dương"]]


def test_bordered_table_repeats_header_and_keeps_widths(tmp_path):
    doc = b.new_document()
    b.add_table(doc, ["STT", "Đơn vị", "Điểm"], [["1", "Xã Hòa An", "95,5"]], [15, 110, 40],
                align=["center", "left", "right"])
    table = reopen(doc, tmp_path).tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {(e.get(qn("w:val")), e.get(qn("w:sz"))) for e in borders} == {("single", "4")}
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    header = table.rows[0].cells[0].paragraphs[0]
    assert (header.alignment, run_of(header).bold, run_of(header).font.size) == (
        WD_ALIGN_PARAGRAPH.CENTER, True, Pt(13))
    alignments = [cell.paragraphs[0].alignment for cell in table.rows[1].cells]
    assert alignments == [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT]
    assert mm(*(col.width for col in table.columns)) == (15, 110, 40)


def test_adjacent_tables_are_kept_apart_by_a_paragraph(tmp_path):
    doc = b.new_document()
    b.add_table(doc, ["A"], [["1"]], [50])
    b.add_closing(doc, ["- Lưu: VT."], ["CHỦ TỊCH"], "Nguyễn Văn An")
    body = [child.tag for child in reopen(doc, tmp_path).element.body]
    assert body[:3] == [qn("w:tbl"), qn("w:p"), qn("w:tbl")]


def test_closing_parts(tmp_path):
    doc = b.new_document()
    b.add_closing(doc, ["- Như trên;", "- Lưu: VT, PNV."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
                  "Nguyễn Văn An")
    table = reopen(doc, tmp_path).tables[0]
    left, right = table.cell(0, 0).paragraphs, table.cell(0, 1).paragraphs
    label = run_of(left[0])
    assert (label.text, label.bold, label.italic, label.font.size) == ("Nơi nhận:", True, True, Pt(12))
    assert [(p.text, run_of(p).font.size) for p in left[1:]] == [
        ("- Như trên;", Pt(11)), ("- Lưu: VT, PNV.", Pt(11))]
    assert [(p.text, run_of(p).bold, run_of(p).font.size, p.alignment) for p in right] == [
        (text, True, Pt(14), WD_ALIGN_PARAGRAPH.CENTER)
        for text in ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An")]
    assert right[-1].paragraph_format.space_before == Pt(b.SIGNATURE_SPACE_PT)
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_minutes_signatures_secretary_left_chair_right(tmp_path):
    doc = b.new_document()
    b.add_minutes_signatures(doc, "THƯ KÝ", "Trần Thị Bình", "CHỦ TỌA", "Lê Văn Cường")
    table = reopen(doc, tmp_path).tables[0]
    assert [[p.text for p in cell.paragraphs] for cell in table.rows[0].cells] == [
        ["THƯ KÝ", "Trần Thị Bình"], ["CHỦ TỌA", "Lê Văn Cường"]]


def test_landscape_section_restarts_page_numbers(tmp_path):
    doc = b.new_document()
    b.add_paragraph(doc, "Nội dung")
    b.add_landscape_section(doc)
    section = reopen(doc, tmp_path).sections[1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert mm(section.page_width, section.page_height, section.left_margin) == (297, 210, 30)
    children = [child.tag.split("}")[1] for child in section._sectPr]
    assert children.index("pgNumType") < children.index("cols") < children.index("titlePg")
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert section.different_first_page_header_footer
    assert section.header.is_linked_to_previous  # same centred PAGE field as the body


def test_page_break(tmp_path):
    doc = b.new_document()
    b.add_page_break(doc)
    breaks = reopen(doc, tmp_path).paragraphs[0]._p.iter(qn("w:br"))
    assert [br.get(qn("w:type")) for br in breaks] == ["page"]


def test_same_document_gives_identical_bytes(tmp_path):
    first, second = b.document_bytes(plan_document()), b.document_bytes(plan_document())
    assert first == second
    path = b.save_document(plan_document(), tmp_path / "kh.docx")
    assert path.read_bytes() == first
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {b.FIXED_ZIP_TIME}
    assert [p.name for p in tmp_path.iterdir()] == ["kh.docx"]  # no temp file left behind


def _soffice() -> str | None:
    return os.environ.get("THIDUA_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def test_pdf_rendering_numbers_pages_from_two_and_annex_on_its_own(tmp_path, needs_soffice):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (extra 'test') chưa được cài")
    doc = plan_document(body_paragraphs=40)
    b.add_landscape_section(doc)
    b.add_paragraph(doc, "Phụ lục", bold=True, indent=False)
    b.add_table(doc, ["STT", "Đơn vị", "Điểm"], [[str(i), f"Xã số {i}", "90"] for i in range(1, 40)],
                [20, 180, 47])
    source = b.save_document(doc, tmp_path / "ke-hoach.docx")
    subprocess.run(
        [_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300)
    pages = pypdf.PdfReader(str(tmp_path / "ke-hoach.pdf")).pages
    assert len(pages) >= 1
    first_lines = [page.extract_text().splitlines()[0] for page in pages]
    portrait = [page for page in pages if page.mediabox.height > page.mediabox.width]
    annex = len(pages) - len(portrait)
    assert len(portrait) >= 2 and annex >= 2
    assert first_lines[0] == "UBND HUYỆN PHỤNG HIỆP"  # no number on page 1
    assert first_lines[1:len(portrait)] == [str(n) for n in range(2, len(portrait) + 1)]
    assert first_lines[len(portrait)] == "Phụ lục"  # annex page 1: numbering restarts, hidden
    assert first_lines[len(portrait) + 1] == "2"
