"""Pure scoring rules: points for one unit on one criterion, with a checkable explanation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any

from thidua.campaign.model import Metric, Rounding
from thidua.campaign.model_rules import (
    Council,
    PerEvent,
    Proportional,
    ReportTimeliness,
    Target,
    Threshold,
    YesNo,
)
from thidua.data.submissions import ReportStatus, timeliness_deduction
from thidua.data.values import Value
from thidua.vietnamese.formatting import format_number, two_digit

MINUS = "\u2212"
_VN_MARKS = str.maketrans(",.", ".,")
_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}
_OPS: dict[str, tuple[str, str, Callable[[Decimal, Decimal], bool]]] = {
    ">=": ("≥", "<", lambda a, b: a >= b), ">": (">", "≤", lambda a, b: a > b),
    "<=": ("≤", ">", lambda a, b: a <= b), "<": ("<", "≥", lambda a, b: a < b),
    "==": ("=", "≠", lambda a, b: a == b),
}


@dataclass(frozen=True)
class Outcome:
    """Points (already rounded), the explanation, and target/gate flags."""

    points: Decimal
    explanation: str
    met: bool | None = None
    excludes: bool = False


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at besides the unit's figures."""

    metrics: Mapping[str, Metric]
    rounding: Rounding = Rounding()
    reports: tuple[ReportStatus, ...] | None = None


def round_points(value: Decimal, rounding: Rounding) -> Decimal:
    """Round per campaign.scoring.rounding (default 2 decimals, half-up)."""
    return value.quantize(Decimal(1).scaleb(-rounding.decimals), rounding=_MODES[rounding.mode])


def num(value: Decimal | int) -> str:
    """A number as written in explanations: '1.730', '48,72', '−5' (no trailing zeros)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        text = f"{int(number):,}".translate(_VN_MARKS)
    else:
        text = format_number(number.normalize())
    return text.replace("-", MINUS)


def percent_text(ratio: Decimal) -> str:
    """A measured ratio as a percentage with 2 decimals, as format_percent: '81,20%'."""
    value = (ratio * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value:,.2f}".translate(_VN_MARKS) + "%"


def factor(value: Decimal) -> str:
    """A multiplier: negative ones in brackets, '(−2)'."""
    return f"({num(value)})" if value < 0 else num(value)


def threshold_percent(percent: Decimal) -> str:
    """A stated percentage, '70%' or '97,5%' (a value already in percent units)."""
    return f"{num(percent)}%"


def evaluate(rule: Any, max_points: Decimal, values: Mapping[str, Value],
             ctx: RuleContext) -> Outcome:
    """Apply one rule (group overrides already merged) to one unit's figures."""
    return _RULES[rule.kind](rule, max_points, values, ctx)


def _label(ctx: RuleContext, metric_id: str) -> str:
    metric = ctx.metrics.get(metric_id)
    return metric.label if metric else metric_id


def _unit_of(ctx: RuleContext, metric_id: str | None) -> str:
    metric = ctx.metrics.get(metric_id or "")
    unit = metric.unit if metric and metric.unit and metric.unit != "%" else ""
    return f" {unit}" if unit else ""


def _decimal(values: Mapping[str, Value], metric_id: str | None) -> Decimal | None:
    value = values.get(metric_id or "")
    if isinstance(value, bool):
        return Decimal(int(value))
    return value if isinstance(value, Decimal) else None


@dataclass(frozen=True)
class _Measure:
    """A measured figure in natural units (count, or percent 0–100 for ratios)."""

    value: Decimal
    shown: str
    is_ratio: bool
    raw_zero: bool
    undefined: bool = False  # a zero denominator: the ratio does not exist, the target is unmet


def _measure(rule: Any, values: Mapping[str, Value], ctx: RuleContext) -> _Measure | str:
    """The figure a rule compares; a message string when a figure is missing."""
    metric_id = getattr(rule, "metric", None) or rule.numerator
    numerator = _decimal(values, metric_id)
    if numerator is None:
        return f"Thiếu số liệu '{_label(ctx, metric_id)}': 0 điểm"
    denominator_id = getattr(rule, "denominator", None)
    if denominator_id and not getattr(rule, "metric", None):
        denominator = _decimal(values, denominator_id)
        if denominator is None:
            return f"Thiếu số liệu '{_label(ctx, denominator_id)}' (mẫu số): 0 điểm"
        if denominator == 0:
            return _Measure(Decimal(0), f"{num(numerator)}/0{_unit_of(ctx, metric_id)} "
                            "(mẫu số bằng 0, không tính được tỷ lệ)", True, numerator == 0,
                            undefined=True)
        percent = numerator * 100 / denominator
        shown = (f"{num(numerator)}/{num(denominator)}{_unit_of(ctx, metric_id)} = "
                 f"{percent_text(percent / 100)}")
        return _Measure(percent, shown, True, numerator == 0)
    metric = ctx.metrics.get(metric_id)
    if metric is not None and metric.type == "percent":
        return _Measure(numerator * 100, percent_text(numerator), True, numerator == 0)
    return _Measure(numerator, f"{num(numerator)}{_unit_of(ctx, metric_id)}", False,
                    numerator == 0)


