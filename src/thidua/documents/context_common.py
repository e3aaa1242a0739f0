"""Context pieces every document shares: values, issuer header, number line, signer, recipients."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from thidua.campaign.model import (
    Campaign,
    DocumentNumber,
    Issuer,
    RecipientGroup,
    Recipients,
    Signer,
)
from thidua.vietnamese.formatting import (
    format_date,
    format_money,
    format_number,
    format_place_date,
    format_short_date,
    money_in_words,
    nfc,
    upper_vi,
)

BLANK = "……"  # a clearly marked place to fill in by hand
FILL_BLANK = "………………………"  # a missing fact, highlighted so the office sees it at once
NUMBER_BLANK = " " * 5  # with the space after "Số:": "Số:      /TTr-PNV" (unnumbered)
_MARKER = re.compile(r"^(?:[-+*•]\s|[a-zđ]\)\s|[0-9]+(?:\.[0-9]+)*[.)]\s|[IVXLC]+\.\s)")
_ADMIN_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "huyện", "tỉnh", "quận", "xã",
                "phường")
_ITEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_POINTS_WORD = re.compile(r"^điểm(?:\s+|$)", re.IGNORECASE)
_YEAR = re.compile(r"năm \d{4}", re.IGNORECASE)
# The time at the end of a name: "năm 2024", or a span such as "6 tháng cuối năm 2025".
_TRAILING_YEAR = re.compile(r"[\s,]+((?:(?:\d+|sáu) tháng (?:đầu|cuối) |quý [IVX]+ |tháng \d{1,2} "
                            r"|đợt \d+ )?(?:năm|Năm) \d{4})$", re.IGNORECASE)
_REVIEW_WORDS = re.compile(r"^(?:(?:sơ|tổng) kết|khen thưởng)\s+(?:(?:phong trào\s+)?thi đua\s+)?",
                           re.IGNORECASE)
_SPAN_WORDS = re.compile(r"^(?:năm|tháng|quý|đợt|\d+ tháng|sáu tháng|giai đoạn)\b", re.IGNORECASE)


def num(value: Decimal | int | None) -> str | int | None:
    """A raw number for the context: int when whole, else the decimal as text ("48.72")."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else format(value.normalize(), "f")


def points(value: Decimal | int | None) -> str:
    """Points as printed: "48,72", "100", "-5"."""
    return "" if value is None else format_number(value)


def iso(d: date | None) -> str:
    """A raw date for the context: "2023-11-30", or "" when unknown."""
    return d.isoformat() if d else ""


def short_date(d: date | None) -> str:
    return format_short_date(d) if d else BLANK


def two(n: int) -> str:
    """Counts as documents write them: 1 → "01", 12 → "12", but 0 → "0" (never "00")."""
    return "0" if n == 0 else f"{n:02d}"


def money(amount: int) -> dict[str, Any]:
    """Money in the three forms a template needs."""
    return {"so": format_money(amount), "chu": money_in_words(amount), "goc": amount}


def has_markers(items: tuple[str, ...] | list[str]) -> bool:
    """True when any paragraph already starts with its own marker ("a) ", "- ", "1. ")."""
    return any(_MARKER.match(item) for item in items)


def lettered(items: tuple[str, ...] | list[str]) -> list[str]:
    """Paragraphs lettered a), b), … unless the text already carries markers."""
    if has_markers(items) or len(items) < 2:
        return list(items)
    return [f"{_ITEM_LETTERS[i % len(_ITEM_LETTERS)]}) {text}" for i, text in enumerate(items)]


def letter(i: int) -> str:
    return _ITEM_LETTERS[i % len(_ITEM_LETTERS)]


def points_phrase(label: str) -> str:
    """The bonus-points label as written after the word "điểm" ("cộng 3 điểm <this>"): a
    label that starts with "điểm" ("điểm thi đua phát triển kinh tế - xã hội") loses it, one
    that does not ("vào kết quả thi đua năm 2026") is kept, so the word is never doubled."""
    return _POINTS_WORD.sub("", nfc(label).strip())


