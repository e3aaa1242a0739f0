"""Plan the documents of the Kế hoạch and of a period's dossier: every context, nothing rendered."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua.campaign.loading import LoadedCampaign
from thidua.documents.context import settled_result
from thidua.documents.context_dossier import (
    annex_context,
    decision_context,
    minutes_annex_context,
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
from thidua.documents.council import rejected
from thidua.documents.missing import document_gaps
from thidua.documents.docx_post import append_annex, finish_document, fit_tables
from thidua.render import DocumentRenderer
from thidua.scoring.pipeline import select_period
from thidua.scoring.results import PeriodResult
from thidua.vietnamese.formatting import slugify

PLAN_FILE = "ke-hoach.docx"
PLAN_FOLDER = "ke-hoach"


@dataclass(frozen=True)
class PlannedDocument:
    """One output file: its template and context, and an annex appended as its own section."""

    filename: str
    template: str
    context: dict[str, Any]
    annex_template: str | None = None
    annex_context: dict[str, Any] | None = None
    fit: bool = False


def default_output(loaded: LoadedCampaign, folder: str = PLAN_FOLDER) -> Path:
    """output/<campaign>/ke-hoach/ for the plan, output/<campaign>/<period>/ for a dossier
    (the same folders `thidua export` writes)."""
    return Path("output") / loaded.id / folder


def plan_plan(loaded: LoadedCampaign) -> PlannedDocument:
    """The Kế hoạch (ke-hoach.docx) of the campaign."""
    return PlannedDocument(PLAN_FILE, "ke-hoach.docx", plan_context(loaded))


def _unique(name: str, used: set[str]) -> str:
    stem, n = name, 2
    while name in used:
        name = f"{stem}-{n}"
        n += 1
    used.add(name)
    return name


def plan_dossier(loaded: LoadedCampaign, period_id: str | None = None,
                 result: PeriodResult | None = None) -> list[PlannedDocument]:
    """Every document of the period's dossier, with its context (nothing is rendered yet)."""
    period = select_period(loaded.campaign, period_id)
    result = settled_result(loaded, period, result)
    docs = [
        PlannedDocument("01_to-trinh.docx", "to-trinh.docx",
                        submission_context(loaded, period, result),
                        "danh-sach.docx", annex_context(loaded, period, result)),
        PlannedDocument("02_bien-ban.docx", "bien-ban.docx",
                        minutes_context(loaded, period, result),
                        "danh-sach.docx", minutes_annex_context(loaded, period, result)),
        PlannedDocument("03_quyet-dinh.docx", "quyet-dinh.docx",
                        decision_context(loaded, period, result),
                        "quyet-dinh-danh-sach.docx",
                        annex_context(loaded, period, result, decision=True)),
    ]
    refused = rejected(loaded.campaign, period)  # below the council's threshold: no report
    used: set[str] = set()
    for unit in result.awarded:
        if {unit.unit_id, unit.unit_name, unit.award_id or ""} & refused:
            continue
        slug = _unique(slugify(unit.unit_name), used)
        docs.append(PlannedDocument(f"04_bao-cao-thanh-tich_{slug}.docx",
                                    "bao-cao-thanh-tich-tap-the.docx",
                                    collective_report_context(loaded, period, result, unit)))
    for person in result.nominations:
        if {person.full_name, person.award_id or ""} & refused:
            continue
        slug = _unique(f"ca-nhan_{slugify(person.full_name, 40)}_{slugify(person.unit_name, 40)}",
                       used)
        docs.append(PlannedDocument(f"04_bao-cao-thanh-tich_{slug}.docx",
                                    "bao-cao-thanh-tich-ca-nhan.docx",
                                    person_report_context(loaded, period, result, person)))
    if not loaded.campaign.scoring.criteria:
        return docs  # a plan without points: no phiếu kết quả, no score table
    used = set()
    for unit in result.units:
        slug = _unique(slugify(unit.unit_name), used)
        docs.append(PlannedDocument(f"05_phieu-ket-qua_{slug}.docx", "phieu-ket-qua.docx",
                                    result_sheet_context(loaded, period, result, unit)))
    docs.append(PlannedDocument("06_bang-tong-hop.docx", "bang-tong-hop.docx",
                                score_table_context(loaded, period, result), fit=True))
    return docs


def missing_facts(documents: list[PlannedDocument]) -> list[str]:
    """'Lê Minh Tâm (UBND xã Hòa An): ngày sinh, quê quán, …' for every báo cáo thành tích,
    '02_bien-ban.docx: giờ bắt đầu; họ tên chủ tọa' for any other document that still has
    highlighted blanks, so the office knows whom to call and what to write by hand."""
    found = (document_gaps(doc.filename, doc.template, doc.context) for doc in documents)
    return [line for line in found if line]


def render_document(renderer: DocumentRenderer, doc: PlannedDocument) -> bytes:
    """The .docx bytes of one planned document, its annex appended as its own section."""
    data = renderer.render_bytes(doc.template, doc.context)
    if doc.annex_template:
        data = append_annex(data, renderer.render_bytes(doc.annex_template, doc.annex_context))
    if doc.fit:
        data = fit_tables(data)
    return finish_document(data)
