"""Jinja pages of the web app: sandboxed, autoescaped environment and the render helpers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from starlette.requests import Request
from starlette.responses import HTMLResponse

from thidua.errors import Problem, ProblemsError, ThiduaError
from thidua.vietnamese.formatting import JINJA_FILTERS
from thidua.web.security import CSRF_FIELD, csrf_token

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần đăng nhập",
    403: "Yêu cầu bị từ chối",
    404: "Không tìm thấy trang",
    405: "Thao tác không được hỗ trợ",
    413: "Tệp quá lớn",
    500: "Lỗi nội bộ",
}


def build_environment() -> SandboxedEnvironment:
    """One sandboxed environment; every template is autoescaped, whatever its name."""
    env = SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATES)),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True)
    env.filters.update(JINJA_FILTERS)
    return env


ENV = build_environment()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page of web/templates with the request, CSRF field and navigation data."""
    context.setdefault("request", request)
    context["csrf_token"] = csrf_token(request) if "thidua.session" in request.scope else ""
    context["csrf_field"] = CSRF_FIELD
    context["password_set"] = bool(getattr(request.app.state, "guard", None)
                                   and request.app.state.guard.password)
    context["short_paths"] = path_shortener(request)
    html = ENV.get_template(name).render(context)
    return HTMLResponse(html, status_code=status_code,
                        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                                 "X-Content-Type-Options": "nosniff",
                                 "Referrer-Policy": "same-origin"})


def path_shortener(request: Request) -> Any:
    """Messages name files by absolute path (the CLI's working folder is not the server's):
    on a page, paths under the campaigns or output folder read from that folder's parent."""
    state = request.app.state
    roots = sorted({str(Path(p).resolve().parent) + os.sep for p in (
        getattr(getattr(state, "store", None), "root", None), getattr(state, "output_root", None))
        if p is not None}, key=len, reverse=True)

    def shorten(text: Any) -> str:
        text = "" if text is None else str(text)
        for root in roots:
            text = text.replace(root, "")
        return text
    return shorten


def problem_rows(problems: list[Problem]) -> list[dict[str, str]]:
    """Problems as table rows: where (file, sheet, row, column, key), message, severity."""
    rows = []
    for p in problems:
        loc = p.location
        rows.append({
            "file": Path(loc.file).name if loc.file else "",
            "line": str(loc.line or ""),
            "key": loc.key or "",
            "sheet": loc.sheet or "",
            "row": "" if loc.row is None else str(loc.row),
            "column": loc.column or "",
            "where": str(loc),
            "message": p.message,
            "severity": "Lỗi" if p.severity == "error" else "Cảnh báo",
        })
    return rows


def error_lines(exc: ThiduaError) -> tuple[list[dict[str, str]], str]:
    """(problem rows, summary) of a library error, for an error box or page."""
    if isinstance(exc, ProblemsError):
        return problem_rows(exc.problems), exc.message
    return [], exc.message


def error_page(request: Request, status: int, message: str,
               problems: list[dict[str, str]] | None = None) -> HTMLResponse:
    """A Vietnamese error page (never a traceback)."""
    title = ERROR_TITLES.get(status, "Lỗi")
    return render(request, "error.html", status_code=status, title=title, message=message,
                  problems=problems or [])
