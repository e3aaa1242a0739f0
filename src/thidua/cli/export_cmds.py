"""CLI commands for deadlines and bulk export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from thidua.campaigns import campaigns_root, discover, load_campaign
from thidua.cli.campaign_cmds import parse_today
from thidua.cli.common import reports_errors
from thidua.deadlines import collect, table_lines, write_ics


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
    refs = list(campaigns) or [str(p) for p in discover(campaigns_root())]
    loaded = [load_campaign(ref) for ref in refs]
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


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    group.add_command(deadlines_cmd)
