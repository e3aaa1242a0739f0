"""Citing a legal basis the way the decree writes dates: one function for every document."""

from __future__ import annotations

import re

from thidua.campaign.model_plan import LegalBasis
from thidua.vietnamese.formatting import format_date

_WORDY_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def decree_dates(text: str) -> str:
    """'ngày 5 tháng 08 năm 2023' → 'ngày 05 tháng 8 năm 2023': zero only for days 1–9, months 1–2."""
    def fix(match: re.Match[str]) -> str:
        day, month, year = (int(g) for g in match.groups())
        month_text = f"{month:02d}" if month <= 2 else str(month)
        return f"ngày {day:02d} tháng {month_text} năm {year}"
    return _WORDY_DATE.sub(fix, text)


def cite(basis: str | LegalBasis) -> str:
    """The citation of a legal basis, without the final ';' or '.'.

    Typed: '<lead> <kind> số <number> ngày … của <issuer> <subject>'; free text keeps its
    words, with its dates in the decree's form.
    """
    if isinstance(basis, str):
        return decree_dates(basis).rstrip(" ;.")
    parts = [basis.lead, basis.kind]
    if basis.number:
        parts.append(f"số {basis.number}")
    if basis.date:
        parts.append(format_date(basis.date))
    if basis.issuer:
        parts.append(f"của {basis.issuer}")
    if basis.subject:
        parts.append(decree_dates(basis.subject))
    return " ".join(" ".join(parts).split()).rstrip(" ;.")
