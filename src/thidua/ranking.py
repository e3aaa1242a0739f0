"""Eligibility, ranking by total and tie-breaks, and the council's order for unbroken ties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from thidua.errors import DataError, Problem
from thidua.model import TieBreak
from thidua.rules import num
from thidua.unitdata_read import (
    UNIT_ID_HEADERS,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    read_table,
)
from thidua.unitdata_values import CellError, Value, parse_count

ORDER_HEADERS = ("thu_tu", "thứ tự", "thu tu")
TieGroup = tuple[str, ...]


def eligibility(exclusions: Sequence[str], total: Decimal,
                min_total: Decimal | None) -> tuple[bool, tuple[str, ...]]:
    """Eligible unless a floor/required target excludes the unit or the total is too low
    (the minimum total is only cited when nothing excluded the unit already)."""
    reasons = list(exclusions)
    if not reasons and min_total is not None and total < min_total:
        reasons.append(f"Tổng điểm {num(total)} chưa đạt mức tối thiểu {num(min_total)} điểm")
    return not reasons, tuple(reasons)


def tie_break_value(tie: TieBreak, values: Mapping[str, Value],
                    criterion_points: Mapping[str, Decimal]) -> Decimal | None:
    """The unit's value for one tie-break key; None when it cannot separate anything."""
    if tie.council:
        return None
    if tie.criterion:
        return criterion_points.get(tie.criterion)
    if tie.numerator and tie.denominator:
        numerator, denominator = _number(values.get(tie.numerator)), _number(
            values.get(tie.denominator))
        if numerator is None or denominator is None:
            return None
        if denominator == 0:
            return Decimal("Infinity") if numerator > 0 else None
        return numerator / denominator
    return _number(values.get(tie.metric or tie.numerator or ""))


def _number(value: Value) -> Decimal | None:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, date):
        return Decimal(value.toordinal())
    return value


@dataclass(frozen=True)
class RankEntry:
    """What ranking looks at: the total, then one value per tie-break key."""

    unit_id: str
    total: Decimal
    keys: tuple[Decimal | None, ...]


class Ranker:
    """Orders units by total, then the stated tie-breaks, then the council's order."""

    def __init__(self, tie_breaks: Sequence[TieBreak], entries: Mapping[str, RankEntry],
                 council_order: Mapping[str, int] | None = None) -> None:
        self.tie_breaks = tuple(tie_breaks)
        self.entries = entries
        self.council_order = dict(council_order or {})
        self.council_used: set[str] = set()

    def order(self, unit_ids: Iterable[str]) -> list[TieGroup]:
        """Tie groups best first; a group of several units is a tie nothing has broken.

        Units inside an unbroken tie keep the order given (display only, never a rank).
        """
        ids = list(unit_ids)
        by_total: dict[Decimal, list[str]] = {}
        for unit_id in ids:
            by_total.setdefault(self.entries[unit_id].total, []).append(unit_id)
        groups: list[TieGroup] = []
        for total in sorted(by_total, reverse=True):
            for group in self._split(by_total[total], 0):
                groups.extend(self._council(group))
        return groups

    def _split(self, ids: list[str], level: int) -> list[TieGroup]:
        if len(ids) == 1 or level >= len(self.tie_breaks) or self.tie_breaks[level].council:
            return [tuple(ids)]
        keys = {u: self.entries[u].keys[level] for u in ids}
        if any(value is None for value in keys.values()):
            return self._split(ids, level + 1)
        descending = self.tie_breaks[level].order == "desc"
        out: list[TieGroup] = []
        for value in sorted(set(keys.values()), reverse=descending):  # type: ignore[type-var]
            out.extend(self._split([u for u in ids if keys[u] == value], level + 1))
        return out

    def _council(self, group: TieGroup) -> list[TieGroup]:
        if len(group) == 1 or not all(u in self.council_order for u in group):
            return [group]
        self.council_used.update(group)
        positions: dict[int, list[str]] = {}
        for unit_id in group:
            positions.setdefault(self.council_order[unit_id], []).append(unit_id)
        return [tuple(positions[p]) for p in sorted(positions)]

    def settled_by_council(self, unit_id: str) -> bool:
        return unit_id in self.council_used

    def tie_labels(self) -> str:
        """The tie-break keys in words, for messages."""
        labels = [t.label for t in self.tie_breaks if not t.council]
        return "; ".join(labels) if labels else "kế hoạch không nêu tiêu chí phụ"


def competition_ranks(groups: Sequence[TieGroup]) -> dict[str, int]:
    """1, 2, 2, 4: units of one unbroken tie share a rank."""
    ranks: dict[str, int] = {}
    position = 1
    for group in groups:
        for unit_id in group:
            ranks[unit_id] = position
        position += len(group)
    return ranks


def read_council_order(path: Path, known: Iterable[str]) -> dict[str, int]:
    """ma_don_vi → thu_tu (1 = first among the tied units), as the council decided."""
    table = read_table(path, is_unit_id_header, None, "thứ tự do Hội đồng quyết định")
    id_col = find_column(table, UNIT_ID_HEADERS)
    order_col = find_column(table, ORDER_HEADERS)
    if order_col is None:
        raise DataError([Problem("thiếu cột 'thu_tu'", table.location(table.header_row))])
    known_ids = set(known)
    problems, order = [], {}
    for number, cells in table.rows:
        unit_id = clean_text(cell(cells, id_col))
        if unit_id not in known_ids:
            problems.append(Problem(f"mã đơn vị '{unit_id}' không có trong phong trào",
                                    table.location(number, id_col)))
            continue
        try:
            position = parse_count(cell(cells, order_col))
        except CellError as exc:
            problems.append(Problem(f"thứ tự: {exc}", table.location(number, order_col)))
            continue
        if unit_id in order:
            problems.append(Problem(f"đơn vị '{unit_id}' bị trùng",
                                    table.location(number, id_col)))
        order[unit_id] = int(position)
    if problems:
        raise DataError(problems)
    return order
