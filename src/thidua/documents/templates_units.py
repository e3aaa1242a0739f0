"""Word templates of the plan and the per-unit documents: kế hoạch, báo cáo, phiếu, bảng."""

from __future__ import annotations

from pathlib import Path

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

FORM_NOTE = [  # the achievement-report form in force, chosen by the dossier's date
    '{%p if ngay_ap_dung_goc >= "2025-07-01" %}',
    "(Mẫu báo cáo thành tích {{ loai_mau }} trong phong trào thi đua theo chuyên đề, ban hành "
    "kèm theo Nghị định số 152/2025/NĐ-CP của Chính phủ)",
    '{%p elif ngay_ap_dung_goc >= "2024-01-01" %}',
    "(Mẫu báo cáo thành tích {{ loai_mau }} trong phong trào thi đua theo chuyên đề, ban hành "
    "kèm theo Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ)",
    "{%p else %}",
    "(Mẫu báo cáo thành tích đề nghị khen thưởng theo đợt thi đua hoặc theo chuyên đề, ban "
    "hành kèm theo Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ)",
    "{%p endif %}",
]
AUTHOR_TABLE_WIDTHS = {  # a table as its author laid it out: 2 to 6 columns, the first narrow
    2: (20, 145), 3: (14, 100, 51), 4: (14, 80, 36, 35), 5: (14, 55, 32, 32, 32),
    6: (14, 45, 27, 27, 26, 26),
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
    for count, widths in AUTHOR_TABLE_WIDTHS.items():
        tag(doc, f'{{%p elif b.loai == "bang_cot" and b.bang.so_cot == {count} %}}')
        looped_table(doc, [f"{{{{ b.bang.tieu_de_cot[{i}] }}}}" for i in range(count)],
                     [cell_loop("x", f"d.cot[{i}]") for i in range(count)], "b.bang.dong",
                     widths, ("center",) + ("left",) * (count - 1))
    tag(doc, "{%p else %}")
    body(doc, "{{ b.text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    each(doc, "ket_thuc")
    closing(doc)
    return save(doc, out_dir, "ke-hoach.docx")


def criteria_table(doc, rows: str = "don_vi.tieu_chi") -> None:
    looped_table(doc, CRITERIA, ["{{ d.stt }}", "{{ d.tieu_chi }}", "{{ d.diem_chuan }}",
                                 "{{ d.giai_trinh }}", "{{ d.diem }}"],
                 rows, (14, 55, 22, 52, 22), ("center", "left", "center", "left", "center"),
                 footer=["", "Tổng điểm", "{{ don_vi.tong_diem_chuan }}", "",
                         "{{ don_vi.tong_diem }}"])


def _report_start(doc, subject: str) -> None:
    header(doc)
    title(doc, "BÁO CÁO THÀNH TÍCH", "Đề nghị tặng {{ hinh_thuc_de_nghi }}")
    for line in FORM_NOTE:
        if line.startswith("{%p"):
            tag(doc, line)
        else:
            centred(doc, line, italic=True)
    lead(doc, subject, " {{ ten_de_nghi }}")


def _signatures(doc) -> None:
    B.add_minutes_signatures(doc, "{{ van_ban.ky_trai.chuc_vu }}", "{{ van_ban.ky_trai.ho_ten }}",
                             "{{ van_ban.ky.chuc_vu }}", "{{ van_ban.ky.ho_ten }}")


def bao_cao_tap_the(out_dir: Path) -> Path:
    doc = B.new_document()
    _report_start(doc, "Tên tập thể đề nghị khen thưởng:")
    B.add_heading(doc, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", 1)
    B.add_heading(doc, "1. Đặc điểm, tình hình", 2)
    each(doc, "bao_cao.dac_diem")
    B.add_heading(doc, "2. Chức năng, nhiệm vụ", 2)
    each(doc, "bao_cao.chuc_nang")
    B.add_heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", 1)
    B.add_heading(doc, "1. Kết quả thực hiện các tiêu chí thi đua", 2)
    body(doc, "Tổng điểm {{ don_vi.tong_diem_text }}, xếp hạng "
              "{{ don_vi.xep_hang_text }}{% if don_vi.khen_thuong %}; {{ don_vi.khen_thuong }}"
              "{% endif %}.")
    criteria_table(doc)
    tag(doc, "{%p if don_vi.so_lieu %}")
    B.add_heading(doc, "2. Số liệu của đơn vị", 2)
    each(doc, "don_vi.so_lieu", "- {{ x.ten }}: {{ x.gia_tri }}.")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "{{ '3' if don_vi.so_lieu else '2' }}. Giải pháp, thành tích nổi bật", 2)
    each(doc, "bao_cao.thanh_tich")
    B.add_heading(doc, "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC", 1)
    each(doc, "bao_cao.khen_thuong")
    _signatures(doc)
    return save(doc, out_dir, "bao-cao-thanh-tich-tap-the.docx")


def bao_cao_ca_nhan(out_dir: Path) -> Path:
    doc = B.new_document()
    _report_start(doc, "Họ và tên:")
    B.add_heading(doc, "I. SƠ LƯỢC LÝ LỊCH", 1)
    lead(doc, "- Chức vụ:", " {{ ca_nhan.chuc_vu }}.", level=None)
    lead(doc, "- Đơn vị công tác:", " {{ ca_nhan.don_vi }}.", level=None)
    each(doc, "bao_cao.dac_diem")
    B.add_heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", 1)
    B.add_heading(doc, "1. Nhiệm vụ được giao", 2)
    each(doc, "bao_cao.chuc_nang")
    B.add_heading(doc, "2. Thành tích đạt được trong phong trào thi đua", 2)
    each(doc, "bao_cao.thanh_tich")
    tag(doc, "{%p if don_vi %}")
    body(doc, "Đơn vị {{ ca_nhan.don_vi }} đạt {{ don_vi.tong_diem }} điểm, xếp hạng "
              "{{ don_vi.xep_hang_text }}{% if don_vi.khen_thuong %}; {{ don_vi.khen_thuong }}"
              "{% endif %}.")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐẠT ĐƯỢC", 1)
    each(doc, "bao_cao.khen_thuong")
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
    criteria_table(doc)
    B.add_heading(doc, "2. Kết quả", 2)
    body(doc, "- Tổng điểm: {{ don_vi.tong_diem }} điểm.")
    body(doc, "- Xếp hạng: {{ don_vi.xep_hang_text }}.")
    tag(doc, "{%p if not don_vi.du_dieu_kien %}")
    body(doc, "- Không đủ điều kiện xếp hạng: {{ don_vi.ly_do_khong_xet }}.")
    tag(doc, "{%p endif %}")
    body(doc, "- Khen thưởng: {% if don_vi.khen_thuong %}{{ don_vi.khen_thuong }}"
              "{% if don_vi.tien_thuong %}, tiền thưởng {{ don_vi.tien_thuong }} đồng{% endif %}"
              "{% if don_vi.diem_cong %}; cộng {{ don_vi.diem_cong }} điểm {{ nhan_diem_cong_sau_so }}"
              "{% endif %}{% else %}không{% endif %}.")
    tag(doc, "{%p if don_vi.so_lieu %}")
    B.add_heading(doc, "3. Số liệu đơn vị báo cáo", 2)
    each(doc, "don_vi.so_lieu", "- {{ x.ten }}: {{ x.gia_tri }}.")
    tag(doc, "{%p endif %}")
    body(doc, "Đề nghị {{ don_vi.ten }} kiểm tra kết quả; trường hợp có ý kiến khác, phản hồi về "
              "{{ van_ban.ten_co_quan }} trong thời hạn …… ngày kể từ ngày nhận Phiếu này./.")
    closing(doc)
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
