"""The submission log of periodic reports, the months a period expects, late/missing deductions."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.campaign.model import Campaign, Period
from thidua.campaign.model_rules import LateTier, ReportTimeliness
from thidua.data.tables import (
    UNIT_ID_HEADERS,
    RawTable,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    read_table,
)
from thidua.data.values import DATA_YEARS, CellError, check_year, parse_date_value
from thidua.errors import DataError, Location, Problem
from thidua.vietnamese.formatting import format_number, two_digit

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class SubmissionLog:
    """The rows of the submission log: unit → month → date submitted (None: not submitted)."""

    file: str
    sheet: str | None
    entries: dict[str, dict[Month, date | None]]
    rows: dict[tuple[str, Month], int] = field(default_factory=dict)
    month_column: str | None = None

    def of(self, unit_id: str) -> dict[Month, date | None]:
        return self.entries.get(unit_id, {})

    def location(self, unit_id: str, month: Month) -> Location:
        return Location(file=self.file, sheet=self.sheet, row=self.rows.get((unit_id, month)),
                        column=self.month_column)

MONTH_HEADERS = ("ky", "kỳ", "kỳ báo cáo", "tháng", "thang")
DATE_HEADERS = ("ngay_nop", "ngày nộp", "ngay nop")
_MONTH = re.compile(r"^(?:tháng|t)?\s*(\d{1,2})\s*[/.-]\s*(\d{4})$", re.IGNORECASE)
_MINUS = "\u2212"


@dataclass(frozen=True)
class ReportStatus:
    """One expected monthly report of a unit: when it was due and when it arrived."""

    month: Month
    due: date
    submitted: date | None

    @property
    def days_late(self) -> int | None:
        """Calendar days after the due date (0 when on time); None when never submitted."""
        if self.submitted is None:
            return None
        return max(0, (self.submitted - self.due).days)


@functools.lru_cache(maxsize=1024)
def due_date(month: Month, due_day: int) -> date:
    """due_day of the month, or the month's last day when it is shorter (31 → 28/2)."""
    year, number = month
    return date(year, number, min(due_day, calendar.monthrange(year, number)[1]))


def expected_months(start: date, end: date, due_day: int) -> list[Month]:
    """Months from start to end whose report falls due within [start, end]."""
    months = []
    year, number = start.year, start.month
    while (year, number) <= (end.year, end.month):
        if start <= due_date((year, number), due_day) <= end:
            months.append((year, number))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def report_statuses(log: dict[Month, date | None], months: Iterable[Month],
                    due_day: int) -> tuple[ReportStatus, ...]:
    """A status for every expected month; a month with no row counts as not submitted."""
    return tuple(ReportStatus(m, due_date(m, due_day), log.get(m)) for m in months)


def _tier_for(tiers: list[LateTier], days: int) -> int | None:
    for index, tier in enumerate(tiers):
        if tier.max_days_late is None or days <= tier.max_days_late:
            return index
    return None


def _sorted_tiers(tiers: tuple[LateTier, ...]) -> list[LateTier]:
    return sorted(tiers, key=lambda t: (t.max_days_late is None, t.max_days_late or 0))


def _tier_label(tiers: list[LateTier], index: int) -> str:
    low = 1 if index == 0 else (tiers[index - 1].max_days_late or 0) + 1
    high = tiers[index].max_days_late
    if high is None:
        return f"trễ trên {low - 1} ngày" if low > 1 else "trễ hạn"
    return f"trễ {low} ngày" if high == low else f"trễ {low}–{high} ngày"


def _num(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".").replace("-", _MINUS)
    return format_number(value.normalize()).replace("-", _MINUS)


