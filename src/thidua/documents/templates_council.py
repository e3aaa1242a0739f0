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

RANKED = ("STT", "TÊN TẬP THỂ", "XẾP HẠNG", "TỔNG ĐIỂM", "HẠNG KHEN THƯỞNG",
          "TIỀN THƯỞNG (ĐỒNG)")
UNRANKED = ("STT", "TÊN TẬP THỂ", "TIỀN THƯỞNG (ĐỒNG)")
PERSONS = ("STT", "HỌ VÀ TÊN", "CHỨC VỤ, ĐƠN VỊ CÔNG TÁC", "TIỀN THƯỞNG (ĐỒNG)")
MONEY = "{{ d.tien_thuong_goc|tien if d.tien_thuong_goc else '' }}"
SUBTOTAL = "{{ s.tien_thuong.goc|tien if s.tien_thuong.goc else '' }}"


def _with_money(doc, headers, row, widths, align, footer, size) -> None:
    """The list `s.dong` with its last column (the prize) when any row of it has money, else
    without it: an award with no prize (e.g. one proposed to a higher level) shows no empty
    column; its width goes to the name column (the second)."""
    tag(doc, "{%p if s.tien_thuong.goc %}")
    looped_table(doc, headers, row, "s.dong", widths, align, footer=footer, size=size)
    tag(doc, "{%p else %}")
    narrower = [widths[0], widths[1] + widths[-1], *widths[2:-1]]
    looped_table(doc, headers[:-1], row[:-1], "s.dong", narrower, align[:-1], footer=footer[:-1],
                 size=size)
    tag(doc, "{%p endif %}")