def _in_units(target: Decimal, measure: _Measure, percent_target: bool) -> Decimal:
    """A target in the measure's units: ratios written ≤ 1 (0.9) become percents (90)."""
    if measure.is_ratio and not percent_target and target <= 1:
        return target * 100
    return target


def _shown_target(target: Decimal, measure: _Measure) -> str:
    return threshold_percent(target) if measure.is_ratio else num(target)


def proportional(rule: Proportional, max_points: Decimal, values: Mapping[str, Value],
                 ctx: RuleContext) -> Outcome:
    numerator = _decimal(values, rule.numerator)
    if numerator is None:
        return Outcome(Decimal(0), f"Thiếu số liệu '{_label(ctx, rule.numerator)}': 0 điểm")
    if rule.denominator:
        denominator = _decimal(values, rule.denominator)
        if denominator is None:
            return Outcome(Decimal(0), f"Thiếu số liệu '{_label(ctx, rule.denominator)}' "
                           "(mẫu số): 0 điểm")
        if denominator == 0:
            return _zero_denominator(rule, numerator, ctx)
        ratio = numerator / denominator
        shown = (f"{num(numerator)}/{num(denominator)}{_unit_of(ctx, rule.numerator)} = "
                 f"{percent_text(ratio)}")
    else:
        metric = ctx.metrics.get(rule.numerator)
        ratio = numerator if metric is not None and metric.type == "percent" else numerator / 100
        shown = f"Tỷ lệ {percent_text(ratio)}"
    if rule.floor is not None and ratio < rule.floor:
        floor = threshold_percent(rule.floor * 100)
        if rule.below_floor == "exclude":
            return Outcome(Decimal(0), f"{shown}, không đạt {floor}: không xét thi đua",
                           excludes=True)
        return Outcome(Decimal(0), f"{shown} < {floor} → 0 điểm")
    if ratio >= rule.full_at:
        full = threshold_percent(rule.full_at * 100)
        return Outcome(round_points(max_points, ctx.rounding),
                       f"{shown} ≥ {full} → {num(max_points)} điểm (tối đa)")
    points = round_points(ratio * max_points, ctx.rounding)
    return Outcome(points, f"{shown} → {percent_text(ratio)} × {num(max_points)} = "
                           f"{num(points)} điểm")


def _zero_denominator(rule: Proportional, numerator: Decimal, ctx: RuleContext) -> Outcome:
    """No ratio exists: the unit gets the outcome of a ratio below the floor (exclusion when the
    plan excludes below it), else 0 points — never a share of the points."""
    shown = (f"{num(numerator)}/0{_unit_of(ctx, rule.numerator)} (mẫu số bằng 0, không tính "
             "được tỷ lệ)")
    zero = round_points(Decimal(0), ctx.rounding)
    if rule.floor is not None and rule.below_floor == "exclude":
        floor = threshold_percent(rule.floor * 100)
        return Outcome(zero, f"{shown}, không đạt {floor}: không xét thi đua", excludes=True)
    return Outcome(zero, f"{shown} → {num(zero)} điểm")


def threshold(rule: Threshold, max_points: Decimal, values: Mapping[str, Value],
              ctx: RuleContext) -> Outcome:
    measure = _measure(rule, values, ctx)
    if isinstance(measure, str):
        return Outcome(Decimal(0), measure)
    rounding = ctx.rounding
    if rule.none_points is not None and measure.raw_zero:
        points = round_points(rule.none_points, rounding)
        return Outcome(points, f"{measure.shown} (không thực hiện): {num(points)} điểm")
    target = _in_units(rule.target, measure, rule.percent_target)
    target_text = _shown_target(target, measure)
    if measure.undefined:
        points = round_points(rule.below_points, rounding)
        return Outcome(points, f"{measure.shown}: chưa đạt {target_text}: {num(points)} điểm")
    if measure.value < target:
        points = round_points(rule.below_points, rounding)
        return Outcome(points, f"{measure.shown} < {target_text}: {num(points)} điểm")
    base = rule.base_points if rule.base_points is not None else max_points
    head = f"{measure.shown} ≥ {target_text}: "
    if not rule.step:
        points = round_points(base, rounding)
        return Outcome(points, f"{head}{num(points)} điểm")
    ratio_written = measure.is_ratio and not rule.percent_target and rule.target <= 1
    step = rule.step * 100 if ratio_written else rule.step
    steps = ((measure.value - target) / step).to_integral_value(rounding=ROUND_FLOOR)
    bonus = steps * rule.step_points
    if rule.max_bonus is not None and bonus > rule.max_bonus:
        points = round_points(base + rule.max_bonus, rounding)
        return Outcome(points, f"{head}{num(base)} + {num(rule.max_bonus)} ({num(steps)} × "
                               f"{factor(rule.step_points)} = {num(bonus)}, tối đa "
                               f"{num(rule.max_bonus)}) = {num(points)} điểm")
    points = round_points(base + bonus, rounding)
    return Outcome(points, f"{head}{num(base)} + {num(steps)} × {factor(rule.step_points)} = "
                           f"{num(points)} điểm")


