"""Hostile and careless inputs: each gives a located Vietnamese message or the right result,
never a traceback, a silent wrong answer or a lost file (issue 11)."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.scoring.builders import campaign as build_campaign
from fixtures.scoring.builders import figures as build_figures
from thidua.atomic import os_error_text, write_unless_edited
from thidua.campaign.deadlines import DeadlineRow, to_ics
from thidua.campaign.loading import load_campaign
from thidua.campaign.validation import RESERVED_FOLDERS
from thidua.cli import cli
from thidua.cli.common import console_stream, terminal_safe
from thidua.data.figures import read_figures
from thidua.data.submissions import read_submission_log
from thidua.data.values import CellError, parse_count, parse_value
from thidua.documents.planning import PLAN_FOLDER
from thidua.errors import CampaignError, DataError, PdfError
from thidua.export.manifest import MANIFEST_NAME, Manifest
from thidua.scoring.pipeline import PeriodInputs, compute_period
from thidua.vietnamese.formatting import slugify, windows_safe_name

MINI = Path(__file__).parent / "fixtures" / "scoring" / "mini"
HEADER = "ma_don_vi,ten_don_vi,ho_so,ho_so_tt,tai_khoan,ke_hoach,sai,hai_long"
ROWS = ["phong-a,Phòng A,200,180,1.250,có,0,95", "phong-b,Phòng B,150,120,900,có,1,88",
        "xa-an,Xã An,1.000,812,1.730,có,0,92", "xa-binh,Xã Bình,500,450,1.500,không,0,90",
        "xa-cat,Xã Cát,400,260,2.100,x,0,97", "xa-duong,Xã Dương,800,720,1.620,,1,85"]
THIDUA = [sys.executable, "-c", "from thidua.entry import main; main()"]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def edit_yaml(folder: Path, old: str, new: str) -> None:
    path = folder / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(call) -> list[str]:
    with pytest.raises((CampaignError, DataError)) as info:
        call()
    return [str(p) for p in info.value.problems]


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(THIDUA + list(args), capture_output=True, cwd=cwd, timeout=120,
                          env={**os.environ, **(env or {})})


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in result.stderr and b"L\xe1\xbb\x97i n\xe1\xbb\x99i b\xe1\xbb\x99" \
        not in result.stderr  # "Lỗi nội bộ"


# --- Windows console -------------------------------------------------------------------------

@pytest.mark.parametrize("code_page", ["cp1258", "cp437"])
def test_console_on_a_windows_code_page_writes_utf8(code_page):
    raw = io.BytesIO()
    stream = console_stream(io.TextIOWrapper(raw, encoding=code_page))
    stream.write("Lỗi: Kết quả chấm điểm – Đợt 1\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "Lỗi: Kết quả chấm điểm – Đợt 1\n"


@pytest.mark.parametrize("code_page", ["cp1258", "cp437"])
def test_redirected_output_and_errors_survive_a_code_page(mini, code_page):
    result = run("score", str(mini), "--period", "quy-1-2024", env={"PYTHONIOENCODING": code_page})
    assert result.returncode == 0, result.stderr
    assert "Kết quả chấm điểm" in result.stdout.decode("utf-8")
    failed = run("score", "khong-co-phong-trao", env={"PYTHONIOENCODING": code_page})
    assert failed.returncode == 2
    assert "Không tìm thấy phong trào 'khong-co-phong-trao'" in failed.stderr.decode("utf-8")
    no_traceback(failed)


def test_closed_stdout_is_an_error_not_silence(mini):
    result = subprocess.run(" ".join(f"'{a}'" for a in THIDUA + ["score", str(mini)]) + " >&-",
                            shell=True, capture_output=False, stderr=subprocess.PIPE,
                            timeout=120)
    assert result.returncode == 2
    assert "đầu ra chuẩn (stdout) đã bị đóng" in result.stderr.decode("utf-8")


def test_control_sequences_from_data_never_reach_the_terminal(mini, tmp_path):
    data = tmp_path / "so-lieu.csv"
    data.write_text("\n".join([HEADER] + ROWS + ["x\x1b]0;pwned\x07\x1b[2Jy,Ai,1,1,1,có,0,9"]),
                    encoding="utf-8")
    result = run("score", str(mini), "--period", "quy-1-2024", "--data", str(data))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert "\x1b" not in err and "\x07" not in err
    assert "mã đơn vị 'x?" in err and "y' không có trong phong trào" in err
    assert terminal_safe("\x1b[31mđỏ\x1b[0m\r\x9b") == "\x1b[31mđỏ\x1b[0m??"


# --- Windows names and reserved folders ----------------------------------------------------------

@pytest.mark.parametrize("period_id, message", [
    ("ke-hoach", "mã đợt 'ke-hoach' trùng tên thư mục Kế hoạch"),
    ("Ke-Hoach", "mã đợt 'Ke-Hoach' trùng tên thư mục Kế hoạch"),
    ("con", "mã đợt 'con' không dùng được làm tên thư mục trên Windows"),
    ("COM1.x", "mã đợt 'COM1.x' không dùng được làm tên thư mục trên Windows"),
    ("dot-1.", "mã đợt 'dot-1.' không dùng được làm tên thư mục trên Windows"),
])
def test_period_ids_that_cannot_be_folders_are_refused(mini, period_id, message):
    edit_yaml(mini, "  - id: thang-01-2024", f"  - id: {period_id}")
    found = problems(lambda: load_campaign(mini))
    assert any(message in p and "campaign.yaml:" in p and "(periods[0].id)" in p for p in found)


def test_period_ids_differing_only_in_case_collide(mini):
    edit_yaml(mini, "  - id: thang-01-2024", "  - id: Quy-1-2024")
    found = problems(lambda: load_campaign(mini))
    assert any("mã đợt 'quy-1-2024' chỉ khác 'Quy-1-2024' ở chữ hoa/chữ thường" in p
               and "(periods[1].id)" in p for p in found)


def test_reserved_folder_list_matches_the_plan_folder():
    assert RESERVED_FOLDERS == (PLAN_FOLDER,)


@pytest.mark.parametrize("text, name", [("con", "con-tep"), ("NUL.txt", "NUL-tep.txt"),
                                        ("bao-cao. ", "bao-cao"), ("lpt9", "lpt9-tep"),
                                        ("com10", "com10")])
def test_windows_safe_names(text, name):
    assert windows_safe_name(text) == name


def test_slugify_never_gives_a_reserved_name():
    assert slugify("Aux") == "aux-tep" and slugify("Con") == "con-tep"


def test_campaign_folder_not_utf8_is_refused_clearly(tmp_path):
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/Phong-tr\xe0o"))
    shutil.copytree(MINI, folder)
    found = problems(lambda: load_campaign(folder))
    assert any("không phải văn bản UTF-8" in p and "đổi tên thư mục" in p for p in found)


# --- no silent wrong answers: export selection ---------------------------------------------------

def test_dot_and_dotdot_name_the_campaign_folder(mini, monkeypatch):
    monkeypatch.chdir(mini)
    assert load_campaign(".").id == "mini"
    monkeypatch.chdir(mini / "data")
    assert load_campaign("..").id == "mini"


def test_export_dotdot_stays_inside_the_output_folder(mini, tmp_path, monkeypatch):
    monkeypatch.chdir(mini / "data")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "..", "-o", str(out), "--workers", "1"])
    assert (out / "mini" / PLAN_FOLDER / "ke-hoach.docx").is_file(), result.output
    assert sorted(p.name for p in out.iterdir()) == ["mini"]
    assert not (tmp_path / PLAN_FOLDER).exists()


@pytest.mark.parametrize("setup, message", [
    (lambda root: root.mkdir(), "không có phong trào nào"),
    (lambda root: root.write_text("x"), "là một tệp, không phải thư mục"),
])
def test_export_all_without_campaigns_fails(tmp_path, monkeypatch, setup, message):
    root = tmp_path / "campaigns"
    setup(root)
    monkeypatch.setenv("THIDUA_CAMPAIGNS", str(root))
    result = CliRunner().invoke(cli, ["export", "--all", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "out").exists()


def test_output_folder_occupied_by_a_file_is_refused_and_kept(mini, tmp_path):
    out = tmp_path / "out"
    (out / "mini").mkdir(parents=True)
    (out / "mini" / PLAN_FOLDER).write_text("tệp của người dùng", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(mini), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 2
    assert "đã có một tệp trùng tên với thư mục kết quả" in result.output
    assert (out / "mini" / PLAN_FOLDER).read_text(encoding="utf-8") == "tệp của người dùng"


def test_output_folder_that_is_a_symlink_is_refused(mini, tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "mini").symlink_to(elsewhere)
    result = CliRunner().invoke(cli, ["export", str(mini), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 2 and "liên kết (symlink)" in result.output
    assert list(elsewhere.iterdir()) == [] and (out / "mini").is_symlink()


# --- ICS ------------------------------------------------------------------------------------------

def test_line_breaks_and_control_characters_cannot_inject_ics_lines():
    row = DeadlineRow("c", "Phong trào\rX-EVIL:1", date(2024, 3, 1),
                      "Nộp hồ sơ\r\nBEGIN:VEVENT\nUID:evil\x1b[2J\u2028END:VCALENDAR", "Xã", "Huyện",
                      "", 0)
    lines = to_ics([row]).decode("utf-8").split("\r\n")
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1
    assert not any(line.startswith(("UID:evil", "X-EVIL", "END:VCALENDAR ")) for line in lines)
    assert lines.count("END:VCALENDAR") == 1
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert not any(ch in "".join(lines) for ch in "\r\n\x1b\u2028")


# --- numbers, dates, CSV ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, message", [
    ("1" + "0" * 30, "quá lớn"), (1e30, "số '1E+30' quá lớn"), (float("inf"), "quá lớn"),
    ("2.000.000.000", "số lượng 2.000.000.000 quá lớn (tối đa 1.000.000.000)"),
])
def test_huge_counts_are_located_errors(raw, message):
    with pytest.raises(CellError, match=re.escape(message)):
        parse_count(raw)
    with pytest.raises(CellError):
        parse_value("number", "9" * 5000)


def test_huge_numbers_in_a_workbook_are_located(mini, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    for row in ROWS:
        ws.append([int(c) if c.isdigit() else c for c in row.split(",")])
    ws["C2"] = 1e30
    ws["E3"] = 123456
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    path = tmp_path / "so-lieu.xlsx"  # Excel can store 1E400, which reads as infinity
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b"<v>123456</v>", b"<v>1E400</v>"))
    found = problems(lambda: read_figures(load_campaign(mini).campaign, path))
    assert any("dòng 2, cột C (ho_so)" in p and "quá lớn" in p for p in found)
    assert any("dòng 3, cột E (tai_khoan)" in p and "quá lớn" in p for p in found)


@pytest.mark.parametrize("month, submitted, message", [
    ("01/0001", "20/01/2024", "kỳ báo cáo '01/0001' có năm không hợp lý"),
    ("01/2024", "20/01/9999", "có năm 9999 không hợp lý"),
    ("01/2024", "01/01/0001", "có năm 1 không hợp lý"),
])
def test_implausible_years_in_the_submission_log(tmp_path, month, submitted, message):
    path = tmp_path / "bao-cao.csv"
    path.write_text(f"ma_don_vi,ky,ngay_nop\nxa-an,{month},{submitted}\n", encoding="utf-8")
    found = problems(lambda: read_submission_log(path, ["xa-an"]))
    assert any(message in p and "dòng 2" in p for p in found)


def test_unclosed_csv_quote_is_reported_where_it_opens(mini, tmp_path):
    rows = list(ROWS)
    rows[1] = 'phong-b,"Phòng B,150,120,900,có,1,88'
    path = tmp_path / "so-lieu.csv"
    path.write_text("\n".join([HEADER] + rows) + "\n", encoding="utf-8")
    found = problems(lambda: read_figures(load_campaign(mini).campaign, path))
    assert found == [f'{path}, dòng 3: Lỗi: dấu ngoặc kép (") mở ở dòng 3 không được đóng, nên '
                     'mọi dòng từ 3 đến cuối tệp (dòng 7) bị gộp vào một ô; hãy xóa dấu " thừa '
                     'hoặc thêm dấu " đóng']


def test_hidden_stale_first_sheet_is_skipped_with_a_warning(mini, tmp_path):
    wb = openpyxl.Workbook()
    stale = wb.active
    stale.title = "Cũ"
    stale.append(HEADER.split(","))
    for row in ROWS:
        stale.append(row.replace("1.730", "1").split(","))
    stale.sheet_state = "hidden"
    fresh = wb.create_sheet("Mới")
    fresh.append(HEADER.split(","))
    for row in ROWS:
        fresh.append(row.split(","))
    wb.active = 1
    path = tmp_path / "so-lieu.xlsx"
    wb.save(path)
    figures = read_figures(load_campaign(mini).campaign, path)
    assert figures.sheet == "Mới" and figures.values["xa-an"]["tai_khoan"] == D(1730)
    assert any("trang tính đầu tiên 'Cũ' đang bị ẩn" in w and "--sheet 'Cũ'" in w
               for w in figures.warnings)
    named = read_figures(load_campaign(mini).campaign, path, sheet="Cũ")
    assert named.values["xa-an"]["tai_khoan"] == D(1)


def test_prize_too_large_for_words_fails_at_validate(mini):
    edit_yaml(mini, "prize: 1.000.000}", "prize: 1" + ".000" * 9 + "}")
    found = problems(lambda: load_campaign(mini))
    assert any("quá lớn để viết bằng chữ" in p and "(periods[0].awards[0].ranks[0].prize)" in p
               and "campaign.yaml:" in p for p in found)


# --- OS errors, manifest, LibreOffice path ---------------------------------------------------------

@pytest.mark.parametrize("code, cause", [
    (errno.ENOSPC, "ổ đĩa đã đầy"), (errno.EACCES, "không có quyền truy cập"),
    (errno.ENOTDIR, "không phải thư mục"), (errno.EROFS, "chỉ cho phép đọc"),
])
def test_os_errors_name_the_file_in_vietnamese(code, cause):
    text = os_error_text(OSError(code, os.strerror(code), "out/ke-hoach.docx"), "ghi")
    assert text.startswith("không ghi được tệp out/ke-hoach.docx: ") and cause in text
    assert os.strerror(code) not in text


def test_writing_under_a_file_reports_the_file_in_vietnamese(mini, tmp_path):
    blocker = tmp_path / "ket-qua"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["score", str(mini), "-o", str(blocker / "kq.txt")])
    assert result.exit_code == 2
    assert f"Lỗi: không đọc/ghi được tệp {blocker}" in result.output
    assert "Traceback" not in result.output and "Lỗi nội bộ" not in result.output


@pytest.mark.parametrize("content", ["[]", "garbage{", '{"files": "x"}', '{"files": [1]}'])
def test_broken_manifest_counts_as_absent(tmp_path, content):
    (tmp_path / MANIFEST_NAME).write_text(content)
    assert Manifest.read(tmp_path) is None


def test_soffice_that_is_not_executable_is_reported_as_such(tmp_path, monkeypatch):
    from thidua.pdf.soffice import find_soffice

    fake = tmp_path / "soffice"
    fake.write_text("not a program")
    fake.chmod(0o644)
    monkeypatch.setenv("THIDUA_SOFFICE", str(fake))
    with pytest.raises(PdfError, match="không phải chương trình chạy được"):
        find_soffice()


# --- no data loss: the collection form ----------------------------------------------------------

def test_form_filled_in_by_a_unit_is_never_overwritten(mini, tmp_path):
    target = tmp_path / "bieu-mau.xlsx"
    args = ["form", str(mini), "--period", "quy-1-2024", "-o", str(target)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert CliRunner().invoke(cli, args).exit_code == 0  # unchanged: rewriting is harmless
    wb = openpyxl.load_workbook(target)
    wb.active["C2"] = 200
    wb.save(target)
    filled = target.read_bytes()
    kept = CliRunner().invoke(cli, args)
    assert kept.exit_code == 1 and f"Giữ nguyên {target}" in kept.output and "--force" in kept.output
    assert target.read_bytes() == filled
    forced = CliRunner().invoke(cli, args + ["--force"])
    assert forced.exit_code == 0 and "Đã ghi đè (--force)" in forced.output
    assert target.read_bytes() != filled


def test_a_user_file_where_the_form_goes_is_kept(tmp_path):
    target = tmp_path / "bieu-mau.xlsx"
    target.write_bytes(b"user data")
    assert write_unless_edited(target, b"generated") == "kept"
    assert target.read_bytes() == b"user data"


def test_control_characters_in_names_are_warned_and_dropped_from_excel(mini, tmp_path):
    edit_yaml(mini, "{id: xa-an, name: Xã An}", '{id: xa-an, name: "Xã\\x01 An\\e"}')
    loaded = load_campaign(mini)
    assert any("ký tự điều khiển" in p.message and p.location.key ==
               "participants.groups[1].units[0].name" for p in loaded.warnings)
    form = tmp_path / "bieu-mau.xlsx"
    assert CliRunner().invoke(cli, ["form", str(mini), "-o", str(form)]).exit_code == 0
    names = [c.value for c in openpyxl.load_workbook(form).active["B"]]
    assert "Xã An" in names
    scores = tmp_path / "kq.xlsx"
    result = CliRunner().invoke(cli, ["score", str(mini), "--period", "quy-1-2024",
                                      "--format", "xlsx", "-o", str(scores)])
    assert result.exit_code == 0, result.output
    assert scores.stat().st_size > 0


# --- scoring edge cases ---------------------------------------------------------------------------

RATIO_METRICS = [{"id": "a", "label": "Số hồ sơ đúng hạn"}, {"id": "b", "label": "Số hồ sơ"},
                 {"id": "c", "label": "Số tài khoản"}]


def ratio_campaign(rule: dict, **scoring):
    return build_campaign(metrics=RATIO_METRICS, criteria=[
        {"id": "r", "title": "Tỷ lệ", "max_points": 10, "rule": rule}], **scoring)


def score(camp, values, **extra):
    return compute_period(camp, "c", camp.periods[0], PeriodInputs(build_figures(values), **extra))


def points(result, unit_id):
    return next(u for u in result.units if u.unit_id == unit_id)


@pytest.mark.parametrize("rule, zero_points, excluded, said", [
    ({"kind": "threshold", "numerator": "a", "denominator": "b", "target": "70%",
      "below_points": 2}, D(2), False, "0/0 (mẫu số bằng 0, không tính được tỷ lệ): chưa đạt 70%"),
    ({"kind": "proportional", "numerator": "a", "denominator": "b"}, D(0), False, "→ 0 điểm"),
    ({"kind": "proportional", "numerator": "a", "denominator": "b", "floor": "70%",
      "below_floor": "exclude"}, D(0), True, "không đạt 70%: không xét thi đua"),
])
def test_zero_denominator_affects_only_its_unit(rule, zero_points, excluded, said):
    camp = ratio_campaign(rule)
    values = {f"xa0{i}": {"a": 9, "b": 10} for i in range(1, 6)}
    values["xa03"] = {"a": 0, "b": 0}
    result = score(camp, values)
    zero = points(result, "xa03")
    assert zero.total == zero_points and said in zero.criteria[0].explanation
    assert zero.eligible is not excluded
    assert all(points(result, f"xa0{i}").total > 0 for i in (1, 2, 4, 5))


def test_zero_denominator_in_a_file_is_a_located_warning(mini, tmp_path):
    rows = [r.replace("xa-binh,Xã Bình,500,450", "xa-binh,Xã Bình,0,0") for r in ROWS]
    path = tmp_path / "so-lieu.csv"
    path.write_text("\n".join([HEADER] + rows), encoding="utf-8")
    figures = read_figures(load_campaign(mini).campaign, path)
    assert any("dòng 5, cột C (ho_so)" in w and "Tổng số hồ sơ bằng 0" in w
               for w in figures.warnings)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=5, max_size=5))
def test_a_zero_denominator_never_changes_other_units(pairs):
    camp = ratio_campaign({"kind": "proportional", "numerator": "a", "denominator": "b",
                           "floor": "50%"})
    values = {f"xa0{i + 1}": {"a": min(a, b), "b": b} for i, (a, b) in enumerate(pairs)}
    result = score(camp, values)
    for unit_id, row in values.items():
        alone = score(camp, {u: (row if u == unit_id else {"a": 1, "b": 1}) for u in values})
        assert points(result, unit_id).total == points(alone, unit_id).total


def test_tie_break_column_blank_is_located_not_skipped():
    camp = build_campaign(metrics=RATIO_METRICS, criteria=[
        {"id": "r", "title": "Số hồ sơ", "max_points": 10,
         "rule": {"kind": "per_event", "metric": "a", "points_each": 1}}],
        tie_breaks=[{"label": "Nhiều tài khoản hơn xếp trên", "metric": "c"}])
    values = {f"xa0{i}": {"a": i, "c": i} for i in range(1, 6)}
    values["xa04"] = {"a": 5, "c": None}
    with pytest.raises(DataError) as info:
        score(camp, values)
    [problem] = info.value.problems
    assert problem.message.startswith("Số tài khoản: thiếu cột 'Số tài khoản' (mã 'c') — tiêu "
                                      "chí phụ 'Nhiều tài khoản hơn xếp trên' cần số liệu này")
    assert problem.location.row == 5  # xa04's row in the builders' figures
    values["xa04"] = {"a": 4, "c": None}  # no tie: the blank is not needed
    assert points(score(camp, values), "xa04").rank == 2


def test_council_order_warning_is_true_for_units_separated_by_a_tie_break():
    camp = build_campaign(metrics=RATIO_METRICS, criteria=[
        {"id": "r", "title": "Số hồ sơ", "max_points": 10,
         "rule": {"kind": "per_event", "metric": "a", "points_each": 1}}],
        tie_breaks=[{"label": "Nhiều tài khoản hơn xếp trên", "metric": "c"},
                    {"label": "Hội đồng quyết định", "council": True}])
    values = {"xa01": {"a": 5, "c": 2}, "xa02": {"a": 5, "c": 1}, "xa03": {"a": 3, "c": 0},
              "xa04": {"a": 2, "c": 0}, "xa05": {"a": 1, "c": 0}}
    result = score(camp, values, council_order={"xa01": 1, "xa02": 2, "xa03": 1})
    warnings = "\n".join(result.warnings)
    assert ("thứ tự Hội đồng của đơn vị 'xa01' không được dùng: đơn vị bằng điểm với 'xa02' "
            "nhưng tiêu chí phụ đã phân định thứ tự") in warnings
    assert ("thứ tự Hội đồng của đơn vị 'xa03' không được dùng: đơn vị không bằng điểm với "
            "đơn vị nào") in warnings


def test_stray_early_row_does_not_widen_the_report_window(mini, tmp_path):
    for old in ("  start: 01/01/2024\n  end: 31/03/2024\nparticipants",):
        edit_yaml(mini, old, "  end: 31/03/2024\nparticipants")
    edit_yaml(mini, "    start: 01/01/2024\n    end: 31/03/2024\n    awards:\n      - id: giay-khen-xa",
              "    end: 31/03/2024\n    awards:\n      - id: giay-khen-xa")
    loaded = load_campaign(mini)
    log = mini / "data" / "quy-1-2024-bao-cao.csv"
    text = log.read_text(encoding="utf-8")
    log.write_text(text.rstrip("\n") + "\nxa-an,10/2023,20/10/2023\n", encoding="utf-8")
    from thidua.scoring.pipeline import score_period

    result = score_period(loaded, "quy-1-2024")
    warnings = "\n".join(result.warnings)
    assert "không nêu ngày bắt đầu: các kỳ báo cáo được tính từ kỳ 01/2024" in warnings
    assert "1 đơn vị có kỳ sớm hơn" in warnings and "periods[].reports_from" in warnings
    assert "kỳ 10/2023 của đơn vị 'xa-an' nằm ngoài các kỳ báo cáo của đợt" in warnings
    stated = mini / "campaign.yaml"
    stated.write_text(stated.read_text(encoding="utf-8").replace(
        "    end: 31/03/2024\n    awards:\n      - id: giay-khen-xa",
        "    end: 31/03/2024\n    reports_from: 01/02/2024\n    awards:\n      - id: giay-khen-xa"),
        encoding="utf-8")
    again = score_period(load_campaign(mini), "quy-1-2024")
    assert not any("không nêu ngày bắt đầu" in w for w in again.warnings)
    assert any("kỳ 01/2024 của đơn vị" in w and "nằm ngoài" in w for w in again.warnings)


def test_full_disk_behind_a_redirection_is_an_error(mini):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        result = subprocess.run(THIDUA + ["score", str(mini), "--period", "quy-1-2024"],
                                stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 2
    assert ("Lỗi: không đọc/ghi được đầu ra chuẩn (stdout): ổ đĩa đã đầy"
            in result.stderr.decode("utf-8"))
    no_traceback(result)


def test_deadlines_without_campaigns_fail(tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_CAMPAIGNS", str(tmp_path / "khong-co"))
    result = CliRunner().invoke(cli, ["deadlines"])
    assert result.exit_code == 2 and "không tìm thấy thư mục phong trào" in result.output


def test_truncated_pdf_is_not_blamed_on_the_word_file(tmp_path):
    from thidua.pdf.convert import _publish, _why_no_pdf
    from thidua.pdf.soffice import Outcome

    staged = tmp_path / "a.pdf"
    staged.write_bytes(b"%PDF-1.7\n1 0 obj\n<<")  # cut short: no %%EOF
    assert _publish(staged, tmp_path / "out", "a") is None
    said = _why_no_pdf(staged, Outcome("ok", ""), 60)
    assert "bị cắt cụt" in said and "tệp Word không có lỗi" in said
    staged.unlink()
    assert "không mở được tệp" in _why_no_pdf(staged, Outcome("ok", ""), 60)


def test_campaign_folders_differing_only_in_case_are_refused(tmp_path):
    for name in ("Nam-2024", "nam-2024"):
        shutil.copytree(MINI, tmp_path / "campaigns" / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "campaigns" / "Nam-2024"),
                                      str(tmp_path / "campaigns" / "nam-2024"), "-o", str(out)])
    assert result.exit_code == 2 and "chỉ khác" in result.output and "chữ hoa/chữ thường" in result.output
    assert not out.exists()


def test_progress_bar_redraw_passes_but_a_carriage_return_inside_data_does_not():
    from thidua.cli.common import SafeConsole

    out = io.StringIO()
    console = SafeConsole(out, "stdout")
    console.write("\r\x1b[?25lĐang tạo văn bản [####] 4/10")
    console.write("mã 'a\rLỗi giả' không có\x1b[?25h\n")
    assert out.getvalue() == ("\r\x1b[?25lĐang tạo văn bản [####] 4/10"
                              "mã 'a?Lỗi giả' không có\x1b[?25h\n")


def test_plan_command_refuses_a_link_in_place_of_its_folder(mini, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    (elsewhere / "ghi-chu.txt").write_text("ghi chú của tôi", encoding="utf-8")
    link = tmp_path / "ke-hoach"
    link.symlink_to(elsewhere)
    result = CliRunner().invoke(cli, ["plan", str(mini), "-o", str(link)])
    assert result.exit_code == 2 and "đây là một liên kết (symlink)" in result.output
    assert link.is_symlink() and [p.name for p in elsewhere.iterdir()] == ["ghi-chu.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach", "mini", "noi-khac"]
