"""Scoring pipeline of a period: read the data files once, then compute the results purely."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Campaign, Period
from thidua.data.figures import Figures, read_figures
from thidua.data.nominations import NominationSheet, read_nominations
from thidua.data.submissions import (
    SubmissionLog,
    expected_by_unit,
    expected_months,
    months_outside,
    needs_submissions,
    read_submission_log,
    report_statuses,
    report_window,
)
from thidua.errors import DataError, Location, Problem
from thidua.scoring.awards import Allocation, Candidates, allocate
from thidua.scoring.quotas import QuotaContext, check_nominations
from thidua.scoring.ranking import (
    RankEntry,
    Ranker,
    Separations,
    competition_ranks,
    eligibility,
    read_council_order,
    tie_break_value,
    tie_notes,
)
from thidua.scoring.results import CriterionScore, PeriodResult, UnitResult
from thidua.scoring.rules import RuleContext, evaluate


@dataclass(frozen=True)
class DataPaths:
    figures: Path
    sheet: str | None
    submissions: Path
    nominations: Path
    council_order: Path


@dataclass(frozen=True)
class PeriodInputs:
    """Everything read from disk for one period; compute_period needs nothing else."""

    figures: Figures
    submissions: SubmissionLog | None = None
    nominations: NominationSheet | None = None
    council_order: dict[str, int] | None = None
    council_file: str = ""


def select_period(campaign: Campaign, period_id: str | None) -> Period:
    """The named period, or the last period in the file when none is given."""
    if not campaign.periods:
        raise DataError([Problem("phong trào chưa khai báo đợt khen thưởng nào (periods)")])
    if period_id is None:
        return campaign.periods[-1]
    period = campaign.period(period_id)
    if period is None:
        known = ", ".join(p.id for p in campaign.periods)
        raise DataError([Problem(f"không có đợt '{period_id}' (có: {known})")])
    return period


def data_paths(loaded: LoadedCampaign, period: Period, data_path: Path | None = None,
               sheet: str | None = None) -> DataPaths:
    """Explicit paths of periods[i].data, else the defaults of docs/DATA_FORMAT.md."""
    files = period.data
    base = f"data/{period.id}"
    if data_path is not None:
        figures, figure_sheet = Path(data_path), sheet
    elif files.figures:
        figures, figure_sheet = loaded.path(files.figures), sheet or files.sheet
    else:
        csv_path, xlsx_path = loaded.path(f"{base}.csv"), loaded.path(f"{base}.xlsx")
        figures = csv_path if csv_path.exists() or not xlsx_path.exists() else xlsx_path
        figure_sheet = sheet or files.sheet
    return DataPaths(figures, figure_sheet,
                     loaded.path(files.submissions or f"{base}-bao-cao.csv"),
                     loaded.path(files.nominations or f"{base}-ca-nhan.csv"),
                     loaded.path(council_order_file(period)))


def council_order_file(period: Period) -> str:
    """The council's order file, relative to the campaign folder (as documents cite it)."""
    return period.data.council_order or f"data/{period.id}-hoi-dong.csv"


def load_inputs(loaded: LoadedCampaign, period: Period, data_path: Path | None = None,
                sheet: str | None = None) -> PeriodInputs:
    """Read the period's files (figures, submission log, nominations, council order)."""
    campaign = loaded.campaign
    paths = data_paths(loaded, period, data_path, sheet)
    groups = campaign.scored_groups(period)
    unit_ids = [u.id for _, u in campaign.units()]
    if not paths.figures.exists():  # no hint to use --data when the user gave --data
        hint = "" if data_path is not None else " (CSV hoặc XLSX); dùng --data để chỉ định tệp"
        raise DataError([Problem(f"không tìm thấy tệp số liệu {paths.figures}{hint}")])
    problems: list[Problem] = []

    def attempt(read: Callable[[], Any]) -> Any:
        try:
            return read()
        except DataError as exc:  # keep going: report the problems of every file at once
            problems.extend(exc.problems)
            return None

    sheet_name = paths.sheet if paths.figures.suffix.lower() in (".xlsx", ".xlsm") else None
    figures = attempt(lambda: read_figures(campaign, paths.figures, sheet_name, groups))
    submissions = None
    if needs_submissions(campaign, groups):
        if paths.submissions.exists():
            submissions = attempt(lambda: read_submission_log(paths.submissions, unit_ids))
        else:
            problems.append(Problem("không tìm thấy sổ theo dõi nộp báo cáo (cần cho tiêu chí "
                                    "báo cáo đúng hạn)", Location(file=str(paths.submissions))))
    nominations = (attempt(lambda: read_nominations(paths.nominations))
                   if paths.nominations.exists() else None)
    council = (attempt(lambda: read_council_order(paths.council_order, unit_ids))
               if paths.council_order.exists() else None)
    if problems:
        raise DataError(problems)
    return PeriodInputs(figures, submissions, nominations, council, str(paths.council_order))


