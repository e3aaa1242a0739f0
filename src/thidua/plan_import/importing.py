"""`import_plan`: draft a campaign folder from an existing Kế hoạch (.docx or .txt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from thidua.atomic import write_text_atomic
from thidua.errors import PlanImportError
from thidua.plan_import import drafting, typed
from thidua.plan_import.reading import read_plan
from thidua.plan_import.structure import Draft, split_plan

CONFIRM = "# ĐÃ NHẬN RA TỪ VĂN BẢN — hãy kiểm tra lại và sửa nếu chưa đúng."


@dataclass
class ImportReport:
    """What an import found: the new folder and the lists behind its Vietnamese summary."""

    campaign_dir: Path
    recognised: list[str] = field(default_factory=list)
    kept_as_text: list[str] = field(default_factory=list)
    to_add: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        lines = [f"Đã tạo phong trào: {self.campaign_dir / 'campaign.yaml'}"]
        for head, items in (("Đã nhận ra", self.recognised), ("Giữ nguyên văn", self.kept_as_text),
                            ("Cần bổ sung", self.to_add)):
            if items:
                lines.append(f"{head}:")
                lines.extend(f"  - {item}" for item in items)
        return lines


def import_plan(source: Path, target_dir: Path) -> ImportReport:
    """Read the plan at `source` and write `target_dir/campaign.yaml`; never overwrites."""
    source, target_dir = Path(source), Path(target_dir)
    if target_dir.exists():
        raise PlanImportError(f"Thư mục '{target_dir}' đã có; thidua không ghi đè một phong trào "
                              "đã có. Hãy chọn tên khác với -o campaigns/<mã-mới>.")
    draft = split_plan(read_plan(source))
    if not draft.outline and not draft.body:
        raise PlanImportError(f"Không tìm thấy nội dung Kế hoạch trong '{source.name}' (các mục "
                              "I., II., … hoặc 1., 2., …). Tệp có đúng là một Kế hoạch không?")
    report = ImportReport(target_dir)
    text = compose(draft, report, source.name)
    target_dir.mkdir(parents=True)
    write_text_atomic(target_dir / "campaign.yaml", text)
    return report


def default_target(source: Path, root: Path) -> Path:
    """campaigns/<slug of the plan's short name and year> for `thidua import` without -o."""
    draft = split_plan(read_plan(source))
    end = typed.end_date(draft.body)
    return root / drafting.campaign_id(draft, drafting.year_of(draft, end))


def _dump(key: str, value: Any, comment: str = "") -> str:
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=96,
                          default_flow_style=False)
    return (comment + "\n" if comment else "") + text + "\n"


def _count(nodes: list[dict[str, Any]]) -> tuple[int, int]:
    headings = paragraphs = 0
    for node in nodes:
        headings += 1
        paragraphs += len(node.get("text", []))
        h, p = _count(node.get("children", []))
        headings, paragraphs = headings + h, paragraphs + p
    return headings, paragraphs


