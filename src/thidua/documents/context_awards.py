"""Award wording for the Kế hoạch: forms, ranks with counts and prizes, quotas, caps, bonus points."""

from __future__ import annotations

from typing import Any

from thidua.campaign.model import Award, Campaign, Period, Rank
from thidua.documents.context_common import points, two
from thidua.scoring.awards import prize_for
from thidua.vietnamese.formatting import format_money, format_number


def rank_prize(campaign: Campaign, rank: Rank) -> int:
    """Prize per unit in đồng, exactly as scoring pays it (0 when the plan gives none)."""
    return prize_for(rank, campaign.dossier.base_salary)


def _group_names(campaign: Campaign, ids: tuple[str, ...] | None) -> str:
    if not ids:
        return ""
    names = [g.name for g in campaign.participants.groups if g.id in ids]
    return ", ".join(n[:1].lower() + n[1:] for n in names)


def _rank_line(campaign: Campaign, award: Award, rank: Rank) -> str:
    who = "đơn vị" if award.recipients == "collective" else "cá nhân"
    line = f"- {two(rank.count)} {who}"
    if rank.name:
        line += f" {rank.name[:1].lower()}{rank.name[1:]}"
    prize = rank_prize(campaign, rank)
    if prize:
        line += f", kèm theo tiền thưởng {format_money(prize)} đồng"
        if rank.prize_coefficient is not None and rank.prize is None:
            line += f" ({format_number(rank.prize_coefficient)} lần mức lương cơ sở)"
        if rank.count > 1:
            line += f"/{who}"
    return line + "."


def _quota_line(award: Award) -> str | None:
    parts = [f"đơn vị {r.name[:1].lower()}{r.name[1:]}: {two(r.individuals)} cá nhân"
             for r in award.ranks if r.name and r.individuals is not None]
    if not parts:
        return None
    tail = ""
    if award.other_units_individuals is not None:
        tail = (f", những đơn vị còn lại mỗi đơn vị xét chọn "
                f"{two(award.other_units_individuals)} cá nhân")
    return f"- Xét chọn cá nhân có thành tích xuất sắc đề nghị khen thưởng ({'; '.join(parts)}{tail})."


def award_lines(campaign: Campaign, award: Award) -> list[str]:
    """Generated wording of one award (used when the plan gives no text of its own)."""
    target = "các tập thể" if award.recipients == "collective" else "các cá nhân"
    groups = _group_names(campaign, award.groups)
    lines = [f"Tặng {award.form} cho {target}" + (f" thuộc {groups}" if groups else "") + ":"]
    lines += [_rank_line(campaign, award, r) for r in award.ranks]
    if award.individuals is not None:
        lines.append(f"- Xét chọn {two(award.individuals)} cá nhân có thành tích xuất sắc.")
    if award.max_units is not None:
        lines.append(f"- Tổng số: không quá {two(award.max_units)} tập thể.")
    for gid, cap in award.caps.items():
        group = campaign.group(gid)
        lines.append(f"- {group.name if group else gid}: xét chọn không quá {two(cap)} tập thể.")
    quota = _quota_line(award)
    if quota:
        lines.append(quota)
    if award.individuals_per_unit is not None:
        lines.append(f"- Mỗi tập thể được khen thưởng, đề nghị khen thưởng "
                     f"{two(award.individuals_per_unit)} cá nhân.")
    elif award.other_units_individuals is not None and not quota:
        lines.append(f"- Mỗi đơn vị xét chọn {two(award.other_units_individuals)} cá nhân.")
    if award.funding:
        lines.append(f"- Kinh phí khen thưởng: {award.funding}.")
    return lines


def bonus_lines(campaign: Campaign, period: Period) -> list[str]:
    """'a) Hạng Nhất: 03 điểm.' for each rank with bonus points."""
    lines = []
    for award in period.awards:
        for rank in award.ranks:
            if rank.bonus_points:
                name = rank.name or award.form
                lines.append(f"{name}: {_bonus(rank)} điểm.")
    return lines


def _bonus(rank: Rank) -> str:
    value = rank.bonus_points
    text = points(value)
    return f"0{text}" if value == value.to_integral_value() and 0 <= value < 10 else text


def period_award_data(campaign: Campaign, period: Period) -> list[dict[str, Any]]:
    """Structured awards of a period for custom templates."""
    out = []
    for award in period.awards:
        out.append({
            "ma": award.id, "hinh_thuc": award.form, "cap": award.level,
            "doi_tuong": "tập thể" if award.recipients == "collective" else "cá nhân",
            "hang": [{"ten": r.name or "", "so_luong": two(r.count), "so_luong_goc": r.count,
                      "tien_thuong": format_money(rank_prize(campaign, r)),
                      "tien_thuong_goc": rank_prize(campaign, r),
                      "diem_cong": points(r.bonus_points) if r.bonus_points is not None else "",
                      "so_ca_nhan": r.individuals} for r in award.ranks],
            "dien_giai": list(award.text) or award_lines(campaign, award),
        })
    return out
