"""Synthetic province-wide campaign for benchmarks: units, year-end awards, nominations, narratives.

build_campaign(folder, units) (up to ~3.900 units) writes campaign.yaml and data/ into
`folder` (which must not exist yet) and returns what it wrote. The metrics, the scoring rules
(every seed rule kind, including report_timeliness) and the figures + monthly submission log
come from bench_scoring; this module adds realistic Vietnamese unit names in three groups, a
year-end period with ranks, prizes, caps and individual quotas, the dossier offices, a council
meeting, a nominations sheet and achievement narratives for every awarded unit and nominee.
Nominations and narratives are written after a first scoring pass, so they target the units
that actually win (and stay within their quotas).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

import yaml
from bench_scoring import campaign_yaml as scoring_campaign_yaml
from bench_scoring import write_data

from thidua.campaign.loading import load_campaign
from thidua.scoring.pipeline import score_period
from thidua.vietnamese.formatting import slugify

PERIOD = "nam-2025"
PROVINCE = "Đồng Tháp"
DEPARTMENTS = [
    "Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh",
    "Sở Dân tộc và Tôn giáo", "Ban Quản lý các khu công nghiệp tỉnh", "Công an tỉnh",
    "Bảo hiểm xã hội tỉnh", "Thuế tỉnh", "Trung tâm Phục vụ hành chính công tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh", "Liên đoàn Lao động tỉnh", "Thống kê tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
    "Trung tâm Chuyển đổi số tỉnh",
]
SYLLABLES = ("Tân Long Phú Hòa An Thạnh Bình Mỹ Phước Hưng Thới Vĩnh Đông Tây Nhơn Hiệp Lợi "
             "Thuận Khánh Lộc Trung Hậu Phong Châu Hội Nghĩa Xuân Quới Điền Định Sơn Hải").split()
SURNAMES = "Nguyễn Trần Lê Phạm Huỳnh Hoàng Võ Phan Trương Bùi Đặng Đỗ Ngô Hồ Dương Lâm".split()
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Kim", "Thị Mỹ", "Hữu"]
GIVEN = ("An Bình Cường Dũng Hà Hải Hạnh Hùng Hương Khoa Lan Linh Long Mai Nam Ngân Nhung "
         "Phong Phúc Quân Tâm Thảo Thủy Tuấn Vy Yến").split()
POSITIONS = {
    "so-ban-nganh": ["Phó Giám đốc", "Trưởng phòng Hành chính - Tổng hợp", "Chuyên viên",
                     "Phó Chánh Văn phòng"],
    "phuong": ["Phó Chủ tịch UBND phường", "Công chức Văn phòng - Thống kê",
               "Trưởng Công an phường", "Công chức Tư pháp - Hộ tịch"],
    "xa": ["Phó Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê", "Trưởng Công an xã",
           "Tổ trưởng Tổ Công nghệ số cộng đồng"],
}
HEAD_TITLES = {"so-ban-nganh": "Thủ trưởng cơ quan", "phuong": "Chủ tịch UBND phường",
               "xa": "Chủ tịch UBND xã"}


@dataclass(frozen=True)
class Synthetic:
    """What build_campaign wrote."""

    folder: Path
    units: int
    groups: dict[str, int]
    awarded: int
    nominees: int
    narratives: int


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def groups_for(units: int, rng: random.Random) -> list[dict]:
    """Sở/ban/ngành (3%, at most 30), phường (25%), xã (the rest), each with a head."""
    departments = min(len(DEPARTMENTS), max(1, units * 3 // 100))
    wards = units * 25 // 100
    pairs = sorted({slugify(f"{a} {b}"): f"{a} {b}" for a in SYLLABLES for b in SYLLABLES
                    if a != b}.values())
    needed = units - departments     # beyond ~990 names: "Nhơn Nghĩa A"-style suffixes
    suffixed = [f"{p} {suffix}" for suffix in "ABC" for p in pairs]
    places = rng.sample(pairs + suffixed[:max(0, needed - len(pairs))], needed)
    named = {"so-ban-nganh": [(slugify(n), n) for n in DEPARTMENTS[:departments]],
             "phuong": [(f"phuong-{slugify(p)}", f"UBND phường {p}") for p in places[:wards]],
             "xa": [(f"xa-{slugify(p)}", f"UBND xã {p}") for p in places[wards:]]}
    titles = {"so-ban-nganh": "Sở, ban, ngành, đoàn thể tỉnh", "phuong": "Các phường",
              "xa": "Các xã"}
    return [{"id": gid, "name": titles[gid],
             "units": [{"id": uid, "name": name, "head": person_name(rng),
                        "head_title": HEAD_TITLES[gid]} for uid, name in units_]}
            for gid, units_ in named.items()]


def awards() -> list[dict]:
    form = "Bằng khen của Chủ tịch UBND tỉnh"
    return [
        {"id": "bang-khen-xa-phuong", "form": form, "level": "tỉnh", "groups": ["phuong", "xa"],
         "ranks": [{"name": "Hạng Nhất", "count": 5, "prize": "10.000.000", "bonus_points": 5,
                    "individuals": 4},
                   {"name": "Hạng Nhì", "count": 10, "prize_coefficient": 2.5,
                    "bonus_points": 3, "individuals": 3},
                   {"name": "Hạng Ba", "count": 15, "prize": "3.000.000", "bonus_points": 1,
                    "individuals": 2},
                   {"name": "Hạng Khuyến khích", "count": 20, "prize": "1.500.000",
                    "individuals": 1}],
         "caps": {"phuong": 20, "xa": 30},
         "text": ["Tặng Bằng khen của Chủ tịch UBND tỉnh cho 50 xã, phường dẫn đầu (không quá "
                  "20 phường và 30 xã), kèm theo tiền thưởng theo hạng."]},
        {"id": "bang-khen-so-nganh", "form": form, "level": "tỉnh", "groups": ["so-ban-nganh"],
         "ranks": [{"count": 6, "prize": "2.000.000"}], "max_units": 6,
         "text": ["Tặng Bằng khen cho 06 sở, ban, ngành, đoàn thể tỉnh tiêu biểu."]},
        {"id": "ca-nhan-xa-phuong", "form": form, "level": "tỉnh", "recipients": "individual",
         "groups": ["phuong", "xa"],
         "text": ["Cá nhân của các xã, phường được khen: hạng Nhất 04, hạng Nhì 03, hạng Ba 02, "
                  "hạng Khuyến khích 01 cá nhân mỗi đơn vị."]},
        {"id": "ca-nhan-so-nganh", "form": form, "level": "tỉnh", "recipients": "individual",
         "groups": ["so-ban-nganh"], "individuals": 12,
         "ranks": [{"count": 12, "prize_coefficient": 1}],
         "text": ["Xét chọn 12 cá nhân xuất sắc ở các sở, ban, ngành, đoàn thể tỉnh."]},
    ]


def office(name: str, symbol: str, header: list[str]) -> dict:
    return {"parent": f"UBND TỈNH {PROVINCE.upper()}", "name": name, "header": header,
            "symbol": symbol, "place": PROVINCE}


def campaign_yaml(units: int, rng: random.Random) -> dict:
    base = scoring_campaign_yaml()
    province = {"name": f"Ủy ban nhân dân tỉnh {PROVINCE}",
                "header": ["ỦY BAN NHÂN DÂN", f"TỈNH {PROVINCE.upper()}"], "symbol": "UBND",
                "place": PROVINCE, "short_name": "UBND tỉnh"}
    chair = {"name": person_name(rng), "title": "Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Hội "
             "đồng Thi đua - Khen thưởng tỉnh"}
    return {
        "schema_version": 1,
        "title": f"Phát động phong trào thi đua “Người dân {PROVINCE} nộp dịch vụ công trực "
                 "tuyến” năm 2025",
        "short_name": f"Người dân {PROVINCE} nộp dịch vụ công trực tuyến",
        "issuer": province,
        "document": {"number": 45, "symbol": "KH-UBND", "date": "15/01/2025"},
        "legal_bases": ["Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;",
                        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của "
                        "Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, "
                        "Khen thưởng;"],
        "purposes": ["Đẩy mạnh nộp hồ sơ trực tuyến, tăng tỷ lệ định danh điện tử mức độ 2."],
        "requirements": ["Chấm điểm công khai, đúng thực chất, theo số liệu trên Cổng dịch vụ "
                         "công của tỉnh."],
        "participants": {"text": ["Các sở, ban, ngành, đoàn thể tỉnh và UBND các xã, phường."],
                         "groups": groups_for(units, rng)},
        "time": {"start": "01/01/2025", "end": "31/12/2025"},
        "content": ["Người dân nộp hồ sơ thủ tục hành chính trực tuyến từ xa."],
        "metrics": base["metrics"],
        "scoring": base["scoring"] | {"total_points": 100},
        "periods": [{
            "id": PERIOD, "name": "Năm 2025", "kind": "year_end", "start": "01/01/2025",
            "end": "31/12/2025", "awards": awards(),
            "data": {"figures": f"data/{PERIOD}.csv", "submissions": f"data/{PERIOD}-bao-cao.csv",
                     "nominations": f"data/{PERIOD}-ca-nhan.csv",
                     "narratives": "data/bao-cao-thanh-tich"},
            "meeting": {"date": "15/01/2026", "start": "08 giờ 00", "end": "11 giờ 00",
                        "place": f"Phòng họp số 1, UBND tỉnh {PROVINCE}", "chair": chair,
                        "secretary": {"name": person_name(rng),
                                      "title": "Chuyên viên Ban Thi đua - Khen thưởng, Thư ký"},
                        "attendees": [{"name": person_name(rng), "title": t} for t in (
                            "Giám đốc Sở Nội vụ, Phó Chủ tịch Thường trực Hội đồng",
                            "Chánh Văn phòng UBND tỉnh, Ủy viên",
                            "Giám đốc Sở Tài chính, Ủy viên",
                            "Giám đốc Sở Khoa học và Công nghệ, Ủy viên")],
                        "votes": {"present": 6, "agree": 6, "disagree": 0, "abstain": 0},
                        "conclusion": ["Hội đồng thống nhất kết quả chấm điểm và đề nghị "
                                       "khen thưởng theo danh sách kèm theo."]},
        }],
        "dossier": {
            "required": ["Tờ trình đề nghị khen thưởng.", "Biên bản họp Hội đồng.",
                         "Báo cáo thành tích của tập thể, cá nhân."],
            "council_name": "Hội đồng Thi đua - Khen thưởng tỉnh",
            "base_salary": "2.340.000",
            "submission": {"issuer": office("Sở Nội vụ", "SNV", ["SỞ NỘI VỤ"]),
                           "number": {"symbol": "TTr-SNV", "year": 2026},
                           "signer": {"title": "GIÁM ĐỐC", "name": person_name(rng)},
                           "addressee": f"Chủ tịch Ủy ban nhân dân tỉnh {PROVINCE}",
                           "recipients": {"items": ["Như trên;"], "archive": "Lưu: VT, TĐKT."}},
            "minutes": {"issuer": office("Hội đồng Thi đua - Khen thưởng tỉnh", "HĐTĐKT",
                                         ["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"]),
                        "number": {"symbol": "BB-HĐTĐKT", "year": 2026}},
            "decision": {"number": {"symbol": "QĐ-UBND", "year": 2026},
                         "signer": {"prefix": "KT.", "for_title": "CHỦ TỊCH",
                                    "title": "PHÓ CHỦ TỊCH", "name": chair["name"]},
                         "recipients": {"items": ["Như Điều 3;", "Sở Nội vụ;"],
                                        "archive": "Lưu: VT."}},
        },
        "deadlines": [{"date": "25/01/2025", "what": "Báo cáo kết quả thực hiện hằng tháng",
                       "from": "Các sở, ban, ngành, UBND các xã, phường", "to": "Sở Nội vụ",
                       "repeat": "monthly", "until": "25/12/2025", "period": PERIOD},
                      {"date": "05/01/2026", "what": "Hồ sơ đề nghị khen thưởng",
                       "to": "Sở Nội vụ", "period": PERIOD}],
        "tasks": [{"office": "Sở Nội vụ", "text": "Sở Nội vụ theo dõi, tổng hợp, chấm điểm và "
                   "tham mưu khen thưởng."}],
        "closing": ["Trên đây là Kế hoạch phát động phong trào thi đua năm 2025./."],
        "recipients": {"items": ["Ban Thi đua - Khen thưởng Trung ương;", "TT: TU, HĐND tỉnh;",
                                 "Các sở, ban, ngành, đoàn thể tỉnh;", "UBND các xã, phường;"],
                       "archive": "Lưu: VT, NC."},
        "signer": {"on_behalf": "ỦY BAN NHÂN DÂN", "prefix": "KT.", "for_title": "CHỦ TỊCH",
                   "title": "PHÓ CHỦ TỊCH", "name": chair["name"]},
    }


def dots(n: int) -> str:
    """1.234.567: thousands separated the Vietnamese way."""
    return f"{n:,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}".replace(".", ",") + "%"


def unit_narrative(name: str, group: str, figures: dict[str, str], rng: random.Random) -> str:
    hs, hs_tt, cccd, dd = (int(figures[k]) for k in ("hs", "hs_tt", "cccd", "dd"))
    situation = (f"{name} có {rng.randint(4, 9)} phòng chuyên môn, {rng.randint(30, 120)} "
                 "công chức, viên chức" if group == "so-ban-nganh" else
                 f"{name} có {rng.randint(6, 18)} ấp, khu phố với khoảng {dots(cccd)} người dân "
                 "có căn cước")
    return (f"# Đặc điểm, tình hình\n\n{situation}; Bộ phận Một cửa bố trí "
            f"{rng.randint(2, 5)} máy tính hỗ trợ người dân nộp hồ sơ trực tuyến.\n\n"
            f"# Thành tích đạt được\n\nNăm 2025 phát sinh {dots(hs)} hồ sơ, trong đó "
            f"{dots(hs_tt)} hồ sơ nộp trực tuyến (đạt {percent(hs_tt, hs)}).\n\n"
            f"Kích hoạt {dots(dd)} tài khoản định danh điện tử mức độ 2/{dots(cccd)} người có "
            f"căn cước (đạt {percent(dd, cccd)}).\n\n"
            "Tổ Công nghệ số cộng đồng tổ chức hướng dẫn kỹ năng số tại các ấp, khu phố; mô hình "
            "“Chủ nhật số” được duy trì hằng tuần.\n\n"
            "# Khen thưởng\n\nNăm 2024: Tập thể lao động tiên tiến.\n")


def nominate(result, groups: dict[str, str], target: int, rng: random.Random
             ) -> list[tuple[str, str, str, str, str]]:
    """(name, position, unit id, achievements, award id): 12 from departments, the rest from
    the awarded communes/wards in rank order, each within its unit's quota."""
    rows = []
    departments = [u.unit_id for u in result.units if groups[u.unit_id] == "so-ban-nganh"]
    for i in range(min(12, target)):
        unit = departments[i % len(departments)]
        rows.append((unit, "ca-nhan-so-nganh"))
    for unit in result.awarded:
        if groups[unit.unit_id] == "so-ban-nganh":
            continue
        rows += [(unit.unit_id, "ca-nhan-xa-phuong")] * unit.individuals_quota
    out, used = [], set()
    for unit_id, award in rows[:target]:
        name = person_name(rng)
        while name in used:
            name = person_name(rng)
        used.add(name)
        position = rng.choice(POSITIONS[groups[unit_id]])
        achievements = (f"Trực tiếp hướng dẫn người dân nộp {dots(rng.randint(200, 2500))} hồ "
                        f"sơ trực tuyến; hỗ trợ kích hoạt {dots(rng.randint(500, 9000))} tài "
                        "khoản định danh điện tử mức độ 2")
        out.append((name, position, unit_id, achievements, award))
    return out


