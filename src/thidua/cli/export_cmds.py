"""CLI commands for deadlines and bulk export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from thidua.campaign.deadlines import collect, table_lines, write_ics
from thidua.campaign.loading import load_campaign
from thidua.cli.campaign_cmds import parse_today
from thidua.cli.common import reports_errors
from thidua.errors import ThiduaError
from thidua.export.bulk import (
    ExportSummary,
    all_campaign_refs,
    export,
    select_campaigns,
    summary_lines,
)
from thidua.pdf.run import DEFAULT_RUN_SECONDS


@click.command("deadlines")
@click.argument("campaigns", nargs=-1)
@click.option("--today", default=None, help="Ngày tính số ngày còn lại (dd/mm/yyyy), mặc định hôm nay.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi thêm tệp lịch .ics để nhập vào Outlook/Google Calendar.")
@reports_errors
def deadlines_cmd(campaigns: tuple[str, ...], today: str | None, ics_path: Path | None) -> None:
    """Bảng mọi thời hạn của các phong trào, số ngày còn lại; quá hạn được đánh dấu.

    Không nêu CAMPAIGNS thì lấy mọi phong trào trong thư mục campaigns/.
    """
    day = parse_today(today)
    refs = list(campaigns) or all_campaign_refs()
    loaded, invalid = [], 0
    for ref in refs:
        try:
            loaded.append(load_campaign(ref))
        except ThiduaError as exc:
            invalid += 1
            click.echo(f"Bỏ qua {ref}: định nghĩa có {len(getattr(exc, 'problems', [])) or 1} lỗi "
                       f"(chạy thidua validate {ref}).", err=True)
    rows = collect(loaded, day)
    color = sys.stdout.isatty()
    for text, overdue in table_lines(rows):
        click.echo(click.style(text, fg="red", bold=True) if overdue and color else text)
    overdue_count = sum(r.overdue for r in rows)
    click.echo(f"Tổng cộng {len(rows)} thời hạn, {overdue_count} quá hạn (tính đến "
               f"{day:%d/%m/%Y}).")
    if ics_path:
        write_ics(rows, ics_path)
        click.echo(f"Đã ghi lịch: {ics_path}")
    if invalid:
        raise SystemExit(2)


@click.command("export")
@click.argument("campaigns", nargs=-1)
@click.option("--all", "all_campaigns", is_flag=True, help="Xuất mọi phong trào trong campaigns/.")
@click.option("--due-within", type=click.IntRange(min=0), default=None, metavar="SỐ-NGÀY",
              help="Chỉ xuất phong trào có thời hạn trong số ngày tới.")
@click.option("--today", default=None, help="Ngày tính thời hạn cho --due-within (dd/mm/yyyy).")
@click.option("--pdf", is_flag=True, help="Chuyển thêm mọi văn bản sang PDF (cần LibreOffice).")
@click.option("--pdf-timeout", type=click.FloatRange(min=1), default=DEFAULT_RUN_SECONDS,
              show_default=True, metavar="GIÂY",
              help="Thời gian tối đa cho toàn bộ việc chuyển PDF của lần chạy; hết giờ thì "
                   "dừng và liệt kê các văn bản chưa có PDF.")
@click.option("--zip", "make_zip", is_flag=True, help="Đóng gói mỗi bộ hồ sơ thành một tệp ZIP.")
@click.option("--force", is_flag=True,
              help="Ghi đè cả những tệp người dùng đã sửa sau khi tạo (mặc định: giữ nguyên).")
@click.option("-o", "--output", "out_root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Thư mục kết quả.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Số tiến trình song song (mặc định: số nhân CPU).")
@reports_errors
def export_cmd(campaigns: tuple[str, ...], all_campaigns: bool, due_within: int | None,
               today: str | None, pdf: bool, pdf_timeout: float, make_zip: bool, force: bool,
               out_root: Path, workers: int | None) -> None:
    """Xuất toàn bộ văn bản (Kế hoạch và hồ sơ từng đợt) của các phong trào.

    Kết quả ở OUTPUT/<phong-trào>/<đợt>/ kèm manifest.json. Tệp đã được sửa tay sau
    khi tạo sẽ được giữ nguyên và liệt kê ở cuối (trừ khi dùng --force). Một thư mục
    chỉ được thay khi mọi văn bản của nó đã tạo xong; bị ngắt giữa chừng thì kết quả cũ
    vẫn còn nguyên. Mã thoát 1 khi có văn bản lỗi.
    """
    selected, invalid = select_campaigns(list(campaigns), all_campaigns, due_within,
                                         parse_today(today))
    if not selected and not invalid:
        click.echo("Không có phong trào nào có thời hạn trong khoảng đã chọn.")
        return
    options = dict(pdf=pdf, make_zip=make_zip, force=force, workers=workers,
                   pdf_timeout=pdf_timeout)
    summary = _run_export(selected, out_root, options)
    summary.failures[:0] = invalid
    for line in summary_lines(summary):
        click.echo(line)
    if not summary.ok:
        raise SystemExit(1)


def _run_export(selected, out_root, options) -> ExportSummary:
    if sys.stdout.isatty():
        with click.progressbar(length=1, label="Đang tạo văn bản") as bar:
            def progress(done: int, total: int, name: str) -> None:
                bar.length = total
                bar.update(done - bar.pos)
            return export(selected, out_root, progress=progress, **options)
    step = {"next": 0}

    def plain(done: int, total: int, name: str) -> None:
        if done >= step["next"] or done == total:
            click.echo(f"Đã tạo {done}/{total} văn bản")
            step["next"] = done + max(1, total // 10)
    return export(selected, out_root, progress=plain, **options)


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    group.add_command(deadlines_cmd)
    group.add_command(export_cmd)
