"""Pieces the Word templates are built from (docx_build primitives holding docxtpl tags)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from thidua.docx import build as B

PORTRAIT_WIDTH_MM = 165.0   # A4 210 − left 30 − right 15
LANDSCAPE_WIDTH_MM = 252.0  # A4 297 − left 30 − right 15


def loop(var: str, items: str, body: Sequence[str]) -> list[str]:
    """Paragraph texts repeating `body` for each item: {%p for var in items %} … {%p endfor %}."""
    return [f"{{%p for {var} in {items} %}}", *body, "{%p endfor %}"]


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears when rendered."""
    B.add_paragraph(doc, text, indent=False)


def body(doc, text: str, *, italic: bool = False, bold: bool = False, indent: bool = True):
    return B.add_paragraph(doc, text, italic=italic, bold=bold, indent=indent)


def centred(doc, text: str, *, bold: bool = False, italic: bool = False):
    paragraph = B.add_paragraph(doc, text, bold=bold, italic=italic, indent=False)
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def add_run(paragraph, text: str, *, bold: bool = False, italic: bool = False,
            size: float = B.BODY_SIZE) -> None:
    """A second run in a paragraph, e.g. the plain text after a bold "Điều 1."."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def lead(doc, head: str, text: str, *, level: int | None = None) -> None:
    """A paragraph starting with a bold (level 2) or italic (level 3) head, then plain text."""
    paragraph = B.add_heading(doc, head, level) if level else body(doc, head, bold=True)
    add_run(paragraph, text)


def each(doc, items: str, text: str = "{{ x }}", *, var: str = "x", italic: bool = False,
         bold: bool = False) -> None:
    """One body paragraph per item of `items`."""
    tag(doc, f"{{%p for {var} in {items} %}}")
    body(doc, text, italic=italic, bold=bold)
    tag(doc, "{%p endfor %}")


def cell_paragraphs(cell, texts: Sequence[str]) -> None:
    """Put `texts` in a table cell as paragraphs formatted like the cell's first paragraph."""
    first = cell.paragraphs[0]
    first.runs[0].text = texts[0]
    anchor = first._p
    for text in texts[1:]:
        clone = copy.deepcopy(first._p)
        anchor.addnext(clone)
        anchor = clone
        clone.findall(f".//{qn('w:t')}")[0].text = text


def cell_loop(var: str, items: str) -> list[str]:
    """Cell content: one paragraph per item (the list must not be empty)."""
    return [f"{{%p for {var} in {items} %}}", f"{{{{ {var} }}}}", "{%p endfor %}"]


def looped_table(doc, headers: Sequence[str], row: Sequence[str | Sequence[str]], items: str,
                 widths: Sequence[float], align: Sequence[str], *, var: str = "d",
                 footer: Sequence[str] | None = None, size: float = B.TABLE_SIZE):
    """A bordered table: header row, one row per item of `items`, optional footer row.

    A cell given as a list of texts becomes several paragraphs (for {%p for %} inside a cell).
    """
    first = [f"{{%tr for {var} in {items} %}}"] + [""] * (len(headers) - 1)
    last = ["{%tr endfor %}"] + [""] * (len(headers) - 1)
    flat = [c if isinstance(c, str) else c[0] for c in row]
    rows = [first, flat, last] + ([list(footer)] if footer else [])
    table = B.add_table(doc, headers, rows, widths, align=align, size=size)
    for column, content in enumerate(row):
        if not isinstance(content, str):
            cell_paragraphs(table.rows[2].cells[column], list(content))
    if footer:
        for cell in table.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    spacer(doc)
    return table


def spacer(doc) -> None:
    """A small empty paragraph, so that the text after a table does not touch it."""
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(6)


def header(doc, van_ban: str = "van_ban") -> None:
    """Issuing body (optional parent lines) | quốc hiệu, tiêu ngữ; Số | place and date."""
    B.add_header_table(
        doc,
        [*loop("d", f"{van_ban}.co_quan_chu_quan", ["{{ d }}"]), f"{{{{ {van_ban}.co_quan }}}}"],
        number_line=f"{{{{ {van_ban}.so_ky_hieu }}}}",
        place_date_line=f"{{{{ {van_ban}.dia_danh_ngay }}}}")


def title(doc, kind: str, summary: str = "{{ van_ban.trich_yeu }}") -> None:
    B.add_title(doc, kind, [summary] if summary else [])


def closing(doc, van_ban: str = "van_ban") -> None:
    """Nơi nhận on the left, signature block on the right."""
    B.add_closing(doc, loop("x", f"{van_ban}.noi_nhan", ["{{ x }}"]),
                  loop("x", f"{van_ban}.ky.dong", ["{{ x }}"]), f"{{{{ {van_ban}.ky.ho_ten }}}}")


def annex_heading(doc, heading: str, summary: str, attached: str) -> None:
    """'DANH SÁCH …' bold, the subject bold, then '(Kèm theo … )' in italics."""
    B.add_title(doc, heading, [summary] if summary else [])
    centred(doc, attached, italic=True)


def save(doc, out_dir: Path, name: str) -> Path:
    return B.save_document(doc, out_dir / name)
