"""Journeys of an office in real Chromium (Playwright) against a live uvicorn server."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect
from test_web_data import filled_form
from web_fixtures import ROOT, screenshot
from starlette.testclient import TestClient

NINH_PHUOC = "000-ninh-phuoc"
SEED = ROOT / "tests" / "seeds" / "001_73cbdf1851af83b2.txt"


def test_home_then_ranking_and_one_explanation(web_page):
    page = web_page
    page.goto(page.base + "/")
    expect(page.locator("h1")).to_have_text("Các phong trào thi đua")
    expect(page.locator(".campaign-card")).to_have_count(3)
    screenshot(page, "trang-chu")
    page.locator(f"#pt-{NINH_PHUOC}").get_by_role("link", name="Kết quả").click()
    expect(page.locator("h1")).to_contain_text("Kết quả chấm điểm")
    expect(page.locator(".ranking").first).to_contain_text("Phòng Tư pháp")
    page.get_by_role("link", name="UBND xã Phước Thuận").click()  # htmx: no page change
    panel = page.locator("#giai-thich .unit-detail")
    expect(panel).to_contain_text("Hội đồng chấm 97,25/100 điểm")
    assert "/ket-qua/don-vi/" not in page.url  # the panel came by htmx, no navigation
    page.get_by_role("button", name="Đóng").click()
    expect(panel).to_have_count(0)
    page.locator("#dv-phong-tu-phap td.num").nth(1).click()  # a criterion's points
    expect(page.locator("#giai-thich .unit-detail")).to_contain_text("Hội đồng chấm 94,25/100")
    screenshot(page, "ket-qua")
    screenshot(page, "ket-qua-ca-trang", full_page=True)


def test_upload_a_form_with_one_bad_cell_and_see_where(web_page, web_app, campaigns_copy,
                                                       tmp_path):
    (campaigns_copy / "001-phung-hiep" / "data/nam-2023.csv").unlink()  # nothing received yet
    with TestClient(web_app, base_url="http://127.0.0.1") as client:
        workbook = filled_form(client, bad=("xa-tan-binh", "nhiều"))
    path = tmp_path / "tong-hop.xlsx"
    path.write_bytes(workbook)
    page = web_page
    page.goto(page.base + "/p/001-phung-hiep/so-lieu")
    page.set_input_files("input[name=tep]", str(path))
    page.get_by_role("button", name="Kiểm tra và nhận số liệu").click()
    expect(page.locator(".notice.ok").first).to_contain_text("nhận số liệu của 14 đơn vị")
    row = page.locator("table.problems tr", has_text="nhiều")
    expect(row).to_contain_text("Số liệu")   # sheet
    expect(row).to_contain_text("C (")       # column letter and header
    expect(row.locator("td").nth(3)).to_have_text(re.compile(r"^\d+$"))  # row number
    expect(page.locator("ul.missing")).to_contain_text("UBND xã Tân Bình")
    screenshot(page, "so-lieu-loi")


def test_settle_a_tie(web_page, campaigns_copy):
    (campaigns_copy / NINH_PHUOC / "data/nam-2023-hoi-dong.csv").unlink()
    page = web_page
    page.goto(page.base + f"/p/{NINH_PHUOC}/ket-qua")
    tie = page.locator("#bang-diem")
    expect(tie).to_contain_text("cần Hội đồng quyết định")
    screenshot(page, "bang-diem")
    tie.get_by_label("Thứ tự của Phòng Tài nguyên và Môi trường").select_option("1")
    tie.get_by_label("Thứ tự của Văn phòng HĐND và UBND huyện").select_option("2")
    tie.get_by_role("button", name="Ghi thứ tự Hội đồng quyết định").click()
    expect(page.locator(".notice.ok")).to_contain_text("Đã ghi thứ tự Hội đồng quyết định")
    expect(page.locator("#bang-diem")).to_have_count(0)
    expect(page.locator("#dv-phong-tai-nguyen-moi-truong")).to_contain_text("Bằng khen")
    text = (campaigns_copy / NINH_PHUOC / "data/nam-2023-hoi-dong.csv").read_text("utf-8")
    assert text == "ma_don_vi,thu_tu\nphong-tai-nguyen-moi-truong,1\nvan-phong-hdnd-ubnd,2\n"


def test_produce_a_dossier_and_download_the_zip(web_page, output_root):
    page = web_page
    page.goto(page.base + f"/p/{NINH_PHUOC}/ho-so")
    page.get_by_role("button", name="Tạo hồ sơ").click()
    expect(page.locator("#tac-vu")).to_contain_text("Đã tạo xong hồ sơ", timeout=120_000)
    page.wait_for_load_state()
    page.goto(page.base + f"/p/{NINH_PHUOC}/ho-so")
    expect(page.locator("#van-ban table tbody tr").first).to_be_visible()
    screenshot(page, "ho-so")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Tải tệp ZIP")).click()
    data = open(info.value.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert any(n.endswith(".docx") for n in names)
    assert (output_root / NINH_PHUOC).is_dir()


def test_import_a_plan(web_page, campaigns_copy):
    page = web_page
    page.goto(page.base + "/")
    page.get_by_role("link", name="Tạo phong trào từ Kế hoạch năm trước").click()
    page.set_input_files("input[name=tep]", str(SEED))
    page.get_by_label(re.compile("Mã phong trào mới")).fill("phung-hiep-2024")
    page.get_by_role("button", name="Tạo phong trào").click()
    expect(page.locator(".notice.ok")).to_contain_text("phung-hiep-2024")
    expect(page.locator("pre.report")).to_contain_text("Cần bổ sung")
    screenshot(page, "nhap-ke-hoach")
    page.get_by_role("link", name="Mở phong trào mới").click()
    expect(page.locator("h1")).to_be_visible()
    assert (campaigns_copy / "phung-hiep-2024" / "campaign.yaml").is_file()


@pytest.mark.parametrize("name", ["<script>window.pwned=1</script>"])
def test_a_unit_name_with_script_is_harmless(web_page, campaigns_copy, name):
    path = campaigns_copy / NINH_PHUOC / "campaign.yaml"
    text = path.read_text("utf-8")
    assert "name: Phòng Tư pháp" in text
    path.write_text(text.replace("name: Phòng Tư pháp", f"name: '{name}'", 1), "utf-8")
    page = web_page
    page.goto(page.base + f"/p/{NINH_PHUOC}/ket-qua")
    expect(page.locator("#dv-phong-tu-phap")).to_contain_text(name)
    assert page.evaluate("window.pwned") is None


@pytest.mark.parametrize("campaign", ["000-ninh-phuoc", "001-phung-hiep", "003-chau-thanh-a"])
def test_each_sample_shows_its_ranking_and_an_explanation(web_page, campaign):
    page = web_page
    page.goto(page.base + f"/p/{campaign}")
    page.get_by_role("link", name="Kết quả", exact=True).first.click()
    first_row = page.locator(".ranking tbody tr").first
    name = first_row.locator("td").nth(1).inner_text()
    first_row.locator("td").first.click()
    panel = page.locator("#giai-thich .unit-detail")
    expect(panel).to_contain_text(name)
    expect(panel.locator("tbody tr").first.locator("td").last).not_to_be_empty()
