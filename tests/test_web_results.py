"""Results page: ranking with explanations, units not ranked, council ties, nominations upload."""

from __future__ import annotations

from html import unescape

import pytest
from web_fixtures import csrf_of

from thidua.campaign.loading import load_campaign
from thidua.scoring.pipeline import score_period

NINH_PHUOC = "000-ninh-phuoc"
COUNCIL = "data/nam-2023-hoi-dong.csv"


@pytest.fixture
def tied(campaigns_copy):
    """000-ninh-phuoc without its council-order file: two units tie for the Bằng khen."""
    (campaigns_copy / NINH_PHUOC / COUNCIL).unlink()
    return campaigns_copy / NINH_PHUOC


def test_ranking_per_group_matches_the_library(client, campaigns_copy):
    html = client.get(f"/p/{NINH_PHUOC}/ket-qua").text
    result = score_period(load_campaign(campaigns_copy / NINH_PHUOC))
    for unit in result.units:
        assert unit.unit_name in html
    assert "Các cơ quan, đơn vị trực thuộc UBND huyện" in html
    assert "UBND các xã, thị trấn" in html
    row = html.split('id="dv-xa-phuoc-thuan"')[1].split("</tr>")[0]
    assert 'hx-get="/p/000-ninh-phuoc/ket-qua/don-vi/xa-phuoc-thuan?dot=nam-2023"' in html
    assert '<td class="num">97,25</td>' in row


def test_explanation_fragment_for_htmx_and_page_without_js(client):
    url = f"/p/{NINH_PHUOC}/ket-qua/don-vi/phong-tu-phap?dot=nam-2023"
    fragment = client.get(url, headers={"HX-Request": "true"}).text
    assert fragment.lstrip().startswith('<section class="card unit-detail">')
    assert "Hội đồng chấm 94,25/100 điểm" in fragment
    page = client.get(url).text
    assert page.startswith("<!doctype html>") and "← Kết quả" in page
    missing = client.get(f"/p/{NINH_PHUOC}/ket-qua/don-vi/khong-co?dot=nam-2023")
    assert missing.status_code == 400 and "không có đơn vị 'khong-co'" in unescape(missing.text)


def test_unknown_period_is_explained(client):
    response = client.get(f"/p/{NINH_PHUOC}/ket-qua?dot=nam-1999")
    assert response.status_code == 400
    assert "không có đợt 'nam-1999'" in unescape(response.text)


def test_units_not_ranked_and_why(client):
    html = client.get("/p/003-chau-thanh-a/ket-qua?dot=nam-2021").text
    result = score_period(load_campaign("campaigns/003-chau-thanh-a"), "nam-2021")
    unranked = [u for u in result.units if u.ineligible_reasons]
    assert unranked and "Đơn vị không được xếp hạng" in html
    for unit in unranked:
        assert f"<strong>{unit.unit_name}</strong>: {unit.ineligible_reasons[0]}" in html


def test_settle_a_tie_writes_the_council_file_the_cli_reads(client, tied):
    html = client.get(f"/p/{NINH_PHUOC}/ket-qua").text
    assert "Bằng điểm chờ Hội đồng quyết định" in html
    assert "(tệp campaigns/000-ninh-phuoc/data/nam-2023-hoi-dong.csv)" in html  # no /tmp/…
    assert str(tied.parent) not in html
    token = csrf_of(client, f"/p/{NINH_PHUOC}/ket-qua")
    response = client.post(f"/p/{NINH_PHUOC}/ket-qua/hoi-dong", data={
        "csrf_token": token, "dot": "nam-2023", "version": "",
        "tie": "van-phong-hdnd-ubnd,phong-tai-nguyen-moi-truong",
        "thu_tu__van-phong-hdnd-ubnd": "2", "thu_tu__phong-tai-nguyen-moi-truong": "1"})
    assert response.status_code == 200 and "Đã ghi thứ tự Hội đồng" in response.text
    assert "Bằng điểm chờ Hội đồng quyết định" not in response.text
    text = (tied / COUNCIL).read_text(encoding="utf-8")
    assert text == "ma_don_vi,thu_tu\nphong-tai-nguyen-moi-truong,1\nvan-phong-hdnd-ubnd,2\n"
    result = score_period(load_campaign(tied))
    assert not result.pending_ties
    assert result.unit("phong-tai-nguyen-moi-truong").award_form.startswith("Bằng khen")


