"""What each paragraph of a .docx is (header name, heading, table cell, signature, text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import RGBColor

from thidua.docx import nd30
from thidua.docx.blanks import highlighted_text, plain_text
from thidua.docx.parts import is_position
from thidua.docx.text import clean, paragraph_text, run_text

HEADING_MAX_CHARS = 200
ITALIC_HEADING_RE = re.compile(r"^[a-zđ]\)\s")


@dataclass
class Block:
    """One paragraph, numbered in document order (table cells included)."""

    index: int
    text: str
    role: str  # "name" (header body name), "header", "heading", "text", "cell", "signature"
    table: int | None = None  # body table number, from 1
    row: int | None = None  # row number in its table, from 1
    column: int | None = None
    marked: str = ""  # the text of its highlighted runs: blanks marked for the office to fill
    plain: str = ""  # its text without those runs


@dataclass
class Table:
    """A bordered (data) table: its rows, which of them are header rows, their paragraphs."""

    number: int
    header_rows: set[int]
    cells: dict[tuple[int, int], list[Block]] = field(default_factory=dict)
    rows: int = 0

    def cell_text(self, row: int, column: int) -> str:
        return " ".join(b.text for b in self.cells.get((row, column), []) if b.text)

    @property
    def columns(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def body_rows(self) -> list[int]:
        return [r for r in range(1, self.rows + 1) if r not in self.header_rows]


@dataclass
class Structure:
    blocks: list[Block]
    tables: list[Table]


def _runs(paragraph) -> list:
    return [r for r in paragraph.iter(qn("w:r")) if clean(run_text(r))]


def _flag(run, tag: str) -> bool:
    element = run.find(f"{qn('w:rPr')}/{qn(tag)}")
    return element is not None and element.get(qn("w:val")) not in ("0", "false", "off")


def is_heading(paragraph, text: str) -> bool:
    """A short paragraph wholly bold (or an italic "a) …"), not a sentence: a heading."""
    runs = _runs(paragraph)
    if not runs or len(text) > HEADING_MAX_CHARS or text.endswith((".", ";", ",")):
        return False
    if all(_flag(r, "w:b") for r in runs):
        return True
    return bool(ITALIC_HEADING_RE.match(text)) and all(_flag(r, "w:i") for r in runs)


def _has_borders(table) -> bool:
    edges = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    if edges is None:
        style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        return style is not None  # a table style such as "Table Grid" draws the lines
    return any(e.get(qn("w:val")) not in ("nil", "none", None) for e in edges)


def _row_cells(row):
    column = 1
    for cell in row.findall(qn("w:tc")):
        yield column, cell
        span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        column += int(span.get(qn("w:val"))) if span is not None else 1


def _table_kind(table) -> str:
    paragraphs = [clean(paragraph_text(p)) for p in table.iter(qn("w:p"))]
    if nd30.QUOC_HIEU in paragraphs:
        return "header"
    if not _has_borders(table) and any(is_position(t) for t in paragraphs):
        return "signature"
    return "data" if _has_borders(table) else "layout"


def read_structure(document) -> Structure:
    """Blocks for every paragraph (python-docx document), in the order of body.iter(w:p)."""
    blocks: list[Block] = []
    tables: list[Table] = []
    roles: dict[object, Block] = {}
    number = 0
    for table in document.element.body.findall(qn("w:tbl")):
        number += 1
        kind = _table_kind(table)
        rows = table.findall(qn("w:tr"))
        headers = {i for i, r in enumerate(rows, 1)
                   if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None} or {1}
        data = Table(number, headers, rows=len(rows)) if kind == "data" else None
        for r, row in enumerate(rows, 1):
            for column, cell in _row_cells(row):
                for p in cell.iter(qn("w:p")):
                    role = {"header": "header", "signature": "signature"}.get(kind, "cell")
                    if kind == "header" and r == 1 and column == 1:
                        role = "name"
                    block = Block(0, "", role, number, r, column)
                    roles[p] = block
                    if data is not None:
                        data.cells.setdefault((r, column), []).append(block)
        if data is not None:
            tables.append(data)
    for index, p in enumerate(document.element.body.iter(qn("w:p"))):
        text = clean(paragraph_text(p))
        block = roles.get(p) or Block(0, text, "heading" if is_heading(p, text) else "text")
        block.index, block.text = index, text
        block.marked, block.plain = highlighted_text(p), plain_text(p)
        blocks.append(block)
    return Structure(blocks, tables)


def colour_of(index: int) -> RGBColor:
    """The text colour that marks paragraph `index` in the rendered PDF (never black)."""
    value = index + 1
    return RGBColor((value >> 16) & 255, (value >> 8) & 255, value & 255)


def index_of(rgb: tuple[int, int, int]) -> int | None:
    value = (rgb[0] << 16) + (rgb[1] << 8) + rgb[2]
    return value - 1 if value else None


def marked_copy(source: Path, target: Path) -> Structure:
    """Save a copy of `source` whose every paragraph has its own text colour; layout unchanged.

    Colour changes neither widths nor line breaks, so the copy prints exactly like the original
    and the colour of each piece of text in its PDF says which paragraph it belongs to.
    """
    document = docx.Document(str(source))
    structure = read_structure(document)
    for index, p in enumerate(document.element.body.iter(qn("w:p"))):
        for run in p.iter(qn("w:r")):
            colour = run.get_or_add_rPr().get_or_add_color()
            for attr in list(colour.attrib):
                if "theme" in attr.lower():
                    del colour.attrib[attr]
            colour.val = colour_of(index)
    document.save(str(target))
    return structure
