"""Computed results as plain data: awarded units, nominees, award groups, totals, unit figures."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from thidua.campaign.legal_frame import own_award_ids
from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Award, Campaign, Period
from thidua.documents.context_common import (
    BLANK,
    campaign_name,
    iso,
    money,
    num,
    period_phrase,
    plan_reference,
    points,
    points_phrase,
    two,
)
from thidua.documents.award_sections import (
    NO_RANK,
    award_lines,
    bonus_lines,
    list_sections,
    proposal_sentences,
)
from thidua.documents.council import list_rejected, rejected
from thidua.scoring.results import PeriodResult, UnitResult
from thidua.vietnamese.formatting import format_money, format_number

AWARDED_WITHOUT_RANK = NO_RANK  # the rank column of a unit whose award has no named ranks


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _in_sentence(label: str) -> str:
    """A label inside a sentence: first letter in lower case, unless it opens an acronym."""
    return label if label[1:2].isupper() else lower_first(label)


def figure_text(campaign: Campaign, metric_id: str, value: Any) -> str:
    """A unit's reported figure as printed: "1.860 hồ sơ", "96,8%", "có"."""
    metric = campaign.metric(metric_id)
    if value is None or value == "":
        return BLANK
    if metric is None:
        return str(value)
    if metric.type == "percent" and isinstance(value, (Decimal, int, float)):
        return format_number((Decimal(str(value)) * 100).normalize()) + "%"
    if metric.type == "yes_no":
        return "có" if value else "không"
    if isinstance(value, (Decimal, int, float)):
        text = format_number(Decimal(str(value)).normalize())
        return f"{text} {metric.unit}" if metric.unit and metric.unit != "%" else text
    return str(value)


def figures_list(campaign: Campaign, unit: UnitResult) -> list[dict[str, Any]]:
    """The unit's figures, only of the metrics its group reports (metrics[].groups)."""
    out = []
    for metric in campaign.metrics:
        applies = metric.groups is None or unit.group_id in metric.groups
        if applies and metric.id in unit.figures:
            value = unit.figures[metric.id]
            out.append({"ma": metric.id, "ten": metric.label,
                        "ten_trong_cau": _in_sentence(metric.label),
                        "gia_tri": figure_text(campaign, metric.id, value),
                        "gia_tri_goc": num(value) if isinstance(value, Decimal) else value})
    return out


def unit_row(unit: UnitResult, stt: int) -> dict[str, Any]:
    """One unit as a table row: names, total, rank, award, prize (formatted and raw)."""
    award = unit.award or ""
    form = unit.award_form or ""
    rank_name = award if award and award != form else ""
    return {
        "stt": str(stt), "ma": unit.unit_id, "ten": unit.unit_name,
        "nhom": unit.group_name, "ma_nhom": unit.group_id,
        "tong_diem": points(unit.total), "tong_diem_goc": num(unit.total),
        "xep_hang": str(unit.rank) if unit.rank else "", "xep_hang_goc": unit.rank,
        "du_dieu_kien": unit.eligible,
        "ly_do_khong_xet": "; ".join(unit.ineligible_reasons),
        "hinh_thuc": form, "hang": rank_name, "ma_khen_thuong": unit.award_id or "",
        "hang_khen": rank_name or (AWARDED_WITHOUT_RANK if unit.award_id else ""),
        "khen_thuong": ", ".join(x for x in (form, rank_name) if x),
        "tien_thuong": format_money(unit.prize) if unit.prize else "",
        "tien_thuong_goc": unit.prize,
        "diem_cong": points(unit.bonus_points) if unit.bonus_points else "",
        "so_ca_nhan": unit.individuals_quota,
        "bang_diem": unit.tie, "ghi_chu_bang_diem": unit.tie_note or "",
    }


def _folded_words(text: str) -> list[str]:
    """Words without case or diacritics, to compare names: "Phòng Nội vụ" → phong, noi, vu."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()


def position_with_unit(position: str, unit: str) -> str:
    """'Chuyên viên, Phòng Nội vụ'; the unit is not repeated when the position names it.

    "Phó Trưởng phòng Nội vụ" + "Phòng Nội vụ" stays as it is; "Phó Chủ tịch UBND xã" +
    "UBND xã Hòa An" becomes "Phó Chủ tịch UBND xã Hòa An".
    """
    if not position or not unit:
        return position or unit
    said, named = _folded_words(position), _folded_words(unit)
    if any(said[i:i + len(named)] == named for i in range(len(said) - len(named) + 1)):
        return position
    for overlap in range(min(len(said), len(named) - 1), 1, -1):
        if said[-overlap:] == named[:overlap]:
            return " ".join([position, *unit.split()[overlap:]])
    return f"{position}, {unit}"


def person_rows(result: PeriodResult, award_ids: set[str] | None = None) -> list[dict[str, Any]]:
    rows = []
    for n in result.nominations:
        if award_ids is not None and n.award_id not in award_ids:
            continue
        rows.append({"stt": str(len(rows) + 1), "ho_ten": n.full_name, "chuc_vu": n.position,
                     "ma_don_vi": n.unit_id, "don_vi": n.unit_name,
                     "chuc_vu_don_vi": position_with_unit(n.position or "", n.unit_name or ""),
                     "thanh_tich": n.achievements, "hinh_thuc": n.award_form or "",
                     "ma_khen_thuong": n.award_id or "",
                     "tien_thuong": format_money(n.prize) if n.prize else "",
                     "tien_thuong_goc": n.prize})
    return rows


def award_scope(campaign: Campaign, award: Award) -> str:
    """The groups an award is limited to, in words ("các tổ dân phố"); "" when it covers all."""
    every = [g.id for g in campaign.participants.groups]
    if award.groups is None or set(every) <= set(award.groups):
        return ""
    return "; ".join(lower_first(g.name) for g in campaign.participants.groups
                     if g.id in award.groups)


def award_groups(campaign: Campaign, period: Period, units: list[dict[str, Any]],
                 people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The awards of the period with their collectives and individuals, in plan order."""
    out = []
    for award in period.awards:
        mine = [u for u in units if u["ma_khen_thuong"] == award.id]
        persons = [p for p in people if p["ma_khen_thuong"] == award.id]
        if not (mine or persons):
            continue
        prize = sum(u["tien_thuong_goc"] for u in mine) + sum(p["tien_thuong_goc"] for p in persons)
        out.append({"ma": award.id, "hinh_thuc": award.form, "cap": award.level,
                    "nhom": award_scope(campaign, award),
                    "tap_the": mine, "ca_nhan": persons,
                    "so_tap_the": two(len(mine)), "so_ca_nhan": two(len(persons)),
                    "tien_thuong": money(prize), "nguon_kinh_phi": award.funding or ""})
    return out


