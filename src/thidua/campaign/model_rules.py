"""The scoring rule kinds a criterion can use, as declarative models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import Field, model_validator

from thidua.campaign.model_types import Base, Count, Ident, Number, Percent, Points, parse_decimal

_YES = {"có", "co", "yes", "đạt"}
_NO = {"không", "khong", "no", "không đạt"}


def written_percent(data: Any, keys: tuple[str, ...]) -> Any:
    """'90%' written for a target means 90 percent: the number in percent, percent_target on.

    A bare number with percent_target keeps its meaning (98 = 98%, a ratio ≤ 1 such as 0.98
    = 98%), so the plan and the scoring read every target alike."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    written = [k for k in keys if isinstance(data.get(k), str) and data[k].strip().endswith("%")]
    for key in written:
        data[key] = parse_decimal(data[key].strip()[:-1])
    if written:
        data["percent_target"] = True
    elif data.get("percent_target") is True:
        for key in keys:
            value = data.get(key)
            if value is not None and not isinstance(value, bool):
                number = parse_decimal(value)
                data[key] = number * 100 if 0 < number <= 1 and key != "step" else number
    return data


class Proportional(Base):
    """points = ratio × max; full points from `full_at`; below `floor` the unit is not considered."""

    kind: Literal["proportional"]
    numerator: Ident = Field(description="Chỉ số tử số (ví dụ: số hồ sơ trực tuyến)")
    denominator: Ident | None = Field(
        None, description="Chỉ số mẫu số; bỏ trống khi tử số đã là tỷ lệ phần trăm")
    full_at: Percent = Field(Decimal(1),
                             description="Tỷ lệ đạt điểm tối đa, ví dụ 100% hoặc 90%")
    floor: Percent | None = Field(None, description="Dưới tỷ lệ này: không xét thi đua")
    below_floor: Literal["exclude", "zero"] = Field(
        "exclude", description="exclude: không xét thi đua; zero: 0 điểm tiêu chí này")


class Threshold(Base):
    """Reaching `target` earns base points; each further `step` adds `step_points`."""

    kind: Literal["threshold"]
    metric: Ident | None = Field(None, description="Chỉ số được đếm (ví dụ: số tài khoản)")
    numerator: Ident | None = Field(None, description="Tử số, khi chỉ tiêu là một tỷ lệ")
    denominator: Ident | None = Field(None, description="Mẫu số, khi chỉ tiêu là một tỷ lệ")
    target: Number = Field(description="Chỉ tiêu phải đạt (số lượng, hoặc tỷ lệ như 98%)")
    base_points: Points | None = Field(None, description="Điểm khi đạt chỉ tiêu (mặc định: điểm chuẩn)")
    step: Number | None = Field(None, description="Mỗi khi tăng thêm bấy nhiêu…")
    step_points: Points = Field(Decimal(0),
                                description="…thì cộng bấy nhiêu điểm")
    max_bonus: Points | None = Field(None, description="Giới hạn điểm cộng; bỏ trống: không giới hạn")
    below_points: Points = Field(Decimal(0),
                                 description="Điểm khi chưa đạt chỉ tiêu")
    none_points: Points | None = Field(
        None, description="Điểm khi không thực hiện (giá trị 0), ví dụ -5 (trừ 5 điểm)")
    percent_target: bool = Field(False, description="true khi chỉ tiêu và bước là phần trăm")

    @model_validator(mode="before")
    @classmethod
    def _percent(cls, data: Any) -> Any:
        return written_percent(data, ("target", "step"))


class YesNo(Base):
    """Has the unit done it (e.g. issued its own plan): `yes_points` or `no_points`."""

    kind: Literal["yes_no"]
    metric: Ident
    yes_points: Points | None = Field(None, description="Điểm khi có (mặc định: điểm chuẩn)")
    no_points: Points = Field(Decimal(0))


class PerEvent(Base):
    """Deduction (or bonus) per counted event, e.g. −2 per untruthful report."""

    kind: Literal["per_event"]
    metric: Ident
    points_each: Points = Field(description="Điểm mỗi lần, âm khi trừ điểm, ví dụ -2")
    max_total: Points | None = Field(None, description="Giới hạn tổng số điểm trừ/cộng (trị tuyệt đối)")


class LateTier(Base):
    """Points for a report submitted up to `max_days_late` days late (blank: any later)."""

    max_days_late: Count | None = None
    points: Points


class ReportTimeliness(Base):
    """Late or missing periodic reports, computed from the submission log."""

    kind: Literal["report_timeliness"]
    due_day: int = Field(ge=1, le=31, description="Hạn nộp báo cáo: ngày mấy hằng tháng")
    tiers: tuple[LateTier, ...] = Field(description="Mức trừ theo số ngày trễ, từ ít đến nhiều")
    missing_points: Points = Field(description="Điểm trừ khi không báo cáo, ví dụ -5")


class Target(Base):
    """A target met or not met, with no points; `required` makes it a gate for ranking."""

    kind: Literal["target"]
    metric: Ident | None = None
    numerator: Ident | None = None
    denominator: Ident | None = None
    op: Literal[">=", ">", "<=", "<", "=="] = ">="
    value: Number = Field(description="Giá trị chỉ tiêu; tỷ lệ viết \"90%\"; có/không viết có")
    yes_no: bool = Field(False, description="Chỉ tiêu có/không (value: có hoặc không)")
    percent_target: bool = False
    required: bool = Field(False, description="true: không đạt thì không xét thi đua")

    @model_validator(mode="before")
    @classmethod
    def _values(cls, data: Any) -> Any:
        """'90%' is 90 percent; 'có'/'không' (or true/false) is a yes/no target (1/0)."""
        if isinstance(data, dict):
            value = data.get("value")
            word = value.strip().casefold() if isinstance(value, str) else None
            if value is True or word in _YES:
                data = {**data, "value": 1, "yes_no": True}
            elif value is False or word in _NO:
                data = {**data, "value": 0, "yes_no": True}
        return written_percent(data, ("value",))


class Council(Base):
    """Points assessed by the council (Hội đồng) within the criterion's maximum."""

    kind: Literal["council"]
    metric: Ident = Field(description="Cột chứa điểm Hội đồng chấm")


Rule = Annotated[
    Union[Proportional, Threshold, YesNo, PerEvent, ReportTimeliness, Target, Council],
    Field(discriminator="kind"),
]

RULE_KINDS = {
    "proportional": Proportional, "threshold": Threshold, "yes_no": YesNo,
    "per_event": PerEvent, "report_timeliness": ReportTimeliness, "target": Target,
    "council": Council,
}
SCORING_KINDS_WITHOUT_MAX = {"per_event", "report_timeliness", "target"}


def rule_metrics(rule: Base) -> list[str]:
    """The metric ids a rule reads from the unit data."""
    names = ("metric", "numerator", "denominator")
    return [getattr(rule, n) for n in names if getattr(rule, n, None)]
