"""Where each campaign and period stands, gathered from library calls for the home page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua.campaign.loading import LoadedCampaign, next_deadline
from thidua.campaign.model import Period
from thidua.campaign.summary import period_text
from thidua.data.returns import Returns, read_returns
from thidua.errors import CampaignError, ThiduaError
from thidua.export.manifest import FolderState, Manifest, inspect_folder
from thidua.scoring.pipeline import data_paths
from thidua.web.store import CampaignStore, tree_listing
from thidua.web.templating import problem_rows


@dataclass
class PeriodStatus:
    id: str
    name: str
    expected: int = 0
    reported: int = 0
    data_file: str = ""
    data_errors: int = 0
    scored: bool = False
    score_problem: str = ""
    pending_ties: int = 0
    dossier: bool = False
    edited: tuple[str, ...] = ()


@dataclass
class CampaignCard:
    id: str
    name: str = ""
    span: str = ""
    deadline: str = ""
    deadline_date: date | None = None
    days_left: int | None = None
    periods: list[PeriodStatus] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)


def figures_check(store: CampaignStore, loaded: LoadedCampaign,
                  period: Period) -> tuple[Path, Returns | None]:
    """The period's figures file and its check (None when there is no file yet), cached."""
    paths = data_paths(loaded, period)
    if not paths.figures.exists():
        return paths.figures, None
    sheet = paths.sheet if paths.figures.suffix.lower() in (".xlsx", ".xlsm") else None
    groups = loaded.campaign.scored_groups(period)
    return paths.figures, store.of_period("figures", loaded, period.id,
                                          lambda: read_returns(loaded.campaign, paths.figures,
                                                               sheet, groups))


def period_status(store: CampaignStore, loaded: LoadedCampaign, period: Period,
                  output_root: Path) -> PeriodStatus:
    status = PeriodStatus(period.id, period.name or period.id)
    status.expected = sum(len(g.units) for g in loaded.campaign.participants.groups
                          if g.id in loaded.campaign.scored_groups(period))
    path, check = figures_check(store, loaded, period)
    status.data_file = path.name
    if check is not None:
        status.reported, status.data_errors = len(check.reported), len(check.errors)
    try:
        result = store.score(loaded, period.id)
        status.scored, status.pending_ties = True, len(result.pending_ties)
    except ThiduaError as exc:
        status.score_problem = exc.message
    folder = output_root / loaded.id / period.id
    if Manifest.read(folder) is not None:
        status.dossier = True
        status.edited = folder_state(store, folder).edited
    return status


def folder_state(store: CampaignStore, folder: Path,
                 listing: dict[str, tuple[int, int]] | None = None) -> FolderState:
    """inspect_folder (hashes every file) again only when a file of the folder changed."""
    key = tuple(sorted((listing if listing is not None else tree_listing(folder)).items()))
    return store.cached("folder", str(folder), key, lambda: inspect_folder(folder))


def campaign_card(store: CampaignStore, campaign_id: str, today: date,
                  output_root: Path) -> CampaignCard:
    """One campaign for the home page; a broken one carries its problems instead."""
    card = CampaignCard(campaign_id)
    try:
        loaded = store.load(campaign_id)
    except CampaignError as exc:
        card.problems = problem_rows(exc.problems)
        return card
    c = loaded.campaign
    card.name, card.span = c.short_name or c.title, period_text(loaded)
    deadline = next_deadline(c, today)
    if deadline is not None:
        card.deadline, card.deadline_date = deadline.what, deadline.date
        card.days_left = (deadline.date - today).days
    else:
        past = sorted(d.date for d in c.deadlines if d.date < today)
        if past:
            card.deadline_date, card.days_left = past[-1], (past[-1] - today).days
            card.deadline = next(d.what for d in c.deadlines if d.date == past[-1])
    card.periods = [period_status(store, loaded, p, output_root) for p in c.periods]
    return card


def all_cards(store: CampaignStore, today: date, output_root: Path) -> list[CampaignCard]:
    return [campaign_card(store, cid, today, output_root) for cid in store.ids()]

