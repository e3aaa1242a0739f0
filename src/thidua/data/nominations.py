"""Read the nominations sheet: the individuals each unit proposes, with file/row locations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
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
# The person's profile the báo cáo thành tích form asks for (optional columns, any order).
PROFILE_COLUMNS = {
    "ngay_sinh": ("ngay_sinh", "ngày sinh", "ngày, tháng, năm sinh"),
    "gioi_tinh": ("gioi_tinh", "giới tính"),
    "que_quan": ("que_quan", "quê quán"),
    "dan_toc": ("dan_toc", "dân tộc"),
    "trinh_do_chuyen_mon": ("trinh_do_chuyen_mon", "trình độ chuyên môn"),
    "ly_luan_chinh_tri": ("ly_luan_chinh_tri", "lý luận chính trị", "trình độ lý luận chính trị"),
    "nhiem_vu": ("nhiem_vu", "nhiệm vụ được giao"),
    "khen_thuong_da_nhan": ("khen_thuong_da_nhan", "khen thưởng đã nhận",
                            "hình thức khen thưởng đã nhận"),
}


@dataclass(frozen=True)
class NominationRow:
    row: int
    full_name: str
    position: str
    unit_id: str
    achievements: str
    award_ref: str
    profile: tuple[tuple[str, str], ...] = ()   # (PROFILE_COLUMNS key, value) of filled cells


@dataclass(frozen=True)
class NominationSheet:
    file: str
    sheet: str | None
    rows: tuple[NominationRow, ...]
    columns: dict[str, str]

    def location(self, row: int, field: str) -> Location:
        return Location(file=self.file, sheet=self.sheet, row=row, column=self.columns.get(field))


NOMINATIONS_SHEET = "Cá nhân đề nghị"  # the sheet of the collection form (`thidua form`)
# Column titles of that sheet, each one the reader accepts (see _COLUMNS, PROFILE_COLUMNS).
SHEET_HEADERS = (
    ("ho_ten", "Họ và tên"), ("chuc_vu", "Chức vụ"), ("ma_don_vi", "Mã đơn vị"),
    ("hinh_thuc", "Hình thức khen thưởng"), ("ngay_sinh", "Ngày sinh"),
    ("gioi_tinh", "Giới tính"), ("que_quan", "Quê quán"), ("dan_toc", "Dân tộc"),
    ("trinh_do_chuyen_mon", "Trình độ chuyên môn"), ("ly_luan_chinh_tri", "Lý luận chính trị"),
    ("nhiem_vu", "Nhiệm vụ được giao"), ("thanh_tich", "Tóm tắt thành tích"),
    ("khen_thuong_da_nhan", "Khen thưởng đã nhận"),
)


def _form_sheet(path: Path) -> str | None:
    """The nominations sheet of a returned collection form, when the workbook has one."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return None
    import openpyxl  # imported here: CSV-only runs stay light

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # a damaged file: read_table reports it with its location
        return None
    try:
        return NOMINATIONS_SHEET if NOMINATIONS_SHEET in workbook.sheetnames else None
    finally:
        workbook.close()


def read_nominations(path: Path) -> NominationSheet:
    table = read_table(path, is_unit_id_header, _form_sheet(path), "danh sách cá nhân đề nghị")
    return nominations_from_table(table)


def nominations_from_table(table: RawTable) -> NominationSheet:
    index = {key: find_column(table, names) for key, names in _COLUMNS.items()}
    missing = [key for key in ("ho_ten", "ma_don_vi") if index[key] is None]
    if missing:
        raise DataError([Problem(f"thiếu cột '{key}'", table.location(table.header_row))
                         for key in missing])
    extra = {key: find_column(table, names) for key, names in PROFILE_COLUMNS.items()}
    rows = tuple(NominationRow(number, *(clean_text(cell(cells, index[k])) for k in _COLUMNS),
                               profile=_profile(cells, extra))
                 for number, cells in table.rows)
    columns = {k: table.column_name(i) for k, i in {**index, **extra}.items() if i is not None}
    return NominationSheet(table.file, table.sheet, rows, columns)


def _profile(cells, columns: dict[str, int | None]) -> tuple[tuple[str, str], ...]:
    values = ((key, _text(cell(cells, i))) for key, i in columns.items() if i is not None)
    return tuple((key, value) for key, value in values if value)


def _text(value: object) -> str:
    """A cell as text; a date Excel stored as a date prints as dd/mm/yyyy."""
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    return clean_text(value)
