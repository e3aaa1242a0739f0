"""Score results as a Vietnamese text table, as JSON, and as a printable A4 XLSX score table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.atomic import write_bytes_atomic
from thidua.campaign.model import Campaign, Criterion
from thidua.data.spreadsheet import FONT_NAME, put_text, workbook_bytes
from thidua.scoring.results import CriterionScore, PeriodResult, UnitResult
from thidua.vietnamese.formatting import (
    format_money,
    format_number,
    money_in_words,
    roman,
)

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def render_json(result: PeriodResult) -> str:
    """Exactly PeriodResult.to_json(), pretty-printed UTF-8."""
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


def _points(value: Decimal, decimals: int) -> str:
    return format_number(value, decimals).replace("-", "\u2212")


def _criteria_columns(campaign: Campaign, units: Sequence[UnitResult]) -> list[Criterion]:
    used = {c.criterion_id for u in units for c in u.criteria}
    return [c for c in campaign.scoring.criteria if c.id in used]


def _score_text(score: CriterionScore | None, decimals: int) -> str:
    """Points, or Đạt/Không đạt for a target with no points; blank when not applicable."""
    if score is None:
        return ""
    if score.met is not None and not score.max_points:
        return "Đạt" if score.met else "Không đạt"
    return _points(score.points, decimals)


def _bonus_column(result: PeriodResult, campaign: Campaign) -> bool:
    """Show 'Điểm cộng' when the period's awards give bonus points (or a unit received some)."""
    period = campaign.period(result.period_id)
    declared = period is not None and any(r.bonus_points is not None
                                          for a in period.awards for r in a.ranks)
    return declared or any(u.bonus_points for u in result.units)


def _bonus_text(unit: UnitResult) -> str:
    return _points(unit.bonus_points.normalize(), 0) if unit.bonus_points else ""


def _award_text(unit: UnitResult) -> str:
    if unit.tie:
        return "chờ Hội đồng quyết định"
    return unit.award or ""


def _scopes(result: PeriodResult, campaign: Campaign) -> list[tuple[str, list[UnitResult]]]:
    """(heading, units) per table: one per group, or one overall ranking."""
    if campaign.scoring.ranking == "overall":
        ordered = sorted(result.units, key=lambda u: (u.rank is None, u.rank or 0))
        return [("Xếp hạng chung", ordered)]
    scopes: list[tuple[str, list[UnitResult]]] = []
    for unit in result.units:
        if not scopes or scopes[-1][1][0].group_id != unit.group_id:
            scopes.append((unit.group_name, []))
        scopes[-1][1].append(unit)
    return scopes


def render_table(result: PeriodResult, campaign: Campaign) -> str:
    """The score table as aligned text lines (rank, unit, criteria, total, award, prize)."""
    decimals = campaign.scoring.rounding.decimals
    bonus = _bonus_column(result, campaign)
    lines = [f"Kết quả chấm điểm: {campaign.short_name or campaign.title}",
             f"Đợt: {result.period_name}"]
    for heading, units in _scopes(result, campaign):
        criteria = _criteria_columns(campaign, units)
        header = ["Hạng", "Đơn vị"] + [c.label or c.id for c in criteria] + [
            "Tổng", "Khen thưởng", "Tiền thưởng"] + (["Điểm cộng"] if bonus else [])
        rows = [header]
        for unit in units:
            cells = [str(unit.rank) if unit.rank else "–", unit.unit_name]
            for criterion in criteria:
                cells.append(_score_text(unit.criterion(criterion.id), decimals))
            cells += [_points(unit.total, decimals), _award_text(unit),
                      format_money(unit.prize) if unit.prize else ""]
            rows.append(cells + ([_bonus_text(unit)] if bonus else []))
        lines += ["", f"Nhóm: {heading}" if campaign.scoring.ranking == "group" else heading]
        award_column = len(criteria) + 3
        lines += _align(rows, left={1, award_column})
        for unit in units:
            for reason in unit.ineligible_reasons:
                lines.append(f"Không xếp hạng – {unit.unit_name}: {reason}")
            if unit.tie_note and not unit.tie:
                lines.append(f"Bằng điểm – {unit.unit_name}: {unit.tie_note}")
    lines.append("")
    if result.nominations:
        lines.append(f"Cá nhân đề nghị khen thưởng: {len(result.nominations)}")
    lines.append(f"Tổng tiền thưởng: {format_money(result.prize_total)} đồng "
                 f"({money_in_words(result.prize_total)}).")
    return "\n".join(lines) + "\n"