def score_period(loaded: LoadedCampaign, period_id: str | None = None,
                 data_path: Path | str | None = None, sheet: str | None = None) -> PeriodResult:
    """Score, rank and award one period (the last one when period_id is None)."""
    period = select_period(loaded.campaign, period_id)
    inputs = load_inputs(loaded, period, Path(data_path) if data_path else None, sheet)
    return compute_period(loaded.campaign, loaded.id, period, inputs)


def score_with_nominations(loaded: LoadedCampaign, period_id: str | None,
                           nominations: Path) -> PeriodResult:
    """score_period with another nominations sheet: checks an uploaded sheet's quotas (DataError
    with file, row and column) before it replaces the period's."""
    period = select_period(loaded.campaign, period_id)
    inputs = replace(load_inputs(loaded, period), nominations=read_nominations(nominations))
    return compute_period(loaded.campaign, loaded.id, period, inputs)


def vn_sort_key(name: str) -> tuple[str, str]:
    """Alphabetical key for Vietnamese names (base letters first, then the marks)."""
    base = unicodedata.normalize("NFD", name.replace("đ", "d~").replace("Đ", "D~"))
    return "".join(c for c in base if not unicodedata.combining(c)).casefold(), name


def compute_period(campaign: Campaign, campaign_id: str, period: Period,
                   inputs: PeriodInputs) -> PeriodResult:
    """Pure: the whole result of a period from its inputs."""
    return _Computation(campaign, campaign_id, period, inputs).run()


