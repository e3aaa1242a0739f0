"""Turning what was read from a plan into the keys of a campaign.yaml."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from thidua.plan_import import typed
from thidua.plan_import.structure import Draft
from thidua.vietnamese.formatting import format_short_date, slugify

_CITED = re.compile(
    r"^(?P<lead>Căn cứ|Thực hiện|Theo|Triển khai)\s+(?P<kind>[A-ZĐ][\wÀ-ỹ]*(?:\s+[a-zđà-ỹ]+)*?)\s+"
    r"số\s+(?P<number>[\w./-]+)\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+"
    r"năm\s+\d{4})\s+của\s+(?P<issuer>.+?)\s+(?P<subject>(?:về|quy định|hướng dẫn|ban hành)\b.*?)"
    r"\s*[;.]?$")


def legal_basis(line: str) -> str | dict[str, Any]:
    """A typed legal basis when the line reads '<lead> <kind> số <n> ngày <d> của <issuer> về …'."""
    match = _CITED.match(line)
    if not match:
        return line
    when = match["date"]
    if "tháng" in when:
        d, m, y = re.findall(r"\d+", when)
        when = f"{int(d):02d}/{int(m):02d}/{y}"
    return {"lead": match["lead"], "kind": match["kind"], "number": match["number"],
            "date": when, "issuer": match["issuer"], "subject": match["subject"]}


_ACRONYMS = {"UBND", "HĐND", "MTTQ", "MTTQVN", "TP", "TX", "TT", "VN", "CP", "UB"}
_UNITS = ("PHÒNG", "BAN ", "HỘI ĐỒNG", "TRUNG TÂM", "VĂN PHÒNG", "CÔNG AN", "TRƯỜNG", "ĐOÀN",
          "SỞ", "CHI CỤC", "ĐẢNG ỦY", "BỘ PHẬN")


def sentence_case(caps: str, place: str) -> str:
    """'ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP' → 'Ủy ban nhân dân huyện Phụng Hiệp' (acronyms kept,
    the place name as the date line writes it)."""
    words = [w if w in _ACRONYMS else w.lower() for w in caps.split()]
    if caps.startswith(_UNITS):  # "Sở Nội vụ", "Phòng Văn hóa và Thông tin", "… - Kế hoạch"
        unit_words = next(len(u.split()) for u in _UNITS if caps.startswith(u))
        for i, word in enumerate(words):
            if i == unit_words or (i > unit_words and words[i - 1] in ("-", "và")):
                words[i] = word[:1].upper() + word[1:]
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    if place:
        text = re.sub(re.escape(place.lower()), place, text)
    return text


def issuer(draft: Draft) -> dict[str, Any]:
    """The issuing body from the header lines (or the preamble's subject when no header):
    a parent body above a unit (UBND HUYỆN … / PHÒNG NỘI VỤ) is told apart from one name
    written on two lines (ỦY BAN NHÂN DÂN / HUYỆN …)."""
    symbol = draft.symbol.split("-", 1)[1] if "-" in draft.symbol else "UBND"
    place = draft.place or "(cần bổ sung địa danh)"
    if draft.header:
        lines = list(draft.header)
        out: dict[str, Any] = {}
        if len(lines) >= 2 and lines[-1].startswith(_UNITS) and not lines[0].startswith(_UNITS):
            out["parent"] = lines[0]
            lines = lines[1:]
        out.update({"name": sentence_case(" ".join(lines), draft.place), "symbol": symbol,
                    "place": place})
        if len(lines) >= 2:
            out["header"] = lines
        return out
    subject = next((re.match(r"^((?:Ủy ban nhân dân|UBND)\s+(?:huyện|xã|phường|thị trấn|thị xã|tỉnh|"
                             r"thành phố)\s+(?:[A-ZĐ][\wÀ-ỹ]*\s?)+)", p) for p in draft.preamble), None)
    name = subject.group(1).strip() if subject else "(cần bổ sung tên cơ quan ban hành)"
    if subject:
        place = re.sub(r"^.*?(?:huyện|xã|phường|thị trấn|thị xã|tỉnh|thành phố)\s+", "", name)
    return {"name": name, "symbol": symbol, "place": place}


def document(draft: Draft, year: int) -> dict[str, Any]:
    d, m, y = draft.date
    out: dict[str, Any] = {"number": draft.number or None,
                           "symbol": draft.symbol or "KH-UBND", "date": None, "year": year}
    if d and m and y and len(y) == 4:
        out["date"] = f"{int(d):02d}/{int(m):02d}/{y}"
    elif m and 1 <= int(m) <= 12:
        out["month"] = int(m)
    return out


def year_of(draft: Draft, end: date | None) -> int:
    y = draft.date[2]
    if len(y) == 4:
        return int(y)
    found = re.findall(r"năm\s+(\d{4})", draft.title)
    if found:
        return int(found[-1])
    if end:
        return end.year
    years = [int(y) for text in draft.body for y in re.findall(r"\b(20\d\d)\b", text)]
    return max(years) if years else date.today().year  # no year anywhere: this year, to check


def period_and_awards(draft: Draft, year: int) -> tuple[list[dict[str, Any]], list[str]]:
    awards = typed.awards(draft.body)
    bonus = typed.bonus_points(draft.body)
    notes = []
    for award in awards:
        for rank in award["ranks"]:
            key = next((k for k in bonus if k.lower() == str(rank.get("name", "")).lower()), None)
            if key and "bonus_points" not in rank:
                rank["bonus_points"] = bonus[key]
    if not awards:
        return [], notes
    notes.append(f"{len(awards)} hình thức khen thưởng "
                 f"({sum(len(a['ranks']) for a in awards)} hạng/số lượng)")
    return [{"id": f"nam-{year}", "name": f"Tổng kết phong trào thi đua năm {year}",
             "kind": "year_end", "awards": awards}], notes


def scoring(draft: Draft) -> tuple[dict[str, Any], list[dict[str, Any]], int | None]:
    """scoring and metrics from the first table with a points column, and that table's index."""
    at, criteria = typed.criteria(draft.tables)
    if not criteria:
        at, criteria = None, typed.criteria_in_text(draft.outline)
    if not criteria:
        return {}, [], None
    metrics, out = [], []
    for i, crit in enumerate(criteria, 1):
        metric = f"diem_tc_{i}"
        metrics.append({"id": metric, "label": f"Điểm tiêu chí {i}: {crit['title'][:80]}",
                        "unit": "điểm", "type": "points"})
        out.append({"id": f"tc-{i}", "title": crit["title"], "max_points": crit["max_points"],
                    "rule": {"kind": "council", "metric": metric},
                    **({"guidance": crit["guidance"]} if "guidance" in crit else {})})
    total = sum(float(c["max_points"]) for c in criteria)
    return ({"total_points": int(total) if total == int(total) else total, "criteria": out},
            metrics, at)


def outline_nodes(nodes: list[dict[str, Any]], draft: Draft, criteria_at: int | None
                  ) -> list[dict[str, Any]]:
    """The outline as YAML-ready nodes: the criteria table read as typed data is shown in its
    place with the author's columns; any other table is kept cell for cell."""
    out = []
    for node in nodes:
        clean: dict[str, Any] = {k: node[k] for k in ("number", "heading", "text") if node.get(k)}
        if "_table" in node:
            rows = draft.tables[node["_table"]]
            if node["_table"] == criteria_at:
                clean["show"] = ["criteria_table"]
                columns = author_columns(rows[0])
                if columns:
                    clean["columns"] = columns
            else:
                clean["table"] = rows
        if node.get("children"):
            clean["children"] = outline_nodes(node["children"], draft, criteria_at)
        if clean:
            out.append(clean)
    return out


def author_columns(header: list[str]) -> dict[str, str] | None:
    """The criteria table's columns as the author named and ordered them, when each is known."""
    columns: dict[str, str] = {}
    for cell in header:
        name = " ".join(cell.split())
        low = name.casefold()
        key = ("stt" if low in ("stt", "tt", "số tt") else
               "guidance" if "hướng dẫn" in low or "cách" in low else
               "points" if "điểm" in low else
               "title" if "title" not in columns and ("nội dung" in low or "tiêu chí" in low) else
               "label" if "tiêu chí" in low or "nội dung" in low else None)
        if key is None or key in columns:
            return None
        columns[key] = name
    return columns if "title" in columns and "points" in columns else None


def recipients(draft: Draft) -> dict[str, Any]:
    out: dict[str, Any] = {"items": draft.recipients}
    if draft.archive:
        out["archive"] = draft.archive
    return out


def short_name(title: str) -> str | None:
    quoted = re.search(r"[“\"](.+?)[”\"]", title)
    return quoted.group(1) if quoted else None


def campaign_id(draft: Draft, year: int) -> str:
    return slugify(f"{short_name(draft.title) or draft.title} {year}", 40)


def deadlines(draft: Draft, period: str | None) -> list[dict[str, Any]]:
    found = typed.deadlines(draft.body)
    return [dict(d, period=period) if period else d for d in found]


def end_text(end: date | None) -> str:
    return format_short_date(end) if end else ""
