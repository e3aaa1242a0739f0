"""Typed data recognised in a plan's text: deadlines, awards, bonus points, criteria, signer."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from thidua.vietnamese.formatting import format_short_date, slugify

_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_DEADLINE = re.compile(r"(?:trước|hạn chót|chậm nhất|đến hết)\s+(?:ngày\s+)?(?:" + _DATE + ")")
_END = re.compile(r"đến\s+(?:hết\s+)?(?:ngày\s+)?(?:" + _DATE + ")")
_MONEY = re.compile(r"(\d{1,3}(?:\.\d{3})+)\s*(?:đồng|đ)\b")
_RANK = re.compile(r"(\d{1,3})\s+(?:đơn vị|tập thể|cá nhân)\s+(?:đạt\s+)?(hạng\s+[^\s,;.-]+(?:\s+Khích)?)",
                   re.IGNORECASE)
_FORM = re.compile(r"(Bằng khen|Giấy khen|Cờ thi đua)\s+của\s+((?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân)"
                   r"(?:\s+(?:tỉnh|huyện|thị xã|thành phố|xã|phường|thị trấn))?(?:\s+[A-ZĐÂ][\wÀ-ỹ]*)*)")
_BONUS = re.compile(r"(Hạng\s+[^\s:]+(?:\s+Khích)?)\s*:\s*(\d{1,3}(?:,\d+)?)\s*điểm", re.IGNORECASE)


def _date(groups: tuple[str | None, ...]) -> date | None:
    d, m, y = (groups[0], groups[1], groups[2]) if groups[0] else (groups[3], groups[4], groups[5])
    try:
        return date(int(y), int(m), int(d))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def end_date(paragraphs: list[str]) -> date | None:
    """The campaign's end: the first 'đến (hết) ngày …' of the text."""
    for text in paragraphs:
        match = _END.search(text)
        if match and _date(match.groups()):
            return _date(match.groups())
    return None


def deadlines(paragraphs: list[str]) -> list[dict[str, Any]]:
    """'… gửi về X trước ngày 30/11/2023 để …' as {date, what, from, to, purpose}."""
    found: list[dict[str, Any]] = []
    for text in paragraphs:
        previous = 0
        last: dict[str, Any] | None = None
        for match in _DEADLINE.finditer(text):
            when = _date(match.groups())
            before = text[previous:match.start()]
            previous = match.end()
            sentence = re.split(r"(?<=[.;])\s", before)[-1]
            sentence = re.sub(r"^[-+*•\d.)\s]+", "", sentence).strip()
            if when is None or not re.search(r"hồ sơ|báo cáo|văn bản|gửi|nộp", sentence, re.I):
                last = None
                continue
            entry: dict[str, Any] = {"date": format_short_date(when)}
            chained = re.match(r"^để\s+(.+?)\s+gửi\s+(?:về\s+|đến\s+|cho\s+)?(.+)$", sentence)
            if chained and last is not None:
                last.setdefault("purpose", _lower_first(chained.group(1)))
                entry.update({"what": last["what"], "from": last.get("to") or "", "to": _clean(
                    chained.group(2))})
            else:
                to = re.search(r"(?:gửi\s+(?:về|đến|cho)?|về)\s+(.+?)\s*$", sentence)
                what = sentence[:to.start()] if to else sentence
                sender = re.search(r"\s+của\s+(.+)$", what)
                if sender:
                    what = what[:sender.start()]
                entry["what"] = _clean(what) or "Hồ sơ, báo cáo"
                if sender:
                    entry["from"] = _clean(sender.group(1))
                if to:
                    entry["to"] = _clean(to.group(1))
            purpose = re.match(r"\s*để\s+([^;.]+?)(?=\s+gửi\b|\s+trước\b|[;.]|$)",
                               text[match.end():])
            if purpose and not re.search(r"\s+gửi\b", text[match.end():][:purpose.end() + 6]):
                entry["purpose"] = _lower_first(purpose.group(1))
            found.append({k: v for k, v in entry.items() if v})
            last = found[-1]
    return found


def _lower_first(text: str) -> str:
    text = _clean(text)
    return text[:1].lower() + text[1:]


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:.-")
    return text[:1].upper() + text[1:] if text else text


