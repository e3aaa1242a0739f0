"""`thidua import`: drafting a campaign from an existing Kế hoạch (.txt seeds, .docx built here)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_documents import text_of
from test_plan_fidelity import fidelity

from thidua.campaign.loading import load_campaign
from thidua.cli import cli
from thidua.errors import CampaignError, PlanImportError
from thidua.export.single import build_plan
from thidua.plan_import import import_plan

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "seeds").glob("*.txt"))


def imported(tmp_path: Path, source: Path) -> tuple[dict, Path]:
    report = import_plan(source, tmp_path / "new")
    data = yaml.safe_load((report.campaign_dir / "campaign.yaml").read_text(encoding="utf-8"))
    return data, report.campaign_dir


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_seed_imports_validates_and_generates_a_plan(tmp_path, seed):
    data, folder = imported(tmp_path, seed)
    loaded = load_campaign(folder)
    plan = text_of(build_plan(loaded, tmp_path / "out")[0])
    assert loaded.campaign.plan.outline and loaded.campaign.signer.name in plan
    headings = [n.get("heading") for n in data["plan"]["outline"]]
    assert "TỔ CHỨC THỰC HIỆN" in headings or seed.name.startswith("003")


def test_txt_import_recognises_header_bases_recipients_signer_and_awards(tmp_path):
    data, _ = imported(tmp_path, ROOT / "tests" / "seeds" / "001_73cbdf1851af83b2.txt")
    assert data["issuer"]["name"] == "Ủy ban nhân dân huyện Phụng Hiệp"
    assert data["issuer"]["place"] == "Phụng Hiệp"
    assert data["document"] == {"number": None, "symbol": "KH-UBND", "date": None, "year": 2023}
    (basis,) = data["legal_bases"]
    assert basis["kind"] == "Kế hoạch" and basis["number"] == "165/KH-UBND"
    assert basis["date"] == "21/08/2023" and basis["issuer"] == "UBND tỉnh Hậu Giang"
    assert data["signer"] == {"on_behalf": "ỦY BAN NHÂN DÂN", "prefix": "KT.",
                              "for_title": "CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
                              "name": "Trần Không Dận"}
    assert data["recipients"]["archive"] == "Lưu: VT."
    assert "Ban TĐKT tỉnh" in data["recipients"]["items"]
    (period,) = data["periods"]
    ranks = period["awards"][0]["ranks"]
    assert [(r["name"], r["count"], r.get("prize"), r.get("bonus_points")) for r in ranks] == [
        ("Hạng Nhất", 1, 6_000_000, 3), ("Hạng Nhì", 1, 4_000_000, 2),
        ("Hạng Ba", 1, 2_000_000, 1), ("Hạng Khuyến Khích", 2, 1_500_000, None)]


def test_txt_import_recognises_deadlines_with_what_from_and_to(tmp_path):
    data, folder = imported(tmp_path, ROOT / "tests" / "seeds" / "000_ebe93a888bfb79b3.txt")
    first = next(d for d in data["deadlines"] if d["date"] == "30/11/2023")
    assert first["what"] == "Hồ sơ đề nghị Tỉnh khen thưởng"
    assert first["from"] == "Các cơ quan, đơn vị, địa phương"
    assert first["to"] == "Văn phòng HĐND và UBND huyện"
    chained = next(d for d in data["deadlines"] if d["date"] == "03/12/2023")
    assert (chained["from"], chained["to"]) == ("Văn phòng HĐND và UBND huyện", "Phòng Nội vụ")
    group = data["recipients"]["items"][0]
    assert group["note"] == "(Báo cáo)" and "Sở Nội vụ" in group["items"]
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert text.count("ĐÃ NHẬN RA TỪ VĂN BẢN") >= 4  # typed entries ask to be confirmed


def test_import_never_overwrites_and_reports_unreadable_files(tmp_path):
    seed = SEEDS[0]
    import_plan(seed, tmp_path / "a")
    before = (tmp_path / "a" / "campaign.yaml").read_bytes()
    with pytest.raises(PlanImportError, match="không ghi đè"):
        import_plan(seed, tmp_path / "a")
    assert (tmp_path / "a" / "campaign.yaml").read_bytes() == before
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(PlanImportError, match="Word"):
        import_plan(broken, tmp_path / "b")
    with pytest.raises(PlanImportError, match="không phải .docx"):
        import_plan(tmp_path / "a" / "campaign.yaml", tmp_path / "c")
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()


def test_cli_import_prints_a_vietnamese_summary(tmp_path):
    target = tmp_path / "campaigns" / "moi"
    result = CliRunner().invoke(cli, ["import", str(SEEDS[1]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Đã nhận ra:" in result.output and "Cần bổ sung:" in result.output
    assert "participants.groups" in result.output
    again = CliRunner().invoke(cli, ["import", str(SEEDS[1]), "-o", str(target)])
    assert again.exit_code == 2 and "không ghi đè" in again.output


# --- .docx built the way Word writes them ---------------------------------------------------

NUMBERING = (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
             '<w:lvlText w:val="%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%2."/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
             '<w:lvlText w:val="%3)"/></w:lvl>'
             '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>')


def _numbered(doc, text: str, level: int) -> None:
    paragraph = doc.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))


def _with_break(doc, before: str, after: str) -> None:
    paragraph = doc.add_paragraph(before)
    paragraph.runs[0].add_break()
    paragraph.add_run(after)


def build_docx(path: Path) -> Path:
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId '
                               'w:val="77"/></w:num>'))
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 15/KH-UBND"
    header.cell(1, 1).text = "Tân Lập, ngày      tháng 3 năm 2024"
    box = doc.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Phát động phong trào thi đua “Xã Tân Lập chuyển đổi số” năm 2024")
    doc.add_paragraph("Căn cứ Kế hoạch số 20/KH-UBND ngày 05 tháng 01 năm 2024 của UBND huyện "
                      "Long Mỹ về phát động thi đua chuyển đổi số năm 2024;")
    doc.add_paragraph("Ủy ban nhân dân xã ban hành Kế hoạch như sau:")
    _numbered(doc, "MỤC ĐÍCH, YÊU CẦU", 0)
    _numbered(doc, "Tạo khí thế thi đua sôi nổi trong toàn xã.", 2)
    _with_break(doc, "Biểu dương kịp thời các tập thể", "có thành tích tiêu biểu.")
    _numbered(doc, "TIÊU CHÍ THI ĐUA", 0)
    _numbered(doc, "Bảng chấm điểm", 1)
    table = doc.add_table(rows=3, cols=4)
    for row, cells in enumerate([("STT", "Nội dung", "Điểm chuẩn", "Hướng dẫn chấm"),
                                 ("1", "Tỷ lệ hồ sơ trực tuyến", "60", "Tỷ lệ × 60"),
                                 ("2", "Số tài khoản định danh", "40", "Đạt 500 tài khoản")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    doc.add_paragraph("2")  # a page number typed into the body
    _numbered(doc, "KHEN THƯỞNG", 0)
    _numbered(doc, "Tặng Giấy khen của Chủ tịch UBND xã Tân Lập cho các tập thể:", 2)
    _numbered(doc, "01 đơn vị hạng Nhất, kèm theo tiền thưởng 3.000.000 đồng.", 3)
    _numbered(doc, "01 đơn vị hạng Nhì, kèm theo tiền thưởng 2.000.000 đồng.", 3)
    _numbered(doc, "Hồ sơ gửi về Văn phòng UBND xã trước ngày 15/12/2024 để tổng hợp.", 3)
    _numbered(doc, "TỔ CHỨC THỰC HIỆN", 0)
    _numbered(doc, "Văn phòng UBND xã theo dõi, tổng hợp.", 1)
    schedule = doc.add_table(rows=2, cols=2)
    for column, (head, cell) in enumerate([("Thời gian", "Tháng 6/2024"),
                                           ("Việc", "Sơ kết 6 tháng")]):
        schedule.cell(0, column).text, schedule.cell(1, column).text = head, cell
    doc.add_paragraph("Trên đây là Kế hoạch phát động phong trào thi đua của UBND xã./.")
    closing = doc.add_table(rows=1, cols=2)  # Word's layout: nơi nhận | signer
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    left.text = "Nơi nhận:"
    for line in ("- UBND huyện;\t\t(Báo cáo)", "- Lưu: VT."):
        left.add_paragraph(line)
    right.text = "TM. ỦY BAN NHÂN DÂN"
    for line in ("CHỦ TỊCH", "Nguyễn Văn Tâm"):
        right.add_paragraph(line)
    doc.save(str(path))
    return path


def _all_nodes(nodes):
    for node in nodes:
        yield node
        yield from _all_nodes(node.get("children", []))


def test_docx_import_rebuilds_word_numbering_and_reads_the_criteria_table(tmp_path):
    data, folder = imported(tmp_path, build_docx(tmp_path / "ke-hoach.docx"))
    nodes = list(_all_nodes(data["plan"]["outline"]))
    numbers = [(n.get("number"), n.get("heading") or n.get("text", [""])[0]) for n in nodes]
    assert ("I.", "MỤC ĐÍCH, YÊU CẦU") in numbers and ("II.", "TIÊU CHÍ THI ĐUA") in numbers
    assert ("1.", "Bảng chấm điểm") in numbers and ("IV.", "TỔ CHỨC THỰC HIỆN") in numbers
    assert ("a)", "Tạo khí thế thi đua sôi nổi trong toàn xã.") in numbers
    texts = [t for n in nodes for t in n.get("text", [])]
    assert "Biểu dương kịp thời các tập thể có thành tích tiêu biểu." in texts
    assert "- 01 đơn vị hạng Nhất, kèm theo tiền thưởng 3.000.000 đồng." in texts
    assert "2" not in texts and "DỰ THẢO" not in str(data["plan"])
    heading = next(n for n in nodes if n.get("heading") == "Bảng chấm điểm")
    (table_node,) = [n for n in heading["children"] if "show" in n]
    assert table_node["show"] == ["criteria_table"] and "text" not in table_node
    assert table_node["columns"] == {"stt": "STT", "title": "Nội dung", "points": "Điểm chuẩn",
                                     "guidance": "Hướng dẫn chấm"}
    criteria = data["scoring"]["criteria"]
    assert [(c["title"], c["max_points"]) for c in criteria] == [
        ("Tỷ lệ hồ sơ trực tuyến", "60"), ("Số tài khoản định danh", "40")]
    assert data["scoring"]["total_points"] == 100
    assert data["issuer"]["name"] == "Ủy ban nhân dân xã Tân Lập"
    assert data["document"]["number"] == "15" and data["document"]["month"] == 3
    assert data["recipients"]["items"] == [{"items": ["UBND huyện"], "note": "(Báo cáo)"}]
    assert data["signer"] == {"on_behalf": "ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH",
                              "name": "Nguyễn Văn Tâm"}
    assert data["deadlines"][0]["date"] == "15/12/2024"
    kept = [n["table"] for n in nodes if "table" in n]
    assert kept == [[["Thời gian", "Việc"], ["Tháng 6/2024", "Sơ kết 6 tháng"]]]
    assert data["closing"] == ["Trên đây là Kế hoạch phát động phong trào thi đua của UBND xã./."]
    loaded = load_campaign(folder)
    plan = text_of(build_plan(loaded, tmp_path / "out")[0])
    assert "Tân Lập, ngày tháng 3 năm 2024" in plan
    assert "TỔ CHỨC THỰC HIỆN" in plan and "Thời gian Việc Tháng 6/2024 Sơ kết 6 tháng" in plan
    assert ("STT Nội dung Điểm chuẩn Hướng dẫn chấm 1 Tỷ lệ hồ sơ trực tuyến 60 Tỷ lệ × 60 2 Số "
            "tài khoản định danh 40 Đạt 500 tài khoản") in plan


def test_a_figure_of_the_outline_that_disagrees_with_typed_data_names_both_places(tmp_path):
    _, folder = imported(tmp_path, SEEDS[1])
    path = folder / "campaign.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tiền thưởng 4.000.000 đồng", "tiền thưởng 4.500.000 đồng"),
                    encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    (problem,) = caught.value.problems
    assert "plan.outline[" in str(problem.location) and "4.500.000" in problem.message
    assert "ranks[1].prize" in problem.message and "campaign.yaml:" in problem.message


def test_a_plan_in_another_layout_imports_with_its_parent_body_and_criteria(tmp_path):
    """A Sở's plan: parent body over the issuer, two-column lines, criteria written as text."""
    source = ROOT / "tests" / "fixtures" / "plans" / "so-noi-vu-ben-tre.txt"
    data, folder = imported(tmp_path, source)
    assert data["issuer"] == {"parent": "UBND TỈNH BẾN TRE", "name": "Sở Nội vụ",
                              "symbol": "SNV", "place": "Bến Tre"}
    assert data["document"] == {"number": "245", "symbol": "KH-SNV", "date": "12/03/2024",
                                "year": 2024}
    assert data["signer"] == {"title": "GIÁM ĐỐC", "name": "Lê Văn Hùng"}
    assert data["recipients"]["items"] == [{"items": ["Ban TĐKT tỉnh"], "note": "(báo cáo)"},
                                           "Các phòng, đơn vị thuộc Sở"]
    assert [(c["title"], c["max_points"]) for c in data["scoring"]["criteria"]] == [
        ("Thực hiện nghiêm quy chế văn hóa công sở", "30"),
        ("Thực hiện tốt quy chế làm việc của cơ quan", "40"),
        ("Tham gia đầy đủ các hoạt động phong trào", "30")]
    (collective, individual) = data["periods"][0]["awards"]
    assert (collective["form"], collective["level"], collective["ranks"]) == (
        "Giấy khen của Giám đốc Sở", "sở", [{"count": 3, "prize": 1_000_000}])
    assert (individual["recipients"], individual["individuals"]) == ("individual", 10)
    measured = fidelity.measure(source.read_text(encoding="utf-8"),
                                *fidelity.plan_text(folder))
    assert measured.kept >= 0.97 and measured.added <= 0.08 and measured.twice == 0, measured
    path = folder / "campaign.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cơ quan (40 điểm)", "cơ quan (45 "
                                                             "điểm)"), encoding="utf-8")
    with pytest.raises(CampaignError, match=r"45 điểm .*\(scoring\.criteria\[1\]\.max_points"):
        load_campaign(folder)