def build_campaign(folder: Path, units: int = 1000, nominees: int = 100,
                   seed: int = 2025) -> Synthetic:
    """Write the campaign into `folder`; see the module docstring."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    data = campaign_yaml(units, rng)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / "campaign.yaml").write_text("# DỮ LIỆU GIẢ ĐỊNH (bench/synthetic.py), chỉ để đo "
                                          "hiệu năng\n" + text, encoding="utf-8")
    groups = {u["id"]: g["id"] for g in data["participants"]["groups"] for u in g["units"]}
    names = {u["id"]: u["name"] for g in data["participants"]["groups"] for u in g["units"]}
    write_data(folder, list(groups))   # figures + monthly submission log (bench_scoring)
    result = score_period(load_campaign(folder), PERIOD)
    if result.pending_ties:           # a tie no ratio breaks: record the council's order
        order = [u for tie in result.pending_ties for u in tie.unit_ids]
        (folder / "data" / f"{PERIOD}-hoi-dong.csv").write_text(
            "ma_don_vi,thu_tu\n" + "".join(f"{u},{i}\n" for i, u in enumerate(order, 1)),
            encoding="utf-8")
        result = score_period(load_campaign(folder), PERIOD)
    rows = nominate(result, groups, nominees, rng)
    with (folder / "data" / f"{PERIOD}-ca-nhan.csv").open("w", encoding="utf-8",
                                                          newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ho_ten", "chuc_vu", "ma_don_vi", "thanh_tich", "hinh_thuc"])
        writer.writerows(rows)
    with (folder / "data" / f"{PERIOD}.csv").open(encoding="utf-8") as handle:
        figures = {r["ma_don_vi"]: r for r in csv.DictReader(handle)}
    narratives = folder / "data" / "bao-cao-thanh-tich"
    narratives.mkdir()
    for unit in result.awarded:
        text = unit_narrative(names[unit.unit_id], groups[unit.unit_id], figures[unit.unit_id],
                              rng)
        (narratives / f"{unit.unit_id}.txt").write_text(text, encoding="utf-8")
    for name, position, unit_id, achievements, _ in rows:
        text = (f"# Thành tích đạt được\n\nLà {position} của {names[unit_id]}, đồng chí "
                f"{name} đã {achievements[0].lower()}{achievements[1:]}.\n\nNăm 2025 hoàn thành "
                "xuất sắc nhiệm vụ được giao.\n")
        (narratives / f"{unit_id}_{slugify(name)}.txt").write_text(text, encoding="utf-8")
    count = {g["id"]: len(g["units"]) for g in data["participants"]["groups"]}
    return Synthetic(folder, units, count, len(result.awarded), len(rows),
                     len(list(narratives.iterdir())))
