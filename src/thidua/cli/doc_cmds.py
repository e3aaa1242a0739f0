"""CLI commands `thidua plan`, `thidua dossier` and `thidua context` (văn bản Word)."""

from __future__ import annotations

from pathlib import Path

import click

from thidua.campaign.loading import load_campaign
from thidua.cli.common import data_option, period_option, reports_errors
from thidua.documents import DOCUMENTS, document_context
from thidua.documents.context import to_json
from thidua.export.folder_output import FolderOutcome
from thidua.export.single import build_dossier, build_plan
from thidua.scoring.pipeline import score_period, select_period

_OUTPUT = click.Path(file_okay=False, path_type=Path)


def _report(outcome: FolderOutcome) -> None:
    for path in outcome.paths:
        click.echo(f"Đã ghi {path}")
    for path in outcome.preserved:
        click.echo(f"Giữ nguyên (đã sửa tay sau khi tạo; dùng --force để ghi đè): {path}")
    for path in outcome.overwritten:
        click.echo(f"Đã ghi đè tệp đã sửa tay (--force): {path}")
    if outcome.missing:
        click.echo(f"Hồ sơ còn thiếu thông tin phải điền tay ({len(outcome.missing)} văn bản, chỗ "
                   "trống được tô vàng trong văn bản; bổ sung vào danh sách cá nhân, tệp "
                   "bao-cao-thanh-tich hoặc campaign.yaml (người ký, cuộc họp)):")
        for line in outcome.missing:
            click.echo(f"  - {line}")


_FORCE = click.option("--force", is_flag=True,
                      help="Ghi đè cả những tệp đã được sửa tay sau khi tạo (mặc định: giữ nguyên).")


@click.command("plan")
@click.argument("campaign")
@click.option("-o", "--output", "out_dir", default=None, metavar="THƯ-MỤC", type=_OUTPUT,
              help="Thư mục ghi tệp (mặc định: output/<phong trào>/ke-hoach/).")
@_FORCE
@reports_errors
def plan_cmd(campaign: str, out_dir: Path | None, force: bool) -> None:
    """Soạn Kế hoạch phát động phong trào thi đua (ke-hoach.docx).

    Đủ mọi mục của campaign.yaml: căn cứ, mục đích, yêu cầu, đối tượng, thời gian, nội
    dung, bảng chấm điểm (theo từng nhóm khi tiêu chí khác nhau), khen thưởng, hồ sơ, thời
    hạn, tổ chức thực hiện, nơi nhận và người ký; đúng thể thức Nghị định 30/2020.
    """
    _report(build_plan(load_campaign(campaign), out_dir, force=force))


@click.command("dossier")
@click.argument("campaign")
@period_option
@data_option
@click.option("-o", "--output", "out_dir", default=None, metavar="THƯ-MỤC", type=_OUTPUT,
              help="Thư mục ghi hồ sơ (mặc định: output/<phong trào>/<đợt>/).")
@_FORCE
@reports_errors
def dossier_cmd(campaign: str, period_id: str | None, data_path: Path | None,
                out_dir: Path | None, force: bool) -> None:
    """Soạn toàn bộ hồ sơ khen thưởng của một đợt từ kết quả chấm điểm.

    Gồm: 01 tờ trình (kèm danh sách), 02 biên bản họp Hội đồng, 03 quyết định (kèm danh
    sách), 04 báo cáo thành tích của từng tập thể được khen và từng cá nhân được đề nghị,
    05 phiếu kết quả gửi từng đơn vị, 06 báo cáo kèm bảng tổng hợp điểm. Khi còn đơn vị
    bằng điểm cần Hội đồng quyết định, không soạn gì và hướng dẫn cách ghi thứ tự của Hội
    đồng (tệp data/<đợt>-hoi-dong.csv).
    """
    loaded = load_campaign(campaign)
    period = select_period(loaded.campaign, period_id)
    result = score_period(loaded, period.id, data_path) if data_path else None
    _report(build_dossier(loaded, period.id, out_dir, result, force=force))


@click.command("context")
@click.argument("campaign")
@click.option("--doc", "name", required=True, type=click.Choice(sorted(DOCUMENTS)),
              metavar="VĂN-BẢN", help="Tên văn bản: " + ", ".join(sorted(DOCUMENTS)) + ".")
@click.option("--unit", "unit_id", default=None, metavar="ĐƠN-VỊ",
              help="Mã đơn vị (phiếu kết quả, báo cáo thành tích); mặc định: đơn vị đầu tiên.")
@click.option("--person", default=None, metavar="HỌ-TÊN",
              help="Họ tên cá nhân (báo cáo thành tích cá nhân); mặc định: người đầu tiên.")
@period_option
@reports_errors
def context_cmd(campaign: str, name: str, unit_id: str | None, person: str | None,
                period_id: str | None) -> None:
    """In (JSON) các biến mà mẫu Word của một văn bản nhận được.

    Dùng khi sửa mẫu trong templates/ hoặc campaigns/<mã>/templates/: mỗi khóa viết trong
    mẫu là {{ khóa }}, ví dụ {{ van_ban.so_ky_hieu }}. Danh sách đầy đủ và ý nghĩa:
    docs/TEMPLATE_VARIABLES.md.
    """
    loaded = load_campaign(campaign)
    context = document_context(loaded, name, period_id, unit_id, person)
    click.echo(to_json(context))


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    for command in (plan_cmd, dossier_cmd, context_cmd):
        group.add_command(command)
