"""The Kế hoạch's scoring tables: criteria per group with their points and scoring guidance."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from thidua.campaign.model import Campaign, Criterion, Group
from thidua.campaign.model_rules import SCORING_KINDS_WITHOUT_MAX
from thidua.campaign.model_types import parse_text
from thidua.documents.context_common import points
from thidua.vietnamese.formatting import format_number

_OPS = {">=": "đạt từ … trở lên", ">": "trên …", "<=": "không quá …", "<": "dưới …",
        "==": "bằng …"}
_COUNT_WORDS = re.compile(r"^(?:số lượng|số)\s+", re.IGNORECASE)


def pct(ratio: Decimal) -> str:
    """A ratio as a percentage without trailing zeros: 0.9 → "90%", 0.985 → "98,5%"."""
    return format_number((ratio * 100).normalize()) + "%"


def _pts(value: Decimal) -> str:
    return f"{points(abs(value))} điểm"


class _Describer:
    """Vietnamese sentences for a rule, used when the plan gives no guidance of its own."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign

    def label(self, metric_id: str | None) -> str:
        metric = self.campaign.metric(metric_id) if metric_id else None
        return metric.label if metric else (metric_id or "")

    def unit(self, metric_id: str | None) -> str:
        metric = self.campaign.metric(metric_id) if metric_id else None
        return f" {metric.unit}" if metric and metric.unit and metric.unit != "%" else ""

    def amount(self, value: Decimal, percent: bool, metric_id: str | None) -> str:
        if percent:
            return pct(value if value <= 1 else value / 100)
        return format_number(value) + self.unit(metric_id)

    def subject(self, metric_id: str | None, denominator: str | None) -> str:
        """What a rule measures: the metric's label, or "Tỷ lệ a/b" for a ratio."""
        if not denominator:
            return self.label(metric_id)
        part, whole = lower_first(self.label(metric_id)), lower_first(self.label(denominator))
        return f"Tỷ lệ {part}/{whole}"

    def describe(self, rule: Any, max_points: Decimal) -> list[str]:
        return getattr(self, f"_{rule.kind}")(rule, max_points)

    def _ratio_lines(self, numerator: str, denominator: str | None) -> list[str]:
        if not denominator:
            return [f"Tỷ lệ: {self.label(numerator)}"]
        return [f"a = {self.label(numerator)}", f"b = {self.label(denominator)}",
                "- Tỷ lệ = a/b"]

    def _proportional(self, rule: Any, max_points: Decimal) -> list[str]:
        lines = self._ratio_lines(rule.numerator, rule.denominator)
        lines.append(f"+ Tỷ lệ từ {pct(rule.full_at)} trở lên: {_pts(max_points)} (điểm tối đa);")
        lines.append(f"+ Tỷ lệ dưới {pct(rule.full_at)}: Tỷ lệ × {_pts(max_points)};")
        if rule.floor is not None:
            outcome = ("không xét điểm thi đua" if rule.below_floor == "exclude"
                       else "0 điểm tiêu chí này")
            lines.append(f"+ Tỷ lệ dưới {pct(rule.floor)}: {outcome}.")
        return lines

    def _threshold(self, rule: Any, max_points: Decimal) -> list[str]:
        metric = rule.metric or rule.numerator
        subject = self.subject(metric, rule.denominator)
        base = rule.base_points if rule.base_points is not None else max_points
        target = self.amount(rule.target, rule.percent_target, metric)
        lines = [f"- {subject} đạt {target}: {_pts(base)};"]
        if rule.step and rule.step_points:
            step = self.amount(rule.step, rule.percent_target, metric)
            limit = ("không giới hạn điểm cộng" if rule.max_bonus is None
                     else f"cộng tối đa {_pts(rule.max_bonus)}")
            lines.append(f"+ Điểm thưởng: từ {target} trở lên, cứ tăng {step} cộng "
                         f"{_pts(rule.step_points)}, {limit};")
        lines.append(f"- Dưới {target}: {points(rule.below_points)} điểm;")
        if rule.none_points is not None:
            verb = "trừ" if rule.none_points < 0 else "được"
            lines.append(f"- Không thực hiện: {verb} {_pts(rule.none_points)}.")
        return lines

    def _yes_no(self, rule: Any, max_points: Decimal) -> list[str]:
        yes = rule.yes_points if rule.yes_points is not None else max_points
        label = self.label(rule.metric)
        if _starts_with_co(label):  # "Có ban hành kế hoạch": not "Có có ban hành …"
            done = label[:1].upper() + label[1:]
        else:
            done = f"Có {lower_first(label)}"
        return [f"- {done}: {_pts(yes)};", f"- Không có: {points(rule.no_points)} điểm."]

    def _per_event(self, rule: Any, max_points: Decimal) -> list[str]:
        verb = "trừ" if rule.points_each < 0 else "cộng"
        line = f"- Mỗi lần ({self.label(rule.metric)}): {verb} {_pts(rule.points_each)}"
        if rule.max_total is not None:
            line += f", tối đa {_pts(rule.max_total)}"
        return [line + "."]

    def _report_timeliness(self, rule: Any, max_points: Decimal) -> list[str]:
        lines = [f"- Báo cáo hằng tháng chậm nhất vào ngày {rule.due_day:02d};"]
        previous = 0
        for tier in rule.tiers:
            if tier.max_days_late is None:
                span = f"trễ quá {previous:02d} ngày"
            else:
                span = f"trễ từ {previous + 1:02d}-{tier.max_days_late:02d} ngày"
                previous = tier.max_days_late
            lines.append(f"- Báo cáo {span}: trừ {_pts(tier.points)}/lần báo cáo;")
        lines.append(f"- Không báo cáo: trừ {_pts(rule.missing_points)}/lần báo cáo.")
        return lines

    def condition(self, rule: Any) -> str:
        """The target in words: "… đạt từ 90% trở lên", "Không có hồ sơ trễ hạn (0 hồ sơ)"."""
        metric = rule.metric or rule.numerator
        subject = self.subject(metric, rule.denominator)
        value = self.amount(rule.value, rule.percent_target, metric)
        if rule.op == "==" and rule.value == 0 and not (rule.denominator or rule.percent_target):
            thing = _COUNT_WORDS.sub("", subject)
            return f"Không có {lower_first(thing)} ({value})"
        if rule.op == ">=" and rule.percent_target and value == "100%":
            return f"{subject} đạt 100%"
        return f"{subject} {_OPS[rule.op].replace('…', value)}"

    def _target(self, rule: Any, max_points: Decimal) -> list[str]:
        lines = [f"- Chỉ tiêu (không tính điểm): {self.condition(rule)}."]
        if rule.required:
            lines.append("- Không đạt chỉ tiêu: không xét thi đua.")
        return lines

    def _council(self, rule: Any, max_points: Decimal) -> list[str]:
        return [f"- {self.campaign.dossier.council_name} chấm điểm, tối đa {_pts(max_points)}."]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _starts_with_co(label: str) -> bool:
    return label.split(" ", 1)[0].casefold() == "có"


