"""The campaign editor in real Chromium: fix a criterion, keep comments, concurrent edits, escaping."""

from __future__ import annotations


from web_fixtures import SCREENSHOTS, screenshot

from thidua.campaign.editing import read_value, set_value

CID = "001-phung-hiep"
POINTS = '[data-key="scoring.criteria[0].max_points"]'
TOTAL = "#f-scoring-total_points"


def view_shot(page, name: str) -> None:
    """A screenshot of what the user sees (the editor page is too long for a full-page one)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def save(page) -> None:
    with page.expect_navigation():
        page.locator(".savebar button").first.click()


def test_edit_points_see_the_error_beside_the_field_then_fix_it(web_page, campaigns_copy):
    page = web_page
    page.goto(page.base + f"/p/{CID}/sua")
    page.wait_for_selector(".plan-body")
    assert page.locator(TOTAL + " .field-problem").count() == 0
    page.fill(POINTS, "70")
    save(page)
    assert "Đã lưu" in page.locator(".notice.ok").inner_text()
    problem = page.locator(TOTAL + " .field-problem")
    assert "tổng điểm chuẩn các tiêu chí" in problem.inner_text()
    assert "khác tổng điểm đã nêu 100" in problem.inner_text()
    page.locator(TOTAL).evaluate("e => e.scrollIntoView({block: 'center'})")
    view_shot(page, "soan-thao-loi")
    page.fill(POINTS, "60")
    save(page)
    assert page.locator(TOTAL + " .field-problem").count() == 0
    assert page.locator(".notice.error").count() == 0
    text = (campaigns_copy / CID / "campaign.yaml").read_text(encoding="utf-8")
    assert read_value(text, "scoring.criteria[0].max_points") == "60"


def test_comments_survive_an_edit_in_the_browser(web_page, campaigns_copy):
    page = web_page
    path = campaigns_copy / CID / "campaign.yaml"
    before = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if "#" in line]
    assert len(comments) > 5
    page.goto(page.base + f"/p/{CID}/sua")
    page.fill('[data-key="signer.name"]', "Nguyễn Thị Mai")
    page.fill('[data-key="legal_bases"]', page.input_value('[data-key="legal_bases"]')
              + "\nCăn cứ Quyết định số 12/QĐ-UBND của UBND huyện;")
    save(page)
    after = path.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if "#" in line] == comments
    assert read_value(after, "signer.name") == "Nguyễn Thị Mai"
    assert read_value(after, "legal_bases[1]") == "Căn cứ Quyết định số 12/QĐ-UBND của UBND huyện;"
    assert read_value(after, "legal_bases[0]") == read_value(before, "legal_bases[0]")


def test_concurrent_edit_on_disk_is_never_lost(web_page, campaigns_copy):
    page = web_page
    path = campaigns_copy / CID / "campaign.yaml"
    page.goto(page.base + f"/p/{CID}/sua")
    # Someone edits the file in a text editor while the page is open: a different value...
    path.write_text(set_value(path.read_text(), "issuer.place", "Ngã Bảy"), encoding="utf-8")
    page.fill('[data-key="signer.name"]', "Trần Văn Một")
    save(page)
    assert "gộp" in page.locator(".notice.ok").inner_text()
    text = path.read_text()
    assert read_value(text, "issuer.place") == "Ngã Bảy"
    assert read_value(text, "signer.name") == "Trần Văn Một"
    # ...then the same value: the user sees both versions and chooses.
    path.write_text(set_value(path.read_text(), "signer.name", "Bản trên đĩa"), encoding="utf-8")
    page.fill('[data-key="signer.name"]', "Bản trình duyệt")
    save(page)
    assert "đã được sửa ở nơi khác" in page.locator("h1").inner_text()
    assert "Bản trên đĩa" in page.input_value("#theirs-text")
    assert "Bản trình duyệt" in page.input_value("#mine-text")
    assert read_value(path.read_text(), "signer.name") == "Bản trên đĩa"
    view_shot(page, "soan-thao-xung-dot")
    with page.expect_navigation():
        page.click("#keep-mine")
    assert read_value(path.read_text(), "signer.name") == "Bản trình duyệt"
    assert read_value(path.read_text(), "issuer.place") == "Ngã Bảy"


def test_unit_name_with_script_renders_harmless(web_page, campaigns_copy):
    page = web_page
    path = campaigns_copy / CID / "campaign.yaml"
    hostile = "<script>alert('x')</script><img src=x onerror=alert(2)>"
    text = set_value(path.read_text(), "participants.groups[1].units[0].name", hostile)
    path.write_text(set_value(text, "title", f"Thi đua {hostile}"), encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page.base + f"/p/{CID}/sua")
    page.wait_for_selector(".plan-body")
    assert page.input_value('[data-key="participants.groups[1].units[0].name"]') == hostile
    page.goto(page.base + f"/p/{CID}/ke-hoach")
    assert hostile in page.locator("#plan-preview").inner_text()
    assert dialogs == []
    assert page.locator("#plan-preview img").count() == 0


def test_plan_preview_page_and_download(web_page, tmp_path):
    page = web_page
    page.goto(page.base + f"/p/{CID}/ke-hoach")
    assert "KẾ HOẠCH" in page.locator("#plan-preview").inner_text()
    screenshot(page, "ke-hoach-xem-truoc")
    with page.expect_download() as info:
        page.click("text=Tải Kế hoạch (.docx)")
    target = tmp_path / "ke-hoach.docx"
    info.value.save_as(target)
    assert target.read_bytes()[:2] == b"PK"


def test_new_campaign_as_a_copy_then_edit(web_page, campaigns_copy):
    page = web_page
    page.goto(page.base + "/moi")
    page.fill("#new-name", "Phụng Hiệp 2024")
    page.check("#how-copy")
    page.select_option("#copy-source", CID)
    with page.expect_navigation():
        page.click("text=Tạo và mở trang Soạn thảo")
    assert page.url.endswith("/p/phung-hiep-2024/sua?da=moi")
    assert "Đã tạo phong trào mới" in page.locator(".notice.ok").inner_text()
    page.wait_for_selector(".plan-body")
    view_shot(page, "soan-thao")
    assert (campaigns_copy / "phung-hiep-2024" / "campaign.yaml").is_file()


def test_a_long_list_opens_on_demand_and_its_edits_are_saved(web_page, campaigns_copy):
    page = web_page
    path = campaigns_copy / CID / "campaign.yaml"
    units = [{"id": f"dv-{i}", "name": f"Đơn vị {i}"} for i in range(45)]
    path.write_text(set_value(path.read_text(), "participants.groups[0].units", units),
                    encoding="utf-8")
    page.goto(page.base + f"/p/{CID}/sua")
    name = '[data-key="participants.groups[0].units[40].name"]'
    assert page.locator(name).count() == 0
    page.get_by_text("45 đơn vị — bấm để sửa").click()
    page.wait_for_selector(name)
    page.fill(name, "Phường Lái Hiếu")
    save(page)
    assert "Đã lưu" in page.locator(".notice.ok").inner_text()
    text = path.read_text(encoding="utf-8")
    assert read_value(text, "participants.groups[0].units[40].name") == "Phường Lái Hiếu"
    assert read_value(text, "participants.groups[0].units[44].name") == "Đơn vị 44"
