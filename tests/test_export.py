"""Bulk export end to end: folders, manifests, edits kept, failures isolated, ZIP, PDF."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

import thidua.export.worker as export_render
from thidua.campaign.loading import load_campaign
from thidua.cli import cli
from thidua.export.bulk import export, select_campaigns
from thidua.export.manifest import sha256_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "campaigns" / "001-phung-hiep"


@pytest.fixture
def campaign(tmp_path) -> Path:
    target = tmp_path / "campaigns" / "001-phung-hiep"
    shutil.copytree(SEED, target)
    return target


def run_export(campaign: Path, out: Path, **options):
    return export([load_campaign(campaign)], out, workers=1, **options)


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_export_writes_plan_and_dossier_with_matching_manifest(campaign, tmp_path):
    out = tmp_path / "output"
    summary = run_export(campaign, out)
    assert summary.ok, summary.failures
    dossier = out / "001-phung-hiep" / "nam-2023"
    names = sorted(p.name for p in dossier.iterdir())
    assert names[:3] == ["01_to-trinh.docx", "02_bien-ban.docx", "03_quyet-dinh.docx"]
    assert "manifest.json" in names
    assert all(n.isascii() and " " not in n for n in names)
    manifest = json.loads((dossier / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["campaign"] == "001-phung-hiep"
    for entry in manifest["files"]:
        assert sha256_file(dossier / entry["name"]) == entry["sha256"]
    assert any(k.endswith("campaign.yaml") for k in manifest["sources"])
    assert any(k.endswith("nam-2023.csv") for k in manifest["sources"])
    assert (out / "001-phung-hiep" / "ke-hoach" / "ke-hoach.docx").is_file()
    assert "UBND xã Hòa An" in docx_text(dossier / "01_to-trinh.docx")


def test_export_is_deterministic(campaign, tmp_path):
    run_export(campaign, tmp_path / "a")
    run_export(campaign, tmp_path / "b")
    a = sorted((tmp_path / "a").rglob("*.docx"))
    b = sorted((tmp_path / "b").rglob("*.docx"))
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))


def test_edited_file_survives_reexport_until_forced(campaign, tmp_path):
    out = tmp_path / "output"
    run_export(campaign, out)
    edited = out / "001-phung-hiep" / "nam-2023" / "01_to-trinh.docx"
    doc = Document(str(edited))
    doc.add_paragraph("Ý kiến bổ sung của Trưởng phòng.")
    doc.save(str(edited))
    hand_made = edited.read_bytes()
    summary = run_export(campaign, out)
    assert edited.read_bytes() == hand_made
    assert summary.preserved == [edited]
    forced = run_export(campaign, out, force=True)
    assert forced.preserved == []
    assert "Ý kiến bổ sung" not in docx_text(edited)


def test_failing_document_keeps_previous_output_and_reports_it(campaign, tmp_path):
    out = tmp_path / "output"
    run_export(campaign, out)
    dossier = out / "001-phung-hiep" / "nam-2023"
    before = {p.name: p.read_bytes() for p in dossier.iterdir()}
    broken = Document(str(ROOT / "templates" / "phieu-ket-qua.docx"))
    broken.add_paragraph("{{ khong_co_bien_nay }}")
    (campaign / "templates").mkdir(exist_ok=True)
    broken.save(str(campaign / "templates" / "phieu-ket-qua.docx"))
    summary = run_export(campaign, out)
    assert not summary.ok
    assert any("05_phieu-ket-qua" in f and "khong_co_bien_nay" in f for f in summary.failures)
    assert {p.name: p.read_bytes() for p in dossier.iterdir()} == before
    incomplete = out / "001-phung-hiep" / "nam-2023.chua-hoan-chinh"
    assert (incomplete / "01_to-trinh.docx").is_file()  # the other documents were produced
    assert (out / "001-phung-hiep" / "ke-hoach" / "ke-hoach.docx").is_file()


def test_interrupted_export_leaves_previous_output(campaign, tmp_path, monkeypatch):
    out = tmp_path / "output"
    run_export(campaign, out)
    dossier = out / "001-phung-hiep" / "nam-2023"
    before = {p.name: p.read_bytes() for p in dossier.iterdir()}
    calls = {"n": 0}
    real = export_render.render_document

    def interrupted(renderer, doc):
        calls["n"] += 1
        if calls["n"] == 10:
            raise KeyboardInterrupt
        return real(renderer, doc)

    monkeypatch.setattr(export_render, "render_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_export(campaign, out)
    assert {p.name: p.read_bytes() for p in dossier.iterdir()} == before
    assert not list((out / "001-phung-hiep").glob(".*staging*")), "staging folders are removed"


def test_zip_per_dossier_with_vietnamese_folder(campaign, tmp_path):
    out = tmp_path / "output"
    summary = run_export(campaign, out, make_zip=True)
    archive = out / "001-phung-hiep" / "001-phung-hiep_nam-2023.zip"
    assert archive in summary.zips
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert names[0].startswith("Hồ sơ ")
        assert all(i.flag_bits & 0x800 for i in z.infolist())
        inner = names[0].split("/")[0]
        data = z.read(f"{inner}/01_to-trinh.docx")
    assert data == (out / "001-phung-hiep" / "nam-2023" / "01_to-trinh.docx").read_bytes()


def test_due_within_selects_campaigns_with_near_deadlines(monkeypatch):
    monkeypatch.setenv("THIDUA_CAMPAIGNS", str(ROOT / "campaigns"))
    chosen, invalid = select_campaigns([], True, 7, date(2023, 11, 28))
    assert [c.id for c in chosen] == ["000-ninh-phuoc"] and invalid == []
    assert select_campaigns([], True, 7, date(2030, 1, 1)) == ([], [])


def test_export_all_skips_a_broken_campaign_and_exports_the_others(campaign, tmp_path,
                                                                    monkeypatch):
    broken = campaign.parent / "hong"
    broken.mkdir()
    (broken / "campaign.yaml").write_text("title: [\n", encoding="utf-8")
    monkeypatch.setenv("THIDUA_CAMPAIGNS", str(campaign.parent))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--all", "--workers", "1"], prog_name="thidua")
    assert result.exit_code == 1
    assert (tmp_path / "output" / "001-phung-hiep" / "nam-2023" / "01_to-trinh.docx").is_file()
    assert f"  {broken}: không xuất được, định nghĩa có lỗi" in result.output


def test_export_cli_plain_progress_and_summary(campaign, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", str(campaign), "--workers", "1", "--zip"],
                                prog_name="thidua")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Đã tạo 1/53 văn bản"
    assert "Đã tạo 53/53 văn bản" in lines
    summary = next(line for line in lines if line.startswith("Xong trong "))
    assert summary.endswith("53 văn bản Word, 0 PDF, 2 tệp ZIP, 2 thư mục.")


def test_export_cli_requires_a_campaign():
    result = CliRunner().invoke(cli, ["export"], prog_name="thidua")
    assert result.exit_code == 2
    assert "dùng --all" in result.output


def test_pdf_export_has_pages_and_unit_names(needs_soffice, campaign, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "output"
    summary = run_export(campaign, out, pdf=True)
    assert summary.ok, summary.failures
    pdf = out / "001-phung-hiep" / "nam-2023" / "01_to-trinh.pdf"
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Hòa An" in text
    manifest = json.loads((pdf.parent / "manifest.json").read_text(encoding="utf-8"))
    assert "01_to-trinh.pdf" in {f["name"] for f in manifest["files"]}
    again = tmp_path / "again"
    run_export(campaign, again, pdf=True)
    twin = again / "001-phung-hiep" / "nam-2023" / "01_to-trinh.pdf"
    assert twin.read_bytes() == pdf.read_bytes(), "PDFs must be byte-identical across runs"


@pytest.mark.parametrize("damage", ["delete", "corrupt"])
def test_edit_kept_when_manifest_is_missing_or_corrupt(campaign, tmp_path, damage):
    out = tmp_path / "output"
    run_export(campaign, out)
    dossier = out / "001-phung-hiep" / "nam-2023"
    edited = dossier / "01_to-trinh.docx"
    doc = Document(str(edited))
    doc.add_paragraph("Sửa tay")
    doc.save(str(edited))
    hand_made = edited.read_bytes()
    if damage == "delete":
        (dossier / "manifest.json").unlink()
    else:
        (dossier / "manifest.json").write_text("{broken", encoding="utf-8")
    summary = run_export(campaign, out)
    assert edited.read_bytes() == hand_made
    assert summary.preserved == [edited]
    again = run_export(campaign, out)  # the new manifest now knows it is an edit
    assert again.preserved == [edited] and edited.read_bytes() == hand_made


def test_force_lists_overwritten_edits(campaign, tmp_path):
    out = tmp_path / "output"
    run_export(campaign, out)
    edited = out / "001-phung-hiep" / "nam-2023" / "02_bien-ban.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")
    summary = run_export(campaign, out, force=True)
    assert summary.overwritten == [edited]
    from thidua.export.bulk import summary_lines
    assert f"  {edited}" in summary_lines(summary)


def test_zip_leaves_out_the_users_own_files(campaign, tmp_path):
    out = tmp_path / "output"
    run_export(campaign, out)
    (out / "001-phung-hiep" / "nam-2023" / "ghi-chu-rieng.txt").write_text("riêng", "utf-8")
    run_export(campaign, out, make_zip=True)
    with zipfile.ZipFile(out / "001-phung-hiep" / "001-phung-hiep_nam-2023.zip") as z:
        names = [n.split("/", 1)[1] for n in z.namelist()]
    assert "ghi-chu-rieng.txt" not in names and "01_to-trinh.docx" in names
    assert (out / "001-phung-hiep" / "nam-2023" / "ghi-chu-rieng.txt").exists()


def test_incomplete_folder_with_user_edits_is_not_deleted(campaign, tmp_path):
    out = tmp_path / "output"
    broken = Document(str(ROOT / "templates" / "phieu-ket-qua.docx"))
    broken.add_paragraph("{{ khong_co_bien_nay }}")
    (campaign / "templates").mkdir(exist_ok=True)
    broken.save(str(campaign / "templates" / "phieu-ket-qua.docx"))
    run_export(campaign, out)
    incomplete = out / "001-phung-hiep" / "nam-2023.chua-hoan-chinh"
    (incomplete / "ghi-chu.txt").write_text("của tôi", "utf-8")
    run_export(campaign, out)
    kept = out / "001-phung-hiep" / "nam-2023.chua-hoan-chinh-2" / "ghi-chu.txt"
    assert kept.read_text("utf-8") == "của tôi"
    assert (incomplete / "01_to-trinh.docx").is_file()


def test_one_broken_template_is_reported_once_not_per_document():
    from thidua.export.bulk import ExportSummary, summary_lines

    summary = ExportSummary(failures=[
        f"c/p/05_phieu-ket-qua_{i}.docx: Mẫu phieu-ket-qua.docx: biến 'x' chưa được định nghĩa"
        for i in range(5)] + ["c/p: số liệu có 1 lỗi"])
    lines = summary_lines(summary)
    assert lines[-3:] == [
        "Lỗi: 6 văn bản/đợt không tạo được:",
        "  Mẫu phieu-ket-qua.docx: biến 'x' chưa được định nghĩa (5 văn bản: "
        "05_phieu-ket-qua_0.docx, 05_phieu-ket-qua_1.docx, 05_phieu-ket-qua_2.docx và 2 văn bản "
        "khác)",
        "  c/p: số liệu có 1 lỗi",
    ]
