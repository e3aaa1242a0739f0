"""The computed results of a period: what scoring produces and documents consume."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class CriterionScore:
    """Points of one unit on one criterion, with the explanation a council member can check."""

    criterion_id: str
    title: str
    max_points: Decimal
    points: Decimal
    explanation: str
    met: bool | None = None          # target-style criteria: met / not met
    excludes: bool = False           # a floor gate that removes the unit from ranking


@dataclass(frozen=True)
class UnitResult:
    """One unit's totals, eligibility, rank and award in a period."""

    unit_id: str
    unit_name: str
    group_id: str
    group_name: str
    criteria: tuple[CriterionScore, ...]
    total: Decimal
    eligible: bool
    ineligible_reasons: tuple[str, ...] = ()
    rank: int | None = None          # position within the ranking scope (group or overall)
    award_id: str | None = None
    award_form: str | None = None    # e.g. "Giấy khen của Chủ tịch UBND huyện"
    award: str | None = None         # rank name, e.g. "Hạng Nhất" (or the form when unranked)
    prize: int = 0                   # whole đồng
    bonus_points: Decimal | None = None
    individuals_quota: int = 0
    tie: bool = False                # tied with another unit where it matters for an award
    tie_note: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)

    def criterion(self, criterion_id: str) -> CriterionScore | None:
        return next((c for c in self.criteria if c.criterion_id == criterion_id), None)


@dataclass(frozen=True)
class Nomination:
    """An individual proposed for an award."""

    full_name: str
    position: str
    unit_id: str
    unit_name: str
    achievements: str
    award_id: str | None = None
    award_form: str | None = None
    prize: int = 0                   # whole đồng, for individual awards with a prize
    profile: tuple[tuple[str, str], ...] = ()   # facts for the báo cáo thành tích (nominations)


@dataclass(frozen=True)
class PendingTie:
    """Tied units whose order decides an award and that no stated rule separates."""

    unit_ids: tuple[str, ...]
    total: Decimal
    award_id: str | None
    message: str                     # "cần Hội đồng quyết định: …"


@dataclass(frozen=True)
class PeriodResult:
    """Everything computed for one campaign period, ready to render."""

    campaign_id: str
    period_id: str
    period_name: str
    units: tuple[UnitResult, ...]    # ranked order: group order, then rank, then name
    nominations: tuple[Nomination, ...] = ()
    prize_total: int = 0
    pending_ties: tuple[PendingTie, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def awarded(self) -> tuple[UnitResult, ...]:
        return tuple(u for u in self.units if u.award_id)

    def unit(self, unit_id: str) -> UnitResult | None:
        return next((u for u in self.units if u.unit_id == unit_id), None)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON contract of `thidua score --format json`."""
        return {
            "campaign": self.campaign_id,
            "period": self.period_id,
            "units": [{
                "id": u.unit_id, "name": u.unit_name, "group": u.group_id,
                "criteria": {c.criterion_id: {"points": _num(c.points), "explanation": c.explanation}
                             for c in u.criteria},
                "total": _num(u.total), "eligible": u.eligible, "rank": u.rank,
                "award": u.award, "prize": u.prize, "tie": u.tie,
            } for u in self.units],
            "prize_total": self.prize_total,
        }


def _num(value: Decimal) -> int | float:
    """Decimal → JSON number without binary noise (48.72 stays 48.72)."""
    return int(value) if value == value.to_integral_value() else float(str(value))
