"""Journeys of an office in real Chromium (Playwright) against a live uvicorn server."""

from __future__ import annotations

from web_fixtures import screenshot


def test_home_opens_in_chromium(web_page):
    page = web_page
    page.goto(page.base + "/")
    assert page.locator("h1").inner_text() == "Các phong trào thi đua"
    assert page.locator(".campaign-card").count() == 3
    screenshot(page, "trang-chu")
