"""Worker side of the export: render planned documents with a per-process template cache."""

from __future__ import annotations

from pathlib import Path

from thidua.documents.planning import PlannedDocument, render_document
from thidua.errors import ThiduaError
from thidua.render import DocumentRenderer

_RENDERERS: dict[tuple[str, ...], DocumentRenderer] = {}


def reset_cache() -> None:
    """Forget prepared templates (a new run must see templates edited since the last one)."""
    _RENDERERS.clear()


def renderer_for_dirs(dirs: list[str]) -> DocumentRenderer:
    """One renderer (so each template is prepared once) per set of template folders."""
    key = tuple(dirs)
    if key not in _RENDERERS:
        _RENDERERS[key] = DocumentRenderer([Path(d) for d in dirs])
    return _RENDERERS[key]


def render_batch(tasks: list[tuple[int, list[str], PlannedDocument]]
                 ) -> list[tuple[int, str, bytes | str]]:
    """Render a batch; a failing document yields its Vietnamese error text instead of bytes."""
    out: list[tuple[int, str, bytes | str]] = []
    for job_index, dirs, doc in tasks:
        try:
            data: bytes | str = render_document(renderer_for_dirs(dirs), doc)
        except ThiduaError as exc:
            data = " ".join(exc.lines())
        out.append((job_index, doc.filename, data))
    return out
