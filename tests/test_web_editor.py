"""Editor, plan preview and new-campaign pages through the TestClient (every route)."""

from __future__ import annotations

import html as htmllib
import io
import re

import docx
import yaml
from markupsafe import escape
from web_fixtures import csrf_of

from thidua.campaign.editing import read_value, set_value
from thidua.campaign.editstore import digest

CID = "001-phung-hiep"
POINTS = '["scoring", "criteria", 0, "max_points"]'


def field_name(path: str) -> str:
    return "f:" + path


def form_of(client, cid: str = CID) -> dict[str, str]:
    """The hidden fields of the editor form as the browser would send them."""
    page = client.get(f"/p/{cid}/sua").text
    # like a browser, drop the one newline that follows <textarea>
    text = htmllib.unescape(re.search(r'<textarea name="base_text" hidden>\n?(.*?)</textarea>',
                                      page, re.S).group(1))
    return {"csrf_token": re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1),
            "base_digest": re.search(r'name="base_digest" value="([0-9a-f]+)"', page).group(1),
            "base_text": text}


def test_editor_shows_every_section_with_values_and_keys(client):
    response = client.get(f"/p/{CID}/sua")
    assert response.status_code == 200
    page = response.text
    for heading in ("Cơ quan ban hành và văn bản", "III. Tiêu chí và cách chấm điểm",
                    "IV. Các đợt và hình thức khen thưởng", "Nơi nhận và người ký"):
        assert heading in page
    assert f'name="f:{escape(POINTS)}"' in page
    assert 'data-key="scoring.criteria[0].max_points"' in page
    assert 'data-key="scoring.criteria[0].rule.numerator"' in page  # the rule kind's own fields
    assert "Văn phòng HĐND và UBND huyện" in page


