"""The campaign definition: every section of a Kế hoạch thi đua as a declarative model."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, TypeAdapter

from thidua.campaign.model_documents import (
    DocumentNumber,
    Dossier,
    Issuer,
    Meeting,
    OfficeDocument,
    Person,
    RecipientGroup,
    Recipients,
    Signer,
    Votes,
)
from thidua.campaign.model_plan import LegalBases, LegalBasis, OutlineNode, Plan
from thidua.campaign.model_rules import Rule
from thidua.campaign.model_types import (
    Base,
    Count,
    Ident,
    Money,
    Number,
    Points,
    Text,
    VNDate,
)

# Keys of criteria[].overrides.<group> that are not rule parameters.
OVERRIDE_EXTRA_KEYS = frozenset({"guidance", "max_points", "label", "title", "basis"})
_RULE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Rule)


class Unit(Base):
    """A competing unit (đơn vị)."""

    id: Ident
    name: str
    head: str | None = Field(None, description="Thủ trưởng đơn vị (ký báo cáo thành tích)")
    head_title: str | None = None
    address: str | None = None


class Group(Base):
    """A group of units that compete together (phòng/ban, xã/thị trấn, cụm, khối)."""

    id: Ident
    name: str
    units: tuple[Unit, ...] = ()
    description: Text = ()


class Participants(Base):
    """Đối tượng thi đua."""

    text: Text = Field((), description="Đối tượng thi đua, nguyên văn")
    collectives: Text = Field((), description="Tập thể (nguyên văn)")
    individuals: Text = Field((), description="Cá nhân (nguyên văn)")
    groups: tuple[Group, ...] = ()


class TimeSpan(Base):
    """Thời gian thi đua."""

    start: VNDate | None = None
    end: VNDate
    text: Text = Field((), description="Thời gian thi đua, nguyên văn")


class Metric(Base):
    """One figure each unit reports (a column of the data sheet)."""

    id: Ident
    label: str = Field(description="Tên cột/chỉ số hiển thị cho đơn vị")
    unit: str | None = Field(None, description="Đơn vị tính: hồ sơ, tài khoản, %, …")
    type: Literal["count", "number", "percent", "yes_no", "points", "date"] = "count"
    part_of: Ident | None = Field(None, description="Chỉ số tổng mà chỉ số này là một phần")
    source: str | None = Field(None, description="Nguồn số liệu")
    groups: tuple[Ident, ...] | None = None


class Criterion(Base):
    """A criterion (tiêu chí) with its scoring rule."""

    id: Ident
    title: str = Field(description="Nội dung tiêu chí")
    label: str | None = Field(None, description="Cột 'Tiêu chí' của bảng chấm điểm")
    max_points: Points = Field(ge=0, description="Điểm chuẩn")
    rule: Rule
    guidance: Text = Field((), description="Hướng dẫn chấm, nguyên văn")
    basis: Text = Field((), description="Cơ sở chấm điểm")
    groups: tuple[Ident, ...] | None = Field(None, description="Chỉ áp dụng cho các nhóm này")
    overrides: dict[Ident, dict[str, Any]] = Field(
        {}, description="Tham số riêng theo nhóm: {mã nhóm: {tham số: giá trị, guidance: …}}")

    def rule_for_group(self, group_id: str | None) -> Any:
        """The rule with the group's overrides applied."""
        override = self.overrides.get(group_id or "", {})
        params = {k: v for k, v in override.items() if k not in OVERRIDE_EXTRA_KEYS}
        if not params:
            return self.rule
        return _RULE_ADAPTER.validate_python(self.rule.model_dump(by_alias=True) | params)

    def max_points_for_group(self, group_id: str | None) -> Decimal:
        """The standard points for the group (an override's max_points, else max_points)."""
        override = self.overrides.get(group_id or "", {})
        if "max_points" in override:
            return Decimal(str(override["max_points"]))
        return self.max_points