def _guidance(criterion: Criterion, group_id: str | None, describer: _Describer) -> list[str]:
    override = criterion.overrides.get(group_id or "", {})
    if override.get("guidance"):
        lines = list(parse_text(override["guidance"]))
    elif criterion.guidance and not _has_params(override):
        lines = list(criterion.guidance)
    else:
        rule = criterion.rule_for_group(group_id)
        lines = describer.describe(rule, criterion.max_points_for_group(group_id))
    basis = list(parse_text(override["basis"])) if override.get("basis") else list(criterion.basis)
    if basis:
        lines.append("* Cơ sở chấm điểm:")
        lines.extend(basis)
    return lines


def _has_params(override: dict[str, Any]) -> bool:
    return any(k not in ("guidance", "basis", "label", "title") for k in override)


def _max_text(criterion: Criterion, group_id: str | None) -> str:
    if criterion.rule.kind == "target":
        return "Chỉ tiêu"
    if criterion.rule.kind in SCORING_KINDS_WITHOUT_MAX:
        return "Trừ điểm"
    return points(criterion.max_points_for_group(group_id))


def _raw_rows(campaign: Campaign, group: Group | None,
              describer: _Describer) -> list[tuple[str, str, list[str], str]]:
    """(title, label, guidance, standard points) of each criterion the group is scored on."""
    gid = group.id if group else None
    rows = []
    for criterion in campaign.scoring.criteria:
        if gid and criterion.groups is not None and gid not in criterion.groups:
            continue
        override = criterion.overrides.get(gid or "", {})
        rows.append((override.get("title") or criterion.title,
                     override.get("label") or criterion.label or "",
                     _guidance(criterion, gid, describer), _max_text(criterion, gid)))
    return rows


