"""Write the Kế hoạch or one period's dossier into its folder (`thidua plan`, `thidua dossier`)."""

from __future__ import annotations

from pathlib import Path

from thidua.campaign.loading import LoadedCampaign
from thidua.documents.planning import (
    PLAN_FOLDER,
    PlannedDocument,
    default_output,
    missing_facts,
    plan_dossier,
    plan_plan,
    render_document,
)
from thidua.documents.rendering import renderer_for
from thidua.export.folder_output import FolderOutcome, campaign_sources, write_folder
from thidua.export.manifest import Manifest
from thidua.scoring.pipeline import select_period
from thidua.scoring.results import PeriodResult


def build_plan(loaded: LoadedCampaign, out_dir: Path | None = None,
               force: bool = False) -> FolderOutcome:
    """Write the Kế hoạch (ke-hoach.docx) of the campaign."""
    out_dir = Path(out_dir) if out_dir else default_output(loaded)
    return _write(loaded, out_dir, [plan_plan(loaded)], PLAN_FOLDER, force)


def build_dossier(loaded: LoadedCampaign, period_id: str | None = None,
                  out_dir: Path | None = None, result: PeriodResult | None = None,
                  force: bool = False) -> FolderOutcome:
    """Write the period's dossier; refuses (CouncilDecisionNeeded) while a tie is unsettled."""
    period = select_period(loaded.campaign, period_id)
    documents = plan_dossier(loaded, period.id, result)
    out_dir = Path(out_dir) if out_dir else default_output(loaded, period.id)
    outcome = _write(loaded, out_dir, documents, period.id, force)
    outcome.missing = missing_facts(documents)
    return outcome


def _write(loaded: LoadedCampaign, out_dir: Path, documents: list[PlannedDocument],
           folder_name: str, force: bool) -> FolderOutcome:
    """Render everything in memory first, then replace the folder through staging."""
    renderer = renderer_for(loaded)
    files = [(doc.filename, render_document(renderer, doc)) for doc in documents]
    manifest = Manifest(campaign=loaded.id, period=folder_name, sources=campaign_sources(loaded))
    return write_folder(out_dir, files, manifest, force=force)