def award_tables(doc, landscape: bool = True) -> None:
    """One table per award and group (collectives), one per award form (individuals), each
    under its own heading with its own STT and subtotal; score columns only where scored."""
    size = B.TABLE_SIZE if landscape else 12
    tag(doc, "{%p if danh_sach.tap_the %}")
    B.add_heading(doc, "{{ so_muc.tap_the }}. TẬP THỂ", 1)
    tag(doc, "{%p for s in danh_sach.tap_the %}")
    B.add_heading(doc, "{{ loop.index }}. {{ s.tieu_de }}", 2)
    tag(doc, "{%p if s.co_diem %}")
    _with_money(doc, RANKED, ["{{ d.stt }}", "{{ d.ten }}", "{{ d.xep_hang or '–' }}",
                              "{{ d.tong_diem_goc|so(2) }}", "{{ d.hang_khen }}", MONEY],
                (14, 96, 24, 26, 44, 40), ("center", "left", "center", "center", "center", "right"),
                ["", "Cộng: {{ s.so_dong }} tập thể", "", "", "", SUBTOTAL], size)
    tag(doc, "{%p else %}")
    _with_money(doc, UNRANKED, ["{{ d.stt }}", "{{ d.ten }}", MONEY], (14, 170, 60),
                ("center", "left", "right"), ["", "Cộng: {{ s.so_dong }} tập thể", SUBTOTAL], size)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if danh_sach.ca_nhan %}")
    B.add_heading(doc, "{{ so_muc.ca_nhan }}. CÁ NHÂN", 1)
    tag(doc, "{%p for s in danh_sach.ca_nhan %}")
    B.add_heading(doc, "{{ loop.index }}. {{ s.tieu_de }}", 2)
    _with_money(doc, PERSONS, ["{{ d.stt }}", "{{ d.ho_ten }}", "{{ d.chuc_vu_don_vi }}", MONEY],
                (14, 62, 128, 40), ("center", "left", "left", "right"),
                ["", "Cộng: {{ s.so_dong }} cá nhân", "", SUBTOTAL], size)
    tag(doc, "{%p endfor %}")
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
    each(doc, "van_ban.can_cu", italic=True)
    body(doc, "{{ van_ban.ten_co_quan }} kính trình {{ van_ban.kinh_gui }} xem xét, khen thưởng "
              "{{ doi_tuong_chung }} có thành tích xuất sắc trong {{ phong_trao.ten_day_du }}, "
              "cụ thể như sau:")
    tag(doc, "{%p if co_cham_diem %}")
    lead(doc, "1. Kết quả chấm điểm, xếp hạng:", " có {{ so_don_vi_cham }} đơn vị được chấm "
         "điểm, trong đó {{ so_don_vi_du_dieu_kien }} đơn vị đủ điều kiện xếp hạng.")
    tag(doc, "{%p endif %}")
    lead(doc, "{{ '2' if co_cham_diem else '1' }}. Đề nghị khen thưởng:",
         " {{ doi_tuong_khen }}, gồm:")
    each(doc, "de_nghi")
    tag(doc, "{%p if diem_cong %}")
    body(doc, "- Cộng {{ nhan_diem_cong }}: {{ diem_cong_text }}.")
    tag(doc, "{%p endif %}")
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
    tag(doc, "{%p if hop.thanh_phan.co_so_lieu %}")
    body(doc, "{{ hop.thanh_phan.text }}")
    tag(doc, "{%p endif %}")
    lead(doc, "1. Chủ trì (chủ tọa):", " {{ hop.chu_toa.mo_ta }}.")
    lead(doc, "2. Thư ký:", " {{ hop.thu_ky.mo_ta }}.")
    body(doc, "3. Các thành viên Hội đồng dự họp:", bold=True)
    each(doc, "hop.thanh_vien", "- {{ x.mo_ta }};")
    tag(doc, "{%p if hop.vang_mat %}")
    lead(doc, "4. Vắng mặt:", " {{ hop.so_vang_mat }} thành viên, gồm:")
    each(doc, "hop.vang_mat", "- {{ x.mo_ta }};")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "II. NỘI DUNG CUỘC HỌP", 1)
    body(doc, "1. Thường trực Hội đồng ({{ co_quan_thuong_truc }}) báo cáo {% if co_cham_diem "
              "%}kết quả chấm điểm, xếp hạng: có {{ so_don_vi_cham }} đơn vị được chấm điểm, "
              "{{ so_don_vi_du_dieu_kien }} đơn vị đủ điều kiện xếp hạng; {% endif %}đề nghị "
              "khen thưởng {{ doi_tuong_khen }}, gồm:")
    each(doc, "de_nghi")
    tag(doc, "{%p if hop.bang_diem %}")
    body(doc, "2. Trường hợp bằng điểm và cách xếp thứ tự:")
    each(doc, "hop.bang_diem", "- {{ x }}.")
    tag(doc, "{%p endif %}")
    body(doc, "{{ '3' if hop.bang_diem else '2' }}. Ý kiến thảo luận của các thành viên Hội đồng:")
    tag(doc, "{%p if hop.thao_luan %}")
    each(doc, "hop.thao_luan")
    tag(doc, "{%p else %}")
    body(doc, "Các thành viên Hội đồng không có ý kiến khác.")
    tag(doc, "{%p endif %}")
    body(doc, "{{ '4' if hop.bang_diem else '3' }}. Hội đồng biểu quyết (tỷ lệ đồng ý cần đạt: "
              "từ {{ hop.ty_le_thong_qua }} tổng số thành viên Hội đồng trở lên). Kết quả:")
    tag(doc, "{%p if hop.bieu_quyet %}")
    each(doc, "hop.bieu_quyet", "- {{ x }}.")
    tag(doc, "{%p else %}")
    body(doc, "- Đồng ý {{ hop.tan_thanh }}; không đồng ý {{ hop.khong_tan_thanh }}; "
              "không biểu quyết {{ hop.khong_y_kien }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if hop.khong_dat %}")
    body(doc, "Không đạt tỷ lệ biểu quyết, không đưa vào danh sách đề nghị khen thưởng: "
              "{{ hop.khong_dat_text }}.")
    tag(doc, "{%p endif %}")
    B.add_heading(doc, "III. KẾT LUẬN", 1)
    each(doc, "hop.ket_luan")
    body(doc, "Cuộc họp kết thúc vào {{ hop.gio_ket_thuc }} cùng ngày. Biên bản đã được thông "
              "qua tại cuộc họp và các thành viên dự họp thống nhất./.")
    B.add_minutes_signatures(doc, "THƯ KÝ", "{{ hop.thu_ky.ho_ten }}", "CHỦ TỌA",
                             "{{ hop.chu_toa.ho_ten }}")
    return save(doc, out_dir, "bien-ban.docx")


def quyet_dinh(out_dir: Path) -> Path:
    doc = B.new_document()
    header(doc)
    title(doc, "QUYẾT ĐỊNH")
    centred(doc, "{{ van_ban.tham_quyen }}", bold=True)
    each(doc, "van_ban.can_cu", italic=True)  # legal_frame by the decision's date, or the campaign's
    body(doc, "Xét đề nghị của {{ to_trinh.co_quan }} tại {{ to_trinh.so_ngay }}.", italic=True)
    centred(doc, "QUYẾT ĐỊNH:", bold=True)
    tag(doc, "{%p for a in dieu %}")
    lead(doc, "{{ a.so }}", "{{ a.text }}")
    tag(doc, "{%p endfor %}")
    closing(doc)
    return save(doc, out_dir, "quyet-dinh.docx")
