"""Per-unit contexts: phiếu kết quả, báo cáo thành tích (tập thể, cá nhân), bảng tổng hợp."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thidua.campaign.legal_frame import is_honour
from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Campaign, Period, Unit
from thidua.documents.context_common import iso, issuer_block, points, two
from thidua.documents.context_results import (
    figures_list,
    lower_first,
    per_result,
    results_data,
    unit_row,
)
from thidua.documents.award_sections import canonical_forms
from thidua.documents.context_plan import ended
from thidua.documents.context_reports import (
    award_words,
    fact_items,
    form_note,
    in_sentence,
    missing_of_person,
    missing_of_unit,
    person_fields,
    report_issuer,
    result_sentences,
)
from thidua.data.unit_profiles import read_unit_profiles
from thidua.documents.narratives import narrative_folder, person_stem, read_narrative
from thidua.documents.offices import (
    NAME_BLANK,
    office_holder,
    reference_date,
    standing_office_block,
)
from thidua.scoring.pipeline import data_paths
from thidua.scoring.results import Nomination, PeriodResult, UnitResult
from thidua.vietnamese.formatting import format_place_date, upper_vi

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


def _report_van_ban(campaign: Campaign, period: Period, name: str,
                    left: dict[str, str], right: dict[str, str]) -> dict[str, Any]:
    """Header of a báo cáo thành tích (the unit as its own issuer) and its two signatures."""
    issuer = report_issuer(campaign, name)
    block = issuer_block(issuer)
    year = reference_date(campaign, period).year
    block.update({"so_ky_hieu": "", "dia_danh_ngay": format_place_date(issuer.place, None, year),
                  "nam": year, "ky_trai": left, "ky": right})
    return block


def _head_signer(campaign: Campaign, period: Period, unit: Unit | None) -> dict[str, str]:
    """The unit's head: named in the unit list, or as that office's holder in the council or a
    meeting ("Trưởng phòng Tư pháp, Ủy viên"); else a highlighted blank."""
    title = upper_vi(unit.head_title) if unit and unit.head_title else "THỦ TRƯỞNG ĐƠN VỊ"
    name = unit.head if unit and unit.head else ""
    if unit and not name and unit.head_title:
        name = office_holder(campaign, period, unit.head_title, unit.name)
    return {"chuc_vu": title, "ho_ten": name or NAME_BLANK}


def _sections(parts: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    return {key: fact_items(parts.get(key) or [], not parts.get(key)) for key in
            ("dac_diem", "chuc_nang", "thanh_tich", "khen_thuong")}


def _unit_profiles(loaded: LoadedCampaign, period: Period,
                   result: PeriodResult) -> dict[str, dict[str, str]]:
    """The units' own profiles (form sheet 'Đơn vị đề nghị'), read once per dossier."""
    path = data_paths(loaded, period).nominations
    return per_result(result, ("unit-profiles", str(path)), lambda: read_unit_profiles(path))


def _fill_from_profile(parts: dict[str, list[str]], profile: dict[str, str]) -> None:
    """Sections the narrative file leaves empty, from the unit's row of the profile sheet."""
    if not parts["dac_diem"]:
        parts["dac_diem"] = [ended(profile[k], ".") for k in ("dac_diem",) if k in profile]
        if "to_chuc_bo_may" in profile:
            parts["dac_diem"].append("Tổ chức bộ máy, biên chế: "
                                     + ended(profile["to_chuc_bo_may"], "."))
    if not parts["chuc_nang"] and "chuc_nang" in profile:
        parts["chuc_nang"] = [ended(profile["chuc_nang"], ".")]
    if not parts["khen_thuong"] and "khen_thuong_da_nhan" in profile:
        parts["khen_thuong"] = award_history(profile["khen_thuong_da_nhan"])


def award_history(text: str) -> list[str]:
    """'Năm 2022: Giấy khen …; Năm 2023: …' → one sentence per award received."""
    return [ended(x.strip(), ".") for x in text.split(";") if x.strip()]


def _form_name(period: Period, form: str | None) -> str:
    """The award's one printed name (its longest variant in the period)."""
    if not form:
        return ""
    return canonical_forms([a.form for a in period.awards]).get(form, form)


