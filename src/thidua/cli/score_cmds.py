"""CLI commands `thidua score` (chấm điểm, xếp hạng, khen thưởng) and `thidua form`."""

from __future__ import annotations

from pathlib import Path

import click

from thidua.atomic import write_text_atomic
from thidua.campaign.loading import CAMPAIGN_FILE, LoadedCampaign, load_campaign
from thidua.cli.common import data_option, period_option, reports_errors
from thidua.data.form import write_form
from thidua.errors import ThiduaError
from thidua.scoring.output import render_json, render_table, write_xlsx
from thidua.scoring.pipeline import data_paths, score_period, select_period

DATA_FILE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


def campaign_argument(ref: str, takes_data: bool = True) -> str:
    """The CAMPAIGN argument, refused when it is a data file (meant for --data)."""
    path = Path(ref)
    if path.suffix.lower() not in DATA_FILE_SUFFIXES or path.is_dir():
        return ref
    if not takes_data:
        raise ThiduaError(f"Lỗi: CAMPAIGN phải là mã phong trào hoặc thư mục, không phải tệp "
                          f"số liệu ({ref})")
    folder = path.parent.parent if path.parent.name == "data" else None
    example = folder if folder and (folder / CAMPAIGN_FILE).is_file() else "<mã phong trào>"
    raise ThiduaError(f"Lỗi: CAMPAIGN phải là mã phong trào hoặc thư mục; tệp số liệu đưa vào "
                      f"bằng --data, ví dụ: thidua score {example} --data {ref}")


def check_output_name(output_format: str, output: Path | None) -> None:
    """--format xlsx writes a workbook: refuse a name that says otherwise (x.csv)."""
    if output_format == "xlsx" and output is not None and output.suffix.lower() != ".xlsx":
        raise ThiduaError(f"Lỗi: --format xlsx ghi tệp Excel; tên tệp -o phải có đuôi .xlsx "
                          f"(nhận được '{output.name}')")


def warn_sheet_of_csv(loaded: LoadedCampaign, period_id: str | None, data_path: Path | None,
                      sheet: str | None) -> None:
    """--sheet has nothing to pick in a CSV file: say so instead of ignoring it silently."""
    if sheet is None:
        return
    figures = data_paths(loaded, select_period(loaded.campaign, period_id), data_path).figures
    if figures.suffix.lower() in (".csv", ".txt"):
        click.echo(f"Cảnh báo: {figures}: tệp CSV không có trang tính; bỏ qua --sheet "
                   f"'{sheet}'", err=True)


@click.command("score")
@click.argument("campaign")
@period_option
@data_option
@click.option("--sheet", default=None, metavar="TÊN",
              help="Trang tính của tệp XLSX (mặc định: trang đầu tiên); tệp CSV không có "
                   "trang tính.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "xlsx"]),
              default="table", show_default=True,
              help="table: bảng chữ; json: đúng PeriodResult.to_json(); xlsx: bảng tổng hợp "
                   "in khổ A4 ngang kèm diễn giải.")
@click.option("-o", "--output", default=None, metavar="TỆP",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi ra tệp thay vì in ra màn hình; với --format xlsx mặc định là "
                   "bang-tong-hop-<phong trào>-<đợt>.xlsx.")
@reports_errors
def score_cmd(campaign: str, period_id: str | None, data_path: Path | None, sheet: str | None,
              output_format: str, output: Path | None) -> None:
    """Chấm điểm, xếp hạng và phân bổ khen thưởng một đợt của phong trào.

    CAMPAIGN là mã phong trào trong campaigns/ hoặc đường dẫn thư mục (tệp số liệu đưa vào
    bằng --data). Không có --period: chấm đợt cuối cùng khai báo trong campaign.yaml. Không có
    --data: dùng số liệu trong thư mục data/ của phong trào. Số liệu sai thì không chấm: liệt kê
    mọi lỗi (tệp, trang tính, dòng, cột) và thoát mã 2. Mỗi đơn vị nhận tối đa một hình thức khen thưởng tập thể trong một đợt: hình thức
    khai báo trước trong campaign.yaml được xét trước (ví dụ Bằng khen trước Giấy khen).
    Khi có đơn vị bằng điểm mà tiêu chí phụ không phân định được và ảnh hưởng đến
    khen thưởng, in cảnh báo "cần Hội đồng quyết định" (mã thoát 0); ghi thứ tự Hội đồng
    quyết định vào tệp data/<đợt>-hoi-dong.csv rồi chấm lại. Đơn vị bằng điểm đã được phân
    định (theo tiêu chí phụ hoặc thứ tự Hội đồng) có dòng "Bằng điểm – …" dưới bảng và ghi chú
    trong tệp XLSX. Cột "Điểm cộng" có khi khen thưởng của đợt có điểm cộng.
    """
    check_output_name(output_format, output)
    loaded = load_campaign(campaign_argument(campaign))
    warn_sheet_of_csv(loaded, period_id, data_path, sheet)
    result = score_period(loaded, period_id, data_path, sheet)
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    for tie in result.pending_ties:
        click.echo(f"Cảnh báo: {tie.message}", err=True)
    if output_format == "xlsx":
        target = output or Path(f"bang-tong-hop-{loaded.id}-{result.period_id}.xlsx")
        write_xlsx(result, loaded.campaign, target)
        click.echo(f"Đã ghi {target}")
        return
    text = render_json(result) if output_format == "json" else render_table(result,
                                                                            loaded.campaign)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        click.echo(f"Đã ghi {output}")


@click.command("form")
@click.argument("campaign")
@period_option
@click.option("-o", "--output", default=None, metavar="TỆP",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp XLSX ghi ra (mặc định: bieu-mau-so-lieu-<phong trào>-<đợt>.xlsx).")
@click.option("--force", is_flag=True,
              help="Ghi đè cả biểu mẫu đã được sửa hoặc điền số liệu sau khi tạo.")
@reports_errors
def form_cmd(campaign: str, period_id: str | None, output: Path | None, force: bool) -> None:
    """Tạo biểu mẫu Excel thu thập số liệu gửi các đơn vị.

    Mỗi đơn vị một dòng (mã, tên điền sẵn và khóa), mỗi chỉ số một cột có đơn vị tính và
    kiểm tra dữ liệu (số nguyên, tỷ lệ 0–100, có/không, ngày); kèm trang hướng dẫn. Tệp đã
    điền đọc lại trực tiếp bằng: thidua score CAMPAIGN --data TỆP.
    """
    loaded = load_campaign(campaign_argument(campaign, takes_data=False))
    period = select_period(loaded.campaign, period_id)
    target = output or Path(f"bieu-mau-so-lieu-{loaded.id}-{period.id}.xlsx")
    status = write_form(loaded.campaign, period, target, force)
    if status == "kept":
        click.echo(f"Giữ nguyên {target}: tệp đã khác bản thidua tạo ra (có thể đã được điền "
                   "số liệu). Dùng --force để ghi đè, hoặc -o để ghi ra tệp khác.", err=True)
        raise SystemExit(1)
    click.echo(f"{'Đã ghi đè (--force)' if status == 'overwritten' else 'Đã ghi'} {target}")


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    group.add_command(score_cmd)
    group.add_command(form_cmd)