def compose(draft: Draft, report: ImportReport, source_name: str) -> str:
    end = typed.end_date(draft.body)
    year = drafting.year_of(draft, end)
    issuer = drafting.issuer(draft)
    periods, award_notes = drafting.period_and_awards(draft, year)
    scoring, metrics = drafting.scoring(draft)
    outline = drafting.outline_nodes(draft.outline, draft, bool(scoring))
    deadlines = drafting.deadlines(draft, periods[0]["id"] if periods else None)
    bases = [drafting.legal_basis(line) for line in draft.legal_bases]
    signer = typed.signer(draft.signer)
    parts = [f"# Phong trào nhập từ Kế hoạch '{source_name}' bằng lệnh thidua import.\n"
             "# Dàn ý (plan.outline) giữ nguyên văn bản gốc; các mục có dòng chú thích\n"
             "# 'ĐÃ NHẬN RA TỪ VĂN BẢN' là dữ liệu thidua đoán ra — hãy kiểm tra lại.\n"
             "# Kiểm tra tệp bằng: thidua validate <thư mục>\n\n"]
    parts.append(_dump("title", draft.title or "(cần bổ sung trích yếu Kế hoạch)"))
    if drafting.short_name(draft.title):
        parts.append(_dump("short_name", drafting.short_name(draft.title)))
    parts.append(_dump("issuer", issuer, CONFIRM))
    parts.append(_dump("document", drafting.document(draft, year)))
    if bases:
        parts.append(_dump("legal_bases", bases))
    if draft.preamble:
        parts.append(_dump("preamble", draft.preamble))
    time = {"start": None, "end": drafting.end_text(end) or f"31/12/{year}"}
    parts.append(_dump("time", time, CONFIRM + ("" if end else
                       "\n# Không tìm thấy ngày kết thúc trong văn bản: tạm để 31/12.")))
    if metrics:
        parts.append(_dump("metrics", metrics, CONFIRM + "\n# Mỗi tiêu chí tạm chấm bằng điểm "
                           "Hội đồng (council); đổi sang quy tắc tự tính nếu muốn."))
        parts.append(_dump("scoring", scoring, CONFIRM))
    if periods:
        parts.append(_dump("periods", periods, CONFIRM))
    if deadlines:
        parts.append(_dump("deadlines", deadlines, CONFIRM))
    if draft.closing:
        parts.append(_dump("closing", draft.closing))
    parts.append(_dump("recipients", drafting.recipients(draft)))
    parts.append(_dump("signer", signer, CONFIRM))
    parts.append(_dump("plan", {"outline": outline},
                       "# Dàn ý Kế hoạch theo đúng văn bản gốc: số/ký hiệu (number), tiêu đề "
                       "(heading),\n# các đoạn (text), mục con (children); show: nơi in dữ liệu "
                       "có cấu trúc."))
    _fill_report(report, draft, outline, bases, deadlines, periods, award_notes, scoring, signer)
    return "".join(parts)


def _fill_report(report: ImportReport, draft: Draft, outline: list[dict[str, Any]],
                 bases: list[Any], deadlines: list[Any], periods: list[Any], award_notes: list[str],
                 scoring: dict[str, Any], signer: dict[str, Any]) -> None:
    headings, paragraphs = _count(outline)
    found = report.recognised
    found.append("phần đầu: " + ", ".join(
        x for x in ("cơ quan ban hành" if draft.header else "",
                    "số/ký hiệu" if draft.symbol else "", "địa danh, ngày" if draft.place else "")
        if x) if draft.header or draft.symbol else "phần đầu: không có (cần bổ sung cơ quan, số)")
    typed_bases = sum(1 for b in bases if isinstance(b, dict))
    found.append(f"{len(bases)} căn cứ ({typed_bases} tách thành loại, số, ngày, cơ quan)")
    found.append(f"dàn ý: {headings} mục/khoản/điểm, {paragraphs} đoạn văn")
    found.append(f"nơi nhận: {len(draft.recipients)} dòng; người ký: {signer.get('title', '')}"
                 f" {signer.get('name', '')}".rstrip())
    if deadlines:
        found.append(f"{len(deadlines)} thời hạn gửi hồ sơ, báo cáo")
    found.extend(award_notes)
    if scoring:
        found.append(f"bảng tiêu chí: {len(scoring['criteria'])} tiêu chí, tổng "
                     f"{scoring['total_points']} điểm")
    report.kept_as_text.append("toàn bộ nội dung các mục (plan.outline), nguyên văn")
    if draft.tables and not scoring:
        report.kept_as_text.append(f"{len(draft.tables)} bảng (giữ thành đoạn văn)")
    report.to_add.append("các nhóm đơn vị và đơn vị thi đua (participants.groups)")
    report.to_add.append("chỉ số số liệu và quy tắc chấm điểm (metrics, scoring.criteria[].rule)"
                         if scoring else "tiêu chí chấm điểm, nếu có (metrics, scoring)")
    if periods:
        report.to_add.append("nhóm được xét của từng hình thức khen thưởng (periods[].awards[]"
                             ".groups) và tệp số liệu (periods[].data)")
    if not draft.header:
        report.to_add.append("cơ quan ban hành, địa danh (issuer)")
