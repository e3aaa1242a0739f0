"""Golden results of the seed campaigns, computed by hand from each plan's rules and sample data.

Every expected row below was worked out on paper from campaign.yaml and data/*.csv (the
working is noted next to the less obvious figures); none of it was produced by running thidua.
Row: unit id → (total, rank, award, prize). rank None = not ranked (ineligible).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from thidua.campaign.loading import load_campaign
from thidua.scoring.pipeline import score_period

ROOT = Path(__file__).resolve().parent.parent / "campaigns"


def seed(folder: str):
    path = ROOT / folder
    if not (path / "campaign.yaml").is_file():
        pytest.skip(f"seed {folder} chưa có")
    return load_campaign(path)


def table(result):
    return {u.unit_id: (u.total, u.rank, u.award, u.prize) for u in result.units}


BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
GK = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện"
# Prizes the plans leave to the law (docs/LEGAL.md): coefficient × lương cơ sở on the
# decision's date (here the meeting's), rounded up to the next 10.000 đồng.
BK_PRIZE = 0            # 000: the province's Bằng khen is proposed upward; the province pays
GK_PRIZE = 540_000      # 000: Giấy khen tập thể 0,3 × 1.800.000

# 000 Ninh Phước: one council-scored criterion (Bộ chỉ số, 100 points); rank within group.
# Bằng khen tỉnh first (cap 1 per group), then Giấy khen huyện (4 phòng ban, 7 xã) among the
# rest. TNMT and Văn phòng tie at 96,50: the council file puts TNMT first.
NINH_PHUOC = {
    "phong-tai-nguyen-moi-truong": (D("96.50"), 1, BK, BK_PRIZE),
    "van-phong-hdnd-ubnd": (D("96.50"), 2, GK, GK_PRIZE),
    "phong-tu-phap": (D("94.25"), 3, GK, GK_PRIZE),
    "phong-lao-dong-tbxh": (D("92.00"), 4, GK, GK_PRIZE),
    "phong-kinh-te-ha-tang": (D("90.75"), 5, GK, GK_PRIZE),
    "phong-noi-vu": (D("88.50"), 6, None, 0),
    "phong-nong-nghiep-ptnt": (D("86.00"), 7, None, 0),
    "phong-tai-chinh-ke-hoach": (D("84.25"), 8, None, 0),
    "phong-van-hoa-thong-tin": (D("81.50"), 9, None, 0),
    "phong-giao-duc-dao-tao": (D("79.00"), 10, None, 0),
    "phong-y-te": (D("76.75"), 11, None, 0),
    "thanh-tra-huyen": (D("72.50"), 12, None, 0),
    "phong-dan-toc": (D("68.00"), 13, None, 0),
    "xa-phuoc-thuan": (D("97.25"), 1, BK, BK_PRIZE),
    "tt-phuoc-dan": (D("95.00"), 2, GK, GK_PRIZE),
    "xa-phuoc-hau": (D("93.50"), 3, GK, GK_PRIZE),
    "xa-an-hai": (D("91.75"), 4, GK, GK_PRIZE),
    "xa-phuoc-hai": (D("89.00"), 5, GK, GK_PRIZE),
    "xa-phuoc-vinh": (D("87.25"), 6, GK, GK_PRIZE),
    "xa-phuoc-huu": (D("85.50"), 7, GK, GK_PRIZE),
    "xa-phuoc-son": (D("82.00"), 8, GK, GK_PRIZE),
    "xa-phuoc-thai": (D("78.50"), 9, None, 0),
}


def test_seed_000_ninh_phuoc():
    result = score_period(seed("000-ninh-phuoc"), "nam-2023")
    assert table(result) == NINH_PHUOC
    # 11 × 540.000 (Giấy khen tập thể) + 11 × 270.000 (Giấy khen cá nhân 0,15 × 1.800.000);
    # nothing for the Bằng khen the district proposes to the province
    assert result.pending_ties == () and result.prize_total == 8_910_000
    assert {u.unit_id: u.individuals_quota for u in result.units if u.award} == {
        u: 1 for u, row in NINH_PHUOC.items() if row[2]}
    assert len(result.nominations) == 13


# 001 Phụng Hiệp: hồ sơ trực tuyến a/b × 60 (dưới 70%: không xét), định danh a/b × 40
# (từ 90%: 40). Only the xã, thị trấn are scored (the ban, ngành compete for individuals).
# Hòa An and Cây Dương both 100: fewer online dossiers per account ranks first
# (1.250/410 = 3,05 < 1.860/265 = 7,02).
PHUNG_HIEP = {
    "xa-hoa-an": (D("100.00"), 1, "Hạng Nhất", 6000000),           # 60 + 40 (92,35%)
    "tt-cay-duong": (D("100.00"), 2, "Hạng Nhì", 4000000),          # 60 + 40 (92,26%)
    "xa-phuong-binh": (D("98.50"), 3, "Hạng Ba", 2000000),          # 97,5% → 58,5 + 40
    "xa-tan-long": (D("95.50"), 4, "Hạng Khuyến khích", 1500000),   # 92,5% → 55,5 + 40
    "tt-kinh-cung": (D("92.60"), 5, "Hạng Khuyến khích", 1500000),  # 57 + 89% × 40 = 35,6
    "tt-bung-tau": (D("90.80"), 6, None, 0),                        # 55,2 + 35,6
    "xa-long-thanh": (D("88.00"), 7, None, 0),                      # 54 + 34
    "xa-hoa-my": (D("87.40"), 8, None, 0),                          # 52,2 + 35,2
    "xa-phuong-phu": (D("85.80"), 9, None, 0),                      # 51 + 34,8
    "xa-phung-hiep": (D("84.80"), 10, None, 0),                     # 50,4 + 34,4
    "xa-tan-phuoc-hung": (D("80.00"), 11, None, 0),                 # 48 + 32
    "xa-thanh-hoa": (D("76.00"), 12, None, 0),                      # 70% (at the floor) → 42 + 34
    "xa-hiep-hung": (D("71.00"), 13, None, 0),                      # 45 + 26
    "xa-binh-thanh": (D("33.60"), None, None, 0),                   # 65% < 70%: không xét
    "xa-tan-binh": (D("35.00"), None, None, 0),                     # 68,75% < 70%: không xét
}


def test_seed_001_phung_hiep():
    result = score_period(seed("001-phung-hiep"), "nam-2023")
    assert table(result) == PHUNG_HIEP
    # 15.000.000 fixed by the plan + 28 individuals × 540.000 (Giấy khen cá nhân 0,3 under
    # NĐ 98/2023 × 1.800.000 on 10/01/2024)
    assert result.prize_total == 30_120_000
    assert {u.unit_id: u.bonus_points for u in result.units if u.bonus_points} == {
        "xa-hoa-an": 3, "tt-cay-duong": 2, "xa-phuong-binh": 1}
    assert {u.unit_id: u.individuals_quota for u in result.units} == {
        "xa-hoa-an": 5, "tt-cay-duong": 4, "xa-phuong-binh": 3, "xa-tan-long": 2,
        "tt-kinh-cung": 2, **{u: 1 for u in ("tt-bung-tau", "xa-long-thanh", "xa-hoa-my",
                                             "xa-phuong-phu", "xa-phung-hiep",
                                             "xa-tan-phuoc-hung", "xa-thanh-hoa",
                                             "xa-hiep-hung")},
        "xa-binh-thanh": 0, "xa-tan-binh": 0}
    assert result.unit("xa-tan-binh").ineligible_reasons == (
        "Hồ sơ trực tuyến: 440/640 hồ sơ = 68,75%, không đạt 70%: không xét thi đua",)
    assert len(result.nominations) == 28


GKH = "Giấy khen của Chủ tịch UBND huyện"
GKH_PRIZE = 450_000  # 003, 18/12/2021: NĐ 91/2017, Giấy khen tập thể 0,3 × 1.490.000 = 447.000 → 450.000

# 003 Châu Thành A, year end: kế hoạch 10; thủ tục 15 + 5 per extra (none: −5); tài khoản
# 35 + 5 per 100 over 1.500; hồ sơ 30 + 5 per 20 over 150 (xã: 200); giải quyết ≥ 98%:
# 10 + 5 per whole % over 98; reports due the 25th, Apr–Nov 2021 (first month of the log to
# the period end 18/12): 1–3 days late −2, later or missing −5; untruthful −2; min 90.
CHAU_THANH_A_YEAR = {
    "bo-phan-mot-cua-huyen": (D("225.00"), 1, GKH, GKH_PRIZE),  # 10+50+65+85+15
    "phong-tu-phap": (D("190.00"), 2, GKH, GKH_PRIZE),          # 10+45+50+75+15, 09/2021 4 days −5
    "phong-tai-nguyen-moi-truong": (D("165.00"), 3, GKH, GKH_PRIZE),  # 10+35+45+65+10
    "phong-lao-dong-tbxh": (D("155.00"), 4, GKH, GKH_PRIZE),    # 10+35+40+55+15
    "phong-kinh-te-ha-tang": (D("135.00"), 5, GKH, GKH_PRIZE),  # 10+30+35+50+10
    "phong-tai-chinh-ke-hoach": (D("125.00"), 6, GKH, GKH_PRIZE),  # 10+25+35+40+15
    "phong-noi-vu": (D("115.00"), 7, GKH, GKH_PRIZE),           # 10+25+35+35+10
    "van-phong-hdnd-ubnd": (D("110.00"), 8, None, 0),   # 10+20+40+30+10
    "phong-y-te": (D("103.00"), 9, None, 0),            # 10+20+35+30+10, 11/2021 3 days −2
    "phong-van-hoa-thong-tin": (D("98.00"), 10, None, 0),  # 10+15+35+30+10, untruthful −2
    "phong-giao-duc-dao-tao": (D("95.00"), 11, None, 0),   # 97,33% → 0
    "phong-nong-nghiep-ptnt": (D("25.00"), None, None, 0),  # 10+15, rest below target
    "thanh-tra-huyen": (D("5.00"), None, None, 0),      # 0−5+0+0+20, two missing −10
    "tt-mot-ngan": (D("220.00"), 1, "Hạng Nhất", 10000000),  # 10+40+75+80+15
    "xa-nhon-nghia-a": (D("158.00"), 2, "Hạng Nhì", 7000000),  # 10+30+55+55+10−2
    "tt-rach-goi": (D("158.00"), 3, "Hạng Ba", 5000000),  # 10+25+70+45+15, −5 −2
    "tt-cai-tac": (D("145.00"), 4, None, 0),            # 10+25+60+40+10
    "tt-bay-ngan": (D("118.00"), 5, None, 0),           # 10+20+45+35+10−2
    "xa-tan-phu-thanh": (D("105.00"), 6, None, 0),      # 10+20+35+30+10
    "xa-tan-hoa": (D("63.00"), None, None, 0),          # 10+15+35+0+10−5−2
    "xa-thanh-xuan": (D("89.00"), None, None, 0),       # 10+15+40+30+0−4−2
    "xa-truong-long-a": (D("40.00"), None, None, 0),    # 0−5+0+30+15
    "xa-truong-long-tay": (D("15.00"), None, None, 0),  # 10+15, −5 (missing) −5 (4 days)
}

# Monthly, October 2021 (only xã, thị trấn compete; one report, due 25/10).
CHAU_THANH_A_OCTOBER = {
    "tt-mot-ngan": (D("175.00"), 1, GKH, 1000000),      # 10+35+60+60+10
    "tt-rach-goi": (D("135.00"), 2, None, 0),           # 10+25+50+35+15
    "xa-nhon-nghia-a": (D("128.00"), 3, None, 0),       # 10+25+45+40+10−2
    "tt-cai-tac": (D("125.00"), 4, None, 0),            # 10+25+50+30+10
    "tt-bay-ngan": (D("110.00"), 5, None, 0),           # 10+20+40+30+10
    "xa-tan-hoa": (D("70.00"), None, None, 0),          # 10+15+35+0+15−5
    "xa-tan-phu-thanh": (D("35.00"), None, None, 0),    # 10+15+0+0+10
    "xa-thanh-xuan": (D("58.00"), None, None, 0),       # 10+15+35+0+0−2
    "xa-truong-long-a": (D("5.00"), None, None, 0),     # 0−5+0+0+10
    "xa-truong-long-tay": (D("20.00"), None, None, 0),  # 10+15+0+0+0−5
}


def test_seed_003_chau_thanh_a_year_end():
    result = score_period(seed("003-chau-thanh-a"), "nam-2021")
    assert table(result) == CHAU_THANH_A_YEAR
    assert result.pending_ties == ()  # the council file orders Nhơn Nghĩa A before Rạch Gòi
    # 22.000.000 fixed + 7 × 450.000 (Giấy khen tập thể) + 27 × 230.000 (Giấy khen cá nhân
    # 0,15 × 1.490.000 = 223.500 → 230.000)
    assert result.prize_total == 31_360_000
    assert {u.unit_id: (u.bonus_points, u.individuals_quota) for u in result.units
            if u.bonus_points} == {"tt-mot-ngan": (15, 5), "xa-nhon-nghia-a": (10, 4),
                                   "tt-rach-goi": (5, 3)}
    explanations = {c.criterion_id: c.explanation
                    for c in result.unit("tt-rach-goi").criteria}
    assert explanations["bao-cao-dung-han"] == \
        "01 báo cáo trễ 1–3 ngày × (−2) + 01 báo cáo không nộp × (−5) = −7 điểm"
    assert explanations["tai-khoan"] == "2.245 tài khoản ≥ 1.500: 35 + 7 × 5 = 70 điểm"
    assert explanations["ty-le-giai-quyet"] == \
        "266/268 hồ sơ = 99,25% ≥ 98%: 10 + 1 × 5 = 15 điểm"
    assert len(result.nominations) == 27


def test_seed_003_chau_thanh_a_monthly():
    result = score_period(seed("003-chau-thanh-a"), "thang-10-2021")
    assert table(result) == CHAU_THANH_A_OCTOBER
    assert result.prize_total == 1000000
