"""CLI commands about campaign definitions: validate, schema, init, list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from thidua.campaign.jsonschema import campaign_json_schema
from thidua.campaign.loading import campaigns_root, discover, load_campaign
from thidua.campaign.scaffold import create_campaign
from thidua.campaign.summary import next_deadline_text, period_text, summary_lines
from thidua.cli.common import reports_errors
from thidua.errors import CampaignError, DataError
from thidua.scoring.datacheck import check_period_data
from thidua.vietnamese.formatting import parse_date


def parse_today(value: str | None) -> date:
    """--today option: a date in any accepted form, or the system date."""
    if not value:
        return date.today()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("validate")
@click.argument("campaign")
@click.option("--no-data", is_flag=True, help="Chỉ kiểm tra campaign.yaml, không đọc tệp số liệu.")
@reports_errors
def validate_cmd(campaign: str, no_data: bool) -> None:
    """Kiểm tra tệp định nghĩa phong trào và số liệu các đợt; báo MỌI lỗi kèm vị trí.

    CAMPAIGN là mã phong trào trong thư mục campaigns/, hoặc đường dẫn tới thư mục
    hay tệp campaign.yaml. Lỗi trong campaign.yaml ghi tệp:dòng (khóa); lỗi số liệu ghi
    tệp, trang tính, dòng, cột. Mã thoát 0 khi hợp lệ, 2 khi có lỗi.
    """
    loaded = load_campaign(campaign)
    for warning in loaded.warnings:
        click.echo(str(warning), err=True)
    click.echo(f"Hợp lệ: {loaded.file}")
    for line in summary_lines(loaded):
        click.echo(f"  {line}")
    if no_data:
        return
    report = check_period_data(loaded)
    for line in report.lines:
        click.echo(f"  {line}")
    if report.problems:
        raise DataError(report.problems)


@click.command("schema")
@reports_errors
def schema_cmd() -> None:
    """In JSON Schema của định dạng campaign.yaml (để trình soạn thảo gợi ý khóa)."""
    click.echo(json.dumps(campaign_json_schema(), ensure_ascii=False, indent=2))


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--year", type=int, default=None, help="Năm của phong trào (mặc định: năm nay).")
@click.option("--force", is_flag=True,
              help="Ghi đè campaign.yaml đã có (tệp số liệu, mẫu đã có luôn được giữ nguyên).")
@reports_errors
def init_cmd(folder: Path, year: int | None, force: bool) -> None:
    """Tạo thư mục phong trào mới với campaign.yaml có chú thích từng khóa.

    Sau đó sửa campaign.yaml theo Kế hoạch của cơ quan và chạy
    'thidua validate FOLDER' để kiểm tra.
    """
    written, kept = create_campaign(folder, year or date.today().year, force=force)
    for path in written:
        click.echo(f"Đã tạo {path}")
    for path in kept:
        click.echo(f"Giữ nguyên tệp đã có: {path}")
    click.echo(f"Tiếp theo: sửa {written[0]} rồi chạy: thidua validate {folder}")


@click.command("list")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--today", default=None, help="Ngày tính thời hạn (dd/mm/yyyy), mặc định hôm nay.")
@reports_errors
def list_cmd(folder: Path | None, today: str | None) -> None:
    """Liệt kê các phong trào (mặc định trong thư mục campaigns/) với thời gian và thời hạn gần nhất."""
    root = folder or campaigns_root()
    day = parse_today(today)
    folders = discover(root)
    if not folders:
        click.echo(f"Không có phong trào nào trong {root}.")
        return
    invalid = 0
    for path in folders:
        try:
            loaded = load_campaign(path)
        except CampaignError as exc:
            invalid += 1
            click.echo(f"{path.name}: KHÔNG HỢP LỆ ({len(exc.problems)} lỗi; chạy thidua validate "
                       f"{path})")
            continue
        name = loaded.campaign.short_name or loaded.campaign.title
        click.echo(f"{path.name}: {name}")
        click.echo(f"    Thời gian: {period_text(loaded)}")
        click.echo(f"    Thời hạn gần nhất: {next_deadline_text(loaded, day)}")
    if invalid:
        raise SystemExit(2)


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    for command in (validate_cmd, schema_cmd, init_cmd, list_cmd):
        group.add_command(command)
