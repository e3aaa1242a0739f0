"""Benchmark: DocumentRenderer.render_to against a plain docxtpl loop on a one-page template.

Usage: python bench/bench_render.py [N] [--baseline=M] [--profile]

Builds a realistic one-page document template (two-column header table, title, ten body
paragraphs, a bordered table whose rows come from a {%tr for %} loop over 8 items, the
signature table), makes N distinct contexts (default 1000), renders them all through
DocumentRenderer.render_to into a temp folder, then through a plain docxtpl loop (new
DocxTemplate + render + save per document; M documents, default all N), on one core, and
prints milliseconds per document for both and the speed-up. --profile runs cProfile over
the engine loop instead.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from thidua.render import DocumentRenderer
from thidua.vietnamese.formatting import JINJA_FILTERS

TEMPLATE_NAME = "bench-phieu.docx"
ROWS = 8


def _line(container, text: str, bold: bool = False, italic: bool = False,
          align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER, size: int = 13):
    first = getattr(container, "paragraphs", [None])[0] if hasattr(container, "_tc") else None
    reuse = first is not None and not first.text and not first.runs
    paragraph = first if reuse else container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold or None, italic or None, Pt(size)
    return paragraph


def build_template(path: Path) -> Path:
    """A one-page decree-style template exercising the tags the real templates use."""
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "{{ don_vi.ten }} — Phiếu kết quả"
    header = doc.add_table(rows=2, cols=2)
    _line(header.cell(0, 0), "{{ don_vi.cap_tren|hoa }}")
    _line(header.cell(0, 0), "{{ don_vi.ten|hoa }}", bold=True)
    _line(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    _line(header.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    _line(header.cell(1, 0), "Số: {{ so }}/PKQ-{{ don_vi.viet_tat }}")
    _line(header.cell(1, 1), "{{ dia_danh }}, {{ ngay|ngay }}", italic=True, size=14)
    _line(doc, "PHIẾU KẾT QUẢ", bold=True, size=14)
    _line(doc, "Chấm điểm thi đua năm {{ nam }} của {{ don_vi.ten }}", bold=True, size=14)
    body = [
        "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Kế hoạch số {{ ke_hoach.so }} ngày {{ ke_hoach.ngay|ngay_ngan }} của "
        "{{ ke_hoach.co_quan }} về tổ chức phong trào thi đua năm {{ nam }};",
        "Hội đồng Thi đua - Khen thưởng thông báo kết quả chấm điểm của {{ don_vi.ten }} "
        "như sau:",
        "Tổng số điểm đạt được: {{ tong_diem|so(2) }} điểm; số đơn vị: {{ so_don_vi|so_chu }};",
        "Xếp hạng: {{ xep_hang|hai_so }}/{{ so_don_vi|hai_so }} đơn vị trong khối.",
        "Tỷ lệ hoàn thành chỉ tiêu: {{ ty_le|phan_tram }}.",
        "Mức thưởng đề nghị: {{ tien_thuong|tien }} đồng (Bằng chữ: {{ tien_thuong|tien_chu }}).",
        "{%p if ghi_chu %}",
        "Ghi chú: {{ ghi_chu }}",
        "{%p endif %}",
        "Đề nghị {{ don_vi.ten }} tiếp tục phát huy những kết quả đạt được.",
        "Phiếu này được lập thành {{ so_ban|hai_so }} bản có giá trị như nhau.",
    ]
    for text in body:
        _line(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=14)
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Tiêu chí", "Điểm chuẩn", "Điểm đạt"]):
        _line(cell, text, bold=True)
    table.cell(1, 0).text = "{%tr for tc in tieu_chi %}"
    for cell, text in zip(table.rows[2].cells, ["{{ loop.index|la_ma }}", "{{ tc.ten }}",
                                                "{{ tc.chuan|so }}", "{{ tc.dat|so(1) }}"]):
        _line(cell, text, align=WD_ALIGN_PARAGRAPH.LEFT)
    table.cell(3, 0).text = "{%tr endfor %}"
    doc.add_paragraph()
    closing = doc.add_table(rows=1, cols=2)
    _line(closing.cell(0, 0), "Nơi nhận:", bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(closing.cell(0, 0), "{{ noi_nhan }}", align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    _line(closing.cell(0, 1), "{{ nguoi_ky.chuc_vu|hoa }}", bold=True, size=14)
    _line(closing.cell(0, 1), "{{ nguoi_ky.ho_ten }}", bold=True, size=14)
    doc.core_properties.author = "thidua"
    doc.save(path)
    return path


def make_contexts(n: int) -> list[dict]:
    """N distinct, realistic contexts (Vietnamese text, numbers, dates, line breaks)."""
    from datetime import date

    contexts = []
    for i in range(n):
        contexts.append({
            "don_vi": {"ten": f"Trường Tiểu học Phụng Hiệp {i + 1}", "viet_tat": "THPH",
                       "cap_tren": "Phòng Giáo dục và Đào tạo"},
            "so": 100 + i, "dia_danh": "Phụng Hiệp", "ngay": date(2024, 1 + i % 12, 1 + i % 28),
            "nam": 2024,
            "ke_hoach": {"so": "12/KH-UBND", "ngay": date(2024, 1, 15),
                         "co_quan": "Ủy ban nhân dân huyện Phụng Hiệp"},
            "tong_diem": Decimal("87.5") + i % 10, "xep_hang": 1 + i % 30, "so_don_vi": 30,
            "ty_le": Decimal("0.8125"), "tien_thuong": 1_500_000 + 10_000 * i,
            "ghi_chu": "Đơn vị có sáng kiến & cải tiến <nổi bật>" if i % 2 else "",
            "so_ban": 2,
            "tieu_chi": [{"ten": f"Tiêu chí {k + 1}: thực hiện nhiệm vụ chuyên môn", "chuan": 10,
                          "dat": Decimal("8.5") + k % 2} for k in range(ROWS)],
            "noi_nhan": "- Như trên;\n- Lưu: VT, TĐKT.",
            "nguoi_ky": {"chuc_vu": "Chủ tịch Hội đồng", "ho_ten": "Nguyễn Văn Bình"},
            "_document_date": date(2024, 1 + i % 12, 1 + i % 28),
        })
    return contexts


def run_engine(folder: Path, out: Path, contexts: list[dict]) -> float:
    renderer = DocumentRenderer([folder])
    start = time.perf_counter()
    for i, context in enumerate(contexts):
        renderer.render_to(TEMPLATE_NAME, context, out / f"engine-{i:05d}.docx")
    return time.perf_counter() - start


def run_docxtpl(template: Path, out: Path, contexts: list[dict]) -> float:
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    environment.filters.update(JINJA_FILTERS)
    start = time.perf_counter()
    for i, context in enumerate(contexts):
        document = DocxTemplate(template)
        document.render(context, environment)
        document.save(out / f"docxtpl-{i:05d}.docx")
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    n = int(next((a for a in argv if a.isdigit()), 1000))
    baseline_n = int(next((a.split("=", 1)[1] for a in argv if a.startswith("--baseline=")), n))
    profile = "--profile" in argv
    with tempfile.TemporaryDirectory(prefix="bench-render-") as temp:
        folder = Path(temp)
        (folder / "out").mkdir()
        template = build_template(folder / TEMPLATE_NAME)
        contexts = make_contexts(n)
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            run_engine(folder, folder / "out", contexts)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            return
        engine = run_engine(folder, folder / "out", contexts)
        baseline_n = max(1, min(baseline_n, n))
        baseline_per_doc = run_docxtpl(template, folder / "out", contexts[:baseline_n]) / baseline_n
        sizes = [p.stat().st_size for p in (folder / "out").glob("engine-*.docx")]
        print(f"documents: {n} through the engine, {baseline_n} through docxtpl")
        print(f"DocumentRenderer.render_to: {engine / n * 1000:8.2f} ms/document "
              f"(mean size {sum(sizes) / len(sizes) / 1024:.1f} KiB)")
        print(f"plain docxtpl loop:         {baseline_per_doc * 1000:8.2f} ms/document")
        print(f"speed-up:                   {baseline_per_doc / (engine / n):8.1f}×")


if __name__ == "__main__":
    main(sys.argv[1:])
