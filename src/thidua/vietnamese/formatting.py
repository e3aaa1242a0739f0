"""Vietnamese formatting of numbers, money, percentages, dates, numbering and file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from thidua.vietnamese.number_words import (
    MAX_WORDS_NUMBER,
    VnFormatError,
    money_in_words,
    number_to_words,
    to_dong,
)

__all__ = [
    "JINJA_FILTERS", "MAX_WORDS_NUMBER", "VnFormatError", "format_date", "format_money",
    "format_number", "format_percent", "format_place_date", "format_short_date", "item_letter",
    "money_in_words", "nfc", "number_to_words", "parse_date", "parse_number", "roman", "slugify",
    "two_digit", "upper_vi", "windows_reserved", "windows_safe_name",
]

Number = int | Decimal | float | str

DATE_BLANK = " " * 5  # room to write the day/month by hand on an unnumbered document
ITEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
SLUG_FALLBACK = "khong-ten"
_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)]
)
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_VN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDY = re.compile(r"^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.IGNORECASE)


def nfc(text: str) -> str:
    """The text in Unicode NFC, the form every document and file uses."""
    return unicodedata.normalize("NFC", text)


def upper_vi(text: str) -> str:
    """Vietnamese uppercase in NFC (đ → Đ, ư → Ư, tone marks kept)."""
    return nfc(nfc(text).upper())


def _to_decimal(value: Number) -> Decimal:
    """A finite Decimal from an int, Decimal, float or numeric string (point as decimal mark)."""
    if isinstance(value, bool):
        raise VnFormatError(f"Giá trị không phải là số: {value!r}.")
    try:
        if isinstance(value, int | Decimal):
            result = Decimal(value)
        elif isinstance(value, float | str):
            result = Decimal(str(value).strip())  # str(float) avoids binary noise: 0.1 → 0.1
        else:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise VnFormatError(f"Giá trị không phải là số: {value!r}.") from None
    if not result.is_finite():
        raise VnFormatError(f"Giá trị không phải là số hữu hạn: {value!r}.")
    return result


def _group_thousands(digits: str) -> str:
    """'1500000' → '1.500.000'."""
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def format_number(value: Number, decimals: int | None = None) -> str:
    """Number with "." thousands and "," decimals; `decimals` rounds half-up to that many."""
    number = _to_decimal(value)
    if decimals is not None:
        if decimals < 0:
            raise VnFormatError(f"Số chữ số thập phân không hợp lệ: {decimals}.")
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif number.as_tuple().exponent > 0:  # type: ignore[operator]  # e.g. Decimal("1E+3")
        number = number.quantize(Decimal(1))
    whole, _, fraction = f"{abs(number):f}".partition(".")
    sign = "-" if number < 0 else ""  # rounding to zero ("-0,00") drops the sign
    return f"{sign}{_group_thousands(whole)}" + (f",{fraction}" if fraction else "")


def parse_number(text: str) -> Decimal:
    """Inverse of format_number: "-1.234,5" → Decimal("-1234.5"); strict about grouping."""
    cleaned = text.strip()
    if not _VN_NUMBER.match(cleaned):
        raise VnFormatError(f"Số không đúng dạng Việt Nam (ví dụ 1.234,5): {text!r}.")
    return Decimal(cleaned.replace(".", "").replace(",", "."))


def format_money(amount: Number) -> str:
    """Whole đồng with "." thousands: 1500000 → "1.500.000" (Decimal rounded half-up)."""
    return format_number(to_dong(amount))


def format_percent(ratio: Number, decimals: int = 2, space: bool = False) -> str:
    """A ratio as a Vietnamese percentage: 0.8125 → "81,25%" ("81,25 %" with space=True)."""
    percent = _to_decimal(ratio) * 100
    return format_number(percent, decimals) + (" %" if space else "%")


def format_date(d: date | None, year: int | None = None, month: int | None = None) -> str:
    """Decree date "ngày 05 tháng 01 năm 2024" (zero for days 1–9, months 1–2); blanks if None,
    with the month stated when known: "ngày     tháng 3 năm 2023"."""
    if d is None:
        year_text = str(year) if year is not None else DATE_BLANK
        month_text = (f" {month:02d} " if month <= 2 else f" {month} ") if month else DATE_BLANK
        return f"ngày{DATE_BLANK}tháng{month_text}năm {year_text}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def format_place_date(place: str, d: date | None, year: int | None = None,
                      month: int | None = None) -> str:
    """Place-and-date line: "Phụng Hiệp, ngày 05 tháng 02 năm 2024" (date only if no place)."""
    place = nfc(place or "").strip()
    when = format_date(d, year, month)
    return f"{place}, {when}" if place else when


def format_short_date(d: date) -> str:
    """Table date "30/11/2023": dd/mm/yyyy, always two-digit day and month."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(text: str | date) -> date:
    """Date from dd/mm/yyyy (or - .), yyyy-mm-dd, or "ngày 30 tháng 11 năm 2023"."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise VnFormatError(f"Ngày không hợp lệ: {text!r}.")
    cleaned = nfc(text).strip()
    if match := _DMY.match(cleaned):
        day, month, year = match.group(1), match.group(3), match.group(4)
    elif match := _ISO.match(cleaned):
        year, month, day = match.groups()
    elif match := _WORDY.match(cleaned):
        day, month, year = match.groups()
    else:
        raise VnFormatError(
            f"Ngày không đúng dạng: '{text}'. Dùng dạng 30/11/2023, 2023-11-30 "
            "hoặc 'ngày 30 tháng 11 năm 2023'."
        )
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise VnFormatError(f"Ngày không có thật: '{text}'.") from None


def roman(n: int) -> str:
    """Roman numeral for section headings: 1 → "I", 4 → "IV", up to 3999."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
        raise VnFormatError(f"Số La Mã chỉ từ 1 đến 3999, nhận được {n!r}.")
    parts: list[str] = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        parts.append(symbol * count)
    return "".join(parts)


