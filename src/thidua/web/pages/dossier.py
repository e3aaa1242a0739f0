"""Dossier page: produce a period's dossier in the background, list, preview and download it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Period
from thidua.errors import ThiduaError
from thidua.export.bulk import dossier_jobs, export, summary_lines
from thidua.export.manifest import MANIFEST_NAME, Manifest
from thidua.vietnamese.formatting import slugify
from thidua.web.campaign_page import campaign_and_period, chosen_period, loaded_campaign
from thidua.web.campaign_page import page_context, store_of
from thidua.web.jobs import Job, JobFailed
from thidua.web.overview import folder_state
from thidua.web.store import tree_listing
from thidua.web.templating import render


def dossier_folder(request: Request, loaded: LoadedCampaign, period: Period) -> Path:
    """output/<campaign>/<period>/, the folder `thidua export` writes."""
    return request.app.state.output_root / loaded.id / period.id


def zip_file(request: Request, loaded: LoadedCampaign, period: Period) -> Path:
    return request.app.state.output_root / loaded.id / f"{loaded.id}_{slugify(period.id)}.zip"


def pdf_available(request: Request) -> bool:
    """Whether LibreOffice is there to make PDFs (looked up once per app)."""
    state = request.app.state
    if getattr(state, "pdf_available", None) is None:
        from thidua.pdf.convert import find_soffice
        try:
            find_soffice()
            state.pdf_available = True
        except ThiduaError:
            state.pdf_available = False
    return state.pdf_available


def documents(request: Request, folder: Path) -> list[dict]:
    """The folder's files with what the CLI says of them: edited by hand, added by hand."""
    listing = tree_listing(folder)
    if not listing:
        return []
    state = folder_state(store_of(request), folder, listing)
    manifest = Manifest.read(folder)
    preserved = set(manifest.preserved) if manifest else set()
    edited, added = set(state.edited) | preserved, set(state.foreign)
    rows = []
    for name in sorted(listing):
        if name == MANIFEST_NAME:
            continue
        pdf = name[:-5] + ".pdf" if name.endswith(".docx") else None
        rows.append({"name": name, "href": quote(name), "kb": round(listing[name][1] / 1024, 1),
                     "edited": name in edited, "added": name in added,
                     "pdf": quote(pdf) if pdf in listing else None})
    return rows


def job_key(loaded: LoadedCampaign, period: Period) -> str:
    return f"dossier:{loaded.id}/{period.id}"


def dossier_page(request: Request, loaded: LoadedCampaign, period: Period,
                 job: Job | None = None) -> HTMLResponse:
    folder = dossier_folder(request, loaded, period)
    try:
        pending = store_of(request).score(loaded, period.id).pending_ties
        score_error = ""
    except ThiduaError as exc:
        pending, score_error = (), exc.message
    job = job or request.app.state.jobs.latest(job_key(loaded, period))
    zipped = zip_file(request, loaded, period)
    return render(request, "dossier.html", docs=documents(request, folder), folder=str(folder),
                  produced=Manifest.read(folder) is not None, job=job, pending=pending,
                  score_error=score_error, pdf_ok=pdf_available(request),
                  zip_name=zipped.name if zipped.exists() else None,
                  **page_context(loaded, period, "dossier",
                                 here=f"/p/{quote(loaded.id)}/ho-so"))


async def dossier(request: Request) -> HTMLResponse:
    return dossier_page(request, *campaign_and_period(request))


async def produce(request: Request) -> Response:
    """Start the export of the period's dossier (or join the one running)."""
    loaded = loaded_campaign(request)
    form = await request.form()
    period = chosen_period(loaded, form.get("dot"))
    pdf = form.get("pdf") == "1" and pdf_available(request)
    make_zip = form.get("zip") == "1"
    state = request.app.state

    def work(job: Job) -> list[str]:
        summary = export([loaded], state.output_root, pdf=pdf, make_zip=make_zip,
                         workers=state.export_workers, progress=job.progress,
                         jobs_of=dossier_jobs(period.id))
        lines = summary_lines(summary)
        if not summary.ok:
            raise JobFailed(lines)
        return lines

    job = state.jobs.start(job_key(loaded, period), f"Hồ sơ {period.name}", work)
    if request.headers.get("hx-request"):
        return render(request, "_job.html", job=job, campaign_id=loaded.id, period=period)
    return RedirectResponse(f"/p/{quote(loaded.id)}/ho-so?dot={quote(period.id)}",
                            status_code=303)


async def progress(request: Request) -> Response:
    loaded, period = campaign_and_period(request)
    job = request.app.state.jobs.get(request.path_params["job_id"])
    if job is None or job.key != job_key(loaded, period):
        raise HTTPException(404, "Không có tác vụ này (máy chủ có thể đã khởi động lại).")
    response = render(request, "_job.html", job=job, campaign_id=loaded.id, period=period)
    if not job.running and request.query_params.get("dang_chay"):
        response.headers["HX-Refresh"] = "true"  # show the new documents once
    return response


def _inside(folder: Path, name: str) -> Path:
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        raise HTTPException(404, f"Không có tệp {name} trong hồ sơ.")
    return path


async def download(request: Request) -> Response:
    loaded, period = campaign_and_period(request)
    path = _inside(dossier_folder(request, loaded, period), request.path_params["name"])
    inline = request.query_params.get("xem") == "1" and path.suffix == ".pdf"
    return FileResponse(path, filename=path.name,
                        content_disposition_type="inline" if inline else "attachment")


async def download_zip(request: Request) -> Response:
    loaded, period = campaign_and_period(request)
    path = zip_file(request, loaded, period)
    if not path.is_file():
        raise HTTPException(404, "Chưa có tệp ZIP: hãy tạo hồ sơ với ô 'Đóng gói ZIP'.")
    return FileResponse(path, filename=path.name, media_type="application/zip")


routes = [
    Route("/p/{campaign_id}/ho-so", dossier, methods=["GET"]),
    Route("/p/{campaign_id}/ho-so/tao", produce, methods=["POST"]),
    Route("/p/{campaign_id}/ho-so/tien-do/{job_id}", progress, methods=["GET"]),
    Route("/p/{campaign_id}/ho-so/zip", download_zip, methods=["GET"]),
    Route("/p/{campaign_id}/ho-so/tep/{name:path}", download, methods=["GET"]),
]
