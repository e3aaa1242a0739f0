"""Template lookup (campaign override first) and rendering of contexts into .docx files."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from thidua.campaign.loading import LoadedCampaign
from thidua.render import DocumentRenderer


def _default_template_dir() -> Path:
    """$THIDUA_TEMPLATES, the source checkout's templates/, or the installed share folder."""
    if os.environ.get("THIDUA_TEMPLATES"):
        return Path(os.environ["THIDUA_TEMPLATES"])
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "thidua" / "templates"  # pip install (data-files)


DEFAULT_TEMPLATE_DIR = _default_template_dir()
CAMPAIGN_TEMPLATE_DIR = "templates"


def template_dirs(loaded: LoadedCampaign) -> list[Path]:
    """campaigns/<id>/templates/ first (a file there replaces the one of the same name)."""
    return [loaded.folder / CAMPAIGN_TEMPLATE_DIR, DEFAULT_TEMPLATE_DIR]


def renderer_for(loaded: LoadedCampaign) -> DocumentRenderer:
    return DocumentRenderer(template_dirs(loaded))


def render(renderer: DocumentRenderer, template: str, context: Mapping[str, Any],
           out_path: Path) -> Path:
    """Render one document atomically; nothing is written when the template fails."""
    return renderer.render_to(template, context, out_path)
