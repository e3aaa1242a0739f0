"""Vietnamese number-to-words ("đọc số") for amounts in documents, by accountants' rules."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from thidua.errors import ThiduaError

__all__ = ["MAX_WORDS_NUMBER", "VnFormatError", "money_in_words", "number_to_words", "to_dong"]

MAX_WORDS_NUMBER = 10**15
_BILLION = 10**9
_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Scales below one billion; above it the reading recurses: "<words> tỷ" (nghìn tỷ, triệu tỷ).
_SCALES = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))


class VnFormatError(ThiduaError, ValueError):
    """A value cannot be formatted or parsed the Vietnamese way (also a ValueError)."""


def _units_word(units: int, tens: int, use_tu: bool) -> str:
    """The word for the units digit after a tens digit ≥ 1 (mốt, tư, lăm rules)."""
    if units == 5:
        return "lăm"
    if tens >= 2 and units == 1:
        return "mốt"
    if tens >= 2 and units == 4 and use_tu:
        return "tư"
    return _DIGITS[units]


def _group_words(group: int, full: bool, use_tu: bool) -> list[str]:
    """Words for 1..999; `full` reads an empty hundreds digit as "không trăm"."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    has_hundreds = full or hundreds > 0
    if has_hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if has_hundreds else []) + [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append(_units_word(units, tens, use_tu))
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append(_units_word(units, tens, use_tu))
    return words


def _words(n: int, leading: bool, use_tu: bool) -> list[str]:
    """Words for 1 ≤ n; `leading` is False when a higher, non-zero part precedes n."""
    if n >= _BILLION:
        high, low = divmod(n, _BILLION)
        words = _words(high, leading, use_tu) + ["tỷ"]
        return words + _words(low, False, use_tu) if low else words
    words = []
    for scale, name in _SCALES:
        group, n = divmod(n, scale)
        if group == 0:
            continue  # an all-zero group is skipped: 1.000.500 → một triệu năm trăm
        words += _group_words(group, full=not leading, use_tu=use_tu)
        if name:
            words.append(name)
        leading = False
    return words


def number_to_words(n: int, use_tu: bool = False) -> str:
    """Lowercase Vietnamese words for an integer with |n| ≤ 10**15 (negatives start "âm")."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise VnFormatError(f"Không đọc được thành chữ: {n!r} không phải số nguyên.")
    if abs(n) > MAX_WORDS_NUMBER:
        raise VnFormatError(f"Số {n} vượt quá giới hạn đọc thành chữ (tối đa 10^15).")
    if n == 0:
        return "không"
    words = _words(abs(n), leading=True, use_tu=use_tu)
    return " ".join((["âm"] if n < 0 else []) + words)


def to_dong(amount: int | Decimal | float | str) -> int:
    """An amount as whole đồng: Decimal, float and numeric strings rounded half-up."""
    if isinstance(amount, bool):
        raise VnFormatError(f"Số tiền không hợp lệ: {amount!r}.")
    if isinstance(amount, int):
        return amount
    try:
        value = Decimal(str(amount).strip()) if isinstance(amount, float | str) else amount
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidOperation
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        raise VnFormatError(f"Số tiền không hợp lệ: {amount!r}.") from None


def money_in_words(amount: int | Decimal | float | str, use_tu: bool = False) -> str:
    """Amount in words with a capital first letter and " đồng": "Một triệu năm trăm nghìn đồng"."""
    words = number_to_words(to_dong(amount), use_tu=use_tu)
    return f"{words[0].upper()}{words[1:]} đồng"
