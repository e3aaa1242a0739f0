"""CLI command `thidua web`: the local web app over a campaigns folder."""

from __future__ import annotations

from pathlib import Path

import click

from thidua.campaign.loading import campaigns_root
from thidua.cli.common import reports_errors
from thidua.web.server import PASSWORD_ENV, password_for, serve


@click.command("web")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Cổng của máy chủ web.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe; mặc định chỉ máy này mở được. Địa chỉ khác (ví dụ "
                   "0.0.0.0) mở cho cả mạng nội bộ và bắt buộc đặt mật khẩu.")
@click.option("--password", default=None, metavar="MẬT-KHẨU",
              help=f"Mật khẩu đăng nhập khi mở cho mạng nội bộ (hoặc biến {PASSWORD_ENV}).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
@reports_errors
def web_cmd(folder: Path | None, port: int, host: str, password: str | None,
            no_browser: bool) -> None:
    """Mở thidua trên trình duyệt: xem, chấm điểm và tạo hồ sơ không cần dòng lệnh.

    FOLDER là thư mục chứa các phong trào (mặc định campaigns/ hoặc $THIDUA_CAMPAIGNS).
    Máy chủ chỉ chạy trên máy này (127.0.0.1) trừ khi chỉ định --host kèm mật khẩu.
    Văn bản tạo ra ghi vào thư mục output/ như lệnh export. Nhấn Ctrl+C để dừng.
    """
    root = folder or campaigns_root()
    if not root.is_dir():
        raise click.BadParameter(f"không có thư mục {root}", param_hint="FOLDER")
    serve(root, host, port, password_for(host, password), not no_browser, click.echo)


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    group.add_command(web_cmd)
