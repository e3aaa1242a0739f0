"""PDF export: real LibreOffice conversions, corrupt files, missing soffice, hangs and crashes."""

from __future__ import annotations

import os
import random
import signal
import sys
import unicodedata
from pathlib import Path

import docx
import pytest

from thidua.errors import PdfError
from thidua.pdf import fonts as pdf_fonts
from thidua.pdf import soffice as soffice_module
from thidua.pdf.convert import PdfConverter, convert_many, find_soffice, font_warnings
from thidua.pdf.soffice import find_uno_python

NAME = "Nguyễn Thị Ánh"
LINE = f"Ủy ban nhân dân xã Phước Hậu — {NAME}"


# --- reusable LibreOffice gate (meant to move to conftest.py) -----------------------------

def _require_or_skip(reason: str) -> None:
    if os.environ.get("THIDUA_REQUIRE_PDF") == "1":
        pytest.fail(f"THIDUA_REQUIRE_PDF=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def soffice() -> Path:
    """The LibreOffice binary; skips (or fails under THIDUA_REQUIRE_PDF=1) when missing."""
    try:
        return find_soffice()
    except PdfError as exc:
        first_line = exc.message.splitlines()[0]
        _require_or_skip(f"LibreOffice (soffice) not available, PDF export untested: {first_line}")
    raise AssertionError("unreachable")


@pytest.fixture(params=["uno", "cli"])
def backend(request: pytest.FixtureRequest, soffice: Path) -> str:
    """Both conversion backends; 'uno' needs a Python that can import uno (python3-uno)."""
    if request.param == "uno" and find_uno_python(soffice) is None:
        pytest.skip("python3-uno is not installed; the UNO backend falls back to the CLI one")
    return request.param


# --- helpers ------------------------------------------------------------------------------

def make_docx(path: Path, extra: str = "") -> Path:
    document = docx.Document()
    run = document.add_paragraph().add_run(f"{LINE} {extra}".strip())
    run.font.name = "Times New Roman"
    document.save(path)
    return path


def make_corrupt(path: Path) -> Path:
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


def pdf_text(path: Path) -> tuple[int, str]:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) is needed to read PDFs")
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFC", text)


def assert_converted(result, out_dir: Path) -> None:
    assert result.error is None, result.error
    assert result.pdf == out_dir / f"{result.source.stem}.pdf"
    pages, text = pdf_text(result.pdf)
    assert pages >= 1
    assert NAME in text


def kill_soffice_bin(process_group: int) -> list[int]:
    """SIGKILL the soffice.bin processes of one LibreOffice instance (Linux /proc)."""
    killed = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        command = text[text.index("(") + 1:text.rindex(")")]
        group = int(text[text.rindex(")") + 2:].split()[2])
        if group == process_group and command == "soffice.bin":
            os.kill(int(stat.parent.name), signal.SIGKILL)
            killed.append(int(stat.parent.name))
    return killed


