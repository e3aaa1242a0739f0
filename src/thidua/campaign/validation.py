"""Cross-checks of a structurally valid campaign: totals, counts, references, dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from thidua.campaign.model import OVERRIDE_EXTRA_KEYS, Campaign, Meeting
from thidua.campaign.model_rules import RULE_KINDS, SCORING_KINDS_WITHOUT_MAX
from thidua.campaign.outline_checks import outline_figures
from thidua.campaign.schema_errors import problems_from_validation
from thidua.campaign.yamlsource import KeyPath, SourceDocument
from thidua.errors import Problem
from thidua.vietnamese.formatting import (
    MAX_WORDS_NUMBER,
    format_number,
    format_short_date,
    windows_reserved,
)

# Folder names export/ gives its own outputs next to the periods' folders (documents/planning
# PLAN_FOLDER; campaign/ cannot import it, tests/test_hostile_inputs.py keeps the two equal).
RESERVED_FOLDERS = ("ke-hoach",)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def cross_check(campaign: Campaign, source: SourceDocument) -> list[Problem]:
    """Every consistency problem of the campaign, each located in the YAML."""
    checker = _Checker(campaign, source)
    checker.run()
    return checker.problems + outline_figures(campaign, source)


class _Checker:
    def __init__(self, campaign: Campaign, source: SourceDocument) -> None:
        self.c = campaign
        self.source = source
        self.problems: list[Problem] = []
        self.group_ids = {g.id for g in campaign.participants.groups}
        self.metric_ids = {m.id for m in campaign.metrics}
        self.criterion_ids = {c.id for c in campaign.scoring.criteria}

    def error(self, message: str, path: KeyPath, severity: str = "error") -> None:
        self.problems.append(Problem(message, self.source.location(path), severity))

    def run(self) -> None:
        self.check_duplicates()
        self.check_metrics()
        self.check_criteria()
        self.check_totals()
        self.check_tie_breaks()
        self.check_periods()
        self.check_folder_names()
        self.check_deadlines()
        self.check_control_characters(self.source.data, ())

    def check_duplicates(self) -> None:
        groups = self.c.participants.groups
        self._duplicates([g.id for g in groups], ("participants", "groups"), "id", "mã nhóm")
        seen: dict[str, str] = {}
        for gi, group in enumerate(groups):
            for ui, unit in enumerate(group.units):
                if unit.id in seen:
                    self.error(f"mã đơn vị '{unit.id}' bị trùng (đã dùng trong nhóm '{seen[unit.id]}')",
                               ("participants", "groups", gi, "units", ui, "id"))
                seen.setdefault(unit.id, group.id)
        self._duplicates([m.id for m in self.c.metrics], ("metrics",), "id", "mã chỉ số")
        self._duplicates([c.id for c in self.c.scoring.criteria], ("scoring", "criteria"), "id",
                         "mã tiêu chí")
        self._duplicates([p.id for p in self.c.periods], ("periods",), "id", "mã đợt khen thưởng")
        for pi, period in enumerate(self.c.periods):
            self._duplicates([a.id for a in period.awards], ("periods", pi, "awards"), "id",
                             "mã hình thức khen thưởng")

    def _duplicates(self, ids: list[str], base: KeyPath, key: str, what: str) -> None:
        counts = Counter(ids)
        for i, value in enumerate(ids):
            if counts[value] > 1 and ids.index(value) != i:
                self.error(f"{what} '{value}' bị trùng", base + (i, key))

    def check_groups_ref(self, groups: Any, path: KeyPath) -> None:
        for i, gid in enumerate(groups or ()):
            if gid not in self.group_ids:
                self.error(f"nhóm '{gid}' chưa được khai báo trong participants.groups "
                           f"(có: {', '.join(sorted(self.group_ids)) or 'chưa có nhóm nào'})",
                           path + (i,))

    def check_metric_ref(self, metric_id: str, path: KeyPath) -> None:
        if metric_id not in self.metric_ids:
            self.error(f"chỉ số '{metric_id}' chưa được khai báo trong metrics", path)

    def check_metrics(self) -> None:
        for i, metric in enumerate(self.c.metrics):
            if metric.part_of:
                self.check_metric_ref(metric.part_of, ("metrics", i, "part_of"))
            self.check_groups_ref(metric.groups, ("metrics", i, "groups"))

    def check_criteria(self) -> None:
        for i, crit in enumerate(self.c.scoring.criteria):
            base: KeyPath = ("scoring", "criteria", i)
            self.check_groups_ref(crit.groups, base + ("groups",))
            for name in ("metric", "numerator", "denominator"):
                value = getattr(crit.rule, name, None)
                if value:
                    self.check_metric_ref(value, base + ("rule", name))
            kind = crit.rule.kind
            if kind == "threshold" and not (crit.rule.metric or crit.rule.numerator):
                self.error("quy tắc threshold cần 'metric' hoặc 'numerator'", base + ("rule",))
            if kind in SCORING_KINDS_WITHOUT_MAX and crit.max_points != 0:
                self.error(f"tiêu chí loại '{kind}' không có điểm chuẩn; đặt max_points: 0",
                           base + ("max_points",))
            for gid, override in crit.overrides.items():
                opath = base + ("overrides", gid)
                if gid not in self.group_ids:
                    self.error(f"nhóm '{gid}' chưa được khai báo trong participants.groups", opath)
                    continue
                allowed = set(RULE_KINDS[kind].model_fields) | OVERRIDE_EXTRA_KEYS
                for key in override:
                    if key not in allowed:
                        self.error(f"tham số '{key}' không thuộc quy tắc '{kind}'", opath + (key,))
                known = {k: v for k, v in override.items() if k in allowed}
                try:
                    crit.model_copy(update={"overrides": {gid: known}}).rule_for_group(gid)
                except ValidationError as exc:
                    self.problems.extend(problems_from_validation(exc, self.source, Campaign, opath))

    def check_totals(self) -> None:
        scoring = self.c.scoring
        if scoring.total_points is None:
            return
        groups = [g.id for g in self.c.participants.groups] or [None]
        for gid in groups:
            total = sum((c.max_points_for_group(gid) for c in scoring.criteria
                         if c.rule.kind not in SCORING_KINDS_WITHOUT_MAX
                         and (c.groups is None or gid in c.groups)), Decimal(0))
            if total and total != scoring.total_points:
                who = f" của nhóm '{gid}'" if gid else ""
                self.error(f"tổng điểm chuẩn các tiêu chí{who} là {format_number(total)}, khác "
                           f"tổng điểm đã nêu {format_number(scoring.total_points)}",
                           ("scoring", "total_points"))

    def check_tie_breaks(self) -> None:
        for i, tie in enumerate(self.c.scoring.tie_breaks):
            path: KeyPath = ("scoring", "tie_breaks", i)
            keys = [k for k in (tie.metric, tie.criterion, tie.numerator) if k]
            if not keys and not tie.council:
                self.error("tiêu chí phụ cần 'metric', 'criterion', 'numerator' hoặc council: true",
                           path)
            for name in ("metric", "numerator", "denominator"):
                if getattr(tie, name):
                    self.check_metric_ref(getattr(tie, name), path + (name,))
            if tie.criterion and tie.criterion not in self.criterion_ids:
                self.error(f"tiêu chí '{tie.criterion}' chưa được khai báo", path + ("criterion",))

    def check_periods(self) -> None:
        units_in = {g.id: len(g.units) for g in self.c.participants.groups}
        for pi, period in enumerate(self.c.periods):
            base: KeyPath = ("periods", pi)
            if period.start and period.end and period.start > period.end:
                self.error("ngày bắt đầu sau ngày kết thúc", base + ("start",))
            end = period.end or self.c.time.end
            if period.reports_from and period.reports_from > end:
                self.error(f"reports_from ({format_short_date(period.reports_from)}) sau ngày "
                           f"kết thúc của đợt ({format_short_date(end)})", base + ("reports_from",))
            votes = period.meeting.votes if period.meeting else None
            if votes and votes.present is not None:
                cast = sum(v or 0 for v in (votes.agree, votes.disagree, votes.abstain))
                if cast > votes.present:
                    self.error(f"số phiếu tán thành, không tán thành, không ý kiến ({cast}) vượt "
                               f"số thành viên có mặt ({votes.present})",
                               base + ("meeting", "votes"))
            if period.meeting:
                self.check_meeting(period.meeting, base + ("meeting",))
            for ai, award in enumerate(period.awards):
                apath = base + ("awards", ai)
                self.check_groups_ref(award.groups, apath + ("groups",))
                for gid in award.caps:
                    if gid not in self.group_ids:
                        self.error(f"nhóm '{gid}' chưa được khai báo", apath + ("caps", gid))
                    elif award.caps[gid] > units_in[gid]:
                        self.error(f"giới hạn {award.caps[gid]} đơn vị vượt số đơn vị của nhóm "
                                   f"'{gid}' ({units_in[gid]})", apath + ("caps", gid))
                pool = sum(units_in.get(g, 0) for g in (award.groups or units_in))
                ranked = sum(r.count for r in award.ranks)
                if award.recipients == "collective" and units_in and ranked > pool:
                    self.error(f"tổng số đơn vị được khen ({ranked}) vượt số đơn vị được xét "
                               f"({pool})", apath + ("ranks",))
                if award.max_units is not None and sum(award.caps.values()) > award.max_units:
                    self.error(f"tổng giới hạn theo nhóm ({sum(award.caps.values())}) vượt "
                               f"'không quá {award.max_units}'", apath + ("caps",))
                if (award.recipients == "individual" and award.individuals is not None
                        and award.ranks and ranked != award.individuals):
                    self.error(f"số cá nhân theo hạng ({ranked}) khác individuals "
                               f"({award.individuals})", apath + ("individuals",))
                if award.max_units is not None and ranked > award.max_units:
                    self.error(f"tổng số theo hạng ({ranked}) vượt 'không quá {award.max_units}'",
                               apath + ("max_units",))
                for ri, rank in enumerate(award.ranks):
                    self.check_prize(rank, apath + ("ranks", ri))

    def check_prize(self, rank: Any, path: KeyPath) -> None:
        """A prize must be writable in words on the decision (up to MAX_WORDS_NUMBER đồng)."""
        salary = self.c.dossier.base_salary
        amounts = [(rank.prize, "prize")]
        if rank.prize_coefficient is not None and salary is not None:
            amounts.append((rank.prize_coefficient * salary, "prize_coefficient"))
        for amount, key in amounts:
            if amount is not None and abs(amount) > MAX_WORDS_NUMBER:
                self.error(f"tiền thưởng {format_number(amount)} đồng quá lớn để viết bằng chữ "
                           f"(tối đa {format_number(MAX_WORDS_NUMBER)} đồng); kiểm tra lại số",
                           path + (key,))

    def check_control_characters(self, node: Any, path: KeyPath) -> None:
        """Warn, at the key, about text holding control characters (pasted from another
        program): Word, Excel and the .ics cannot hold them, so they are dropped there."""
        if isinstance(node, dict):
            for key, value in node.items():
                self.check_control_characters(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self.check_control_characters(value, path + (index,))
        elif isinstance(node, str) and (found := _CONTROL.search(node)):
            code = f"U+{ord(found.group()):04X}"
            self.error(f"văn bản chứa ký tự điều khiển không in được (mã {code}, thường do dán "
                       "từ chương trình khác); ký tự này bị bỏ khi ghi Excel và lịch, có thể làm "
                       "hỏng văn bản Word — hãy xóa nó", path, "warning")

    def check_folder_names(self) -> None:
        """Each period id becomes a folder: it must be a valid, distinct name on Windows too."""
        seen: dict[str, str] = {}
        for pi, period in enumerate(self.c.periods):
            path: KeyPath = ("periods", pi, "id")
            folded = period.id.casefold()
            if folded in RESERVED_FOLDERS:
                self.error(f"mã đợt '{period.id}' trùng tên thư mục Kế hoạch mà thidua dùng "
                           "(ke-hoach); hãy đặt mã khác, ví dụ 'nam-2024'", path)
            elif windows_reserved(period.id):
                self.error(f"mã đợt '{period.id}' không dùng được làm tên thư mục trên Windows "
                           "(tên dành riêng như con, prn, aux, nul, com1…, lpt1…, hoặc kết thúc "
                           "bằng dấu chấm); hãy đặt mã khác", path)
            if folded in seen and seen[folded] != period.id:
                self.error(f"mã đợt '{period.id}' chỉ khác '{seen[folded]}' ở chữ hoa/chữ "
                           "thường: trên Windows hai thư mục này là một; hãy đặt mã khác", path)
            seen.setdefault(folded, period.id)

    def check_meeting(self, meeting: Meeting, path: KeyPath) -> None:
        """The council's size, attendance and votes must add up."""
        council = self.c.dossier.council
        for key in ("approval_threshold", "quorum"):
            share = getattr(council, key)
            if share is not None and not 0 < share <= 1:
                self.error("tỷ lệ phải lớn hơn 0% và không quá 100%", ("dossier", "council", key))
        size = meeting.members if meeting.members is not None else (
            len(council.members) if council.members else None)
        present = meeting.votes.present if meeting.votes else None
        if size is not None and present is not None and present + len(meeting.absent) > size:
            self.error(f"số thành viên có mặt và vắng mặt ({present + len(meeting.absent)}) vượt "
                       f"tổng số thành viên Hội đồng ({size})", path + ("members",))
        limit = size if size is not None else present
        for i, ballot in enumerate(meeting.ballots):
            cast = ballot.agree + ballot.disagree + ballot.abstain
            if limit is not None and cast > limit:
                self.error(f"số phiếu ({cast}) vượt số thành viên Hội đồng ({limit})",
                           path + ("ballots", i))

    def check_deadlines(self) -> None:
        start = self.c.document.date or self.c.time.start
        end = self.c.time.end
        if self.c.time.start and self.c.time.start > end:
            self.error("thời gian thi đua: ngày bắt đầu sau ngày kết thúc", ("time", "start"))
        period_ids = {p.id for p in self.c.periods}
        for i, deadline in enumerate(self.c.deadlines):
            path: KeyPath = ("deadlines", i, "date")
            when = format_short_date(deadline.date)
            if start and deadline.date < start:
                self.error(f"thời hạn {when} trước ngày bắt đầu phong trào "
                           f"({format_short_date(start)})", path)
            if deadline.date > end + timedelta(days=366):
                self.error(f"thời hạn {when} sau khi kết thúc phong trào "
                           f"({format_short_date(end)}) hơn một năm; kiểm tra lại năm", path)
            if deadline.repeat and not deadline.until:
                self.error("thời hạn lặp lại cần 'until' (lần cuối)", ("deadlines", i, "repeat"))
            if deadline.until and deadline.until < deadline.date:
                self.error("'until' trước ngày của thời hạn", ("deadlines", i, "until"))
            if deadline.period and deadline.period not in period_ids:
                self.error(f"đợt '{deadline.period}' chưa được khai báo trong periods",
                           ("deadlines", i, "period"))
