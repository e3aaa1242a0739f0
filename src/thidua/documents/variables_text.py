"""Vietnamese descriptions of the template variables (the text of docs/TEMPLATE_VARIABLES.md)."""

from __future__ import annotations

from thidua.documents.variables_keys import KEY_DESCRIPTIONS

INTRO = """
# Biến của các mẫu văn bản Word

Tệp này do `python -m thidua.documents.variables` sinh ra từ mô tả trong
`src/thidua/documents/variables_text.py`; đừng sửa tay (kiểm thử so khớp tệp với mã).

Mỗi mẫu trong `templates/` là một tệp Word bình thường có thẻ docxtpl: `{{ biến }}` in một
giá trị, `{%p for x in danh_sach %}` … `{%p endfor %}` lặp cả đoạn văn, `{%tr for %}` lặp
dòng bảng, `{%tc for %}` lặp cột, `{%p if … %}` ẩn/hiện đoạn. Có thể đổi phông, căn lề,
câu chữ trong Word rồi lưu lại. Muốn một phong trào dùng mẫu riêng: chép mẫu vào
`campaigns/<mã>/templates/` (giữ nguyên tên tệp) rồi sửa; mẫu ở đó thay cho mẫu chung.
Các mẫu chung được sinh lại bằng `python tools/build_templates.py`.

Xem giá trị thật mà một mẫu nhận được:
`thidua context <phong-trào> --doc <văn-bản> [--unit <mã đơn vị>] [--person <họ tên>] [--period <đợt>]`
(in JSON). Văn bản: `ke-hoach`, `to-trinh`, `danh-sach`, `bien-ban`, `quyet-dinh`,
`quyet-dinh-danh-sach`, `bao-cao-thanh-tich-tap-the`, `bao-cao-thanh-tich-ca-nhan`,
`phieu-ket-qua`, `bang-tong-hop`.

## Các tệp được sinh ra

`thidua plan` ghi `ke-hoach.docx` (mẫu `ke-hoach.docx`). `thidua dossier` ghi vào
`output/<phong trào>/<đợt>/`:

| tệp | mẫu |
|---|---|
| `01_to-trinh.docx` | `to-trinh.docx`; danh sách kèm theo (mẫu `danh-sach.docx`) là phụ lục ở cuối tệp (trang ngang, đánh số trang riêng) |
| `02_bien-ban.docx` | `bien-ban.docx` |
| `03_quyet-dinh.docx` | `quyet-dinh.docx`; danh sách kèm theo (mẫu `quyet-dinh-danh-sach.docx`) là phụ lục ở cuối tệp |
| `04_bao-cao-thanh-tich_<tên đơn vị>.docx`, `04_bao-cao-thanh-tich_ca-nhan_<họ tên>_<đơn vị>.docx` | `bao-cao-thanh-tich-tap-the.docx`, `bao-cao-thanh-tich-ca-nhan.docx` |
| `05_phieu-ket-qua_<tên đơn vị>.docx` (mọi đơn vị được chấm điểm) | `phieu-ket-qua.docx` |
| `06_bang-tong-hop.docx` (báo cáo kết quả, bảng điểm là phụ lục trang ngang) | `bang-tong-hop.docx` |

Danh sách kèm theo nằm trong cùng tệp với tờ trình, quyết định (phụ lục sau văn bản chính),
vì mỗi tệp phải là một văn bản đủ thể thức.

## Tên phong trào trong câu (`short_name`)

Trích yếu và câu văn của hồ sơ gọi phong trào bằng `phong_trao.ten` và `phong_trao.ten_day_du`,
dựng từ `short_name` trong campaign.yaml:

- `short_name` là **tên riêng của phong trào**, được đặt trong ngoặc kép sau "phong trào thi
  đua": `short_name: Chuyển đổi số và cải cách thủ tục hành chính` →
  phong trào thi đua “Chuyển đổi số và cải cách thủ tục hành chính”. Tên đã bắt đầu bằng
  "Thi đua" thì chỉ viết "phong trào “Thi đua …”" (không lặp chữ).
- Không cần ghi năm trong `short_name`; nếu có ("… năm 2021" ở cuối), năm được đưa ra ngoài
  ngoặc kép và không lặp lại: phong trào “Thi đua dịch vụ công trực tuyến” năm 2021.
- `ten_day_du` thêm khoảng thời gian của đợt, lấy từ tên đợt (bỏ chữ "Sơ kết", "Tổng kết"):
  đợt "Sơ kết 6 tháng đầu năm 2026" → "… “…” 6 tháng đầu năm 2026"; đợt "Tổng kết năm 2026"
  → "… “…” năm 2026"; đợt "Tháng 10 năm 2021" → "… “…” tháng 10 năm 2021". Tên đợt nguyên
  văn có ở `dot.ten`.
- Không có `short_name`: dùng trích yếu của Kế hoạch (bỏ chữ "Phát động" đầu câu), không có
  ngoặc kép thêm.
- `ke_hoach.ten_phong_trao` là `short_name` nguyên văn.

## Nội dung báo cáo thành tích (`data/bao-cao-thanh-tich/<mã đơn vị>.txt`)

Mỗi tập thể được khen viết phần nội dung báo cáo thành tích vào một tệp văn bản UTF-8 (cá
nhân: `<mã đơn vị>_<họ tên không dấu>.txt`, ví dụ `xa-hoa-an_nguyen-van-a.txt`). Các đoạn cách
nhau bằng một dòng trống. Dòng tiêu đề `## …` chia nội dung vào đúng mục của mẫu báo cáo
thành tích (Nghị định 98/2023, 152/2025):

| dòng tiêu đề | vào mục của báo cáo | biến |
|---|---|---|
| `## Đặc điểm, tình hình` (cá nhân: `## Sơ lược lý lịch`) | I.1 Đặc điểm, tình hình | `bao_cao.dac_diem` |
| `## Chức năng, nhiệm vụ` (cá nhân: `## Nhiệm vụ được giao`) | I.2 Chức năng, nhiệm vụ | `bao_cao.chuc_nang` |
| `## Thành tích đạt được` | II. Thành tích đạt được (sau bảng điểm) | `bao_cao.thanh_tich` |
| `## Hình thức khen thưởng đã đạt được` | III. Các hình thức khen thưởng đã đạt được | `bao_cao.khen_thuong` |

- Phần viết trước tiêu đề đầu tiên (hoặc cả tệp không có tiêu đề) là thành tích đạt được.
- Dòng bắt đầu bằng một dấu `#` là ghi chú cho người soạn, không in ra (ví dụ
  `# DỮ LIỆU MẪU …`).
- Tiêu đề `## …` khác danh sách trên là lỗi (báo tên tệp và số dòng), để không đoạn nào bị
  đặt nhầm mục. Không đánh số "I.", "II." trong tệp: mẫu đã đánh số.
- Mục nào tệp không viết thì báo cáo in dòng "[Đơn vị bổ sung: …]" để đơn vị điền.

Ví dụ:

```
## Đặc điểm, tình hình
Tổ dân phố có 412 hộ, 1.530 nhân khẩu.

## Thành tích đạt được
Hướng dẫn 230 lượt người dân sử dụng dịch vụ công trực tuyến.
```

## Quy ước đặt tên

- Tên biến là tiếng Việt không dấu, chữ thường, nối bằng `_` (ví dụ `so_ky_hieu`,
  `dia_danh_ngay`), đúng như mẫu văn bản gọi tên các phần; mã chương trình vẫn viết tiếng Anh.
- Biến không có hậu tố là **chuỗi đã trình bày sẵn** theo quy định (số có dấu chấm phân
  cách hàng nghìn, ngày "ngày 05 tháng 02 năm 2024", khoảng trống khi chưa vào số…): đặt
  thẳng vào mẫu.
- Biến có hậu tố `_goc` là **giá trị gốc** để tự trình bày bằng bộ lọc: tiền và số lượng là
  số nguyên (đồng), ngày dạng `yyyy-mm-dd` (chuỗi rỗng khi chưa có), điểm lẻ là chuỗi số
  dùng dấu chấm thập phân (`"48.72"`).
- Tiền luôn có đủ ba dạng trong một khối `<tiền>`: `so` ("21.000.000"), `chu`
  ("Hai mươi mốt triệu đồng"), `goc` (21000000).
- Chỗ còn thiếu số liệu được đánh dấu rõ: "……" (ví dụ giờ họp chưa ghi), "[Họ và tên]"
  (người ký chưa khai báo), "[Đơn vị bổ sung: …]" (phần báo cáo thành tích đơn vị tự viết).

## Bộ lọc tiếng Việt

| bộ lọc | ví dụ | kết quả |
|---|---|---|
| `ngay` | `{{ van_ban.ngay_goc\\|ngay(2025) }}` | ngày 05 tháng 02 năm 2024 (để trống: "ngày     tháng     năm 2025") |
| `ngay_ngan` | `{{ hop.ngay_goc\\|ngay_ngan }}` | 04/12/2023 |
| `tien` | `{{ tong_tien.goc\\|tien }}` | 21.000.000 |
| `tien_chu` | `{{ tong_tien.goc\\|tien_chu }}` | Hai mươi mốt triệu đồng |
| `so` | `{{ d.tong_diem_goc\\|so(2) }}` | 96,50 |
| `so_chu` | `{{ so_tap_the_goc\\|so_chu }}` | năm |
| `phan_tram` | `{{ 0.8125\\|phan_tram }}` | 81,25% |
| `la_ma` | `{{ loop.index\\|la_ma }}` | IV |
| `chu_cai` | `{{ loop.index\\|chu_cai }}` | đ (a, b, c, d, đ, e…) |
| `hai_so` | `{{ so_tap_the_goc\\|hai_so }}` | 05 |
| `hoa` | `{{ van_ban.ten_co_quan\\|hoa }}` | ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP |
"""

