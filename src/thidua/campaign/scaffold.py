"""`thidua init`: a new campaign folder whose comments explain every key."""

from __future__ import annotations

from pathlib import Path

from thidua.atomic import write_text_atomic
from thidua.errors import ThiduaError

CAMPAIGN_TEMPLATE = """\
# Định nghĩa phong trào thi đua — mỗi phong trào một thư mục campaigns/<mã>/.
# Kiểm tra tệp này bằng lệnh:  thidua validate {folder}
# Văn bản tự do: viết một đoạn, hoặc nhiều đoạn cách nhau bằng một dòng trống, hoặc danh sách "- ".
# Ngày viết dd/mm/yyyy; tiền viết số nguyên đồng (6000000 hoặc "6.000.000"); tỷ lệ viết "90%".

title: Phát động phong trào thi đua "Chuyển đổi số vì Nhân dân" năm {year}   # trích yếu Kế hoạch
short_name: Chuyển đổi số vì Nhân dân {year}

issuer:                         # cơ quan ban hành
  parent: null                  # cơ quan chủ quản (nếu có), ví dụ ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG
  name: Ủy ban nhân dân phường An Hải
  header: [ỦY BAN NHÂN DÂN, PHƯỜNG AN HẢI]   # các dòng tên cơ quan ở đầu văn bản
  symbol: UBND                  # dùng trong ký hiệu: KH-UBND
  place: An Hải                 # địa danh: "An Hải, ngày … tháng … năm …"

document:                       # số, ký hiệu, ngày của Kế hoạch; để trống khi chưa vào số
  number: null
  date: null
  year: {year}

legal_bases:                    # căn cứ: mỗi căn cứ một dòng
  - Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
  - Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng.

preamble: "Ủy ban nhân dân phường ban hành Kế hoạch phát động phong trào thi đua như sau:"   # có dấu ':' cuối câu thì đặt trong ngoặc kép

purposes: |                     # I. Mục đích
  a) Tạo khí thế thi đua sôi nổi trong thực hiện dịch vụ công trực tuyến.

  b) Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu.
requirements: Phong trào thi đua phải thiết thực, hiệu quả, tránh hình thức.   # Yêu cầu

participants:                   # đối tượng thi đua: các nhóm đơn vị thi đua với nhau
  text: Các khu phố và bộ phận chuyên môn thuộc UBND phường.
  groups:
    - id: khu-pho                # mã nhóm: chữ không dấu, số, "-"
      name: Các khu phố
      units:                     # mã đơn vị (không dấu) và tên đầy đủ
        - {{id: kp-1, name: Khu phố 1}}
        - {{id: kp-2, name: Khu phố 2}}
        - {{id: kp-3, name: Khu phố 3}}

time:                           # thời gian thi đua
  start: null                   # null: từ ngày ban hành Kế hoạch
  end: 31/12/{year}
  text: Từ ngày ban hành Kế hoạch đến hết ngày 31 tháng 12 năm {year}.

content: Hướng dẫn người dân nộp hồ sơ trực tuyến, cấp tài khoản định danh điện tử.

metrics:                        # số liệu mỗi đơn vị báo cáo (mỗi chỉ số một cột trong tệp số liệu)
  - {{id: ho_so_truc_tuyen, label: Số hồ sơ nộp trực tuyến, unit: hồ sơ, part_of: tong_ho_so}}
  - {{id: tong_ho_so, label: Tổng số hồ sơ phát sinh, unit: hồ sơ}}
  - {{id: co_ke_hoach, label: Có kế hoạch hưởng ứng, type: yes_no}}

scoring:
  total_points: 100             # tổng điểm chuẩn (kiểm tra với tổng các tiêu chí)
  min_total: 50                 # dưới số điểm này không được xếp hạng
  ranking: group                # group: xếp hạng trong từng nhóm; overall: xếp hạng chung
  criteria:
    # Các loại quy tắc (rule.kind): proportional (tỷ lệ × điểm), threshold (đạt chỉ tiêu + điểm
    # thưởng mỗi bước), yes_no (có/không), per_event (trừ điểm mỗi lần), report_timeliness
    # (trễ hạn báo cáo, tính từ sổ nộp báo cáo), target (đạt/không đạt, không tính điểm),
    # council (Hội đồng chấm trong khung điểm). Xem README để biết đủ tham số.
    - id: ty-le-truc-tuyen
      title: Tỷ lệ hồ sơ nộp trực tuyến trên tổng số hồ sơ phát sinh
      max_points: 80
      rule: {{kind: proportional, numerator: ho_so_truc_tuyen, denominator: tong_ho_so,
              full_at: 100%, floor: 50%}}
      guidance: Tỷ lệ × 80 điểm; dưới 50% không xét thi đua.
    - id: ke-hoach
      title: Ban hành kế hoạch hưởng ứng phong trào
      max_points: 20
      rule: {{kind: yes_no, metric: co_ke_hoach}}
  tie_breaks:                   # tiêu chí phụ khi bằng điểm, theo thứ tự
    - {{label: Tỷ lệ hồ sơ trực tuyến cao hơn xếp trên, criterion: ty-le-truc-tuyen}}
    - {{label: "Hội đồng Thi đua - Khen thưởng xem xét, quyết định", council: true}}

periods:                        # các đợt xét khen thưởng, mỗi đợt một tệp số liệu data/<mã đợt>.csv
  - id: nam-{year}
    name: Tổng kết năm {year}
    kind: year_end
    end: 31/12/{year}
    awards:
      - id: giay-khen
        form: Giấy khen của Chủ tịch UBND phường
        level: phường
        ranks:
          - {{name: Hạng Nhất, count: 1, prize: 2000000, individuals: 2}}
          - {{name: Hạng Nhì, count: 1, prize: 1000000, individuals: 1}}

dossier:
  required:
    - Tờ trình đề nghị khen thưởng (có danh sách kèm theo).
    - Biên bản họp xét khen thưởng.
    - Báo cáo thành tích của tập thể, cá nhân.

deadlines:                      # thời hạn: ngày, việc gì, ai gửi, gửi về đâu
  - date: 15/12/{year}
    what: Hồ sơ đề nghị khen thưởng
    from: Các khu phố
    to: Văn phòng HĐND và UBND phường
    period: nam-{year}

tasks:                          # tổ chức thực hiện
  - text: Văn phòng HĐND và UBND phường chủ trì theo dõi, tổng hợp, chấm điểm.

closing: Trên đây là Kế hoạch phát động phong trào thi đua năm {year}./.

recipients:                     # nơi nhận
  items:
    - items: [UBND thành phố, Sở Nội vụ]
      note: (Báo cáo)
    - Các khu phố
  archive: "Lưu: VT."

signer:                         # người ký
  on_behalf: ỦY BAN NHÂN DÂN    # TM. ỦY BAN NHÂN DÂN
  prefix: KT.                   # KT., Q., TL., TUQ. hoặc bỏ trống
  for_title: CHỦ TỊCH
  title: PHÓ CHỦ TỊCH
  name: Nguyễn Văn A

# Muốn Kế hoạch in đúng bố cục và lời văn của mình (thay bố cục chuẩn I–V), bỏ dấu # ở khối
# dưới và viết tiếp; "thidua import ke-hoach-cu.docx" soạn sẵn khối này từ Kế hoạch đã có.
# plan:
#   outline:
#     - number: I.
#       heading: MỤC ĐÍCH, YÊU CẦU
#       text: Tạo khí thế thi đua sôi nổi trong thực hiện dịch vụ công trực tuyến.
#     - number: II.
#       heading: TIÊU CHÍ THI ĐUA
#       show: criteria_table        # bảng tiêu chí (scoring.criteria) in tại đây
"""