def test_settling_twice_from_stale_pages_is_refused(client, tied):
    token = csrf_of(client, f"/p/{NINH_PHUOC}/ket-qua")
    form = {"csrf_token": token, "dot": "nam-2023", "version": "",
            "tie": "van-phong-hdnd-ubnd,phong-tai-nguyen-moi-truong",
            "thu_tu__van-phong-hdnd-ubnd": "2", "thu_tu__phong-tai-nguyen-moi-truong": "1"}
    assert client.post(f"/p/{NINH_PHUOC}/ket-qua/hoi-dong", data=form).status_code == 200
    form["thu_tu__van-phong-hdnd-ubnd"], form["thu_tu__phong-tai-nguyen-moi-truong"] = "1", "2"
    second = client.post(f"/p/{NINH_PHUOC}/ket-qua/hoi-dong", data=form)
    assert second.status_code == 409 and "chưa ghi gì" in second.text
    assert "phong-tai-nguyen-moi-truong,1" in (tied / COUNCIL).read_text(encoding="utf-8")


def test_an_order_outside_the_tie_is_refused(client, tied):
    token = csrf_of(client, f"/p/{NINH_PHUOC}/ket-qua")
    response = client.post(f"/p/{NINH_PHUOC}/ket-qua/hoi-dong", data={
        "csrf_token": token, "dot": "nam-2023", "version": "",
        "tie": "van-phong-hdnd-ubnd,phong-tai-nguyen-moi-truong",
        "thu_tu__van-phong-hdnd-ubnd": "7", "thu_tu__phong-tai-nguyen-moi-truong": "1"})
    assert response.status_code == 400
    assert "phải từ 1 đến 2" in response.text
    assert not (tied / COUNCIL).exists()


def test_council_file_keeps_comments_and_other_rows(client, tied):
    (tied / COUNCIL).write_text("# biên bản ngày 04/12/2023\nma_don_vi,thu_tu\nphong-y-te,1\n",
                                encoding="utf-8")
    client.get(f"/p/{NINH_PHUOC}/ket-qua")
    from thidua.scoring.council import council_order_text
    text = council_order_text((tied / COUNCIL).read_text(encoding="utf-8"),
                              {"van-phong-hdnd-ubnd": 1})
    assert text == ("# biên bản ngày 04/12/2023\nma_don_vi,thu_tu\nphong-y-te,1\n"
                    "van-phong-hdnd-ubnd,1\n")


def test_nominations_upload_over_quota_shows_row_and_keeps_old_list(client, campaigns_copy):
    folder = campaigns_copy / NINH_PHUOC
    old = (folder / "data/nam-2023-ca-nhan.csv").read_bytes()
    lines = old.decode("utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("ho_ten"))
    extra = "\n".join(lines[:header + 1] + lines[header + 1:] * 3) + "\n"
    token = csrf_of(client, f"/p/{NINH_PHUOC}/ket-qua")
    response = client.post(f"/p/{NINH_PHUOC}/ket-qua/ca-nhan",
                           data={"csrf_token": token, "dot": "nam-2023"},
                           files={"tep": ("../../ca-nhan.csv", extra.encode(), "text/csv")})
    assert response.status_code == 400
    assert "Danh sách tải lên chưa được dùng vì có lỗi" in response.text
    assert (folder / "data/nam-2023-ca-nhan.csv").read_bytes() == old
    assert not (campaigns_copy.parent / "ca-nhan.csv").exists()


def test_nominations_upload_replaces_and_keeps_a_backup(client, campaigns_copy):
    folder = campaigns_copy / NINH_PHUOC
    old = (folder / "data/nam-2023-ca-nhan.csv").read_bytes()
    lines = old.decode("utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("ho_ten"))
    fewer = "\n".join(lines[header:header + 2]) + "\n"
    token = csrf_of(client, f"/p/{NINH_PHUOC}/ket-qua")
    response = client.post(f"/p/{NINH_PHUOC}/ket-qua/ca-nhan",
                           data={"csrf_token": token, "dot": "nam-2023"},
                           files={"tep": ("ca nhan.csv", fewer.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    assert "Cá nhân đề nghị khen thưởng (1)" in response.text
    assert (folder / "data/nam-2023-ca-nhan.csv").read_text(encoding="utf-8") == fewer
    backups = list((folder / "data/cu").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == old


def test_nominations_upload_of_wrong_type_is_refused(client):
    token = csrf_of(client, f"/p/{NINH_PHUOC}/ket-qua")
    response = client.post(f"/p/{NINH_PHUOC}/ket-qua/ca-nhan",
                           data={"csrf_token": token, "dot": "nam-2023"},
                           files={"tep": ("virus.exe", b"MZ...", "application/octet-stream")})
    assert response.status_code == 400 and "không đúng loại" in response.text
    fake = client.post(f"/p/{NINH_PHUOC}/ket-qua/ca-nhan",
                       data={"csrf_token": token, "dot": "nam-2023"},
                       files={"tep": ("ca-nhan.xlsx", b"not a zip", "application/x")})
    assert fake.status_code == 400
