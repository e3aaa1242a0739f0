"""Shared test setup: import path for sibling test modules, LibreOffice requirement."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))

pytest_plugins = ("web_fixtures",)  # web app, TestClient, live server, Playwright Chromium


def soffice_available() -> bool:
    return bool(os.environ.get("THIDUA_SOFFICE") or shutil.which("soffice")
                or shutil.which("libreoffice"))


def require_soffice() -> None:
    """Skip (or fail under THIDUA_REQUIRE_PDF=1) when LibreOffice is not installed."""
    if soffice_available():
        return
    if os.environ.get("THIDUA_REQUIRE_PDF") == "1":
        pytest.fail("THIDUA_REQUIRE_PDF=1 nhưng không tìm thấy LibreOffice (soffice)")
    pytest.skip("LibreOffice (soffice) chưa được cài; bỏ qua kiểm thử PDF")


@pytest.fixture
def needs_soffice() -> None:
    require_soffice()
