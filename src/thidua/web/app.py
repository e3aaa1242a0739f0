"""The Starlette application: page modules' routes, static files, guards and error pages."""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from thidua.errors import ThiduaError
from thidua.web import pages
from thidua.web.jobs import JobBoard
from thidua.web.security import LOOPBACK_HOSTS, Guard, GuardMiddleware, host_name
from thidua.web.store import CampaignStore
from thidua.web.templating import STATIC, error_lines, error_page

log = logging.getLogger("thidua.web")

REFUSALS = {
    "host": "Địa chỉ máy chủ trong yêu cầu (Host) không phải của thidua; yêu cầu bị từ chối để "
            "chống tấn công DNS rebinding. Hãy mở thidua bằng địa chỉ in ra khi khởi động.",
    "auth": "Cần đăng nhập bằng mật khẩu của thidua trước khi thao tác.",
    "csrf": "Biểu mẫu đã hết hạn hoặc không gửi từ trang của thidua (thiếu mã chống giả mạo). "
            "Hãy tải lại trang rồi thử lại.",
    "size": "Tệp gửi lên quá lớn; thidua không nhận và không lưu tệp này.",
}


def page_routes() -> list[BaseRoute]:
    """The `routes` of every module in thidua.web.pages, in module name order."""
    routes: list[BaseRoute] = []
    for info in sorted(pkgutil.iter_modules(pages.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{pages.__name__}.{info.name}")
        routes.extend(getattr(module, "routes", []))
    return routes


def create_app(campaigns_root: Path, *, password: str | None = None,
               host: str = "127.0.0.1", output_root: Path | None = None,
               body_limit: int | None = None, warm: bool = True) -> Starlette:
    """The web app over a campaigns folder; host is the address served (its name is the
    only non-loopback Host header accepted); documents go to output_root (default ./output,
    the folder `thidua export` writes). warm: load and score every campaign in the
    background at startup, so that the first page is served from the cache."""
    allowed = set(LOOPBACK_HOSTS)
    if host and host not in ("0.0.0.0", "::"):
        allowed.add(host_name(host.lower()))
    guard = Guard(frozenset(allowed), password or None)
    if body_limit:
        guard.body_limit = body_limit

    async def refuse(scope: dict[str, Any], status: int, reason: str) -> HTMLResponse:
        request = Request(scope)
        request.scope.setdefault("app", app)
        return error_page(request, status, REFUSALS[reason])

    routes = page_routes() + [Mount("/static", StaticFiles(directory=str(STATIC)), name="static")]
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm:
            app.state.jobs.start("warm", "Chuẩn bị", lambda job: warm_up(app))
        yield
        await anyio.to_thread.run_sync(app.state.jobs.wait, 120.0)  # finish, never cut, an export

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(GuardMiddleware, guard=guard, refuse=refuse)],
        exception_handlers={HTTPException: _http_error, ThiduaError: _thidua_error,
                            Exception: _internal_error},
    )
    app.state.guard = guard
    app.state.store = CampaignStore(Path(campaigns_root))
    app.state.output_root = Path(output_root) if output_root else Path("output").resolve()
    app.state.jobs = JobBoard()
    # One process: forking a pool from the server's threads could inherit a held lock; a
    # 1.000-unit dossier still takes seconds (bench/bench_export.py).
    app.state.export_workers = 1
    return app


def warm_up(app: Starlette) -> list[str]:
    """What the home page computes (every campaign loaded, every period scored), cached."""
    from datetime import date

    from thidua.web.overview import all_cards

    all_cards(app.state.store, date.today(), app.state.output_root)
    return []


async def _http_error(request: Request, exc: Exception) -> HTMLResponse | PlainTextResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code in (204, 304):
        return PlainTextResponse("", status_code=exc.status_code)
    message = exc.detail if isinstance(exc.detail, str) and exc.detail.strip() else ""
    if exc.status_code == 404 and (not message or message == "Not Found"):
        message = f"Không có trang {request.url.path}. Hãy quay về Trang chủ."
    elif exc.status_code == 405 and (not message or message == "Method Not Allowed"):
        message = "Trang này không nhận thao tác đó."
    return error_page(request, exc.status_code, message)


async def _thidua_error(request: Request, exc: Exception) -> HTMLResponse:
    assert isinstance(exc, ThiduaError)
    problems, summary = error_lines(exc)
    return error_page(request, 400, summary, problems)


async def _internal_error(request: Request, exc: Exception) -> HTMLResponse:
    log.exception("lỗi nội bộ khi xử lý %s", request.url.path)
    return error_page(request, 500, f"Lỗi nội bộ của thidua ({type(exc).__name__}). Kết quả "
                      "trước đó được giữ nguyên. Hãy gửi thao tác vừa làm và thông báo này cho "
                      "người phát triển.")
