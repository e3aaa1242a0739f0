"""Data page: collection form download, uploading returns (per unit or combined), who is missing."""

from __future__ import annotations

import io
from html import unescape

import openpyxl
import pytest
from web_fixtures import CAMPAIGNS, csrf_of

from thidua.campaign.loading import load_campaign
from thidua.data.figures import read_figures
from thidua.data.form import form_metrics
from thidua.scoring.pipeline import score_period, select_period

PHUNG_HIEP = "001-phung-hiep"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled_form(client, units=None, bad=None) -> bytes:
    """The collection form downloaded from the page, filled with the sample's own figures for
    `units` (all when None); bad=(unit id, text) writes text into that unit's first cell."""
    content = client.get(f"/p/{PHUNG_HIEP}/so-lieu/bieu-mau").content
    loaded = load_campaign(CAMPAIGNS / PHUNG_HIEP)
    period = select_period(loaded.campaign, None)
    groups = loaded.campaign.scored_groups(period)
    figures = read_figures(loaded.campaign, CAMPAIGNS / PHUNG_HIEP / "data/nam-2023.csv",
                           None, groups)
    metrics = form_metrics(loaded.campaign, groups)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["Số liệu"]
    for row in sheet.iter_rows(min_row=2):
        unit_id = row[0].value
        if units is not None and unit_id not in units:
            continue
        for offset, metric in enumerate(metrics):
            value = figures.values[unit_id].get(metric.id)
            row[2 + offset].value = None if value is None else float(value)
        if bad and unit_id == bad[0]:
            row[2].value = bad[1]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, *files):
    token = csrf_of(client, f"/p/{PHUNG_HIEP}/so-lieu")
    return client.post(f"/p/{PHUNG_HIEP}/so-lieu/tai-len", data={"csrf_token": token,
                                                                "dot": "nam-2023"},
                       files=[("tep", (name, content, XLSX)) for name, content in files])


@pytest.fixture
def empty_period(campaigns_copy):
    """Phụng Hiệp before any unit has reported: its figures file is not there yet."""
    (campaigns_copy / PHUNG_HIEP / "data/nam-2023.csv").unlink()
    return campaigns_copy / PHUNG_HIEP


def test_page_lists_who_has_not_reported(client, empty_period):
    html = client.get(f"/p/{PHUNG_HIEP}/so-lieu").text
    assert "Đã nhận <strong>0/15</strong> đơn vị" in html
    assert "Chưa báo cáo (15)" in html and "UBND thị trấn Cây Dương" in html


def test_form_download_is_the_cli_form(client):
    response = client.get(f"/p/{PHUNG_HIEP}/so-lieu/bieu-mau")
    assert response.headers["content-type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Số liệu"]
    assert sheet["A1"].value == "Mã đơn vị" and sheet["A2"].value == "tt-cay-duong"


def test_per_unit_returns_add_up_then_score(client, empty_period):
    campaign = load_campaign(empty_period).campaign
    scored = campaign.scored_groups(select_period(campaign, None))
    ids = [u.id for g, u in campaign.units() if g.id in scored]
    form_all = filled_form(client)
    first = upload(client, ("tt-cay-duong.xlsx", _only(form_all, ids[:1])))
    assert first.status_code == 200
    assert "nhận số liệu của 1 đơn vị" in first.text
    assert "Đã nhận <strong>1/15</strong> đơn vị" in first.text
    rest = upload(client, ("cac-xa.xlsx", _only(form_all, ids[1:])))
    assert "Đã nhận <strong>15/15</strong> đơn vị" in rest.text
    assert "Mọi đơn vị đã báo cáo" in rest.text
    merged = score_period(load_campaign(empty_period)).to_json()
    assert merged == score_period(load_campaign(CAMPAIGNS / PHUNG_HIEP)).to_json() | {
        "campaign": merged["campaign"]}


def _only(content: bytes, keep: list[str]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for row in workbook["Số liệu"].iter_rows(min_row=2):
        if row[0].value not in keep:
            for c in row[2:]:
                c.value = None
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_bad_cell_is_located_and_other_rows_are_taken(client, campaigns_copy, empty_period):
    form = filled_form(client, bad=("xa-tan-binh", "nhiều"))
    response = upload(client, ("../../tong-hop.xlsx", form))
    text = unescape(response.text)
    assert "nhận số liệu của 14 đơn vị; 1 lỗi" in text
    row = next(r for r in text.split("<tr") if "nhiều" in r)
    assert "Số liệu" in row and ">C (" in row
    assert "Chưa báo cáo (1)" in text
    assert (empty_period / "data/nop/nam-2023/tong-hop.xlsx").exists()
    assert not (campaigns_copy.parent / "tong-hop.xlsx").exists()


def test_upload_never_overwrites_received_files_or_the_data_file(client, campaigns_copy):
    folder = campaigns_copy / PHUNG_HIEP
    before = (folder / "data/nam-2023.csv").read_bytes()
    form = filled_form(client)
    upload(client, ("tong-hop.xlsx", form))
    upload(client, ("tong-hop.xlsx", form))
    assert sorted(p.name for p in (folder / "data/nop/nam-2023").iterdir()) == [
        "tong-hop-2.xlsx", "tong-hop.xlsx"]
    backups = sorted((folder / "data/cu").iterdir())
    assert len(backups) == 2 and before in [b.read_bytes() for b in backups]


def test_a_file_that_is_not_a_workbook_is_refused(client, empty_period):
    response = upload(client, ("so-lieu.xlsx", b"<html>not excel</html>"))
    assert response.status_code == 400
    assert "không phải tệp .xlsx hợp lệ" in unescape(response.text)
    assert not (empty_period / "data/nam-2023.csv").exists()