def test_an_annex_after_the_signature_leaves_the_signer_alone(tmp_path):
    doc = docx.Document()
    for text in ("KẾ HOẠCH", "Thi đua năm 2024", "Căn cứ Luật Thi đua, khen thưởng;",
                 "Ủy ban nhân dân xã Tân Lập ban hành Kế hoạch như sau:", "I. NỘI DUNG",
                 "Thi đua theo bảng điểm tại Phụ lục kèm theo, đến hết ngày 31/12/2024.",
                 "Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Trần Văn Bình", "PHỤ LỤC",
                 "Bảng chấm điểm thi đua"):
        doc.add_paragraph(text)
    table = doc.add_table(rows=3, cols=3)
    for row, cells in enumerate([("STT", "Tiêu chí", "Điểm"), ("1", "Hồ sơ trực tuyến", "70"),
                                 ("2", "Tài khoản định danh", "30")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    doc.save(str(tmp_path / "kh.docx"))
    report = import_plan(tmp_path / "kh.docx", tmp_path / "new")
    data = yaml.safe_load((report.campaign_dir / "campaign.yaml").read_text(encoding="utf-8"))
    assert data["signer"] == {"title": "CHỦ TỊCH", "name": "Trần Văn Bình"}
    assert [c["max_points"] for c in data["scoring"]["criteria"]] == ["70", "30"]
    assert any("phụ lục" in line for line in report.summary_lines())
    assert load_campaign(report.campaign_dir).campaign.time.end.isoformat() == "2024-12-31"


def test_a_docx_with_one_paragraph_per_printed_line_reads_like_the_text(tmp_path):
    """A plan turned from PDF into Word: every line its own paragraph, sentences cut anywhere."""
    seed = SEEDS[1]
    doc = docx.Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph(line)
    doc.save(str(tmp_path / "tung-dong.docx"))
    from_docx, _ = imported(tmp_path / "a", tmp_path / "tung-dong.docx")
    from_text, _ = imported(tmp_path / "b", seed)
    assert from_docx["plan"] == from_text["plan"]
    assert from_docx["signer"] == from_text["signer"]


def test_guesses_that_contradict_the_text_are_left_out_and_the_draft_still_validates(tmp_path):
    plan = tmp_path / "kh.txt"
    plan.write_text(
        "KẾ HOẠCH\nThi đua năm 2024\nCăn cứ Luật Thi đua, khen thưởng;\n"
        "Ủy ban nhân dân xã Tân Lập ban hành Kế hoạch như sau:\n"
        "I. KHEN THƯỞNG\n1. Tặng Giấy khen của Chủ tịch UBND xã Tân Lập cho các tập thể:\n"
        "- 01 đơn vị hạng Nhất, kèm theo tiền thưởng 2.000.000 đồng.\n"
        "2. Cộng điểm cho khối thôn: Hạng Nhất: 03 điểm.\n"
        "3. Cộng điểm cho khối trường: Hạng Nhất: 05 điểm.\n"
        "Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn Bình\n", encoding="utf-8")
    report = import_plan(plan, tmp_path / "new")
    loaded = load_campaign(report.campaign_dir)
    assert loaded.campaign.periods == () and loaded.campaign.plan.outline
    assert any("chưa khớp văn bản" in line for line in report.summary_lines())


# --- any outline written as text, hard-wrapped like a printed page, comes back the same ---------

WORDS = st.sampled_from("thi đua khen thưởng công tác hồ sơ trực tuyến đơn vị cán bộ người dân "
                        "tổ chức thực hiện kế hoạch chuyển đổi số phường xã huyện".split())


def _sentence(draw, low: int, high: int) -> str:
    text = " ".join(draw(st.lists(WORDS, min_size=low, max_size=high)))
    return text[:1].upper() + text[1:]


@st.composite
def outlines(draw):
    sections = []
    for i in range(1, draw(st.integers(1, 4)) + 1):
        children = []
        for j in range(1, draw(st.integers(0, 3)) + 1):
            items = [{"number": f"{letter})", "text": [_sentence(draw, 6, 30) + "."]}
                     for letter in "abc"[:draw(st.integers(0, 2))]]
            if draw(st.booleans()):  # "1. Đối tượng thi đua: Các phòng, ban …" on one line
                children.append({"number": f"{j}.", "heading": _sentence(draw, 1, 4) + ":",
                                 "text": [_sentence(draw, 4, 30).lower() + "."]})
                continue
            child = {"number": f"{j}.", "heading": _sentence(draw, 2, 6)}
            bullets = [f"{draw(st.sampled_from('-+'))} {_sentence(draw, 5, 25)};"
                       for _ in range(draw(st.integers(0, 2)))]
            child.update({"text": bullets} if bullets else {})
            child.update({"children": items} if items else {})
            children.append(child)
        section = {"number": f"{'I II III IV'.split()[i - 1]}.",
                   "heading": _sentence(draw, 2, 5).upper()}
        section.update({"children": children} if children else {"text": [
            _sentence(draw, 8, 40) + "."]})
        sections.append(section)
    return sections


def _lines(nodes) -> list[str]:
    out = []
    for node in nodes:
        head = " ".join(x for x in (node["number"], node.get("heading")) if x)
        paragraphs = node.get("text", [])
        if node.get("heading") and not node["heading"].endswith(":"):
            out.append(head)
        else:
            paragraphs = [f"{head} {paragraphs[0]}"] + paragraphs[1:]
        for paragraph in paragraphs:
            out.extend(textwrap.wrap(paragraph, 70))
        out.extend(_lines(node.get("children", [])))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outlines())
def test_any_outline_written_as_wrapped_text_is_read_back_the_same(tmp_path_factory, outline):
    folder = tmp_path_factory.mktemp("o")
    text = "\n".join(["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "Số:    /KH-UBND    Tân Lập, ngày    "
                      "tháng    năm 2024", "KẾ HOẠCH", "Thi đua năm 2024",
                      "Căn cứ Luật Thi đua, khen thưởng;", "Ủy ban nhân dân xã ban hành Kế hoạch "
                      "như sau:", *_lines(outline), "Trên đây là Kế hoạch./.", "Nơi nhận:",
                      "- Lưu: VT.", "CHỦ TỊCH", "Trần Văn Bình"])
    (folder / "kh.txt").write_text(text, encoding="utf-8")
    data, _ = imported(folder, folder / "kh.txt")
    assert data["plan"]["outline"] == outline
    assert data["closing"] == ["Trên đây là Kế hoạch./."]


def test_thiduas_own_plan_imports_back_to_the_same_outline(tmp_path):
    loaded = load_campaign(ROOT / "campaigns" / "000-ninh-phuoc")
    plan = build_plan(loaded, tmp_path / "out")[0]
    data, _ = imported(tmp_path, plan)
    original = yaml.safe_load((ROOT / "campaigns" / "000-ninh-phuoc" / "campaign.yaml")
                              .read_text(encoding="utf-8"))
    assert data["plan"] == original["plan"]
    assert data["recipients"]["items"][0] == {
        "items": ["Văn phòng UBND tỉnh", "Sở Nội vụ", "TT Huyện ủy", "TT HĐND Huyện"],
        "note": "(Báo cáo)"}
    assert data["signer"] == {"title": "CHỦ TỊCH", "name": "Bạch Văn Nguyên"}