def who_text(collectives: int, persons: int) -> str:
    """'05 tập thể và 28 cá nhân' (a part with none is left out)."""
    parts = [f"{two(collectives)} tập thể" if collectives else "",
             f"{two(persons)} cá nhân" if persons else ""]
    return " và ".join(p for p in parts if p) or "0 tập thể"


def renumber(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(row, stt=str(i)) for i, row in enumerate(rows, 1)]


_MEMO: dict[tuple[Any, ...], tuple[PeriodResult, Any]] = {}


def per_result(result: PeriodResult, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Compute something once per result (a dossier has one result and up to thousands of
    documents); the result object is kept with the value so a reused id() cannot match."""
    full_key = (id(result), *key)
    cached = _MEMO.get(full_key)
    if cached is None or cached[0] is not result:
        if len(_MEMO) > 64:
            _MEMO.clear()
        cached = (result, compute())
        _MEMO[full_key] = cached
    return cached[1]


def results_data(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                 award_ids: set[str] | None = None) -> dict[str, Any]:
    """Period, campaign and award lists shared by the dossier documents.

    award_ids restricts the lists to some awards (a decision covers only its own level).
    Computed once per result and shared by every document of the dossier (a thousand
    phiếu would otherwise each carry their own copy of the award lists); callers get a
    fresh top-level dict and must not modify the nested lists.
    """
    key = ("results", loaded.id, period.id, frozenset(award_ids) if award_ids else None)
    return dict(per_result(result, key,
                           lambda: _results_data(loaded, period, result, award_ids)))


def _results_data(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                  award_ids: set[str] | None) -> dict[str, Any]:
    c = loaded.campaign
    refused = rejected(c, period)
    whole_list_refused = list_rejected(c, period)
    units = renumber([unit_row(u, 0) for u in result.awarded
                      if (award_ids is None or u.award_id in award_ids)
                      and not whole_list_refused
                      and not {u.unit_id, u.unit_name, u.award_id or ""} & refused])
    people = [] if whole_list_refused else renumber(
        [p for p in person_rows(result, award_ids)
         if not {p["ho_ten"], p["ma_khen_thuong"]} & refused])
    groups = award_groups(c, period, units, people)
    unit_money = sum(u["tien_thuong_goc"] for u in units)
    person_money = sum(p["tien_thuong_goc"] for p in people)
    funding = c.dossier.funding or next((a.funding for a in period.awards if a.funding), "")
    return {
        "dot": {"ma": period.id, "ten": period.name, "ten_thuong": lower_first(period.name),
                "tu_ngay_goc": iso(period.start), "den_ngay_goc": iso(period.end)},
        "phong_trao": {"ten": campaign_name(c), "ten_day_du": period_phrase(c, period.name),
                       "trich_yeu_ke_hoach": c.title,
                       "trich_yeu_ke_hoach_thuong": lower_first(c.title),
                       "ke_hoach": plan_reference(c),
                       "co_quan": c.issuer.name, "nam": c.year},
        "hoi_dong": c.dossier.council_name,
        "tap_the": units, "ca_nhan": people, "khen_thuong": groups,
        "de_nghi": proposal_sentences(award_lines(c, period, units, people)),
        "hinh_thuc_khen": award_lines(c, period, units, people),
        "danh_sach": list_sections(c, period, units, people),
        "diem_cong": bonus_lines(units),
        "diem_cong_text": "; ".join(bonus_lines(units)),
        "so_tap_the": two(len(units)), "so_tap_the_goc": len(units),
        "so_ca_nhan": two(len(people)), "so_ca_nhan_goc": len(people),
        "tong_tien": money(unit_money + person_money),
        "tien_tap_the": money(unit_money), "tien_ca_nhan": money(person_money),
        "doi_tuong_khen": who_text(len(units), len(people)),
        "so_muc": {"tap_the": "I" if units else "", "ca_nhan": "II" if units else "I"},
        "nhan_diem_cong": c.dossier.bonus_points_label,
        "nhan_diem_cong_sau_so": points_phrase(c.dossier.bonus_points_label),
        "nguon_kinh_phi": funding,
        "co_cham_diem": bool(c.scoring.criteria),
        "so_don_vi_cham": two(len(result.units)),
        "so_don_vi_du_dieu_kien": two(sum(1 for u in result.units if u.eligible)),
    }


def decision_award_ids(campaign: Campaign, period: Period, issuer_name: str) -> set[str]:
    """Awards the deciding body grants itself (legal_frame.own_award_ids)."""
    del issuer_name  # the decision's issuer comes from the campaign (dossier.decision.issuer)
    return own_award_ids(campaign, period)
