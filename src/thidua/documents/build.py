"""Build the Kế hoạch and a period's whole dossier: gather every context first, then render."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua.campaigns import LoadedCampaign
from thidua.documents.context import settled_result
from thidua.documents.context_dossier import (annex_context, decision_context, minutes_context,
                                              submission_context)
from thidua.documents.context_plan import plan_context
from thidua.documents.context_units import (collective_report_context, person_report_context,
                                            result_sheet_context, score_table_context)
from thidua.documents.docx_post import append_annex, fit_tables
from thidua.documents.rendering import renderer_for
from thidua.render import write_atomically
from thidua.results import PeriodResult
from thidua.scoring import select_period
from thidua.vnformat import slugify

PLAN_FILE = "ke-hoach.docx"
# The names build_dossier owns in its folder (a stale one, e.g. of a unit no longer awarded,
# is removed on the next build; any other file there is left alone).
GENERATED = re.compile(r"^(01_to-trinh|02_bien-ban|03_quyet-dinh|04_bao-cao-thanh-tich_[a-z0-9_-]+"
                       r"|05_phieu-ket-qua_[a-z0-9_-]+|06_bang-tong-hop)\.docx$")


@dataclass(frozen=True)
class PlannedDocument:
    """One output file: its template and context, and an annex appended as its own section."""

    filename: str
    template: str
    context: dict[str, Any]
    annex_template: str | None = None
    annex_context: dict[str, Any] | None = None
    fit: bool = False


def default_output(loaded: LoadedCampaign, period_id: str | None = None) -> Path:
    """output/<campaign>/ for the plan, output/<campaign>/<period>/ for a dossier."""
    base = Path("output") / loaded.id
    return base / period_id if period_id else base


def build_plan(loaded: LoadedCampaign, out_dir: Path | None = None) -> list[Path]:
    """Write the Kế hoạch (ke-hoach.docx) of the campaign."""
    out_dir = Path(out_dir) if out_dir else default_output(loaded)
    document = PlannedDocument(PLAN_FILE, "ke-hoach.docx", plan_context(loaded))
    return _write(loaded, out_dir, [document], clean=False)


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
                        minutes_context(loaded, period, result)),
        PlannedDocument("03_quyet-dinh.docx", "quyet-dinh.docx",
                        decision_context(loaded, period, result),
                        "quyet-dinh-danh-sach.docx",
                        annex_context(loaded, period, result, decision=True)),
    ]
    used: set[str] = set()
    for unit in result.awarded:
        slug = _unique(slugify(unit.unit_name), used)
        docs.append(PlannedDocument(f"04_bao-cao-thanh-tich_{slug}.docx",
                                    "bao-cao-thanh-tich-tap-the.docx",
                                    collective_report_context(loaded, period, result, unit)))
    for person in result.nominations:
        slug = _unique(f"ca-nhan_{slugify(person.full_name, 40)}_{slugify(person.unit_name, 40)}",
                       used)
        docs.append(PlannedDocument(f"04_bao-cao-thanh-tich_{slug}.docx",
                                    "bao-cao-thanh-tich-ca-nhan.docx",
                                    person_report_context(loaded, period, result, person)))
    used = set()
    for unit in result.units:
        slug = _unique(slugify(unit.unit_name), used)
        docs.append(PlannedDocument(f"05_phieu-ket-qua_{slug}.docx", "phieu-ket-qua.docx",
                                    result_sheet_context(loaded, period, result, unit)))
    docs.append(PlannedDocument("06_bang-tong-hop.docx", "bang-tong-hop.docx",
                                score_table_context(loaded, period, result), fit=True))
    return docs


def build_dossier(loaded: LoadedCampaign, period_id: str | None = None,
                  out_dir: Path | None = None, result: PeriodResult | None = None) -> list[Path]:
    """Write the period's dossier; refuses (CouncilDecisionNeeded) while a tie is unsettled."""
    period = select_period(loaded.campaign, period_id)
    documents = plan_dossier(loaded, period.id, result)
    out_dir = Path(out_dir) if out_dir else default_output(loaded, period.id)
    return _write(loaded, out_dir, documents, clean=True)


def _write(loaded: LoadedCampaign, out_dir: Path, documents: list[PlannedDocument],
           clean: bool) -> list[Path]:
    """Render everything in memory, then write each file atomically (a failure writes none)."""
    renderer = renderer_for(loaded)
    rendered = []
    for doc in documents:
        data = renderer.render_bytes(doc.template, doc.context)
        if doc.annex_template:
            data = append_annex(data, renderer.render_bytes(doc.annex_template, doc.annex_context))
        if doc.fit:
            data = fit_tables(data)
        rendered.append((doc.filename, data))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_atomically(data, out_dir / name) for name, data in rendered]
    if clean:
        keep = {p.name for p in written}
        for stale in out_dir.iterdir():
            if GENERATED.match(stale.name) and stale.name not in keep:
                stale.unlink()
    return written
