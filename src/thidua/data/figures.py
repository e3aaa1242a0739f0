"""Import the units' reported figures (CSV/XLSX) and check them against the campaign."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from thidua.campaign.model import Campaign, Metric
from thidua.campaign.model_rules import rule_metrics
from thidua.data.tables import (
    UNIT_NAME_HEADERS,
    RawTable,
    cell,
    clean_text,
    find_column,
    is_unit_id_header,
    normalize_header,
    read_table,
)
from thidua.data.values import CellError, Value, parse_value
from thidua.errors import DataError, Location, Problem
from thidua.vietnamese.formatting import format_number

__all__ = ["Figures", "FigureSpec", "Value", "read_figures", "figures_from_table"]


@dataclass(frozen=True)
class Figures:
    """The checked figures of every unit, with where each came from."""

    file: str
    sheet: str | None
    values: dict[str, dict[str, Value]]
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def location(self, unit_id: str | None = None, metric_id: str | None = None) -> Location:
        return Location(file=self.file, sheet=self.sheet,
                        row=self.rows.get(unit_id or ""), column=self.columns.get(metric_id or ""))


@dataclass(frozen=True)
class FigureSpec:
    """What the period needs from each unit: required metrics and non-zero denominators."""

    units: dict[str, tuple[str, str]]           # unit id → (group id, unit name)
    scored_groups: frozenset[str]
    required: dict[str, frozenset[str]]         # group id → metric ids a rule reads
    denominators: dict[str, frozenset[str]]     # group id → metric ids used as denominators
    council_max: dict[str, dict[str, Decimal]]  # group id → council metric → max points
    group_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, campaign: Campaign, groups: Iterable[str] | None = None) -> FigureSpec:
        all_groups = [g.id for g in campaign.participants.groups]
        scored = frozenset(groups) if groups is not None else frozenset(all_groups)
        required: dict[str, set[str]] = {g: set() for g in all_groups}
        denominators: dict[str, set[str]] = {g: set() for g in all_groups}
        council: dict[str, dict[str, Decimal]] = {g: {} for g in all_groups}
        for criterion in campaign.scoring.criteria:
            for gid in all_groups:
                if criterion.groups is not None and gid not in criterion.groups:
                    continue
                rule = criterion.rule_for_group(gid)
                required[gid].update(rule_metrics(rule))
                if getattr(rule, "denominator", None):
                    denominators[gid].add(rule.denominator)
                if rule.kind == "council":
                    council[gid][rule.metric] = criterion.max_points_for_group(gid)
        units = {u.id: (g.id, u.name) for g, u in campaign.units()}
        return cls(units, scored, {g: frozenset(v) for g, v in required.items()},
                   {g: frozenset(v) for g, v in denominators.items()}, council,
                   {g.id: g.name for g in campaign.participants.groups})


def strip_unit_suffix(header: str) -> str:
    """'Số hồ sơ (hồ sơ)' → 'Số hồ sơ': the data form writes the unit of measure in brackets."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", header)


def read_figures(campaign: Campaign, path: Path, sheet: str | None = None,
                 groups: Iterable[str] | None = None) -> Figures:
    """Read and check a figures file; DataError lists every problem found."""
    table = read_table(path, is_unit_id_header, sheet, "số liệu", sheet_option="--sheet")
    return figures_from_table(table, campaign.metrics, FigureSpec.build(campaign, groups))


def figures_from_table(table: RawTable, metrics: tuple[Metric, ...], spec: FigureSpec) -> Figures:
    importer = _Importer(table, metrics, spec)
    importer.run()
    problems = table.warnings + importer.problems  # reading warnings (encoding) first
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return Figures(table.file, table.sheet, importer.values, importer.rows,
                   {m: table.column_name(i) for m, i in importer.columns.items()},
                   tuple(f"{p.location}: {p.message}" for p in problems))


