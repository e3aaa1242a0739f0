"""Figures the author's outline states (dates, prizes, counts, bonus points) against typed data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from thidua.campaign.model import Campaign, OutlineNode
from thidua.campaign.yamlsource import KeyPath, SourceDocument, format_key_path
from thidua.errors import Problem
from thidua.vietnamese.formatting import format_number, format_short_date

_DEADLINE = re.compile(r"\btrước\s+(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|\btrước\s+"
                       r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_MONEY = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d{4,})\s*(?:đồng|đ)\b")
_RANK_COUNT = re.compile(r"\b(\d{1,3})\s+(?:đơn vị|tập thể)\s+(?:đạt\s+)?hạng\s+([^\s,;.:-]+"
                         r"(?:\s+khích)?)", re.IGNORECASE)
_UNITS_COUNT = re.compile(r"\b\d{1,3}\s+(?:đơn vị|tập thể|cá nhân)\b", re.IGNORECASE)
_CRITERION_POINTS = re.compile(r"^(?:[-+*•]\s*)?(?P<title>.+?)\s*[(:–-]\s*(?P<points>\d{1,3}(?:,\d+)?)"
                               r"\s*điểm\s*\)?\s*[.;]?$")
_RANK_BONUS = re.compile(r"\bhạng\s+([^\s,;.:-]+(?:\s+khích)?)\s*:\s*(\d{1,3})\s*điểm\b",
                         re.IGNORECASE)


def _paragraphs(nodes: tuple[OutlineNode, ...], base: KeyPath) -> Iterator[tuple[str, KeyPath]]:
    for i, node in enumerate(nodes):
        path = base + (i,)
        if node.heading and not node.text:
            yield node.heading, path + ("heading",)
        for k, text in enumerate(node.text):  # "Hạng Nhất:" + "03 điểm." read as one sentence
            yield (f"{node.heading} {text}" if node.heading and k == 0 else text), path + ("text", k)
        yield from _paragraphs(node.children, path + ("children",))


def _nodes(nodes: tuple[OutlineNode, ...], base: KeyPath) -> Iterator[tuple[OutlineNode, KeyPath]]:
    for i, node in enumerate(nodes):
        yield node, base + (i,)
        yield from _nodes(node.children, base + (i, "children"))


_SHOWN_FROM = {  # what each placement prints, and the key that must hold it
    "criteria_table": ("scoring.criteria", lambda c: c.scoring.criteria),
    "awards": ("periods[].awards", lambda c: [a for p in c.periods for a in p.awards]),
    "bonus_points": ("periods[].awards[].ranks[].bonus_points", lambda c: [
        r for p in c.periods for a in p.awards for r in a.ranks if r.bonus_points]),
    "deadlines": ("deadlines", lambda c: c.deadlines),
    "tasks": ("tasks", lambda c: c.tasks),
    "units": ("participants.groups[].units", lambda c: c.units()),
    "dossier": ("dossier.required", lambda c: c.dossier.required or c.dossier.text),
}


def empty_placements(campaign: Campaign, source: SourceDocument) -> list[Problem]:
    """A `show:` whose data is empty prints nothing: said as a warning, with the key to fill."""
    problems = []
    for node, path in _nodes(campaign.plan.outline, ("plan", "outline")):
        for placement in node.show:
            if placement in _SHOWN_FROM and not _SHOWN_FROM[placement][1](campaign):
                problems.append(Problem(
                    f"show: {placement} không in gì vì {_SHOWN_FROM[placement][0]} còn trống",
                    source.location(path + ("show",)), "warning"))
    return problems


def outline_figures(campaign: Campaign, source: SourceDocument) -> list[Problem]:
    """A figure the outline states that the typed data contradicts, naming both places."""
    checker = _Figures(campaign, source)
    for text, path in _paragraphs(campaign.plan.outline, ("plan", "outline")):
        checker.deadlines(text, path)
        checker.prizes(text, path)
        checker.ranks(text, path)
        checker.criterion_points(text, path)
    return checker.problems + empty_placements(campaign, source)


class _Figures:
    def __init__(self, campaign: Campaign, source: SourceDocument) -> None:
        self.c, self.source = campaign, source
        self.problems: list[Problem] = []
        self.ranks_by_name: dict[str, list[tuple[Any, KeyPath]]] = {}
        self.prize_paths: dict[int, KeyPath] = {}
        for pi, period in enumerate(campaign.periods):
            for ai, award in enumerate(period.awards):
                for ri, rank in enumerate(award.ranks):
                    path = ("periods", pi, "awards", ai, "ranks", ri)
                    if rank.name:
                        key = _rank_key(rank.name)
                        self.ranks_by_name.setdefault(key, []).append((rank, path))
                    if rank.prize is not None:
                        self.prize_paths.setdefault(rank.prize, path + ("prize",))

    def where(self, path: KeyPath) -> str:
        line = self.source.line_of(path)
        return f"{self.source.path.name}:{line} ({format_key_path(path)})"

    def error(self, message: str, path: KeyPath) -> None:
        self.problems.append(Problem(message, self.source.location(path)))

    def deadlines(self, text: str, path: KeyPath) -> None:
        if not self.c.deadlines:
            return
        dates = {d.date: i for i, d in enumerate(self.c.deadlines)}
        for match in _DEADLINE.finditer(text):
            g = match.groups()
            d, m, y = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
            try:
                when = date(int(y), int(m), int(d))
            except ValueError:
                continue
            if when in dates:
                continue
            nearest = min(dates, key=lambda x: abs((x - when).days))
            typed = ("deadlines", dates[nearest], "date")
            self.error(f"Kế hoạch ghi \"{match.group(0)}\" nhưng không có thời hạn nào ngày "
                       f"{format_short_date(when)}; thời hạn gần nhất là "
                       f"{format_short_date(nearest)} ở {self.where(typed)}: sửa một trong hai "
                       "chỗ cho khớp", path)

    def prizes(self, text: str, path: KeyPath) -> None:
        """A prize stated for a rank or a number of units ("01 đơn vị hạng Nhất … 6.000.000
        đồng"); other sums (funding, base salary) are not prizes and are left alone."""
        if not self.prize_paths:
            return
        for sentence in re.split(r"(?<=[.;])\s", text):
            if "thưởng" in sentence.casefold() and _UNITS_COUNT.search(sentence):
                self._prize(sentence, path)

    def _prize(self, sentence: str, path: KeyPath) -> None:
        for match in _MONEY.finditer(sentence):
            amount = int(match.group(1).replace(".", ""))
            if amount in self.prize_paths:
                continue
            nearest = min(self.prize_paths, key=lambda x: abs(x - amount))
            self.error(f"Kế hoạch ghi tiền thưởng \"{match.group(0)}\" nhưng không hạng nào có "
                       f"tiền thưởng {format_number(amount)} đồng; gần nhất là "
                       f"{format_number(nearest)} đồng ở {self.where(self.prize_paths[nearest])}",
                       path)

    def criterion_points(self, text: str, path: KeyPath) -> None:
        """"Thực hiện … (30 điểm)" where a criterion has that title: the points must agree."""
        match = _CRITERION_POINTS.match(text)
        if not match:
            return
        said = _bare(match["title"])
        for i, criterion in enumerate(self.c.scoring.criteria):
            if _bare(criterion.title) == said:
                stated = float(match["points"].replace(",", "."))
                if float(criterion.max_points) != stated:
                    where = self.where(("scoring", "criteria", i, "max_points"))
                    self.error(f"Kế hoạch ghi {match['points']} điểm cho \"{criterion.title}\" "
                               f"nhưng điểm chuẩn của tiêu chí là "
                               f"{format_number(criterion.max_points)} ở {where}: sửa một trong "
                               "hai chỗ cho khớp", path)
                return

    def ranks(self, text: str, path: KeyPath) -> None:
        for match in _RANK_COUNT.finditer(text):
            self._rank(match.group(2), "count", int(match.group(1)), match.group(0), path)
        for match in _RANK_BONUS.finditer(text):
            self._rank(match.group(1), "bonus_points", int(match.group(2)), match.group(0), path)

    def _rank(self, name: str, field: str, stated: int, said: str, path: KeyPath) -> None:
        found = self.ranks_by_name.get(_rank_key(name), [])
        values = [(getattr(rank, field), rpath) for rank, rpath in found
                  if getattr(rank, field) is not None]
        if not values or any(v == stated for v, _ in values):
            return
        value, rpath = values[0]
        what = "số đơn vị" if field == "count" else "điểm cộng"
        self.error(f"Kế hoạch ghi \"{said}\" nhưng {what} của hạng này là "
                   f"{format_number(value)} ở {self.where(rpath + (field,))}: sửa một trong hai "
                   "chỗ cho khớp", path)


def _bare(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _rank_key(name: str) -> str:
    return " ".join(re.sub(r"^hạng\s+", "", name.strip(), flags=re.IGNORECASE).casefold().split())
