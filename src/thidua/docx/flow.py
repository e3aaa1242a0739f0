"""Page flow of a finished document: names, column widths, signatures and table ends kept."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from thidua.docx import nd30
from thidua.docx.build import document_bytes
from thidua.docx.metrics import text_width_mm, widest_word_mm
from thidua.docx.names import compose
from thidua.docx.parts import is_position
from thidua.docx.text import clean, paragraph_text

TWIPS_PER_MM = 1440 / 25.4
CELL_MARGINS_MM = 2 * 1.9  # the default left + right cell margins (108 twips each)
SMALLER_NAME_PT = 12  # the decree allows 12–13 pt for the issuing body's name
FIRST_ROWS_KEPT = 0  # body rows kept with the header row


def _runs(paragraph) -> list:
    return [r for r in paragraph.findall(qn("w:r")) if r.find(qn("w:t")) is not None]


def _size_bold(run) -> tuple[float, bool]:
    rpr = run.find(qn("w:rPr"))
    size = rpr.find(qn("w:sz")) if rpr is not None else None
    bold = rpr.find(qn("w:b")) if rpr is not None else None
    points = int(size.get(qn("w:val"))) / 2 if size is not None else 14.0
    return points, bold is not None and bold.get(qn("w:val")) not in ("0", "false")


def _cell_width_mm(cell) -> float:
    found = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if found is None or found.get(qn("w:type")) not in (None, "dxa"):
        return 0.0
    return int(found.get(qn("w:w"), "0")) / TWIPS_PER_MM


def _set_lines(run, lines: list[str]) -> None:
    for old in [c for c in run if c.tag in (qn("w:t"), qn("w:br"))]:
        run.remove(old)
    for number, line in enumerate(lines):
        if number:
            run.append(OxmlElement("w:br"))
        text = OxmlElement("w:t")
        text.text = line
        run.append(text)


def _shrink(run, size: float) -> None:
    rpr = run.find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        found = rpr.find(qn(tag)) if rpr is not None else None
        if found is not None:
            found.set(qn("w:val"), str(int(size * 2)))


def compose_name(paragraph, width_mm: float) -> None:
    """Break a too-long body name between sensible units ("ỦY BAN NHÂN DÂN / HUYỆN …")."""
    runs = _runs(paragraph)
    text = clean(paragraph_text(paragraph))
    if len(runs) != 1 or not text:
        return
    size, bold = _size_bold(runs[0])
    smaller = min(size, SMALLER_NAME_PT)
    for points in (size, smaller):  # one line, at the decree's smaller size if need be
        if text_width_mm(text, points, bold) <= width_mm:
            if points != size:
                _shrink(runs[0], points)
            return
    for points in (size, smaller):
        lines = compose(text, lambda line, p=points: text_width_mm(line, p, bold) <= width_mm)
        if lines:
            _set_lines(runs[0], lines)
            if points != size:
                _shrink(runs[0], points)
            return


def _side_margins_mm(table) -> float:
    """Left + right cell padding of `table` (its own tblCellMar, else the default)."""
    margins = table.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    if margins is None:
        return CELL_MARGINS_MM
    total = 0.0
    for side in ("left", "right", "start", "end"):
        found = margins.find(qn(f"w:{side}"))
        if found is not None and found.get(qn("w:type"), "dxa") == "dxa":
            total += int(found.get(qn("w:w"), "0")) / TWIPS_PER_MM
    return total


def compose_header_names(doc) -> None:
    """The issuing body and its parent bodies in the header, composed to fit their column."""
    for table in doc.element.body.findall(qn("w:tbl")):
        texts = [clean(paragraph_text(p)) for p in table.iter(qn("w:p"))]
        if nd30.QUOC_HIEU not in texts:
            continue
        first_row = table.find(qn("w:tr"))
        cell = first_row.find(qn("w:tc")) if first_row is not None else None
        if cell is None:
            return
        width = _cell_width_mm(cell) - _side_margins_mm(table)
        if width > 0:
            for paragraph in cell.findall(qn("w:p")):
                compose_name(paragraph, width)
        return


def _borderless(table) -> bool:
    edges = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    return edges is not None and all(e.get(qn("w:val")) in ("nil", "none") for e in edges)


def _keep_with_next(paragraph, lines: bool = False) -> None:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        paragraph.insert(0, ppr)
    tags = ("w:keepNext", "w:keepLines") if lines else ("w:keepNext",)
    for tag in tags:
        if ppr.find(qn(tag)) is None:
            element = OxmlElement(tag)
            # keepNext/keepLines come right after pStyle in CT_PPr's sequence
            style = ppr.find(qn("w:pStyle"))
            if style is not None:
                style.addnext(element)
            else:
                ppr.insert(0, element)


def _keep_row(row) -> None:
    for paragraph in row.iter(qn("w:p")):
        _keep_with_next(paragraph)


def is_signature_table(table) -> bool:
    texts = [clean(paragraph_text(p)) for p in table.iter(qn("w:p"))]
    return (_borderless(table) and nd30.QUOC_HIEU not in texts
            and any(is_position(t) for t in texts))


def keep_signatures_with_text(doc) -> None:
    """The paragraph (or table row) before a signature block is kept on the same page with it."""
    for table in doc.element.body.findall(qn("w:tbl")):
        if not is_signature_table(table):
            continue
        before = table.getprevious()
        while before is not None and before.tag == qn("w:p"):
            _keep_with_next(before, lines=True)
            if clean(paragraph_text(before)):
                break
            before = before.getprevious()
        if before is not None and before.tag == qn("w:tbl"):
            rows = before.findall(qn("w:tr"))
            if rows:
                _keep_row(rows[-1])


def _kept_with_next(paragraph) -> bool:
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
    return found is not None and found.get(qn("w:val")) not in ("0", "false")


def let_text_follow_headings(doc) -> None:
    """The paragraph after a heading may leave a single line at a page's foot or top.

    LibreOffice drops a heading's keep-with-next when the paragraph after it moves to the next
    page as a whole for widow/orphan control (a three-line paragraph with room for two), which
    strands the heading at the foot; without that control the text starts under its heading.
    """
    for paragraph in doc.element.body.findall(qn("w:p")):
        following = paragraph.getnext()
        if (not _kept_with_next(paragraph) or following is None or following.tag != qn("w:p")
                or _kept_with_next(following) or not clean(paragraph_text(following))):
            continue
        ppr = following.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            following.insert(0, ppr)
        if ppr.find(qn("w:widowControl")) is None:
            control = OxmlElement("w:widowControl")
            control.set(qn("w:val"), "0")
            before = [c for c in ppr if c.tag in (qn("w:pStyle"), qn("w:keepNext"),
                                                     qn("w:keepLines"), qn("w:pageBreakBefore"),
                                                     qn("w:framePr"))]
            if before:
                before[-1].addnext(control)
            else:
                ppr.insert(0, control)


def _header_rows(rows) -> int:
    marked = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    return len(marked) or 1


def keep_table_ends(doc) -> None:
    """A list's header stays with its first row and its last row with the one before, so no
    row is left alone at the foot or the top of a page."""
    for table in doc.element.body.iter(qn("w:tbl")):
        if _borderless(table):
            continue
        rows = table.findall(qn("w:tr"))
        heads = _header_rows(rows)
        if len(rows) - heads < 2:
            continue
        for row in rows[:heads + FIRST_ROWS_KEPT]:
            _keep_row(row)
        _keep_row(rows[-2])


def _column_needs(rows, heads: int) -> list[float] | None:
    """Per column: the width its longest word needs (header words bold, as printed)."""
    needs: list[float] = []
    for number, row in enumerate(rows):
        cells = row.findall(qn("w:tc"))
        if any(c.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is not None for c in cells):
            if number < heads:
                return None  # merged header cells: leave the author's widths alone
            continue
        for column, cell in enumerate(cells):
            need = 0.0
            for run in cell.iter(qn("w:r")):
                text = "".join(t.text or "" for t in run.findall(qn("w:t")))
                size, bold = _size_bold(run)
                need = max(need, widest_word_mm(text, size, bold))
            if column >= len(needs):
                needs.append(0.0)
            needs[column] = max(needs[column], need + CELL_MARGINS_MM)
    return needs


def fit_header_words(doc) -> None:
    """Widen list columns whose longest word would not fit ("XẾP HẠN / G"), taking the room
    from columns with space to spare; the table's total width is unchanged."""
    for table in doc.element.body.iter(qn("w:tbl")):
        if _borderless(table):
            continue
        rows = table.findall(qn("w:tr"))
        needs = _column_needs(rows, _header_rows(rows)) if rows else None
        widths = [_cell_width_mm(c) for c in rows[0].findall(qn("w:tc"))] if rows else []
        if not needs or len(needs) != len(widths) or not all(widths):
            continue
        deficit = sum(max(n - w, 0) for n, w in zip(needs, widths))
        spare = sum(max(w - n, 0) for n, w in zip(needs, widths))
        if deficit <= 0 or spare <= 0:
            continue
        share = min(1.0, deficit / spare)
        give = min(1.0, spare / deficit)
        new = [w + (n - w) * give if n > w else w - (w - n) * share
               for n, w in zip(needs, widths)]
        _set_widths(table, rows, new)


def _set_widths(table, rows, widths_mm: list[float]) -> None:
    twips = [str(round(w * TWIPS_PER_MM)) for w in widths_mm]
    grid = table.find(qn("w:tblGrid"))
    if grid is not None:
        for col, width in zip(grid.findall(qn("w:gridCol")), twips):
            col.set(qn("w:w"), width)
    for row in rows:
        for cell, width in zip(row.findall(qn("w:tc")), twips):
            found = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if found is not None:
                found.set(qn("w:w"), width)
                found.set(qn("w:type"), "dxa")


def apply_flow_rules(doc) -> None:
    """Every page-flow rule of this module, on a document (anything with `.element.body`)."""
    compose_header_names(doc)
    fit_header_words(doc)
    keep_signatures_with_text(doc)
    keep_table_ends(doc)
    let_text_follow_headings(doc)


def improve_flow(data: bytes) -> bytes:
    """The .docx bytes with every page-flow rule of this module applied."""
    doc = Document(io.BytesIO(data))
    apply_flow_rules(doc)
    return document_bytes(doc)
