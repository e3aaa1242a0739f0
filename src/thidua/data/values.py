"""Parse one reported figure (count, number, percent, yes/no, points, date) from a cell."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from thidua.data.tables import clean_text
from thidua.vietnamese.formatting import VnFormatError, parse_date

Value = Decimal | bool | date | None

_VN_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_DECIMAL = re.compile(r"^-?\d+(,\d+)?$")
_POINT_DECIMAL = re.compile(r"^-?\d*\.\d+$")
_YES = {"có", "co", "x", "1", "đạt", "yes", "true", "c"}
_NO = {"", "không", "khong", "0", "no", "false", "k", "không có"}
DATA_YEARS = range(1900, 2100)  # a reported date outside is a typing mistake (0001, 9999)
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 date system, exact from 01/03/1900 on
_SERIAL_RANGE = range((date(1990, 1, 1) - _EXCEL_EPOCH).days,
                      (date(2100, 1, 1) - _EXCEL_EPOCH).days)


# Realistic magnitudes: a commune's count (dossiers, households, people) stays far below a
# billion, and any figure must be writable in words; larger ones are typing or export mistakes
# (and a 28-digit count would round its ratio across a floor).
MAX_COUNT = 10**9
MAX_NUMBER = 10**15


class CellError(ValueError):
    """A cell that cannot be read as its metric's type; the message is user-facing."""


def parse_vn_decimal(value: Any) -> Decimal:
    """'1.730' → 1730, '98,5' → 98.5, '98.5' → 98.5; Excel numbers as they are; bounded."""
    number = _unbounded_decimal(value)
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        shown = f"{value:G}" if isinstance(value, float) else clean_text(value)
        raise CellError(f"số '{shown}' quá lớn (tối đa {MAX_NUMBER:,}); kiểm tra lại "
                        "ô này".replace(",", "."))
    return number


def _unbounded_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"'{value}' không phải là số")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = clean_text(value).replace(" ", "")
    if _VN_GROUPED.match(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _COMMA_DECIMAL.match(text):
        return Decimal(text.replace(",", "."))
    if _POINT_DECIMAL.match(text):
        return Decimal(text)
    raise CellError(f"'{clean_text(value)}' không phải là số (viết 1.730 hoặc 98,5)")


def _non_negative(number: Decimal, raw: Any) -> Decimal:
    if number < 0:
        raise CellError(f"số liệu không được âm ({clean_text(raw)})")
    return number


def parse_count(raw: Any) -> Decimal:
    number = _non_negative(parse_vn_decimal(raw), raw)
    if number != number.to_integral_value():
        raise CellError(f"số lượng phải là số nguyên ({clean_text(raw)})")
    if number > MAX_COUNT:
        raise CellError(f"số lượng {clean_text(raw)} quá lớn (tối đa {MAX_COUNT:,}); kiểm tra "
                        "lại ô này".replace(",", "."))
    return number.quantize(Decimal(1))


def parse_percent_value(raw: Any) -> Decimal:
    """A percentage as a ratio: '98,5' or '98,5%' → 0.985 (values 0–100)."""
    text = raw
    if isinstance(raw, str):
        text = clean_text(raw).rstrip("%").strip()
    number = _non_negative(parse_vn_decimal(text), raw)
    if number > 100:
        raise CellError(f"tỷ lệ phần trăm phải từ 0 đến 100 ({clean_text(raw)})")
    return number / 100


def parse_yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    text = clean_text(raw).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(f"'{clean_text(raw)}' không phải có/không (ghi 'có' hoặc 'không')")


def parse_date_value(raw: Any) -> date:
    """A date cell; a bare number (e.g. 44310, a date cell shown as General) is Excel's serial."""
    return check_year(_any_date(raw))


def check_year(when: date) -> date:
    """The date, if its year is plausible for reported data."""
    if when.year not in DATA_YEARS:
        raise CellError(f"ngày {when.day:02d}/{when.month:02d}/{when.year:04d} có năm "
                        f"{when.year} không hợp lý (từ {DATA_YEARS[0]} đến {DATA_YEARS[-1]}); "
                        "kiểm tra lại năm")
    return when


def _any_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return excel_serial_date(raw)
    text = clean_text(raw)
    if text.isdigit():
        return excel_serial_date(int(text))
    try:
        return parse_date(text)
    except VnFormatError:
        raise CellError(f"ngày '{text}' không đúng dạng dd/mm/yyyy (ví dụ 30/11/2023)") from None


def excel_serial_date(number: int | float | Decimal) -> date:
    """Excel's day number as a date; only 1990–2099, so a stray number is not read as a date."""
    whole = int(number) if math.isfinite(number) else -1
    if whole not in _SERIAL_RANGE:
        raise CellError(f"ô chứa số {clean_text(number)}, không phải ngày: ghi ngày dạng "
                        "dd/mm/yyyy (ví dụ 30/11/2023), hoặc định dạng ô là Ngày trong Excel")
    return _EXCEL_EPOCH + timedelta(days=whole)


def parse_value(metric_type: str, raw: Any) -> Value:
    """The typed value of a cell; None for a blank cell (yes/no: blank = không)."""
    if metric_type == "yes_no":
        return parse_yes_no(raw)
    if clean_text(raw) == "":
        return None
    if metric_type == "count":
        return parse_count(raw)
    if metric_type == "percent":
        return parse_percent_value(raw)
    if metric_type == "date":
        return parse_date_value(raw)
    try:
        return _non_negative(parse_vn_decimal(raw), raw)
    except InvalidOperation:  # pragma: no cover - regexes admit only valid decimals
        raise CellError(f"'{clean_text(raw)}' không phải là số") from None