class _Importer:
    def __init__(self, table: RawTable, metrics: tuple[Metric, ...], spec: FigureSpec) -> None:
        self.table = table
        self.metrics = {m.id: m for m in metrics}
        self.spec = spec
        self.problems: list[Problem] = []
        self.values: dict[str, dict[str, Value]] = {}
        self.rows: dict[str, int] = {}
        self.columns: dict[str, int] = {}

    def error(self, message: str, row: int | None = None, column: int | None = None,
              severity: str = "error") -> None:
        self.problems.append(Problem(message, self.table.location(row, column), severity))

    def run(self) -> None:
        self.id_column = next(i for i, h in enumerate(self.table.headers)
                              if is_unit_id_header(normalize_header(h)))
        self.name_column = find_column(self.table, UNIT_NAME_HEADERS)
        self.match_columns()
        for number, cells in self.table.rows:
            self.read_row(number, cells)
        self.check_missing_units()

    def match_columns(self) -> None:
        by_key: dict[str, str] = {}
        for metric in self.metrics.values():
            for key in (metric.id, metric.label):
                by_key.setdefault(normalize_header(key), metric.id)
        for index, header in enumerate(self.table.headers):
            if index in (self.id_column, self.name_column) or not header:
                continue
            key = normalize_header(header)
            metric_id = by_key.get(key) or by_key.get(normalize_header(strip_unit_suffix(header)))
            if metric_id is None:
                self.error(f"cột '{header}' không phải chỉ số nào của phong trào; bỏ qua",
                           self.table.header_row, index, "warning")
            elif metric_id in self.columns:
                first = self.table.column_name(self.columns[metric_id])
                self.error(f"chỉ số '{metric_id}' có hai cột (đã có cột {first})",
                           self.table.header_row, index)
            else:
                self.columns[metric_id] = index
        needed = set().union(*(self.spec.required.get(g, frozenset())
                               for g in self.spec.scored_groups)) if self.spec.scored_groups else set()
        for metric_id in sorted(needed - set(self.columns), key=list(self.metrics).index):
            metric = self.metrics[metric_id]
            self.error(f"thiếu cột '{metric.label}' (mã '{metric.id}')", self.table.header_row)

    def read_row(self, number: int, cells: list) -> None:
        unit_id = clean_text(cell(cells, self.id_column))
        if not unit_id:
            self.error("dòng có số liệu nhưng thiếu mã đơn vị", number, self.id_column)
            return
        if unit_id not in self.spec.units:
            self.error(f"mã đơn vị '{unit_id}' không có trong phong trào", number, self.id_column)
            return
        if unit_id in self.rows:
            self.error(f"đơn vị '{unit_id}' bị trùng (đã có ở dòng {self.rows[unit_id]})",
                       number, self.id_column)
            return
        group_id, unit_name = self.spec.units[unit_id]
        self.rows[unit_id] = number
        written_name = clean_text(cell(cells, self.name_column))
        if written_name and normalize_header(written_name) != normalize_header(unit_name):
            self.error(f"tên đơn vị '{written_name}' khác tên trong phong trào ('{unit_name}')",
                       number, self.name_column, "warning")
        if group_id not in self.spec.scored_groups:
            return
        self.values[unit_id] = self.read_values(number, cells, group_id)

    def read_values(self, number: int, cells: list, group_id: str) -> dict[str, Value]:
        values: dict[str, Value] = {}
        required = self.spec.required.get(group_id, frozenset())
        for metric_id, index in self.columns.items():
            metric = self.metrics[metric_id]
            raw = cell(cells, index)
            if self.not_used(metric, group_id) and clean_text(raw):
                self.error(f"{metric.label}: chỉ số không áp dụng cho nhóm "
                           f"'{self.spec.group_names.get(group_id, group_id)}' (metrics[].groups); "
                           f"giá trị '{clean_text(raw)}' bị bỏ qua", number, index, "warning")
                raw = None
            try:
                value = parse_value(metric.type, raw)
            except CellError as exc:
                self.error(f"{metric.label}: {exc}", number, index)
                continue
            if value is None and metric_id in required:
                self.error(f"{metric.label}: ô trống (ghi 0 nếu không có)", number, index)
            values[metric_id] = value
        for metric_id in required - set(values):
            values.setdefault(metric_id, None)
        self.check_row(number, values, group_id)
        return values

    def not_used(self, metric: Metric, group_id: str) -> bool:
        """The metric's groups leave this group out (and no rule of the group reads it)."""
        return (metric.groups is not None and group_id not in metric.groups
                and metric.id not in self.spec.required.get(group_id, frozenset()))

    def check_row(self, number: int, values: dict[str, Value], group_id: str) -> None:
        for metric_id, value in values.items():
            metric = self.metrics[metric_id]
            whole = values.get(metric.part_of or "")
            if isinstance(value, Decimal) and isinstance(whole, Decimal) and value > whole:
                whole_label = self.metrics[metric.part_of or ""].label
                self.error(f"{metric.label} ({format_number(value)}) lớn hơn {whole_label} "
                           f"({format_number(whole)})", number, self.columns[metric_id])
        for metric_id in self.spec.denominators.get(group_id, frozenset()):
            if values.get(metric_id) == 0 and metric_id in self.columns:
                self.error(f"{self.metrics[metric_id].label} bằng 0: không tính được tỷ lệ của "
                           "đơn vị này; tiêu chí dùng mẫu số này cho đơn vị kết quả 'chưa đạt' "
                           "(các đơn vị khác không bị ảnh hưởng)", number,
                           self.columns[metric_id], "warning")
        for metric_id, maximum in self.spec.council_max.get(group_id, {}).items():
            value = values.get(metric_id)
            if isinstance(value, Decimal) and value > maximum and metric_id in self.columns:
                self.error(f"{self.metrics[metric_id].label}: điểm Hội đồng chấm "
                           f"({format_number(value)}) vượt điểm chuẩn {format_number(maximum)}",
                           number, self.columns[metric_id])

    def check_missing_units(self) -> None:
        for unit_id, (group_id, name) in self.spec.units.items():
            if group_id in self.spec.scored_groups and unit_id not in self.rows:
                self.problems.append(Problem(f"thiếu số liệu của đơn vị '{unit_id}' ({name})",
                                             self.table.location()))
