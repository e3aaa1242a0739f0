"""A campaign written by a new user from another locality: UBND phường An Hải (Đà Nẵng, after
the 2025 two-tier reform), 2026, with an interim (6-month) and a year-end period.

The fixture lives in tests/fixtures/an-hai-2026. Every expected total below was computed by
hand from the CSV files (see the comments); the scoring tests skip only while the scoring
module does not exist yet.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from thidua.campaign.loading import load_campaign

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "an-hai-2026"
INTERIM = "so-ket-6-thang"
YEAR_END = "nam-2026"

# Lương cơ sở 2.340.000 đồng; tiền thưởng theo hệ số được làm tròn lên hàng chục nghìn đồng.
BASE_SALARY = 2_340_000


def _scoring():
    module = pytest.importorskip("thidua.scoring.pipeline")
    if not hasattr(module, "score_period"):
        pytest.skip("thidua.scoring.pipeline.score_period chưa có")
    return module


def _score(period_id: str, folder: Path = FIXTURE):
    return _scoring().score_period(load_campaign(folder), period_id)


def _by_id(result):
    return {u.unit_id: u for u in result.units}


def _points(unit, criterion_id: str) -> Decimal:
    (score,) = [c for c in unit.criteria if c.criterion_id == criterion_id]
    return score.points


# ---------------------------------------------------------------------------------------------
# The campaign itself


def test_campaign_validates_with_phuong_issuer_and_two_groups():
    loaded = load_campaign(FIXTURE)
    c = getattr(loaded, "campaign", loaded)
    assert c.issuer.name == "Ủy ban nhân dân phường An Hải"
    assert list(c.issuer.header) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"]
    assert c.signer.on_behalf == "ỦY BAN NHÂN DÂN"
    assert (c.signer.prefix, c.signer.for_title, c.signer.title) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    groups = {g.id: g for g in c.participants.groups}
    assert len(groups["to-dan-pho"].units) == 12
    assert len(groups["phong-ban"].units) == 6
    assert [p.id for p in c.periods] == [INTERIM, YEAR_END]
    assert [p.kind for p in c.periods] == ["interim", "year_end"]
    assert any("152/2025/NĐ-CP" in b for b in c.legal_bases)
    assert any("Luật Thi đua, khen thưởng" in b for b in c.legal_bases)
    kinds = {cr.rule.kind for cr in c.scoring.criteria}
    assert kinds == {"proportional", "threshold", "yes_no", "council", "target", "per_event",
                     "report_timeliness"}
    assert c.dossier.base_salary == BASE_SALARY
    # Tuyến trình: tổ dân phố → Văn phòng → Phòng Văn hóa - Xã hội → Chủ tịch, cho mỗi đợt.
    hops = [d.to for d in c.deadlines if d.period == YEAR_END]
    assert hops == ["Văn phòng HĐND và UBND phường", "Phòng Văn hóa - Xã hội",
                                      "Chủ tịch UBND phường"]
    # Nơi nhận: nhóm "(Báo cáo)".
    first = c.recipients.items[0]
    assert first.note == "(Báo cáo)" and len(first.items) == 4


def test_cli_validate_exits_zero():
    done = subprocess.run([sys.executable, "-m", "thidua", "validate", str(FIXTURE)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Hợp lệ" in done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------
# Interim period (01/01–30/06/2026): Giấy khen, 1.000.000 đồng/tập thể, không quá 03 tổ dân phố
# và 01 phòng, đơn vị; mỗi tập thể 01 cá nhân, 0,3 × lương cơ sở = 702.000 → 710.000 đồng.


def test_interim_totals_by_hand():
    units = _by_id(_score(INTERIM))
    # An Trung 1: 102/120 = 85% ≥ 80% → 40; 215 lượt: 20 + min(6, 5) = 25; KH 10; Tổ CNSCĐ 10;
    # Hội đồng 18 → 103.
    assert units["tdp-an-trung-1"].total == Decimal("103")
    # An Hòa 1: 40 + (165 lượt: 20 + 1) + 10 + 10 + 17 − 1 (báo cáo 04/2026 trễ 1 ngày) = 97.
    assert units["tdp-an-hoa-1"].total == Decimal("97")
    # An Cư 1: 40 + 20 + 10 + 10 + 17 − 2 (01 phản ánh) − 1 (03/2026 trễ 2 ngày) = 94.
    assert units["tdp-an-cu-1"].total == Decimal("94")
    # Phước Trường 2: 40 + 20 + 10 + 10 + 17 − 3 (không nộp báo cáo 05/2026) = 94.
    assert units["tdp-phuoc-truong-2"].total == Decimal("94")
    assert _points(units["tdp-phuoc-truong-2"], "bao-cao") == Decimal("-3")
    # Mân Quang 1: 76/100 = 76% → 0,76 × 40 = 30,4; 240 lượt → 25; 10 + 10 + 18 → 93,4.
    assert units["tdp-man-quang-1"].total == Decimal("93.4")
    assert _points(units["tdp-man-quang-1"], "truc-tuyen") == Decimal("30.4")
    # An Nhơn 1: 200/300 → 26,67; 160 lượt → 21; KH 10; không có Tổ CNSCĐ 0; 14; báo cáo
    # 02/2026 nộp 02/3 (trễ 5 ngày) −2 → 69,67 < 70: không được xếp hạng.
    an_nhon_1 = units["tdp-an-nhon-1"]
    assert an_nhon_1.total == Decimal("69.67")
    assert _points(an_nhon_1, "truc-tuyen") == Decimal("26.67")
    assert _points(an_nhon_1, "bao-cao") == Decimal("-2")
    assert not an_nhon_1.eligible and an_nhon_1.rank is None
    # An Hòa 2: 0 lượt hướng dẫn → không thực hiện −5.
    assert _points(units["tdp-an-hoa-2"], "huong-dan") == Decimal("-5")
    assert units["tdp-an-hoa-2"].total == Decimal("47")
    # An Nhơn 2: 98 điểm nhưng 6/7 cán bộ có định danh (< 100%, required) → không xét.
    assert units["tdp-an-nhon-2"].total == Decimal("98")
    assert not units["tdp-an-nhon-2"].eligible
    # Phước Trường 1: 63/180 = 35% < 40% (floor) → không xét thi đua.
    assert not units["tdp-phuoc-truong-1"].eligible
    # Khối phòng: Phòng VH-XH 147/150 = 98% ≥ 95% → 40; 420 lượt (chỉ tiêu 300, bước 20)
    # → 25; 10 + 10 + 18 − 1 (06/2026 trễ 2 ngày) = 102. Văn phòng 380/400 = 95% → 40;
    # 350 lượt → 22; 10 + 10 + 17 = 99. Trạm Y tế 40/60 = 66,67% < 70% → không xét.
    assert units["phong-vhxh"].total == Decimal("102")
    assert units["van-phong"].total == Decimal("99")
    assert units["tt-phvc"].total == Decimal("98")
    assert not units["tram-y-te"].eligible


def test_interim_ranking_tie_break_and_awards():
    result = _score(INTERIM)
    units = _by_id(result)
    # An Cư 1 và Phước Trường 2 cùng 94 điểm: tỷ lệ trực tuyến 90% > 80% → An Cư 1 xếp trên,
    # được khen (hạng 3 trong cap 03 tổ dân phố).
    assert units["tdp-an-cu-1"].rank == 3 and units["tdp-phuoc-truong-2"].rank == 4
    awarded = {u.unit_id for u in result.units if u.award_id}
    assert awarded == {"tdp-an-trung-1", "tdp-an-hoa-1", "tdp-an-cu-1", "phong-vhxh"}
    for unit_id in awarded:
        assert units[unit_id].prize == 1_000_000
        assert units[unit_id].individuals_quota == 1
    # Cap 01 phòng, đơn vị: Văn phòng (99 điểm, hạng 2 khối phòng) không được khen.
    assert units["van-phong"].rank == 2 and units["van-phong"].award_id is None
    assert [n.prize for n in result.nominations] == [710_000] * 4
    assert result.prize_total == 4 * 1_000_000 + 4 * 710_000
    assert not result.pending_ties


# ---------------------------------------------------------------------------------------------
# Year-end period (01/01–30/11/2026): tổ dân phố hạng Nhất 1,5 × LCS (3.510.000), Nhì 1,0 ×
# (2.340.000), Ba 0,8 × (1.872.000 → 1.880.000), Khuyến khích 500.000; khối phòng 02 tập thể ×
# 1,0 × LCS; 13 cá nhân × 0,3 × LCS (710.000).


def test_year_end_totals_by_hand():
    units = _by_id(_score(YEAR_END))
    # An Nhơn 2: 198/220 = 90% → 40; 230 lượt → 25; 10 + 10 + 18 = 103.
    assert units["tdp-an-nhon-2"].total == Decimal("103")
    # An Trung 1: 221/260 = 85% → 40; 420 lượt → 25; 10 + 10 + 18 = 103.
    assert units["tdp-an-trung-1"].total == Decimal("103")
    # An Trung 2: 240/300 = 80% → 40; 190 lượt → 24; 10 + 10 + 17 = 101.
    assert units["tdp-an-trung-2"].total == Decimal("101")
    # Phước Trường 1: 190/380 = 50% → 20; 160 lượt → 21; 10 + 10 + 13 = 74.
    assert units["tdp-phuoc-truong-1"].total == Decimal("74")
    # Mân Quang 2: 06 phản ánh × (−2) = −12, tối đa trừ 10; 40 + 0 (140 < 150) + 10 + 10 + 16
    # − 10 = 66 < 70 → không xếp hạng.
    man_quang_2 = units["tdp-man-quang-2"]
    assert _points(man_quang_2, "phan-anh") == Decimal("-10")
    assert man_quang_2.total == Decimal("66") and not man_quang_2.eligible
    # Khối phòng: Văn phòng 864/900 = 96% → 40; 700 lượt → 25; 10 + 10 + 18 = 103.
    # Phòng KT-HT-ĐT 504/560 = 90% → 36; 330 lượt → 21; 10 + 10 + 16 = 93 (01 hồ sơ trễ hạn:
    # chỉ tiêu "không trễ hạn" không đạt nhưng không bắt buộc).
    assert units["van-phong"].total == Decimal("103")
    assert units["phong-kinh-te"].total == Decimal("93") and units["phong-kinh-te"].eligible
    # TT Văn hóa, Thể thao và Truyền thanh: 9/10 cán bộ có định danh → không xét.
    assert units["trung-tam-vhtt"].total == Decimal("91")
    assert not units["trung-tam-vhtt"].eligible


def test_year_end_ranks_prizes_bonus_points_and_quotas():
    result = _score(YEAR_END)
    units = _by_id(result)
    expected = [
        # unit, rank, award (hạng), prize, bonus points, individuals
        ("tdp-an-nhon-2", 1, "Hạng Nhất", 3_510_000, Decimal("3"), 3),   # 103, tỷ lệ 90%
        ("tdp-an-trung-1", 2, "Hạng Nhì", 2_340_000, Decimal("2"), 2),   # 103, tỷ lệ 85%
        ("tdp-an-trung-2", 3, "Hạng Ba", 1_880_000, Decimal("1"), 1),
        ("tdp-an-hoa-1", 4, "Hạng Ba", 1_880_000, Decimal("1"), 1),      # 98, tỷ lệ 90%
        ("tdp-an-nhon-1", 5, "Hạng Khuyến khích", 500_000, None, 1),     # 98, tỷ lệ 80%
        ("tdp-phuoc-truong-2", 6, "Hạng Khuyến khích", 500_000, None, 1),  # Hội đồng xếp trên
    ]
    for unit_id, rank, award, prize, bonus, individuals in expected:
        u = units[unit_id]
        assert (u.rank, u.award, u.prize, u.individuals_quota) == (rank, award, prize, individuals), unit_id
        assert (u.bonus_points is None and bonus is None) or u.bonus_points == bonus, unit_id
    # An Cư 1: 95 điểm, cùng tỷ lệ 90% với Phước Trường 2 → Hội đồng (data/nam-2026-hoi-dong.csv)
    # xếp sau: hạng 7, không được khen.
    assert units["tdp-an-cu-1"].total == Decimal("95")
    assert units["tdp-an-cu-1"].rank == 7 and units["tdp-an-cu-1"].award_id is None
    for unit_id in ("van-phong", "phong-vhxh"):
        assert units[unit_id].award_id == "gk-phong-ban-nam"
        assert units[unit_id].prize == BASE_SALARY and units[unit_id].individuals_quota == 2
    assert units["tt-phvc"].rank == 3 and units["tt-phvc"].award_id is None
    assert len(result.nominations) == 13
    assert {n.prize for n in result.nominations} == {710_000}
    assert result.prize_total == (3_510_000 + 2_340_000 + 2 * 1_880_000 + 2 * 500_000
                                  + 2 * BASE_SALARY + 13 * 710_000)
    assert not result.pending_ties


def test_year_end_without_council_order_reports_pending_tie(tmp_path):
    folder = tmp_path / "an-hai-2026"
    shutil.copytree(FIXTURE, folder)
    (folder / "data" / "nam-2026-hoi-dong.csv").unlink()
    result = _score(YEAR_END, folder)
    (tie,) = result.pending_ties
    assert set(tie.unit_ids) == {"tdp-an-cu-1", "tdp-phuoc-truong-2"}
    assert tie.total == Decimal("95")
    assert "Hội đồng" in tie.message


def test_cli_score_prints_year_end_total():
    done = subprocess.run([sys.executable, "-m", "thidua", "score", str(FIXTURE)],
                          capture_output=True, text=True, encoding="utf-8")
    if "Không có lệnh 'score'" in done.stdout + done.stderr:
        pytest.skip("lệnh 'thidua score' chưa có")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Tổng tiền thưởng: 24.520.000 đồng" in done.stdout
    assert "Hạng Nhất" in done.stdout and "3.510.000" in done.stdout
