"""Plan preview: the Kế hoạch rendered by the library, shown as HTML and offered as .docx."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from thidua.campaign.loading import CAMPAIGN_FILE, LoadedCampaign
from thidua.documents.planning import plan_plan, render_document
from thidua.documents.rendering import renderer_for
from thidua.errors import ProblemsError, ThiduaError
from thidua.vietnamese.formatting import slugify
from thidua.web.docx_html import docx_to_html
from thidua.web.store import stat_key
from thidua.web.templating import ENV, error_lines, render

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plan_docx(request: Request, loaded: LoadedCampaign) -> bytes:
    """The Kế hoạch's .docx bytes, rendered again only when campaign.yaml or a template changed."""
    templates = sorted((loaded.folder / "templates").glob("*.docx"))
    key = stat_key([loaded.folder / CAMPAIGN_FILE] + templates)
    return request.app.state.store.cached(
        "plan-docx", loaded.id, key, lambda: render_document(renderer_for(loaded),
                                                             plan_plan(loaded)))


def _preview(request: Request) -> tuple[str, dict]:
    """(campaign id, template context: the HTML of the plan, or the problems stopping it)."""
    campaign_id = request.path_params["campaign_id"]
    store = request.app.state.store
    try:
        loaded = store.load(campaign_id)
        html = docx_to_html(plan_docx(request, loaded))
        return campaign_id, {"plan_html": html, "problems": [], "summary": "",
                             "campaign_name": loaded.campaign.short_name or loaded.campaign.title}
    except ThiduaError as exc:
        problems, summary = error_lines(exc)
        if not isinstance(exc, ProblemsError):
            problems = []
        return campaign_id, {"plan_html": "", "problems": problems, "summary": summary,
                             "campaign_name": campaign_id}


async def plan_page(request: Request) -> Response:
    campaign_id, context = _preview(request)
    return render(request, "plan_preview.html", campaign_id=campaign_id, nav_active="plan",
                  **context)


async def plan_fragment(request: Request) -> Response:
    campaign_id, context = _preview(request)
    html = ENV.get_template("_plan_fragment.html").render(campaign_id=campaign_id, **context)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


async def plan_download(request: Request) -> Response:
    campaign_id = request.path_params["campaign_id"]
    loaded = request.app.state.store.load(campaign_id)
    name = f"ke-hoach-{slugify(campaign_id)}.docx"
    return Response(plan_docx(request, loaded), media_type=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


routes = [
    Route("/p/{campaign_id}/ke-hoach", plan_page, name="plan"),
    Route("/p/{campaign_id}/ke-hoach/html", plan_fragment),
    Route("/p/{campaign_id}/ke-hoach.docx", plan_download),
]