def _proposal(period: Period, form: str | None) -> str:
    """'Đề nghị tặng Giấy khen …'; a prize-only award is no hình thức to be 'tặng'."""
    name = _form_name(period, form)
    return f"Đề nghị tặng {name}" if name and is_honour(name) else "Đề nghị khen thưởng"


def _award(period: Period, award_id: str | None):
    return next((a for a in period.awards if a.id == award_id), None)


def collective_report_context(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                              unit: UnitResult) -> dict[str, Any]:
    """bao-cao-thanh-tich-tap-the.docx for one awarded unit, from its narrative file."""
    c = loaded.campaign
    model_unit = _unit(c, unit.unit_id)
    parts, source = read_narrative(narrative_folder(loaded, period), unit.unit_id)
    _fill_from_profile(parts, _unit_profiles(loaded, period, result).get(unit.unit_id, {}))
    sections = _sections(parts)
    data = results_data(loaded, period, result)
    data.update({
        "van_ban": _report_van_ban(c, period, unit.unit_name,
                                   {"chuc_vu": "XÁC NHẬN CỦA CẤP TRÌNH KHEN", "ho_ten": ""},
                                   _head_signer(c, period, model_unit)),
        "loai_mau": "tập thể", "ten_de_nghi": report_issuer(c, unit.unit_name).name,
        "mau": form_note(c, period, _award(period, unit.award_id), individual=False),
        "don_vi": unit_result_data(c, result, unit),
        "ket_qua": result_sentences(c, unit, _scope_size(result, c, unit),
                                    unit_result_data(c, result, unit)["tong_diem_text"]),
        "hinh_thuc_de_nghi": _form_name(period, unit.award_form),
        "de_nghi_tang": _proposal(period, unit.award_form),
        "ket_qua_khen": award_words(unit, is_honour(unit.award_form or "")),
        "bao_cao": sections, "tep_bao_cao": source,
        "thieu": missing_of_unit(sections),
        "ngay_ap_dung_goc": iso(reference_date(c, period)),
    })
    return data


def person_report_context(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                          person: Nomination) -> dict[str, Any]:
    """bao-cao-thanh-tich-ca-nhan.docx for one nominated individual, from the nominations
    sheet's profile columns and the person's narrative file."""
    c = loaded.campaign
    model_unit = _unit(c, person.unit_id)
    parts, source = read_narrative(narrative_folder(loaded, period),
                                   person_stem(person.unit_id, person.full_name))
    profile = dict(person.profile)
    if not parts["thanh_tich"] and person.achievements:
        parts["thanh_tich"] = [ended(person.achievements, ".")]
    if not parts["chuc_nang"] and profile.get("nhiem_vu"):
        parts["chuc_nang"] = [ended(profile["nhiem_vu"], ".")]
    if not parts["khen_thuong"] and profile.get("khen_thuong_da_nhan"):
        parts["khen_thuong"] = award_history(profile["khen_thuong_da_nhan"])
    sections = _sections(parts)
    sections["dac_diem"] = fact_items(parts.get("dac_diem") or [], False)
    unit = result.unit(person.unit_id)
    data = results_data(loaded, period, result)
    data.update({
        "van_ban": _report_van_ban(c, period, person.unit_name,
                                   {"chuc_vu": "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ",
                                    "ho_ten": _head_signer(c, period, model_unit)["ho_ten"]},
                                   {"chuc_vu": "NGƯỜI BÁO CÁO THÀNH TÍCH",
                                    "ho_ten": person.full_name}),
        "loai_mau": "cá nhân", "ten_de_nghi": person.full_name,
        "mau": form_note(c, period, _award(period, person.award_id), individual=True),
        "ca_nhan": {"ho_ten": person.full_name, "chuc_vu": person.position,
                    "don_vi": person.unit_name, "ma_don_vi": person.unit_id,
                    "don_vi_trong_cau": in_sentence(person.unit_name),
                    "thanh_tich": person.achievements, "ly_lich": person_fields(person)},
        "don_vi": unit_result_data(c, result, unit) if unit else {},
        "hinh_thuc_de_nghi": _form_name(period, person.award_form),
        "de_nghi_tang": _proposal(period, person.award_form),
        "xep_thu": (lower_first(result_sentences(c, unit, _scope_size(result, c, unit))[-1])
                    if unit and unit.rank and unit.award_id else ""),
        "bao_cao": sections, "tep_bao_cao": source,
        "thieu": missing_of_person(person, sections),
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
