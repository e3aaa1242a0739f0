"""Per-unit contexts: phiếu kết quả, báo cáo thành tích (tập thể, cá nhân), bảng tổng hợp."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Campaign, Issuer, Period, Unit
from thidua.documents.context_common import iso, issuer_block, parent_line, points, two
from thidua.documents.context_results import (
    figures_list,
    per_result,
    results_data,
    unit_row,
)
from thidua.documents.narratives import narrative_folder, person_stem, read_narrative
from thidua.documents.offices import NAME_BLANK, reference_date, standing_office_block
from thidua.scoring.results import Nomination, PeriodResult, UnitResult
from thidua.vietnamese.formatting import format_place_date, upper_vi

PLACEHOLDERS = {
    "dac_diem": "[Đơn vị bổ sung: sơ lược đặc điểm, tình hình của đơn vị (tổ chức bộ máy, "
                "biên chế, cơ sở vật chất, thuận lợi, khó khăn)]",
    "chuc_nang": "[Đơn vị bổ sung: chức năng, nhiệm vụ được giao]",
    "thanh_tich": "[Đơn vị bổ sung: thành tích nổi bật, giải pháp, sáng kiến đã thực hiện "
                  "trong phong trào thi đua]",
    "khen_thuong": "[Đơn vị bổ sung: các hình thức khen thưởng đã được tặng (năm, số, ngày "
                   "của quyết định)]",
}
PERSON_PLACEHOLDERS = {
    "dac_diem": "[Cá nhân bổ sung: ngày sinh, quê quán, trình độ chuyên môn, quá trình công tác]",
    "chuc_nang": "[Cá nhân bổ sung: nhiệm vụ được giao]",
    "thanh_tich": "[Cá nhân bổ sung: thành tích nổi bật trong phong trào thi đua]",
    "khen_thuong": "[Cá nhân bổ sung: các hình thức khen thưởng đã được tặng]",
}


def criterion_rows(unit: UnitResult) -> list[dict[str, Any]]:
    rows = []
    for i, score in enumerate(unit.criteria, 1):
        if score.met is not None and score.max_points == 0:
            standard, got = "Chỉ tiêu", "Đạt" if score.met else "Không đạt"
        else:
            standard = points(score.max_points) if score.max_points else "Trừ điểm"
            got = points(score.points)
        rows.append({"stt": str(i), "ma": score.criterion_id, "tieu_chi": score.title,
                     "diem_chuan": standard, "diem_chuan_goc": points(score.max_points),
                     "giai_trinh": score.explanation or "", "diem": got,
                     "diem_goc": str(score.points), "dat": score.met,
                     "loai_khoi_xep_hang": score.excludes})
    return rows


def total_text(total: Decimal, maximum: Decimal) -> str:
    """A unit's total against the standard points: "95,50/100 điểm"; above it (uncapped bonus
    steps) "220,00 điểm (điểm chuẩn 100, gồm điểm thưởng)" instead of an impossible 220/100."""
    if total > maximum:
        return f"{points(total)} điểm (điểm chuẩn {points(maximum)}, gồm điểm thưởng)"
    return f"{points(total)}/{points(maximum)} điểm"


def _scope_size(result: PeriodResult, campaign: Campaign, unit: UnitResult) -> int:
    """How many units are ranked in the unit's scope (counted once per result, not per unit)."""
    def count() -> dict[str | None, int]:
        ranked = [u for u in result.units if u.rank is not None]
        sizes: dict[str | None, int] = {None: len(ranked)}
        for u in ranked:
            sizes[u.group_id] = sizes.get(u.group_id, 0) + 1
        return sizes

    sizes = per_result(result, ("scope-sizes",), count)
    return sizes[None] if campaign.scoring.ranking == "overall" else sizes.get(unit.group_id, 0)