class _Computation:
    def __init__(self, campaign: Campaign, campaign_id: str, period: Period,
                 inputs: PeriodInputs) -> None:
        self.c = campaign
        self.campaign_id = campaign_id
        self.period = period
        self.inputs = inputs
        self.metrics = {m.id: m for m in campaign.metrics}
        self.groups = campaign.scored_groups(period)
        self.window = report_window(campaign, period, inputs.submissions)
        self.warnings: list[str] = list(inputs.figures.warnings)
        self._rules: dict[tuple[str, str], tuple[Any, Decimal]] = {}
        self._months: dict[int, list[tuple[int, int]]] = {}

    def rule(self, criterion: Any, group_id: str) -> tuple[Any, Decimal]:
        key = (criterion.id, group_id)
        if key not in self._rules:
            self._rules[key] = (criterion.rule_for_group(group_id),
                                criterion.max_points_for_group(group_id))
        return self._rules[key]

    def months(self, due_day: int) -> list[tuple[int, int]]:
        if due_day not in self._months:
            self._months[due_day] = expected_months(*self.window, due_day)
        return self._months[due_day]

    def score_unit(self, group_id: str, unit_id: str) -> tuple[list[CriterionScore], list[str]]:
        values = self.inputs.figures.values.get(unit_id, {})
        scores, exclusions = [], []
        for criterion in self.c.scoring.criteria:
            if criterion.groups is not None and group_id not in criterion.groups:
                continue
            rule, max_points = self.rule(criterion, group_id)
            reports = None
            if rule.kind == "report_timeliness":
                log = self.inputs.submissions.of(unit_id) if self.inputs.submissions else {}
                reports = report_statuses(log, self.months(rule.due_day), rule.due_day)
            outcome = evaluate(rule, max_points, values,
                               RuleContext(self.metrics, self.c.scoring.rounding, reports))
            scores.append(CriterionScore(criterion.id, criterion.title, max_points,
                                         outcome.points, outcome.explanation, outcome.met,
                                         outcome.excludes))
            if outcome.excludes:
                exclusions.append(f"{criterion.label or criterion.title}: {outcome.explanation}")
        return scores, exclusions

    def run(self) -> PeriodResult:
        rows: dict[str, dict[str, Any]] = {}
        for group, unit in self.c.units():
            if group.id not in self.groups:
                continue
            scores, exclusions = self.score_unit(group.id, unit.id)
            total = sum((s.points for s in scores), Decimal(0))
            eligible, reasons = eligibility(exclusions, total, self.c.scoring.min_total)
            rows[unit.id] = dict(unit_id=unit.id, unit_name=unit.name, group_id=group.id,
                                 group_name=group.name, criteria=tuple(scores), total=total,
                                 eligible=eligible, ineligible_reasons=reasons,
                                 figures=dict(self.inputs.figures.values.get(unit.id, {})))
        if self.inputs.submissions is not None:
            expected = expected_by_unit(self.c, self.groups, self.window)
            self.warnings.extend(months_outside(self.inputs.submissions, expected))
        eligible_ids = tuple(u for u, r in rows.items() if r["eligible"])
        ranker = self.ranker(rows, eligible_ids)
        notes = self.assign_ranks(rows, eligible_ids, ranker)
        allocation = allocate(self.period, Candidates(
            eligible_ids, {u: rows[u]["group_id"] for u in rows},
            {u: rows[u]["unit_name"] for u in rows}, {u: rows[u]["total"] for u in rows}),
            ranker, self.c.dossier.base_salary, self.inputs.council_file)
        units = self.unit_results(rows, allocation, notes)
        nominations = self.nominations(rows, allocation)
        unused = sorted(set(self.inputs.council_order or {}) - ranker.council_used)
        for unit_id in unused:
            self.warnings.append(f"thứ tự Hội đồng của đơn vị '{unit_id}' không được dùng: "
                                 "đơn vị không bằng điểm với đơn vị nào")
        prize_total = sum(u.prize for u in units) + sum(n.prize for n in nominations)
        return PeriodResult(self.campaign_id, self.period.id, self.period.name, units,
                            nominations, prize_total, allocation.pending, tuple(self.warnings))

    def ranker(self, rows: dict[str, dict[str, Any]], eligible_ids: tuple[str, ...]) -> Ranker:
        tie_breaks = self.c.scoring.tie_breaks
        entries = {}
        for unit_id in eligible_ids:
            row = rows[unit_id]
            points = {s.criterion_id: s.points for s in row["criteria"]}
            keys = tuple(tie_break_value(t, row["figures"], points) for t in tie_breaks)
            entries[unit_id] = RankEntry(unit_id, row["total"], keys)
        return Ranker(tie_breaks, entries, self.inputs.council_order)

    def assign_ranks(self, rows: dict[str, dict[str, Any]], eligible_ids: tuple[str, ...],
                     ranker: Ranker) -> dict[str, str]:
        """Rank each scope; return the notes of ties a tie-break or the council broke."""
        scopes = ([list(eligible_ids)] if self.c.scoring.ranking == "overall" else
                  [[u for u in eligible_ids if rows[u]["group_id"] == g] for g in self.groups])
        names = {u: r["unit_name"] for u, r in rows.items()}
        notes: dict[str, str] = {}
        for scope in scopes:
            separations: Separations = {}
            order = ranker.order(scope, separations)
            for unit_id, rank in competition_ranks(order).items():
                rows[unit_id]["rank"] = rank
            notes.update(tie_notes(order, separations, ranker, names,
                                   council_order_file(self.period)))
        return notes

    def unit_results(self, rows: dict[str, dict[str, Any]], allocation: Allocation,
                     resolved: dict[str, str]) -> tuple[UnitResult, ...]:
        results = []
        for unit_id, row in rows.items():
            grant = allocation.grants.get(unit_id)
            extra: dict[str, Any] = {}
            if grant is not None:
                extra = dict(award_id=grant.award.id, award_form=grant.award.form,
                             award=grant.name, prize=grant.prize, bonus_points=grant.bonus_points)
            pending = allocation.tie_notes.get(unit_id)  # an open tie: the council message
            results.append(UnitResult(
                **row, **extra, individuals_quota=allocation.quotas.get(unit_id, (0, None))[0],
                tie=pending is not None, tie_note=pending or resolved.get(unit_id)))
        order = {g: i for i, g in enumerate(self.groups)}
        results.sort(key=lambda u: (order[u.group_id], u.rank is None, u.rank or 0,
                                    vn_sort_key(u.unit_name)))
        return tuple(results)

    def nominations(self, rows: dict[str, dict[str, Any]], allocation: Allocation) -> tuple:
        sheet = self.inputs.nominations
        if sheet is None:
            return ()
        names = {u.id: u.name for _, u in self.c.units()}
        groups = {u.id: g.id for g, u in self.c.units()}
        ctx = QuotaContext(names, groups, allocation.quotas, frozenset(allocation.tie_notes),
                           self.c.dossier.base_salary)
        nominations, warnings = check_nominations(sheet, self.period, ctx)
        self.warnings.extend(warnings)
        return nominations
