"""Data page: the Excel collection form, uploading units' returns, who has not reported."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Period
from thidua.data.form import build_form
from thidua.data.returns import Returns, figures_file_bytes, merged_rows, read_returns
from thidua.data.spreadsheet import workbook_bytes
from thidua.scoring.pipeline import data_paths
from thidua.web.campaign_page import (
    campaign_and_period,
    chosen_period,
    loaded_campaign,
    page_context,
    store_of,
)
from thidua.web.overview import figures_check
from thidua.web.templating import problem_rows, render
from thidua.web.uploads import UploadRefused, read_upload, replace_keeping_backup, save_upload

RETURN_TYPES = (".xlsx", ".xlsm", ".csv", ".txt")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FILES = 20


def inbox(period: Period) -> str:
    """Where received workbooks are kept as they came, relative to the campaign folder."""
    return f"data/nop/{period.id}"


def data_page(request: Request, loaded: LoadedCampaign, period: Period, status: int = 200,
              **extra) -> HTMLResponse:
    path, check = figures_check(store_of(request), loaded, period)
    received_dir = loaded.folder / inbox(period)
    received = sorted(p.name for p in received_dir.iterdir()) if received_dir.is_dir() else []
    expected = [(g, u) for g, u in loaded.campaign.units()
                if g.id in loaded.campaign.scored_groups(period)]
    return render(request, "data.html", status_code=status,
                  data_file=path.relative_to(loaded.folder).as_posix(), exists=path.exists(),
                  check=check, problems=problem_rows(list(check.problems)) if check else [],
                  missing=check.missing if check else [(u.id, u.name) for _, u in expected],
                  expected=len(expected), received=received, inbox=inbox(period),
                  **page_context(loaded, period, "data",
                                 here=f"/p/{quote(loaded.id)}/so-lieu"), **extra)


async def data(request: Request) -> HTMLResponse:
    return data_page(request, *campaign_and_period(request))


async def collection_form(request: Request) -> Response:
    """The Excel form of `thidua form`, built in memory."""
    loaded, period = campaign_and_period(request)
    name = f"bieu-mau-so-lieu-{loaded.id}-{period.id}.xlsx"
    content = store_of(request).of_period(
        "form", loaded, period.id, lambda: workbook_bytes(build_form(loaded.campaign, period)))
    return Response(content, media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def _read_return(loaded: LoadedCampaign, period: Period, name: str, data: bytes) -> Returns:
    with tempfile.TemporaryDirectory(prefix="thidua-") as folder:
        staged = Path(folder) / name
        staged.write_bytes(data)
        returns = read_returns(loaded.campaign, staged, None, loaded.campaign.scored_groups(period))
    return returns


async def upload_returns(request: Request) -> Response:
    """Check each uploaded workbook; merge the rows of those without errors into the period's
    figures file (the file replaced is kept in data/cu/, each upload in data/nop/<đợt>/)."""
    loaded = loaded_campaign(request)
    form = await request.form(max_files=MAX_FILES)
    period = chosen_period(loaded, form.get("dot"))
    notices, problems, accepted = [], [], []
    uploads = form.getlist("tep")
    if not uploads:
        notices.append(("error", "Chưa chọn tệp để tải lên."))
    for upload in uploads:
        try:
            name, content = await read_upload(upload, RETURN_TYPES)
        except UploadRefused as exc:
            notices.append(("error", exc.message))
            continue
        saved = save_upload(loaded.folder, inbox(period), name, content).path
        returns = _read_return(loaded, period, saved.name, content)
        problems += [dict(row, file=saved.name) for row in problem_rows(list(returns.problems))]
        if returns.values:
            accepted.append(returns.values)
            notices.append(("ok", f"{upload.filename}: nhận số liệu của {len(returns.values)} "
                                  f"đơn vị" + (f"; {len(returns.errors)} lỗi ở các dòng khác "
                                               "chưa được nhận" if returns.errors else "") + "."))
        else:
            notices.append(("error", f"{upload.filename}: chưa nhận được số liệu nào "
                                     f"({len(returns.errors)} lỗi, xem bảng dưới)."))
    if accepted:
        notices += _merge(loaded, period, accepted)
    status = 200 if accepted else 400
    return data_page(request, loaded, period, status, notices=notices, upload_problems=problems)


def _merge(loaded: LoadedCampaign, period: Period, accepted: list) -> list[tuple[str, str]]:
    paths = data_paths(loaded, period)
    current = paths.figures
    base = []
    if current.exists():
        sheet = paths.sheet if current.suffix.lower() in (".xlsx", ".xlsm") else None
        base = [read_returns(loaded.campaign, current, sheet,
                             loaded.campaign.scored_groups(period)).values]
    configured = bool(period.data.figures)
    target = current if configured else loaded.path(f"data/{period.id}.csv")
    shadowed = () if configured else (loaded.path(f"data/{period.id}.xlsx"),)
    content = figures_file_bytes(merged_rows(loaded.campaign, period, *base, *accepted),
                                 target.suffix)
    backups = replace_keeping_backup(loaded.folder, target, content, shadowed)
    where = target.relative_to(loaded.folder).as_posix()
    notices = [("ok", f"Đã cập nhật tệp số liệu {where}.")]
    notices += [("warning", f"Tệp trước đó được giữ tại {b.relative_to(loaded.folder).as_posix()}")
                for b in backups]
    return notices


routes = [
    Route("/p/{campaign_id}/so-lieu", data, methods=["GET"]),
    Route("/p/{campaign_id}/so-lieu/bieu-mau", collection_form, methods=["GET"]),
    Route("/p/{campaign_id}/so-lieu/tai-len", upload_returns, methods=["POST"]),
]
