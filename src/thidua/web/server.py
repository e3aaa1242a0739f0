"""Serve the web app with uvicorn: address checks, password rule, browser opening."""

from __future__ import annotations

import ipaddress
import os
import threading
import webbrowser
from pathlib import Path

from thidua.errors import ThiduaError
from thidua.web.app import create_app
from thidua.web.security import is_loopback

PASSWORD_ENV = "THIDUA_WEB_PASSWORD"


def loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and 'localhost' are reachable from this machine only."""
    if is_loopback(host):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def password_for(host: str, given: str | None) -> str | None:
    """The password required to serve on host: none on loopback, else given or $THIDUA_WEB_PASSWORD."""
    password = given or os.environ.get(PASSWORD_ENV) or None
    if not loopback(host) and not password:
        raise ThiduaError(f"Lỗi: --host {host} mở thidua cho các máy khác trong mạng; cần đặt "
                          f"mật khẩu bằng --password hoặc biến môi trường {PASSWORD_ENV}.")
    if password is not None and len(password) < 8:
        raise ThiduaError("Lỗi: mật khẩu cần ít nhất 8 ký tự.")
    return password


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown and not shown.startswith("[") else shown
    return f"http://{shown}:{port}/"


def serve(folder: Path, host: str, port: int, password: str | None, open_browser: bool,
          announce=print) -> None:
    """Run until Ctrl+C; the browser opens once the server is listening."""
    import uvicorn

    app = create_app(folder, password=password, host=host)
    url = url_of(host, port)
    announce(f"thidua đang chạy tại {url} (thư mục phong trào: {folder})")
    if password:
        announce("Các máy khác trong mạng mở được thidua; cần mật khẩu đã đặt để đăng nhập.")
    announce("Nhấn Ctrl+C để dừng.")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if open_browser:
        def open_when_ready() -> None:
            for _ in range(100):
                if server.started:
                    webbrowser.open(url)
                    return
                threading.Event().wait(0.1)
        threading.Thread(target=open_when_ready, daemon=True).start()
    server.run()