def bonus_text(amount: str, label: str) -> str:
    """'3 điểm vào kết quả thi đua năm 2026' (amount "" gives 'điểm vào …')."""
    return " ".join(part for part in (amount, "điểm", points_phrase(label)) if part)


def header_lines(issuer: Issuer) -> list[str]:
    """The issuing body's header lines in capitals: declared, or split before the place."""
    if issuer.header:
        return [upper_vi(line) for line in issuer.header]
    name = nfc(issuer.name)
    lowered = name.lower()
    for word in _ADMIN_WORDS:
        at = lowered.find(f" {word} ")
        if at > 0:
            return [upper_vi(name[:at]), upper_vi(name[at + 1:])]
    return [upper_vi(name)]


def parent_line(issuer: Issuer) -> str:
    """The issuer as a parent body line: "UBND HUYỆN PHỤNG HIỆP"."""
    lines = header_lines(issuer)
    if lines and lines[0] == "ỦY BAN NHÂN DÂN":
        lines = ["UBND", *lines[1:]]
    return " ".join(lines)


def issuer_block(issuer: Issuer) -> dict[str, Any]:
    lines = header_lines(issuer)
    return {
        "co_quan_chu_quan": [upper_vi(issuer.parent)] if issuer.parent else [],
        "co_quan": "\n".join(lines),
        "co_quan_dong": lines,
        "ten_co_quan": issuer.name,
        "ten_ngan": issuer.short_name or issuer.name,
        "ky_hieu_co_quan": issuer.symbol,
        "dia_danh": issuer.place,
    }


def number_block(number: DocumentNumber, default_symbol: str, fallback_year: int,
                 place: str) -> dict[str, Any]:
    """Số/ký hiệu and địa danh-ngày lines, with decree blanks while unnumbered/unsigned."""
    symbol = number.symbol or default_symbol
    raw = number.number
    if isinstance(raw, int):
        so = two(raw)
    else:
        so = (raw or "").strip()
        so = two(int(so)) if so.isdigit() else so
    year = number.date.year if number.date else (number.year or fallback_year)
    short = f"{so}/{symbol}" if so else f"{NUMBER_BLANK}/{symbol}"
    return {
        "so": so,
        "ky_hieu": symbol,
        "so_ky_hieu": f"Số: {short}",
        "so_ky_hieu_ngan": short,
        "ngay": format_date(number.date, year, number.month),
        "ngay_goc": iso(number.date),
        "ngay_ngan": format_short_date(number.date) if number.date else "",
        "nam": year,
        "dia_danh_ngay": format_place_date(place, number.date, year, number.month),
    }


def signer_block(signer: Signer | None, fallback_name: str = "") -> dict[str, Any]:
    """Signature lines in capitals ("TM. …", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the name."""
    if signer is None:
        return {"dong": [], "chuc_vu": "", "ho_ten": fallback_name}
    lines = []
    if signer.on_behalf:
        lines.append(f"TM. {upper_vi(signer.on_behalf)}")
    if signer.prefix:
        lines.append(f"{signer.prefix} {upper_vi(signer.for_title or signer.title)}")
    lines.append(upper_vi(signer.title))
    return {"dong": lines, "chuc_vu": upper_vi(signer.title),
            "ho_ten": signer.name or fallback_name}


def _bare(item: str) -> str:
    text = nfc(item).strip()
    text = re.sub(r"^-\s*", "", text)
    return re.sub(r"[;.,\s]+$", "", text)


def recipient_lines(recipients: Recipients | None, first: str | None = None,
                    default_archive: str = "Lưu: VT.") -> list[str]:
    """Nơi nhận lines: "- X;" each (a group's note such as "(Báo cáo)" after each of its items,
    as one line cannot carry the brace of a hand-made layout), the last "- Lưu: …."."""
    lines: list[str] = []
    items = recipients.items if recipients else ()
    for item in items:
        if isinstance(item, RecipientGroup):
            names = [_bare(i) for i in item.items if _bare(i)]
            note = item.note.strip()
            if not note.startswith("("):
                note = f"({note})"
            lines.extend(f"- {name} {note};" for name in names)
        elif _bare(item):
            lines.append(f"- {_bare(item)};")
    if first and not (lines and _bare(lines[0]).casefold() == _bare(first).casefold()):
        lines.insert(0, f"- {_bare(first)};")
    archive = _bare(recipients.archive if recipients else default_archive) or "Lưu: VT"
    lines.append(f"- {archive}.")
    return lines


