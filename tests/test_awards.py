"""Award allocation: ranks, caps, one award per period, prizes, quotas, ties, nominations."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.scoring import builders
from thidua.awards import prize_for
from thidua.errors import DataError, Location
from thidua.model import Rank
from thidua.nominations import read_nominations
from thidua.scoring import PeriodInputs, compute_period
from thidua.vnformat import money_in_words

RANKED = {"id": "gk", "form": "Giấy khen của Chủ tịch UBND huyện", "level": "huyện",
          "groups": ["xa"],
          "ranks": [{"name": "Hạng Nhất", "count": 1, "prize": 6000000, "bonus_points": 3,
                     "individuals": 5},
                    {"name": "Hạng Nhì", "count": 1, "prize": 4000000, "individuals": 4},
                    {"name": "Hạng Khuyến khích", "count": 2, "prize_coefficient": "0.65"}],
          "other_units_individuals": 1}


def score(campaign, points: dict[str, int], **extra):
    inputs = builders.inputs({u: {"diem": p} for u, p in points.items()}, **extra)
    return compute_period(campaign, "c", campaign.periods[0], inputs)


def summary(result):
    return {u.unit_id: (u.rank, u.award, u.prize) for u in result.units if u.award}


def test_ranks_in_order_with_prizes_bonus_and_quotas():
    campaign = builders.campaign(groups={"xa": 6}, awards=[RANKED])
    result = score(campaign, {"xa01": 70, "xa02": 90, "xa03": 80, "xa04": 85, "xa05": 60,
                              "xa06": 50})
    assert summary(result) == {
        "xa02": (1, "Hạng Nhất", 6000000), "xa04": (2, "Hạng Nhì", 4000000),
        "xa03": (3, "Hạng Khuyến khích", 1530000), "xa01": (4, "Hạng Khuyến khích", 1530000)}
    assert result.unit("xa02").bonus_points == 3 and result.unit("xa04").bonus_points is None
    assert {u.unit_id: u.individuals_quota for u in result.units} == {
        "xa02": 5, "xa04": 4, "xa03": 1, "xa01": 1, "xa05": 1, "xa06": 1}
    assert result.prize_total == 6000000 + 4000000 + 2 * 1530000
    assert result.unit("xa02").award_form == "Giấy khen của Chủ tịch UBND huyện"


@pytest.mark.parametrize("coefficient, base, prize", [
    ("0.65", 2340000, 1530000),    # 1.521.000 → 1.530.000
    ("0.3", 1800000, 540000),      # exact: no rounding
    ("1.0", 1800001, 1810000),     # one đồng over → next 10.000
])
def test_prize_by_coefficient_is_rounded_up_to_ten_thousand(coefficient, base, prize):
    assert prize_for(Rank(count=1, prize_coefficient=coefficient), base) == prize


def test_caps_per_group_and_total_and_one_award_per_period():
    province = {"id": "bk", "form": "Bằng khen", "level": "tỉnh", "ranks": [{"count": 2}],
                "max_units": 2, "caps": {"pb": 1, "xa": 1}, "individuals_per_unit": 1}
    district = {"id": "gk", "form": "Giấy khen", "level": "huyện", "ranks": [{"count": 4}],
                "max_units": 4, "caps": {"pb": 1, "xa": 3}}
    campaign = builders.campaign(groups={"pb": 3, "xa": 5}, awards=[province, district])
    result = score(campaign, {"pb01": 99, "pb02": 98, "pb03": 97, "xa01": 96, "xa02": 95,
                              "xa03": 94, "xa04": 93, "xa05": 92})
    awards = {u.unit_id: u.award_id for u in result.units if u.award_id}
    assert awards == {"pb01": "bk", "xa01": "bk", "pb02": "gk", "xa02": "gk", "xa03": "gk",
                      "xa04": "gk"}
    assert result.unit("pb01").award == "Bằng khen"  # unranked award: the form


def test_tie_straddling_a_rank_boundary_is_left_to_the_council():
    campaign = builders.campaign(groups={"xa": 5}, awards=[RANKED])
    result = score(campaign, {"xa01": 90, "xa02": 90, "xa03": 80, "xa04": 70, "xa05": 60})
    assert [t.unit_ids for t in result.pending_ties] == [("xa01", "xa02")]
    tie = result.pending_ties[0]
    assert tie.award_id == "gk" and tie.total == D("90.00")
    assert tie.message.startswith("cần Hội đồng quyết định: Đơn vị XA01, Đơn vị XA02 cùng "
                                  "90 điểm, không phân định được bằng tiêu chí phụ")
    assert "thứ tự quyết định Hạng Nhất/Hạng Nhì (Giấy khen của Chủ tịch UBND huyện)" in \
        tie.message
    for unit_id in ("xa01", "xa02"):
        unit = result.unit(unit_id)
        assert (unit.tie, unit.award, unit.prize, unit.rank) == (True, None, 0, 1)
    # the reserved Nhất/Nhì slots do not move the next unit up
    assert summary(result)["xa03"] == (3, "Hạng Khuyến khích", 1530000)
    settled = score(campaign, {"xa01": 90, "xa02": 90, "xa03": 80, "xa04": 70, "xa05": 60},
                    council_order={"xa02": 1, "xa01": 2})
    assert settled.pending_ties == ()
    assert summary(settled)["xa02"] == (1, "Hạng Nhất", 6000000)
    assert summary(settled)["xa01"] == (2, "Hạng Nhì", 4000000)


def test_ties_that_do_not_matter_are_not_reported():
    campaign = builders.campaign(groups={"xa": 6}, awards=[RANKED])
    result = score(campaign, {"xa01": 90, "xa02": 80, "xa03": 70, "xa04": 70, "xa05": 50,
                              "xa06": 50})
    assert result.pending_ties == ()  # xa03/xa04 share both KK slots; xa05/xa06 get nothing
    assert summary(result)["xa03"][1] == summary(result)["xa04"][1] == "Hạng Khuyến khích"
    assert not any(u.tie for u in result.units)


def test_tie_at_the_last_slot_and_tie_over_a_group_cap():
    single = {"id": "gk", "form": "Giấy khen", "level": "xã", "ranks": [{"count": 2}]}
    campaign = builders.campaign(groups={"xa": 4}, awards=[single])
    result = score(campaign, {"xa01": 90, "xa02": 80, "xa03": 80, "xa04": 70})
    assert [t.unit_ids for t in result.pending_ties] == [("xa02", "xa03")]
    assert "thứ tự quyết định đơn vị nào được Giấy khen" in result.pending_ties[0].message
    capped = {"id": "gk", "form": "Giấy khen", "level": "xã", "ranks": [{"count": 3}],
              "caps": {"pb": 1, "xa": 2}}
    campaign = builders.campaign(groups={"pb": 2, "xa": 2}, awards=[capped])
    result = score(campaign, {"pb01": 90, "pb02": 90, "xa01": 80, "xa02": 70})
    assert [t.unit_ids for t in result.pending_ties] == [("pb01", "pb02")]
    assert summary(result) == {"xa01": (1, "Giấy khen", 0), "xa02": (2, "Giấy khen", 0)}


def test_ineligible_units_get_no_award_and_no_quota():
    campaign = builders.campaign(groups={"xa": 3}, awards=[RANKED], min_total=75)
    result = score(campaign, {"xa01": 90, "xa02": 74, "xa03": 80})
    assert summary(result) == {"xa01": (1, "Hạng Nhất", 6000000),
                               "xa03": (2, "Hạng Nhì", 4000000)}
    assert result.unit("xa02").individuals_quota == 0
    assert result.prize_total == 10000000
    assert money_in_words(result.prize_total) == "Mười triệu đồng"


INDIVIDUAL = {"id": "cn", "form": "Giấy khen (cá nhân)", "level": "huyện",
              "recipients": "individual", "groups": ["pb"], "individuals": 2,
              "ranks": [{"count": 2, "prize": 500000}]}


def nominations(tmp_path: Path, rows: list[str]) -> PeriodInputs:
    path = tmp_path / "ca-nhan.csv"
    path.write_text("# mẫu\nho_ten,chuc_vu,ma_don_vi,thanh_tich,hinh_thuc\n" + "\n".join(rows),
                    encoding="utf-8")
    return read_nominations(path)


def test_nominations_within_quotas(tmp_path):
    campaign = builders.campaign(groups={"pb": 2, "xa": 3}, awards=[RANKED, INDIVIDUAL])
    sheet = nominations(tmp_path, [
        "Nguyễn Văn A,Chủ tịch,xa01,Chỉ đạo tốt,gk",
        "Trần Thị B,Công chức,xa01,Hướng dẫn 500 hồ sơ,",
        "Lê Văn C,Chuyên viên,pb01,Tham mưu,cn",
        "Phạm Thị D,Công chức,xa03,Tuyên truyền,",
    ])
    result = score(campaign, {"pb01": 50, "pb02": 40, "xa01": 90, "xa02": 80, "xa03": 70},
                   nominations=sheet)
    assert [(n.full_name, n.unit_name, n.award_id, n.prize) for n in result.nominations] == [
        ("Nguyễn Văn A", "Đơn vị XA01", "gk", 0), ("Trần Thị B", "Đơn vị XA01", "gk", 0),
        ("Lê Văn C", "Đơn vị PB01", "cn", 500000), ("Phạm Thị D", "Đơn vị XA03", "gk", 0)]
    assert result.prize_total == 6000000 + 4000000 + 1530000 + 500000


def test_nominations_over_quota_or_unknown_are_errors_with_rows(tmp_path):
    campaign = builders.campaign(groups={"pb": 3, "xa": 3}, awards=[RANKED, INDIVIDUAL])
    sheet = nominations(tmp_path, [
        "Người Một,CV,xa03,x,gk",     # row 3: KK → 1 person
        "Người Hai,CV,xa03,x,gk",     # row 4: second person over quota
        "Người Ba,CV,pb01,x,cn",      # row 5
        "Người Bốn,CV,pb02,x,cn",     # row 6
        "Người Năm,CV,pb03,x,cn",     # row 7: third person over the award's 2
        "Người Sáu,CV,xa99,x,gk",     # row 8: unknown unit
        "Người Bảy,CV,xa01,x,bk",     # row 9: unknown award
        "Người Tám,CV,xa02,x,cn",     # row 10: group not covered
    ])
    with pytest.raises(DataError) as info:
        score(campaign, {"pb01": 1, "pb02": 1, "pb03": 1, "xa01": 90, "xa02": 80, "xa03": 70},
              nominations=sheet)
    file = str(tmp_path / "ca-nhan.csv")
    got = [(p.message, p.location) for p in info.value.problems]
    assert got == [
        ("đơn vị 'Đơn vị XA03' chỉ được đề nghị 1 cá nhân; đây là người thứ 2",
         Location(file=file, row=4, column="C (ma_don_vi)")),
        ("hình thức 'cn' (Giấy khen (cá nhân)) chỉ được đề nghị 2 cá nhân; đây là người thứ 3",
         Location(file=file, row=7, column="C (ma_don_vi)")),
        ("mã đơn vị 'xa99' không có trong phong trào",
         Location(file=file, row=8, column="C (ma_don_vi)")),
        ("hình thức 'bk' không có trong đợt này (có: gk, cn)",
         Location(file=file, row=9, column="E (hinh_thuc)")),
        ("đơn vị 'Đơn vị XA02' không thuộc nhóm được xét Giấy khen (cá nhân)",
         Location(file=file, row=10, column="C (ma_don_vi)")),
    ]


# Property: award counts never exceed the ranks' counts, the caps or the total.

@settings(max_examples=80, deadline=None)
@given(points=st.lists(st.integers(0, 6), min_size=7, max_size=7),
       caps=st.tuples(st.integers(0, 3), st.integers(0, 4)), max_units=st.integers(1, 5))
def test_award_counts_never_exceed_quotas_or_caps(points, caps, max_units):
    award = {"id": "gk", "form": "Giấy khen", "level": "xã", "max_units": max_units,
             "caps": {"pb": caps[0], "xa": caps[1]},
             "ranks": [{"name": "Nhất", "count": 1}, {"name": "Nhì", "count": 2},
                       {"name": "Ba", "count": 2}]}
    campaign = builders.campaign(groups={"pb": 3, "xa": 4}, awards=[award])
    ids = ["pb01", "pb02", "pb03", "xa01", "xa02", "xa03", "xa04"]
    result = score(campaign, {u: p * 10 for u, p in zip(ids, points)})
    awarded = [u for u in result.units if u.award_id]
    contested = {u for t in result.pending_ties for u in t.unit_ids}
    assert len(awarded) <= min(max_units, 5)
    assert sum(1 for u in awarded if u.group_id == "pb") <= caps[0]
    assert sum(1 for u in awarded if u.group_id == "xa") <= caps[1]
    for name, count in (("Nhất", 1), ("Nhì", 2), ("Ba", 2)):
        assert sum(1 for u in awarded if u.award == name) <= count
    assert not (contested & {u.unit_id for u in awarded})
