"""The dated legal frame: laws, decrees, base salary, prize coefficients and report forms.

Every legal fact is data with the date it takes effect, so a new decree is a new row, not a
code branch. Sources and how sure each fact is: docs/LEGAL.md. Every value can be replaced
per campaign (dossier.decision.legal_bases, dossier.base_salary, awards[].prize_coefficient,
dossier.report_forms).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from thidua.campaign.model import Campaign, Period


@dataclass(frozen=True)
class Dated:
    """A text or amount in force from `since` until the next row of its table."""

    since: date
    text: str
    amount: int = 0


# Căn cứ of a decision: the law on local government, the law on emulation and its decree.
LOCAL_GOVERNMENT_LAW = (
    Dated(date(2015, 6, 19), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm "
          "2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
          "chính quyền địa phương ngày 22 tháng 11 năm 2019;"),
    Dated(date(2025, 7, 1), "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
)
EMULATION_LAW = (
    Dated(date(2004, 1, 1), "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật "
          "sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 "
          "và ngày 16 tháng 11 năm 2013;"),
    Dated(date(2024, 1, 1), "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
)
DECREE = (
    Dated(date(2017, 10, 1), "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của "
          "Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"),
    Dated(date(2024, 1, 1), "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của "
          "Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"),
    Dated(date(2025, 7, 1), "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của "
          "Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"),
)
# The decree's short name, cited under a báo cáo thành tích form.
DECREE_NAME = (
    Dated(date(2017, 10, 1), "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ"),
    Dated(date(2024, 1, 1), "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"),
    Dated(date(2025, 7, 1), "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ"),
)

# Lương cơ sở (đồng/tháng) and the decree that set it.
BASE_SALARY = (
    Dated(date(2019, 7, 1), "Nghị định số 38/2019/NĐ-CP", 1_490_000),
    Dated(date(2023, 7, 1), "Nghị định số 24/2023/NĐ-CP", 1_800_000),
    Dated(date(2024, 7, 1), "Nghị định số 73/2024/NĐ-CP", 2_340_000),
    Dated(date(2026, 7, 1), "Nghị định số 161/2026/NĐ-CP", 2_530_000),
)


@dataclass(frozen=True)
class Coefficient:
    """Prize coefficients (× lương cơ sở) of an award form, matched by words of its name."""

    words: tuple[str, ...]          # all must appear in the folded form name
    collective: Decimal
    individual: Decimal


def _c(words: str, collective: str, individual: str) -> Coefficient:
    return Coefficient(tuple(words.split("|")), Decimal(collective), Decimal(individual))


# Most specific first; the first row whose words all occur in the form's name applies.
COEFFICIENTS = (
    (date(2017, 10, 1), (
        _c("bang khen|thu tuong", "3", "1.5"), _c("bang khen", "2", "1"),
        _c("giay khen", "0.3", "0.15"))),
    (date(2024, 1, 1), (
        _c("bang khen|thu tuong", "7", "3.5"), _c("bang khen", "2", "1"),
        _c("giay khen", "0.6", "0.3"))),
    (date(2025, 7, 1), (
        _c("bang khen|thu tuong", "7", "3.5"), _c("bang khen", "3", "1.5"),
        _c("giay khen", "0.6", "0.3"))),
)

# Words that begin a hình thức khen thưởng; anything else (money, bonus points) is not one.
HONOURS = ("giay khen", "bang khen", "co thi dua", "huan chuong", "huy chuong", "danh hieu",
           "chien si thi dua", "lao dong tien tien", "tap the lao dong", "ky niem chuong")

# Báo cáo thành tích forms of the decree's appendix: (Mẫu số, title). The numbers must be
# confirmed against the official appendix, so a campaign can replace them (dossier.report_forms).
REPORT_FORMS = (
    (date(2017, 10, 1), {
        "chuyen_de": ("Mẫu số 07", "Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua "
                                   "hoặc theo chuyên đề"),
        "tap_the": ("Mẫu số 01", "Báo cáo thành tích đề nghị khen thưởng cho tập thể"),
        "ca_nhan": ("Mẫu số 02", "Báo cáo thành tích đề nghị khen thưởng cho cá nhân")}),
    (date(2024, 1, 1), {
        "chuyen_de": ("Mẫu số 08", "Báo cáo thành tích đề nghị khen thưởng trong phong trào thi "
                                   "đua theo chuyên đề"),
        "tap_the": ("Mẫu số 04", "Báo cáo thành tích đề nghị khen thưởng cho tập thể"),
        "ca_nhan": ("Mẫu số 05", "Báo cáo thành tích đề nghị khen thưởng cho cá nhân")}),
)
ANNUAL_WORDS = ("lao dong tien tien", "tap the lao dong", "chien si thi dua", "hoan thanh xuat sac")

T = TypeVar("T")


def in_force(table: tuple[Dated, ...], on: date) -> Dated:
    """The row of a dated table in force on a day (the earliest row before any of them)."""
    current = table[0]
    for row in table:
        if row.since <= on:
            current = row
    return current


def _dated(table: tuple[tuple[date, T], ...], on: date) -> T:
    current = table[0][1]
    for since, value in table:
        if since <= on:
            current = value
    return current


def fold(text: str) -> str:
    """Lower case without diacritics, to match words: 'Bằng khen của Thủ tướng' → 'bang khen …'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
                    .split())


