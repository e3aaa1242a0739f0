"""Allocate a period's awards: ranks, counts, caps, prizes, bonus points, individual quotas.

Awards are allocated in file order and a unit receives at most one collective award per
period: a unit that won an earlier award (e.g. Bằng khen) leaves the pool of later ones
(e.g. Giấy khen). A tie no rule breaks that decides who gets which award is left to the
council: the tied units get nothing at the contested boundary and the slots they would
occupy stay reserved, so no unit below them moves up. Until the council's order is in
data/<đợt>-hoi-dong.csv the tied units are left out of later awards too (their award is
pending), so every tied unit has no award and `tie=True`.

Individual quotas. A collective award may say how many individuals each unit proposes
(`ranks[].individuals`, `individuals_per_unit`, `other_units_individuals` for the units it
does not award); a unit with no such quota (not awarded, not ranked) proposes nobody. A
separate individual award (`recipients: individual`, e.g. to attach a prize) admits its own
total (`individuals` or the ranks' counts). A nomination for it from a unit whose group is
covered by a collective award declaring quotas must respect BOTH: the award's total and the
unit's quota, which it shares with the unit's nominations naming the collective award; a
unit with quota 0 cannot nominate. See `unit_quotas_apply` and nominations.check_nominations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from thidua.campaign.legal_frame import (
    base_salary,
    default_coefficient,
    dossier_date,
    own_award_ids,
)
from thidua.campaign.model import Award, Campaign, Period, Rank
from thidua.scoring.ranking import Ranker, TieGroup
from thidua.scoring.results import PendingTie
from thidua.scoring.rules import num

PRIZE_ROUNDING = 10_000  # prizes by coefficient are rounded up to the next 10.000 đồng


@dataclass(frozen=True)
class Grant:
    """The collective award one unit receives."""

    award: Award
    rank: Rank | None
    name: str
    prize: int
    bonus_points: Decimal | None
    individuals: int


@dataclass(frozen=True)
class Allocation:
    grants: dict[str, Grant] = field(default_factory=dict)
    tie_notes: dict[str, str] = field(default_factory=dict)
    pending: tuple[PendingTie, ...] = ()
    quotas: dict[str, tuple[int, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidates:
    """The eligible units (campaign order) with what allocation needs to know of them."""

    unit_ids: tuple[str, ...]
    groups: Mapping[str, str]
    names: Mapping[str, str]
    totals: Mapping[str, Decimal]


@dataclass(frozen=True)
class PrizeBasis:
    """What prizes by coefficient are computed from: the lương cơ sở and the decision's date."""

    base_salary: int | None
    on: date | None = None
    own: frozenset[str] | None = None   # awards the campaign's own authority decides and pays

    @classmethod
    def of(cls, campaign: Campaign, period: Period) -> PrizeBasis:
        """The campaign's own base salary, else the one in force on the decision's date."""
        on = dossier_date(campaign, period)
        salary = campaign.dossier.base_salary
        return cls(salary if salary is not None else base_salary(on).amount, on,
                   frozenset(own_award_ids(campaign, period)))


def by_coefficient(coefficient: Decimal, base: int) -> int:
    """coefficient × base salary, rounded up to the next 10.000 đồng."""
    return int(math.ceil(coefficient * base / PRIZE_ROUNDING)) * PRIZE_ROUNDING


def prize_for(rank: Rank | None, base_salary: int | None) -> int:
    """rank.prize, or prize_coefficient × base salary rounded up to the next 10.000 đồng."""
    if rank is None:
        return 0
    if rank.prize is not None:
        return rank.prize
    if rank.prize_coefficient is not None and base_salary:
        return by_coefficient(rank.prize_coefficient, base_salary)
    return 0


def award_prize(award: Award, rank: Rank | None, basis: PrizeBasis | None,
                individual: bool = False) -> int:
    """The prize of one awardee: the plan's fixed prize or coefficient wins; else the award's
    coefficient; else the decree's default coefficient for the award form on the decision date
    (none for a prize-only 'award', which is not a hình thức, nor for an award proposed to a
    higher level, which that level decides and pays)."""
    salary = basis.base_salary if basis else None
    if rank is not None and (rank.prize is not None or rank.prize_coefficient is not None):
        return prize_for(rank, salary)
    if not salary:
        return 0
    coefficient = award.prize_coefficient
    decided_here = basis is not None and (basis.own is None or award.id in basis.own)
    if coefficient is None and decided_here and basis.on is not None:
        coefficient = default_coefficient(award.form, individual, basis.on)
    return by_coefficient(coefficient, salary) if coefficient else 0


def award_slots(award: Award, pool_size: int) -> list[int | None]:
    """One entry per awardable position: the rank index (None when the award has no ranks)."""
    if award.ranks:
        slots: list[int | None] = [i for i, r in enumerate(award.ranks) for _ in range(r.count)]
    else:
        count = award.max_units if award.max_units is not None else (
            sum(award.caps.values()) if award.caps else pool_size)
        slots = [None] * count
    return slots if award.max_units is None else slots[:award.max_units]


def allocate(period: Period, candidates: Candidates, ranker: Ranker,
             basis: PrizeBasis | None = None, council_file: str = "") -> Allocation:
    """Give each collective award of the period to the best units of its own pool."""
    grants: dict[str, Grant] = {}
    notes: dict[str, str] = {}
    pending: list[PendingTie] = []
    for award in period.awards:
        if award.recipients != "collective":
            continue
        pool = [u for u in candidates.unit_ids if u not in grants and u not in notes
                and (award.groups is None or candidates.groups[u] in award.groups)]
        walk = _AwardWalk(award, candidates, award_slots(award, len(pool)), basis)
        for group in ranker.order(pool):
            if walk.exhausted():
                break
            contested = walk.place(group, grants)
            if contested:
                tie = _pending_tie(award, contested, candidates, ranker, walk, council_file)
                pending.append(tie)
                notes.update({u: tie.message for u in contested})
    quotas = _quotas(period, candidates, grants, notes)
    return Allocation(grants, notes, tuple(pending), quotas)


