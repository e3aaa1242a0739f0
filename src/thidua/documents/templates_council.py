"""Word templates of the council's documents: tờ trình, danh sách, biên bản, quyết định."""

from __future__ import annotations

from pathlib import Path

from thidua.documents.template_parts import (
    annex_heading,
    body,
    centred,
    closing,
    each,
    header,
    lead,
    looped_table,
    save,
    tag,
    title,
)
from thidua.docx import build as B

COLLECTIVES = ("STT", "TÊN TẬP THỂ", "HÌNH THỨC KHEN THƯỞNG", "HẠNG KHEN THƯỞNG", "XẾP HẠNG",
               "TỔNG ĐIỂM", "TIỀN THƯỞNG (ĐỒNG)")
PERSONS = ("STT", "HỌ VÀ TÊN", "CHỨC VỤ, ĐƠN VỊ CÔNG TÁC", "HÌNH THỨC KHEN THƯỞNG",
           "TIỀN THƯỞNG (ĐỒNG)")


def award_tables(doc, landscape: bool) -> None:
    """The collectives and the individuals awarded, each table with its subtotal."""
    wide = (14, 68, 62, 34, 20, 22, 32) if landscape else (13, 33, 32, 24, 19, 20, 24)
    people = (14, 55, 95, 52, 36) if landscape else (14, 37, 52, 35, 27)
    size = B.TABLE_SIZE if landscape else 12  # seven columns across a portrait page
    tag(doc, "{%p if tap_the %}")
    B.add_heading(doc, "{{ so_muc.tap_the }}. TẬP THỂ", 1)
    looped_table(doc, COLLECTIVES, ["{{ d.stt }}", "{{ d.ten }}", "{{ d.hinh_thuc }}",
                                    "{{ d.hang_khen }}", "{{ d.xep_hang }}",
                                    "{{ d.tong_diem_goc|so(2) }}",
                                    "{{ d.tien_thuong_goc|tien if d.tien_thuong_goc else '' }}"],
                 "tap_the", wide,
                 ("center", "left", "left", "center", "center", "center", "right"),
                 footer=["", "Cộng: {{ so_tap_the }} tập thể", "", "", "", "",
                         "{{ tien_tap_the.goc|tien if tien_tap_the.goc else '' }}"], size=size)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ca_nhan %}")
    B.add_heading(doc, "{{ so_muc.ca_nhan }}. CÁ NHÂN", 1)
    looped_table(doc, PERSONS, ["{{ d.stt }}", "{{ d.ho_ten }}", "{{ d.chuc_vu_don_vi }}",
                                "{{ d.hinh_thuc }}",
                                "{{ d.tien_thuong_goc|tien if d.tien_thuong_goc else '' }}"],
                 "ca_nhan", people, ("center", "left", "left", "left", "right"),
                 footer=["", "Cộng: {{ so_ca_nhan }} cá nhân", "", "",
                         "{{ tien_ca_nhan.goc|tien if tien_ca_nhan.goc else '' }}"], size=size)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tong_tien.goc %}")
    body(doc, "Tổng số tiền thưởng: {{ tong_tien.goc|tien }} đồng (Bằng chữ: "
              "{{ tong_tien.goc|tien_chu }}).", bold=True)
    tag(doc, "{%p endif %}")


def to_trinh(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "TỜ TRÌNH")
    B.add_kinh_gui(doc, "{{ van_ban.kinh_gui }}")
    tag(doc, "{%p if van_ban.can_cu %}")
    each(doc, "van_ban.can_cu", italic=True)
    tag(doc, "{%p else %}")
    body(doc, "Căn cứ {{ phong_trao.ke_hoach }} về việc {{ phong_trao.trich_yeu_ke_hoach_thuong }};",
         italic=True)
    tag(doc, "{%p endif %}")
    body(doc, "Căn cứ kết quả chấm điểm, xếp hạng và Biên bản họp {{ hoi_dong }} {{ hop.ngay }}.",
         italic=True)
    body(doc, "{{ van_ban.ten_co_quan }} kính trình {{ van_ban.kinh_gui }} xem xét, khen thưởng "
              "các tập thể, cá nhân có thành tích xuất sắc trong {{ phong_trao.ten_day_du }}, "
              "cụ thể như sau:")
    lead(doc, "1. Kết quả chấm điểm, xếp hạng:", " có {{ so_don_vi_cham }} đơn vị được chấm "
         "điểm, trong đó {{ so_don_vi_du_dieu_kien }} đơn vị đủ điều kiện xếp hạng.")
    lead(doc, "2. Đề nghị khen thưởng:", " {{ doi_tuong_khen }}, gồm:")
    each(doc, "de_nghi")
    tag(doc, "{%p if tong_tien.goc %}")
    body(doc, "Tổng số tiền thưởng: {{ tong_tien.goc|tien }} đồng (Bằng chữ: "
              "{{ tong_tien.goc|tien_chu }}){% if nguon_kinh_phi %}, từ nguồn {{ nguon_kinh_phi }}{% endif %}.")
    tag(doc, "{%p endif %}")
    body(doc, "(Có danh sách kèm theo)")
    body(doc, "Kính trình {{ van_ban.kinh_gui }} xem xét, quyết định./.")
    closing(doc)
    return save(doc, out_dir, "to-trinh.docx")


def danh_sach(out_dir: Path, name: str = "danh-sach.docx") -> Path:
    """A landscape annex, appended to its parent document as a section of its own."""
    doc = B.new_document(landscape=True)
    annex_heading(doc, "{{ tieu_de }}", "{{ trich_yeu }}", "{{ kem_theo }}")
    award_tables(doc, landscape=True)
    return save(doc, out_dir, name)


