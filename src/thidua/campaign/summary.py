"""Short Vietnamese summaries of campaigns for `validate` and `list`."""

from __future__ import annotations

from datetime import date

from thidua.campaign.loading import LoadedCampaign, next_deadline
from thidua.vietnamese.formatting import format_short_date


def period_text(loaded: LoadedCampaign) -> str:
    """'… – 31/12/2023' style span of the campaign's time."""
    time = loaded.campaign.time
    start = format_short_date(time.start) if time.start else "ngày ban hành"
    return f"{start} – {format_short_date(time.end)}"


def summary_lines(loaded: LoadedCampaign) -> list[str]:
    """What the definition contains, one fact per line."""
    c = loaded.campaign
    units = c.units()
    groups = ", ".join(f"{g.name} ({len(g.units)})" for g in c.participants.groups) or "chưa khai báo"
    lines = [
        f"Phong trào: {c.short_name or c.title}",
        f"Cơ quan ban hành: {c.issuer.name}",
        f"Thời gian: {period_text(loaded)}",
        f"Đơn vị thi đua: {len(units)} — {groups}",
        f"Tiêu chí: {len(c.scoring.criteria)}"
        + (f", tổng {c.scoring.total_points.normalize():f} điểm" if c.scoring.total_points else ""),
        "Đợt khen thưởng: " + (", ".join(f"{p.id} ({len(p.awards)} hình thức)" for p in c.periods)
                               or "chưa khai báo"),
        f"Thời hạn: {len(c.deadlines)}",
    ]
    return lines


def next_deadline_text(loaded: LoadedCampaign, today: date) -> str:
    deadline = next_deadline(loaded.campaign, today)
    if deadline is None:
        return "không còn thời hạn"
    days = (deadline.date - today).days
    return f"{format_short_date(deadline.date)} (còn {days} ngày): {deadline.what}"
