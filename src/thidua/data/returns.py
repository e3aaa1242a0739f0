"""Units' returns of a period's figures (one workbook per unit, or combined) and their merge."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from thidua.campaign.model import Campaign, Period
from thidua.data.figures import FigureSpec, figures_from_table, strip_unit_suffix
from thidua.data.form import form_metrics, metric_header
from thidua.data.spreadsheet import escape_formula, put_text, workbook_bytes
from thidua.data.tables import (
    RawTable,
    cell,
    clean_text,
    is_unit_id_header,
    normalize_header,
    read_table,
)
from thidua.data.values import Value
from thidua.errors import DataError, Problem
from thidua.vietnamese.formatting import format_number

UNIT_NAME_HEADER = "Tên đơn vị"
UNIT_ID_HEADER = "Mã đơn vị"


@dataclass(frozen=True)
class Returns:
    """The filled rows of a figures file: checked values per unit and every problem found."""

    values: dict[str, dict[str, Value]]   # units whose filled row has no error
    problems: tuple[Problem, ...]
    missing: tuple[tuple[str, str], ...]  # (unit id, name) of scored units without a filled row

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def reported(self) -> tuple[str, ...]:
        return tuple(self.values)


def read_returns(campaign: Campaign, path: Path, sheet: str | None = None,
                 groups: Iterable[str] | None = None) -> Returns:
    """Read a figures file whose rows may be partly filled (the collection form pre-fills
    every unit's id and name): rows with no figure are units that have not reported; every
    filled row is checked as scoring checks it, with sheet/row/column."""
    spec = FigureSpec.build(campaign, groups)
    try:
        table = read_table(path, is_unit_id_header, sheet, "số liệu", sheet_option="--sheet")
    except DataError as exc:
        return Returns({}, tuple(exc.problems), _missing(spec, set()))
    filled = _filled_rows(table, campaign, spec)
    table = replace(table, rows=[r for r in table.rows if r[0] in filled])
    units = {clean_text(cell(cells, _id_column(table))) for _, cells in table.rows}
    narrowed = replace(spec, units={k: v for k, v in spec.units.items() if k in units})
    problems: list[Problem] = []
    try:
        figures = figures_from_table(table, campaign.metrics, narrowed)
        problems = _warnings(figures.warnings)
        values = figures.values
    except DataError as exc:
        problems = list(exc.problems)
        bad_rows = {p.location.row for p in problems if p.severity == "error"}
        if None in bad_rows or table.header_row in bad_rows:
            return Returns({}, tuple(problems), _missing(spec, set()))
        clean = replace(table, rows=[r for r in table.rows if r[0] not in bad_rows], warnings=[])
        keep = {clean_text(cell(cells, _id_column(clean))) for _, cells in clean.rows}
        narrowed = replace(spec, units={k: v for k, v in spec.units.items() if k in keep})
        values = figures_from_table(clean, campaign.metrics, narrowed).values
    ordered = {u: values[u] for u in spec.units if u in values}
    return Returns(ordered, tuple(problems), _missing(spec, set(ordered)))


def merged_rows(campaign: Campaign, period: Period,
                *returns: dict[str, dict[str, Value]]) -> list[list[str]]:
    """The period's figures as rows of text (the collection form's columns), later returns
    taking precedence unit by unit; units that have not reported are left out."""
    groups = campaign.scored_groups(period)
    metrics = form_metrics(campaign, groups)
    combined: dict[str, dict[str, Value]] = {}
    for values in returns:
        combined.update(values)
    rows = [[UNIT_ID_HEADER, UNIT_NAME_HEADER] + [metric_header(m) for m in metrics]]
    for group, unit in campaign.units():
        if group.id in groups and unit.id in combined:
            row = combined[unit.id]
            rows.append([unit.id, unit.name] + [_text(row.get(m.id)) for m in metrics])
    return rows


def figures_file_bytes(rows: list[list[str]], suffix: str) -> bytes:
    """Rows as a figures file the reader takes back: UTF-8 CSV, or an .xlsx of text cells."""
    if suffix.lower() in (".xlsx", ".xlsm"):
        workbook = Workbook()
        sheet = workbook.active
        for r, values in enumerate(rows, start=1):
            for c, text in enumerate(values, start=1):
                put_text(sheet.cell(row=r, column=c), text)
        return workbook_bytes(workbook)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([escape_formula(t) for t in r] for r in rows)
    return out.getvalue().encode("utf-8")


def _text(value: Value) -> str:
    """A checked value as the figures reader reads it back (Vietnamese number format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return format_number(value.normalize())
    return str(value)


def _id_column(table: RawTable) -> int:
    return next(i for i, h in enumerate(table.headers) if is_unit_id_header(normalize_header(h)))


def _missing(spec: FigureSpec, reported: set[str]) -> tuple[tuple[str, str], ...]:
    return tuple((unit_id, name) for unit_id, (group_id, name) in spec.units.items()
                 if group_id in spec.scored_groups and unit_id not in reported)


def _warnings(lines: tuple[str, ...]) -> list[Problem]:
    """Figures keep their warnings as located text lines; as Problems for the same tables."""
    return [Problem(line, severity="warning") for line in lines]


def _filled_rows(table: RawTable, campaign: Campaign, spec: FigureSpec) -> set[int]:
    """Row numbers with a value in at least one metric column, or with an id that is not a
    pre-filled unit of the period (so that a mistyped id is reported, not skipped)."""
    keys = {normalize_header(k) for m in campaign.metrics for k in (m.id, m.label)}
    id_column = _id_column(table)
    metric_columns = [i for i, h in enumerate(table.headers)
                      if normalize_header(h) in keys
                      or normalize_header(strip_unit_suffix(h)) in keys]
    filled = set()
    for number, cells in table.rows:
        unit_id = clean_text(cell(cells, id_column))
        if any(clean_text(cell(cells, i)) for i in metric_columns) or (
                unit_id and unit_id not in spec.units):
            filled.add(number)
    return filled
