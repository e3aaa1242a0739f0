"""Contexts of the council's documents: tờ trình, danh sách, biên bản, quyết định and its list."""

from __future__ import annotations

from typing import Any

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Meeting, Period, Person
from thidua.documents.context_common import BLANK, iso, short_date, two
from thidua.documents.context_results import decision_award_ids, results_data
from thidua.documents.offices import (
    NAME_BLANK,
    decision_block,
    minutes_block,
    reference_date,
    submission_block,
)
from thidua.scoring.results import PeriodResult
from thidua.vietnamese.formatting import format_date

TIME_BLANK = "…… giờ ……"


def _number_date(block: dict[str, Any], kind: str) -> str:
    """'Tờ trình số 12/TTr-PNV ngày 05/12/2023' (blanks while unnumbered)."""
    when = f"ngày {block['ngay_ngan']}" if block["ngay_ngan"] else block["ngay"]
    return f"{kind} số {block['so_ky_hieu_ngan']} {when}"


def _reference(block: dict[str, Any], kind: str) -> str:
    """'Tờ trình số 12/TTr-PNV ngày 05/12/2023 của Phòng Nội vụ'."""
    return f"{_number_date(block, kind)} của {block['ten_co_quan']}"


def _common(loaded: LoadedCampaign, period: Period, result: PeriodResult,
            award_ids: set[str] | None = None) -> dict[str, Any]:
    data = results_data(loaded, period, result, award_ids)
    data["ngay_ap_dung_goc"] = iso(reference_date(loaded.campaign, period))
    return data


def submission_context(loaded: LoadedCampaign, period: Period,
                       result: PeriodResult) -> dict[str, Any]:
    """to-trinh.docx: the standing office asks the chairman to award the listed winners."""
    c = loaded.campaign
    data = _common(loaded, period, result)
    van_ban = submission_block(c, period)
    van_ban["trich_yeu"] = (f"Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích "
                            f"xuất sắc trong {data['phong_trao']['ten_day_du']}")
    meeting = period.meeting
    data.update(van_ban=van_ban, hop=meeting_data(meeting, c.year))
    return data


def annex_context(loaded: LoadedCampaign, period: Period, result: PeriodResult,
                  decision: bool = False) -> dict[str, Any]:
    """danh-sach.docx / quyet-dinh-danh-sach.docx: the list attached to a tờ trình or decision."""
    c = loaded.campaign
    if decision:
        parent = decision_block(c, period)
        ids = decision_award_ids(c, period, parent["ten_co_quan"])
        data = _common(loaded, period, result, ids)
        data["tieu_de"] = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
        data["kem_theo"] = f"(Kèm theo {_reference(parent, 'Quyết định')})"
    else:
        parent = submission_block(c, period)
        data = _common(loaded, period, result)
        data["tieu_de"] = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"
        data["kem_theo"] = f"(Kèm theo {_reference(parent, 'Tờ trình')})"
    data["van_ban"] = parent
    data["trich_yeu"] = (f"Có thành tích xuất sắc trong {data['phong_trao']['ten_day_du']}")
    return data


def decision_context(loaded: LoadedCampaign, period: Period,
                     result: PeriodResult) -> dict[str, Any]:
    """quyet-dinh.docx: the chairman awards the decision-level winners (Điều 1–3)."""
    c = loaded.campaign
    van_ban = decision_block(c, period)
    ids = decision_award_ids(c, period, van_ban["ten_co_quan"])
    data = _common(loaded, period, result, ids)
    forms = sorted({g["hinh_thuc"] for g in data["khen_thuong"]}) or ["khen thưởng"]
    van_ban["trich_yeu"] = (f"Về việc tặng {', '.join(forms)} cho các tập thể, cá nhân có thành "
                            f"tích xuất sắc trong {data['phong_trao']['ten_day_du']}")
    submission = submission_block(c, period)
    data.update(van_ban=van_ban, hinh_thuc=", ".join(forms),
                to_trinh={"trich_dan": _reference(submission, "Tờ trình"),
                          "so_ngay": _number_date(submission, "Tờ trình"),
                          "co_quan": submission["ten_co_quan"],
                          "so_ky_hieu_ngan": submission["so_ky_hieu_ngan"]})
    return data


def _person(person: Person | None) -> dict[str, str]:
    if person is None:
        return {"ho_ten": NAME_BLANK, "chuc_vu": BLANK, "mo_ta": f"{BLANK}"}
    title = person.title or ""
    return {"ho_ten": person.name, "chuc_vu": title,
            "mo_ta": f"{person.name} - {title}" if title else person.name}


def meeting_data(meeting: Meeting | None, year: int) -> dict[str, Any]:
    """The meeting's facts, with clearly marked blanks ("……") for what is not recorded."""
    m = meeting or Meeting()
    votes = m.votes
    present = votes.present if votes and votes.present is not None else None

    def count(value: int | None) -> str:
        return two(value) if value is not None else BLANK

    def share(value: int | None) -> str:
        if value is None or not present:
            return BLANK
        return f"{round(value * 100 / present):d}%"

    attendees = [_person(p) for p in m.attendees]
    return {
        "ngay": format_date(m.date) if m.date else f"ngày {BLANK} tháng {BLANK} năm {year}",
        "ngay_ngan": short_date(m.date), "ngay_goc": iso(m.date),
        "gio_bat_dau": m.start or TIME_BLANK, "gio_ket_thuc": m.end or TIME_BLANK,
        "dia_diem": m.place or BLANK,
        "chu_toa": _person(m.chair), "thu_ky": _person(m.secretary),
        "thanh_vien": attendees or [{"ho_ten": BLANK, "chuc_vu": BLANK, "mo_ta": BLANK}],
        "vang_mat": [_person(p) for p in m.absent],
        "so_thanh_vien": two(len(m.attendees)) if m.attendees else BLANK,
        "so_vang_mat": two(len(m.absent)),
        "so_co_mat": count(present),
        "tan_thanh": count(votes.agree if votes else None),
        "khong_tan_thanh": count(votes.disagree if votes else None),
        "khong_y_kien": count(votes.abstain if votes else None),
        "ty_le_tan_thanh": share(votes.agree if votes else None),
        "ket_luan": list(m.conclusion),
        "da_ghi": meeting is not None,
    }


def minutes_context(loaded: LoadedCampaign, period: Period,
                    result: PeriodResult) -> dict[str, Any]:
    """bien-ban.docx: the council meeting that considered the proposals."""
    c = loaded.campaign
    data = _common(loaded, period, result)
    van_ban = minutes_block(c, period)
    van_ban["trich_yeu"] = (f"Họp xét đề nghị khen thưởng {data['phong_trao']['ten_day_du']}")
    hop = meeting_data(period.meeting, van_ban["nam"])
    if not hop["ket_luan"]:
        hop["ket_luan"] = [
            f"{data['hoi_dong']} thống nhất đề nghị khen thưởng {data['so_tap_the']} tập thể và "
            f"{data['so_ca_nhan']} cá nhân có thành tích xuất sắc trong "
            f"{data['phong_trao']['ten_day_du']} (có danh sách kèm theo)."]
    data.update(van_ban=van_ban, hop=hop,
                co_quan_thuong_truc=submission_block(c, period)["ten_co_quan"])
    return data
