"""The Kế hoạch's body from the author's outline (plan.outline): headings, text, typed data in place."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from thidua.campaign.model import Campaign, OutlineNode
from thidua.documents.context_awards import award_lines, bonus_lines
from thidua.documents.context_common import lettered, two
from thidua.documents.context_criteria import author_table, scoring_tables
from thidua.vietnamese.formatting import format_date, format_short_date

Block = dict[str, Any]


def _kind(number: str | None) -> str:
    """muc for I., II.; khoan for 1., 1.1.; diem for a), a.; a plain paragraph otherwise."""
    if not number:
        return "doan"
    if re.fullmatch(r"[IVXLC]+\.?", number):
        return "muc"
    if re.fullmatch(r"\d+(\.\d+)*\.?", number):
        return "khoan"
    if re.fullmatch(r"[a-zđ][).]", number):
        return "diem"
    return "doan"


def outline_blocks(campaign: Campaign) -> list[Block]:
    """Every node in the author's order: its heading, its paragraphs, what it shows, its children."""
    blocks: list[Block] = []
    for node in campaign.plan.outline:
        _node(blocks, campaign, node)
    return blocks


def _node(blocks: list[Block], campaign: Campaign, node: OutlineNode) -> None:
    text = list(node.text)
    number = node.number or ""
    if node.heading:
        kind = _kind(number) if number else "muc" if node.heading.isupper() else "khoan"
        kind = "khoan" if kind == "doan" else kind
        head = f"{number} {node.heading}".strip()
        inline = text.pop(0) if text and node.heading.endswith(":") and kind != "muc" else ""
        blocks.append({"loai": kind, "tieu_de": head, "text": inline})
    elif number and text:
        text[0] = f"{number} {text[0]}"
    elif number:
        text = [number]
    blocks.extend({"loai": "doan", "tieu_de": "", "text": t} for t in text)
    blocks.extend(_author_table(node))
    for placement in node.show:
        if placement == "criteria_table":
            blocks.extend(_criteria(campaign, node))
        else:
            blocks.extend(PLACEMENTS[placement](campaign))
    for child in node.children:
        _node(blocks, campaign, child)


def _paragraphs(lines: list[str]) -> list[Block]:
    return [{"loai": "doan", "tieu_de": "", "text": t} for t in lines]


def _outline_words(nodes: tuple[OutlineNode, ...]) -> list[set[str]]:
    """The words of each paragraph the author wrote in the outline."""
    found: list[set[str]] = []
    for node in nodes:
        found.extend(set(re.findall(r"\w+", t.casefold())) for t in node.text)
        found.extend(_outline_words(node.children))
    return found


def _written_elsewhere(row: dict[str, Any], paragraphs: list[set[str]]) -> bool:
    """A row (typically a deduction without standard points) whose guidance the author already
    wrote as a paragraph of the outline: printing it in the table too would say it twice."""
    words = set(re.findall(r"\w+", " ".join(row["huong_dan"]).casefold()))
    return bool(words) and any(len(words & p) >= 0.8 * len(words) for p in paragraphs)


def _criteria(campaign: Campaign, node: OutlineNode) -> list[Block]:
    out: list[Block] = []
    paragraphs = _outline_words(campaign.plan.outline)
    if node.columns:
        table = author_table(campaign, dict(node.columns))
        if table is None:
            return []
        kept = [r for r in table["dong"] if r["nhom"] or not _written_elsewhere(
            {"huong_dan": [x for cell in r["cot"] for x in cell]}, paragraphs)]
        return [{"loai": "bang_cot", "tieu_de": "", "text": "",
                 "bang": dict(table, dong=_renumber(kept, list(node.columns)))}]
    for table in scoring_tables(campaign):
        rows = [r for r in table["dong"] if not _written_elsewhere(r, paragraphs)]
        rows = [dict(r, stt=str(i)) for i, r in enumerate(rows, 1)]
        if table["nhom"]:
            out.append({"loai": "doan", "tieu_de": "", "text": table["nhom"]})
        out.append({"loai": "bang", "tieu_de": "", "text": "", "bang": dict(table, dong=rows)})
    return out


