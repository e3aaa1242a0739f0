"""After rendering: append an annex as its own section, fit wide tables, mark blanks, page flow."""

from __future__ import annotations

import copy
import io
import zlib
from types import SimpleNamespace

from docx import Document
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from thidua.docx.blanks import highlight_blanks
from thidua.docx.build import document_bytes
from thidua.docx.flow import apply_flow_rules
from thidua.render.docx_package import build_zip, make_entry, raw_entries

_HEADER_FOOTER_REFS = (qn("w:headerReference"), qn("w:footerReference"))
TWIPS_PER_EMU = 1 / 635
MAIN_PART = b"word/document.xml"


def _open(data: bytes):
    return Document(io.BytesIO(data))


def append_annex(main: bytes, annex: bytes) -> bytes:
    """`main` with the body of `annex` appended as a new section (its own page setup).

    The annex section keeps the annex's page size, orientation, margins and page-number start,
    but no headers of its own: it shows the main document's header (the page number), hidden on
    its first page, so the annex is numbered on its own from 1 as the decree requires.
    """
    doc, extra = _open(main), _open(annex)
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    closing = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(copy.deepcopy(final))
    closing.append(properties)
    final.addprevious(closing)
    annex_section = copy.deepcopy(extra.element.body.find(qn("w:sectPr")))
    for ref in [c for c in annex_section if c.tag in _HEADER_FOOTER_REFS]:
        annex_section.remove(ref)
    if annex_section.find(qn("w:pgNumType")) is None:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        annex_section.insert(0, numbering)
    if annex_section.find(qn("w:titlePg")) is None:
        annex_section.append(OxmlElement("w:titlePg"))
    for block in extra.element.body:
        if block.tag != qn("w:sectPr"):
            final.addprevious(copy.deepcopy(block))
    body.replace(final, annex_section)
    return document_bytes(doc)


def _section_widths(doc) -> list[tuple[object, int]]:
    """(the sectPr ending each section, its text width in twips), in body order."""
    out = []
    for section in doc.sections:
        width = section.page_width - section.left_margin - section.right_margin
        out.append((section._sectPr, int(width * TWIPS_PER_EMU)))
    return out


def fit_tables(data: bytes) -> bytes:
    """Make each table's grid match its cells and shrink tables wider than their section.

    Loops over columns ({%tc for %}) leave the template's grid behind; Word and LibreOffice
    then lay the table out unpredictably, so the grid is rebuilt from the first row's cells.
    """
    doc = _open(data)
    body = doc.element.body
    widths = _section_widths(doc)
    section_index = 0
    for block in body:
        if block.tag == qn("w:p") and block.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section_index += 1
        if block.tag != qn("w:tbl"):
            continue
        limit = widths[min(section_index, len(widths) - 1)][1]
        _fit(block, limit)
    return document_bytes(doc)


def _cell_width(cell) -> int:
    found = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    return int(found.get(qn("w:w"), "0")) if found is not None else 0


TEXT_FLOOR = 1984    # 35 mm: a name or award column keeps at least this width
NUMBER_FLOOR = 907   # 16 mm: room for "100,00" and "TỔNG" at 11 pt


def shrink(widths: list[int], limit: int) -> list[int]:
    """Column widths summing to at most `limit`: wide text columns give way first, then the
    narrower columns down to NUMBER_FLOOR, and only then everything proportionally."""
    widths = list(widths)
    for floor, eligible in ((TEXT_FLOOR, lambda w: w > TEXT_FLOOR),
                            (NUMBER_FLOOR, lambda w: NUMBER_FLOOR < w < TEXT_FLOOR)):
        excess = sum(widths) - limit
        spare = sum(w - floor for w in widths if eligible(w))
        if excess <= 0 or spare <= 0:
            continue
        share = min(1.0, excess / spare)
        widths = [w - int((w - floor) * share) if eligible(w) else w for w in widths]
    total = sum(widths)
    if total > limit:
        widths = [int(w * limit / total) for w in widths]
    return widths


def _fit(table, limit: int) -> None:
    rows = table.findall(qn("w:tr"))
    if not rows:
        return
    cells = rows[0].findall(qn("w:tc"))
    columns = [_cell_width(c) for c in cells]
    if not all(columns):
        return
    new = shrink(columns, limit)
    grid = table.find(qn("w:tblGrid"))
    for col in list(grid):
        grid.remove(col)
    for width in new:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    for row in rows:
        for cell, width in zip(row.findall(qn("w:tc")), new):
            found = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if found is not None:
                found.set(qn("w:w"), str(width))
                found.set(qn("w:type"), "dxa")


def finish_document(data: bytes) -> bytes:
    """Highlight the "……" left for facts the data does not give (so the office sees each one
    and `thidua check` reports it as a blank to fill), then apply the page-flow rules — one
    parse of the main part; every other part is copied as it is, still compressed."""
    entries = raw_entries(data)
    index = next((i for i, e in enumerate(entries) if e.name == MAIN_PART), None)
    if index is None:  # a main part under another name: the general (slower) path
        doc = _open(data)
        highlight_blanks(doc)
        apply_flow_rules(doc)
        return document_bytes(doc)
    root = parse_xml(zlib.decompress(entries[index].data, -15))
    doc = SimpleNamespace(element=root)
    highlight_blanks(doc)
    apply_flow_rules(doc)
    entries[index] = make_entry(MAIN_PART.decode(), serialize_part_xml(root))
    return build_zip(entries)
