"""Deadlines page and its .ics calendar: the same rows as `thidua deadlines`."""

from __future__ import annotations

from html import unescape

from web_fixtures import TODAY

from thidua.campaign.deadlines import collect, to_ics
from thidua.campaign.loading import load_campaign


def sample_rows(campaigns):
    return collect([load_campaign(p) for p in sorted(campaigns.iterdir())], TODAY)


def test_every_deadline_with_days_left_and_overdue_in_red(client, campaigns_copy):
    html = unescape(client.get("/thoi-han").text)
    rows = sample_rows(campaigns_copy)
    assert rows
    for row in rows:
        assert row.what in html
    overdue = [r for r in rows if r.overdue]
    assert f"{len(overdue)} quá hạn" in html
    assert html.count('class="overdue-row"') == len(overdue)
    assert "QUÁ HẠN" in html and "còn 10 ngày" in html


def test_ics_download_is_the_library_calendar(client, campaigns_copy):
    response = client.get("/thoi-han.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.content == to_ics(sample_rows(campaigns_copy))
    assert b"BEGIN:VEVENT" in response.content


def test_broken_campaign_is_skipped_and_named(client, campaigns_copy):
    (campaigns_copy / "001-phung-hiep" / "campaign.yaml").write_text("title: [\n", encoding="utf-8")
    html = client.get("/thoi-han").text
    assert "Bỏ qua 001-phung-hiep" in html
