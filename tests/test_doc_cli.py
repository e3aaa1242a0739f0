"""CLI: thidua plan, thidua dossier, thidua context (messages, exit codes, files written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_documents import SPECIAL_NAME, TIED_FIGURES, make_campaign

from thidua.cli import cli
from thidua.docx.check import check_document


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, prog_name="thidua")


@pytest.fixture
def campaign(tmp_path):
    return make_campaign(tmp_path / "thu-nghiem")


def test_plan_writes_the_ke_hoach(campaign, tmp_path):
    result = run("plan", str(campaign), "-o", str(tmp_path / "out"))
    target = tmp_path / "out" / "ke-hoach.docx"
    assert result.exit_code == 0
    assert result.output == f"Đã ghi {target}\n"
    assert check_document(target) == []


def test_dossier_defaults_to_output_campaign_period(campaign, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("dossier", str(campaign))
    assert result.exit_code == 0
    folder = tmp_path / "output" / "thu-nghiem" / "nam-2024"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "01_to-trinh.docx", "02_bien-ban.docx", "03_quyet-dinh.docx",
        "04_bao-cao-thanh-tich_ca-nhan_tran-van-an_to-1-to-2-a-b.docx",
        "04_bao-cao-thanh-tich_to-1-to-2-a-b.docx", "04_bao-cao-thanh-tich_to-dan-pho-3.docx",
        "05_phieu-ket-qua_to-1-to-2-a-b.docx", "05_phieu-ket-qua_to-dan-pho-3.docx",
        "05_phieu-ket-qua_to-dan-pho-4.docx", "06_bang-tong-hop.docx", "manifest.json"]
    assert result.output.splitlines()[0] == "Đã ghi output/thu-nghiem/nam-2024/01_to-trinh.docx"
    assert len([x for x in result.output.splitlines() if x.startswith("Đã ghi")]) == len(names) - 1


def test_dossier_keeps_a_hand_edited_file_until_forced(campaign, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("dossier", str(campaign)).exit_code == 0
    edited = Path("output/thu-nghiem/nam-2024/02_bien-ban.docx")
    edited.write_bytes(edited.read_bytes() + b"\0")
    hand_made = edited.read_bytes()
    again = run("dossier", str(campaign))
    assert again.exit_code == 0
    assert edited.read_bytes() == hand_made
    assert ("Giữ nguyên (đã sửa tay sau khi tạo; dùng --force để ghi đè): "
            f"{edited}") in again.output.splitlines()
    forced = run("dossier", str(campaign), "--force")
    assert f"Đã ghi đè tệp đã sửa tay (--force): {edited}" in forced.output.splitlines()
    assert edited.read_bytes() != hand_made


def test_dossier_unknown_period_is_a_vietnamese_error(campaign, tmp_path):
    result = run("dossier", str(campaign), "--period", "nam-2030", "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "không có đợt 'nam-2030' (có: nam-2024)" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "o").exists()


def test_dossier_refuses_a_pending_tie_and_says_how_to_settle_it(tmp_path):
    folder = make_campaign(tmp_path / "bang-diem", TIED_FIGURES)
    result = run("dossier", str(folder), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "cần Hội đồng Thi đua - Khen thưởng quyết định" in result.output
    assert "Tổ dân phố 3 (to-3), Tổ dân phố 4 (to-4)" in result.output
    assert f"{folder / 'data' / 'nam-2024-hoi-dong.csv'}" in result.output
    assert not (tmp_path / "o").exists()


def test_dossier_reads_another_data_file(campaign, tmp_path):
    other = tmp_path / "khac.csv"
    other.write_text("ma_don_vi,ho_so,truc_tuyen\nto-1,100,10\nto-3,100,90\nto-4,100,95\n",
                     encoding="utf-8")
    result = run("dossier", str(campaign), "--data", str(other), "-o", str(tmp_path / "o"))
    assert result.exit_code == 0
    assert (tmp_path / "o" / "04_bao-cao-thanh-tich_to-dan-pho-4.docx").is_file()
    assert not (tmp_path / "o" / "04_bao-cao-thanh-tich_to-1-to-2-a-b.docx").exists()


def test_context_prints_the_variables_as_json(campaign):
    result = run("context", str(campaign), "--doc", "phieu-ket-qua", "--unit", "to-3")
    assert result.exit_code == 0
    context = json.loads(result.output)
    assert context["don_vi"]["ten"] == "Tổ dân phố 3"
    assert context["don_vi"]["xep_hang_text"] == "2/3 đơn vị các tổ dân phố"
    assert context["van_ban"]["kinh_gui"] == "Tổ dân phố 3"
    special = json.loads(run("context", str(campaign), "--doc", "danh-sach").output)
    assert special["tap_the"][0]["ten"] == SPECIAL_NAME  # raw data: escaping is the renderer's job


def test_context_of_a_person_and_of_the_plan(campaign):
    person = json.loads(run("context", str(campaign), "--doc", "bao-cao-thanh-tich-ca-nhan",
                            "--person", "Trần Văn An").output)
    assert person["ca_nhan"]["thanh_tich"] == "=1+1"
    plan = json.loads(run("context", str(campaign), "--doc", "ke-hoach").output)
    assert plan["van_ban"]["so_ky_hieu"] == "Số: 05/KH-UBND"
    assert [b["tieu_de"] for b in plan["noi_dung"] if b["loai"] == "muc"][:2] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG, THỜI GIAN VÀ NỘI DUNG THI ĐUA"]


def test_context_errors(campaign):
    unknown = run("context", str(campaign), "--doc", "phieu-ket-qua", "--unit", "to-9")
    assert unknown.exit_code == 2
    assert "Không có đơn vị 'to-9' được chấm điểm trong đợt này (có: to-1, to-3, to-4)." \
        in unknown.output
    bad = run("context", str(campaign), "--doc", "cong-van")
    assert bad.exit_code == 2 and "'cong-van' không thuộc các lựa chọn" in bad.output


def test_help_texts_are_vietnamese():
    for command, phrase in (("plan", "Soạn Kế hoạch"), ("dossier", "hồ sơ khen thưởng"),
                            ("context", "các biến mà mẫu Word")):
        result = run(command, "--help")
        assert result.exit_code == 0 and phrase in result.output
