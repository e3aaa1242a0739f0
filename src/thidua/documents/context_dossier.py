"""Contexts of the council's documents: tờ trình, danh sách, biên bản, quyết định and its list."""

from __future__ import annotations

import re
from typing import Any

from thidua.campaign.legal_frame import decision_bases, submission_bases
from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Campaign, Meeting, Period, Person
from thidua.documents.award_sections import decision_articles
from thidua.documents.context_common import BLANK, iso, plan_reference, short_date
from thidua.documents.council import attendance, ballots, count_text, percent_text, tie_lines
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


def whom(data: dict[str, Any]) -> str:
    """'các tập thể, cá nhân', 'tập thể' (one), 'các cá nhân' … as the lists hold."""
    parts = [("các " if n > 1 else "") + word for word, n in
             (("tập thể", data["so_tap_the_goc"]), ("cá nhân", data["so_ca_nhan_goc"])) if n]
    if len(parts) == 2:
        return "các tập thể, cá nhân"
    return parts[0] if parts else "các tập thể, cá nhân"


def _minutes_reference(loaded: LoadedCampaign, period: Period) -> str:
    """'Biên bản số 05/BB-HĐTĐKT ngày 10/01/2024 của Hội đồng … về việc họp xét …'."""
    block = minutes_block(loaded.campaign, period)  # dates in words, as căn cứ write them
    return f"Biên bản số {block['so_ky_hieu_ngan']} {block['ngay']} của {block['ten_co_quan']}"


def submission_context(loaded: LoadedCampaign, period: Period,
                       result: PeriodResult) -> dict[str, Any]:
    """to-trinh.docx: the standing office asks the chairman to award the listed winners."""
    c = loaded.campaign
    data = _common(loaded, period, result)
    van_ban = submission_block(c, period)
    van_ban["trich_yeu"] = (f"Về việc đề nghị khen thưởng {whom(data)} có thành tích "
                            f"xuất sắc trong {data['phong_trao']['ten_day_du']}")
    if not van_ban["can_cu"]:
        on = reference_date(c, period)
        van_ban["can_cu"] = [*submission_bases(on),
                             f"Căn cứ {plan_reference(c)} về việc "
                             f"{data['phong_trao']['trich_yeu_ke_hoach_thuong']};",
                             f"Căn cứ {_minutes_reference(loaded, period)} về việc họp xét đề "
                             f"nghị khen thưởng {data['phong_trao']['ten_day_du']}."]
    meeting = period.meeting
    data.update(van_ban=van_ban, hop=meeting_data(meeting, c.year), doi_tuong_chung=whom(data))
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


def executing_offices(c: Campaign, period: Period) -> str:
    """Who executes the decision (its last article): the campaign's list, else the office of
    the deciding body, the submitting office and the heads of the units concerned."""
    named = list(c.dossier.executing_offices)
    if not named:
        issuer = c.dossier.decision.issuer or c.issuer
        named = [f"Chánh Văn phòng {issuer.short_name or issuer.name}",
                 f"Thủ trưởng {submission_block(c, period)['ten_co_quan']}"]
    return ", ".join([*named, "Thủ trưởng các cơ quan, đơn vị có liên quan"])


def funding_source(c: Campaign, data: dict[str, Any]) -> str:
    """Where the prize money comes from: the definition's, else the deciding body's fund."""
    if data["nguon_kinh_phi"]:
        return data["nguon_kinh_phi"]
    issuer = c.dossier.decision.issuer or c.issuer
    return f"Quỹ Thi đua, khen thưởng của {issuer.name}"


def decision_context(loaded: LoadedCampaign, period: Period,
                     result: PeriodResult) -> dict[str, Any]:
    """quyet-dinh.docx: the chairman awards the decision-level winners, one article per award
    form, then bonus points, money with its funding source and the executing offices."""
    c = loaded.campaign
    van_ban = decision_block(c, period)
    ids = decision_award_ids(c, period, van_ban["ten_co_quan"])
    data = _common(loaded, period, result, ids)
    lines = data["hinh_thuc_khen"]
    forms = [line["hinh_thuc"] for line in lines if line["la_hinh_thuc"]]
    what = ", ".join(forms) if forms else "tiền thưởng"
    van_ban["trich_yeu"] = (f"Về việc tặng {what} cho {whom(data)} có thành "
                            f"tích xuất sắc trong {data['phong_trao']['ten_day_du']}")
    if not van_ban["can_cu"]:
        van_ban["can_cu"] = [*decision_bases(reference_date(c, period)),
                             f"Căn cứ {plan_reference(c)} về việc "
                             f"{data['phong_trao']['trich_yeu_ke_hoach_thuong']};"]
    submission = submission_block(c, period)
    articles = decision_articles(lines, data["diem_cong"], data["nhan_diem_cong"],
                                 data["tong_tien"], funding_source(c, data),
                                 executing_offices(c, period), data["phong_trao"]["ten_day_du"])
    last = articles[-1]["so"].rstrip(".")
    van_ban["noi_nhan"] = [re.sub(r"^(- )?Như Điều \d+", lambda m: f"{m.group(1) or ''}Như {last}",
                                  line) for line in van_ban["noi_nhan"]]
    data.update(van_ban=van_ban, hinh_thuc=what, dieu=articles,
                to_trinh={"trich_dan": _reference(submission, "Tờ trình"),
                          "so_ngay": _number_date(submission, "Tờ trình"),
                          "co_quan": submission["ten_co_quan"],
                          "so_ky_hieu_ngan": submission["so_ky_hieu_ngan"]})
    return data