def _phrase(label: str) -> str:
    """'Kế hoạch' → 'kế hoạch' for use mid-sentence; acronyms such as 'UBND' stay."""
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def yes_no(rule: YesNo, max_points: Decimal, values: Mapping[str, Value],
           ctx: RuleContext) -> Outcome:
    label = _label(ctx, rule.metric)
    has = values.get(rule.metric) is True
    if label.casefold().startswith("có "):  # 'Có xây dựng Kế hoạch' → 'Không xây dựng Kế hoạch'
        said = label[0].upper() + label[1:] if has else "Không " + label[3:]
    else:
        said = f"{'Có' if has else 'Không có'} {_phrase(label)}"
    if has:
        points = round_points(rule.yes_points if rule.yes_points is not None else max_points,
                              ctx.rounding)
    else:
        points = round_points(rule.no_points, ctx.rounding)
    return Outcome(points, f"{said}: {num(points)} điểm")


def per_event(rule: PerEvent, max_points: Decimal, values: Mapping[str, Value],
              ctx: RuleContext) -> Outcome:
    label = _label(ctx, rule.metric)
    count = _decimal(values, rule.metric) or Decimal(0)
    if count == 0:
        return Outcome(round_points(Decimal(0), ctx.rounding), f"{label}: không có → 0 điểm")
    total = count * rule.points_each
    times = two_digit(int(count)) if count == count.to_integral_value() else num(count)
    head = f"{label}: {times}{_unit_of(ctx, rule.metric)} × {factor(rule.points_each)}"
    if rule.max_total is not None and abs(total) > rule.max_total:
        capped = rule.max_total if total > 0 else -rule.max_total
        points = round_points(capped, ctx.rounding)
        return Outcome(points, f"{head} = {num(total)}, giới hạn {num(points)} điểm")
    points = round_points(total, ctx.rounding)
    return Outcome(points, f"{head} = {num(points)} điểm")


def report_timeliness(rule: ReportTimeliness, max_points: Decimal, values: Mapping[str, Value],
                      ctx: RuleContext) -> Outcome:
    points, explanation = timeliness_deduction(rule, ctx.reports or ())
    return Outcome(round_points(points, ctx.rounding), explanation)


def target(rule: Target, max_points: Decimal, values: Mapping[str, Value],
           ctx: RuleContext) -> Outcome:
    measure = _measure(rule, values, ctx)
    if isinstance(measure, str):
        return Outcome(Decimal(0), measure.replace(": 0 điểm", ": không đạt"), met=False,
                       excludes=rule.required)
    metric = ctx.metrics.get(rule.metric or rule.numerator or "")
    if rule.yes_no or (metric is not None and metric.type == "yes_no"):
        return _yes_no_target(rule, measure, ctx)
    goal = _in_units(rule.value, measure, rule.percent_target)
    symbol, negated, compare = _OPS[rule.op]
    goal_text = _shown_target(goal, measure)
    zero = round_points(Decimal(0), ctx.rounding)
    if measure.undefined:
        gate = ": không xét thi đua" if rule.required else ""
        return Outcome(zero, f"Không đạt ({measure.shown}){gate}", met=False,
                       excludes=rule.required)
    if compare(measure.value, goal):
        return Outcome(zero, f"Đạt ({measure.shown} {symbol} {goal_text})", met=True)
    gate = ": không xét thi đua" if rule.required else ""
    return Outcome(zero, f"Không đạt ({measure.shown} {negated} {goal_text}){gate}", met=False,
                   excludes=rule.required)


def _yes_no_target(rule: Target, measure: _Measure, ctx: RuleContext) -> Outcome:
    """A yes/no target reads "Đạt (Có xây dựng Kế hoạch)", never "(1 = 1)"."""
    label = _phrase(_label(ctx, rule.metric or rule.numerator))
    label = label.split(" ", 1)[1] if label.casefold().startswith("có ") else label
    said = f"{'Có' if measure.value else 'Không'} {label}"
    zero = round_points(Decimal(0), ctx.rounding)
    if _OPS[rule.op][2](measure.value, rule.value):
        return Outcome(zero, f"Đạt ({said})", met=True)
    gate = ": không xét thi đua" if rule.required else ""
    return Outcome(zero, f"Không đạt ({said}){gate}", met=False, excludes=rule.required)


def council(rule: Council, max_points: Decimal, values: Mapping[str, Value],
            ctx: RuleContext) -> Outcome:
    value = _decimal(values, rule.metric)
    if value is None:
        return Outcome(Decimal(0), "Hội đồng chưa chấm: 0 điểm")
    points = round_points(min(value, max_points), ctx.rounding)
    return Outcome(points, f"Hội đồng chấm {num(points)}/{num(max_points)} điểm")


_RULES: dict[str, Callable[..., Outcome]] = {
    "proportional": proportional, "threshold": threshold, "yes_no": yes_no,
    "per_event": per_event, "report_timeliness": report_timeliness, "target": target,
    "council": council,
}