SAMPLE_DATA = """\
# DỮ LIỆU MẪU – số liệu giả định, không phải số liệu thật
ma_don_vi,ten_don_vi,ho_so_truc_tuyen,tong_ho_so,co_ke_hoach
kp-1,Khu phố 1,180,200,có
kp-2,Khu phố 2,120,200,có
kp-3,Khu phố 3,90,200,không
"""


def create_campaign(folder: Path, year: int, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write campaign.yaml, sample data and a templates/ note; never touch existing data.

    --force replaces only campaign.yaml; existing sample-data or template files are kept.
    Returns (written, kept).
    """
    target = folder / "campaign.yaml"
    if target.exists() and not force:
        raise ThiduaError(f"Đã có {target}; không ghi đè. Chọn thư mục khác hoặc dùng --force "
                          "(chỉ thay campaign.yaml).")
    files = [
        (target, CAMPAIGN_TEMPLATE.format(folder=folder, year=year), True),
        (folder / "data" / f"nam-{year}.csv", SAMPLE_DATA, False),
        (folder / "templates" / "README.txt",
         "Đặt ở đây tệp mẫu .docx cùng tên với mẫu trong thư mục templates/ của thidua để thay "
         "mẫu riêng cho phong trào này.\n", False),
    ]
    written, kept = [], []
    for path, text, replaceable in files:
        if path.exists() and not replaceable:
            kept.append(path)
        else:
            written.append(write_text_atomic(path, text))
    return written, kept
