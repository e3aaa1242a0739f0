"""The web app's frame: home page, guards (Host, CSRF, size, password), error pages, CLI."""

from __future__ import annotations

from click.testing import CliRunner
from starlette.testclient import TestClient
from web_fixtures import TODAY, csrf_of

from thidua.cli import cli
from thidua.web.app import create_app
from thidua.web.server import password_for


def test_home_lists_every_campaign_with_its_periods(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    for cid in ("000-ninh-phuoc", "001-phung-hiep", "003-chau-thanh-a"):
        assert f'href="/p/{cid}"' in html
    assert "đã nhận <strong>22/22</strong>" in html
    assert "đã chấm" in html
    assert response.headers["x-frame-options"] == "DENY"


def test_home_marks_overdue_deadlines_in_red(client):
    html = client.get("/").text
    assert 'class="overdue"' in html and "quá hạn" in html


def test_broken_campaign_shows_its_problems_not_a_traceback(client, campaigns_copy):
    (campaigns_copy / "001-phung-hiep" / "campaign.yaml").write_text(
        "title: <script>alert(1)</script>\nissuer: 3\n", encoding="utf-8")
    html = client.get("/").text
    assert "vấn đề cần sửa" in html
    assert "<script>alert(1)" not in html
    assert "Traceback" not in html
    assert client.get("/p/001-phung-hiep").status_code == 200


def test_foreign_host_header_is_refused(web_app):
    with TestClient(web_app, base_url="http://evil.example:8765") as other:
        response = other.get("/")
    assert response.status_code == 400
    assert "DNS rebinding" in response.text


def test_ip_literal_and_localhost_are_accepted(web_app):
    for base in ("http://localhost:8765", "http://192.168.1.10:8765", "http://[::1]:8765"):
        with TestClient(web_app, base_url=base) as c:
            assert c.get("/").status_code == 200, base


def test_post_without_csrf_token_is_refused(client):
    client.get("/")
    response = client.post("/dang-xuat", data={"x": "1"})
    assert response.status_code == 403
    assert "chống giả mạo" in response.text
    token = csrf_of(client)
    assert client.post("/dang-xuat", data={"csrf_token": token},
                       follow_redirects=False).status_code == 303
    assert client.post("/dang-xuat", headers={"X-CSRF-Token": token},
                       follow_redirects=False).status_code == 303


def test_token_of_another_session_is_refused(web_app, client):
    token = csrf_of(client)
    with TestClient(web_app, base_url="http://127.0.0.1:8765") as other:
        other.get("/")
        assert other.post("/dang-xuat", data={"csrf_token": token}).status_code == 403


def test_oversized_body_is_refused_before_being_read(campaigns_copy, output_root):
    app = create_app(campaigns_copy, output_root=output_root, body_limit=1024)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        token = csrf_of(c)
        chunks = iter([b"x" * 700] * 10_000)  # ~7 MB streamed without Content-Length
        response = c.post("/dang-xuat", content=chunks,
                          headers={"X-CSRF-Token": token, "content-type": "text/plain"})
        assert response.status_code == 413
        assert "quá lớn" in response.text
        declared = c.post("/dang-xuat", content=b"y" * 2048, headers={"X-CSRF-Token": token})
        assert declared.status_code == 413


def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co")
    assert response.status_code == 404
    assert "Không có trang /khong-co" in response.text
    assert client.get("/p/..%2F..%2Fetc").status_code == 404
    assert client.get("/p/khong-co").status_code == 404


def test_password_guards_every_page(campaigns_copy, output_root):
    app = create_app(campaigns_copy, output_root=output_root, password="mat-khau-dai",
                     host="0.0.0.0")
    with TestClient(app, base_url="http://192.168.1.10:8765") as c:
        first = c.get("/", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/dang-nhap"
        token = csrf_of(c, "/dang-nhap")
        wrong = c.post("/dang-nhap", data={"csrf_token": token, "password": "sai"})
        assert wrong.status_code == 401 and "Sai mật khẩu" in wrong.text
        ok = c.post("/dang-nhap", data={"csrf_token": token, "password": "mat-khau-dai"},
                    follow_redirects=False)
        assert ok.status_code == 303
        assert c.get("/").status_code == 200
        assert "Đăng xuất" in c.get("/").text


def test_non_loopback_host_needs_a_password(monkeypatch):
    monkeypatch.delenv("THIDUA_WEB_PASSWORD", raising=False)
    assert password_for("127.0.0.1", None) is None
    assert password_for("localhost", None) is None
    runner = CliRunner()
    result = runner.invoke(cli, ["web", "--host", "0.0.0.0", "--no-browser", "campaigns"])
    assert result.exit_code == 2
    assert "cần đặt mật khẩu" in result.output
    monkeypatch.setenv("THIDUA_WEB_PASSWORD", "mot-mat-khau")
    assert password_for("0.0.0.0", None) == "mot-mat-khau"


def test_static_assets_ship_with_the_package(client):
    js = client.get("/static/htmx.min.js")
    assert js.status_code == 200 and "Zero-Clause BSD" in js.text[:400]
    assert client.get("/static/thidua.css").status_code == 200
    assert "cdn" not in client.get("/").text.lower()


def test_today_is_the_fixture_day(web_app):
    assert web_app.state.today == TODAY


def test_thidua_web_serves_the_folder_and_stops(tmp_path):
    import subprocess
    import sys
    import time
    import urllib.request

    from web_fixtures import CAMPAIGNS, free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "thidua", "web", "--no-browser", "--port",
                                str(port), str(CAMPAIGNS)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        html, deadline = "", time.monotonic() + 30
        while time.monotonic() < deadline and not html:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    html = r.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        assert "Các phong trào thi đua" in html
    finally:
        process.terminate()
        output = process.communicate(timeout=15)[0].decode("utf-8")
    assert f"thidua đang chạy tại http://127.0.0.1:{port}/" in output


def test_startup_warms_the_cache_of_every_campaign(web_app, campaigns_copy):
    with TestClient(web_app, base_url="http://127.0.0.1"):
        assert web_app.state.jobs.wait(60)
        cached = {kind for kind, _ in web_app.state.store._cache}
    assert {"load", "score", "figures"} <= cached


def test_cache_follows_the_files(client, campaigns_copy):
    assert "đã nhận <strong>15/15</strong>" in client.get("/").text
    data = campaigns_copy / "001-phung-hiep" / "data" / "nam-2023.csv"
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(lines[:-1]), encoding="utf-8")  # one unit fewer
    assert "đã nhận <strong>14/15</strong>" in client.get("/").text


def test_a_30_mb_upload_is_refused_under_the_default_limit(client):
    token = csrf_of(client)
    sent = {"bytes": 0}

    def body():
        for _ in range(30):
            sent["bytes"] += 1 << 20
            yield b"\0" * (1 << 20)

    response = client.post("/p/001-phung-hiep/so-lieu/tai-len", content=body(),
                           headers={"X-CSRF-Token": token,
                                    "content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413
    assert "không nhận và không lưu" in response.text