def quyet_dinh_danh_sach(out_dir: Path) -> Path:
    return danh_sach(out_dir, "quyet-dinh-danh-sach.docx")


def bien_ban(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "BIÊN BẢN")
    each(doc, "van_ban.can_cu", italic=True)
    body(doc, "Vào lúc {{ hop.gio_bat_dau }}, {{ hop.ngay }}, tại {{ hop.dia_diem }}, "
              "{{ hoi_dong }} họp xét đề nghị khen thưởng {{ phong_trao.ten_day_du }}.")
    B.add_heading(doc, "I. THÀNH PHẦN THAM DỰ", 1)
    lead(doc, "1. Chủ trì (chủ tọa):", " {{ hop.chu_toa.mo_ta }}.")
    lead(doc, "2. Thư ký:", " {{ hop.thu_ky.mo_ta }}.")
    body(doc, "3. Các thành viên Hội đồng dự họp:", bold=True)
    each(doc, "hop.thanh_vien", "- {{ x.mo_ta }};")
    tag(doc, "{%p if hop.vang_mat %}")
    lead(doc, "4. Vắng mặt:", " {{ hop.so_vang_mat }} thành viên, gồm:")
    each(doc, "hop.vang_mat", "- {{ x.mo_ta }};")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "II. NỘI DUNG CUỘC HỌP", 1)
    body(doc, "1. Thường trực Hội đồng ({{ co_quan_thuong_truc }}) báo cáo kết quả chấm điểm, "
              "xếp hạng: có {{ so_don_vi_cham }} đơn vị được chấm điểm, "
              "{{ so_don_vi_du_dieu_kien }} đơn vị đủ điều kiện xếp hạng; đề nghị khen thưởng "
              "{{ doi_tuong_khen }}, gồm:")
    each(doc, "de_nghi")
    body(doc, "2. Hội đồng thảo luận, biểu quyết. Kết quả: số thành viên có mặt "
              "{{ hop.so_co_mat }}; tán thành {{ hop.tan_thanh }} (tỷ lệ "
              "{{ hop.ty_le_tan_thanh }}); không tán thành {{ hop.khong_tan_thanh }}; "
              "không có ý kiến {{ hop.khong_y_kien }}.")
    B.add_heading(doc, "III. KẾT LUẬN", 1)
    each(doc, "hop.ket_luan")
    body(doc, "Danh sách tập thể, cá nhân được Hội đồng thống nhất đề nghị khen thưởng:")
    award_tables(doc, landscape=False)
    body(doc, "Cuộc họp kết thúc vào {{ hop.gio_ket_thuc }} cùng ngày. Biên bản đã được thông "
              "qua tại cuộc họp và các thành viên dự họp thống nhất./.")
    B.add_minutes_signatures(doc, "THƯ KÝ", "{{ hop.thu_ky.ho_ten }}", "CHỦ TỌA",
                             "{{ hop.chu_toa.ho_ten }}")
    return save(doc, out_dir, "bien-ban.docx")


LEGAL_BASES = [
    '{%p if ngay_ap_dung_goc >= "2025-07-01" %}',
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "{%p else %}",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung "
    "một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 "
    "tháng 11 năm 2019;",
    "{%p endif %}",
    '{%p if ngay_ap_dung_goc >= "2024-01-01" %}',
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "{%p else %}",
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
    "điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
    "{%p endif %}",
    '{%p if ngay_ap_dung_goc >= "2025-07-01" %}',
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều "
    "của Luật Thi đua, khen thưởng;",
    '{%p elif ngay_ap_dung_goc >= "2024-01-01" %}',
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "{%p else %}",
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
    "{%p endif %}",
]


def quyet_dinh(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "QUYẾT ĐỊNH")
    centred(doc, "{{ van_ban.tham_quyen }}", bold=True)
    tag(doc, "{%p if van_ban.can_cu %}")  # the campaign's own (dossier.decision.legal_bases)
    each(doc, "van_ban.can_cu", italic=True)
    tag(doc, "{%p else %}")
    for line in LEGAL_BASES:
        if line.startswith("{%p"):
            tag(doc, line)
        else:
            body(doc, line, italic=True)
    body(doc, "Căn cứ {{ phong_trao.ke_hoach }} về việc {{ phong_trao.trich_yeu_ke_hoach_thuong }};",
         italic=True)
    tag(doc, "{%p endif %}")
    body(doc, "Xét đề nghị của {{ to_trinh.co_quan }} tại {{ to_trinh.so_ngay }}.", italic=True)
    centred(doc, "QUYẾT ĐỊNH:", bold=True)
    lead(doc, "Điều 1.", " Tặng {{ hinh_thuc }} cho {{ doi_tuong_khen }} đã có thành tích xuất "
         "sắc trong {{ phong_trao.ten_day_du }} (có danh sách kèm theo).")
    lead(doc, "Điều 2.", " {% if tong_tien.goc %}Tặng kèm tiền thưởng theo danh sách; tổng số "
         "tiền thưởng là {{ tong_tien.goc|tien }} đồng (Bằng chữ: {{ tong_tien.goc|tien_chu }}){% if "
         "nguon_kinh_phi %}, từ nguồn {{ nguon_kinh_phi }}{% endif %}.{% else %}Tiền thưởng kèm "
         "theo thực hiện theo quy định hiện hành.{% endif %}")
    lead(doc, "Điều 3.", " Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng "
         "{{ to_trinh.co_quan }}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, "
         "cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    closing(doc)
    return save(doc, out_dir, "quyet-dinh.docx")