def _person(person: Person | None) -> dict[str, str]:
    if person is None:
        return {"ho_ten": NAME_BLANK, "chuc_vu": BLANK, "mo_ta": f"{BLANK}"}
    title = ", ".join(x for x in (person.title, person.role) if x)
    return {"ho_ten": person.name, "chuc_vu": title,
            "mo_ta": f"{person.name} - {title}" if title else person.name}


def meeting_data(meeting: Meeting | None, year: int) -> dict[str, Any]:
    """The meeting's facts, with clearly marked blanks ("……") for what is not recorded."""
    m = meeting or Meeting()
    votes = m.votes
    present = votes.present if votes and votes.present is not None else None

    def count(value: int | None) -> str:
        return count_text(value) if value is not None else BLANK

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
        "so_thanh_vien": count_text(len(m.attendees)) if m.attendees else BLANK,
        "so_vang_mat": count_text(len(m.absent)),
        "so_co_mat": count(present),
        "tan_thanh": count(votes.agree if votes else None),
        "khong_tan_thanh": count(votes.disagree if votes else None),
        "khong_y_kien": count(votes.abstain if votes else None),
        "ty_le_tan_thanh": share(votes.agree if votes else None),
        "ket_luan": list(m.conclusion),
        "thao_luan": list(m.discussion),
        "da_ghi": meeting is not None,
    }


def with_members(c: Campaign, meeting: Meeting | None) -> Meeting | None:
    """The meeting's attendees from the council's members when it lists only who was absent."""
    members = c.dossier.council.members
    if meeting is None or meeting.attendees or not members:
        return meeting
    away = {p.name for p in meeting.absent} | {p.name for p in (meeting.chair, meeting.secretary)
                                               if p is not None}
    present = tuple(p for p in members if p.name not in away)
    return meeting.model_copy(update={"attendees": present})


def minutes_context(loaded: LoadedCampaign, period: Period,
                    result: PeriodResult) -> dict[str, Any]:
    """bien-ban.docx: the council meeting that considered the proposals; its approved list is
    annexed (landscape), nominees below the threshold are named and left out."""
    c = loaded.campaign
    data = _common(loaded, period, result)
    van_ban = minutes_block(c, period)
    van_ban["trich_yeu"] = (f"Họp xét đề nghị khen thưởng {data['phong_trao']['ten_day_du']}")
    hop = meeting_data(with_members(c, period.meeting), van_ban["nam"])
    votes = ballots(c, period)
    hop.update(thanh_phan=attendance(c, period), bieu_quyet=[b["text"] for b in votes],
               khong_dat=[b["ten"] for b in votes if not b["dat"]],
               khong_dat_text="; ".join(b["ten"] for b in votes if not b["dat"]),
               bang_diem=tie_lines(c, period, result),
               ty_le_thong_qua=percent_text(c.dossier.council.approval_threshold))
    if not hop["ket_luan"]:
        hop["ket_luan"] = [
            f"{data['hoi_dong']} thống nhất đề nghị khen thưởng {data['doi_tuong_khen']} có "
            f"thành tích xuất sắc trong {data['phong_trao']['ten_day_du']} (có danh sách kèm "
            "theo)."]
    data.update(van_ban=van_ban, hop=hop,
                co_quan_thuong_truc=submission_block(c, period)["ten_co_quan"])
    return data


def minutes_annex_context(loaded: LoadedCampaign, period: Period,
                          result: PeriodResult) -> dict[str, Any]:
    """The list the council approved, annexed to the biên bản."""
    data = _common(loaded, period, result)
    block = minutes_block(loaded.campaign, period)
    data.update(van_ban=block,
                tieu_de="DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC HỘI ĐỒNG THỐNG NHẤT ĐỀ NGHỊ KHEN THƯỞNG",
                trich_yeu=f"Có thành tích xuất sắc trong {data['phong_trao']['ten_day_du']}",
                kem_theo=f"(Kèm theo {_reference(block, 'Biên bản')})")
    return data
