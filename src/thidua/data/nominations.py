"""Read the nominations sheet: the individuals each unit proposes, with file/row locations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thidua.data.tables import (
    UNIT_ID_HEADERS,
    RawTable,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    read_table,
)
from thidua.errors import DataError, Location, Problem

_COLUMNS = {
    "ho_ten": ("ho_ten", "họ và tên", "họ tên"),
    "chuc_vu": ("chuc_vu", "chức vụ", "chức vụ, đơn vị công tác"),
    "ma_don_vi": UNIT_ID_HEADERS,
    "thanh_tich": ("thanh_tich", "thành tích", "tóm tắt thành tích"),
    "hinh_thuc": ("hinh_thuc", "hình thức", "hình thức khen thưởng"),
}


@dataclass(frozen=True)
class NominationRow:
    row: int
    full_name: str
    position: str
    unit_id: str
    achievements: str
    award_ref: str


@dataclass(frozen=True)
class NominationSheet:
    file: str
    sheet: str | None
    rows: tuple[NominationRow, ...]
    columns: dict[str, str]

    def location(self, row: int, field: str) -> Location:
        return Location(file=self.file, sheet=self.sheet, row=row, column=self.columns.get(field))


def read_nominations(path: Path) -> NominationSheet:
    table = read_table(path, is_unit_id_header, None, "danh sách cá nhân đề nghị")
    return nominations_from_table(table)


def nominations_from_table(table: RawTable) -> NominationSheet:
    index = {key: find_column(table, names) for key, names in _COLUMNS.items()}
    missing = [key for key in ("ho_ten", "ma_don_vi") if index[key] is None]
    if missing:
        raise DataError([Problem(f"thiếu cột '{key}'", table.location(table.header_row))
                         for key in missing])
    rows = tuple(NominationRow(number, *(clean_text(cell(cells, index[k])) for k in _COLUMNS))
                 for number, cells in table.rows)
    columns = {k: table.column_name(i) for k, i in index.items() if i is not None}
    return NominationSheet(table.file, table.sheet, rows, columns)
