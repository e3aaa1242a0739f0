"""Builder primitives (python-docx) for decree-compliant Word documents and docxtpl templates.

Every primitive writes the text it is given as ONE run, never interpreting it, so Jinja tags
such as "{{ doc.number_line }}" or a paragraph of its own "{%p for x in items %}" stay intact
for docxtpl. Callers supply capitals themselves (tags cannot be upper-cased at build time).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from thidua import nd30
from thidua.atomic import write_bytes_atomic

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
BODY_SIZE = 14
TABLE_SIZE = 13
PAGE_NUMBER_SIZE = 13
HEADER_COLUMNS_MM = (65.0, 100.0)
CLOSING_COLUMNS_MM = (75.0, 90.0)
SIGNATURE_SPACE_PT = 72  # room for the signature and the seal above the name
ISSUER_RULE_MM = 22.0  # 1/3–1/2 of a typical issuing body name
TIEU_NGU_RULE_MM = 62.0  # the width of "Độc lập - Tự do - Hạnh phúc" in 14 pt bold
SUMMARY_RULE_MM = 40.0
RULE_HEIGHT_PT = 5
# (size, bold, italic) per header/closing part; sizes from nd30.FONT_SIZES_PT.
PART_STYLE = {
    "parent_body": (13, False, False), "issuer": (13, True, False),
    "quoc_hieu": (13, True, False), "tieu_ngu": (14, True, False),
    "number_line": (13, False, False), "place_date": (14, False, True),
    "cong_van_summary": (12, False, False), "title": (14, True, False),
    "summary": (14, True, False), "kinh_gui": (14, False, False),
    "recipients_label": (12, True, True), "recipients_item": (11, False, False),
    "signer": (14, True, False), "signer_name": (14, True, False),
}
HEADING_STYLE = {1: (True, False), 2: (True, False), 3: (False, True)}  # level: (bold, italic)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _set_fonts(rpr, name: str = nd30.FONT_NAME) -> None:
    """Name `name` for all four font slots of an rPr element, dropping theme fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def _child(parent, tag: str):
    """The child `tag` of `parent`, created (appended) if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _set_document_defaults(doc: DocxDocument) -> None:
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), str(BODY_SIZE * 2))
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(nd30.FIRST_LINE_INDENT_CM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(nd30.PARAGRAPH_SPACING_PT)
    fmt.line_spacing = nd30.LINE_SPACING


def _set_page(section, landscape: bool) -> None:
    short, long_ = Mm(nd30.A4_WIDTH_MM), Mm(nd30.A4_HEIGHT_MM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    for side, mm in nd30.DEFAULT_MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _add_page_field(paragraph: Paragraph, size: int) -> None:
    """A PAGE field as begin/instr/separate/result/end runs, each formatted like the number."""
    parts = (("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
             ("t", "1"), ("fldChar", "end"))
    for kind, value in parts:
        run = paragraph.add_run()
        run.font.size = Pt(size)
        element = OxmlElement(f"w:{kind}")
        if kind == "fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run._r.append(element)


def _plain_header_paragraph(header) -> Paragraph:
    paragraph = header.paragraphs[0]
    _format_paragraph(paragraph, "center", indent=False, space_after=0, line_spacing=1.0)
    return paragraph


def new_document(landscape: bool = False) -> DocxDocument:
    """An empty A4 document: decree margins, Times New Roman 14, page number from page 2."""
    doc = Document()
    _set_document_defaults(doc)
    section = doc.sections[0]
    _set_page(section, landscape)
    section.different_first_page_header_footer = True
    _add_page_field(_plain_header_paragraph(section.header), PAGE_NUMBER_SIZE)
    section.first_page_header.is_linked_to_previous = False
    _plain_header_paragraph(section.first_page_header)
    doc.core_properties.author = "thidua"
    doc.core_properties.language = "vi-VN"
    return doc


def _format_paragraph(paragraph: Paragraph, align: str = "justify", *, indent: bool = True,
                      space_before: float = 0, space_after: float = nd30.PARAGRAPH_SPACING_PT,
                      line_spacing: float = nd30.LINE_SPACING,
                      keep_with_next: bool = False) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.first_line_indent = Cm(nd30.FIRST_LINE_INDENT_CM) if indent else Cm(0)
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.line_spacing = line_spacing
    if keep_with_next:
        fmt.keep_with_next = True


def _text(container, text: str, size: float, bold: bool = False, italic: bool = False,
          align: str = "center", **paragraph_format) -> Paragraph:
    """A paragraph holding `text` as a single run (an empty text adds no run)."""
    paragraph = container.add_paragraph()
    paragraph_format.setdefault("indent", False)
    paragraph_format.setdefault("space_after", 0)
    paragraph_format.setdefault("line_spacing", 1.0)
    _format_paragraph(paragraph, align, **paragraph_format)
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold or None, italic or None
    return paragraph


def _part(container, text: str, part: str, align: str = "center", **paragraph_format) -> Paragraph:
    size, bold, italic = PART_STYLE[part]
    return _text(container, text, size, bold, italic, align, **paragraph_format)


def _rule(container, length_mm: float, width_mm: float) -> Paragraph:
    """A centred horizontal rule `length_mm` long: an empty paragraph with a bottom border."""
    paragraph = container.add_paragraph()
    side = max((width_mm - length_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.first_line_indent = Cm(0)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(RULE_HEIGHT_PT)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{attr}"), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    mark = _child(ppr, "w:rPr")
    _child(mark, "w:sz").set(qn("w:val"), "4")
    return paragraph


def _separate_from_previous_table(doc: DocxDocument) -> None:
    """Word and LibreOffice merge two adjacent tables; keep a small paragraph between them."""
    blocks = [child for child in doc.element.body if child.tag != qn("w:sectPr")]
    if blocks and blocks[-1].tag == qn("w:tbl"):
        _text(doc, "", BODY_SIZE, space_after=0)


def _table(doc: DocxDocument, rows: int, widths_mm: Sequence[float], borders: bool):
    _separate_from_previous_table(doc)
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            for attr, value in (("sz", "4"), ("space", "0"), ("color", "000000")):
                element.set(qn(f"w:{attr}"), value)
        edges.append(element)
    table._tbl.tblPr.insert_element_before(
        edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange")
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    for cell in table._cells:  # drop the empty paragraph python-docx puts in each cell
        cell._tc.remove(cell.paragraphs[0]._p)
    for row in table.rows:  # a row (a signature block, a table line) never splits over pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def add_header_table(doc: DocxDocument, left_lines: Sequence[str], right_lines: Sequence[str] = (),
                     number_line: str = "", place_date_line: str = "", *,
                     cong_van_summary: Sequence[str] = ()):
    """The borderless header: bodies | quốc hiệu, tiêu ngữ; then Số | place and date.

    left_lines: parent body line(s) first (regular), the LAST item is the issuing body (bold,
    ruled; may contain "\\n"). right_lines default to the quốc hiệu and tiêu ngữ (last = tiêu
    ngữ). cong_van_summary: the "V/v …" lines of a công văn, under the number.
    """
    right_lines = list(right_lines) or [nd30.QUOC_HIEU, nd30.TIEU_NGU]
    table = _table(doc, 2, HEADER_COLUMNS_MM, borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    for line in left_lines[:-1]:
        _part(left, line, "parent_body")
    if left_lines:
        _part(left, left_lines[-1], "issuer")
        _rule(left, ISSUER_RULE_MM, HEADER_COLUMNS_MM[0])
    for line in right_lines[:-1]:
        _part(right, line, "quoc_hieu")
    _part(right, right_lines[-1], "tieu_ngu")
    _rule(right, TIEU_NGU_RULE_MM, HEADER_COLUMNS_MM[1])
    _part(table.cell(1, 0), number_line, "number_line", space_before=6)
    for line in cong_van_summary:
        _part(table.cell(1, 0), line, "cong_van_summary", space_before=3)
    _part(table.cell(1, 1), place_date_line, "place_date", space_before=6)
    return table


def add_title(doc: DocxDocument, kind: str, summary_lines: Sequence[str] = ()) -> None:
    """Tên loại (caps, bold 14, centred), trích yếu lines (bold 14) and a short rule."""
    _part(doc, kind, "title", space_before=18, keep_with_next=True)
    for line in summary_lines:
        _part(doc, line, "summary", keep_with_next=True)
    _rule(doc, SUMMARY_RULE_MM, _text_width_mm(doc)).paragraph_format.space_after = Pt(12)


def add_kinh_gui(doc: DocxDocument, text: str) -> Paragraph:
    """The centred "Kính gửi: …" line of a tờ trình, công văn or upward báo cáo."""
    return _part(doc, f"{nd30.KINH_GUI_PREFIX}: {text}", "kinh_gui", space_after=12)


def add_heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    """A numbered heading: 1 "I. TITLE" bold, 2 "1. …" bold, 3 "a) …" italic (text as given)."""
    bold, italic = HEADING_STYLE[level]
    return _text(doc, text, BODY_SIZE, bold, italic, "justify", indent=True,
                 space_before=6 if level == 1 else 0, space_after=nd30.PARAGRAPH_SPACING_PT,
                 line_spacing=nd30.LINE_SPACING, keep_with_next=True)


def add_paragraph(doc, text: str, italic: bool = False, bold: bool = False,
                  indent: bool = True) -> Paragraph:
    """A body paragraph (justified, 14 pt, first-line indent) holding `text` as one run."""
    return _text(doc, text, BODY_SIZE, bold, italic, "justify", indent=indent,
                 space_after=nd30.PARAGRAPH_SPACING_PT, line_spacing=nd30.LINE_SPACING)


def add_table(doc: DocxDocument, header_cells: Sequence[str], rows: Sequence[Sequence[str]],
              widths_mm: Sequence[float], *, align: Sequence[str] | None = None,
              size: float = TABLE_SIZE):
    """A bordered table: header row bold, centred, repeated on each page; one run per cell."""
    table = _table(doc, 1 + len(rows), widths_mm, borders=True)
    header = table.rows[0]
    header._tr.trPr.append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, header_cells):
        _text(cell, text, size, bold=True, space_before=2, space_after=2)
    for row, values in zip(table.rows[1:], rows):
        for column, (cell, text) in enumerate(zip(row.cells, values)):
            where = align[column] if align else "left"
            _text(cell, text, size, align=where, space_before=2, space_after=2)
    return table


def _signature_cell(cell, title_lines: Sequence[str], name: str) -> None:
    for line in title_lines:
        _part(cell, line, "signer")
    _part(cell, name, "signer_name", space_before=SIGNATURE_SPACE_PT)


def add_closing(doc: DocxDocument, recipients_lines: Sequence[str], signer_lines: Sequence[str],
                signer_name: str):
    """Nơi nhận (left: label bold italic 12, items 11) beside the signature block (right).

    With no recipients (a báo cáo thành tích, a phiếu) the left cell stays empty.
    """
    table = _table(doc, 1, CLOSING_COLUMNS_MM, borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    if recipients_lines:
        _part(left, nd30.RECIPIENTS_LABEL, "recipients_label", align="left", space_before=6)
    else:
        _text(left, "", BODY_SIZE)
    for line in recipients_lines:
        _part(left, line, "recipients_item", align="left")
    _signature_cell(right, signer_lines, signer_name)
    return table


def add_minutes_signatures(doc: DocxDocument, left_title: str, left_name: str,
                           right_title: str, right_name: str):
    """Biên bản signatures: THƯ KÝ on the left, CHỦ TỌA on the right."""
    half = _text_width_mm(doc) / 2
    table = _table(doc, 1, (half, half), borders=False)
    _signature_cell(table.cell(0, 0), [left_title], left_name)
    _signature_cell(table.cell(0, 1), [right_title], right_name)
    return table


def add_page_break(doc: DocxDocument) -> None:
    """Start a new page (same section)."""
    paragraph = doc.add_paragraph()
    _format_paragraph(paragraph, "left", indent=False, space_after=0)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


def add_landscape_section(doc: DocxDocument):
    """A new landscape A4 section for a wide annex table, its page numbers restarting at 1."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _set_page(section, landscape=True)
    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
        "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings")
    return section


def _text_width_mm(doc: DocxDocument) -> float:
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    return width / 36000


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
