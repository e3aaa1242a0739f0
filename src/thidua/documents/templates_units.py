"""Word templates of the plan and the per-unit documents: kế hoạch, báo cáo, phiếu, bảng."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from thidua.documents.context_common import FILL_BLANK
from thidua.documents.template_parts import (
    add_run,
    annex_heading,
    body,
    cell_loop,
    centred,
    closing,
    each,
    header,
    lead,
    looped_table,
    save,
    spacer,
    tag,
    title,
)
from thidua.docx import build as B
from thidua.docx import nd30

# A table as its author laid it out: 2 to 6 columns, the first one narrow when it is the STT.
AUTHOR_TABLE_WIDTHS = {
    (2, True): (20, 145), (3, True): (14, 100, 51), (4, True): (14, 80, 36, 35),
    (5, True): (14, 55, 32, 32, 32), (6, True): (14, 45, 27, 27, 26, 26),
    (2, False): (60, 105), (3, False): (45, 25, 95), (4, False): (40, 25, 25, 75),
    (5, False): (35, 25, 25, 25, 55), (6, False): (30, 23, 23, 23, 23, 43),
}
CRITERIA = ("STT", "TIÊU CHÍ", "ĐIỂM CHUẨN", "CÁCH TÍNH, GIẢI TRÌNH", "ĐIỂM ĐẠT")


def ke_hoach(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "KẾ HOẠCH")
    each(doc, "can_cu", italic=True)
    each(doc, "mo_dau")
    tag(doc, "{%p for b in noi_dung %}")
    tag(doc, '{%p if b.loai == "muc" %}')
    B.add_heading(doc, "{{ b.tieu_de }}", 1)
    tag(doc, '{%p elif b.loai == "khoan" %}')
    add_run(B.add_heading(doc, "{{ b.tieu_de }}", 2), "{% if b.text %} {{ b.text }}{% endif %}")
    tag(doc, '{%p elif b.loai == "diem" %}')
    add_run(B.add_heading(doc, "{{ b.tieu_de }}", 3), "{% if b.text %} {{ b.text }}{% endif %}")
    tag(doc, '{%p elif b.loai == "bang" %}')
    looped_table(doc, ["STT", "NỘI DUNG", "ĐIỂM CHUẨN", "HƯỚNG DẪN CHẤM"],
                 ["{{ d.stt }}", cell_loop("x", "d.noi_dung"), "{{ d.diem_chuan }}",
                  cell_loop("x", "d.huong_dan")],
                 "b.bang.dong", (14, 50, 22, 79), ("center", "left", "center", "left"),
                 footer=["", "Tổng cộng", "{{ b.bang.tong }}", ""])
    for (count, numbered), widths in AUTHOR_TABLE_WIDTHS.items():
        tag(doc, f'{{%p elif b.loai == "bang_cot" and b.bang.so_cot == {count} and '
                 f'{"" if numbered else "not "}b.bang.co_stt %}}')
        looped_table(doc, [f"{{{{ b.bang.tieu_de_cot[{i}] }}}}" for i in range(count)],
                     [cell_loop("x", f"d.cot[{i}]") for i in range(count)], "b.bang.dong",
                     widths, ("center" if numbered else "left",) + ("left",) * (count - 1))
    tag(doc, "{%p else %}")
    body(doc, "{{ b.text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    each(doc, "ket_thuc")
    closing(doc)
    return save(doc, out_dir, "ke-hoach.docx")


def criteria_table(doc, rows: str = "don_vi.tieu_chi", size: float = B.TABLE_SIZE) -> None:
    looped_table(doc, CRITERIA, ["{{ d.stt }}", "{{ d.tieu_chi }}", "{{ d.diem_chuan }}",
                                 "{{ d.giai_trinh }}", "{{ d.diem }}"],
                 rows, (14, 55, 22, 52, 22), ("center", "left", "center", "left", "center"),
                 footer=["", "Tổng điểm", "{{ don_vi.tong_diem_chuan }}", "",
                         "{{ don_vi.tong_diem }}"], size=size)


def blank_run(paragraph, condition: str) -> None:
    """A highlighted blank printed only when `condition` holds (a fact still missing)."""
    run = paragraph.add_run(f"{{% if {condition} %}}{FILL_BLANK}{{% endif %}}")
    run.font.size = Pt(B.BODY_SIZE)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def facts(doc, items: str) -> None:
    """One paragraph per fact of a section; a missing section is a highlighted blank."""
    tag(doc, f"{{%p for x in {items} %}}")
    blank_run(body(doc, "{{ x.text }}"), "x.thieu")
    tag(doc, "{%p endfor %}")


def _report_start(doc, subject: str, agency: bool = True) -> None:
    """The header (the individual's form has no agency block, only the place and date), the
    title, the form line and the awardee's name."""
    if agency:
        header(doc)
    else:
        B.add_header_table(doc, [], place_date_line="{{ van_ban.dia_danh_ngay }}")
    title(doc, "BÁO CÁO THÀNH TÍCH", "{{ de_nghi_tang }}")
    centred(doc, "{{ mau }}", italic=True)
    lead(doc, subject, " {{ ten_de_nghi }}")


def _signatures(doc) -> None:
    B.add_minutes_signatures(doc, "{{ van_ban.ky_trai.chuc_vu }}", "{{ van_ban.ky_trai.ho_ten }}",
                             "{{ van_ban.ky.chuc_vu }}", "{{ van_ban.ky.ho_ten }}")


def bao_cao_tap_the(out_dir: Path) -> Path:
    """The campaign (chuyên đề) form for a collective: the unit, its measures and results."""
    doc = B.new_document()
    _report_start(doc, "Tên tập thể đề nghị khen thưởng:")
    B.add_heading(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", 1)
    B.add_heading(doc, "1. Đặc điểm, tình hình", 2)
    facts(doc, "bao_cao.dac_diem")
    B.add_heading(doc, "2. Chức năng, nhiệm vụ", 2)
    facts(doc, "bao_cao.chuc_nang")
    B.add_heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC TRONG PHONG TRÀO THI ĐUA", 1)
    B.add_heading(doc, "1. Biện pháp tổ chức thực hiện, giải pháp nổi bật", 2)
    facts(doc, "bao_cao.thanh_tich")
    tag(doc, "{%p if ket_qua %}")
    B.add_heading(doc, "2. Kết quả thực hiện các tiêu chí thi đua", 2)
    each(doc, "ket_qua", "- {{ x }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if don_vi.so_lieu %}")
    B.add_heading(doc, "3. Số liệu của đơn vị", 2)
    each(doc, "don_vi.so_lieu", "- {{ x.ten }}: {{ x.gia_tri }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if don_vi.khen_thuong %}")
    body(doc, "Kết quả: đơn vị được {{ hoi_dong }} đề nghị {{ ket_qua_khen }}.")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC", 1)
    facts(doc, "bao_cao.khen_thuong")
    _signatures(doc)
    return save(doc, out_dir, "bao-cao-thanh-tich-tap-the.docx")


def bao_cao_ca_nhan(out_dir: Path) -> Path:
    """The campaign form for an individual: profile from the nominations sheet, then results."""
    doc = B.new_document()
    _report_start(doc, "Họ và tên:", agency=False)
    B.add_heading(doc, "I. SƠ LƯỢC LÝ LỊCH", 1)
    tag(doc, "{%p for f in ca_nhan.ly_lich %}")
    paragraph = body(doc, "- {{ f.nhan }}: {{ f.gia_tri }}")
    blank_run(paragraph, "f.thieu")
    add_run(paragraph, ".")
    tag(doc, "{%p endfor %}")
    each(doc, "bao_cao.dac_diem", "{{ x.text }}")
    B.add_heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", 1)
    B.add_heading(doc, "1. Nhiệm vụ được giao", 2)
    facts(doc, "bao_cao.chuc_nang")
    B.add_heading(doc, "2. Thành tích đạt được trong phong trào thi đua", 2)
    facts(doc, "bao_cao.thanh_tich")
    tag(doc, "{%p if xep_thu %}")
    body(doc, "Cá nhân góp phần cùng tập thể {{ ca_nhan.don_vi_trong_cau }}: {{ xep_thu }}")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC", 1)
    facts(doc, "bao_cao.khen_thuong")
    _signatures(doc)
    return save(doc, out_dir, "bao-cao-thanh-tich-ca-nhan.docx")


def phieu_ket_qua(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "PHIẾU KẾT QUẢ")
    B.add_kinh_gui(doc, "{{ van_ban.kinh_gui }}")
    body(doc, "Căn cứ {{ phong_trao.ke_hoach }}; căn cứ số liệu do đơn vị báo cáo, "
              "{{ van_ban.ten_co_quan }} thông báo kết quả chấm điểm thi đua của "
              "{{ don_vi.ten }} như sau:")
    B.add_heading(doc, "1. Điểm theo từng tiêu chí", 2)
    criteria_table(doc, size=12)
    lead(doc, "2. Kết quả.", " Tổng điểm: {{ don_vi.tong_diem }} điểm; xếp hạng: "
         "{{ don_vi.xep_hang_text }}{% if not don_vi.du_dieu_kien %} (không đủ điều kiện xếp "
         "hạng: {{ don_vi.ly_do_khong_xet }}){% endif %}; khen thưởng: {% if don_vi.khen_thuong %}"
         "{{ don_vi.khen_thuong }}{% if don_vi.tien_thuong %}, tiền thưởng {{ don_vi.tien_thuong }}"
         " đồng{% endif %}{% if don_vi.diem_cong %}; cộng {{ don_vi.diem_cong }} điểm "
         "{{ nhan_diem_cong_sau_so }}{% endif %}{% else %}không{% endif %}.", level=2)
    tag(doc, "{%p if don_vi.so_lieu %}")
    # one running paragraph: a line per figure pushes a long list onto a second page
    lead(doc, "3. Số liệu đơn vị báo cáo.", " {% for x in don_vi.so_lieu %}"
         "{{ x.ten if loop.first else x.ten_trong_cau }}: {{ x.gia_tri }}"
         "{{ '.' if loop.last else '; ' }}{% endfor %}", level=2)
    tag(doc, "{%p endif %}")
    body(doc, "Đề nghị {{ don_vi.ten }} kiểm tra kết quả; trường hợp có ý kiến khác, phản hồi về "
              "{{ van_ban.ten_co_quan }} bằng văn bản trước khi Hội đồng họp xét khen thưởng./.")
    closing(doc)
    for paragraph in doc.paragraphs:  # the decree's smallest body text and spacing: one page
        if paragraph.paragraph_format.line_spacing == nd30.LINE_SPACING:
            paragraph.paragraph_format.line_spacing = 1.0
            for run in paragraph.runs:
                run.font.size = Pt(nd30.FONT_SIZES_PT["body"][0])
    return save(doc, out_dir, "phieu-ket-qua.docx")


def bang_tong_hop(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "BÁO CÁO")
    B.add_kinh_gui(doc, "{{ van_ban.kinh_gui }}")
    body(doc, "Căn cứ {{ phong_trao.ke_hoach }}; căn cứ số liệu do các đơn vị báo cáo, "
              "{{ van_ban.ten_co_quan }} báo cáo kết quả chấm điểm, xếp hạng như sau:")
    lead(doc, "1. Kết quả chấm điểm:", " có {{ so_don_vi_cham }} đơn vị được chấm điểm; "
         "{{ so_don_vi_du_dieu_kien }} đơn vị đủ điều kiện xếp hạng; "
         "{{ so_don_vi_khong_du_dieu_kien }} đơn vị không đủ điều kiện.")
    each(doc, "khong_du_dieu_kien", "- {{ x }};")
    lead(doc, "2. Đề nghị khen thưởng:", " {{ doi_tuong_khen }}, gồm:")
    each(doc, "de_nghi")
    tag(doc, "{%p if tong_tien.goc %}")
    body(doc, "Tổng số tiền thưởng: {{ tong_tien.goc|tien }} đồng (Bằng chữ: "
              "{{ tong_tien.goc|tien_chu }}).")
    tag(doc, "{%p endif %}")
    body(doc, "(Chi tiết tại Bảng tổng hợp kèm theo)")
    body(doc, "Kính trình {{ van_ban.kinh_gui }} xem xét, quyết định./.")
    closing(doc)
    B.add_landscape_section(doc)
    annex_heading(doc, "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM", "{{ van_ban.trich_yeu }}",
                  "{{ bao_cao.kem_theo }}")
    tag(doc, "{%p for bang in bang %}")
    B.add_heading(doc, "{{ loop.index|la_ma }}. {{ bang.nhom|hoa }}", 1)
    table = B.add_table(
        doc, ["STT", "ĐƠN VỊ", "{%tc for c in bang.cot %}", "{{ c.ten }} ({{ c.diem_chuan }})",
              "{%tc endfor %}", "TỔNG ĐIỂM", "XẾP HẠNG", "KHEN THƯỞNG", "GHI CHÚ"],
        [["{%tr for d in bang.dong %}"] + [""] * 8,
         ["{{ d.stt }}", "{{ d.ten }}", "{%tc for x in d.diem %}", "{{ x }}", "{%tc endfor %}",
          "{{ d.tong_diem_goc|so(2) }}", "{{ d.xep_hang }}", "{{ d.khen_thuong }}",
          "{{ d.ghi_chu }}"],
         ["{%tr endfor %}"] + [""] * 8],
        (14, 55, 1, 24, 1, 20, 20, 66, 51),
        align=("center", "left", "center", "center", "center", "center", "center", "left",
               "left"), size=11)  # the smallest the decree allows: many criteria must fit
    del table
    spacer(doc)
    each(doc, "bang.cot", "{{ x.ten }}: {{ x.tieu_de }} (điểm chuẩn {{ x.diem_chuan }}).")
    tag(doc, "{%p endfor %}")
    return save(doc, out_dir, "bang-tong-hop.docx")
