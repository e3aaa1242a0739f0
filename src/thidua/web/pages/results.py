"""Results page: ranking per group with explanations, units not ranked, council ties, nominations."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Period
from thidua.errors import DataError, Problem, ThiduaError
from thidua.scoring.council import record_council_order
from thidua.scoring.output import score_views
from thidua.scoring.pipeline import data_paths, score_with_nominations
from thidua.web.campaign_page import (
    campaign_and_period,
    chosen_period,
    loaded_campaign,
    page_context,
    store_of,
)
from thidua.web.templating import ENV, error_lines, render
from thidua.web.uploads import (
    UploadRefused,
    read_upload,
    replace_keeping_backup,
)

NOMINATION_TYPES = (".csv", ".txt", ".xlsx", ".xlsm")


def file_version(path: Path) -> str:
    """A short fingerprint of a file's content ('' when absent): forms carry it so that a
    change made meanwhile (another tab, Excel) is noticed instead of overwritten."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def results_page(request: Request, loaded: LoadedCampaign, period: Period, status: int = 200,
                 **extra) -> HTMLResponse:
    here = f"/p/{quote(loaded.id)}/ket-qua"
    context = page_context(loaded, period, "results", here=here, **extra)
    try:
        result = store_of(request).score(loaded, period.id)
    except ThiduaError as exc:
        rows, summary = error_lines(exc)
        return render(request, "results.html", status_code=status, score_problems=rows,
                      score_summary=summary, result=None, **context)
    names = {u.unit_id: u.unit_name for u in result.units}
    paths = data_paths(loaded, period)
    tables = store_of(request).of_period("ranking-html", loaded, period.id, lambda: Markup(
        ENV.get_template("_ranking.html").render(views=score_views(result, loaded.campaign),
                                                 campaign_id=loaded.id, period=period)))
    return render(request, "results.html", status_code=status, result=result,
                  ranking_tables=tables, names=names,
                  unranked=[u for u in result.units if u.ineligible_reasons],
                  tie_notes=[u for u in result.units if u.tie_note and not u.tie],
                  council_file=paths.council_order.relative_to(loaded.folder).as_posix(),
                  council_version=file_version(paths.council_order),
                  nominations_file=paths.nominations.relative_to(loaded.folder).as_posix(),
                  **context)


async def results(request: Request) -> HTMLResponse:
    return results_page(request, *campaign_and_period(request))


async def unit_detail(request: Request) -> HTMLResponse:
    """Every criterion of one unit with its explanation (an htmx fragment, or a full page)."""
    loaded, period = campaign_and_period(request)
    result = store_of(request).score(loaded, period.id)
    unit = result.unit(request.path_params["unit_id"])
    if unit is None:
        raise DataError([Problem(f"không có đơn vị '{request.path_params['unit_id']}' trong kết "
                                 f"quả đợt {period.id}")])
    template = "_unit_detail.html" if request.headers.get("hx-request") else "unit.html"
    return render(request, template, unit=unit,
                  **page_context(loaded, period, "results", here=""))


async def settle_tie(request: Request) -> Response:
    loaded = loaded_campaign(request)
    form = await request.form()
    period = chosen_period(loaded, form.get("dot"))
    result = store_of(request).score(loaded, period.id)
    wanted = str(form.get("tie", ""))
    tie = next((t for t in result.pending_ties if ",".join(t.unit_ids) == wanted), None)
    path = data_paths(loaded, period).council_order
    if tie is None or form.get("version", "") != file_version(path):
        return results_page(request, loaded, period, 409, notices=[(
            "error", "Kết quả đã thay đổi từ khi mở trang (có người khác vừa ghi thứ tự Hội "
                     "đồng hoặc sửa số liệu); chưa ghi gì. Hãy xem lại rồi ghi lại.")])
    order = {}
    for unit_id in tie.unit_ids:
        raw = str(form.get(f"thu_tu__{unit_id}", "")).strip()
        order[unit_id] = int(raw) if raw.isdigit() else 0
    known = [u.id for _, u in loaded.campaign.units()]
    try:
        record_council_order(path, tie, order, known)
    except DataError as exc:
        rows, _ = error_lines(exc)
        return results_page(request, loaded, period, 400, tie_problems=rows)
    return RedirectResponse(f"/p/{quote(loaded.id)}/ket-qua?dot={quote(period.id)}&da_ghi=1",
                            status_code=303)


async def upload_nominations(request: Request) -> Response:
    loaded = loaded_campaign(request)
    form = await request.form()
    period = chosen_period(loaded, form.get("dot"))
    target = data_paths(loaded, period).nominations
    try:
        name, data = await read_upload(form.get("tep"), NOMINATION_TYPES)
        if _kind(name) != _kind(target.name):
            raise UploadRefused(f"Danh sách cá nhân của đợt là tệp {target.suffix}; hãy tải lên "
                                f"tệp cùng loại {target.suffix}.")
        with tempfile.TemporaryDirectory(prefix="thidua-") as folder:
            staged = Path(folder) / name
            staged.write_bytes(data)
            try:
                score_with_nominations(loaded, period.id, staged)
            except DataError as exc:
                rows, _ = error_lines(exc)
                return results_page(request, loaded, period, 400, nomination_problems=rows)
        backups = replace_keeping_backup(loaded.folder, target, data)
    except UploadRefused as exc:
        return results_page(request, loaded, period, 400, notices=[("error", exc.message)])
    notices = [("ok", f"Đã dùng danh sách cá nhân mới ({name}); đủ điều kiện chỉ tiêu.")]
    notices += [("warning", f"Danh sách cũ được giữ tại {b.relative_to(loaded.folder).as_posix()}")
                for b in backups]
    return results_page(request, loaded, period, notices=notices)


def _kind(name: str) -> str:
    return "csv" if name.lower().endswith((".csv", ".txt")) else "xlsx"


routes = [
    Route("/p/{campaign_id}/ket-qua", results, methods=["GET"]),
    Route("/p/{campaign_id}/ket-qua/don-vi/{unit_id}", unit_detail, methods=["GET"]),
    Route("/p/{campaign_id}/ket-qua/hoi-dong", settle_tie, methods=["POST"]),
    Route("/p/{campaign_id}/ket-qua/ca-nhan", upload_nominations, methods=["POST"]),
]