def _rows(campaign: Campaign, group: Group | None, describer: _Describer) -> list[dict[str, Any]]:
    rows = []
    for title, label, guidance, standard in _raw_rows(campaign, group, describer):
        content = [title]
        if guidance and _same(guidance[0], title):  # the guidance quotes the title: print it once
            content, guidance = ([label], guidance) if label else ([title], guidance[1:])
        elif label and label.casefold() not in title.casefold():
            content.append(f"(Tiêu chí: {label})")
        rows.append({"stt": str(len(rows) + 1), "noi_dung": content, "diem_chuan": standard,
                     "huong_dan": guidance or [""]})
    return rows


def author_table(campaign: Campaign, columns: dict[str, str]) -> dict[str, Any] | None:
    """The criteria table with the author's columns (stt, title, label, points, guidance), with
    a row naming each group before its criteria when groups are scored differently."""
    if not campaign.scoring.criteria:
        return None
    describer = _Describer(campaign)
    groups = list(campaign.participants.groups)
    per_group = [(g, _raw_rows(campaign, g, describer)) for g in groups] or [
        (None, _raw_rows(campaign, None, describer))]
    per_group = [(g, rows) for g, rows in per_group if rows]
    if len({repr(rows) for _, rows in per_group}) == 1 and len(per_group) == max(len(groups), 1):
        per_group = [(None, per_group[0][1])]
    keys = list(columns)
    name_at = next((i for i, k in enumerate(keys) if k != "stt"), 0)
    lines: list[dict[str, Any]] = []
    for group, rows in per_group:
        if group is not None:  # a section row naming the group, as plans lay out one table
            lines.append({"nhom": group.name,
                          "cot": [[group.name] if i == name_at else [""] for i in range(len(keys))]})
        for i, (title, label, guidance, standard) in enumerate(rows, 1):
            cells = {"stt": [str(i)], "title": [title], "label": [label or title],
                     "points": [standard], "guidance": guidance or [""]}
            lines.append({"nhom": "", "cot": [cells[key] for key in keys]})
    return {"so_cot": len(keys), "tieu_de_cot": list(columns.values()), "dong": lines}


def _same(a: str, b: str) -> bool:
    def bare(text: str) -> str:
        return " ".join(text.lstrip("-+*• ").rstrip(" .;:").split()).casefold()
    return bare(a) == bare(b)


def _total(campaign: Campaign, group: Group | None) -> str:
    gid = group.id if group else None
    total = sum((c.max_points_for_group(gid) for c in campaign.scoring.criteria
                 if c.rule.kind not in SCORING_KINDS_WITHOUT_MAX
                 and (gid is None or c.groups is None or gid in c.groups)), Decimal(0))
    return points(total)


def scoring_tables(campaign: Campaign) -> list[dict[str, Any]]:
    """One table when every group scores alike, else one per group that has criteria."""
    if not campaign.scoring.criteria:
        return []
    describer = _Describer(campaign)
    groups = list(campaign.participants.groups)
    per_group = [(g, _rows(campaign, g, describer)) for g in groups] or [
        (None, _rows(campaign, None, describer))]
    per_group = [(g, rows) for g, rows in per_group if rows]
    distinct = {repr(rows) for _, rows in per_group}
    if len(distinct) == 1 and len(per_group) == max(len(groups), 1):
        group, rows = per_group[0]
        return [{"tieu_de": "", "nhom": "", "dong": rows, "tong": _total(campaign, group)}]
    return [{"tieu_de": f"Đối với {g.name[:1].lower()}{g.name[1:]}" if g else "",
             "nhom": g.name if g else "", "dong": rows, "tong": _total(campaign, g)}
            for g, rows in per_group]