def _renumber(rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Number criteria rows 1, 2, … again after each group row."""
    if "stt" not in keys:
        return rows
    at, number, out = keys.index("stt"), 0, []
    for row in rows:
        number = 0 if row["nhom"] else number + 1
        cells = [[str(number)] if c == at and not row["nhom"] else cell
                 for c, cell in enumerate(row["cot"])]
        out.append({"nhom": row["nhom"], "cot": cells})
    return out


def _author_table(node: OutlineNode) -> list[Block]:
    """A table the author wrote, cell for cell (2 to 6 columns; wider ones keep 6)."""
    if not node.table:
        return []
    width = min(max(len(r) for r in node.table), 6)
    rows = [list(r[:width]) + [""] * (width - len(r[:width])) for r in node.table]
    return [{"loai": "bang_cot", "tieu_de": "", "text": "",
             "bang": {"nhom": "", "so_cot": max(width, 2), "tieu_de_cot": rows[0] + [""] * (2 - width),
                      "dong": [{"nhom": "", "cot": [c.split("\n") for c in r] + [[""]] * (2 - width)}
                               for r in rows[1:]]}}]


def _awards(campaign: Campaign) -> list[Block]:
    lines: list[str] = []
    for period in campaign.periods:
        for award in period.awards:
            lines.extend(award_lines(campaign, award))
    return _paragraphs(lines)


def _bonus(campaign: Campaign) -> list[Block]:
    return _paragraphs(lettered([line for p in campaign.periods for line in bonus_lines(campaign, p)]))


def generated_deadline_lines(campaign: Campaign) -> list[str]:
    """'- <what> của <from> gửi về <to> trước ngày dd/mm/yyyy để <purpose>.' per deadline."""
    lines = []
    for d in sorted(campaign.deadlines, key=lambda d: d.date):
        who = f" của {d.sender[:1].lower()}{d.sender[1:]}" if d.sender else ""
        to = f" gửi về {d.to}" if d.to else ""
        why = f" để {d.purpose}" if d.purpose else ""
        when = f"trước ngày {format_short_date(d.date)}"
        if d.repeat == "monthly":
            last = f" đến hết ngày {format_short_date(d.until)}" if d.until else ""
            when = f"trước ngày {d.date.day:02d} hằng tháng (từ ngày {format_short_date(d.date)}{last})"
        lines.append(f"- {d.what}{who}{to} {when}{why}.")
    return lines


def _deadlines(campaign: Campaign) -> list[Block]:
    return _paragraphs(generated_deadline_lines(campaign))


def _tasks(campaign: Campaign) -> list[Block]:
    lines: list[str] = []
    for i, task in enumerate(campaign.tasks, 1):
        lines.append(f"{i}. {task.text}")
        lines.extend(lettered(task.items))
    return _paragraphs(lines)


def _participants(campaign: Campaign) -> list[Block]:
    people = campaign.participants
    return _paragraphs(list(people.text) + list(people.collectives) + list(people.individuals))


def _units(campaign: Campaign) -> list[Block]:
    return _paragraphs([f"- {g.name} ({two(len(g.units))} đơn vị): "
                        f"{', '.join(u.name for u in g.units)}."
                        for g in campaign.participants.groups if g.units])


def time_text(campaign: Campaign) -> list[str]:
    if campaign.time.text:
        return list(campaign.time.text)
    start = (f"từ {format_date(campaign.time.start)}" if campaign.time.start
             else "từ ngày ban hành Kế hoạch")
    return [f"Thời gian thi đua {start} đến hết {format_date(campaign.time.end)}."]


def _time(campaign: Campaign) -> list[Block]:
    return _paragraphs(time_text(campaign))


def _dossier(campaign: Campaign) -> list[Block]:
    return _paragraphs(lettered(campaign.dossier.required) + list(campaign.dossier.text))


PLACEMENTS: dict[str, Callable[[Campaign], list[Block]]] = {
    "awards": _awards, "bonus_points": _bonus,
    "deadlines": _deadlines, "tasks": _tasks, "participants": _participants, "units": _units,
    "time": _time, "dossier": _dossier,
}