def recipient_groups(recipients: Recipients | None) -> list[dict[str, Any]]:
    """The recipients as data: [{"ten": [..], "ghi_chu": "(Báo cáo)"}] for custom layouts."""
    out = []
    for item in recipients.items if recipients else ():
        if isinstance(item, RecipientGroup):
            out.append({"ten": [_bare(i) for i in item.items], "ghi_chu": item.note})
        else:
            out.append({"ten": [_bare(item)], "ghi_chu": ""})
    return out


def _name_and_year(campaign: Campaign) -> tuple[str, str]:
    """The campaign named in a sentence, and the trailing "năm 2021" taken out of it.

    short_name goes in quotes after "phong trào thi đua" (after "phong trào" when it already
    starts with "Thi đua"), without a trailing year, which follows the quotes instead. Without
    short_name the Kế hoạch's title is used ("Phát động …" dropped, first letter lowered).
    """
    if campaign.short_name:
        short = " ".join(nfc(campaign.short_name).split())
        core, year = _split_year(short)
        lead = "phong trào" if core.casefold().startswith("thi đua") else "phong trào thi đua"
        return f"{lead} “{core}”", year
    title = " ".join(nfc(campaign.title).split())
    for prefix in ("Phát động ", "Kế hoạch "):
        if title.startswith(prefix):
            title = title[len(prefix):]
    return _split_year(title[:1].lower() + title[1:])


def _split_year(text: str) -> tuple[str, str]:
    found = _TRAILING_YEAR.search(text)
    if not found or found.start() == 0:
        return text, ""
    return text[:found.start()].rstrip(" ,"), found.group(1)


def campaign_name(campaign: Campaign) -> str:
    """'phong trào thi đua “…” năm 2023' as used inside sentences (the year outside quotes)."""
    name, year = _name_and_year(campaign)
    return f"{name} {year}" if year else name


def period_span(period_name: str) -> str:
    """The time a period covers, in a sentence: "Sơ kết 6 tháng đầu năm 2026" → "6 tháng đầu
    năm 2026", "Tổng kết phong trào thi đua năm 2023" → "năm 2023", "Đợt 1" → "đợt 1"."""
    text = _REVIEW_WORDS.sub("", " ".join(nfc(period_name).split()))
    if _SPAN_WORDS.match(text):
        return text[:1].lower() + text[1:]
    found = _YEAR.search(text)
    return found.group(0) if found else ""


def period_phrase(campaign: Campaign, period_name: str) -> str:
    """The campaign with the period's time span, the year said once:
    'phong trào thi đua “…” 6 tháng đầu năm 2026'."""
    name, year = _name_and_year(campaign)
    span = period_span(period_name)
    if span and _YEAR.search(span):
        return f"{name} {span}"
    return " ".join(part for part in (name, span, year) if part)


def document_block(issuer: Issuer, number: DocumentNumber, default_type: str,
                   fallback_year: int) -> dict[str, Any]:
    """Header + number/date of one document; `default_type` is "KH", "TTr", "BB", "QĐ"…"""
    block = issuer_block(issuer)
    block.update(number_block(number, f"{default_type}-{issuer.symbol}", fallback_year,
                              issuer.place))
    return block


def plan_reference(campaign: Campaign) -> str:
    """'Kế hoạch số 15/KH-UBND ngày 05/02/2024 của Ủy ban nhân dân huyện …' (blanks if none)."""
    number = number_block(campaign.document, f"KH-{campaign.issuer.symbol}", campaign.year,
                          campaign.issuer.place)
    when = f"ngày {number['ngay_ngan']}" if number["ngay_ngan"] else number["ngay"]
    return f"Kế hoạch số {number['so_ky_hieu_ngan']} {when} của {campaign.issuer.name}"
