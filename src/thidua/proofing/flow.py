"""Page-flow faults of a rendered document: what a reader sees cut or stranded, by page."""

from __future__ import annotations

from collections.abc import Iterator

from thidua.docx.parts import is_position
from thidua.docx.text import snippet
from thidua.proofing.breaks import bad_name_breaks, split_words
from thidua.proofing.placement import Placement
from thidua.proofing.structure import Block, Structure, Table

Fault = tuple[int | None, str]  # (page, message)


def name_breaks(structure: Structure, placed: Placement) -> Iterator[Fault]:
    """A body name in the header ("UBND HUYỆN CHÂU / THÀNH A") broken outside a sensible place."""
    for block in structure.blocks:
        lines = placed.lines.get(block.index, [])
        if block.role != "name" or len(lines) < 2:
            continue
        for before, after in bad_name_breaks(block.text, [line.text for line in lines]):
            yield (lines[0].page, f"Tên cơ quan '{block.text}' ở phần đầu văn bản bị ngắt dòng "
                   f"giữa tên ('{before}' / '{after}'); hãy nới rộng cột hoặc xuống dòng "
                   "(Shift+Enter) ở chỗ hợp lý, ví dụ trước 'HUYỆN', 'XÃ'")


def column_header_breaks(structure: Structure, placed: Placement) -> Iterator[Fault]:
    """A column header printed with a word cut in two ("XẾP HẠN / G")."""
    for table in structure.tables:
        for (row, column), blocks in sorted(table.cells.items()):
            if row not in table.header_rows:
                continue
            for block in blocks:
                lines = placed.lines.get(block.index, [])
                for before, after in split_words(block.text, [line.text for line in lines]):
                    yield (lines[0].page, f"Bảng {table.number}: tiêu đề cột '{block.text}' bị "
                           f"ngắt giữa một từ ('{before}' / '{after}'); hãy nới rộng cột "
                           f"{column} hoặc giảm cỡ chữ tiêu đề")


def _content_above(placed: Placement, blocks: list[Block], page: int, y: float,
                   skip: set[int]) -> bool:
    return any(line.page == page and line.y > y + 1
               for block in blocks if block.index not in skip and block.role != "name"
               for line in placed.lines.get(block.index, []))


def stranded_signatures(structure: Structure, placed: Placement) -> Iterator[Fault]:
    """A signature block alone at the top of a page, or split over two pages."""
    tables: dict[int, list[Block]] = {}
    for block in structure.blocks:
        if block.role == "signature":
            tables.setdefault(block.table or 0, []).append(block)
    for blocks in tables.values():
        indexes = {b.index for b in blocks}
        pages = sorted({p for b in blocks for p in placed.pages_of(b.index)})
        if not pages:
            continue
        label = snippet(next((b.text for b in blocks if is_position(b.text)),
                             next((b.text for b in blocks if b.text), "")))
        if len(pages) > 1:
            yield (pages[0], f"Khối chữ ký ('{label}') bị tách sang hai trang {pages[0]} và "
                   f"{pages[-1]}; hãy giữ cả khối trên một trang")
            continue
        top = max(line.y for b in blocks for line in placed.lines.get(b.index, []))
        if pages[0] > 1 and not _content_above(placed, structure.blocks, pages[0], top, indexes):
            yield (pages[0], f"Khối chữ ký ('{label}') đứng đầu trang {pages[0]}, tách khỏi đoạn "
                   "cuối của văn bản; hãy đặt 'Giữ với đoạn sau' (Keep with next) cho đoạn cuối "
                   "hoặc rút gọn để chữ ký cùng trang với nội dung")


def _row_pages(table: Table, placed: Placement) -> dict[int, int]:
    """The page of each body row that printed any text (rows never split: cantSplit)."""
    pages = {}
    for row in table.body_rows():
        found = [p for column in range(1, table.columns + 1)
                 for block in table.cells.get((row, column), [])
                 for p in placed.pages_of(block.index)]
        if found:
            pages[row] = min(found)
    return pages


def lone_rows(structure: Structure, placed: Placement) -> Iterator[Fault]:
    """A table's last row alone at the top of a page, or its header row alone at the foot.

    A table that simply continues over pages (with its header row repeated) is fine.
    """
    for table in structure.tables:
        pages = _row_pages(table, placed)
        if not pages:
            continue
        header_pages = [p for r in table.header_rows for c in range(1, table.columns + 1)
                        for b in table.cells.get((r, c), []) for p in placed.pages_of(b.index)]
        if header_pages and min(header_pages) < min(pages.values()):
            yield (min(header_pages), f"Bảng {table.number}: hàng tiêu đề đứng một mình ở cuối "
                   f"trang {min(header_pages)}, các hàng của bảng ở trang sau; hãy giữ tiêu đề "
                   "với hàng đầu tiên")
        if len(set(pages.values())) < 2:
            continue
        last = max(pages.values())
        on_last = [r for r, p in pages.items() if p == last]
        if len(on_last) == 1:
            row = on_last[0]
            yield (last, f"Bảng {table.number}: hàng '{_row_label(table, row)}' đứng một mình ở "
                   f"đầu trang {last}, các hàng khác ở trang trước; hãy giữ các hàng cuối cùng "
                   "trang (đặt 'Giữ với đoạn sau' cho hàng trước nó)")


def _row_label(table: Table, row: int) -> str:
    texts = [table.cell_text(row, c) for c in range(1, table.columns + 1)]
    return snippet(" | ".join(t for t in texts if t) or f"hàng {row}")


def headings_at_foot(structure: Structure, placed: Placement) -> Iterator[Fault]:
    """A heading that ends a page while the text it introduces starts on the next one."""
    headings = {b.index for b in structure.blocks if b.role == "heading"}
    for block in structure.blocks:
        end = placed.last(block.index)
        if block.index not in headings or end is None:
            continue
        later = [b for b in structure.blocks[block.index + 1:]
                 if b.index not in headings and placed.lines.get(b.index)]
        if not later:
            continue
        below = any(line.page == end.page and line.y < end.y - 1
                    for b in later for line in placed.lines[b.index])
        if not below:
            yield (end.page, f"Đề mục '{snippet(block.text, 60)}' nằm cuối trang {end.page}, "
                   "phần nội dung của nó sang trang sau; hãy đặt 'Giữ với đoạn sau' (Keep "
                   "with next) cho đề mục")


FLOW_RULES = (name_breaks, column_header_breaks, stranded_signatures, lone_rows,
              headings_at_foot)