class TieBreak(Base):
    """One tie-break key, applied in order; `council` leaves it to the council."""

    label: str
    metric: Ident | None = None
    criterion: Ident | None = None
    numerator: Ident | None = None
    denominator: Ident | None = None
    order: Literal["desc", "asc"] = "desc"
    council: bool = False


class Rounding(Base):
    decimals: int = Field(2, ge=0, le=6)
    mode: Literal["half_up", "half_even", "down"] = "half_up"


class Scoring(Base):
    """Tiêu chí thi đua và cách chấm điểm."""

    intro: Text = Field((), description="Tiêu chí chung, nguyên văn")
    total_points: Points | None = Field(None, description="Tổng điểm chuẩn, ví dụ 100")
    criteria: tuple[Criterion, ...] = ()
    notes: Text = Field((), description="Lưu ý, nguyên văn")
    min_total: Points | None = Field(None, description="Điểm tối thiểu để được xếp hạng")
    ranking: Literal["group", "overall"] = Field("group", description="Xếp hạng theo nhóm hay chung")
    ranking_text: Text = ()
    tie_breaks: tuple[TieBreak, ...] = ()
    rounding: Rounding = Rounding()


class Rank(Base):
    """A rank of an award with its count, prize, bonus points and individual quota."""

    name: str | None = Field(None, description="Hạng Nhất, Hạng Nhì, … (bỏ trống nếu không chia hạng)")
    count: Count = Field(description="Số đơn vị")
    prize: Money | None = Field(None, description="Tiền thưởng mỗi đơn vị (đồng)")
    prize_coefficient: Number | None = Field(None, description="Hệ số × lương cơ sở")
    bonus_points: Points | None = Field(None, description="Điểm cộng vào thi đua KT-XH")
    individuals: Count | None = Field(None, description="Số cá nhân được đề nghị khen theo đơn vị")


class Award(Base):
    """A form of award (Giấy khen, Bằng khen) with its ranks, quotas and caps."""

    id: Ident
    form: str = Field(description="Hình thức, ví dụ Giấy khen của Chủ tịch UBND huyện")
    level: str = Field(description="Cấp khen: xã, huyện, tỉnh, …")
    recipients: Literal["collective", "individual"] = "collective"
    groups: tuple[Ident, ...] | None = Field(None, description="Nhóm được xét; bỏ trống: tất cả")
    ranks: tuple[Rank, ...] = ()
    max_units: Count | None = Field(None, description="Không quá … tập thể (tổng)")
    caps: dict[Ident, Count] = Field({}, description="Không quá … tập thể theo từng nhóm")
    individuals_per_unit: Count | None = None
    other_units_individuals: Count | None = Field(
        None, description="Những đơn vị còn lại mỗi đơn vị xét chọn … cá nhân")
    individuals: Count | None = Field(None, description="Số cá nhân (giải cho cá nhân)")
    funding: str | None = Field(None, description="Nguồn kinh phí")
    text: Text = Field((), description="Diễn giải nguyên văn trong kế hoạch")


class DataFiles(Base):
    """Where a period's data lives, relative to the campaign folder."""

    figures: str | None = Field(None, description="Số liệu các đơn vị (CSV/XLSX)")
    sheet: str | None = None
    submissions: str | None = Field(None, description="Sổ theo dõi nộp báo cáo")
    nominations: str | None = Field(None, description="Danh sách cá nhân đề nghị")
    council_order: str | None = Field(None, description="Thứ tự do Hội đồng quyết định khi bằng điểm")
    narratives: str | None = Field(None, description="Thư mục báo cáo thành tích do đơn vị gửi")


class Period(Base):
    """A round of awards (monthly, interim, year-end) with its own data and quotas."""

    id: Ident
    name: str
    kind: Literal["monthly", "interim", "year_end", "once"] = "year_end"
    start: VNDate | None = None
    end: VNDate | None = None
    awards: tuple[Award, ...] = ()
    data: DataFiles = DataFiles()
    meeting: Meeting | None = None
    text: Text = Field((), description="Diễn giải nguyên văn trong kế hoạch")


