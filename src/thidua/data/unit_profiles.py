"""Read what each proposed unit says about itself for its báo cáo thành tích (sheet or CSV)."""

from __future__ import annotations

from pathlib import Path

from thidua.data.tables import (
    UNIT_ID_HEADERS,
    UNIT_NAME_HEADERS,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    read_table,
)

UNIT_SHEET = "Đơn vị đề nghị"  # the sheet of the collection form (`thidua form`)
# (key, column title in the form, other titles the reader accepts)
UNIT_COLUMNS = (
    ("ma_don_vi", "Mã đơn vị", UNIT_ID_HEADERS),
    ("ten_don_vi", "Tên đơn vị", UNIT_NAME_HEADERS),
    ("dac_diem", "Đặc điểm, tình hình", ("dac_diem", "đặc điểm", "đặc điểm, tình hình")),
    ("to_chuc_bo_may", "Tổ chức bộ máy, biên chế",
     ("to_chuc_bo_may", "tổ chức bộ máy", "tổ chức bộ máy, biên chế")),
    ("chuc_nang", "Chức năng, nhiệm vụ", ("chuc_nang", "chức năng, nhiệm vụ", "chức năng nhiệm vụ")),
    ("khen_thuong_da_nhan", "Khen thưởng đã nhận",
     ("khen_thuong_da_nhan", "khen thưởng đã nhận", "hình thức khen thưởng đã nhận")),
)


def profiles_source(nominations: Path) -> tuple[Path, str | None] | None:
    """Where the units' profiles are: the 'Đơn vị đề nghị' sheet of the nominations workbook,
    or '<nominations>-don-vi.csv' next to a CSV nominations file; None when there is none."""
    if nominations.suffix.lower() in (".xlsx", ".xlsm"):
        if not nominations.is_file():
            return None
        import openpyxl  # imported here: CSV-only runs stay light

        try:
            workbook = openpyxl.load_workbook(nominations, read_only=True)
        except Exception:  # a damaged workbook is reported by the nominations reader
            return None
        try:
            return (nominations, UNIT_SHEET) if UNIT_SHEET in workbook.sheetnames else None
        finally:
            workbook.close()
    sibling = nominations.with_name(f"{nominations.stem}-don-vi.csv")
    return (sibling, None) if sibling.is_file() else None


def read_unit_profiles(nominations: Path) -> dict[str, dict[str, str]]:
    """unit id → {dac_diem, to_chuc_bo_may, chuc_nang, khen_thuong_da_nhan} (filled cells)."""
    source = profiles_source(nominations)
    if source is None:
        return {}
    table = read_table(source[0], is_unit_id_header, source[1], "hồ sơ đơn vị đề nghị")
    index = {key: find_column(table, names) for key, _, names in UNIT_COLUMNS}
    out: dict[str, dict[str, str]] = {}
    for _, cells in table.rows:
        unit_id = clean_text(cell(cells, index["ma_don_vi"]))
        values = {key: clean_text(cell(cells, index[key])) for key, _, _ in UNIT_COLUMNS[2:]}
        filled = {k: v for k, v in values.items() if v}
        if unit_id and filled:
            out[unit_id] = filled
    return out
