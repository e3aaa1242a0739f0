"""Leftover text a signer must not see: placeholders, "00" counts, list columns left empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from thidua.docx.blanks import BLANK_RE
from thidua.docx.parts import is_position
from thidua.docx.text import snippet
from thidua.proofing.flow import Fault
from thidua.proofing.placement import Placement
from thidua.proofing.structure import Block, Structure

BRACKETED = re.compile(r"\[[^\]]*[^\W\d_][^\]]*\]|\[\s*(…|\.{3,})\s*\]")
NOTES_COLUMN = "ghi chú"  # kept empty on purpose, for remarks by hand
DOTS = BLANK_RE
# "00" standing for a count ("không tán thành 00"); "08 giờ 00" and "1.000.000" are values.
DOUBLE_ZERO = re.compile(r"(?<![\d.,:/])00(?![\d.,:/%])")
TIME_BEFORE = re.compile(r"(\bgiờ|\d\s*h)\s*$", re.IGNORECASE)
TIME_AFTER = re.compile(r"^\s*(phút|giờ)", re.IGNORECASE)


class Blank(NamedTuple):
    """A blank highlighted for the office to fill by hand: a warning, not a fault."""

    page: int | None
    message: str


def _page(placed: Placement | None, block: Block) -> int | None:
    if placed is None:
        return None
    pages = placed.pages_of(block.index)
    return pages[0] if pages else None


def _is_count_zero(text: str, match: re.Match) -> bool:
    before, after = text[:match.start()], text[match.end():]
    return not (TIME_BEFORE.search(before) or TIME_AFTER.match(after))


def placeholders(structure: Structure, placed: Placement | None) -> Iterator[Fault]:
    """"[Họ và tên]", "……" where a value belongs, and "00" printed for a count.

    Dots in the header's number and date lines are the blanks filled when the text is signed
    and registered, as the decree's forms show, and are allowed there. Dots highlighted in the
    body are facts the data did not give, marked for the office: reported as `Blank` warnings.
    """
    for index, block in enumerate(structure.blocks):
        text = block.text
        where = f"'{snippet(text, 60)}'"
        for match in BRACKETED.finditer(text):
            yield (_page(placed, block), f"Còn chỗ chưa điền '{match.group()}' trong {where}; "
                   "hãy thay bằng nội dung thật")
        if block.role != "header" and DOTS.search(block.marked):
            yield Blank(_page(placed, block), f"Còn trống {_blank_subject(structure, index)}; "
                        "hãy điền trước khi trình ký")
        if block.role != "header":
            for match in DOTS.finditer(block.plain):
                yield (_page(placed, block), f"Còn dấu chấm chờ điền '{match.group()}' trong "
                       f"{where}; hãy điền giá trị")
        for match in DOUBLE_ZERO.finditer(text):
            if _is_count_zero(text, match):
                yield (_page(placed, block), f"Số lượng in là '00' trong {where}; hãy ghi '0' "
                       "(hoặc số thật)")


def _blank_subject(structure: Structure, index: int) -> str:
    """What a highlighted blank stands for: the signer's name under its position line, or the
    paragraph it is in."""
    block = structure.blocks[index]
    above = structure.blocks[index - 1] if index else None
    if not block.plain and above is not None and above.role == block.role == "signature" \
            and is_position(above.text):
        return f"họ tên người ký dưới '{above.text}' (chỗ tô vàng)"
    return f"chỗ tô vàng trong '{snippet(block.text, 60)}'"


def empty_columns(structure: Structure, placed: Placement | None) -> Iterator[Fault]:
    """A column of a list (table) that is empty in every row below its header."""
    for table in structure.tables:
        rows = table.body_rows()
        if len(rows) < 2:
            continue
        for column in range(1, table.columns + 1):
            head = " ".join(table.cell_text(r, column) for r in sorted(table.header_rows))
            if head and head.casefold() != NOTES_COLUMN and not any(table.cell_text(r, column) for r in rows):
                first = next((b for r in sorted(table.header_rows)
                              for b in table.cells.get((r, column), [])), None)
                page = _page(placed, first) if first else None
                yield (page, f"Bảng {table.number}: cột '{snippet(head)}' trống ở mọi dòng; hãy "
                       "điền số liệu hoặc bỏ cột này")


CONTENT_RULES = (placeholders, empty_columns)
