"""Low-level layout for the document builder: styles, page setup, formatted paragraphs, tables."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from thidua.docx import nd30

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


def set_fonts(rpr, name: str = nd30.FONT_NAME) -> None:
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


def child(parent, tag: str):
    """The child `tag` of `parent`, created (appended) if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_document_defaults(doc: DocxDocument) -> None:
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        child(rpr, tag).set(qn("w:val"), str(BODY_SIZE * 2))
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(nd30.FIRST_LINE_INDENT_CM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(nd30.PARAGRAPH_SPACING_PT)
    fmt.line_spacing = nd30.LINE_SPACING


def set_page(section, landscape: bool) -> None:
    short, long_ = Mm(nd30.A4_WIDTH_MM), Mm(nd30.A4_HEIGHT_MM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    for side, mm in nd30.DEFAULT_MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def add_page_field(paragraph: Paragraph, size: int) -> None:
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


def plain_header_paragraph(header) -> Paragraph:
    paragraph = header.paragraphs[0]
    format_paragraph(paragraph, "center", indent=False, space_after=0, line_spacing=1.0)
    return paragraph


def format_paragraph(paragraph: Paragraph, align: str = "justify", *, indent: bool = True,
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


def text_paragraph(container, text: str, size: float, bold: bool = False, italic: bool = False,
          align: str = "center", **paragraph_format) -> Paragraph:
    """A paragraph holding `text` as a single run (an empty text adds no run)."""
    paragraph = container.add_paragraph()
    paragraph_format.setdefault("indent", False)
    paragraph_format.setdefault("space_after", 0)
    paragraph_format.setdefault("line_spacing", 1.0)
    format_paragraph(paragraph, align, **paragraph_format)
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold or None, italic or None
    return paragraph


def part_paragraph(container, text: str, part: str, align: str = "center", **paragraph_format) -> Paragraph:
    size, bold, italic = PART_STYLE[part]
    return text_paragraph(container, text, size, bold, italic, align, **paragraph_format)


def rule_paragraph(container, length_mm: float, width_mm: float) -> Paragraph:
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
    mark = child(ppr, "w:rPr")
    child(mark, "w:sz").set(qn("w:val"), "4")
    return paragraph


def separate_from_previous_table(doc: DocxDocument) -> None:
    """Word and LibreOffice merge two adjacent tables; keep a small paragraph between them."""
    blocks = [child for child in doc.element.body if child.tag != qn("w:sectPr")]
    if blocks and blocks[-1].tag == qn("w:tbl"):
        text_paragraph(doc, "", BODY_SIZE, space_after=0)


def new_table(doc: DocxDocument, rows: int, widths_mm: Sequence[float], borders: bool):
    separate_from_previous_table(doc)
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


def no_side_margins(table) -> None:
    """Cells without left and right padding (a borderless layout table needs none)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption",
                                           "w:tblDescription", "w:tblPrChange")


def text_width_mm(doc: DocxDocument) -> float:
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    return width / 36000