def unit_result_data(campaign: Campaign, result: PeriodResult, unit: UnitResult) -> dict[str, Any]:
    row = unit_row(unit, 1)
    size = _scope_size(result, campaign, unit)
    scope = "" if campaign.scoring.ranking == "overall" else f" {unit.group_name[:1].lower()}{unit.group_name[1:]}"
    maximum = sum((s.max_points for s in unit.criteria), Decimal(0))
    row.update({
        "tieu_chi": criterion_rows(unit), "so_lieu": figures_list(campaign, unit),
        "tong_diem_chuan": points(maximum),
        "tong_diem_text": total_text(unit.total, maximum),
        "xep_hang_text": (f"{unit.rank}/{size} đơn vị{scope}" if unit.rank else
                          "không xếp hạng"),
    })
    return row


def _unit(campaign: Campaign, unit_id: str) -> Unit | None:
    return next((u for _, u in campaign.units() if u.id == unit_id), None)


def unit_issuer(campaign: Campaign, unit: Unit | None, name: str) -> Issuer:
    """The unit as the issuer of its own báo cáo thành tích, under the campaign's body."""
    full = "Ủy ban nhân dân " + name[5:] if name.startswith("UBND ") else name
    return Issuer(parent=parent_line(campaign.issuer), name=full, symbol="",
                  place=campaign.issuer.place)


def _report_van_ban(campaign: Campaign, period: Period, unit: Unit | None, name: str,
                    left: dict[str, str], right: dict[str, str]) -> dict[str, Any]:
    """Header of a báo cáo thành tích (the unit under its parent body) and its two signatures."""
    issuer = unit_issuer(campaign, unit, name)
    block = issuer_block(issuer)
    year = reference_date(campaign, period).year
    block.update({"so_ky_hieu": "", "dia_danh_ngay": format_place_date(issuer.place, None, year),
                  "nam": year, "ky_trai": left, "ky": right})
    return block


def _head_name(unit: Unit | None) -> str:
    return unit.head if unit and unit.head else NAME_BLANK


def _head_signer(unit: Unit | None) -> dict[str, str]:
    title = upper_vi(unit.head_title) if unit and unit.head_title else "THỦ TRƯỞNG ĐƠN VỊ"
    return {"chuc_vu": title, "ho_ten": _head_name(unit)}


def _narrative(parts: dict[str, list[str]], defaults: dict[str, str]) -> dict[str, list[str]]:
    return {key: parts.get(key) or [text] for key, text in defaults.items()}


def collective_report_context(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                              unit: UnitResult) -> dict[str, Any]:
    """bao-cao-thanh-tich-tap-the.docx for one awarded unit."""
    c = loaded.campaign
    model_unit = _unit(c, unit.unit_id)
    parts, source = read_narrative(narrative_folder(loaded, period), unit.unit_id)
    data = results_data(loaded, period, result)
    data.update({
        "van_ban": _report_van_ban(c, period, model_unit, unit.unit_name,
                                   {"chuc_vu": "XÁC NHẬN CỦA CẤP TRÌNH KHEN", "ho_ten": ""},
                                   _head_signer(model_unit)),
        "loai_mau": "tập thể", "ten_de_nghi": unit.unit_name,
        "don_vi": unit_result_data(c, result, unit),
        "hinh_thuc_de_nghi": unit.award_form or "",
        "bao_cao": _narrative(parts, PLACEHOLDERS), "tep_bao_cao": source,
        "ngay_ap_dung_goc": iso(reference_date(c, period)),
    })
    return data


