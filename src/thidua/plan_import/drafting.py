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


def issuer(draft: Draft) -> dict[str, Any]:
    """The issuing body from the header lines (or the preamble's subject when no header)."""
    symbol = draft.symbol.split("-", 1)[1] if "-" in draft.symbol else "UBND"
    if draft.header:
        name = " ".join(draft.header)
        name = name[:1] + name[1:].lower()
        if draft.place:
            name = re.sub(re.escape(draft.place.lower()) + "$", draft.place, name)
        return {"name": name, "header": list(draft.header), "symbol": symbol,
                "place": draft.place or "(cần bổ sung địa danh)"}
    subject = next((re.match(r"^((?:Ủy ban nhân dân|UBND)\s+(?:huyện|xã|phường|thị trấn|thị xã|tỉnh|"
                             r"thành phố)\s+(?:[A-ZĐ][\wÀ-ỹ]*\s?)+)", p) for p in draft.preamble), None)
    name = subject.group(1).strip() if subject else "(cần bổ sung tên cơ quan ban hành)"
    place = re.sub(r"^.*?(?:huyện|xã|phường|thị trấn|thị xã|tỉnh|thành phố)\s+", "", name) \
        if subject else "(cần bổ sung địa danh)"
    return {"name": name, "symbol": symbol, "place": place}


def document(draft: Draft, year: int) -> dict[str, Any]:
    d, m, y = draft.date
    out: dict[str, Any] = {"number": draft.number or None,
                           "symbol": draft.symbol or "KH-UBND", "date": None, "year": year}
    if d and m and y and len(y) == 4:
        out["date"] = f"{int(d):02d}/{int(m):02d}/{y}"
    return out


def year_of(draft: Draft, end: date | None) -> int:
    y = draft.date[2]
    if len(y) == 4:
        return int(y)
    found = re.findall(r"năm\s+(\d{4})", draft.title)
    return int(found[-1]) if found else (end.year if end else date.today().year)


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


def scoring(draft: Draft) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    criteria = typed.criteria(draft.tables)
    if not criteria:
        return {}, []
    metrics, out = [], []
    for i, crit in enumerate(criteria, 1):
        metric = f"diem_tc_{i}"
        metrics.append({"id": metric, "label": f"Điểm tiêu chí {i}", "unit": "điểm",
                        "type": "points"})
        out.append({"id": f"tc-{i}", "title": crit["title"], "max_points": crit["max_points"],
                    "rule": {"kind": "council", "metric": metric},
                    **({"guidance": crit["guidance"]} if "guidance" in crit else {})})
    total = sum(float(c["max_points"]) for c in criteria)
    return {"total_points": int(total) if total == int(total) else total, "criteria": out}, metrics


def outline_nodes(nodes: list[dict[str, Any]], draft: Draft, has_criteria: bool
                  ) -> list[dict[str, Any]]:
    """The outline as YAML-ready nodes; a criteria table read as typed data is shown in place."""
    out = []
    for node in nodes:
        clean: dict[str, Any] = {k: node[k] for k in ("number", "heading") if node.get(k)}
        text = list(node.get("text", []))
        show = []
        if has_criteria and node.get("_tables") == [0]:
            cells = {c.replace("\n", " ") for row in draft.tables[0] for c in row}
            text = [t for t in text if t not in cells]
            show.append("criteria_table")
        if text:
            clean["text"] = text
        if show:
            clean["show"] = show
        if node.get("children"):
            clean["children"] = outline_nodes(node["children"], draft, has_criteria)
        out.append(clean)
    return out


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
