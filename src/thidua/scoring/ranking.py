"""Eligibility, ranking by total and tie-breaks, and the council's order for unbroken ties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from thidua.campaign.model import TieBreak
from thidua.data.tables import (
    UNIT_ID_HEADERS,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    read_table,
)
from thidua.data.values import CellError, Value, parse_count
from thidua.errors import DataError, Problem
from thidua.scoring.rules import num

ORDER_HEADERS = ("thu_tu", "thứ tự", "thu tu")
TieGroup = tuple[str, ...]
# (unit ranked above, unit ranked below) → index of the tie-break key that separated these
# two equal totals, or None when the council's order did.
Separations = dict[tuple[str, str], int | None]


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


def tie_break_blanks(tie: TieBreak, values: Mapping[str, Value]) -> tuple[str, ...]:
    """The metrics a tie-break reads that the unit left blank (or whose column is missing)."""
    if tie.council or tie.criterion:
        return ()
    wanted = (tie.numerator, tie.denominator) if tie.numerator and tie.denominator else (
        tie.metric or tie.numerator,)
    return tuple(m for m in wanted if m and values.get(m) is None)


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
    blanks: tuple[tuple[str, ...], ...] = ()  # per key: metrics left blank (tie_break_blanks)


class Ranker:
    """Orders units by total, then the stated tie-breaks, then the council's order."""

    def __init__(self, tie_breaks: Sequence[TieBreak], entries: Mapping[str, RankEntry],
                 council_order: Mapping[str, int] | None = None) -> None:
        self.tie_breaks = tuple(tie_breaks)
        self.entries = entries
        self.council_order = dict(council_order or {})
        self.council_used: set[str] = set()
        self.blanks_needed: dict[tuple[str, int], tuple[str, ...]] = {}  # (unit, key) → metrics

    def order(self, unit_ids: Iterable[str],
              separations: Separations | None = None) -> list[TieGroup]:
        """Tie groups best first; a group of several units is a tie nothing has broken.

        Units inside an unbroken tie keep the order given (display only, never a rank).
        When `separations` is given, it receives how each broken tie was broken.
        """
        ids = list(unit_ids)
        by_total: dict[Decimal, list[str]] = {}
        for unit_id in ids:
            by_total.setdefault(self.entries[unit_id].total, []).append(unit_id)
        groups: list[TieGroup] = []
        for total in sorted(by_total, reverse=True):
            for group in self._split(by_total[total], 0, separations):
                groups.extend(self._council(group, separations))
        return groups

    def _split(self, ids: list[str], level: int,
               separations: Separations | None) -> list[TieGroup]:
        if len(ids) == 1 or level >= len(self.tie_breaks) or self.tie_breaks[level].council:
            return [tuple(ids)]
        keys = {u: self.entries[u].keys[level] for u in ids}
        if any(value is None for value in keys.values()):
            for unit_id in ids:  # a tie this key should settle: its blank figures are needed
                blanks = self.entries[unit_id].blanks
                if level < len(blanks) and blanks[level]:
                    self.blanks_needed[(unit_id, level)] = blanks[level]
            return self._split(ids, level + 1, separations)
        descending = self.tie_breaks[level].order == "desc"
        classes = [[u for u in ids if keys[u] == value]
                   for value in sorted(set(keys.values()), reverse=descending)]  # type: ignore[type-var]
        _record(classes, level, separations)
        out: list[TieGroup] = []
        for members in classes:
            out.extend(self._split(members, level + 1, separations))
        return out

    def _council(self, group: TieGroup, separations: Separations | None) -> list[TieGroup]:
        if len(group) == 1 or not all(u in self.council_order for u in group):
            return [group]
        self.council_used.update(group)
        positions: dict[int, list[str]] = {}
        for unit_id in group:
            positions.setdefault(self.council_order[unit_id], []).append(unit_id)
        classes = [positions[p] for p in sorted(positions)]
        _record(classes, None, separations)
        return [tuple(members) for members in classes]

    def settled_by_council(self, unit_id: str) -> bool:
        return unit_id in self.council_used

    def applied_keys(self) -> tuple[TieBreak, ...]:
        """The keys ranking goes through: up to and including the first council key."""
        council = next((i for i, t in enumerate(self.tie_breaks) if t.council), None)
        return self.tie_breaks if council is None else self.tie_breaks[:council + 1]

    def tie_rule_text(self) -> str:
        """Why a tie is still open, in the plan's own words (for the council message)."""
        keys = self.applied_keys()
        rules = "; ".join(t.label for t in keys if not t.council)
        council = next((t.label for t in keys if t.council), None)
        if not rules:
            return (f"tiêu chí phụ của kế hoạch: {council}" if council else
                    "không phân định được bằng tiêu chí phụ (kế hoạch không nêu tiêu chí phụ)")
        text = f"không phân định được bằng tiêu chí phụ ({rules})"
        return f"{text}; tiêu chí phụ tiếp theo của kế hoạch: {council}" if council else text


