"""CLI for campaign definitions: exact output, exit codes, help for every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_campaign_format import VALID

from thidua.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, prog_name="thidua")


@pytest.fixture
def campaign_dir(tmp_path):
    folder = tmp_path / "phung-hiep"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(VALID, encoding="utf-8")
    return folder


def test_validate_ok_prints_summary(campaign_dir):
    result = run("validate", str(campaign_dir))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"Hợp lệ: {campaign_dir / 'campaign.yaml'}",
        '  Phong trào: Phát động thi đua "Người dân nộp hồ sơ trực tuyến" năm 2023',
        "  Cơ quan ban hành: Ủy ban nhân dân huyện Phụng Hiệp",
        "  Thời gian: ngày ban hành – 31/12/2023",
        "  Đơn vị thi đua: 2 — Các xã, thị trấn (2)",
        "  Tiêu chí: 1, tổng 100 điểm",
        "  Đợt khen thưởng: nam-2023 (1 hình thức)",
        "  Thời hạn: 1",
        f"  Đợt nam-2023: chưa có tệp số liệu ({campaign_dir / 'data' / 'nam-2023.csv'})",
    ]


def test_validate_invalid_exit_2_without_traceback(campaign_dir):
    path = campaign_dir / "campaign.yaml"
    path.write_text(VALID.replace("  symbol: UBND", "  symbl: UBND"), encoding="utf-8")
    result = run("validate", str(campaign_dir))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [
        f"{path}:2 (issuer.symbol): Lỗi: thiếu khóa bắt buộc 'symbol'",
        f"{path}:4 (issuer.symbl): Lỗi: khóa 'symbl' không có trong định dạng; "
        "có phải ý bạn là 'symbol'?",
        "Có 2 lỗi cần sửa.",
    ]


def test_validate_unknown_campaign(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate", "khong-co")
    assert result.exit_code == 2
    assert "Không tìm thấy phong trào 'khong-co'" in result.output


def test_schema_is_json_schema_of_the_format():
    result = run("schema")
    schema = json.loads(result.output)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"title", "issuer", "time", "signer"} <= set(schema["required"])
    assert "from" in schema["$defs"]["Deadline"]["properties"]
    assert schema["additionalProperties"] is False


def test_init_scaffolds_a_valid_campaign_and_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "moi"
    first = run("init", str(folder), "--year", "2026")
    assert first.exit_code == 0
    assert run("validate", str(folder)).exit_code == 0
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert "# cơ quan ban hành" in text
    second = run("init", str(folder), "--year", "2026")
    assert second.exit_code == 2
    assert "không ghi đè" in second.output


def test_list_shows_period_and_next_deadline(campaign_dir):
    result = run("list", str(campaign_dir.parent), "--today", "01/12/2023")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        'phung-hiep: Phát động thi đua "Người dân nộp hồ sơ trực tuyến" năm 2023',
        "    Thời gian: ngày ban hành – 31/12/2023",
        "    Thời hạn gần nhất: 15/12/2023 (còn 14 ngày): Hồ sơ đề nghị khen thưởng",
    ]


def all_commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from all_commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in all_commands(cli)], ids=" ".join)
def test_every_command_has_vietnamese_help(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: thidua")
    command = dict(all_commands(cli))[path]
    assert command.help and command.help.strip(), f"{path} has no help"
    assert "Hiện hướng dẫn này rồi thoát." in result.output


def test_validate_reads_period_data_and_locates_bad_cells(campaign_dir):
    data = campaign_dir / "data"
    data.mkdir()
    (data / "nam-2023.csv").write_text(
        "ma_don_vi,truc_tuyen,tong\ntt-cay-duong,80,100\nxa-tan-long,abc,90\n", encoding="utf-8")
    result = run("validate", str(campaign_dir))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert "  Đợt nam-2023: số liệu có 1 lỗi" in lines
    assert (f"{data / 'nam-2023.csv'}, dòng 3, cột B (truc_tuyen): Lỗi: Hồ sơ trực tuyến: "
            "'abc' không phải là số (viết 1.730 hoặc 98,5)") in lines
    assert run("validate", "--no-data", str(campaign_dir)).exit_code == 0


def test_validate_reports_valid_sample_data(campaign_dir):
    data = campaign_dir / "data"
    data.mkdir()
    (data / "nam-2023.csv").write_text(
        "# DỮ LIỆU MẪU\nma_don_vi,truc_tuyen,tong\ntt-cay-duong,80,100\nxa-tan-long,95,100\n",
        encoding="utf-8")
    result = run("validate", str(campaign_dir))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "  Đợt nam-2023: số liệu hợp lệ (2 đơn vị, 1 được khen)"


def test_init_never_overwrites_existing_data(tmp_path):
    folder = tmp_path / "moi"
    (folder / "data").mkdir(parents=True)
    own = folder / "data" / "nam-2026.csv"
    own.write_text("ma_don_vi,so_lieu_that\n", encoding="utf-8")
    result = run("init", str(folder), "--year", "2026")
    assert result.exit_code == 0
    assert f"Giữ nguyên tệp đã có: {own}" in result.output.splitlines()
    assert own.read_text(encoding="utf-8") == "ma_don_vi,so_lieu_that\n"
    forced = run("init", str(folder), "--year", "2026", "--force")
    assert forced.exit_code == 0
    assert own.read_text(encoding="utf-8") == "ma_don_vi,so_lieu_that\n"
