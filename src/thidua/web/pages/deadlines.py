"""Deadlines page: every deadline of every campaign, days left, and the .ics calendar file."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from thidua.campaign.deadlines import DeadlineRow, collect, to_ics
from thidua.errors import CampaignError
from thidua.web.pages.home import today
from thidua.web.templating import render


def deadline_rows(request: Request) -> tuple[list[DeadlineRow], list[str]]:
    """Rows of the valid campaigns, and the ids of the broken ones (skipped, as the CLI does)."""
    store = request.app.state.store
    loaded, broken = [], []
    for campaign_id in store.ids():
        try:
            loaded.append(store.load(campaign_id))
        except CampaignError:
            broken.append(campaign_id)
    return collect(loaded, today(request)), broken


async def deadlines(request: Request) -> HTMLResponse:
    rows, broken = deadline_rows(request)
    return render(request, "deadlines.html", rows=rows, broken=broken, today=today(request),
                  overdue=sum(r.overdue for r in rows))


async def calendar(request: Request) -> Response:
    rows, _ = deadline_rows(request)
    return Response(to_ics(rows), media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=thoi-han-thi-dua.ics"})


routes = [
    Route("/thoi-han", deadlines, methods=["GET"]),
    Route("/thoi-han.ics", calendar, methods=["GET"]),
]