def item_letter(i: int) -> str:
    """1-based item letter in Vietnamese legal order: a, b, c, d, đ, e, g … x, y (23, no more)."""
    if isinstance(i, bool) or not isinstance(i, int) or not 1 <= i <= len(ITEM_LETTERS):
        raise VnFormatError(
            f"Điểm chỉ đánh chữ từ a đến y (1–{len(ITEM_LETTERS)}), nhận được {i!r}."
        )
    return ITEM_LETTERS[i - 1]


def two_digit(n: int) -> str:
    """Count with a leading zero below 10, as documents write it: 2 → "02", 10 → "10"."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise VnFormatError(f"Số lượng không hợp lệ: {n!r}.")
    return f"{n:02d}"


def slugify(text: str, max_length: int = 60) -> str:
    """Windows-safe ASCII file-name fragment: "Tờ trình Đợt 1" → "to-trinh-dot-1"."""
    if max_length < len(SLUG_FALLBACK) + 1:
        raise VnFormatError(f"Độ dài tối đa của tên tệp quá nhỏ: {max_length}.")
    stripped = unicodedata.normalize("NFD", nfc(text or "").replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in stripped if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length and "-" in slug[:max_length + 1]:  # cut between words, not inside
        slug = slug[:slug[:max_length + 1].rfind("-")]
    slug = slug[:max_length].rstrip("-") or SLUG_FALLBACK
    return windows_safe_name(slug)


def windows_reserved(name: str) -> bool:
    """Is the name unusable for a file or folder on Windows: CON, nul.txt, com1, 'x.', 'x '?"""
    stem = name.split(".", 1)[0].rstrip(" ").casefold()
    return stem in _RESERVED_NAMES or name.endswith((".", " "))


def windows_safe_name(name: str) -> str:
    """The name made valid on Windows: no trailing dots or spaces, reserved names suffixed
    ("con" → "con-tep", as "con.docx" is as unusable as "con")."""
    name = name.rstrip(". ") or SLUG_FALLBACK
    if windows_reserved(name):
        head, dot, tail = name.partition(".")
        name = f"{head}-tep{dot}{tail}"
    return name


def _none_blank(func: Callable[..., str]) -> Callable[..., str]:
    """Wrap a formatter so that None renders as the empty string."""

    def filter_(value: Any, *args: Any, **kwargs: Any) -> str:
        return "" if value is None else func(value, *args, **kwargs)

    filter_.__name__ = func.__name__
    filter_.__doc__ = func.__doc__
    return filter_


def _integer(value: Number) -> int:
    """An integral value as int; rejects fractions instead of rounding them away."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = _to_decimal(value)
    if number != number.to_integral_value():
        raise VnFormatError(f"Không đọc được thành chữ số không nguyên: {value!r}.")
    return int(number)


def _as_date(value: date | str | None) -> date | None:
    """A template value as a date: dates pass, text is parsed, None/blank stays None."""
    if isinstance(value, str):
        return parse_date(value) if value.strip() else None
    return value


def _date_filter(value: date | str | None, year: int | None = None) -> str:
    """format_date for templates, also accepting date text such as "30/11/2023"."""
    return format_date(_as_date(value), year)


def _short_date_filter(value: date | str | None) -> str:
    """format_short_date for templates; None or blank text gives ""."""
    parsed = _as_date(value)
    return "" if parsed is None else format_short_date(parsed)


def _number_words_filter(value: Number, use_tu: bool = False) -> str:
    """number_to_words for templates, accepting integral Decimal/str values."""
    return number_to_words(_integer(value), use_tu=use_tu)


JINJA_FILTERS: dict[str, Callable[..., str]] = {
    "ngay": _date_filter,  # None → blank form "ngày     tháng     năm 2025" with |ngay(2025)
    "ngay_ngan": _short_date_filter,
    "tien": _none_blank(format_money),
    "tien_chu": _none_blank(money_in_words),
    "so": _none_blank(format_number),
    "so_chu": _none_blank(_number_words_filter),
    "phan_tram": _none_blank(format_percent),
    "la_ma": _none_blank(roman),
    "chu_cai": _none_blank(item_letter),
    "hai_so": _none_blank(two_digit),
    "hoa": _none_blank(upper_vi),
}
