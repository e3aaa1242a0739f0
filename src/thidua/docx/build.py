"""Builder primitives (python-docx) for decree-compliant Word documents and docxtpl templates."""

# Every primitive writes the text it is given as ONE run, never interpreting it, so Jinja tags
# such as "{{ doc.number_line }}" or a paragraph of its own "{%p for x in items %}" stay intact
# for docxtpl. Callers supply capitals themselves (tags cannot be upper-cased at build time).

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from thidua.atomic import write_bytes_atomic
from thidua.docx import nd30
from thidua.docx.layout import (
    ALIGN,
    BODY_SIZE,
    CLOSING_COLUMNS_MM,
    HEADER_COLUMNS_MM,
    HEADING_STYLE,
    ISSUER_RULE_MM,
    PAGE_NUMBER_SIZE,
    PART_STYLE,
    SIGNATURE_SPACE_PT,
    SUMMARY_RULE_MM,
    TABLE_SIZE,
    TIEU_NGU_RULE_MM,
    add_page_field,
    format_paragraph,
    new_table,
    no_side_margins,
    part_paragraph,
    plain_header_paragraph,
    rule_paragraph,
    set_document_defaults,
    set_page,
    text_paragraph,
    text_width_mm,
)

__all__ = ["ALIGN", "BODY_SIZE", "PAGE_NUMBER_SIZE", "PART_STYLE", "SIGNATURE_SPACE_PT",
           "TABLE_SIZE", "add_closing", "add_header_table", "add_heading", "add_kinh_gui",
           "add_landscape_section", "add_minutes_signatures", "add_page_break", "add_page_field",
           "add_paragraph", "add_table", "add_title", "document_bytes", "new_document",
           "save_document"]

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def new_document(landscape: bool = False) -> DocxDocument:
    """An empty A4 document: decree margins, Times New Roman 14, page number from page 2."""
    doc = Document()
    set_document_defaults(doc)
    section = doc.sections[0]
    set_page(section, landscape)
    section.different_first_page_header_footer = True
    add_page_field(plain_header_paragraph(section.header), PAGE_NUMBER_SIZE)
    section.first_page_header.is_linked_to_previous = False
    plain_header_paragraph(section.first_page_header)
    doc.core_properties.author = "thidua"
    doc.core_properties.language = "vi-VN"
    return doc


def add_header_table(doc: DocxDocument, left_lines: Sequence[str], right_lines: Sequence[str] = (),
                     number_line: str = "", place_date_line: str = "", *,
                     cong_van_summary: Sequence[str] = ()):
    """The borderless header: bodies | quốc hiệu, tiêu ngữ; then Số | place and date.

    left_lines: parent body line(s) first (regular), the LAST item is the issuing body (bold,
    ruled; may contain "\\n"). right_lines default to the quốc hiệu and tiêu ngữ (last = tiêu
    ngữ). cong_van_summary: the "V/v …" lines of a công văn, under the number.
    """
    right_lines = list(right_lines) or [nd30.QUOC_HIEU, nd30.TIEU_NGU]
    table = new_table(doc, 2, HEADER_COLUMNS_MM, borders=False)
    no_side_margins(table)  # the whole column width for long body names and the quốc hiệu
    left, right = table.cell(0, 0), table.cell(0, 1)
    for line in left_lines[:-1]:
        part_paragraph(left, line, "parent_body")
    if left_lines:
        part_paragraph(left, left_lines[-1], "issuer")
        rule_paragraph(left, ISSUER_RULE_MM, HEADER_COLUMNS_MM[0])
    for line in right_lines[:-1]:
        part_paragraph(right, line, "quoc_hieu")
    part_paragraph(right, right_lines[-1], "tieu_ngu")
    rule_paragraph(right, TIEU_NGU_RULE_MM, HEADER_COLUMNS_MM[1])
    part_paragraph(table.cell(1, 0), number_line, "number_line", space_before=6)
    for line in cong_van_summary:
        part_paragraph(table.cell(1, 0), line, "cong_van_summary", space_before=3)
    part_paragraph(table.cell(1, 1), place_date_line, "place_date", space_before=6)
    return table


def add_title(doc: DocxDocument, kind: str, summary_lines: Sequence[str] = ()) -> None:
    """Tên loại (caps, bold 14, centred), trích yếu lines (bold 14) and a short rule."""
    part_paragraph(doc, kind, "title", space_before=18, keep_with_next=True)
    for line in summary_lines:
        part_paragraph(doc, line, "summary", keep_with_next=True)
    rule_paragraph(doc, SUMMARY_RULE_MM, text_width_mm(doc)).paragraph_format.space_after = Pt(12)


