"""Check the nominations sheet against the period's quotas and give each nomination its award."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from thidua.campaign.model import Award, Period
from thidua.data.nominations import NominationRow, NominationSheet
from thidua.data.tables import normalize_header
from thidua.errors import DataError, Problem
from thidua.scoring.awards import (
    individual_award_quota,
    PrizeBasis,
    individual_prize,
    unit_quotas_apply,
)
from thidua.scoring.results import Nomination


@dataclass(frozen=True)
class QuotaContext:
    """What the check needs from scoring and allocation."""

    unit_names: Mapping[str, str]
    unit_groups: Mapping[str, str]
    quotas: Mapping[str, tuple[int, str | None]]   # unit → (individuals, award id)
    tied: frozenset[str]
    prizes: PrizeBasis | None = None


@dataclass(frozen=True)
class _Quota:
    """One limit a nomination counts against: a unit's quota or an award's total."""

    pool: tuple[str, str]          # ("unit", unit id) or ("award", award id)
    limit: int
    who: str                       # "đơn vị '…'" or "hình thức '…' (…)"
    reason: str = ""               # why the limit is 0, when it is


def check_nominations(sheet: NominationSheet, period: Period,
                      ctx: QuotaContext) -> tuple[tuple[Nomination, ...], tuple[str, ...]]:
    """Nominations with their award; DataError (file, row, column) when a quota is exceeded.

    A nomination counts against every quota that applies to it (see awards.py): its unit's
    quota and, for an individual award with a stated total, that total.
    """
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
        award, quotas, why = _resolve(row, award, period, ctx)
        if award is None:
            problems.append(Problem(why, sheet.location(row.row, "ma_don_vi")))
            continue
        exceeded = _count(row, quotas, used, ctx, warnings, sheet.file)
        if exceeded:
            problems.append(Problem(exceeded, sheet.location(row.row, "ma_don_vi")))
            continue
        prize = individual_prize(award, ctx.prizes)
        out.append(Nomination(row.full_name, row.position, row.unit_id,
                              ctx.unit_names[row.unit_id], row.achievements, award.id,
                              award.form, prize, row.profile))
    if problems:
        raise DataError(problems)
    return tuple(out), tuple(warnings)


def _count(row: NominationRow, quotas: list[_Quota], used: dict[tuple[str, str], int],
           ctx: QuotaContext, warnings: list[str], file: str) -> str | None:
    """Count the nomination in each of its quotas; the message of the first one exceeded."""
    for quota in quotas:
        count = used[quota.pool] = used.get(quota.pool, 0) + 1
        if quota.pool[0] == "unit" and row.unit_id in ctx.tied:
            warnings.append(f"{file}: dòng {row.row}: chỉ tiêu cá nhân của "
                            f"'{row.unit_id}' chờ Hội đồng quyết định thứ tự")
            continue
        if count <= quota.limit:
            continue
        if quota.limit == 0 and quota.reason:
            return f"{quota.who} không được đề nghị cá nhân: {quota.reason}"
        return f"{quota.who} chỉ được đề nghị {quota.limit} cá nhân; đây là người thứ {count}"
    return None


def _resolve(row: NominationRow, award: Award | None, period: Period,
             ctx: QuotaContext) -> tuple[Award | None, list[_Quota], str]:
    """(award, the quotas the nomination counts against, problem when award is None)."""
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
                return None, [], (
                    f"đơn vị '{name}' không có chỉ tiêu đề nghị cá nhân trong đợt này"
                    if not fits else "ghi rõ hình thức khen thưởng (cột hinh_thuc)")
            award = fits[0]
    unit = _Quota(("unit", row.unit_id), unit_quota, f"đơn vị '{name}'",
                  "chỉ tiêu cá nhân của đơn vị theo khen thưởng tập thể của đợt này là 0")
    if award.recipients == "individual":
        if award.groups is not None and group not in award.groups:
            return None, [], f"đơn vị '{name}' không thuộc nhóm được xét {award.form}"
        if award.individuals is None and not award.ranks:
            # No total stated: each unit proposes its own quota (from its rank or the
            # collective award's other_units_individuals).
            return award, [unit], ""
        total = _Quota(("award", award.id), individual_award_quota(award),
                       f"hình thức '{award.id}' ({award.form})")
        return award, ([unit, total] if unit_quotas_apply(period, group) else [total]), ""
    if quota_award != award.id:
        unit = _Quota(("unit", f"{row.unit_id}/{award.id}"), 0, unit.who,
                      f"đơn vị không có chỉ tiêu theo hình thức '{award.id}' ({award.form})")
    return award, [unit], ""
