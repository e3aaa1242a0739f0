"""Fixtures of the web tests: an app over a tmp copy of campaigns/, its TestClient, a live
uvicorn server for Playwright with Debian's Chromium, and screenshots."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from thidua.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGNS = ROOT / "campaigns"
SCREENSHOTS = ROOT / "output" / "screenshots"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
TODAY = date(2023, 11, 20)  # the sample campaigns' year, so deadlines read as in an office


@pytest.fixture
def campaigns_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample campaigns (tests upload and generate into it)."""
    target = tmp_path / "campaigns"
    shutil.copytree(CAMPAIGNS, target)
    return target


@pytest.fixture
def output_root(tmp_path: Path) -> Path:
    return tmp_path / "output"


@pytest.fixture
def web_app(campaigns_copy: Path, output_root: Path):
    app = create_app(campaigns_copy, output_root=output_root)
    app.state.today = TODAY
    app.state.export_workers = 1
    return app


def wait_for_jobs(app, seconds: float = 120) -> None:
    """Wait (bounded) until the app's background jobs have finished."""
    assert app.state.jobs.wait(seconds), f"background job still running after {seconds} s"


@pytest.fixture
def client(web_app):
    """A TestClient on 127.0.0.1 (the Host the app accepts), errors shown as pages."""
    with TestClient(web_app, base_url="http://127.0.0.1:8765",
                    raise_server_exceptions=False) as test_client:
        yield test_client


def csrf_of(client: TestClient, path: str = "/") -> str:
    """The CSRF token a page of the app hands its forms (and sets the session cookie)."""
    html = client.get(path).text
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html) or re.search(
        r'"X-CSRF-Token": "([0-9a-f]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(web_app):
    """The app served by uvicorn on a free 127.0.0.1 port in a thread; stopped at teardown."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        threading.Event().wait(0.05)
    assert server.started, "uvicorn did not start within 10 s"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)
    assert not thread.is_alive(), "uvicorn did not stop"


def find_chromium() -> str | None:
    """$THIDUA_CHROMIUM, else a system Chromium on PATH (Debian's package in CI)."""
    if os.environ.get("THIDUA_CHROMIUM"):
        return os.environ["THIDUA_CHROMIUM"]
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """A system Chromium (browsers are not downloaded): the browser tests are skipped with the
    reason when there is none, and fail instead under THIDUA_REQUIRE_BROWSER=1 (as in CI)."""
    chromium = find_chromium()
    if chromium is None:
        message = ("không tìm thấy Chromium (cài gói chromium hoặc đặt THIDUA_CHROMIUM) nên bỏ "
                   "qua kiểm thử trên trình duyệt")
        if os.environ.get("THIDUA_REQUIRE_BROWSER") == "1":
            pytest.fail("THIDUA_REQUIRE_BROWSER=1 nhưng " + message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": chromium,
            "args": ["--no-sandbox", "--disable-gpu"]}


@pytest.fixture
def web_page(page, live_server):
    """A Playwright page with bounded waits, its base URL at page.base (see live_server)."""
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(20_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.base = live_server  # type: ignore[attr-defined]
    return page


def screenshot(page, name: str, full_page: bool = False) -> Path:
    """Save a screenshot (the 1280×900 window, or the whole page) under output/screenshots/;
    README shows a few of them, copied to docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