def add_kinh_gui(doc: DocxDocument, text: str) -> Paragraph:
    """The centred "Kính gửi: …" line of a tờ trình, công văn or upward báo cáo."""
    return part_paragraph(doc, f"{nd30.KINH_GUI_PREFIX}: {text}", "kinh_gui", space_after=12)


def add_heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    """A numbered heading: 1 "I. TITLE" bold, 2 "1. …" bold, 3 "a) …" italic (text as given)."""
    bold, italic = HEADING_STYLE[level]
    return text_paragraph(doc, text, BODY_SIZE, bold, italic, "justify", indent=True,
                 space_before=6 if level == 1 else 0, space_after=nd30.PARAGRAPH_SPACING_PT,
                 line_spacing=nd30.LINE_SPACING, keep_with_next=True)


def add_paragraph(doc, text: str, italic: bool = False, bold: bool = False,
                  indent: bool = True) -> Paragraph:
    """A body paragraph (justified, 14 pt, first-line indent) holding `text` as one run."""
    return text_paragraph(doc, text, BODY_SIZE, bold, italic, "justify", indent=indent,
                 space_after=nd30.PARAGRAPH_SPACING_PT, line_spacing=nd30.LINE_SPACING)


def add_table(doc: DocxDocument, header_cells: Sequence[str], rows: Sequence[Sequence[str]],
              widths_mm: Sequence[float], *, align: Sequence[str] | None = None,
              size: float = TABLE_SIZE):
    """A bordered table: header row bold, centred, repeated on each page; one run per cell."""
    table = new_table(doc, 1 + len(rows), widths_mm, borders=True)
    header = table.rows[0]
    header._tr.trPr.append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, header_cells):
        text_paragraph(cell, text, size, bold=True, space_before=2, space_after=2)
    for row, values in zip(table.rows[1:], rows):
        for column, (cell, text) in enumerate(zip(row.cells, values)):
            where = align[column] if align else "left"
            text_paragraph(cell, text, size, align=where, space_before=2, space_after=2)
    return table


def _signature_cell(cell, title_lines: Sequence[str], name: str) -> None:
    for line in title_lines:
        part_paragraph(cell, line, "signer")
    part_paragraph(cell, name, "signer_name", space_before=SIGNATURE_SPACE_PT)


def add_closing(doc: DocxDocument, recipients_lines: Sequence[str], signer_lines: Sequence[str],
                signer_name: str):
    """Nơi nhận (left: label bold italic 12, items 11) beside the signature block (right).

    With no recipients (a báo cáo thành tích, a phiếu) the left cell stays empty.
    """
    table = new_table(doc, 1, CLOSING_COLUMNS_MM, borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if recipients_lines:
        part_paragraph(left, nd30.RECIPIENTS_LABEL, "recipients_label", align="left", space_before=6)
    else:
        text_paragraph(left, "", BODY_SIZE)
    for line in recipients_lines:
        part_paragraph(left, line, "recipients_item", align="left")
    _signature_cell(right, signer_lines, signer_name)
    return table


def add_minutes_signatures(doc: DocxDocument, left_title: str, left_name: str,
                           right_title: str, right_name: str):
    """Biên bản signatures: THƯ KÝ on the left, CHỦ TỌA on the right."""
    half = text_width_mm(doc) / 2
    table = new_table(doc, 1, (half, half), borders=False)
    _signature_cell(table.cell(0, 0), [left_title], left_name)
    _signature_cell(table.cell(0, 1), [right_title], right_name)
    return table


def add_page_break(doc: DocxDocument) -> None:
    """Start a new page (same section)."""
    paragraph = doc.add_paragraph()
    format_paragraph(paragraph, "left", indent=False, space_after=0)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


def add_landscape_section(doc: DocxDocument):
    """A new landscape A4 section for a wide annex table, its page numbers restarting at 1."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
        "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings")
    return section


def document_bytes(doc: DocxDocument) -> bytes:
    """The .docx bytes with fixed zip timestamps, so equal documents give identical bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def save_document(doc: DocxDocument, path: str | Path) -> Path:
    """Write `doc` atomically with deterministic bytes (see document_bytes)."""
    return write_bytes_atomic(Path(path), document_bytes(doc))
