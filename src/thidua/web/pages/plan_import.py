"""New campaign from last year's Kế hoạch (.docx/.txt): upload, plan_import, report."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from thidua.errors import ThiduaError
from thidua.plan_import import default_target, import_plan
from thidua.vietnamese.formatting import slugify
from thidua.web.templating import render
from thidua.web.uploads import UploadRefused, read_upload, save_upload

PLAN_TYPES = (".docx", ".txt")
SOURCE_FOLDER = "nguon"  # the uploaded plan is kept next to the campaign it became


def free_folder(wanted: Path) -> Path:
    """wanted, or wanted-2, -3… when a campaign of that name exists (never overwritten)."""
    candidate, n = wanted, 2
    while candidate.exists():
        candidate = wanted.with_name(f"{wanted.name}-{n}")
        n += 1
    return candidate


async def import_form(request: Request) -> HTMLResponse:
    return render(request, "plan_import.html")


async def import_upload(request: Request) -> HTMLResponse:
    root: Path = request.app.state.store.root
    form = await request.form()
    chosen = str(form.get("ma", "")).strip()
    try:
        name, data = await read_upload(form.get("tep"), PLAN_TYPES)
        with tempfile.TemporaryDirectory(prefix="thidua-") as folder:
            source = Path(folder) / name
            source.write_bytes(data)
            if chosen:
                target = root / slugify(chosen)
                if target.exists():
                    raise UploadRefused(f"Đã có phong trào '{target.name}'; hãy chọn mã khác "
                                        f"(thidua không ghi đè một phong trào đã có).")
            else:
                target = free_folder(default_target(source, root))
            report = import_plan(source, target)
        save_upload(report.campaign_dir, SOURCE_FOLDER, name, data)
    except ThiduaError as exc:
        return render(request, "plan_import.html", status_code=400, error=exc.lines(),
                      chosen=chosen)
    campaign_id = report.campaign_dir.name
    return render(request, "plan_import.html", lines=report.summary_lines(),
                  new_id=campaign_id, new_url=f"/p/{quote(campaign_id)}")


routes = [
    Route("/moi/nhap-ke-hoach", import_form, methods=["GET"]),
    Route("/moi/nhap-ke-hoach", import_upload, methods=["POST"]),
]
