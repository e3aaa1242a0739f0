"""Login and logout when the app is served with a password (a non-loopback --host)."""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from thidua.web.security import AUTH_COOKIE, session_id
from thidua.web.templating import render

FAILED_LOGIN_DELAY = 1.0  # seconds


async def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html")


async def login(request: Request) -> Response:
    guard = request.app.state.guard
    form = await request.form()
    given = form.get("password")
    if not guard.password or not isinstance(given, str) or not guard.password_matches(given):
        await anyio.sleep(FAILED_LOGIN_DELAY)  # slows down guessing from the network
        return render(request, "login.html", status_code=401,
                      messages=[("error", "Sai mật khẩu. Hãy hỏi người đã khởi động thidua.")])
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(AUTH_COOKIE, guard.auth_value(session_id(request)), httponly=True,
                        samesite="strict")
    return response


async def logout(request: Request) -> Response:
    response = RedirectResponse("/dang-nhap" if request.app.state.guard.password else "/",
                                status_code=303)
    response.delete_cookie(AUTH_COOKIE)
    return response


routes = [
    Route("/dang-nhap", login_form, methods=["GET"]),
    Route("/dang-nhap", login, methods=["POST"]),
    Route("/dang-xuat", logout, methods=["POST"]),
]
