"""Upload helper: path-free Windows-valid names, content checked, never outside, never over."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.web.uploads import (
    UploadRefused,
    check_content,
    replace_keeping_backup,
    safe_name,
    save_upload,
)

XLSX = (".xlsx", ".csv")


@pytest.mark.parametrize("given_name, expected", [
    ("../../x.xlsx", "x.xlsx"),
    ("..\\..\\Windows\\x.XLSX", "x.xlsx"),
    ("/etc/passwd.csv", "passwd.csv"),
    ("Báo cáo Tổ 1.xlsx", "bao-cao-to-1.xlsx"),
    ("CON.csv", "con-tep.csv"),
    ("a<>:|?*.csv", "a.csv"),
])
def test_names_lose_their_path_and_bad_characters(given_name, expected):
    assert safe_name(given_name, XLSX) == expected


@given(st.text(min_size=1, max_size=80))
def test_any_name_is_path_free_or_refused(text):
    try:
        name = safe_name(text + ".csv", XLSX)
    except UploadRefused:
        return
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.endswith(".csv") and len(name) <= 70


def test_wrong_suffix_and_wrong_content_are_refused():
    with pytest.raises(UploadRefused, match="không đúng loại"):
        safe_name("x.exe", XLSX)
    with pytest.raises(UploadRefused, match="không phải tệp .xlsx hợp lệ"):
        check_content(b"MZ\x90\x00", ".xlsx", "x.xlsx")
    with pytest.raises(UploadRefused, match="không phải tệp văn bản"):
        check_content(b"a,b\x00\x00", ".csv", "x.csv")
    check_content("ma_don_vi,ten\nto-1,Tổ 1\n".encode(), ".csv", "x.csv")


def test_saved_uploads_never_replace_a_file_nor_leave_the_folder(tmp_path):
    first = save_upload(tmp_path, "data/nop", "a.csv", b"1")
    second = save_upload(tmp_path, "data/nop", "a.csv", b"2")
    assert first.path.name == "a.csv" and second.path.name == "a-2.csv"
    assert second.renamed_from == "a.csv" and first.path.read_bytes() == b"1"
    with pytest.raises(UploadRefused):
        save_upload(tmp_path, "../ngoai", "a.csv", b"3")
    assert not (tmp_path.parent / "ngoai").exists()


def test_replacing_keeps_the_old_file(tmp_path):
    target = tmp_path / "data" / "nam.csv"
    target.parent.mkdir()
    target.write_bytes(b"old")
    backups = replace_keeping_backup(tmp_path, target, b"new")
    assert target.read_bytes() == b"new"
    assert [b.read_bytes() for b in backups] == [b"old"]
    assert backups[0].parent == tmp_path / "data" / "cu"
