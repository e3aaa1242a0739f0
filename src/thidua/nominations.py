"""The nominations sheet (individuals proposed) checked against the period's quotas."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from thidua.awards import individual_award_quota, individual_prize
from thidua.errors import DataError, Location, Problem
from thidua.model import Award, Period
from thidua.results import Nomination
from thidua.unitdata_read import (
    UNIT_ID_HEADERS,
    RawTable,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    normalize_header,
    read_table,
)

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


@dataclass(frozen=True)
class QuotaContext:
    """What the check needs from scoring and allocation."""

    unit_names: Mapping[str, str]
    unit_groups: Mapping[str, str]
    quotas: Mapping[str, tuple[int, str | None]]   # unit → (individuals, award id)
    tied: frozenset[str]
    base_salary: int | None = None


def check_nominations(sheet: NominationSheet, period: Period,
                      ctx: QuotaContext) -> tuple[tuple[Nomination, ...], tuple[str, ...]]:
    """Nominations with their award; DataError (with rows) when a quota is exceeded."""
    awards = {a.id: a for a in period.awards}
    by_form = {normalize_header(a.form): a for a in period.awards}
    problems: list[Problem] = []
    warnings: list[str] = []
    used: dict[tuple[str, str], int] = {}
    out: list[Nomination] = []
    for row in sheet.rows:
        if row.unit_id not in ctx.unit_names:
            problems.append(Problem(f"mã đơn vị '{row.unit_id}' không có trong phong trào",
                                    sheet.location(row.row, "ma_don_vi")))
            continue
        if not row.full_name:
            problems.append(Problem("thiếu họ và tên", sheet.location(row.row, "ho_ten")))
            continue
        award = None
        if row.award_ref:
            award = awards.get(row.award_ref) or by_form.get(normalize_header(row.award_ref))
            if award is None:
                problems.append(Problem(
                    f"hình thức '{row.award_ref}' không có trong đợt này (có: "
                    f"{', '.join(awards)})", sheet.location(row.row, "hinh_thuc")))
                continue
        award, pool, quota, why = _resolve(row, award, period, ctx)
        if award is None:
            problems.append(Problem(why, sheet.location(row.row, "ma_don_vi")))
            continue
        count = used[pool] = used.get(pool, 0) + 1
        if row.unit_id in ctx.tied and pool[0] == "unit":
            warnings.append(f"{sheet.file}: dòng {row.row}: chỉ tiêu cá nhân của "
                            f"'{row.unit_id}' chờ Hội đồng quyết định thứ tự")
        elif count > quota:
            problems.append(Problem(f"{why} chỉ được đề nghị {quota} cá nhân; đây là người "
                                    f"thứ {count}", sheet.location(row.row, "ma_don_vi")))
            continue
        prize = individual_prize(award, ctx.base_salary) if award.recipients == "individual" else 0
        out.append(Nomination(row.full_name, row.position, row.unit_id,
                              ctx.unit_names[row.unit_id], row.achievements, award.id,
                              award.form, prize))
    if problems:
        raise DataError(problems)
    return tuple(out), tuple(warnings)


def _resolve(row: NominationRow, award: Award | None, period: Period,
             ctx: QuotaContext) -> tuple[Award | None, tuple[str, str], int, str]:
    """(award, quota pool, quota, description) for one nomination."""
    awards = {a.id: a for a in period.awards}
    group = ctx.unit_groups[row.unit_id]
    name = ctx.unit_names[row.unit_id]
    unit_quota, quota_award = ctx.quotas.get(row.unit_id, (0, None))
    if award is None:
        if unit_quota > 0 or row.unit_id in ctx.tied:
            award = awards.get(quota_award or "")
        if award is None:
            fits = [a for a in period.awards if a.recipients == "individual"
                    and (a.groups is None or group in a.groups)]
            if len(fits) != 1:
                return None, ("", ""), 0, (
                    f"đơn vị '{name}' không có chỉ tiêu đề nghị cá nhân trong đợt này"
                    if not fits else "ghi rõ hình thức khen thưởng (cột hinh_thuc)")
            award = fits[0]
    if award.recipients == "individual":
        if award.groups is not None and group not in award.groups:
            return None, ("", ""), 0, (f"đơn vị '{name}' không thuộc nhóm được xét "
                                       f"{award.form}")
        if award.individuals is not None or award.ranks:
            return award, ("award", award.id), individual_award_quota(award), \
                f"hình thức '{award.id}' ({award.form})"
        # No total stated: each unit proposes its own quota (from its rank or the
        # collective award's other_units_individuals).
        return award, ("unit", row.unit_id), unit_quota, f"đơn vị '{name}'"
    quota = unit_quota if quota_award == award.id else 0
    return award, ("unit", row.unit_id), quota, f"đơn vị '{name}'"
