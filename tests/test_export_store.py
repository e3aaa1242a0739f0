"""Output store: manifests, edit detection, folder swap, deterministic ZIP, deadlines."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from test_campaign_format import VALID

from thidua.campaign.deadlines import DeadlineRow, to_ics
from thidua.cli import cli
from thidua.export.manifest import Manifest, inspect_folder, sha256_bytes
from thidua.export.staging import FolderUpdate, recover
from thidua.export.zipper import build_zip


def generate(final, files, force=False):
    update = FolderUpdate(final, force=force)
    manifest = Manifest(campaign="c", period="p")
    for name, data in files.items():
        update.path(name).write_bytes(data)
        manifest.files[name] = sha256_bytes(data)
    update.commit(manifest)
    return update


def test_manifest_hashes_match_files(tmp_path):
    final = tmp_path / "out"
    generate(final, {"01_to-trinh.docx": b"one", "02_bien-ban.docx": b"two"})
    manifest = Manifest.read(final)
    assert manifest.files == {"01_to-trinh.docx": sha256_bytes(b"one"),
                              "02_bien-ban.docx": sha256_bytes(b"two")}
    assert inspect_folder(final).edited == ()


def test_edited_file_is_preserved_and_reported_until_forced(tmp_path):
    final = tmp_path / "out"
    generate(final, {"01_to-trinh.docx": b"v1", "02_bien-ban.docx": b"v1"})
    (final / "01_to-trinh.docx").write_bytes(b"edited by hand")
    (final / "ghi-chu.txt").write_bytes(b"user's own file")
    second = generate(final, {"01_to-trinh.docx": b"v2", "02_bien-ban.docx": b"v2"})
    assert second.preserved == ["01_to-trinh.docx"]
    assert (final / "01_to-trinh.docx").read_bytes() == b"edited by hand"
    assert (final / "02_bien-ban.docx").read_bytes() == b"v2"
    assert (final / "ghi-chu.txt").read_bytes() == b"user's own file"
    # still recognised as edited on the next run
    assert inspect_folder(final).edited == ("01_to-trinh.docx",)
    forced = generate(final, {"01_to-trinh.docx": b"v3", "02_bien-ban.docx": b"v3"}, force=True)
    assert forced.preserved == []
    assert (final / "01_to-trinh.docx").read_bytes() == b"v3"


def test_interrupted_swap_is_recovered(tmp_path):
    final = tmp_path / "out"
    generate(final, {"a.docx": b"complete"})
    old = tmp_path / ".out.old"
    final.rename(old)  # as if killed between the two renames
    recover(final)
    assert (final / "a.docx").read_bytes() == b"complete"
    assert not old.exists()


def test_abort_leaves_previous_output(tmp_path):
    final = tmp_path / "out"
    generate(final, {"a.docx": b"complete"})
    update = FolderUpdate(final)
    update.path("a.docx").write_bytes(b"half")
    update.abort()
    assert (final / "a.docx").read_bytes() == b"complete"
    assert not list(tmp_path.glob(".out.staging-*"))


def test_zip_is_deterministic_and_vietnamese_names_round_trip():
    entries = [("Hồ sơ khen thưởng năm 2023/02_bien-ban.docx", b"b"),
               ("Hồ sơ khen thưởng năm 2023/01_tờ-trình.docx", b"a")]
    first, second = build_zip(entries), build_zip(list(reversed(entries)))
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == sorted(n for n, _ in entries)
    info = archive.infolist()[0]
    assert info.flag_bits & 0x800, "UTF-8 name flag must be set for Windows"
    assert info.date_time == (1980, 1, 1, 0, 0, 0)
    assert archive.read("Hồ sơ khen thưởng năm 2023/01_tờ-trình.docx") == b"a"


def test_ics_escapes_folds_and_uses_crlf():
    row = DeadlineRow("c", "Phong trào, năm 2023; thử", date(2023, 12, 15),
                      "Hồ sơ đề nghị khen thưởng " * 4, "Các xã", "Phòng Nội vụ", "", 5)
    data = to_ics([row])
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20231215\r\n" in text
    assert "Phong trào\\, năm 2023\\; thử" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert to_ics([row]) == data


def test_deadlines_cli_table_and_overdue(tmp_path):
    folder = tmp_path / "phung-hiep"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(VALID, encoding="utf-8")
    ics = tmp_path / "lich.ics"
    result = CliRunner().invoke(cli, ["deadlines", str(folder), "--today", "20/12/2023",
                                      "--ics", str(ics)], prog_name="thidua")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Ngày        | Tình trạng       | Phong trào | Việc (từ → đến)",
        "15/12/2023  | QUÁ HẠN 5 ngày   | phung-hiep | Hồ sơ đề nghị khen thưởng "
        "(Các xã → Phòng Nội vụ)",
        "Tổng cộng 1 thời hạn, 1 quá hạn (tính đến 20/12/2023).",
        f"Đã ghi lịch: {ics}",
    ]
    assert b"SUMMARY:H\xe1\xba\xa1n: H\xe1\xbb\x93 s\xc6\xa1" in ics.read_bytes()


@pytest.mark.parametrize("bad", ["31/02/2023", "hôm qua"])
def test_deadlines_bad_today(bad):
    result = CliRunner().invoke(cli, ["deadlines", "--today", bad], prog_name="thidua")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_monthly_deadline_expands_until_last(tmp_path):
    from thidua.campaign.deadlines import collect
    from thidua.campaign.loading import load_campaign

    folder = tmp_path / "c"
    folder.mkdir()
    text = VALID.replace(
        "deadlines:\n",
        "deadlines:\n  - {date: 31/01/2023, what: Báo cáo tháng, repeat: monthly, until: 30/04/2023}\n")
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    rows = collect([load_campaign(folder)], date(2023, 3, 1))
    monthly = [(r.date.isoformat(), r.days_left) for r in rows if r.what == "Báo cáo tháng"]
    assert monthly == [("2023-01-31", -29), ("2023-02-28", -1), ("2023-03-31", 30),
                       ("2023-04-30", 60)]


def test_internal_error_is_reported_without_traceback(monkeypatch):
    import thidua.cli.export_cmds as export_cmds

    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(export_cmds, "collect", boom)
    monkeypatch.delenv("THIDUA_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["deadlines", "--today", "01/01/2023", "campaigns/001-phung-hiep"],
                                prog_name="thidua")
    assert result.exit_code == 3
    assert result.output.startswith("Lỗi nội bộ của thidua (ZeroDivisionError: division by zero).")
    assert "Traceback" not in result.output


def test_recover_keeps_staging_of_a_live_run(tmp_path):
    import os
    final = tmp_path / "out"
    live = tmp_path / f".out.staging-{os.getppid()}"
    dead = tmp_path / ".out.staging-999999999"
    live.mkdir()
    dead.mkdir()
    recover(final)
    assert live.exists() and not dead.exists()


def test_templates_found_outside_a_checkout(tmp_path, monkeypatch):
    import importlib

    import thidua.documents.rendering as rendering

    monkeypatch.setenv("THIDUA_TEMPLATES", str(tmp_path))
    assert importlib.reload(rendering).DEFAULT_TEMPLATE_DIR == tmp_path
    monkeypatch.delenv("THIDUA_TEMPLATES")
    assert (importlib.reload(rendering).DEFAULT_TEMPLATE_DIR / "to-trinh.docx").is_file()
