"""Home page: every campaign, its next deadline and where each period stands."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from thidua.web.overview import all_cards, campaign_card
from thidua.web.templating import render


def today(request: Request) -> date:
    """The day deadlines count from (app.state.today in tests, else the system date)."""
    return getattr(request.app.state, "today", None) or date.today()


async def home(request: Request) -> HTMLResponse:
    state = request.app.state
    cards = all_cards(state.store, today(request), state.output_root)
    return render(request, "home.html", cards=cards, root=str(state.store.root), today=today(request))


async def campaign_overview(request: Request) -> HTMLResponse:
    state = request.app.state
    campaign_id = request.path_params["campaign_id"]
    state.store.folder(campaign_id)
    card = campaign_card(state.store, campaign_id, today(request), state.output_root)
    return render(request, "overview.html", card=card, campaign_id=campaign_id,
                  campaign_name=card.name, nav_active="overview", today=today(request))


routes = [
    Route("/", home, name="home"),
    Route("/p/{campaign_id}", campaign_overview, name="campaign"),
]
