"""Which documents exist, and the context (plain data) each template receives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Period
from thidua.documents.context_dossier import (
    annex_context,
    decision_context,
    minutes_context,
    submission_context,
)
from thidua.documents.context_plan import plan_context
from thidua.documents.context_units import (
    collective_report_context,
    person_report_context,
    result_sheet_context,
    score_table_context,
)
from thidua.errors import CouncilDecisionNeeded, ThiduaError
from thidua.scoring.pipeline import data_paths, score_period, select_period
from thidua.scoring.results import Nomination, PeriodResult, UnitResult
from thidua.vietnamese.formatting import format_number


@dataclass(frozen=True)
class DocumentKind:
    """A document: its template, what it is about, and whether it needs a unit/person."""

    name: str
    template: str
    label: str
    target: str = ""  # "" (the period), "unit", "awarded unit" or "person"


DOCUMENTS: dict[str, DocumentKind] = {d.name: d for d in (
    DocumentKind("ke-hoach", "ke-hoach.docx", "Kế hoạch"),
    DocumentKind("to-trinh", "to-trinh.docx", "Tờ trình đề nghị khen thưởng"),
    DocumentKind("danh-sach", "danh-sach.docx", "Danh sách kèm theo Tờ trình"),
    DocumentKind("bien-ban", "bien-ban.docx", "Biên bản họp Hội đồng"),
    DocumentKind("quyet-dinh", "quyet-dinh.docx", "Quyết định khen thưởng"),
    DocumentKind("quyet-dinh-danh-sach", "quyet-dinh-danh-sach.docx",
                 "Danh sách kèm theo Quyết định"),
    DocumentKind("bao-cao-thanh-tich-tap-the", "bao-cao-thanh-tich-tap-the.docx",
                 "Báo cáo thành tích của tập thể", "awarded unit"),
    DocumentKind("bao-cao-thanh-tich-ca-nhan", "bao-cao-thanh-tich-ca-nhan.docx",
                 "Báo cáo thành tích của cá nhân", "person"),
    DocumentKind("phieu-ket-qua", "phieu-ket-qua.docx", "Phiếu kết quả chấm điểm", "unit"),
    DocumentKind("bang-tong-hop", "bang-tong-hop.docx", "Báo cáo và bảng tổng hợp điểm"),
)}


def settled_result(loaded: LoadedCampaign, period: Period,
                   result: PeriodResult | None = None) -> PeriodResult:
    """The period's results (scored now if not given); refuse while a tie needs the council."""
    result = result or score_period(loaded, period.id)
    if result.pending_ties:
        raise CouncilDecisionNeeded(tie_message(loaded, period, result))
    return result


def tie_message(loaded: LoadedCampaign, period: Period, result: PeriodResult) -> str:
    names = {u.unit_id: u.unit_name for u in result.units}
    order_file = data_paths(loaded, period).council_order
    lines = [f"Chưa lập được hồ sơ đợt '{period.name}': có đơn vị bằng điểm mà tiêu chí phụ "
             "không phân định được thứ tự, cần Hội đồng Thi đua - Khen thưởng quyết định."]
    for tie in result.pending_ties:
        units = ", ".join(f"{names.get(u, u)} ({u})" for u in tie.unit_ids)
        lines.append(f"- Bằng {format_number(tie.total)} điểm: {units}. {tie.message}")
    example = "\n".join(f"{u},{i}" for i, u in enumerate(result.pending_ties[0].unit_ids, 1))
    lines.append(f"Cách xử lý: ghi thứ tự Hội đồng đã quyết định vào tệp {order_file} (hai cột "
                 f"ma_don_vi,thu_tu; 1 = xếp trên), ví dụ:\nma_don_vi,thu_tu\n{example}\n"
                 "rồi chạy lại lệnh.")
    return "\n".join(lines)


def _find_unit(result: PeriodResult, unit_id: str | None, awarded: bool) -> UnitResult:
    pool = result.awarded if awarded else result.units
    if unit_id is None:
        if not pool:
            raise ThiduaError("Không có đơn vị nào để lập văn bản này.")
        return pool[0]
    found = next((u for u in pool if u.unit_id == unit_id), None)
    if found is None:
        known = ", ".join(u.unit_id for u in pool) or "không có"
        what = "được khen thưởng" if awarded else "được chấm điểm"
        raise ThiduaError(f"Không có đơn vị '{unit_id}' {what} trong đợt này (có: {known}).")
    return found


def _find_person(result: PeriodResult, unit_id: str | None, person: str | None) -> Nomination:
    pool = [n for n in result.nominations if unit_id is None or n.unit_id == unit_id]
    if person:
        wanted = person.casefold()
        pool = [n for n in pool if n.full_name.casefold() == wanted]
    if not pool:
        raise ThiduaError("Không có cá nhân nào được đề nghị khen thưởng phù hợp "
                          "(xem --unit, --person).")
    return pool[0]


def document_context(loaded: LoadedCampaign, name: str, period_id: str | None = None,
                     unit_id: str | None = None, person: str | None = None,
                     result: PeriodResult | None = None) -> dict[str, Any]:
    """The context template `name` receives (the first unit/person when none is named)."""
    if name not in DOCUMENTS:
        raise ThiduaError(f"Không có văn bản '{name}' (có: {', '.join(DOCUMENTS)}).")
    if name == "ke-hoach":
        return plan_context(loaded)
    period = select_period(loaded.campaign, period_id)
    result = settled_result(loaded, period, result)
    if name == "to-trinh":
        return submission_context(loaded, period, result)
    if name in ("danh-sach", "quyet-dinh-danh-sach"):
        return annex_context(loaded, period, result, decision=name == "quyet-dinh-danh-sach")
    if name == "bien-ban":
        return minutes_context(loaded, period, result)
    if name == "quyet-dinh":
        return decision_context(loaded, period, result)
    if name == "bao-cao-thanh-tich-tap-the":
        return collective_report_context(loaded, period, result,
                                         _find_unit(result, unit_id, awarded=True))
    if name == "bao-cao-thanh-tich-ca-nhan":
        return person_report_context(loaded, period, result,
                                     _find_person(result, unit_id, person))
    if name == "phieu-ket-qua":
        return result_sheet_context(loaded, period, result, _find_unit(result, unit_id, False))
    return score_table_context(loaded, period, result)


def to_json(context: dict[str, Any]) -> str:
    """The context as indented JSON (what `thidua context` prints)."""
    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, Path):
            return str(value)
        raise TypeError(f"giá trị không phải dữ liệu thuần: {value!r}")
    return json.dumps(context, ensure_ascii=False, indent=2, default=default)
