"""DocumentRenderer: docxtpl tags, escaping, sandbox, error places, determinism, lookup order."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from thidua.errors import RenderError, TemplateError
from thidua.render import DocumentRenderer, make_environment

CONTEXT = {
    "don_vi": "Phòng Giáo dục",
    "so_tien": 1500000,
    "ds": [{"ten": "Nguyễn Văn An", "diem": 95}, {"ten": "Trần Thị Bình", "diem": 88}],
}


def build(path: Path, paragraphs=(), table=None, header: str | None = None) -> Path:
    """A .docx with one run per paragraph, an optional table (rows of cell texts) and header."""
    doc = Document()
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def full_template(folder: Path) -> Path:
    return build(
        folder / "to-trinh.docx",
        ["Kính gửi: {{ don_vi }}", "{%p for x in ds %}", "- {{ x.ten }}: {{ x.diem }} điểm",
         "{%p endfor %}", "Số tiền: {{ so_tien|tien }} đồng"],
        table=[["STT", "Họ và tên"], ["{%tr for x in ds %}", ""],
               ["{{ loop.index }}", "{{ x.ten }}"], ["{%tr endfor %}", ""]],
        header="{{ don_vi|hoa }}")


def texts(data: bytes) -> tuple[list[str], list[list[str]], str]:
    doc = Document(io.BytesIO(data))
    rows = [[cell.text for cell in row.cells] for row in doc.tables[0].rows] if doc.tables else []
    return [p.text for p in doc.paragraphs], rows, doc.sections[0].header.paragraphs[0].text


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_renders_paragraphs_loops_table_rows_and_header(tmp_path):
    full_template(tmp_path)
    data = DocumentRenderer([tmp_path]).render_bytes("to-trinh.docx", CONTEXT)
    paragraphs, rows, header = texts(data)
    assert paragraphs == ["Kính gửi: Phòng Giáo dục", "- Nguyễn Văn An: 95 điểm",
                          "- Trần Thị Bình: 88 điểm", "Số tiền: 1.500.000 đồng"]
    assert rows == [["STT", "Họ và tên"], ["1", "Nguyễn Văn An"], ["2", "Trần Thị Bình"]]
    assert header == "PHÒNG GIÁO DỤC"


def test_output_is_byte_identical_across_renders_and_renderers(tmp_path):
    full_template(tmp_path)
    first = DocumentRenderer([tmp_path])
    again = first.render_bytes("to-trinh.docx", CONTEXT)
    assert first.render_bytes("to-trinh.docx", CONTEXT) == again
    assert DocumentRenderer([tmp_path]).render_bytes("to-trinh.docx", CONTEXT) == again
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None
        with zipfile.ZipFile(tmp_path / "to-trinh.docx") as source:
            assert archive.namelist() == source.namelist()  # the template's part order
    assert "1980-01-01T00:00:00Z" in part(again, "docProps/core.xml")


def test_document_date_goes_into_core_properties(tmp_path):
    full_template(tmp_path)
    renderer = DocumentRenderer([tmp_path])
    data = renderer.render_bytes("to-trinh.docx", {**CONTEXT, "_document_date": date(2024, 2, 5)})
    core = part(data, "docProps/core.xml")
    assert core.count("2024-02-05T00:00:00Z") == 2 and "1980" not in core
    with pytest.raises(RenderError, match="_document_date"):
        renderer.render_bytes("to-trinh.docx", {**CONTEXT, "_document_date": "hôm qua"})


@pytest.mark.parametrize("value", ["Công ty A & B <\"test\"> 'x'", "=1+1", "{{ don_vi }}"])
def test_special_characters_render_literally(tmp_path, value):
    build(tmp_path / "a.docx", ["Tên: {{ ten }}"])
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"ten": value})
    assert texts(data)[0] == [f"Tên: {value}"]
    if "&" in value:
        assert "A &amp; B &lt;&#34;test&#34;&gt; &#39;x&#39;" in part(data, "word/document.xml")


def test_newline_in_value_is_a_line_break_in_the_same_paragraph(tmp_path):
    build(tmp_path / "a.docx", ["Nơi nhận: {{ noi_nhan }}", "{{ page_break }}"])
    data = DocumentRenderer([tmp_path]).render_bytes(
        "a.docx", {"noi_nhan": "Như trên;\r\nLưu: VT.\tx\x01"})
    assert texts(data)[0][0] == "Nơi nhận: Như trên;\nLưu: VT.\tx"
    xml = part(data, "word/document.xml")
    assert xml.count("<w:br/>") == 1 and '<w:br w:type="page"/>' in xml and "\x01" not in xml


@pytest.mark.parametrize("text", ["{{ ''.__class__ }}", "{{ ''.__class__.__mro__ }}",
                                  "{{ cycler.__init__.__globals__ }}",
                                  "{{ ''|attr('__cla' ~ 'ss__') }}"])
def test_python_internals_are_refused_and_nothing_is_written(tmp_path, text):
    build(tmp_path / "xau.docx", ["Mở đầu", text])
    out = tmp_path / "out" / "xau-ket-qua.docx"
    with pytest.raises(TemplateError) as caught:
        DocumentRenderer([tmp_path]).render_to("xau.docx", {}, out)
    message = caught.value.message
    assert message.startswith("Mẫu xau.docx: không được truy cập thuộc tính nội bộ '__")
    assert f"tại đoạn «{text}»" in message
    assert not out.exists() and not list(tmp_path.glob("out/*"))


def test_environment_is_sandboxed_with_xml_autoescape_and_filters():
    environment = make_environment()
    assert environment.from_string("{{ v }}").render(v="a<b") == "a&lt;b"
    assert environment.from_string("{{ 1500000|tien }}").render() == "1.500.000"
    with pytest.raises(Exception, match="unsafe"):
        environment.from_string("{{ x.__class__ }}").render(x="")


def test_missing_variable_names_template_variable_and_paragraph(tmp_path):
    build(tmp_path / "to-trinh.docx", ["Mở đầu {{ so_tien }}", "Kính gửi: {{ don_vi }}"])
    with pytest.raises(TemplateError) as caught:
        DocumentRenderer([tmp_path]).render_bytes("to-trinh.docx", {"so_tien": 1})
    assert caught.value.message == (
        "Mẫu to-trinh.docx: biến 'don_vi' chưa được định nghĩa, tại đoạn «Kính gửi: {{ don_vi }}»")


def test_missing_field_in_a_table_cell_names_table_row_and_column(tmp_path):
    build(tmp_path / "a.docx", ["Bảng một:"], table=[["STT", "Tên"], ["1", "{{ nv.ten }}"]])
    with pytest.raises(TemplateError, match=r"'ten'.*tại bảng 1, dòng 2, cột 2, đoạn «\{\{ nv.ten"):
        DocumentRenderer([tmp_path]).render_bytes("a.docx", {"nv": {}})


def test_error_in_header_names_the_header(tmp_path):
    build(tmp_path / "a.docx", ["Thân"], header="Đơn vị {{ ten_don_vi }}")
    with pytest.raises(TemplateError, match=r"'ten_don_vi'.*tại đầu trang header1\.xml, đoạn «"):
        DocumentRenderer([tmp_path]).render_bytes("a.docx", {})


def test_syntax_errors_name_the_paragraph(tmp_path):
    build(tmp_path / "a.docx", ["Một", "Tổng: {{ so_tien + }}", "Ba"])
    build(tmp_path / "b.docx", ["Một", "{%p for x in ds %}", "{{ x }}", "Hết"])
    renderer = DocumentRenderer([tmp_path])
    with pytest.raises(TemplateError, match=r"^Mẫu a\.docx: lỗi cú pháp Jinja .*"
                                            r"tại đoạn «Tổng: \{\{ so_tien \+ \}\}»$"):
        renderer.render_bytes("a.docx", {})
    with pytest.raises(TemplateError, match=r"^Mẫu b\.docx: khối 'for' không có thẻ đóng "
                                            r"\{% endfor %\}, tại đoạn «\{%p for x in ds %\}»$"):
        renderer.prepared("b.docx")


def test_formatting_failure_is_a_render_error_with_place(tmp_path):
    build(tmp_path / "a.docx", ["Số tiền: {{ so_tien|tien }}"])
    with pytest.raises(RenderError, match=r"^Mẫu a\.docx: không định dạng được giá trị: .*"
                                          r"tại đoạn «Số tiền: \{\{ so_tien\|tien \}\}»$"):
        DocumentRenderer([tmp_path]).render_bytes("a.docx", {"so_tien": "abc"})


def test_tags_split_across_runs_still_render(tmp_path):
    doc = Document()
    paragraph = doc.add_paragraph("Kính gửi: {")
    paragraph.add_run("{ don").bold = True  # Word splits runs on formatting and spell check
    paragraph.add_run("_vi }} và {{ so_")
    paragraph.add_run("tien|tien }}").italic = True
    doc.save(tmp_path / "a.docx")
    xml = zipfile.ZipFile(tmp_path / "a.docx").read("word/document.xml").decode()
    assert re.search(r"\{</w:t>.*<w:t[^>]*>\{ don</w:t>", xml)  # really split in the XML
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"don_vi": "UBND", "so_tien": 5})
    assert texts(data)[0] == ["Kính gửi: UBND và 5"]


def test_tc_loop_adds_columns_and_fixes_the_grid(tmp_path):
    build(tmp_path / "a.docx", ["Cột:"],
          table=[["Tên", "{%tc for c in cot %}", "{{ c }}", "{%tc endfor %}"]])
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"cot": list("ABCDE")})
    assert texts(data)[1] == [["Tên", "A", "B", "C", "D", "E"]]
    assert part(data, "word/document.xml").count("<w:gridCol ") == 6


def test_campaign_folder_overrides_project_templates(tmp_path):
    campaign, project = tmp_path / "campaigns" / "c1" / "templates", tmp_path / "templates"
    build(campaign / "a.docx", ["Mẫu riêng {{ x }}"])
    build(project / "a.docx", ["Mẫu chung {{ x }}"])
    build(project / "b.docx", ["Chỉ có chung {{ x }}"])
    renderer = DocumentRenderer([campaign, project])
    assert texts(renderer.render_bytes("a.docx", {"x": 1}))[0] == ["Mẫu riêng 1"]
    assert texts(renderer.render_bytes("b.docx", {"x": 2}))[0] == ["Chỉ có chung 2"]
    assert renderer.prepared("a.docx") is renderer.prepared("a.docx")
    with pytest.raises(TemplateError, match="Không tìm thấy mẫu c.docx"):
        renderer.prepared("c.docx")
    with pytest.raises(TemplateError, match="Tên mẫu không hợp lệ"):
        renderer.prepared("../templates/a.docx")


def test_render_to_writes_atomically_and_replaces(tmp_path):
    full_template(tmp_path)
    out = tmp_path / "ra" / "to-trinh-1.docx"
    out.parent.mkdir()
    out.write_bytes(b"old")
    renderer = DocumentRenderer([tmp_path])
    assert renderer.render_to("to-trinh.docx", CONTEXT, out) == out
    assert out.read_bytes() == renderer.render_bytes("to-trinh.docx", CONTEXT)
    assert [p.name for p in out.parent.iterdir()] == ["to-trinh-1.docx"]
    fresh = renderer.render_to("to-trinh.docx", CONTEXT, tmp_path / "ra" / "moi.docx")
    like_open = tmp_path / "ra" / "open.txt"
    like_open.write_bytes(b"")
    assert fresh.stat().st_mode == like_open.stat().st_mode  # not mkstemp's private 0600


def test_variables_lists_what_the_template_reads(tmp_path):
    full_template(tmp_path)
    prepared = DocumentRenderer([tmp_path]).prepared("to-trinh.docx")
    assert prepared.variables == {"don_vi", "ds", "so_tien"}


def test_rendered_document_keeps_run_formatting(tmp_path):
    doc = Document()
    doc.add_paragraph().add_run("{{ ten }}").bold = True
    doc.save(tmp_path / "a.docx")
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"ten": "A\nB"})
    run = Document(io.BytesIO(data)).paragraphs[0].runs[0]
    assert run.bold and run.text == "A\nB"
    assert run._r.find(qn("w:br")) is not None


def test_xml_escapes_inside_tags_are_jinja_text(tmp_path):
    build(tmp_path / "a.docx", ['{{ "A & B" }} {% if n > 1 %}nhiều{% endif %} {{ \'x\' ~ "y" }}'])
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"n": 2})
    assert texts(data)[0] == ["A & B nhiều xy"]


def test_long_paragraph_error_shows_the_stretch_with_the_tag(tmp_path):
    long_text = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ, " \
                "theo đề nghị của {{ co_quan_de_nghi }}."
    build(tmp_path / "a.docx", [long_text])
    with pytest.raises(TemplateError) as caught:
        DocumentRenderer([tmp_path]).render_bytes("a.docx", {})
    assert "biến 'co_quan_de_nghi'" in caught.value.message
    assert re.search(r"tại đoạn «….*\{\{ co_quan_de_nghi \}\}.*»$", caught.value.message)


def test_docxtpl_richtext_in_r_tag_keeps_its_formatting(tmp_path):
    from docxtpl import RichText

    build(tmp_path / "a.docx", ["Kết quả: {{r ket_qua }} điểm"])
    rich = RichText("Xuất sắc & ", bold=True)
    rich.add("tốt\nlắm", italic=True)
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"ket_qua": rich})
    paragraph = Document(io.BytesIO(data)).paragraphs[0]
    assert paragraph.text == "Kết quả: Xuất sắc & tốt\nlắm điểm"
    assert [run.text for run in paragraph.runs if run.bold] == ["Xuất sắc & "]


def test_identical_bytes_in_another_process_with_other_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    full_template(tmp_path)
    script = ("import sys; from pathlib import Path; from thidua.render import DocumentRenderer; "
              "sys.stdout.buffer.write(DocumentRenderer([Path(sys.argv[1])]).render_bytes("
              f"'to-trinh.docx', {CONTEXT!r}))")
    outputs = [subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True,
                              capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}
                              ).stdout for seed in ("1", "2")]
    assert outputs[0] == outputs[1] == DocumentRenderer([tmp_path]).render_bytes(
        "to-trinh.docx", CONTEXT)


def test_block_opening_outside_a_table_and_closing_in_a_cell_is_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("{%p if co_bang %}")
    grid = doc.add_table(rows=2, cols=2)
    grid.cell(1, 1).text = "{%p endif %}"
    doc.save(tmp_path / "a.docx")
    with pytest.raises(TemplateError) as caught:
        DocumentRenderer([tmp_path]).prepared("a.docx")
    message = caught.value.message
    assert message.startswith("Mẫu a.docx: khối 'if' mở tại đoạn «{%p if co_bang %}» (ngoài bảng)")
    assert "tại bảng 1, dòng 2, cột 2, đoạn «{%p endif %}» (trong một ô bảng)" in message


@pytest.mark.parametrize("paragraphs, context, expected", [
    (["Text {% if x %}thêm", "hai{% endif %} hết"], {"x": False}, ["Text  hết"]),
    (["Text {% if x %}thêm", "hai{% endif %} hết"], {"x": True}, ["Text thêm", "hai hết"]),
    (["{%p for x in xs %}", "{%p if loop.first %}", "đầu {{ x }}", "{%p else %}", "sau {{ x }}",
      "{%p endif %}", "{%p endfor %}"], {"xs": [1, 2]}, ["đầu 1", "sau 2"]),
    (["{% for x in xs %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}"],
     {"xs": [1, 2, 3]}, ["1, 2, 3"]),
])
def test_blocks_that_keep_the_nesting_are_accepted(tmp_path, paragraphs, context, expected):
    build(tmp_path / "a.docx", paragraphs)
    assert texts(DocumentRenderer([tmp_path]).render_bytes("a.docx", context))[0] == expected


def test_values_stay_escaped_even_where_autoescape_is_switched_off(tmp_path):
    build(tmp_path / "a.docx", ["{% autoescape false %}{{ x }}{% endautoescape %}"])
    data = DocumentRenderer([tmp_path]).render_bytes("a.docx", {"x": "</w:t><b>&"})
    assert texts(data)[0] == ["</w:t><b>&"]


def test_a_file_that_is_not_a_docx_is_a_template_error(tmp_path):
    (tmp_path / "hong.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match=r"^Mẫu hong\.docx: không đọc được tệp Word"):
        DocumentRenderer([tmp_path]).prepared("hong.docx")
