"""Every rule kind at, just below and just above its thresholds, with its explanation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from thidua.data.submissions import (
    ReportStatus,
    due_date,
    expected_months,
    report_statuses,
)
from thidua.scoring.rules import RuleContext, evaluate, round_points

METRICS = {m.id: m for m in (
    Metric(id="tong", label="Tổng số hồ sơ", unit="hồ sơ"),
    Metric(id="tt", label="Số hồ sơ trực tuyến", unit="hồ sơ", part_of="tong"),
    Metric(id="tk", label="Số tài khoản", unit="tài khoản"),
    Metric(id="thu_tuc", label="Số thủ tục", unit="thủ tục"),
    Metric(id="tyle", label="Tỷ lệ hài lòng", unit="%", type="percent"),
    Metric(id="kh", label="Kế hoạch", type="yes_no"),
    Metric(id="kh2", label="Có xây dựng Kế hoạch", type="yes_no"),
    Metric(id="sai", label="Báo cáo không trung thực", unit="lần"),
    Metric(id="hd", label="Điểm Hội đồng", type="points"),
)}
CTX = RuleContext(METRICS)


def run(rule, values, max_points=60, ctx=CTX):
    return evaluate(rule, D(max_points), {k: (v if isinstance(v, bool) else D(str(v)))
                                          for k, v in values.items()}, ctx)


PROP = Proportional(kind="proportional", numerator="tt", denominator="tong", floor="70%")


@pytest.mark.parametrize("online, points, text", [
    (812, "48.72", "812/1.000 hồ sơ = 81,20% → 81,20% × 60 = 48,72 điểm"),
    (701, "42.06", "701/1.000 hồ sơ = 70,10% → 70,10% × 60 = 42,06 điểm"),
    (700, "42.00", "700/1.000 hồ sơ = 70,00% → 70,00% × 60 = 42 điểm"),
    (999, "59.94", "999/1.000 hồ sơ = 99,90% → 99,90% × 60 = 59,94 điểm"),
    (1000, "60.00", "1.000/1.000 hồ sơ = 100,00% ≥ 100% → 60 điểm (tối đa)"),
])
def test_proportional_points(online, points, text):
    outcome = run(PROP, {"tt": online, "tong": 1000})
    assert outcome.points == D(points)
    assert outcome.explanation == text
    assert not outcome.excludes


def test_proportional_just_below_floor_excludes_the_unit():
    outcome = run(PROP, {"tt": 699, "tong": 1000})
    assert outcome.excludes and outcome.points == 0
    assert outcome.explanation == "699/1.000 hồ sơ = 69,90%, không đạt 70%: không xét thi đua"


def test_proportional_below_floor_zero_keeps_the_unit():
    rule = PROP.model_copy(update={"below_floor": "zero"})
    outcome = run(rule, {"tt": 699, "tong": 1000})
    assert not outcome.excludes and outcome.points == 0
    assert outcome.explanation == "699/1.000 hồ sơ = 69,90% < 70% → 0 điểm"


@pytest.mark.parametrize("accounts, points", [(899, "35.96"), (900, "40.00"), (901, "40.00")])
def test_proportional_full_points_from_full_at(accounts, points):
    rule = Proportional(kind="proportional", numerator="tt", denominator="tong", full_at="90%")
    outcome = run(rule, {"tt": accounts, "tong": 1000}, max_points=40)
    assert outcome.points == D(points)
    if accounts >= 900:
        assert outcome.explanation.endswith("≥ 90% → 40 điểm (tối đa)")


def test_proportional_on_a_percent_metric():
    rule = Proportional(kind="proportional", numerator="tyle")
    outcome = run(rule, {"tyle": "0.812"})
    assert outcome.points == D("48.72")
    assert outcome.explanation == "Tỷ lệ 81,20% → 81,20% × 60 = 48,72 điểm"


@pytest.mark.parametrize("mode, expected", [("half_up", "8.13"), ("half_even", "8.12"),
                                            ("down", "8.12")])
def test_rounding_modes_are_exact_decimal(mode, expected):
    ctx = RuleContext(METRICS, Rounding(decimals=2, mode=mode))
    outcome = run(Proportional(kind="proportional", numerator="tt", denominator="tong"),
                  {"tt": 13, "tong": 16}, max_points=10, ctx=ctx)  # 81,25% × 10 = 8,125
    assert outcome.points == D(expected)


def test_rounding_keeps_thirds_exact():
    outcome = run(Proportional(kind="proportional", numerator="tt", denominator="tong"),
                  {"tt": 2, "tong": 3}, max_points=60)
    assert outcome.points == D("40.00")
    assert round_points(D("2.675"), Rounding()) == D("2.68")


ACCOUNTS = Threshold(kind="threshold", metric="tk", target=1500, base_points=35, step=100,
                     step_points=5)


@pytest.mark.parametrize("value, points, text", [
    (1730, 45, "1.730 tài khoản ≥ 1.500: 35 + 2 × 5 = 45 điểm"),
    (1500, 35, "1.500 tài khoản ≥ 1.500: 35 + 0 × 5 = 35 điểm"),
    (1501, 35, "1.501 tài khoản ≥ 1.500: 35 + 0 × 5 = 35 điểm"),
    (1599, 35, "1.599 tài khoản ≥ 1.500: 35 + 0 × 5 = 35 điểm"),
    (1600, 40, "1.600 tài khoản ≥ 1.500: 35 + 1 × 5 = 40 điểm"),
    (1499, 0, "1.499 tài khoản < 1.500: 0 điểm"),
])
def test_threshold_whole_steps(value, points, text):
    outcome = run(ACCOUNTS, {"tk": value}, max_points=35)
    assert outcome.points == points
    assert outcome.explanation == text


def test_threshold_max_bonus_caps_the_steps():
    rule = ACCOUNTS.model_copy(update={"max_bonus": D(10)})
    outcome = run(rule, {"tk": 2100}, max_points=35)
    assert outcome.points == 45
    assert outcome.explanation == "2.100 tài khoản ≥ 1.500: 35 + 10 (6 × 5 = 30, tối đa 10) = 45 điểm"
    assert run(rule, {"tk": 1700}, max_points=35).points == 45  # exactly at the cap


@pytest.mark.parametrize("value, points, text", [
    (0, -5, "0 thủ tục (không thực hiện): −5 điểm"),
    (1, 15, "1 thủ tục ≥ 1: 15 + 0 × 5 = 15 điểm"),
    (2, 20, "2 thủ tục ≥ 1: 15 + 1 × 5 = 20 điểm"),
])
def test_threshold_none_points_when_not_done(value, points, text):
    rule = Threshold(kind="threshold", metric="thu_tuc", target=1, step=1, step_points=5,
                     none_points=-5)
    outcome = run(rule, {"thu_tuc": value}, max_points=15)  # base_points defaults to max
    assert outcome.points == points
    assert outcome.explanation == text


def test_threshold_below_points_between_zero_and_target():
    rule = Threshold(kind="threshold", metric="tk", target=1500, below_points=2, none_points=-5)
    assert run(rule, {"tk": 1}, max_points=35).points == 2
    assert run(rule, {"tk": 0}, max_points=35).points == -5
    assert run(rule, {"tk": 1500}, max_points=35).explanation == "1.500 tài khoản ≥ 1.500: 35 điểm"


@pytest.mark.parametrize("percent_target, target, step", [(True, "98", "1"), (False, "0.98", "0.01")])
@pytest.mark.parametrize("solved, points, text", [
    (995, 15, "995/1.000 hồ sơ = 99,50% ≥ 98%: 10 + 1 × 5 = 15 điểm"),
    (980, 10, "980/1.000 hồ sơ = 98,00% ≥ 98%: 10 + 0 × 5 = 10 điểm"),
    (979, 0, "979/1.000 hồ sơ = 97,90% < 98%: 0 điểm"),
    (1000, 20, "1.000/1.000 hồ sơ = 100,00% ≥ 98%: 10 + 2 × 5 = 20 điểm"),
])
def test_threshold_on_a_percentage(percent_target, target, step, solved, points, text):
    rule = Threshold(kind="threshold", numerator="tt", denominator="tong", target=target,
                     step=step, step_points=5, percent_target=percent_target)
    outcome = run(rule, {"tt": solved, "tong": 1000}, max_points=10)
    assert (outcome.points, outcome.explanation) == (points, text)


def test_yes_no():
    rule = YesNo(kind="yes_no", metric="kh")
    assert (run(rule, {"kh": True}, 10).points, run(rule, {"kh": True}, 10).explanation) == \
        (10, "Có kế hoạch: 10 điểm")
    assert run(rule, {"kh": False}, 10).explanation == "Không có kế hoạch: 0 điểm"
    rule2 = YesNo(kind="yes_no", metric="kh2", yes_points=8, no_points=-2)
    assert run(rule2, {"kh2": True}, 10).explanation == "Có xây dựng Kế hoạch: 8 điểm"
    assert run(rule2, {"kh2": False}, 10).explanation == "Không xây dựng Kế hoạch: −2 điểm"


@pytest.mark.parametrize("events, points, text", [
    (0, 0, "Báo cáo không trung thực: không có → 0 điểm"),
    (1, -2, "Báo cáo không trung thực: 01 lần × (−2) = −2 điểm"),
    (2, -4, "Báo cáo không trung thực: 02 lần × (−2) = −4 điểm"),
])
def test_per_event(events, points, text):
    outcome = run(PerEvent(kind="per_event", metric="sai", points_each=-2), {"sai": events}, 0)
    assert (outcome.points, outcome.explanation) == (points, text)


def test_per_event_max_total():
    rule = PerEvent(kind="per_event", metric="sai", points_each=-2, max_total=5)
    assert run(rule, {"sai": 2}, 0).points == -4
    outcome = run(rule, {"sai": 3}, 0)
    assert outcome.points == -5
    assert outcome.explanation == "Báo cáo không trung thực: 03 lần × (−2) = −6, giới hạn −5 điểm"


TIMELY = ReportTimeliness(kind="report_timeliness", due_day=25,
                          tiers=[{"max_days_late": 3, "points": -2}, {"points": -5}],
                          missing_points=-5)


def _status(month: int, submitted: date | None) -> ReportStatus:
    return ReportStatus((2024, month), date(2024, month, 25), submitted)


def timely(statuses, rule=TIMELY):
    return evaluate(rule, D(0), {}, RuleContext(METRICS, Rounding(), tuple(statuses)))


def test_report_timeliness_brief_example():
    outcome = timely([_status(1, date(2024, 1, 26)), _status(2, date(2024, 2, 28)),
                      _status(3, None), _status(4, date(2024, 4, 25))])
    assert outcome.points == -9
    assert outcome.explanation == \
        "02 báo cáo trễ 1–3 ngày × (−2) + 01 báo cáo không nộp × (−5) = −9 điểm"


@pytest.mark.parametrize("day, points", [(24, 0), (25, 0), (26, -2), (28, -2), (29, -5)])
def test_report_timeliness_tiers_by_days_late(day, points):
    assert timely([_status(1, date(2024, 1, day))]).points == points


def test_report_timeliness_later_than_every_bounded_tier_counts_as_missing():
    rule = TIMELY.model_copy(update={"tiers": (TIMELY.tiers[0],)})
    outcome = timely([_status(1, date(2024, 1, 30))], rule)
    assert outcome.explanation == "01 báo cáo không nộp × (−5) = −5 điểm"


def test_report_timeliness_on_time_and_nothing_due():
    assert timely([_status(1, date(2024, 1, 2))]).explanation == "Nộp đúng hạn 01/01 báo cáo: 0 điểm"
    assert timely([]).explanation == "Không có kỳ báo cáo nào đến hạn: 0 điểm"


def test_expected_months_and_missing_rows():
    assert expected_months(date(2024, 1, 1), date(2024, 3, 31), 25) == \
        [(2024, 1), (2024, 2), (2024, 3)]
    # a report due after the period end (18/12 < 25/12) is not expected yet
    assert expected_months(date(2021, 10, 1), date(2021, 12, 18), 25) == [(2021, 10), (2021, 11)]
    # a report due before the campaign started is not expected either
    assert expected_months(date(2024, 1, 26), date(2024, 3, 31), 25) == [(2024, 2), (2024, 3)]
    assert due_date((2024, 2), 31) == date(2024, 2, 29)
    statuses = report_statuses({(2024, 1): date(2024, 1, 20)}, [(2024, 1), (2024, 2)], 25)
    assert [s.days_late for s in statuses] == [0, None]


TARGET = Target(kind="target", metric="tyle", value=90, percent_target=True)


@pytest.mark.parametrize("ratio, met, text", [
    ("0.95", True, "Đạt (95,00% ≥ 90%)"),
    ("0.90", True, "Đạt (90,00% ≥ 90%)"),
    ("0.8999", False, "Không đạt (89,99% < 90%)"),
])
def test_target_met_or_not(ratio, met, text):
    outcome = run(TARGET, {"tyle": ratio}, 0)
    assert (outcome.met, outcome.explanation, outcome.points, outcome.excludes) == \
        (met, text, 0, False)


def test_target_strict_and_required_and_counts():
    strict = Target(kind="target", metric="tyle", op=">", value="0.9", required=True)
    outcome = run(strict, {"tyle": "0.9"}, 0)
    assert outcome.explanation == "Không đạt (90,00% ≤ 90%): không xét thi đua"
    assert outcome.excludes and outcome.met is False
    assert run(strict, {"tyle": "0.9001"}, 0).met is True
    none_late = Target(kind="target", metric="tt", op="==", value=0)
    assert run(none_late, {"tt": 0}, 0).explanation == "Đạt (0 hồ sơ = 0)"
    assert run(none_late, {"tt": 1}, 0).explanation == "Không đạt (1 hồ sơ ≠ 0)"


def test_council_points():
    outcome = run(Council(kind="council", metric="hd"), {"hd": "8.5"}, 10)
    assert (outcome.points, outcome.explanation) == (D("8.50"), "Hội đồng chấm 8,5/10 điểm")


# Properties: better figures never score lower under monotone rules.

@settings(max_examples=200, deadline=None)
@given(total=st.integers(1, 10_000), a=st.integers(0, 10_000), b=st.integers(0, 10_000))
def test_proportional_is_monotone(total, a, b):
    low, high = sorted((min(a, total), min(b, total)))
    first, second = (run(PROP, {"tt": n, "tong": total}) for n in (low, high))
    assert (not first.excludes and second.excludes) is False
    if not first.excludes:
        assert first.points <= second.points


@settings(max_examples=200, deadline=None)
@given(a=st.integers(0, 5000), b=st.integers(0, 5000), step=st.integers(1, 300),
       cap=st.one_of(st.none(), st.integers(0, 50)))
def test_threshold_is_monotone(a, b, step, cap):
    rule = Threshold(kind="threshold", metric="tk", target=1500, step=step, step_points=5,
                     max_bonus=cap, below_points=1, none_points=-5)
    low, high = sorted((a, b))
    assert run(rule, {"tk": low}, 35).points <= run(rule, {"tk": high}, 35).points


@settings(max_examples=100, deadline=None)
@given(days=st.lists(st.one_of(st.none(), st.integers(-5, 40)), min_size=1, max_size=12),
       worse=st.integers(0, 20), index=st.integers(0, 11))
def test_later_reports_never_score_higher(days, worse, index):
    index %= len(days)

    def statuses(day_list):
        return [_status(1, None if d is None else date(2024, 1, 25) + (date(2024, 1, 2) -
                                                                       date(2024, 1, 1)) * d)
                for d in day_list]

    later = list(days)
    later[index] = None if later[index] is None else later[index] + worse
    assert timely(statuses(later)).points <= timely(statuses(days)).points


@settings(max_examples=100, deadline=None)
@given(a=st.integers(0, 20), b=st.integers(0, 20))
def test_fewer_untruthful_reports_never_score_lower(a, b):
    rule = PerEvent(kind="per_event", metric="sai", points_each=-2)
    fewer, more = sorted((a, b))
    assert run(rule, {"sai": fewer}, 0).points >= run(rule, {"sai": more}, 0).points


@settings(max_examples=60, deadline=None)
@given(extra_online=st.integers(0, 500), extra_accounts=st.integers(0, 3000),
       fewer_events=st.integers(0, 1), plan=st.booleans(), unit=st.sampled_from(
           ["phong-a", "phong-b", "xa-an", "xa-binh", "xa-cat", "xa-duong"]))
def test_better_figures_never_lower_a_units_total(extra_online, extra_accounts, fewer_events,
                                                 plan, unit):
    from pathlib import Path

    from thidua.campaign.loading import load_campaign
    from thidua.scoring.pipeline import PeriodInputs, compute_period, load_inputs

    loaded = load_campaign(Path(__file__).parent / "fixtures" / "scoring" / "mini")
    period = loaded.campaign.period("quy-1-2024")
    inputs = load_inputs(loaded, period)
    row = dict(inputs.figures.values[unit])
    row["ho_so_tt"] = min(row["ho_so"], row["ho_so_tt"] + extra_online)
    row["tai_khoan"] += extra_accounts
    row["sai"] = max(D(0), row["sai"] - fewer_events)
    row["ke_hoach"] = row["ke_hoach"] or plan
    better = PeriodInputs(inputs.figures.__class__(
        inputs.figures.file, None, {**inputs.figures.values, unit: row}),
        inputs.submissions, None, inputs.council_order)
    before = compute_period(loaded.campaign, "mini", period, inputs).unit(unit)
    after = compute_period(loaded.campaign, "mini", period, better).unit(unit)
    assert after.total >= before.total
    assert after.eligible or not before.eligible