def _level(form: str) -> str:
    for level in ("tỉnh", "huyện", "thị xã", "thành phố", "xã", "phường", "thị trấn"):
        if re.search(rf"\b{level}\b", form):
            return level
    return "huyện"


def awards(paragraphs: list[str]) -> list[dict[str, Any]]:
    """Award forms with the ranks, counts and prizes written under them (one award per form)."""
    result: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for text in paragraphs:
        form = _FORM.search(text)
        if form:
            name = " ".join(f"{form.group(1)} của {form.group(2)}".split())
            current = next((a for a in result if a["form"] == name), None)
            if current is None:
                current = {"id": slugify(form.group(1) + " " + _level(name), 40) +
                           (f"-{len(result) + 1}" if len(result) else ""),
                           "form": name, "level": _level(name), "ranks": []}
                result.append(current)
            if re.search(r"cá nhân\s*:?\s*$", text):
                current["recipients"] = "individual"
        rank = _RANK.search(text)
        if rank and current is not None:
            entry: dict[str, Any] = {"name": _clean(rank.group(2)), "count": int(rank.group(1))}
            money = _MONEY.search(text)
            if money:
                entry["prize"] = int(money.group(1).replace(".", ""))
            points = re.search(r"cộng\s+(\d{1,3})\s+điểm", text)
            if points:
                entry["bonus_points"] = int(points.group(1))
            current["ranks"].append(entry)
    for award in result:
        award["ranks"] = award["ranks"] or [{"count": 1}]
    return result


def bonus_points(paragraphs: list[str]) -> dict[str, int]:
    """'Hạng Nhất: 03 điểm' lines: bonus points per rank name."""
    out: dict[str, int] = {}
    for text in paragraphs:
        for match in _BONUS.finditer(text):
            out[_clean(match.group(1))] = int(
                float(match.group(2).replace(",", ".")))
    return out


def criteria(tables: list[list[list[str]]]) -> list[dict[str, Any]]:
    """Rows of a table whose header names a points column, as criteria with their points."""
    for rows in tables:
        header = [c.lower() for c in rows[0]]
        points_col = next((i for i, c in enumerate(header) if "điểm" in c and "hướng dẫn" not in c
                           and "cách" not in c), None)
        if points_col is None:
            continue
        text_col = next((i for i, c in enumerate(header) if i != points_col and
                         any(w in c for w in ("nội dung", "tiêu chí"))), 1 if points_col != 1 else 0)
        guide_col = next((i for i, c in enumerate(header) if "hướng dẫn" in c or "cách" in c), None)
        found = []
        for row in rows[1:]:
            if len(row) <= max(points_col, text_col):
                continue
            number = re.search(r"\d+(?:[.,]\d+)?", row[points_col])
            title = " ".join(row[text_col].split())
            if not number or not title or title.lower().startswith(("tổng", "cộng")):
                continue
            entry: dict[str, Any] = {"title": title, "max_points": number.group().replace(",", ".")}
            if guide_col is not None and guide_col < len(row) and row[guide_col].strip():
                entry["guidance"] = [x for x in row[guide_col].split("\n") if x.strip()]
            found.append(entry)
        if found:
            return found
    return []


def signer(lines: list[str]) -> dict[str, Any]:
    """TM./KT./Q. lines, the title and the name at the foot of the plan."""
    out: dict[str, Any] = {}
    rest: list[str] = []
    for line in lines:
        match = re.match(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$", line)
        if match and match.group(1) == "TM":
            head = match.group(2)
            for known in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "BAN THƯỜNG VỤ"):
                if head.startswith(known + " "):
                    rest.append(head[len(known):].strip())
                    head = known
            out["on_behalf"] = head
        elif match:
            out["prefix"] = match.group(1) + "."
            words = match.group(2)
            split = re.match(r"^(.+?)\s+(PHÓ\s+.+|ỦY VIÊN.*)$", words)
            out["for_title"] = split.group(1) if split else words
            if split:
                rest.append(split.group(2))
        else:
            rest.append(line)
    titles = [x for x in rest if x.isupper()]
    names = [x for x in rest if not x.isupper()]
    out["title"] = titles[-1] if titles else out.get("for_title", "CHỦ TỊCH")
    if names:
        out["name"] = names[-1]
    return out
