"""The data-collection workbook the office sends to units; it reads back with the importer."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua.atomic import write_unless_edited
from thidua.campaign.model import Campaign, Metric, Period
from thidua.data.nominations import NOMINATIONS_SHEET, SHEET_HEADERS
from thidua.data.spreadsheet import FONT_NAME, put_text, workbook_bytes, xml_safe
from thidua.data.unit_profiles import UNIT_COLUMNS, UNIT_SHEET
from thidua.vietnamese.formatting import format_number

DATA_SHEET = "Số liệu"
NOMINATION_ROWS = 200  # rows prepared with drop-down lists in the nominations sheet
GUIDE_SHEET = "Hướng dẫn"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NOT_APPLICABLE_FILL = PatternFill("solid", fgColor="D9D9D9")
_TYPE_HINTS = {
    "count": "số nguyên, không âm (ví dụ 1730)",
    "number": "số, không âm; phần thập phân viết sau dấu phẩy (ví dụ 98,5)",
    "percent": "tỷ lệ phần trăm từ 0 đến 100 (ví dụ 98,5)",
    "yes_no": "chọn 'có' hoặc 'không'",
    "points": "số điểm, không âm",
    "date": "ngày dạng dd/mm/yyyy (ví dụ 30/11/2023)",
}


def metric_header(metric: Metric) -> str:
    """'Số hồ sơ trực tuyến (hồ sơ)': the label the importer accepts, with the unit."""
    return f"{metric.label} ({metric.unit})" if metric.unit else metric.label


def form_metrics(campaign: Campaign, groups: list[str]) -> list[Metric]:
    return [m for m in campaign.metrics if m.groups is None or set(m.groups) & set(groups)]


def _points_limit(campaign: Campaign, metric: Metric, groups: list[str]) -> Decimal | None:
    limits = [c.max_points_for_group(g) for c in campaign.scoring.criteria for g in groups
              if (c.groups is None or g in c.groups) and c.rule_for_group(g).kind == "council"
              and c.rule_for_group(g).metric == metric.id]
    return max(limits) if limits else None


def _validation(metric: Metric, limit: Decimal | None) -> DataValidation:
    kind = metric.type
    if kind == "count":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    elif kind == "percent":
        rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    elif kind == "yes_no":
        rule = DataValidation(type="list", formula1='"có,không"')
    elif kind == "date":
        rule = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                              formula2="DATE(2100,12,31)")
    elif kind == "points" and limit is not None:
        rule = DataValidation(type="decimal", operator="between", formula1="0",
                              formula2=format_number(limit).replace(",", "."))
    else:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.showInputMessage = True
    rule.errorTitle = "Số liệu không hợp lệ"
    rule.error = xml_safe(f"{metric.label}: {_TYPE_HINTS[kind]}")[:255]
    rule.promptTitle = xml_safe(metric.label)[:32]
    rule.prompt = _TYPE_HINTS[kind]
    return rule


def build_form(campaign: Campaign, period: Period) -> Workbook:
    """Sheet 'Số liệu' (one row per unit, one column per metric) and sheet 'Hướng dẫn'."""
    groups = campaign.scored_groups(period)
    metrics = form_metrics(campaign, groups)
    units = [(g, u) for g, u in campaign.units() if g.id in groups]
    workbook = Workbook()
    ws = workbook.active
    ws.title = DATA_SHEET
    headers = ["Mã đơn vị", "Tên đơn vị"] + [metric_header(m) for m in metrics]
    for column, text in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column)
        put_text(cell, text)
        cell.font = Font(name=FONT_NAME, bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row, (group, unit) in enumerate(units, start=2):
        for column, text in ((1, unit.id), (2, unit.name)):
            cell = ws.cell(row=row, column=column)
            put_text(cell, text)
            cell.font = Font(name=FONT_NAME)
        for offset, metric in enumerate(metrics):
            cell = ws.cell(row=row, column=3 + offset)
            cell.font = Font(name=FONT_NAME)
            if metric.groups is None or group.id in metric.groups:
                cell.protection = Protection(locked=False)
                if metric.type == "date":
                    cell.number_format = "dd/mm/yyyy"
            else:
                cell.fill = _NOT_APPLICABLE_FILL
    last_row = len(units) + 1
    for offset, metric in enumerate(metrics):
        letter = get_column_letter(3 + offset)
        validation = _validation(metric, _points_limit(campaign, metric, groups))
        ws.add_data_validation(validation)
        if last_row >= 2:
            validation.add(f"{letter}2:{letter}{last_row}")
        ws.column_dimensions[letter].width = 22
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 40
    ws.row_dimensions[1].height = 60
    ws.freeze_panes = "C2"
    ws.protection.sheet = True           # no password: it guards against slips, not people
    ws.protection.formatColumns = False  # widths may still be adjusted
    ws.protection.formatRows = False
    _nominations(workbook.create_sheet(NOMINATIONS_SHEET), period)
    _units(workbook.create_sheet(UNIT_SHEET), [u for _, u in units])
    _guide(workbook.create_sheet(GUIDE_SHEET), campaign, period, metrics)
    return workbook


def _header(ws: Worksheet, titles: list[str], wide_from: int) -> None:
    for column, text in enumerate(titles, start=1):
        cell = ws.cell(row=1, column=column)
        put_text(cell, text)
        cell.font = Font(name=FONT_NAME, bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(column)].width = 40 if column >= wide_from else 20
    ws.row_dimensions[1].height = 45


def _units(ws: Worksheet, units: list) -> None:
    """What each unit proposed for a collective award says about itself (one row per unit)."""
    _header(ws, [title for _, title, _ in UNIT_COLUMNS], wide_from=3)
    for row, unit in enumerate(units, start=2):
        for column, text in ((1, unit.id), (2, unit.name)):
            cell = ws.cell(row=row, column=column)
            put_text(cell, text)
            cell.font = Font(name=FONT_NAME)
    ws.freeze_panes = "C2"


def _nominations(ws: Worksheet, period: Period) -> None:
    """The individuals a unit proposes, with the profile their báo cáo thành tích needs."""
    _header(ws, [text for _, text in SHEET_HEADERS], wide_from=11)
    keys = [key for key, _ in SHEET_HEADERS]
    sex = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    ws.add_data_validation(sex)
    letter = get_column_letter(keys.index("gioi_tinh") + 1)
    sex.add(f"{letter}2:{letter}{NOMINATION_ROWS + 1}")
    award_ids = ",".join(a.id for a in period.awards)
    if award_ids and len(award_ids) < 250:  # Excel's limit for a list written in the rule
        awards = DataValidation(type="list", formula1=f'"{award_ids}"', allow_blank=True)
        ws.add_data_validation(awards)
        letter = get_column_letter(keys.index("hinh_thuc") + 1)
        awards.add(f"{letter}2:{letter}{NOMINATION_ROWS + 1}")
    ws.freeze_panes = "B2"


def _guide(ws: Worksheet, campaign: Campaign, period: Period, metrics: list[Metric]) -> None:
    lines = [
        ("BIỂU MẪU THU THẬP SỐ LIỆU THI ĐUA", True),
        (f"Phong trào: {campaign.short_name or campaign.title}", False),
        (f"Đợt: {period.name}", False),
        ("", False),
        ("Cách điền:", True),
        (f"1. Ghi số liệu của đơn vị vào trang tính '{DATA_SHEET}', mỗi đơn vị một dòng.", False),
        ("2. Không sửa cột 'Mã đơn vị', 'Tên đơn vị' và dòng tiêu đề (đã khóa, không cần mật "
         "khẩu để mở nếu thật sự cần).", False),
        ("3. Ô màu xám: chỉ số không áp dụng cho đơn vị, để trống.", False),
        ("4. Không gộp ô, không thêm dòng tiêu đề; giữ nguyên tên cột.", False),
        (f"5. Trang tính '{NOMINATIONS_SHEET}': mỗi cá nhân đơn vị đề nghị khen thưởng một "
         "dòng, ghi Mã đơn vị như trang số liệu; các cột lý lịch dùng cho báo cáo thành tích "
         "(nhiều lần khen thưởng cách nhau bằng dấu ;).", False),
        (f"6. Trang tính '{UNIT_SHEET}': đơn vị tự giới thiệu cho báo cáo thành tích tập thể "
         "(đặc điểm, tổ chức bộ máy, chức năng nhiệm vụ, khen thưởng đã nhận).", False),
        ("7. Lưu tệp dạng .xlsx và gửi lại cho cơ quan thường trực.", False),
        ("", False),
        ("Các chỉ số:", True),
    ]
    for metric in metrics:
        detail = f"- {metric_header(metric)}: {_TYPE_HINTS[metric.type]}"
        if metric.source:
            detail += f". Nguồn số liệu: {metric.source}"
        lines.append((detail, False))
    for row, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1)
        put_text(cell, text)
        cell.font = Font(name=FONT_NAME, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110


def write_form(campaign: Campaign, period: Period, path: Path, force: bool = False) -> str:
    """Write the form unless the file there was changed since thidua wrote it (filled in by a
    unit): 'written', 'unchanged', 'overwritten' (force) or 'kept'."""
    return write_unless_edited(Path(path), workbook_bytes(build_form(campaign, period)), force)