SHAPES = [
    ("<văn bản>", "Khối `van_ban` của mọi văn bản: phần đầu, số ký hiệu, ngày, trích yếu, nơi "
                  "nhận, người ký."),
    ("<đơn vị>", "Một đơn vị trong kết quả: các dòng của `tap_the`, `khen_thuong[].tap_the`, "
                 "`bang[].dong` và biến `don_vi` (phiếu kết quả, báo cáo thành tích)."),
    ("<cá nhân>", "Một cá nhân được đề nghị: các dòng của `ca_nhan` và `khen_thuong[].ca_nhan`."),
    ("<tiền>", "Một số tiền: `tong_tien`, `tien_tap_the`, `tien_ca_nhan`, "
               "`khen_thuong[].tien_thuong`."),
    ("<người>", "Một người dự họp: `hop.chu_toa`, `hop.thu_ky`, `hop.thanh_vien[]`, "
                "`hop.vang_mat[]`."),
    ("<bảng điểm>", "Một bảng chấm điểm của Kế hoạch: `noi_dung[].bang` và "
                    "`ke_hoach.bang_diem[]`."),
]

SHAPE_DESCRIPTIONS: dict[str, str] = {
    # --- <văn bản> ---
    "<văn bản>.co_quan_chu_quan": "Danh sách dòng tên cơ quan chủ quản (chữ hoa), có thể rỗng",
    "<văn bản>.co_quan": "Tên cơ quan ban hành chữ hoa, các dòng nối bằng xuống dòng",
    "<văn bản>.co_quan_dong": "Tên cơ quan ban hành chữ hoa, từng dòng",
    "<văn bản>.ten_co_quan": "Tên cơ quan ban hành viết thường (dùng trong câu)",
    "<văn bản>.ten_ngan": "Tên ngắn của cơ quan (ví dụ UBND huyện)",
    "<văn bản>.ky_hieu_co_quan": "Chữ viết tắt tên cơ quan (UBND, PNV…)",
    "<văn bản>.dia_danh": "Địa danh ghi ở dòng ngày tháng",
    "<văn bản>.so": "Số văn bản (\"15\", \"05\"), rỗng khi chưa vào số",
    "<văn bản>.ky_hieu": "Ký hiệu, ví dụ KH-UBND, TTr-PNV",
    "<văn bản>.so_ky_hieu": "Dòng \"Số: 15/KH-UBND\" hoặc \"Số:      /KH-UBND\" khi chưa vào số "
                            "(rỗng với văn bản không đánh số)",
    "<văn bản>.so_ky_hieu_ngan": "\"15/KH-UBND\" hoặc \"      /KH-UBND\"",
    "<văn bản>.ngay": "\"ngày 05 tháng 02 năm 2024\", khi chưa ký: \"ngày     tháng     năm 2024\"",
    "<văn bản>.ngay_goc": "Ngày ban hành yyyy-mm-dd, rỗng khi chưa ký",
    "<văn bản>.ngay_ngan": "Ngày ban hành dd/mm/yyyy, rỗng khi chưa ký",
    "<văn bản>.nam": "Năm của văn bản (số nguyên)",
    "<văn bản>.dia_danh_ngay": "Dòng \"Phụng Hiệp, ngày 05 tháng 02 năm 2024\"",
    "<văn bản>.trich_yeu": "Trích yếu dưới tên loại văn bản",
    "<văn bản>.kinh_gui": "Nơi gửi sau \"Kính gửi:\" (rỗng nếu không có)",
    "<văn bản>.noi_nhan": "Các dòng nơi nhận \"- …;\", dòng cuối \"- Lưu: VT, ….\"; nhóm có ghi "
                          "chú như (Báo cáo) thì ghi chú đặt sau từng nơi trong nhóm",
    "<văn bản>.noi_nhan_nhom": "Nơi nhận dạng dữ liệu để tự trình bày (không có dòng Lưu)",
    "<văn bản>.noi_nhan_nhom[].ten": "Tên các nơi nhận trong nhóm",
    "<văn bản>.noi_nhan_nhom[].ghi_chu": "Ghi chú của nhóm, ví dụ (Báo cáo); rỗng nếu không có",
    "<văn bản>.can_cu": "Căn cứ riêng của văn bản (dossier.<văn bản>.legal_bases trong "
                        "campaign.yaml), mỗi dòng kết thúc bằng \";\"; rỗng: mẫu in căn cứ mặc "
                        "định (Luật, Nghị định còn hiệu lực theo `ngay_ap_dung_goc` và Kế hoạch)",
    "<văn bản>.ky": "Người ký (bên phải)",
    "<văn bản>.ky.dong": "Các dòng thẩm quyền, chức vụ chữ hoa: \"TM. ỦY BAN NHÂN DÂN\", "
                         "\"KT. CHỦ TỊCH\", \"PHÓ CHỦ TỊCH\"",
    "<văn bản>.ky.chuc_vu": "Chức vụ người ký (chữ hoa)",
    "<văn bản>.ky.ho_ten": "Họ tên người ký; \"[Họ và tên]\" khi chưa khai báo",
    "<văn bản>.ky_trai": "Chữ ký bên trái của báo cáo thành tích (xác nhận)",
    "<văn bản>.ky_trai.chuc_vu": "Dòng chức danh bên trái",
    "<văn bản>.ky_trai.ho_ten": "Họ tên bên trái (có thể rỗng)",
    "<văn bản>.tham_quyen": "Quyết định: dòng thẩm quyền chữ hoa \"CHỦ TỊCH ỦY BAN NHÂN DÂN "
                            "HUYỆN …\"",
    "<văn bản>.tham_quyen_thuong": "Như trên, viết thường (dùng trong câu)",
    # --- <đơn vị> ---
    "<đơn vị>.stt": "Số thứ tự trong danh sách",
    "<đơn vị>.ma": "Mã đơn vị",
    "<đơn vị>.ten": "Tên đơn vị",
    "<đơn vị>.nhom": "Tên nhóm (cụm, khối) của đơn vị",
    "<đơn vị>.ma_nhom": "Mã nhóm",
    "<đơn vị>.tong_diem": "Tổng điểm đã trình bày (\"96,50\")",
    "<đơn vị>.tong_diem_goc": "Tổng điểm gốc (số nguyên hoặc chuỗi \"96.5\")",
    "<đơn vị>.tong_diem_chuan": "Tổng điểm chuẩn các tiêu chí của đơn vị",
    "<đơn vị>.tong_diem_text": "Tổng điểm so với điểm chuẩn (\"95,50/100 điểm\"; vượt điểm chuẩn "
                               "nhờ điểm thưởng: \"220,00 điểm (điểm chuẩn 100, gồm điểm thưởng)\")",
    "<đơn vị>.xep_hang": "Thứ hạng trong nhóm (hoặc chung) dạng chữ số; rỗng nếu không xếp hạng",
    "<đơn vị>.xep_hang_goc": "Thứ hạng (số nguyên) hoặc null",
    "<đơn vị>.xep_hang_text": "\"5/13 đơn vị các xã, thị trấn\" hoặc \"không xếp hạng\"",
    "<đơn vị>.du_dieu_kien": "true nếu đủ điều kiện xếp hạng",
    "<đơn vị>.ly_do_khong_xet": "Lý do không đủ điều kiện xếp hạng",
    "<đơn vị>.hinh_thuc": "Hình thức khen thưởng, ví dụ Giấy khen của Chủ tịch UBND huyện",
    "<đơn vị>.hang": "Hạng được khen (Hạng Nhất…), rỗng khi giải không chia hạng",
    "<đơn vị>.hang_khen": "Cột HẠNG KHEN THƯỞNG: hạng được khen (Hạng Nhất…), \"Được khen\" "
                          "khi giải không chia hạng, rỗng nếu không được khen (thứ hạng theo "
                          "điểm ở `xep_hang`)",
    "<đơn vị>.ma_khen_thuong": "Mã giải thưởng (awards[].id), rỗng nếu không được khen",
    "<đơn vị>.khen_thuong": "Hình thức và hạng, nối bằng dấu phẩy",
    "<đơn vị>.tien_thuong": "Tiền thưởng đã trình bày (\"6.000.000\"), rỗng nếu không có",
    "<đơn vị>.tien_thuong_goc": "Tiền thưởng (đồng, số nguyên)",
    "<đơn vị>.diem_cong": "Điểm cộng thi đua KT-XH, rỗng nếu không có",
    "<đơn vị>.so_ca_nhan": "Số cá nhân đơn vị được đề nghị khen theo hạng",
    "<đơn vị>.bang_diem": "true nếu đơn vị bằng điểm với đơn vị khác ở ranh giới khen thưởng",
    "<đơn vị>.ghi_chu_bang_diem": "Cách phân định khi bằng điểm",
    "<đơn vị>.diem": "Bảng tổng hợp: điểm từng tiêu chí theo thứ tự cột `bang[].cot`",
    "<đơn vị>.ghi_chu": "Bảng tổng hợp: ghi chú (không đủ điều kiện, bằng điểm)",
    "<đơn vị>.tieu_chi": "Điểm từng tiêu chí (phiếu kết quả, báo cáo thành tích)",
    "<đơn vị>.tieu_chi[].stt": "Số thứ tự tiêu chí",
    "<đơn vị>.tieu_chi[].ma": "Mã tiêu chí",
    "<đơn vị>.tieu_chi[].tieu_chi": "Nội dung tiêu chí",
    "<đơn vị>.tieu_chi[].diem_chuan": "Điểm chuẩn đã trình bày; \"Chỉ tiêu\" hoặc \"Trừ điểm\" "
                                      "với tiêu chí không có điểm chuẩn",
    "<đơn vị>.tieu_chi[].diem_chuan_goc": "Điểm chuẩn dạng số",
    "<đơn vị>.tieu_chi[].giai_trinh": "Cách tính từ số liệu, ví dụ \"1.250/1.250 hồ sơ = 100%\"",
    "<đơn vị>.tieu_chi[].diem": "Điểm đạt đã trình bày (\"Đạt\"/\"Không đạt\" với chỉ tiêu)",
    "<đơn vị>.tieu_chi[].diem_goc": "Điểm đạt gốc (chuỗi số, dấu chấm thập phân)",
    "<đơn vị>.tieu_chi[].dat": "Chỉ tiêu đạt (true/false), null với tiêu chí tính điểm",
    "<đơn vị>.tieu_chi[].loai_khoi_xep_hang": "true nếu tiêu chí này loại đơn vị khỏi xếp hạng",
    "<đơn vị>.so_lieu": "Số liệu đơn vị báo cáo, theo thứ tự chỉ số của phong trào; chỉ các "
                        "chỉ số áp dụng cho nhóm của đơn vị (metrics[].groups)",
    "<đơn vị>.so_lieu[].ma": "Mã chỉ số",
    "<đơn vị>.so_lieu[].ten": "Tên chỉ số",
    "<đơn vị>.so_lieu[].ten_trong_cau": "Tên chỉ số viết thường chữ đầu, để đặt giữa câu "
                                        "(giữ nguyên chữ viết tắt như \"UBND\")",
    "<đơn vị>.so_lieu[].gia_tri": "Giá trị đã trình bày, kèm đơn vị tính (\"1.860 hồ sơ\", \"96,8%\")",
    "<đơn vị>.so_lieu[].gia_tri_goc": "Giá trị gốc (tỷ lệ là số thập phân 0,968 ghi \"0.968\")",
    # --- <cá nhân> ---
    "<cá nhân>.stt": "Số thứ tự",
    "<cá nhân>.ho_ten": "Họ và tên",
    "<cá nhân>.chuc_vu": "Chức vụ",
    "<cá nhân>.don_vi": "Tên đơn vị công tác",
    "<cá nhân>.ma_don_vi": "Mã đơn vị",
    "<cá nhân>.chuc_vu_don_vi": "\"Chức vụ, đơn vị\" cho cột danh sách",
    "<cá nhân>.thanh_tich": "Tóm tắt thành tích (từ danh sách đề nghị)",
    "<cá nhân>.hinh_thuc": "Hình thức khen thưởng đề nghị",
    "<cá nhân>.ma_khen_thuong": "Mã giải thưởng",
    "<cá nhân>.tien_thuong": "Tiền thưởng đã trình bày, rỗng nếu không có",
    "<cá nhân>.tien_thuong_goc": "Tiền thưởng (đồng)",
    # --- <tiền> ---
    "<tiền>.so": "Số tiền có dấu chấm hàng nghìn: \"21.000.000\"",
    "<tiền>.chu": "Số tiền bằng chữ: \"Hai mươi mốt triệu đồng\"",
    "<tiền>.goc": "Số tiền (đồng, số nguyên)",
    # --- <người> ---
    "<người>.ho_ten": "Họ tên (\"[Họ và tên]\" khi chưa ghi)",
    "<người>.chuc_vu": "Chức vụ (\"……\" khi chưa ghi)",
    "<người>.mo_ta": "\"Họ tên - chức vụ\"",
    # --- <bảng điểm> ---
    "<bảng điểm>.tieu_de": "\"Đối với các xã, thị trấn\" khi mỗi nhóm một bảng, rỗng khi chung",
    "<bảng điểm>.nhom": "Tên nhóm của bảng (rỗng khi chung)",
    "<bảng điểm>.tong": "Tổng điểm chuẩn",
    "<bảng điểm>.dong": "Các dòng tiêu chí",
    "<bảng điểm>.dong[].stt": "Số thứ tự",
    "<bảng điểm>.dong[].noi_dung": "Cột NỘI DUNG: các đoạn (tiêu chí, nhãn)",
    "<bảng điểm>.dong[].diem_chuan": "Cột ĐIỂM CHUẨN (\"60\", \"Chỉ tiêu\", \"Trừ điểm\")",
    "<bảng điểm>.dong[].huong_dan": "Cột HƯỚNG DẪN CHẤM: các đoạn (nguyên văn kế hoạch, hoặc "
                                    "diễn giải tự động quy tắc chấm), kèm cơ sở chấm điểm",
    "<bảng điểm>.so_cot": "Bảng theo cột của tác giả (loai bang_cot): số cột, từ 2 đến 6",
    "<bảng điểm>.tieu_de_cot": "Bảng theo cột của tác giả: tiêu đề từng cột",
    "<bảng điểm>.co_stt": "Bảng theo cột của tác giả: cột đầu là STT (cột hẹp)",
    "<bảng điểm>.dong[].cot": "Bảng theo cột của tác giả: các ô của dòng, mỗi ô là các đoạn",
    "<bảng điểm>.dong[].nhom": "Tên nhóm khi dòng là dòng tên nhóm, rỗng ở dòng tiêu chí",
}

DESCRIPTIONS: dict[str, str] = SHAPE_DESCRIPTIONS | KEY_DESCRIPTIONS