def _record(classes: Sequence[Sequence[str]], key: int | None,
            separations: Separations | None) -> None:
    """Every unit of an earlier class is above every unit of a later one, by this key."""
    if separations is None or len(classes) < 2:
        return
    for index, upper in enumerate(classes):
        for lower in classes[index + 1:]:
            for above in upper:
                for below in lower:
                    separations[(above, below)] = key


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


def tie_notes(order: Sequence[TieGroup], separations: Separations, ranker: Ranker,
              names: Mapping[str, str], council_file: str) -> dict[str, str]:
    """How each broken tie of a ranking was broken, per unit, for documents to cite:
    'Bằng 103 điểm với X; xếp trên theo tiêu chí phụ: …' or '…; xếp dưới, thứ tự do Hội đồng
    quyết định (tệp …)'. Ties nothing broke get no note here (the council message covers them).
    """
    by_total: dict[Decimal, list[str]] = {}
    for unit_id in (u for group in order for u in group):
        by_total.setdefault(ranker.entries[unit_id].total, []).append(unit_id)
    notes: dict[str, str] = {}
    for total, units in by_total.items():
        if len(units) < 2 or not any((a, b) in separations for a in units for b in units):
            continue
        for unit_id in units:
            others = [u for u in units if u != unit_id]
            phrases = _note_phrases(unit_id, others, separations, ranker, names, council_file)
            notes[unit_id] = (f"Bằng {num(total)} điểm với {', '.join(names[u] for u in others)}; "
                              + "; ".join(phrases))
    return notes


def _note_phrases(unit_id: str, others: list[str], separations: Separations, ranker: Ranker,
                  names: Mapping[str, str], council_file: str) -> list[str]:
    grouped: dict[tuple[str, int | None], list[str]] = {}
    level_with: list[str] = []
    for other in others:
        if (unit_id, other) in separations:
            grouped.setdefault(("xếp trên", separations[(unit_id, other)]), []).append(other)
        elif (other, unit_id) in separations:
            grouped.setdefault(("xếp dưới", separations[(other, unit_id)]), []).append(other)
        else:
            level_with.append(other)
    phrases = []
    for (direction, key), units in grouped.items():
        who = "" if len(others) == 1 else " " + ", ".join(names[u] for u in units)
        if key is None:
            where = f" (tệp {council_file})" if council_file else ""
            phrases.append(f"{direction}{who}, thứ tự do Hội đồng quyết định{where}")
        else:
            label = _lower_first(ranker.tie_breaks[key].label)
            phrases.append(f"{direction}{who} theo tiêu chí phụ: {label}")
    if level_with:
        phrases.append(f"đồng hạng với {', '.join(names[u] for u in level_with)}")
    return phrases


def _lower_first(label: str) -> str:
    """'Tỷ lệ … cao hơn' → 'tỷ lệ … cao hơn', inside a sentence; 'UBND …' stays."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]