class _AwardWalk:
    """Positions of one award handed out in ranking order, honouring caps per group."""

    def __init__(self, award: Award, candidates: Candidates, slots: list[int | None],
                 basis: PrizeBasis | None) -> None:
        self.award = award
        self.candidates = candidates
        self.slots = slots
        self.position = 0
        self.caps_left = dict(award.caps)
        self.basis = basis
        self.contested: list[str | None] = []
        self.short = False

    def exhausted(self) -> bool:
        return self.position >= len(self.slots)

    def place(self, group: TieGroup, grants: dict[str, Grant]) -> tuple[str, ...]:
        """Award a tie group; return the contested units (empty when order does not matter)."""
        by_group: dict[str, list[str]] = {}
        for unit_id in group:
            by_group.setdefault(self.candidates.groups[unit_id], []).append(unit_id)
        contenders: list[str] = []
        wanted = 0
        overflow = False
        for gid, units in by_group.items():
            left = self.caps_left.get(gid)
            if left is not None and left <= 0:
                continue  # the group's cap is used up: these units are not in contention
            contenders.extend(units)
            taken = len(units) if left is None else min(left, len(units))
            if left is not None:
                overflow |= len(units) > left
                self.caps_left[gid] = left - taken
            wanted += taken
        positions = self.slots[self.position:self.position + wanted]
        self.position += len(positions)
        if not positions:
            return ()
        short = overflow or len(positions) < wanted
        if short or len(set(positions)) > 1:
            self.contested = [self._rank_name(r) for r in dict.fromkeys(positions)]
            self.short = short
            return tuple(contenders)
        for unit_id in contenders:
            grants[unit_id] = self._grant(positions[0])
        return ()

    def _rank_name(self, rank_index: int | None) -> str | None:
        return self.award.ranks[rank_index].name if rank_index is not None else None

    def _grant(self, rank_index: int | None) -> Grant:
        award = self.award
        rank = award.ranks[rank_index] if rank_index is not None else None
        individuals = next((n for n in (rank.individuals if rank else None,
                                        award.individuals_per_unit,
                                        award.other_units_individuals) if n is not None), 0)
        name = rank.name if rank is not None and rank.name else award.form
        return Grant(award, rank, name, award_prize(award, rank, self.basis),
                     rank.bonus_points if rank is not None else None, individuals)

    def stake(self) -> str:
        """What the council's order decides, in words."""
        named = [n for n in self.contested if n]
        if not named:
            return f"đơn vị nào được {self.award.form}"
        return "/".join(named + (["không được khen"] if self.short else [])) + \
            f" ({self.award.form})"


def _pending_tie(award: Award, units: tuple[str, ...], candidates: Candidates, ranker: Ranker,
                 walk: _AwardWalk, council_file: str) -> PendingTie:
    names = ", ".join(candidates.names[u] for u in units)
    total = candidates.totals[units[0]]
    where = f" (tệp {council_file})" if council_file else ""
    message = (f"cần Hội đồng quyết định: {names} cùng {num(total)} điểm, "
               f"{ranker.tie_rule_text()}; thứ tự quyết định {walk.stake()}. "
               f"Ghi thứ tự Hội đồng quyết định vào cột thu_tu{where}.")
    return PendingTie(units, total, award.id, message)


def _quotas(period: Period, candidates: Candidates, grants: Mapping[str, Grant],
            tied: Mapping[str, str]) -> dict[str, tuple[int, str | None]]:
    """Individuals each unit may propose, and the award that quota comes from."""
    quotas: dict[str, tuple[int, str | None]] = {}
    for unit_id in candidates.unit_ids:
        if unit_id in grants:
            grant = grants[unit_id]
            quotas[unit_id] = (grant.individuals, grant.award.id)
            continue
        if unit_id in tied:
            continue
        group_id = candidates.groups[unit_id]
        for award in period.awards:
            if award.recipients == "collective" and award.other_units_individuals is not None \
                    and (award.groups is None or group_id in award.groups):
                quotas[unit_id] = (award.other_units_individuals, award.id)
                break
    return quotas


def declares_unit_quotas(award: Award) -> bool:
    """A collective award that says how many individuals each unit may propose."""
    return award.recipients == "collective" and (
        award.individuals_per_unit is not None or award.other_units_individuals is not None
        or any(r.individuals is not None for r in award.ranks))


def unit_quotas_apply(period: Period, group_id: str) -> bool:
    """Whether nominations of units of this group are bounded by per-unit quotas."""
    return any(declares_unit_quotas(a) and (a.groups is None or group_id in a.groups)
               for a in period.awards)


def individual_award_quota(award: Award) -> int:
    """Total individuals an individual award admits: `individuals`, else the ranks' counts."""
    if award.individuals is not None:
        return award.individuals
    return sum(r.count for r in award.ranks)


def individual_prize(award: Award, basis: PrizeBasis | None) -> int:
    """Prize per person: the single rank's prize of an individual award, else the individual
    coefficient of the award form (a person nominated under a collective Giấy khen receives the
    individual Giấy khen's prize). Several ranks without a rank per person: 0."""
    if award.recipients == "individual" and len(award.ranks) > 1:
        return 0
    rank = award.ranks[0] if award.recipients == "individual" and award.ranks else None
    return award_prize(award, rank, basis, individual=True)


def prize_total(unit_prizes: Sequence[int], person_prizes: Sequence[int] = ()) -> int:
    return sum(unit_prizes) + sum(person_prizes)
