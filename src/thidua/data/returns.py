"""Which units have reported a period's figures, and every problem of a figures file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from thidua.campaign.model import Campaign
from thidua.data.figures import FigureSpec, figures_from_table, strip_unit_suffix
from thidua.data.tables import RawTable, cell, clean_text, is_unit_id_header, normalize_header, read_table
from thidua.errors import DataError, Problem


@dataclass(frozen=True)
class FiguresCheck:
    """A figures file checked as scoring would read it, plus who filled a row in it."""

    problems: tuple[Problem, ...]
    reported: tuple[str, ...]           # unit ids with at least one figure filled in
    missing: tuple[tuple[str, str], ...]  # (unit id, unit name) of scored units without any

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def check_figures(campaign: Campaign, path: Path, sheet: str | None = None,
                  groups: Iterable[str] | None = None) -> FiguresCheck:
    """Read a figures file (CSV/XLSX, e.g. a filled collection form) without stopping at the
    first problem: every problem with its sheet/row/column, and who has reported."""
    spec = FigureSpec.build(campaign, groups)
    try:
        table = read_table(path, is_unit_id_header, sheet, "số liệu", sheet_option="--sheet")
    except DataError as exc:
        return FiguresCheck(tuple(exc.problems), (), _expected(spec, set()))
    try:
        figures = figures_from_table(table, campaign.metrics, spec)
        problems: tuple[Problem, ...] = tuple(table.warnings)
    except DataError as exc:
        figures, problems = None, tuple(exc.problems)
    reported = _filled_units(table, campaign, spec) if figures is None else set(figures.values)
    ordered = tuple(u for u in spec.units if u in reported)
    return FiguresCheck(problems, ordered, _expected(spec, reported))


def _expected(spec: FigureSpec, reported: set[str]) -> tuple[tuple[str, str], ...]:
    return tuple((unit_id, name) for unit_id, (group_id, name) in spec.units.items()
                 if group_id in spec.scored_groups and unit_id not in reported)


def _filled_units(table: RawTable, campaign: Campaign, spec: FigureSpec) -> set[str]:
    """Units whose row has a value in at least one metric column (the form pre-fills id and
    name of every unit, so a row alone does not mean the unit reported)."""
    keys = {normalize_header(k) for m in campaign.metrics for k in (m.id, m.label)}
    id_column = next(i for i, h in enumerate(table.headers)
                     if is_unit_id_header(normalize_header(h)))
    metric_columns = [i for i, h in enumerate(table.headers)
                      if normalize_header(h) in keys
                      or normalize_header(strip_unit_suffix(h)) in keys]
    filled = set()
    for _number, cells in table.rows:
        unit_id = clean_text(cell(cells, id_column))
        if unit_id in spec.units and any(clean_text(cell(cells, i)) for i in metric_columns):
            filled.add(unit_id)
    return filled

