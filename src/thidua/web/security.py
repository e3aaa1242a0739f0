"""Guards of every request: Host header, browser session, password, CSRF token, body size."""

from __future__ import annotations

import hashlib
import ipaddress
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.requests import Request

SESSION_COOKIE = "thidua_sid"
AUTH_COOKIE = "thidua_auth"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOGIN_PATH = "/dang-nhap"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_BODY_LIMIT = 20 * 1024 * 1024  # the largest upload any page accepts, with form overhead

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Refusal = Callable[[Scope, int, str], Awaitable[Any]]


def is_loopback(host: str) -> bool:
    return host.strip("[]") in {h.strip("[]") for h in LOOPBACK_HOSTS}


def host_name(host_header: str) -> str:
    """'127.0.0.1:8000' → '127.0.0.1'; '[::1]:80' → '[::1]'."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


@dataclass
class Guard:
    """The app's secrets and policy: which Host names are ours, the optional password."""

    allowed_hosts: frozenset[str] = LOOPBACK_HOSTS
    password: str | None = None
    body_limit: int = DEFAULT_BODY_LIMIT
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def sign(self, purpose: str, value: str) -> str:
        return hmac.new(self.secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def csrf_token(self, session_id: str) -> str:
        return self.sign("csrf", session_id)

    def auth_value(self, session_id: str) -> str:
        return self.sign("auth", session_id)

    def password_matches(self, given: str) -> bool:
        return bool(self.password) and hmac.compare_digest(given.encode(), self.password.encode())

    def host_allowed(self, host_header: str) -> bool:
        """Our names, or an IP address typed as such: DNS rebinding needs a domain name."""
        name = host_name(host_header.strip().lower())
        if name in self.allowed_hosts:
            return True
        try:
            ipaddress.ip_address(name.strip("[]"))
            return True
        except ValueError:
            return False


def session_id(request: Request) -> str:
    """The browser's session id (set by the middleware on the first request)."""
    return request.scope.get("thidua.session", "")


def csrf_token(request: Request) -> str:
    """The token every form of this page must send back (field csrf_token or X-CSRF-Token)."""
    guard: Guard = request.app.state.guard
    return guard.csrf_token(session_id(request))


def _cookies(headers: Headers) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is treated as no cookie
        return {}
    return {k: v.value for k, v in jar.items()}


class GuardMiddleware:
    """Pure ASGI middleware: refuses foreign Host headers, unauthenticated users when a
    password is set, POSTs without the session's CSRF token and bodies over the limit
    (counted while streaming, so a 200 MB upload is refused without being read)."""

    def __init__(self, app: Any, guard: Guard, refuse: Refusal) -> None:
        self.app, self.guard, self.refuse = app, guard, refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self.guard.host_allowed(headers.get("host", "")):
            await self._refuse(scope, receive, send, 400, "host")
            return
        cookies = _cookies(headers)
        sid = cookies.get(SESSION_COOKIE, "")
        new_session = not (len(sid) == 43 and sid.replace("-", "").replace("_", "").isalnum())
        if new_session:
            sid = secrets.token_urlsafe(32)
        scope["thidua.session"] = sid
        send = self._with_cookie(send, sid) if new_session else send
        if self.guard.password and not self._authenticated(scope, cookies, sid):
            if scope["method"] in ("GET", "HEAD"):
                await self._redirect(send, LOGIN_PATH)
            else:
                await self._refuse(scope, receive, send, 401, "auth")
            return
        if scope["method"] in UNSAFE_METHODS:
            await self._checked_post(scope, receive, send, headers, sid)
            return
        await self.app(scope, receive, send)

    def _authenticated(self, scope: Scope, cookies: dict[str, str], sid: str) -> bool:
        if scope["path"].startswith("/static/") or scope["path"] == LOGIN_PATH:
            return True  # the login form itself (its POST still needs the CSRF token)
        return hmac.compare_digest(cookies.get(AUTH_COOKIE, ""), self.guard.auth_value(sid))

    async def _checked_post(self, scope: Scope, receive: Receive, send: Send, headers: Headers,
                            sid: str) -> None:
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.guard.body_limit:
            await self._refuse(scope, receive, send, 413, "size")
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.guard.body_limit:
                await self._refuse(scope, receive, send, 413, "size")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replay = _replay(body)
        token = headers.get(CSRF_HEADER) or await _form_token(scope, body, headers)
        if not (token and hmac.compare_digest(token, self.guard.csrf_token(sid))):
            await self._refuse(scope, replay, send, 403, "csrf")
            return
        await self.app(scope, replay, send)

    def _with_cookie(self, send: Send, sid: str) -> Send:
        cookie = (f"{SESSION_COOKIE}={sid}; Path=/; HttpOnly; SameSite=Strict").encode()

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"set-cookie", cookie)]
            await send(message)
        return sending

    async def _redirect(self, send: Send, location: str) -> None:
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int,
                      reason: str) -> None:
        response = await self.refuse(scope, status, reason)
        await response(scope, receive, send)


def _replay(body: bytes) -> Receive:
    sent = {"done": False}

    async def receive() -> dict[str, Any]:
        if sent["done"]:
            return {"type": "http.disconnect"}
        sent["done"] = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


async def _form_token(scope: Scope, body: bytes, headers: Headers) -> str:
    """The csrf_token field of an urlencoded or multipart body (already size-checked)."""
    kind = headers.get("content-type", "")
    if kind.startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("latin-1"), keep_blank_values=True).get(CSRF_FIELD, [""])
        return values[0]
    if kind.startswith("multipart/form-data"):
        request = Request(scope, _replay(body))
        try:
            form = await request.form(max_files=20, max_fields=200)
        except Exception:  # malformed multipart: no token, refused as CSRF
            return ""
        try:
            value = form.get(CSRF_FIELD)
            return value if isinstance(value, str) else ""
        finally:
            await form.close()
    return ""