class Deadline(Base):
    """A date by which something is due from someone to someone."""

    date: VNDate
    what: str
    sender: str | None = Field(None, alias="from", description="Ai gửi")
    to: str | None = Field(None, description="Gửi về đâu")
    purpose: str | None = Field(None, description="Để làm gì (tổng hợp, thẩm định…)")
    period: Ident | None = None
    repeat: Literal["monthly"] | None = Field(
        None, description="monthly: lặp lại hằng tháng vào cùng ngày, tới ngày `until`")
    until: VNDate | None = Field(None, description="Lần cuối của thời hạn lặp lại")


class Task(Base):
    """A paragraph of 'Tổ chức thực hiện', optionally with sub-items a), b), …"""

    text: str
    items: Text = ()
    office: str | None = None


class Campaign(Base):
    """One phong trào thi đua: the whole Kế hoạch and what follows from it."""

    schema_version: Literal[1] = 1
    title: str = Field(description="Trích yếu của Kế hoạch")
    short_name: str | None = Field(None, description="Tên ngắn của phong trào")
    issuer: Issuer
    document: DocumentNumber = DocumentNumber()
    legal_bases: LegalBases = Field(
        (), description="Căn cứ: mỗi căn cứ một dòng, hoặc {kind, number, date, issuer, subject}")
    preamble: Text = Field((), description="Đoạn mở đầu sau căn cứ")
    purposes: Text = Field((), description="Mục đích")
    requirements: Text = Field((), description="Yêu cầu")
    participants: Participants = Participants()
    time: TimeSpan
    content: Text = Field((), description="Nội dung thi đua")
    standards: Text = Field((), description="Tiêu chuẩn khen thưởng")
    metrics: tuple[Metric, ...] = ()
    scoring: Scoring = Scoring()
    periods: tuple[Period, ...] = ()
    dossier: Dossier = Dossier()
    deadlines: tuple[Deadline, ...] = ()
    deadlines_text: Text = Field((), description="Tuyến trình / thời hạn, nguyên văn")
    tasks: tuple[Task, ...] = ()
    closing: Text = Field((), description="Đoạn kết")
    recipients: Recipients = Recipients()
    signer: Signer
    plan: Plan = Field(Plan(), description="Dàn ý nguyên văn của Kế hoạch (plan.outline)")

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.participants.groups if g.id == group_id), None)

    def period(self, period_id: str) -> Period | None:
        return next((p for p in self.periods if p.id == period_id), None)

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)

    def units(self) -> list[tuple[Group, Unit]]:
        return [(g, u) for g in self.participants.groups for u in g.units]

    def scored_groups(self, period: Period) -> list[str]:
        """Groups a period scores: those competing for its collective awards (all groups when
        it has none), leaving out groups no criterion applies to (e.g. individual-only groups)."""
        all_groups = [g.id for g in self.participants.groups]
        collective = [a for a in period.awards if a.recipients == "collective"]
        if collective and all(a.groups is not None for a in collective):
            wanted = {g for a in collective for g in a.groups or ()}
        else:
            wanted = set(all_groups)
        criteria = self.scoring.criteria
        return [g for g in all_groups if g in wanted
                and any(c.groups is None or g in c.groups for c in criteria)]

    @property
    def year(self) -> int:
        return (self.document.date.year if self.document.date else
                self.document.year or self.time.end.year)


__all__ = ["Award", "Campaign", "Criterion", "DataFiles", "Deadline", "DocumentNumber", "Dossier",
           "Group", "Issuer", "LegalBasis", "OutlineNode", "Plan", "Meeting", "Metric", "OfficeDocument", "Participants", "Period",
           "Person", "Rank", "RecipientGroup", "Recipients", "Rounding", "Scoring", "Signer",
           "Task", "TieBreak", "TimeSpan", "Unit", "Votes"]
