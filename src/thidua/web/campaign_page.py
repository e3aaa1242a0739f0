"""What every page of one campaign needs: the loaded campaign, the chosen period, nav data."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Period
from thidua.scoring.pipeline import select_period
from thidua.web.store import CampaignStore


def store_of(request: Request) -> CampaignStore:
    return request.app.state.store


def loaded_campaign(request: Request) -> LoadedCampaign:
    """The campaign of the URL (404 when unknown; CampaignError page when broken)."""
    return store_of(request).load(request.path_params["campaign_id"])


def chosen_period(loaded: LoadedCampaign, value: Any) -> Period:
    """The period named by ?dot= (or a form field), else the campaign's last period."""
    return select_period(loaded.campaign, value if isinstance(value, str) and value else None)


def page_context(loaded: LoadedCampaign, period: Period | None, nav: str,
                 **extra: Any) -> dict[str, Any]:
    """Navigation and period-switcher data shared by the campaign pages."""
    c = loaded.campaign
    return {"campaign_id": loaded.id, "campaign_name": c.short_name or c.title,
            "nav_active": nav, "period": period, "periods": list(c.periods),
            "campaign": c, **extra}


def campaign_and_period(request: Request) -> tuple[LoadedCampaign, Period]:
    """The campaign of the URL and the period of its ?dot= query."""
    loaded = loaded_campaign(request)
    return loaded, chosen_period(loaded, request.query_params.get("dot"))