def _align(rows: list[list[str]], left: set[int]) -> list[str]:
    """Columns padded to a common width: text columns (`left`) left, numbers right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [cell.ljust(widths[i]) if i in left else cell.rjust(widths[i])
                 for i, cell in enumerate(row)]
        out.append("  ".join(cells).rstrip())
    return out


def _style(cell: Any, bold: bool = False, wrap: bool = True, horizontal: str | None = None,
           border: bool = True) -> None:
    cell.font = Font(name=FONT_NAME, size=12, bold=bold)
    cell.alignment = Alignment(wrap_text=wrap, vertical="center", horizontal=horizontal)
    if border:
        cell.border = _BORDER


def _put(ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> Any:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
    _style(cell, **style)
    return cell


def _print_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_options.horizontalCentered = True


def build_workbook(result: PeriodResult, campaign: Campaign) -> Workbook:
    """Sheet 1: the score table; sheet 2: every criterion's explanation per unit."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Bảng tổng hợp"
    criteria = _criteria_columns(campaign, result.units)
    decimals = campaign.scoring.rounding.decimals
    points_format = "0" if decimals == 0 else "0." + "0" * decimals
    bonus = _bonus_column(result, campaign)
    header = (["STT", "Đơn vị"] + [f"{c.label or c.id} ({format_number(c.max_points)} điểm)"
                                   if c.max_points else (c.label or c.id) for c in criteria]
              + ["Tổng điểm", "Xếp hạng", "Khen thưởng", "Tiền thưởng (đồng)"]
              + (["Điểm cộng"] if bonus else []) + ["Ghi chú"])
    width = len(header)
    _put(ws, 1, 1, "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA", bold=True, horizontal="center",
         border=False)
    _put(ws, 2, 1, campaign.short_name or campaign.title, horizontal="center", border=False)
    _put(ws, 3, 1, result.period_name, horizontal="center", border=False)
    for row in (1, 2, 3):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    header_row = 5
    for column, text in enumerate(header, start=1):
        _put(ws, header_row, column, text, bold=True, horizontal="center")
    row = header_row
    for index, (heading, units) in enumerate(_scopes(result, campaign), start=1):
        row += 1
        _put(ws, row, 1, f"{roman(index)}. {heading}", bold=True, horizontal="left")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        for number, unit in enumerate(units, start=1):
            row += 1
            _put(ws, row, 1, number, horizontal="center")
            _put(ws, row, 2, unit.unit_name)
            for offset, criterion in enumerate(criteria):
                score = unit.criterion(criterion.id)
                if score is not None and score.met is not None and not score.max_points:
                    _put(ws, row, 3 + offset, _score_text(score, decimals), horizontal="center")
                    continue
                cell = _put(ws, row, 3 + offset, score.points if score else None,
                            horizontal="right")
                cell.number_format = points_format
            total = _put(ws, row, 3 + len(criteria), unit.total, bold=True, horizontal="right")
            total.number_format = points_format
            _put(ws, row, 4 + len(criteria), unit.rank, horizontal="center")
            _put(ws, row, 5 + len(criteria), _award_text(unit))
            prize = _put(ws, row, 6 + len(criteria), unit.prize or None, horizontal="right")
            prize.number_format = "#,##0"
            if bonus:
                points = _put(ws, row, 7 + len(criteria), unit.bonus_points or None,
                              horizontal="right")
                points.number_format = "0.##" if _has_fraction(unit.bonus_points) else "0"
            _put(ws, row, width, "; ".join(unit.ineligible_reasons) or (unit.tie_note or ""))
    row += 1
    _put(ws, row, 1, f"Tổng tiền thưởng: {format_money(result.prize_total)} đồng "
                     f"({money_in_words(result.prize_total)}).", bold=True, border=False)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    widths = [6, 34] + [14] * len(criteria) + [10, 9, 24, 14] + ([10] if bonus else []) + [40]
    for column, value in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = value
    ws.freeze_panes = f"C{header_row + 1}"
    _print_setup(ws, header_row)
    _explanations_sheet(workbook.create_sheet("Diễn giải"), result, decimals, points_format)
    return workbook


def _has_fraction(value: Decimal | None) -> bool:
    return value is not None and value != value.to_integral_value()


def _explanations_sheet(ws: Worksheet, result: PeriodResult, decimals: int,
                        points_format: str) -> None:
    header = ["STT", "Đơn vị", "Tiêu chí", "Điểm", "Diễn giải"]
    for column, text in enumerate(header, start=1):
        _put(ws, 1, column, text, bold=True, horizontal="center")
    row = 1
    for number, unit in enumerate(result.units, start=1):
        for score in unit.criteria:
            row += 1
            _put(ws, row, 1, number, horizontal="center")
            _put(ws, row, 2, unit.unit_name)
            _put(ws, row, 3, score.title)
            cell = _put(ws, row, 4, score.points, horizontal="right")
            cell.number_format = points_format
            _put(ws, row, 5, score.explanation)
    for column, value in enumerate([6, 30, 40, 10, 70], start=1):
        ws.column_dimensions[get_column_letter(column)].width = value
    _print_setup(ws, 1)


def write_xlsx(result: PeriodResult, campaign: Campaign, path: Path) -> Path:
    return write_bytes_atomic(Path(path), workbook_bytes(build_workbook(result, campaign)))


@dataclass(frozen=True)
class ScoreCell:
    """One criterion of one unit as the score table shows it, with its explanation."""

    title: str
    text: str
    explanation: str


@dataclass(frozen=True)
class ScoreView:
    """One ranking table (a group, or the overall ranking) with the texts render_table prints."""

    heading: str
    columns: tuple[str, ...]
    units: tuple[tuple[UnitResult, str, tuple[ScoreCell | None, ...], str, str, str], ...]
    bonus: bool


def score_views(result: PeriodResult, campaign: Campaign) -> list[ScoreView]:
    """The score tables of render_table as data (unit, total, cells, award, prize, bonus), for
    faces that lay them out themselves (the web pages)."""
    decimals = campaign.scoring.rounding.decimals
    bonus = _bonus_column(result, campaign)
    views = []
    for heading, units in _scopes(result, campaign):
        criteria = _criteria_columns(campaign, units)
        rows = []
        for unit in units:
            cells = tuple(None if (s := unit.criterion(c.id)) is None else
                          ScoreCell(s.title, _score_text(s, decimals), s.explanation)
                          for c in criteria)
            rows.append((unit, _points(unit.total, decimals), cells, _award_text(unit),
                         format_money(unit.prize) if unit.prize else "", _bonus_text(unit)))
        views.append(ScoreView(heading, tuple(c.label or c.id for c in criteria), tuple(rows),
                               bonus))
    return views