def timeliness_deduction(rule: ReportTimeliness,
                         statuses: Iterable[ReportStatus]) -> tuple[Decimal, str]:
    """Total points (≤ 0 usually) and 'NN báo cáo trễ 1–3 ngày × (−2) + … = −9 điểm'.

    A report later than every bounded tier counts as not submitted (missing_points).
    """
    tiers = _sorted_tiers(rule.tiers)
    counts = [0] * len(tiers)
    missing = on_time = total_expected = 0
    for status in statuses:
        total_expected += 1
        days = status.days_late
        tier = None if days is None else _tier_for(tiers, days)
        if days == 0:
            on_time += 1
        elif tier is None:
            missing += 1
        else:
            counts[tier] += 1
    terms = [(counts[i], _tier_label(tiers, i), t.points) for i, t in enumerate(tiers) if counts[i]]
    if missing:
        terms.append((missing, "không nộp", rule.missing_points))
    if not total_expected:
        return Decimal(0), "Không có kỳ báo cáo nào đến hạn: 0 điểm"
    if not terms:
        return Decimal(0), f"Nộp đúng hạn {two_digit(on_time)}/{two_digit(total_expected)} " \
                           "báo cáo: 0 điểm"
    points = sum((Decimal(n) * p for n, _, p in terms), Decimal(0))
    text = " + ".join(f"{two_digit(n)} báo cáo {label} × "
                      f"{'(' + _num(p) + ')' if p < 0 else _num(p)}" for n, label, p in terms)
    return points, f"{text} = {_num(points)} điểm"


def _parse_month(raw: Any) -> Month:
    if isinstance(raw, (datetime, date)):
        when = check_year(raw.date() if isinstance(raw, datetime) else raw)
        return when.year, when.month
    return _parse_month_text(clean_text(raw))


@functools.lru_cache(maxsize=4096)
def _parse_month_text(text: str) -> Month:
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(1)) <= 12:
        raise CellError(f"kỳ báo cáo '{text}' không đúng dạng mm/yyyy (ví dụ 03/2024)")
    if int(match.group(2)) not in DATA_YEARS:
        raise CellError(f"kỳ báo cáo '{text}' có năm không hợp lý (từ {DATA_YEARS[0]} đến "
                        f"{DATA_YEARS[-1]}); kiểm tra lại năm")
    return int(match.group(2)), int(match.group(1))


def _parse_submitted(raw: Any) -> date:
    return _parse_date_text(raw) if isinstance(raw, str) else parse_date_value(raw)


@functools.lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> date:
    return parse_date_value(text)


def read_submission_log(path: Path, unit_ids: Iterable[str]) -> SubmissionLog:
    """Read the log; every problem (unknown unit, bad month or date, a unit and month given
    twice) in one DataError."""
    table = read_table(path, is_unit_id_header, None, "sổ theo dõi nộp báo cáo")
    return submissions_from_table(table, set(unit_ids))


def submissions_from_table(table: RawTable, known: set[str]) -> SubmissionLog:
    problems: list[Problem] = []
    id_col = find_column(table, UNIT_ID_HEADERS)
    month_col = find_column(table, MONTH_HEADERS)
    date_col = find_column(table, DATE_HEADERS)
    for name, col in (("ky", month_col), ("ngay_nop", date_col)):
        if col is None:
            problems.append(Problem(f"thiếu cột '{name}'", table.location(table.header_row)))
    if problems:
        raise DataError(problems)
    entries: dict[str, dict[Month, date | None]] = {}
    rows: dict[tuple[str, Month], int] = {}
    for number, cells in table.rows:
        unit_id = clean_text(cell(cells, id_col))
        if unit_id not in known:
            problems.append(Problem(f"mã đơn vị '{unit_id}' không có trong phong trào",
                                    table.location(number, id_col)))
            continue
        try:
            month = _parse_month(cell(cells, month_col))
        except CellError as exc:
            problems.append(Problem(str(exc), table.location(number, month_col)))
            continue
        if (unit_id, month) in rows:
            problems.append(Problem(
                f"đơn vị '{unit_id}' có hai dòng cho kỳ {month_text(month)} (đã có ở dòng "
                f"{rows[(unit_id, month)]}); mỗi đơn vị mỗi kỳ chỉ ghi một dòng",
                table.location(number, month_col)))
            continue
        rows[(unit_id, month)] = number
        raw_date = cell(cells, date_col)
        submitted = None
        if clean_text(raw_date):
            try:
                submitted = _parse_submitted(raw_date)
            except CellError as exc:
                problems.append(Problem(str(exc), table.location(number, date_col)))
                continue
        entries.setdefault(unit_id, {})[month] = submitted
    if problems:
        raise DataError(problems)
    return SubmissionLog(table.file, table.sheet, entries, rows,
                         table.column_name(month_col) if month_col is not None else None)


