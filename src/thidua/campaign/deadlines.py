"""Deadlines of all campaigns: a table with days left, and an iCalendar (.ics) file."""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from thidua.atomic import write_bytes_atomic
from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Deadline
from thidua.vietnamese.formatting import format_short_date


@dataclass(frozen=True)
class DeadlineRow:
    """One deadline of one campaign, relative to a given day."""

    campaign_id: str
    campaign_name: str
    date: date
    what: str
    sender: str
    to: str
    purpose: str
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def status(self) -> str:
        if self.days_left < 0:
            return f"QUÁ HẠN {-self.days_left} ngày"
        if self.days_left == 0:
            return "HÔM NAY"
        return f"còn {self.days_left} ngày"


def occurrences(deadline: Deadline) -> list[date]:
    """The dates of a deadline: one, or every month up to `until` for a monthly one."""
    if deadline.repeat != "monthly" or deadline.until is None:
        return [deadline.date]
    dates, year, month = [], deadline.date.year, deadline.date.month
    while True:
        day = min(deadline.date.day, calendar.monthrange(year, month)[1])
        current = date(year, month, day)
        if current > deadline.until:
            return dates
        dates.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def collect(campaigns: list[LoadedCampaign], today: date) -> list[DeadlineRow]:
    """Every deadline (monthly ones expanded), sorted by date then campaign."""
    rows = []
    for loaded in campaigns:
        c = loaded.campaign
        for d in c.deadlines:
            for when in occurrences(d):
                rows.append(DeadlineRow(loaded.id, c.short_name or c.title, when, d.what,
                                        d.sender or "", d.to or "", d.purpose or "",
                                        (when - today).days))
    return sorted(rows, key=lambda r: (r.date, r.campaign_id, r.what))


def table_lines(rows: list[DeadlineRow]) -> list[tuple[str, bool]]:
    """Printable lines (text, overdue) of the deadline table."""
    width = max([len("Phong trào")] + [len(r.campaign_id) for r in rows])
    lines = [(f"{'Ngày':<10}  | {'Tình trạng':<16} | {'Phong trào':<{width}} | Việc (từ → đến)",
              False)]
    for row in rows:
        route = " → ".join(x for x in (row.sender, row.to) if x)
        text = (f"{format_short_date(row.date)}  | {row.status():<16} | "
                f"{row.campaign_id:<{width}} | "
                f"{row.what}" + (f" ({route})" if route else ""))
        lines.append((text, row.overdue))
    return lines


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, ';' and ',' escaped; any line break (CR, LF, CRLF, Unicode
    separators) becomes '\\n' and other control characters a space, so no text from the plan
    can start a property line of its own."""
    text = re.sub(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", lambda m: m.group() if m.group() == "\n" else " ",
                  text.replace("\t", " "))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """RFC 5545 line folding at 75 octets without splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def to_ics(rows: list[DeadlineRow]) -> bytes:
    """An iCalendar file with one all-day event (and a 3-day reminder) per deadline."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//thidua//Thời hạn thi đua//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Thời hạn thi đua - khen thưởng"]
    for row in rows:
        key = f"{row.campaign_id}|{row.date.isoformat()}|{row.what}|{row.sender}|{row.to}"
        uid = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + "@thidua"
        route = " → ".join(x for x in (row.sender, row.to) if x)
        description = "\n".join(x for x in (
            f"Phong trào: {row.campaign_name}", f"Gửi: {route}" if route else "",
            f"Để: {row.purpose}" if row.purpose else "") if x)
        lines += [
            "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{row.date:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{row.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{row.date + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape('Hạn: ' + row.what)}", f"DESCRIPTION:{_escape(description)}",
            "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P3D",
            f"DESCRIPTION:{_escape('Còn 3 ngày: ' + row.what)}", "END:VALARM", "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")


def write_ics(rows: list[DeadlineRow], path: Path) -> Path:
    return write_bytes_atomic(path, to_ics(rows))
