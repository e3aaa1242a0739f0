"""Tests for Vietnamese formatting: number words, money, numbers, dates, numbering, slugs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from thidua.errors import ThiduaError
from thidua.vietnamese.formatting import (
    JINJA_FILTERS,
    VnFormatError,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_place_date,
    format_short_date,
    item_letter,
    money_in_words,
    nfc,
    number_to_words,
    parse_date,
    parse_number,
    roman,
    slugify,
    two_digit,
    upper_vi,
)

WORDS_CASES = [
    (0, "không"), (1, "một"), (5, "năm"), (9, "chín"), (10, "mười"), (11, "mười một"),
    (14, "mười bốn"), (15, "mười lăm"), (19, "mười chín"), (20, "hai mươi"),
    (21, "hai mươi mốt"), (24, "hai mươi bốn"), (25, "hai mươi lăm"), (31, "ba mươi mốt"),
    (45, "bốn mươi lăm"), (55, "năm mươi lăm"), (99, "chín mươi chín"), (100, "một trăm"),
    (101, "một trăm linh một"), (105, "một trăm linh năm"), (110, "một trăm mười"),
    (111, "một trăm mười một"), (115, "một trăm mười lăm"), (121, "một trăm hai mươi mốt"),
    (999, "chín trăm chín mươi chín"), (1_000, "một nghìn"),
    (1_001, "một nghìn không trăm linh một"), (1_010, "một nghìn không trăm mười"),
    (1_015, "một nghìn không trăm mười lăm"), (1_100, "một nghìn một trăm"),
    (2_021, "hai nghìn không trăm hai mươi mốt"), (2_024, "hai nghìn không trăm hai mươi bốn"),
    (10_000, "mười nghìn"), (15_000, "mười lăm nghìn"), (21_000, "hai mươi mốt nghìn"),
    (100_000, "một trăm nghìn"), (100_005, "một trăm nghìn không trăm linh năm"),
    (105_000, "một trăm linh năm nghìn"), (1_000_000, "một triệu"),
    (1_000_001, "một triệu không trăm linh một"),
    # Decision: an all-zero group is skipped (no "không nghìn"), as accountants write it.
    (1_000_500, "một triệu năm trăm"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (1_500_000, "một triệu năm trăm nghìn"),
    (12_345_678, "mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám"),
    (1_000_000_000, "một tỷ"), (1_000_000_005, "một tỷ không trăm linh năm"),
    (1_005_000_000, "một tỷ không trăm linh năm triệu"),
    (1_234_567_891, "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn "
                    "tám trăm chín mươi mốt"),
    (21_000_000_000, "hai mươi mốt tỷ"), (1_000_000_000_000, "một nghìn tỷ"),
    # Above tỷ the count of tỷ is read as a number: "nghìn tỷ", "triệu tỷ".
    (1_005_000_000_000, "một nghìn không trăm linh năm tỷ"),
    (2_500_000_000_000, "hai nghìn năm trăm tỷ"), (10**15, "một triệu tỷ"),
    (999_999_999_999_999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ "
                          "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
                          "chín trăm chín mươi chín"),
    (-5, "âm năm"), (-2_021, "âm hai nghìn không trăm hai mươi mốt"),
]


@pytest.mark.parametrize(("n", "words"), WORDS_CASES)
def test_number_to_words_examples(n: int, words: str) -> None:
    assert number_to_words(n) == words


@pytest.mark.parametrize(("n", "words"), [
    (24, "hai mươi tư"), (34_000, "ba mươi tư nghìn"), (14, "mười bốn"), (4, "bốn"),
    (104, "một trăm linh bốn"), (1_234, "một nghìn hai trăm ba mươi tư"),
])
def test_number_to_words_tu_only_after_tens_of_twenty_or_more(n: int, words: str) -> None:
    assert number_to_words(n, use_tu=True) == words


@pytest.mark.parametrize("bad", [10**15 + 1, -(10**15) - 1, 1.5, True, "12", None])
def test_number_to_words_rejects_out_of_range_and_non_integers(bad: object) -> None:
    with pytest.raises(ValueError):
        number_to_words(bad)  # type: ignore[arg-type]
    with pytest.raises(ThiduaError):
        number_to_words(bad)  # type: ignore[arg-type]


_DIGIT_VALUES = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
                 "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_SCALE_VALUES = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3}
_VOCABULARY = set(_DIGIT_VALUES) | set(_SCALE_VALUES) | {"mười", "mươi", "trăm", "linh", "âm"}


def _group_value(tokens: list[str]) -> int:
    """Reads 'X trăm [linh] Y mươi Z' / 'mười Z' back to 0..999."""
    value, i = 0, 0
    if len(tokens) > 1 and tokens[1] == "trăm":
        value, i = 100 * _DIGIT_VALUES[tokens[0]], 2
    rest = tokens[i:]
    if rest[:1] == ["linh"]:
        return value + _DIGIT_VALUES[rest[1]]
    if rest[:1] == ["mười"]:
        return value + 10 + (_DIGIT_VALUES[rest[1]] if len(rest) > 1 else 0)
    if len(rest) > 1 and rest[1] == "mươi":
        return value + 10 * _DIGIT_VALUES[rest[0]] + (_DIGIT_VALUES[rest[2]] if len(rest) > 2 else 0)
    return value + (_DIGIT_VALUES[rest[0]] if rest else 0)


def _words_value(tokens: list[str]) -> int:
    """Independent reader of Vietnamese number words, splitting at the last scale word."""
    if tokens[:1] == ["âm"]:
        return -_words_value(tokens[1:])
    for scale, size in _SCALE_VALUES.items():
        if scale in tokens:
            cut = len(tokens) - 1 - tokens[::-1].index(scale)
            return _words_value(tokens[:cut]) * size + (
                _words_value(tokens[cut + 1:]) if tokens[cut + 1:] else 0)
    return _group_value(tokens)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.booleans())
def test_number_to_words_properties(n: int, use_tu: bool) -> None:
    words = number_to_words(n, use_tu=use_tu)
    tokens = words.split(" ")
    assert words and words == words.strip() and "  " not in words and words == words.lower()
    assert "ngàn" not in words and "lẻ" not in tokens
    assert set(tokens) <= _VOCABULARY
    assert _words_value(tokens) == n
    for before, after in zip(tokens, tokens[1:]):
        if after == "mốt":
            assert before == "mươi"  # mốt only after tens ≥ 2
        if after == "lăm":
            assert before in ("mười", "mươi")
        if before in ("mười", "mươi"):
            assert after != "năm"  # 5 after a tens digit is always lăm
        if after == "linh":
            assert before == "trăm"


@given(st.integers(min_value=1, max_value=999_999_999_999), st.integers(min_value=1, max_value=99))
def test_non_leading_group_always_reads_its_hundreds(high: int, low: int) -> None:
    words = number_to_words(high * 1000 + low)
    assert words.startswith(number_to_words(high * 1000) + " không trăm ")


@pytest.mark.parametrize(("amount", "text"), [
    (0, "Không đồng"), (15, "Mười lăm đồng"), (1_500_000, "Một triệu năm trăm nghìn đồng"),
    (2_021_000, "Hai triệu không trăm hai mươi mốt nghìn đồng"),
    (Decimal("1500000.5"), "Một triệu năm trăm nghìn không trăm linh một đồng"),
    ("250000", "Hai trăm năm mươi nghìn đồng"), (-5_000, "Âm năm nghìn đồng"),
])
def test_money_in_words(amount: object, text: str) -> None:
    assert money_in_words(amount) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (1_500_000, None, "1.500.000"), (0, None, "0"), (999, None, "999"), (1_000, None, "1.000"),
    (Decimal("81.25"), None, "81,25"), (Decimal("48.7"), 2, "48,70"), (-1234.5, None, "-1.234,5"),
    ("1234567.891", None, "1.234.567,891"), (0.1, None, "0,1"), (2.675, 2, "2,68"),
    (Decimal("-0.001"), 2, "0,00"), (Decimal("1E+3"), None, "1.000"), (1234, 1, "1.234,0"),
    (Decimal("0.5"), 0, "1"), (Decimal("-0.5"), 0, "-1"), (Decimal("-1234567"), None, "-1.234.567"),
])
def test_format_number(value: object, decimals: int | None, text: str) -> None:
    assert format_number(value, decimals) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["abc", "1.500.000", float("nan"), float("inf"), None, True, [1]])
def test_format_number_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(VnFormatError):
        format_number(bad)  # type: ignore[arg-type]


def test_format_number_rejects_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_number(1, -1)


@given(st.decimals(min_value=-10**12, max_value=10**12, places=4, allow_nan=False))
def test_format_number_round_trips_through_parse_number(value: Decimal) -> None:
    text = format_number(value)
    assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?", text)
    assert parse_number(text) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_money_round_trips_for_integers(amount: int) -> None:
    assert parse_number(format_money(amount)) == amount


@pytest.mark.parametrize("bad", ["1,500.000", "1.50.000", "12,", "", "1 000"])
def test_parse_number_is_strict(bad: str) -> None:
    with pytest.raises(VnFormatError):
        parse_number(bad)


@pytest.mark.parametrize(("amount", "text"), [
    (1_500_000, "1.500.000"), (Decimal("1500000.5"), "1.500.001"),
    (Decimal("1500000.49"), "1.500.000"), (0, "0"), ("2000000", "2.000.000"),
    (-250_000, "-250.000"), (Decimal("2.5"), "3"), (Decimal("-2.5"), "-3"), (12.5, "13"),
])
def test_format_money_rounds_half_up_to_whole_dong(amount: object, text: str) -> None:
    assert format_money(amount) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("ratio", "kwargs", "text"), [
    (0.8125, {}, "81,25%"), (0.812, {}, "81,20%"), (1, {}, "100,00%"),
    (Decimal("0.5"), {"decimals": 0}, "50%"), (0.8125, {"space": True}, "81,25 %"),
    (0.000049, {}, "0,00%"), (Decimal("0.123456"), {"decimals": 1}, "12,3%"),
])
def test_format_percent_takes_a_ratio(ratio: object, kwargs: dict, text: str) -> None:
    assert format_percent(ratio, **kwargs) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("d", "text"), [
    (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"), (date(2024, 6, 29), "ngày 29 tháng 6 năm 2024"),
    (date(2024, 2, 15), "ngày 15 tháng 02 năm 2024"), (date(2024, 12, 10), "ngày 10 tháng 12 năm 2024"),
    (date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"), (date(2019, 11, 9), "ngày 09 tháng 11 năm 2019"),
    (datetime(2024, 2, 5, 14, 30), "ngày 05 tháng 02 năm 2024"),
])
def test_format_date_follows_the_decree(d: date, text: str) -> None:
    assert format_date(d) == text


def test_format_date_blank_form_for_unnumbered_documents() -> None:
    assert format_date(None, 2025) == "ngày     tháng     năm 2025"
    assert format_date(None) == "ngày     tháng     năm      "
    assert format_date(date(2024, 1, 5), 2025) == "ngày 05 tháng 01 năm 2024"  # year only fills blanks


DECREE_DATE = re.compile(r"ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_always_match_the_decree_rule_and_round_trip(d: date) -> None:
    assert DECREE_DATE.fullmatch(format_date(d))
    assert parse_date(format_date(d)) == d
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", format_short_date(d))
    assert parse_date(format_short_date(d)) == d


def test_format_place_date() -> None:
    assert format_place_date("Phụng Hiệp", date(2024, 2, 5)) == "Phụng Hiệp, ngày 05 tháng 02 năm 2024"
    assert format_place_date("Phụng Hiệp", None, 2025) == "Phụng Hiệp, ngày     tháng     năm 2025"
    assert format_place_date("  ", date(2024, 6, 29)) == "ngày 29 tháng 6 năm 2024"


def test_format_short_date() -> None:
    assert format_short_date(date(2023, 11, 30)) == "30/11/2023"
    assert format_short_date(date(2024, 1, 5)) == "05/01/2024"


@pytest.mark.parametrize("text", [
    "30/11/2023", "30-11-2023", "2023-11-30", "30.11.2023", "ngày 30 tháng 11 năm 2023",
    "Ngày 30  tháng 11 năm 2023", " 30/11/2023 ", unicodedata.normalize("NFD", "ngày 30 tháng 11 năm 2023"),
])
def test_parse_date_accepted_forms(text: str) -> None:
    assert parse_date(text) == date(2023, 11, 30)


def test_parse_date_single_digits_and_date_objects() -> None:
    assert parse_date("5/1/2024") == date(2024, 1, 5)
    assert parse_date(date(2024, 1, 5)) == date(2024, 1, 5)
    assert parse_date(datetime(2024, 1, 5, 8, 0)) == date(2024, 1, 5)


@pytest.mark.parametrize("bad", ["31/02/2024", "2023/11/30", "30/11/23", "", "abc", "30/11-2023",
                                 "ngày 30 tháng 13 năm 2023", "11/30/2023"])
def test_parse_date_rejects_with_vietnamese_message(bad: str) -> None:
    with pytest.raises(ValueError, match="Ngày"):
        parse_date(bad)


@pytest.mark.parametrize(("n", "text"), [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"),
    (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (2024, "MMXXIV"), (3999, "MMMCMXCIX"),
])
def test_roman(n: int, text: str) -> None:
    assert roman(n) == text


def test_roman_is_valid_and_distinct_for_whole_range() -> None:
    valid = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
    numerals = [roman(n) for n in range(1, 4000)]
    assert len(set(numerals)) == 3999 and all(valid.fullmatch(r) for r in numerals)


@pytest.mark.parametrize("bad", [0, 4000, -1, True])
def test_roman_rejects_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        roman(bad)


def test_item_letters_follow_vietnamese_legal_order() -> None:
    letters = [item_letter(i) for i in range(1, 24)]
    assert letters == "a b c d đ e g h i k l m n o p q r s t u v x y".split()
    assert item_letter(5) == "đ" and item_letter(7) == "g"


@pytest.mark.parametrize("bad", [0, 24, -1])
def test_item_letter_stops_after_y(bad: int) -> None:
    # Decision: no "aa)" — Vietnamese legal documents do not go past y), so we refuse.
    with pytest.raises(ValueError, match="từ a đến y"):
        item_letter(bad)


@pytest.mark.parametrize(("n", "text"), [(0, "00"), (2, "02"), (9, "09"), (10, "10"), (123, "123")])
def test_two_digit(n: int, text: str) -> None:
    assert two_digit(n) == text


def test_two_digit_rejects_negative() -> None:
    with pytest.raises(ValueError):
        two_digit(-1)


@pytest.mark.parametrize(("text", "slug"), [
    ("Tờ trình đề nghị khen thưởng", "to-trinh-de-nghi-khen-thuong"),
    ("ĐỢT 1/2024: Báo cáo", "dot-1-2024-bao-cao"), ("Nguyễn Thị Ánh", "nguyen-thi-anh"),
    ("Ưu Ơ Ă Â Ê Ô", "uu-o-a-a-e-o"), ("  --  ", "khong-ten"), ("", "khong-ten"), ("漢字", "khong-ten"),
    ("CON", "con-tep"), ("com1", "com1-tep"), ("Lpt9", "lpt9-tep"), ("console", "console"),
    (unicodedata.normalize("NFD", "Đội Tiên phong"), "doi-tien-phong"),
])
def test_slugify_examples(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_truncates_without_trailing_dash() -> None:
    slug = slugify("Quyết định khen thưởng " * 10, max_length=20)
    assert len(slug) <= 20 and not slug.endswith("-") and slug.startswith("quyet-dinh-khen")
    with pytest.raises(ValueError):
        slugify("abc", max_length=5)


RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}


@given(st.text(), st.integers(min_value=10, max_value=80))
def test_slugify_is_always_windows_safe(text: str, max_length: int) -> None:
    slug = slugify(text, max_length)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert slug not in RESERVED and len(slug) <= max_length


def test_upper_vi_and_nfc() -> None:
    assert upper_vi("đồng") == "ĐỒNG"
    assert upper_vi("ủy ban nhân dân tỉnh hậu giang") == "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG"
    decomposed = unicodedata.normalize("NFD", "được")
    assert nfc(decomposed) == "được" and upper_vi(decomposed) == "ĐƯỢC"
    assert unicodedata.is_normalized("NFC", upper_vi(decomposed))


def _render(source: str, **context: object) -> str:
    env = SandboxedEnvironment(undefined=StrictUndefined)
    env.filters.update(JINJA_FILTERS)
    return env.from_string(source).render(**context)


def test_jinja_filters_render_in_sandbox() -> None:
    assert set(JINJA_FILTERS) == {"ngay", "ngay_ngan", "tien", "tien_chu", "so", "so_chu",
                                  "phan_tram", "la_ma", "chu_cai", "hai_so", "hoa"}
    text = _render(
        "{{ d|ngay }}|{{ d|ngay_ngan }}|{{ m|tien }}|{{ m|tien_chu }}|{{ x|so(2) }}|{{ 2021|so_chu }}"
        "|{{ r|phan_tram }}|{{ 4|la_ma }}|{{ 5|chu_cai }}|{{ 2|hai_so }}|{{ 'đội'|hoa }}",
        d=date(2024, 2, 5), m=Decimal("1500000"), x=Decimal("48.7"), r=Decimal("0.8125"),
    )
    assert text == ("ngày 05 tháng 02 năm 2024|05/02/2024|1.500.000|Một triệu năm trăm nghìn đồng"
                    "|48,70|hai nghìn không trăm hai mươi mốt|81,25%|IV|đ|02|ĐỘI")


def test_jinja_filters_handle_none_and_text_dates() -> None:
    names = ["ngay_ngan", "tien", "tien_chu", "so", "so_chu", "phan_tram", "la_ma", "chu_cai",
             "hai_so", "hoa"]
    for name in names:
        assert JINJA_FILTERS[name](None) == "", name
    assert _render("{{ none|ngay(2025) }}") == "ngày     tháng     năm 2025"
    assert _render("{{ '30/11/2023'|ngay }}") == "ngày 30 tháng 11 năm 2023"
    assert _render("{{ ''|ngay_ngan }}") == ""
    assert JINJA_FILTERS["so_chu"](Decimal("105")) == "một trăm linh năm"
    with pytest.raises(ValueError):
        JINJA_FILTERS["so_chu"](Decimal("1.5"))
