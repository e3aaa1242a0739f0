"""Typed scalar values of the campaign format: money, percentages, points, dates, free text."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

_DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"),
    re.compile(r"^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$", re.IGNORECASE),
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class Base(BaseModel):
    """Every section of the format: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              populate_by_name=True)


def parse_vn_date(value: Any) -> Any:
    """Accept a YAML date, 'dd/mm/yyyy', 'yyyy-mm-dd' or 'ngày d tháng m năm y'."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _ISO_DATE.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _make_date(year, month, day, text)
        for pattern in _DATE_PATTERNS:
            match = pattern.match(text)
            if match:
                day, month, year = (int(g) for g in match.groups())
                return _make_date(year, month, day, text)
        raise ValueError(f"ngày '{text}' không đúng dạng; hãy viết dd/mm/yyyy, ví dụ 30/11/2023")
    raise ValueError("cần một ngày, ví dụ 30/11/2023")


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày '{text}' không tồn tại trong lịch") from None


def parse_decimal(value: Any) -> Any:
    """Accept 10, 2.5, '2,5', '1.500' (thousands) as exact decimals; reject booleans."""
    if isinstance(value, bool):
        raise ValueError("cần một số, không phải có/không")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if text.endswith("%"):
            return parse_decimal(text[:-1]) / 100
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        text = text.replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{value}' không phải là số") from None
    raise ValueError("cần một số")


def parse_percent(value: Any) -> Any:
    """'90%' or '90 %' → 0.9; a bare number ≤ 1 is a ratio, a bare number > 1 a percent."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_decimal(value.strip()[:-1]) / 100
    number = parse_decimal(value)
    return number / 100 if number > 1 else number


def parse_money(value: Any) -> Any:
    """Money in whole đồng: 6000000, '6.000.000', '6.000.000 đồng', '6.000.000đ'."""
    if isinstance(value, str):
        text = re.sub(r"\s*(đồng|đ|VNĐ|VND)\s*$", "", value.strip(), flags=re.IGNORECASE)
        if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*|-?\d+", text):
            raise ValueError(f"'{value}' không phải số tiền (viết 6000000 hoặc 6.000.000)")
        return int(text.replace(".", ""))
    if isinstance(value, float):
        raise ValueError(f"số tiền {value} có phần thập phân; viết số nguyên đồng không dấu chấm "
                         "(500000) hoặc đặt trong ngoặc kép (\"500.000\")")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("số tiền phải là số nguyên đồng, ví dụ 6000000")
    return value


def _non_negative(value: Any) -> Any:
    if value < 0:
        raise ValueError("không được là số âm")
    return value


def parse_text(value: Any) -> Any:
    """Free text: a string (paragraphs separated by blank lines) or a list of paragraphs."""
    if value is None:
        return ()
    if isinstance(value, str):
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip())]
        return tuple(p for p in paragraphs if p)
    if isinstance(value, (list, tuple)):
        out = []
        for number, item in enumerate(value, 1):
            if isinstance(item, dict) and len(item) == 1 and None in item.values():
                raise ValueError(f"đoạn thứ {number} ('{next(iter(item))}:') kết thúc bằng dấu "
                                 "':' nên bị hiểu thành tên khóa; hãy đặt cả đoạn trong ngoặc kép")
            if not isinstance(item, str):
                raise ValueError(f"đoạn thứ {number} phải là một chuỗi ký tự (đặt trong ngoặc "
                                 "kép nếu có dấu ':' hoặc '#')")
            out.append(" ".join(item.split()))
        return tuple(p for p in out if p)
    raise ValueError("cần một đoạn văn bản hoặc danh sách các đoạn")


_NUMBER_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string"}]}
VNDate = Annotated[date, BeforeValidator(parse_vn_date),
                   WithJsonSchema({"anyOf": [{"type": "string", "examples": ["30/11/2023"]},
                                             {"type": "string", "format": "date"}]})]
Number = Annotated[Decimal, BeforeValidator(parse_decimal), WithJsonSchema(_NUMBER_SCHEMA)]
Points = Annotated[Decimal, BeforeValidator(parse_decimal), WithJsonSchema(_NUMBER_SCHEMA)]
Percent = Annotated[Decimal, BeforeValidator(parse_percent),
                    WithJsonSchema({"anyOf": [{"type": "number"},
                                              {"type": "string", "pattern": r"^\s*[0-9.,]+\s*%$"}],
                                    "examples": ["90%", 0.9]})]
Money = Annotated[int, BeforeValidator(parse_money), AfterValidator(_non_negative),
                  WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}],
                                  "examples": [6000000, "6.000.000"]})]
Count = Annotated[int, Field(ge=0)]
Text = Annotated[tuple[str, ...], BeforeValidator(parse_text),
                 WithJsonSchema({"anyOf": [{"type": "string"},
                                           {"type": "array", "items": {"type": "string"}}]})]
Ident = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