def person_report_context(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                          person: Nomination) -> dict[str, Any]:
    """bao-cao-thanh-tich-ca-nhan.docx for one nominated individual."""
    c = loaded.campaign
    model_unit = _unit(c, person.unit_id)
    parts, source = read_narrative(narrative_folder(loaded, period),
                                   person_stem(person.unit_id, person.full_name))
    if not parts["thanh_tich"] and person.achievements:
        parts["thanh_tich"] = [person.achievements]
    unit = result.unit(person.unit_id)
    data = results_data(loaded, period, result)
    data.update({
        "van_ban": _report_van_ban(c, period, model_unit, person.unit_name,
                                   {"chuc_vu": "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN",
                                    "ho_ten": _head_name(model_unit)},
                                   {"chuc_vu": "NGƯỜI BÁO CÁO THÀNH TÍCH",
                                    "ho_ten": person.full_name}),
        "loai_mau": "cá nhân", "ten_de_nghi": person.full_name,
        "ca_nhan": {"ho_ten": person.full_name, "chuc_vu": person.position,
                    "don_vi": person.unit_name, "ma_don_vi": person.unit_id,
                    "thanh_tich": person.achievements},
        "don_vi": unit_result_data(c, result, unit) if unit else {},
        "hinh_thuc_de_nghi": person.award_form or "",
        "bao_cao": _narrative(parts, PERSON_PLACEHOLDERS), "tep_bao_cao": source,
        "ngay_ap_dung_goc": iso(reference_date(c, period)),
    })
    return data


def result_sheet_context(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                         unit: UnitResult) -> dict[str, Any]:
    """phieu-ket-qua.docx: one unit's points per criterion, total, rank and award."""
    c = loaded.campaign
    van_ban = standing_office_block(c, period, "PKQ", first_recipient="Như trên")
    van_ban["so_ky_hieu"] = ""  # a phiếu is not entered in the register of documents
    data = results_data(loaded, period, result)
    van_ban["trich_yeu"] = f"Kết quả chấm điểm {data['phong_trao']['ten_day_du']}"
    van_ban["kinh_gui"] = unit.unit_name
    data.update(van_ban=van_ban, don_vi=unit_result_data(c, result, unit))
    return data


def _column_label(index: int, label: str | None) -> str:
    return label or f"Tiêu chí {index}"


def score_table_context(loaded: LoadedCampaign, period: Period,
                        result: PeriodResult) -> dict[str, Any]:
    """bang-tong-hop.docx: the standing office's report with the score table annexed."""
    c = loaded.campaign
    van_ban = standing_office_block(c, period, "BC", first_recipient="Như trên")
    data = results_data(loaded, period, result)
    van_ban["trich_yeu"] = f"Kết quả chấm điểm, xếp hạng {data['phong_trao']['ten_day_du']}"
    van_ban["kinh_gui"] = c.dossier.council_name
    labels = {cr.id: cr.label for cr in c.scoring.criteria}
    tables = []
    for group_id in dict.fromkeys(u.group_id for u in result.units):
        members = [u for u in result.units if u.group_id == group_id]
        first = members[0]
        columns = [{"ma": s.criterion_id, "ten": _column_label(i, labels.get(s.criterion_id)),
                    "tieu_de": s.title, "diem_chuan": points(s.max_points)}
                   for i, s in enumerate(first.criteria, 1)]
        rows = []
        for i, unit in enumerate(members, 1):
            row = unit_row(unit, i)
            row["diem"] = [points(s.points) for s in unit.criteria]
            notes = list(unit.ineligible_reasons) + ([unit.tie_note] if unit.tie_note else [])
            row["ghi_chu"] = "; ".join(notes)
            rows.append(row)
        tables.append({"nhom": first.group_name, "cot": columns, "dong": rows})
    excluded = [f"{u.unit_name}: {'; '.join(u.ineligible_reasons)}"
                for u in result.units if not u.eligible]
    data.update(van_ban=van_ban, bang=tables, khong_du_dieu_kien=excluded,
                so_don_vi_khong_du_dieu_kien=two(len(excluded)),
                bao_cao={"kem_theo": ""})
    data["bao_cao"]["kem_theo"] = (f"(Kèm theo Báo cáo số {van_ban['so_ky_hieu_ngan']} "
                                   f"{van_ban['ngay']} của {van_ban['ten_co_quan']})")
    return data