FAKE_SOFFICE = """\
#!{python}
# Stands in for soffice --convert-to: hangs on *stuck*, crashes on *crash*, else writes a PDF.
import os, sys, time
from pathlib import Path
args = sys.argv[1:]
out_dir = Path(args[args.index("--outdir") + 1])
for name in args[args.index("--outdir") + 2:]:
    source = Path(name)
    if "stuck" in source.stem:
        Path(os.environ["FAKE_PID_FILE"]).write_text(str(os.getpid()))
        time.sleep(120)
    if "crash" in source.stem:
        os._exit(134)
    (out_dir / (source.stem + ".pdf")).write_bytes(b"%PDF-1.4\\n% fake\\n%%EOF\\n")
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if sys.platform == "win32":
        pytest.skip("the fake soffice is a POSIX script")
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setenv("FAKE_PID_FILE", str(tmp_path / "stuck.pid"))
    return script


# --- tests with real LibreOffice ----------------------------------------------------------

def test_converts_vietnamese_documents(tmp_path: Path, soffice: Path, backend: str) -> None:
    sources = [make_docx(tmp_path / f"{stem}.docx", stem) for stem in ("c", "a", "b")]
    out_dir = tmp_path / "pdf"
    with PdfConverter(soffice, backend=backend) as converter:
        results = converter.convert(sources, out_dir)
        assert converter.backend == backend
    assert [r.source for r in results] == sorted(sources)
    for result in results:
        assert_converted(result, out_dir)
        assert result.attempts == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]


def test_corrupt_docx_fails_alone(tmp_path: Path, soffice: Path, backend: str) -> None:
    good = [make_docx(tmp_path / "mot.docx"), make_docx(tmp_path / "zz.docx")]
    corrupt = make_corrupt(tmp_path / "hong.docx")
    out_dir = tmp_path / "pdf"
    with PdfConverter(soffice, backend=backend) as converter:
        results = {r.source: r for r in converter.convert([*good, corrupt], out_dir)}
    assert results[corrupt].pdf is None
    assert "không mở được" in results[corrupt].error
    assert not (out_dir / "hong.pdf").exists()
    for source in good:
        assert_converted(results[source], out_dir)


def test_uno_instance_restarts_after_soffice_is_killed(tmp_path: Path, soffice: Path) -> None:
    if not sys.platform.startswith("linux") or find_uno_python(soffice) is None:
        pytest.skip("needs Linux /proc and python3-uno")
    sources = [make_docx(tmp_path / f"van_ban_{i}.docx", str(i)) for i in range(4)]
    out_dir = tmp_path / "pdf"
    killed: list[int] = []

    def kill_after_first(result) -> None:
        if not killed:
            killed.extend(kill_soffice_bin(converter.server_pid))

    with PdfConverter(soffice, backend="uno", on_result=kill_after_first) as converter:
        results = converter.convert(sources, out_dir)
        assert killed, "no soffice.bin found to kill"
        assert converter.restarts == 1
    for result in results:
        assert_converted(result, out_dir)
    assert [r.attempts for r in results] == [1, 2, 1, 1]


def test_convert_many_uses_several_workers(tmp_path: Path, soffice: Path) -> None:
    sources = [make_docx(tmp_path / f"to_trinh_{i:02d}.docx", str(i)) for i in range(6)]
    twin = tmp_path / "zz_khac"  # sorts after: the first path in sorted order keeps the name
    twin.mkdir()
    duplicate = make_docx(twin / "to_trinh_03.docx")
    out_dir = tmp_path / "pdf"
    results = convert_many([duplicate, *reversed(sources)], out_dir, workers=3)
    assert [r.source for r in results] == sorted([*sources, duplicate])
    by_source = {r.source: r for r in results}
    for source in sources:
        assert_converted(by_source[source], out_dir)
    assert by_source[duplicate].pdf is None and "Trùng tên" in by_source[duplicate].error


# --- tests that need no LibreOffice -------------------------------------------------------

def test_missing_soffice_raises_install_hint(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_SOFFICE", str(tmp_path / "khong_co" / "soffice"))
    monkeypatch.setenv("PATH", str(tmp_path))
    for attempt in (find_soffice, PdfConverter, lambda: convert_many([], tmp_path)):
        with pytest.raises(PdfError) as caught:
            attempt()
        message = caught.value.message
        assert "THIDUA_SOFFICE" in message
        assert "sudo apt-get install libreoffice-writer" in message
        assert "libreoffice.org" in message
        assert r"C:\Program Files\LibreOffice\program\soffice.exe" in message

    monkeypatch.delenv("THIDUA_SOFFICE")
    monkeypatch.setattr(soffice_module, "_install_locations", lambda: [])
    with pytest.raises(PdfError, match="Không tìm thấy LibreOffice"):
        find_soffice()


def test_thidua_soffice_overrides_path(fake_soffice: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_SOFFICE", str(fake_soffice))
    assert find_soffice() == fake_soffice


@pytest.mark.parametrize("bad", ["stuck", "crash"])
def test_cli_chunk_keeps_finished_pdfs_and_retries_the_rest(
        tmp_path: Path, fake_soffice: Path, bad: str) -> None:
    sources = [make_docx(tmp_path / f"{stem}.docx") for stem in ("a", "b", bad, "x", "y")]
    missing = tmp_path / "khong_ton_tai.docx"
    out_dir = tmp_path / "pdf"
    with PdfConverter(fake_soffice, backend="cli", timeout=0.5, startup_timeout=1) as converter:
        results = {r.source.stem: r for r in converter.convert([*sources, missing], out_dir)}
    assert {s: r.attempts for s, r in results.items()} == {
        "a": 1, "b": 1, bad: 2, "x": 2, "y": 2, "khong_ton_tai": 0}
    for stem in ("a", "b", "x", "y"):
        assert results[stem].pdf == out_dir / f"{stem}.pdf" and results[stem].pdf.is_file()
    expected = "Quá thời gian chờ" if bad == "stuck" else "dừng đột ngột"
    assert results[bad].pdf is None and expected in results[bad].error
    assert results["khong_ton_tai"].error == "Không tìm thấy tệp nguồn."
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.pdf", "b.pdf", "x.pdf", "y.pdf"]
    if bad == "stuck":
        stuck_pid = int((tmp_path / "stuck.pid").read_text())
        with pytest.raises(ProcessLookupError):
            os.kill(stuck_pid, 0)  # the hung process group was killed, not left behind


def test_auto_backend_falls_back_to_cli_when_uno_server_cannot_start(
        tmp_path: Path, fake_soffice: Path) -> None:
    sources = [make_docx(tmp_path / f"{stem}.docx") for stem in ("a", "b")]
    with PdfConverter(fake_soffice, startup_timeout=2) as converter:
        results = converter.convert(sources, tmp_path / "pdf")
        assert converter.backend == "cli"
    assert [r.pdf for r in results] == [tmp_path / "pdf" / "a.pdf", tmp_path / "pdf" / "b.pdf"]
    if find_uno_python(fake_soffice) is not None:
        with PdfConverter(fake_soffice, backend="uno", startup_timeout=2) as converter:
            with pytest.raises(PdfError, match="Không khởi động được LibreOffice"):
                converter.convert(sources, tmp_path / "pdf")


def test_font_warnings_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fonts, "installed_serif_fonts", lambda: set())
    [warning] = font_warnings()
    assert "Times New Roman" in warning and "Liberation Serif" in warning
    assert "phông" in warning and unicodedata.is_normalized("NFC", warning)
    monkeypatch.setattr(pdf_fonts, "installed_serif_fonts", lambda: {"Liberation Serif"})
    assert font_warnings() == []


def test_font_files_found_without_fc_list(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fonts.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf_fonts, "font_folders", lambda: [tmp_path])
    (tmp_path / "arial.ttf").write_bytes(b"")
    assert pdf_fonts.installed_serif_fonts() == set()
    (tmp_path / "times.ttf").write_bytes(b"")  # how Windows names Times New Roman
    assert pdf_fonts.installed_serif_fonts() == {"Times New Roman"}


def test_fc_list_detects_installed_metric_font() -> None:
    listing = os.popen("fc-list : family 2>/dev/null").read()
    if "Liberation Serif" not in listing:
        pytest.skip("fc-list or fonts-liberation is not available")
    assert "Liberation Serif" in pdf_fonts.installed_serif_fonts()