def test_saving_a_field_keeps_comments_and_shows_the_problem_beside_it(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    before = path.read_text(encoding="utf-8")
    form = form_of(client) | {field_name(POINTS): "75", "action": "save"}
    response = client.post(f"/p/{CID}/sua", data=form, follow_redirects=False)
    assert response.status_code == 303
    after = path.read_text(encoding="utf-8")
    assert read_value(after, "scoring.criteria[0].max_points") == "75"
    assert [l for l in before.splitlines() if l.startswith("#")] == \
        [l for l in after.splitlines() if l.startswith("#")]
    assert len(before.splitlines()) == len(after.splitlines())
    page = client.get(response.headers["location"]).text
    assert "Đã lưu campaign.yaml" in page
    block = page.split('id="f-scoring-criteria-0-max_points"', 1)[1].split("</div>", 1)[0]
    assert "khác tổng điểm đã nêu" not in block  # total is checked on scoring.total_points
    total = page.split('id="f-scoring-total_points"', 1)[1].split("</div>", 1)[0]
    assert "field-problem" in total and "khác tổng điểm đã nêu 100" in total


def test_invalid_value_is_reported_on_its_own_field(client):
    form = form_of(client) | {field_name(POINTS): "-5", "action": "save"}
    page = client.post(f"/p/{CID}/sua", data=form).text
    block = page.split('id="f-scoring-criteria-0-max_points"', 1)[1].split("</div>", 1)[0]
    assert "phải ≥ 0" in block


def test_add_and_delete_list_items(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    units = read_value(path.read_text(), "participants.groups[1].units")
    form = form_of(client) | {"action": 'add:["participants", "groups", 1, "units"]'}
    client.post(f"/p/{CID}/sua", data=form)
    after = yaml.safe_load(path.read_text())["participants"]["groups"][1]["units"]
    assert len(after) == len(units) + 1 and after[-1] == {"id": "", "name": ""}
    form = form_of(client) | {"action": f'del:["participants", "groups", 1, "units", {len(units)}]'}
    client.post(f"/p/{CID}/sua", data=form)
    assert len(yaml.safe_load(path.read_text())["participants"]["groups"][1]["units"]) == \
        len(units)


def test_fields_outside_the_form_are_not_written(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    before = path.read_bytes()
    form = form_of(client) | {'f:["../../etc", 0]': "x", 'f:["title", "x"]': "y"}
    client.post(f"/p/{CID}/sua", data=form)
    assert path.read_bytes() == before


def test_concurrent_edit_of_another_field_is_merged(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    form = form_of(client) | {'f:["signer", "name"]': "Lê Văn Tám"}
    path.write_text(set_value(path.read_text(), "issuer.place", "Ngã Bảy"), encoding="utf-8")
    response = client.post(f"/p/{CID}/sua", data=form, follow_redirects=False)
    assert response.headers["location"].endswith("da=gop")
    text = path.read_text()
    assert read_value(text, "signer.name") == "Lê Văn Tám"
    assert read_value(text, "issuer.place") == "Ngã Bảy"


def test_concurrent_edit_of_the_same_field_asks_the_user(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    form = form_of(client) | {'f:["signer", "name"]': "Bản trình duyệt"}
    path.write_text(set_value(path.read_text(), "signer.name", "Bản trên đĩa"), encoding="utf-8")
    response = client.post(f"/p/{CID}/sua", data=form)
    assert response.status_code == 409
    assert read_value(path.read_text(), "signer.name") == "Bản trên đĩa"
    page = response.text
    assert "Bản trình duyệt" in page and "Bản trên đĩa" in page
    mine = htmllib.unescape(re.search(r'id="mine-text">\n?(.*?)</textarea>', page, re.S).group(1))
    theirs_digest = re.search(r'name="base_digest" value="([0-9a-f]+)"', page).group(1)
    assert theirs_digest == digest(path.read_bytes())
    chosen = {"csrf_token": form["csrf_token"], "base_digest": theirs_digest, "text": mine}
    assert client.post(f"/p/{CID}/sua/yaml", data=chosen, follow_redirects=False).status_code \
        == 303
    assert read_value(path.read_text(), "signer.name") == "Bản trình duyệt"


def test_raw_yaml_view_saves_text_and_refuses_broken_syntax(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    page = client.get(f"/p/{CID}/sua/yaml").text
    assert 'id="yaml-text"' in page and "# Kế hoạch phát động" in page
    form = form_of(client)
    broken = {**form, "text": form["base_text"] + "\nloi: [chua dong\n"}
    response = client.post(f"/p/{CID}/sua/yaml", data=broken)
    assert response.status_code == 400 and "Chưa lưu: dòng" in response.text
    assert path.read_text() == form["base_text"]
    edited = {**form, "text": form["base_text"].replace("place: Phụng Hiệp", "place: Cây Dương")}
    client.post(f"/p/{CID}/sua/yaml", data=edited)
    assert read_value(path.read_text(), "issuer.place") == "Cây Dương"


def test_hostile_unit_name_is_escaped_in_editor_and_preview(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    text = set_value(path.read_text(), "participants.groups[1].units[0].name",
                     "<script>alert(1)</script>")
    path.write_text(set_value(text, "title", "Thi đua <script>alert(1)</script>"),
                    encoding="utf-8")
    for url in (f"/p/{CID}/sua", f"/p/{CID}/sua/yaml", f"/p/{CID}/ke-hoach"):
        page = client.get(url).text
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)" in page


def test_plan_preview_html_fragment_and_docx(client):
    page = client.get(f"/p/{CID}/ke-hoach").text
    assert "KẾ HOẠCH" in page and "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến" in page
    fragment = client.get(f"/p/{CID}/ke-hoach/html")
    assert fragment.status_code == 200 and "<html" not in fragment.text
    download = client.get(f"/p/{CID}/ke-hoach.docx")
    assert download.headers["content-disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
    assert "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến" in text


def test_preview_follows_each_save_and_shows_problems(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    path.write_text(set_value(path.read_text(), "title", "Phong trào thử xem trước"),
                    encoding="utf-8")
    assert "Phong trào thử xem trước" in client.get(f"/p/{CID}/ke-hoach/html").text
    path.write_text(set_value(path.read_text(), "scoring.criteria[0].max_points", "-1"),
                    encoding="utf-8")
    broken = client.get(f"/p/{CID}/ke-hoach/html").text
    assert "Chưa dựng được Kế hoạch" in broken and "scoring.criteria[0].max_points" in broken


def test_new_campaign_from_scaffold_and_copy(client, campaigns_copy):
    token = csrf_of(client, "/moi")
    response = client.post("/moi", data={"csrf_token": token, "name": "Chuyển đổi số 2027",
                                         "how": "blank", "year": "2027"},
                           follow_redirects=False)
    assert response.headers["location"] == "/p/chuyen-doi-so-2027/sua?da=moi"
    text = (campaigns_copy / "chuyen-doi-so-2027" / "campaign.yaml").read_text()
    assert "# Định nghĩa phong trào thi đua" in text and "năm 2027" in text
    assert client.get("/p/chuyen-doi-so-2027/sua").status_code == 200
    response = client.post("/moi", data={"csrf_token": token, "name": "ban sao", "how": "copy",
                                         "source": CID}, follow_redirects=False)
    assert response.status_code == 303
    assert (campaigns_copy / "ban-sao" / "campaign.yaml").read_bytes() == \
        (campaigns_copy / CID / "campaign.yaml").read_bytes()
    again = client.post("/moi", data={"csrf_token": token, "name": "ban sao", "how": "blank"})
    assert again.status_code == 400 and "Đã có thư mục" in again.text
    outside = client.post("/moi", data={"csrf_token": token, "name": "x", "how": "copy",
                                        "source": "../.."})
    assert outside.status_code == 404 and not (campaigns_copy / "x").exists()


def test_form_posts_need_the_csrf_token(client, campaigns_copy):
    form = form_of(client) | {field_name(POINTS): "1"}
    del form["csrf_token"]
    assert client.post(f"/p/{CID}/sua", data=form).status_code == 403


def test_changing_a_rule_kind_drops_the_old_kinds_parameters(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    assert read_value(path.read_text(), "scoring.criteria[0].rule.numerator")
    form = form_of(client) | {'f:["scoring", "criteria", 0, "rule", "kind"]': "council"}
    client.post(f"/p/{CID}/sua", data=form)
    rule = yaml.safe_load(path.read_text())["scoring"]["criteria"][0]["rule"]
    assert rule["kind"] == "council" and "numerator" not in rule and "full_at" not in rule
    page = client.get(f"/p/{CID}/sua").text
    metric = page.split('id="f-scoring-criteria-0-rule-metric"', 1)[1].split("</div>", 1)[0]
    assert "thiếu khóa bắt buộc &#39;metric&#39;" in metric


def test_saving_without_changes_leaves_the_file_alone(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    before = path.stat().st_mtime_ns
    response = client.post(f"/p/{CID}/sua", data=form_of(client), follow_redirects=False)
    assert response.headers["location"].endswith("da=khong")
    assert path.stat().st_mtime_ns == before


def test_a_file_with_broken_syntax_opens_in_the_yaml_view_with_its_line(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    path.write_text(path.read_text() + "\nloi: [chua dong\n", encoding="utf-8")
    response = client.get(f"/p/{CID}/sua")
    assert response.status_code == 200 and "Traceback" not in response.text
    assert 'id="yaml-text"' in response.text and "cú pháp YAML sai" in response.text
    assert 'id="editor-form"' not in response.text


def test_string_lists_are_edited_one_item_per_line(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    page = client.get(f"/p/{CID}/sua").text
    header = page.split('data-key="issuer.header"', 1)[1].split("</textarea>", 1)[0]
    assert "ỦY BAN NHÂN DÂN\nHUYỆN PHỤNG HIỆP" in header
    form = form_of(client) | {'f:["issuer", "header"]': "ỦY BAN NHÂN DÂN\r\nHUYỆN PHỤNG HIỆP, "
                                                           "TỈNH HẬU GIANG\r\n"}
    client.post(f"/p/{CID}/sua", data=form)
    text = path.read_text()
    assert yaml.safe_load(text)["issuer"]["header"] == ["ỦY BAN NHÂN DÂN",
                                                       "HUYỆN PHỤNG HIỆP, TỈNH HẬU GIANG"]
    assert "  header: [ỦY BAN NHÂN DÂN, \"HUYỆN PHỤNG HIỆP, TỈNH HẬU GIANG\"]" in text


def test_a_file_starting_with_a_blank_line_keeps_it(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    form = form_of(client) | {'f:["signer", "name"]': "Lê Thị Hoa"}
    assert form["base_text"] == before
    client.post(f"/p/{CID}/sua", data=form)
    after = path.read_text(encoding="utf-8")
    assert after.startswith("\n# Kế hoạch") and read_value(after, "signer.name") == "Lê Thị Hoa"


def test_a_form_with_thousands_of_fields_saves(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    units = [{"id": f"dv-{i}", "name": f"Đơn vị {i}"} for i in range(600)]
    path.write_text(set_value(path.read_text(), "participants.groups[0].units", units),
                    encoding="utf-8")
    page = client.get(f"/p/{CID}/sua").text
    page += client.get(fragment_url(page, "participants.groups[0].units")).text
    fields = {htmllib.unescape(k): htmllib.unescape(v)
              for k, v in re.findall(r'name="(f:[^"]+)"[^>]*value="([^"]*)"', page)}
    assert len(fields) > 1200
    form = form_of(client) | fields | {'f:["participants", "groups", 0, "units", 599, "name"]':
                                       "Đơn vị cuối"}
    response = client.post(f"/p/{CID}/sua", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert read_value(path.read_text(), "participants.groups[0].units[599].name") == "Đơn vị cuối"


def fragment_url(page: str, key: str) -> str:
    """The htmx address that loads the items of the collapsed list at key."""
    block = page.split(f'<code class="key">{key}</code>', 1)[1]
    return htmllib.unescape(re.search(r'hx-get="([^"]+)"', block).group(1))


def test_a_long_list_is_collapsed_loaded_on_demand_and_kept_when_saving(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    units = [{"id": f"dv-{i}", "name": f"Đơn vị {i}"} for i in range(45)]
    path.write_text(set_value(path.read_text(), "participants.groups[0].units", units),
                    encoding="utf-8")
    page = client.get(f"/p/{CID}/sua").text
    assert "45 đơn vị — bấm để sửa" in page
    assert 'data-key="participants.groups[0].units[0].name"' not in page
    assert 'data-key="participants.groups[1].units[0].name"' in page  # short lists stay open
    fragment = client.get(fragment_url(page, "participants.groups[0].units"))
    assert fragment.status_code == 200
    assert 'data-key="participants.groups[0].units[44].name"' in fragment.text
    assert 'value="Đơn vị 44"' in fragment.text
    assert "bấm để sửa" not in fragment.text
    # the form posted without the collapsed list's fields: its items are left untouched
    before = yaml.safe_load(path.read_text())["participants"]["groups"][0]["units"]
    form = form_of(client) | {field_name(POINTS): "75", "action": "save"}
    response = client.post(f"/p/{CID}/sua", data=form, follow_redirects=False)
    assert response.status_code == 303
    after = yaml.safe_load(path.read_text())
    assert after["participants"]["groups"][0]["units"] == before
    assert read_value(path.read_text(), "scoring.criteria[0].max_points") == "75"
    # a fragment of a page made from an older version asks for a reload
    stale = client.get(fragment_url(page, "participants.groups[0].units"))
    assert "tải lại trang" in stale.text and "data-key" not in stale.text


def test_a_problem_inside_a_long_list_shows_it_expanded(client, campaigns_copy):
    path = campaigns_copy / CID / "campaign.yaml"
    units = [{"id": f"dv-{i}", "name": f"Đơn vị {i}"} for i in range(45)]
    units[30]["id"] = "dv-0"  # a duplicate id
    path.write_text(set_value(path.read_text(), "participants.groups[0].units", units),
                    encoding="utf-8")
    page = client.get(f"/p/{CID}/sua").text
    assert "bấm để sửa" not in page
    assert 'data-key="participants.groups[0].units[30].id"' in page
    block = page.split('id="f-participants-groups-0-units-30-id"', 1)[1].split("</div>", 1)[0]
    assert "field-problem" in block and "bị trùng" in block
