"""New campaign from an uploaded Kế hoạch: plan_import through the web, never overwriting."""

from __future__ import annotations

from html import unescape

from web_fixtures import ROOT, csrf_of

SEED = ROOT / "tests" / "seeds" / "001_73cbdf1851af83b2.txt"


def post_plan(client, name, content, ma=""):
    token = csrf_of(client, "/moi/nhap-ke-hoach")
    return client.post("/moi/nhap-ke-hoach", data={"csrf_token": token, "ma": ma},
                       files={"tep": (name, content, "text/plain")})


def test_import_creates_a_campaign_the_home_page_lists(client, campaigns_copy):
    response = post_plan(client, "ke-hoach-2023.txt", SEED.read_bytes(), "phung-hiep-moi")
    html = unescape(response.text)
    assert response.status_code == 200, html
    assert "Đã tạo phong trào <strong>phung-hiep-moi</strong>" in html and "Cần bổ sung:" in html
    folder = campaigns_copy / "phung-hiep-moi"
    assert (folder / "campaign.yaml").is_file()
    assert (folder / "nguon" / "ke-hoach-2023.txt").read_bytes() == SEED.read_bytes()
    assert 'href="/p/phung-hiep-moi"' in client.get("/").text


def test_import_never_overwrites_an_existing_campaign(client, campaigns_copy):
    before = (campaigns_copy / "001-phung-hiep" / "campaign.yaml").read_bytes()
    response = post_plan(client, "ke-hoach.txt", SEED.read_bytes(), "001-phung-hiep")
    assert response.status_code == 400 and "không ghi đè" in unescape(response.text)
    assert (campaigns_copy / "001-phung-hiep" / "campaign.yaml").read_bytes() == before
    first = post_plan(client, "ke-hoach.txt", SEED.read_bytes())
    second = post_plan(client, "ke-hoach.txt", SEED.read_bytes())
    assert first.status_code == second.status_code == 200
    created = sorted(p.name for p in campaigns_copy.iterdir())
    assert len(created) == 5 and any(name.endswith("-2") for name in created)


def test_a_file_that_is_not_a_plan_is_explained(client):
    response = post_plan(client, "ghi-chu.txt", "Xin chào, đây không phải kế hoạch.".encode())
    assert response.status_code == 400
    assert "Không tìm thấy nội dung Kế hoạch" in unescape(response.text)
    wrong = post_plan(client, "bang.xlsx", b"PK\x03\x04...")
    assert wrong.status_code == 400 and "không đúng loại" in unescape(wrong.text)
