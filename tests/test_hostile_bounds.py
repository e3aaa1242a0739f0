"""Hostile inputs meet bounded work: YAML, templates, zip parts, PDF time and processes.

Every case runs the real CLI in a subprocess with a wall-clock bound and checks for a located
Vietnamese message, no traceback or internal error, and nothing left running or half-written.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLE = ROOT / "campaigns" / "000-ninh-phuoc"


def run_thidua(*args: str, cwd: Path, timeout: float = 60, env: dict | None = None
               ) -> tuple[subprocess.CompletedProcess, float]:
    """Run `thidua ARGS`; fail (instead of hanging) when it takes longer than `timeout`."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "thidua", *args], cwd=cwd, timeout=timeout,
                            capture_output=True, text=True, env={**os.environ, **(env or {})})
    return result, time.monotonic() - started


def assert_clean_failure(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit code 1/2, the expected words in the message, no traceback or internal error."""
    output = result.stdout + result.stderr
    assert result.returncode in (1, 2), output
    assert "Traceback" not in output and "Lỗi nội bộ" not in output, output
    for words in expected:
        assert words in output, output
    return output


def campaign_with(tmp_path: Path, text: str, name: str = "c") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    return folder


SAMPLE_YAML = (SAMPLE / "campaign.yaml").read_text(encoding="utf-8")


# --- YAML -------------------------------------------------------------------------------

def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text, line, words", [
    (_alias_bomb() + SAMPLE_YAML, 1, "bí danh"),
    ("x: " + "[" * 20_000 + "]" * 20_000 + "\n" + SAMPLE_YAML, 1, "lồng nhau quá 64 cấp"),
    ("".join(" " * i + f"k{i}:\n" for i in range(500)) + " " * 500 + "v: 1\n", 64,
     "lồng nhau quá 64 cấp"),
    (SAMPLE_YAML.replace("year: 2022", "year: " + "9" * 5000), None, "số có 5000 chữ số"),
    (SAMPLE_YAML.replace("year: 2022", "year: 1" + ".000" * 2000), None, "6001 chữ số"),
    ("title: x\n? [a, b]\n: c\n", 2, "tên khóa phải là một chữ"),
    (SAMPLE_YAML.replace("year: 2022", "year: 1.0e+400"), None, "không phải một số hữu hạn"),
], ids=["alias-bomb", "flow-nesting", "block-nesting", "long-integer", "long-vn-integer",
        "complex-key", "infinite-float"])
def test_yaml_over_a_limit_fails_fast_and_located(tmp_path, text, line, words):
    folder = campaign_with(tmp_path, text)
    result, seconds = run_thidua("validate", str(folder), cwd=tmp_path)
    output = assert_clean_failure(result, words, "Tệp vượt giới hạn")
    if line is None:
        line = text.split("\n").index(next(x for x in text.split("\n") if "year: " in x)) + 1
    assert f"campaign.yaml:{line}:" in output
    assert seconds < 20


def test_a_huge_yaml_file_is_refused_without_reading_it_all(tmp_path):
    folder = campaign_with(tmp_path, SAMPLE_YAML + "# " + "x" * (2 * 1024 * 1024) + "\n")
    result, _ = run_thidua("validate", str(folder), cwd=tmp_path)
    assert_clean_failure(result, "lớn hơn 1 MB")


def _break_line(text: str, old: str, new: str) -> tuple[str, int]:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip() == old)
    lines[index] = lines[index].replace(old, new)
    return "\n".join(lines), index + 1


@pytest.mark.parametrize("old, new, words", [
    ("symbol: UBND", 'symbol: "UBND', "dấu ngoặc kép mở ở dòng này chưa được đóng"),
    ("symbol: UBND", "symbol: 'UBND", "dấu nháy đơn (') mở ở dòng này chưa được đóng"),
    ("symbol: UBND", "symbol: [UBND, x", "dấu '[' mở ở dòng này chưa được đóng"),
    ("symbol: UBND", "symbol: {a: UBND", "dấu '{' mở ở dòng này chưa được đóng"),
])
def test_yaml_slip_is_reported_where_it_starts(tmp_path, old, new, words):
    text, line = _break_line(SAMPLE_YAML, old, new)
    result, _ = run_thidua("validate", str(campaign_with(tmp_path, text)), cwd=tmp_path)
    output = assert_clean_failure(result, words)
    assert f"campaign.yaml:{line}: Lỗi: cú pháp YAML sai" in output


def test_a_legitimate_multiline_quote_is_not_blamed(tmp_path):
    text = SAMPLE_YAML.replace("  symbol: UBND\n", '  symbol: "UB\n    ND"\n', 1)
    text, line = _break_line(text, "place: Ninh Phước", "place Ninh Phước")
    result, _ = run_thidua("validate", str(campaign_with(tmp_path, text)), cwd=tmp_path)
    output = assert_clean_failure(result, "thiếu dấu ':' sau tên khóa")
    assert f"campaign.yaml:{line}:" in output


# --- Templates from other offices -------------------------------------------------------

ATTACKS = {
    "nested-range": ("{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}"
                     "{% endfor %}", "quá 1.000.000 lượt"),
    "nested-list": ("{% set x = range(99999)|list %}{% for a in x %}{% for b in x %}{% endfor %}"
                    "{% endfor %}", "quá 1.000.000 lượt"),
    "string-times": ("{{ 'x' * 3000000000 }}", "giá trị dài 3.000.000.000 ký tự"),
    "power": ("{{ 7 ** 1000000000 }}", "số lớn quá 100 chữ số"),
    "lipsum": ("{{ lipsum(n=100000) }}", "lipsum() chỉ tạo tối đa 20 đoạn"),
    "range": ("{{ range(10**9)|list|length }}", "range() tạo 1.000.000.000 số"),
    "center-filter": ("{{ 'x'|center(10**9) }}", "giá trị dài 1.000.000.000"),
    "ljust-method": ("{{ 'x'.ljust(999999999) }}", "giá trị dài 999.999.999"),
    "printf-width": ("{{ '%999999999s' % 'x' }}", "giá trị dài 999.999.999"),
    "format-width": ("{{ '{:>999999999}'.format('x') }}", "giá trị dài 999.999.999"),
    "concat-doubling": ("{% set s = 'x' * 4000000 %}{% set s = s ~ s %}{{ s|length }}",
                        "giá trị dài 8.000.000"),
    "list-times": ("{{ (range(99999)|list) * 99999 }}", "giá trị dài"),
    "replace": ("{% set s = 'x' * 100000 %}{{ s.replace('x', 'y' * 1000) }}",
                "giá trị dài 100.000.000"),
    "static-output": ("{% for a in range(99999) %}{% for b in range(9) %}" + "lorem ipsum " * 100
                      + "{% endfor %}{% endfor %}", "văn bản tạo ra dài quá 50.000.000 ký tự"),
    "recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "gọi lại chính nó quá sâu"),
    "join-separator": ("{{ range(99999)|join('y' * 4000000) }}", "giá trị dài"),
    "repeated-list": ("{% set s = 'x' * 4000000 %}{{ [s] * 1000 }}", "giá trị dài"),
    "literal-list": ("{% set s = 'x' * 4000000 %}{{ [s, s] }}", "giá trị dài"),
    "list-to-text": ("{% set s = 'x' * 4000000 %}{{ [s, s] ~ '' }}", "giá trị dài"),
    "map-center": ("{{ range(99999)|map('center', 4000000)|list|length }}",
                   "tạo ra quá 100.000.000 ký tự"),
    "replace-filter": ("{{ ('x' * 100000)|replace('x', 'y' * 1000) }}", "giá trị dài"),
    "indent-text": ("{{ ('a\\n' * 100000)|indent('y' * 1000) }}", "giá trị dài"),
    "printf-star": ("{{ '%*s' % (999999999, 'x') }}", "giá trị dài 999.999.999"),
    "nested-format": ("{{ '{0:>{1}}'.format('x', 999999999) }}", "giá trị dài 999.999.999"),
    "format-filter": ("{{ '%*s'|format(999999999, 'x') }}", "giá trị dài 999.999.999"),
    "wordwrap": ("{{ ('x' * 1000000)|wordwrap(1, wrapstring='y' * 1000) }}", "giá trị dài"),
}


def _template_with(folder: Path, name: str, body: str) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("Mẫu của cơ quan khác")
    document.add_paragraph(body)
    folder.mkdir(parents=True, exist_ok=True)
    document.save(folder / name)
    return folder / name


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_template_over_a_limit_fails_fast_naming_template_and_paragraph(tmp_path, name):
    from thidua.errors import TemplateError
    from thidua.render import DocumentRenderer

    body, words = ATTACKS[name]
    _template_with(tmp_path, f"{name}.docx", body)
    started = time.monotonic()
    with pytest.raises(TemplateError) as info:
        DocumentRenderer([tmp_path]).render_bytes(f"{name}.docx", {})
    assert time.monotonic() - started < 15
    message = info.value.message
    assert message.startswith(f"Mẫu {name}.docx: mẫu vượt giới hạn: "), message
    assert words in message
    if name != "static-output":  # static text has no expression to point at
        assert "tại đoạn «" in message


def test_render_time_per_document_is_bounded(tmp_path):
    from thidua.errors import TemplateError
    from thidua.render import DocumentRenderer

    slow = ("{% for a in range(900) %}{% for b in range(999) %}{{ (b|string)|center(20) }}"
            "{% endfor %}{% endfor %}")
    _template_with(tmp_path, "slow.docx", slow)
    renderer = DocumentRenderer([tmp_path], render_seconds=0.3)
    started = time.monotonic()
    with pytest.raises(TemplateError, match="mất quá 0.3 giây"):
        renderer.render_bytes("slow.docx", {})
    assert time.monotonic() - started < 5
    started = time.monotonic()  # the next document of that template fails at once
    with pytest.raises(TemplateError, match="mất quá 0.3 giây"):
        renderer.render_bytes("slow.docx", {})
    assert time.monotonic() - started < 0.1
    _template_with(tmp_path, "fine.docx", "{% for a in range(3) %}{{ a }}{% endfor %}")
    assert renderer.render_bytes("fine.docx", {})  # the budget is per document


def test_hostile_campaign_template_keeps_previous_output(tmp_path):
    out = tmp_path / "out"
    campaign = tmp_path / "c"
    subprocess.run(["cp", "-r", str(SAMPLE), str(campaign)], check=True)
    result, _ = run_thidua("export", str(campaign), "-o", str(out), "--workers", "1",
                           cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    plan = next((out / "c" / "ke-hoach").glob("*.docx"))
    before = plan.read_bytes()
    _template_with(campaign / "templates", "ke-hoach.docx", ATTACKS["nested-range"][0])
    result, seconds = run_thidua("export", str(campaign), "-o", str(out), "--workers", "1",
                                 cwd=tmp_path, timeout=120)
    output = assert_clean_failure(result, "Mẫu ke-hoach.docx: mẫu vượt giới hạn", "tại đoạn «")
    assert seconds < 60, output
    assert plan.read_bytes() == before


# --- Zip parts --------------------------------------------------------------------------

def _with_big_part(source: Path, target: Path, megabytes: int) -> Path:
    """A copy of the zip `source` plus a part of `megabytes` MiB of zeros (a tiny deflate)."""
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info, original.read(info))
        with archive.open("word/media/big.bin", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(block)
    return target


@pytest.mark.parametrize("megabytes, words", [
    (120, "phần word/media/big.bin bên trong tệp giải nén ra 120 MB, quá giới hạn 100 MB"),
    (20, "phần word/media/big.bin bên trong tệp nén bất thường"),
], ids=["large-part", "zip-bomb"])
def test_template_with_a_huge_part_is_refused_before_reading(tmp_path, megabytes, words):
    from thidua.errors import TemplateError
    from thidua.render import DocumentRenderer

    folder = tmp_path / "templates"
    folder.mkdir()
    _with_big_part(ROOT / "templates" / "ke-hoach.docx", folder / "ke-hoach.docx", megabytes)
    with pytest.raises(TemplateError) as info:
        DocumentRenderer([folder]).render_bytes("ke-hoach.docx", {})
    assert info.value.message.startswith("Mẫu ke-hoach.docx: ")
    assert words in info.value.message


def test_checking_a_word_file_with_a_huge_part_is_refused(tmp_path):
    big = _with_big_part(ROOT / "templates" / "ke-hoach.docx", tmp_path / "big.docx", 120)
    result, seconds = run_thidua("check", str(big), cwd=tmp_path)
    assert_clean_failure(result, f"{big}: phần word/media/big.bin", "quá giới hạn 100 MB")
    assert seconds < 30


def test_data_workbook_with_a_huge_part_is_refused(tmp_path):
    import openpyxl

    from thidua.data.tables import read_table
    from thidua.errors import DataError

    small = tmp_path / "small.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["ma_don_vi", "tong"])
    workbook.save(small)
    big = _with_big_part(small, tmp_path / "so-lieu.xlsx", 120)
    with pytest.raises(DataError) as info:
        read_table(big, lambda header: header == "ma_don_vi")
    text = str(info.value)
    assert f"{big}: Lỗi: phần word/media/big.bin" in text and "quá giới hạn 100 MB" in text


# --- PDF time bound and processes -------------------------------------------------------

def _marked(mark: str, where: str = "environ") -> list[str]:
    """Live (non-zombie) processes whose environment (or command line) carries `mark`."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if mark.encode() not in (proc / where).read_bytes():
                continue
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
        except OSError:
            continue
        if state != "Z":
            found.append(f"{proc.name} {state} {command}")
    return found


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.fixture
def pdf_run(tmp_path):
    """A copy of a sample campaign, a private TMPDIR and a mark to find every child process."""
    if sys.platform != "linux":
        pytest.skip("processes are found through /proc")
    campaign = tmp_path / "c"
    subprocess.run(["cp", "-r", str(SAMPLE), str(campaign)], check=True)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    mark = f"THIDUA_TEST_MARK={os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, "TMPDIR": str(scratch), mark.split("=")[0]: mark.split("=")[1]}
    yield campaign, scratch, mark, env
    leftovers = _marked(mark)
    for line in leftovers:  # never leave a stray LibreOffice to the next test
        os.kill(int(line.split()[0]), 9)


def _hanging_soffice(tmp_path: Path) -> Path:
    """Test data: a 'LibreOffice' that starts and never answers."""
    fake = tmp_path / "treo" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 600\n")
    fake.chmod(0o755)
    return fake


def test_a_hanging_libreoffice_is_bounded_by_pdf_timeout(tmp_path, pdf_run):
    campaign, scratch, mark, env = pdf_run
    env["THIDUA_SOFFICE"] = str(_hanging_soffice(tmp_path))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "thidua", "export", str(campaign), "-o",
                             str(tmp_path / "out"), "--pdf", "--pdf-timeout", "6",
                             "--workers", "1"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    seconds = time.monotonic() - started
    output = assert_clean_failure(result, "đã hết thời gian dành cho việc chuyển PDF",
                                  "chưa phản hồi sau 6 giây khởi động",
                                  "Các văn bản chưa có PDF (53):")
    assert seconds < 6 + 30, output
    assert (tmp_path / "out" / "c" / "nam-2023" / "06_bang-tong-hop.docx").is_file()
    assert f"  {tmp_path / 'out' / 'c' / 'ke-hoach' / 'ke-hoach.docx'}\n" in output
    assert _wait_until(lambda: not _marked(mark), 5), _marked(mark)
    assert list(scratch.iterdir()) == []


def test_a_libreoffice_hanging_longer_than_its_start_up_time_is_given_up(tmp_path):
    from thidua.pdf.convert import PdfRun, convert_many

    fake = _hanging_soffice(tmp_path)
    sources = sorted((ROOT / "templates").glob("*.docx"))[:3]
    run = PdfRun(120)
    started = time.monotonic()
    results = convert_many(sources, tmp_path / "pdf", workers=1, soffice=fake, run=run,
                           startup_timeout=3)
    assert time.monotonic() - started < 30
    assert [r.ok for r in results] == [False] * 3
    assert all("không phản hồi khi khởi động (đã chờ 3 giây)" in r.error for r in results)
    assert run.hung  # the next folder of the same run does not wait again
    assert _wait_until(lambda: not _marked(str(fake), "cmdline"), 5), _marked(str(fake), "cmdline")


def _start_export(tmp_path, campaign, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "thidua", "export", str(campaign), "-o",
                             str(tmp_path / "out"), "--pdf", "--workers", "1"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _libreoffice_running(mark: str) -> bool:
    return any("soffice.bin" in line for line in _marked(mark))


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "Ctrl-C", "SIGKILL"])
def test_nothing_is_left_running_when_thidua_is_stopped_during_pdf(tmp_path, pdf_run, how,
                                                                  needs_soffice):
    import signal

    campaign, scratch, mark, env = pdf_run
    out = tmp_path / "out"
    proc = _start_export(tmp_path, campaign, env)
    try:
        assert _wait_until(lambda: _libreoffice_running(mark), 90), _marked(mark)
        if how == "Ctrl-C":  # the terminal sends SIGINT to the whole foreground group
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(getattr(signal, how))
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    if how != "SIGKILL":
        assert proc.returncode == 130, stderr
        assert "Đã dừng theo yêu cầu" in stderr and "Traceback" not in stderr, stderr
    assert _wait_until(lambda: not _marked(mark), 15), _marked(mark)
    assert _wait_until(lambda: list(scratch.iterdir()) == [], 5), list(scratch.iterdir())
    if how != "SIGKILL":
        assert list(out.rglob(".*staging*")) == []
    for folder in (out / "c").iterdir():  # whatever was swapped in is complete
        if not folder.name.startswith("."):
            assert (folder / "manifest.json").is_file()


def test_yaml_quote_left_open_inside_braces_is_reported_where_it_starts(tmp_path):
    lines = SAMPLE_YAML.split("\n")
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- {id:")
                 and "name: " in line)
    lines[index] = lines[index].replace("name: ", 'name: "', 1)
    result, _ = run_thidua("validate", str(campaign_with(tmp_path, "\n".join(lines))),
                           cwd=tmp_path)
    output = assert_clean_failure(result, "dấu ngoặc kép mở ở dòng này chưa được đóng")
    assert f"campaign.yaml:{index + 1}: Lỗi: cú pháp YAML sai" in output
