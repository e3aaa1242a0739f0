"""CLI command `thidua import`: draft a campaign from an existing Kế hoạch."""

from __future__ import annotations

from pathlib import Path

import click

from thidua.campaign.loading import campaigns_root
from thidua.cli.common import reports_errors
from thidua.plan_import import default_target, import_plan


@click.command("import")
@click.argument("plan_file", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Thư mục phong trào mới, ví dụ campaigns/nguoi-dan-2024 (không được có sẵn).")
@reports_errors
def import_cmd(plan_file: Path, output: Path | None) -> None:
    """Soạn nháp một phong trào từ Kế hoạch đã có (tệp Word .docx hoặc văn bản .txt).

    Giữ nguyên văn dàn ý Kế hoạch (các mục, khoản, điểm và từng đoạn), phần đầu văn bản,
    căn cứ, nơi nhận, người ký; nhận ra thời hạn, hình thức và số lượng khen thưởng, tiền
    thưởng, điểm cộng, bảng tiêu chí và ghi thành dữ liệu có chú thích để kiểm tra lại.
    Không bao giờ ghi đè một phong trào đã có.
    """
    target = output or default_target(plan_file, campaigns_root())
    report = import_plan(plan_file, target)
    for line in report.summary_lines():
        click.echo(line)
    click.echo(f"Kiểm tra tiếp bằng: thidua validate {target}")


def register(cli: click.Group) -> None:
    cli.add_command(import_cmd)