def month_text(month: Month) -> str:
    return f"{month[1]:02d}/{month[0]}"


def report_window(campaign: Campaign, period: Period, submissions: SubmissionLog | None
                  ) -> tuple[tuple[date, date], str | None]:
    """Start and end of the months whose reports are expected, and a note when the start had
    to be inferred from the log.

    period.reports_from, else period.start, else the campaign's time span (time.start, else
    the plan's date); without any start date, the month most units' logs start at — so one
    stray early row cannot widen the window (and cost points) for every unit.
    """
    end = period.end or campaign.time.end
    start = (period.reports_from or period.start or campaign.time.start
             or campaign.document.date)
    if start is not None:
        return (start, end), None
    logs = submissions.entries if submissions else {}
    firsts = sorted(min(log) for log in logs.values() if log)
    if not firsts:
        return (date(end.year, end.month, 1), end), None
    first = max(set(firsts), key=lambda m: (firsts.count(m), -m[0], -m[1]))
    earlier = sum(f < first for f in firsts)
    note = (f"{submissions.file if submissions else ''}: đợt '{period.id}' không nêu ngày bắt "
            f"đầu: các kỳ báo cáo được tính từ kỳ {month_text(first)} (kỳ đầu tiên của đa số "
            "đơn vị trong sổ theo dõi"
            + (f"; {earlier} đơn vị có kỳ sớm hơn, các dòng đó không được tính" if earlier else "")
            + "); để chỉ định, ghi periods[].reports_from (ví dụ 01/01/2024) hoặc periods[].start")
    return (date(first[0], first[1], 1), end), note


def needs_submissions(campaign: Campaign, groups: list[str]) -> bool:
    """Whether any scored group has a report_timeliness criterion (the log is then needed)."""
    return bool(_timeliness_due_days(campaign, groups))


def _timeliness_due_days(campaign: Campaign, groups: Iterable[str]) -> dict[str, set[int]]:
    """group → due days of the report_timeliness rules that apply to it (groups without
    such a rule are left out)."""
    out: dict[str, set[int]] = {}
    for group_id in groups:
        for criterion in campaign.scoring.criteria:
            if criterion.groups is None or group_id in criterion.groups:
                rule = criterion.rule_for_group(group_id)
                if rule.kind == "report_timeliness":
                    out.setdefault(group_id, set()).add(rule.due_day)
    return out


def expected_by_unit(campaign: Campaign, groups: list[str],
                     window: tuple[date, date]) -> dict[str, list[Month]]:
    """The months each unit of a scored group with a report_timeliness rule must report."""
    due_days = _timeliness_due_days(campaign, groups)
    return {unit.id: sorted({m for d in due_days[group.id] for m in expected_months(*window, d)})
            for group, unit in campaign.units() if group.id in due_days}


def months_outside(log: SubmissionLog, expected: dict[str, list[Month]]) -> list[str]:
    """A warning for each row of a scored unit whose month the period does not expect."""
    warnings = []
    for unit_id, month in sorted(log.rows, key=log.rows.__getitem__):
        if unit_id not in expected or month in expected[unit_id]:
            continue
        months = expected[unit_id]
        span = (f"các kỳ của đợt: {month_text(months[0])} đến {month_text(months[-1])}"
                if months else "đợt này không có kỳ báo cáo nào đến hạn")
        warnings.append(f"{log.location(unit_id, month)}: kỳ {month_text(month)} của đơn vị "
                        f"'{unit_id}' nằm ngoài các kỳ báo cáo của đợt ({span}); dòng này "
                        "không được tính")
    return warnings
