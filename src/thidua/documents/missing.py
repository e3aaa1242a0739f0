"""What the office still has to fill by hand in a dossier: its highlighted blanks, by document."""

from __future__ import annotations

from typing import Any

from thidua.documents.context_common import BLANK
from thidua.documents.context_dossier import TIME_BLANK
from thidua.documents.offices import NAME_BLANK

MINUTES_TEMPLATE = "bien-ban.docx"
MEETING_FACTS = (("ngay_goc", "ngày họp"), ("gio_bat_dau", "giờ bắt đầu"),
                 ("gio_ket_thuc", "giờ kết thúc"), ("dia_diem", "địa điểm họp"),
                 ("so_thanh_vien", "thành phần dự họp"), ("tan_thanh", "kết quả biểu quyết"))


def unsigned(context: dict[str, Any], minutes: bool) -> list[str]:
    """'họ tên người ký (TRƯỞNG PHÒNG)' for each signature whose name the definition lacks (a
    biên bản's: the chair's and the secretary's)."""
    van_ban = context.get("van_ban") or {}
    out = []
    for key in ("ky_trai", "ky"):
        sign = van_ban.get(key) or {}
        if sign.get("ho_ten") == NAME_BLANK:
            title = sign.get("chuc_vu") or " ".join(sign.get("dong") or [])
            out.append(f"họ tên người ký ({title})" if title else "họ tên người ký")
    hop = context.get("hop") if minutes else None
    for key, label in (("chu_toa", "chủ tọa"), ("thu_ky", "thư ký")):
        if hop and (hop.get(key) or {}).get("ho_ten") == NAME_BLANK:
            out.append(f"họ tên {label}")
    return out


def meeting_gaps(context: dict[str, Any]) -> list[str]:
    """The facts of the council's meeting a biên bản leaves blank."""
    hop = context.get("hop")
    if not hop:
        return []
    return [label for key, label in MEETING_FACTS if hop.get(key) in (None, "", BLANK, TIME_BLANK)]


def document_gaps(filename: str, template: str, context: dict[str, Any]) -> str | None:
    """'Lê Minh Tâm (UBND xã Hòa An): ngày sinh, …' for a báo cáo thành tích, '02_bien-ban.docx:
    giờ bắt đầu, …' for another document; None when nothing is left to fill."""
    minutes = template == MINUTES_TEMPLATE
    facts = list(context.get("thieu") or []) + (meeting_gaps(context) if minutes else []) + \
        unsigned(context, minutes)
    if not facts:
        return None
    if context.get("thieu") is not None and context.get("ten_de_nghi"):
        person = context["ca_nhan"] if context.get("loai_mau") == "cá nhân" else {}
        unit = person.get("don_vi")
        who = f"{context['ten_de_nghi']}{f' ({unit})' if unit else ''}"
    else:
        who = filename
    return f"{who}: {'; '.join(facts)}"
