"""The council's meeting as data: members, attendance, quorum, votes against the threshold."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from thidua.campaign.model import Campaign, Meeting, Period
from thidua.campaign.model_documents import Ballot
from thidua.documents.award_sections import canonical_forms, in_phrase
from thidua.scoring.results import PeriodResult
from thidua.vietnamese.formatting import format_number


def count_text(n: int) -> str:
    """A count in a sentence: 0 → "0", 5 → "05", 12 → "12" (never "00")."""
    return "0" if n == 0 else f"{n:02d}"


def percent_text(share: Decimal) -> str:
    """0.9 → "90%", 2/3 → "66,7%"."""
    value = (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{format_number(value)}%"


def council_size(campaign: Campaign, meeting: Meeting | None) -> int | None:
    """All members of the council: stated, else the members listed, else present + absent."""
    if meeting and meeting.members is not None:
        return meeting.members
    if campaign.dossier.council.members:
        return len(campaign.dossier.council.members)
    if meeting and meeting.votes and meeting.votes.present is not None:
        return meeting.votes.present + len(meeting.absent)
    return None


def _subject_name(subject: str, campaign: Campaign, period: Period) -> str:
    units = {u.id: u.name for _, u in campaign.units()}
    awards = {a.id: a for a in period.awards}
    if subject in units:
        return units[subject]
    if subject in awards:
        award = awards[subject]
        names = canonical_forms([a.form for a in period.awards])
        whom = "tập thể" if award.recipients == "collective" else "cá nhân"
        groups = [g.name for g in campaign.participants.groups
                  if award.groups is not None and g.id in award.groups
                  and len(award.groups) < len(campaign.participants.groups)]
        scope = f" ({'; '.join(in_phrase(g) for g in groups)})" if groups else ""
        return f"Danh sách {whom} đề nghị tặng {names[award.form]}{scope}"
    return subject


def ballot_result(ballot: Ballot, size: int | None, threshold: Decimal, name: str) -> dict[str, Any]:
    """One vote: counts, the share of all members agreeing and whether it reaches the threshold."""
    base = size or (ballot.agree + ballot.disagree + ballot.abstain)
    share = Decimal(ballot.agree) / base if base else Decimal(0)
    passed = share >= threshold
    return {"ten": name, "ma": ballot.subject, "dat": passed,
            "text": (f"{name}: đồng ý {ballot.agree}/{base} thành viên Hội đồng (đạt "
                     f"{percent_text(share)}), không đồng ý {count_text(ballot.disagree)}, "
                     f"không biểu quyết {count_text(ballot.abstain)}"
                     + ("" if passed else f" – không đạt tỷ lệ {percent_text(threshold)}, "
                        "không đưa vào danh sách đề nghị khen thưởng"))}


def ballots(campaign: Campaign, period: Period) -> list[dict[str, Any]]:
    """Every vote of the meeting: the ballots per nominee, else the vote on the whole list."""
    meeting = period.meeting
    if meeting is None:
        return []
    size = council_size(campaign, meeting)
    threshold = campaign.dossier.council.approval_threshold
    out = [ballot_result(b, size, threshold, _subject_name(b.subject, campaign, period))
           for b in meeting.ballots]
    votes = meeting.votes
    if not out and votes and votes.agree is not None:
        whole = Ballot(subject="", agree=votes.agree, disagree=votes.disagree or 0,
                       abstain=votes.abstain or 0)
        out.append(ballot_result(whole, size, threshold, "Danh sách đề nghị khen thưởng"))
    return out


def rejected(campaign: Campaign, period: Period) -> frozenset[str]:
    """Subjects (unit ids, names, award ids) whose vote is below the threshold."""
    return frozenset(b["ma"] for b in ballots(campaign, period) if not b["dat"] and b["ma"])


def list_rejected(campaign: Campaign, period: Period) -> bool:
    """The vote on the whole list failed: nothing is carried into the tờ trình."""
    return any(not b["dat"] and not b["ma"] for b in ballots(campaign, period))


def attendance(campaign: Campaign, period: Period) -> dict[str, Any]:
    """Total members, present, absent and whether the quorum is reached, in words."""
    meeting = period.meeting
    size = council_size(campaign, meeting)
    present = meeting.votes.present if meeting and meeting.votes else None
    absent = len(meeting.absent) if meeting else 0
    if present is None and size is not None:
        present = size - absent
    if size is None or present is None:
        return {"co_so_lieu": False, "text": ""}
    text = (f"Tổng số thành viên Hội đồng: {count_text(size)}; có mặt: {count_text(present)}; "
            f"vắng mặt: {count_text(absent)}.")
    quorum = campaign.dossier.council.quorum
    if quorum is not None:
        reached = Decimal(present) >= quorum * size
        text += (f" Số thành viên có mặt đạt {percent_text(Decimal(present) / size)}, "
                 + ("đủ" if reached else "không đủ")
                 + f" điều kiện tiến hành cuộc họp (tối thiểu {percent_text(quorum)}).")
    return {"co_so_lieu": True, "text": text, "tong": size, "co_mat": present}


def tie_lines(campaign: Campaign, period: Period, result: PeriodResult) -> list[str]:
    """Ties and how they were settled: the meeting's own words, else the scoring's notes (a
    tie-break rule or the council's order)."""
    if period.meeting and period.meeting.ties:
        return list(period.meeting.ties)
    notes = []
    for unit in result.units:  # each settled tie once, from the unit placed above
        note = unit.tie_note or ""
        if note and "xếp trên" in note and not unit.tie:
            notes.append(f"{unit.unit_name}: {note}")
    return notes