def decision_bases(on: date) -> list[str]:
    """The laws and the decree a decision dated `on` cites, in the usual order."""
    return [in_force(t, on).text for t in (LOCAL_GOVERNMENT_LAW, EMULATION_LAW, DECREE)]


def submission_bases(on: date) -> list[str]:
    """The emulation law and decree a tờ trình dated `on` cites."""
    return [in_force(t, on).text for t in (EMULATION_LAW, DECREE)]


def decree_name(on: date) -> str:
    return in_force(DECREE_NAME, on).text


def base_salary(on: date) -> Dated:
    """Lương cơ sở in force on the decision's date (amount and the decree that set it)."""
    return in_force(BASE_SALARY, on)


def is_honour(form: str) -> bool:
    """Whether an award's name is a hình thức khen thưởng (not a prize or bonus points)."""
    return fold(form).startswith(HONOURS)


def default_coefficient(form: str, individual: bool, on: date) -> Decimal | None:
    """The decree's prize coefficient for an award form on a date; None when none applies."""
    name = fold(form)
    for row in _dated(COEFFICIENTS, on):
        if all(w in name for w in row.words):
            return row.individual if individual else row.collective
    return None


def report_form_kind(form: str, individual: bool) -> str:
    """Which báo cáo thành tích form an award needs: campaign (chuyên đề) unless the award is an
    annual title, which uses the annual collective or individual form."""
    if any(w in fold(form) for w in ANNUAL_WORDS):
        return "ca_nhan" if individual else "tap_the"
    return "chuyen_de"


def report_form(kind: str, on: date) -> tuple[str, str]:
    """(Mẫu số, title) of a báo cáo thành tích form of the decree in force on a date."""
    return _dated(REPORT_FORMS, on)[kind]


def dossier_date(campaign: Campaign, period: Period) -> date:
    """The day a dossier is about: decision date, else meeting date, else the period's end.

    The law, the base salary and the forms in force on that day apply.
    """
    decision = campaign.dossier.decision.number.date
    meeting = period.meeting.date if period.meeting else None
    return decision or meeting or period.end or campaign.time.end


def own_award_ids(campaign: Campaign, period: Period) -> set[str]:
    """Awards the deciding body grants itself: those whose level word is in its name.

    A Bằng khen of the province chairman is proposed upward, not decided (nor paid) by the
    district; when no level matches the issuer, every award is taken as the decision's own.
    """
    issuer = campaign.dossier.decision.issuer or campaign.issuer
    name = issuer.name.lower()
    own = {a.id for a in period.awards if a.level and a.level.lower() in name}
    return own or {a.id for a in period.awards}
