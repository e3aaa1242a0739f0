"""Award allocation: ranks, caps, one award per period, prizes, quotas, ties, nominations."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from fixtures.scoring import builders
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.campaign.model import Rank
from thidua.data.nominations import read_nominations
from thidua.errors import DataError, Location
from thidua.scoring.awards import prize_for
from thidua.scoring.pipeline import PeriodInputs, compute_period
from thidua.vietnamese.formatting import money_in_words

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
    # no prize in the plan: the decree's Giấy khen tập thể 0,6 × 2.340.000 = 1.404.000 → 1.410.000
    assert summary(result) == {"xa01": (1, "Giấy khen", 1410000), "xa02": (2, "Giấy khen", 1410000)}


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
        # under the collective Giấy khen: the individual coefficient 0,3 × 2.340.000 → 710.000
        ("Nguyễn Văn A", "Đơn vị XA01", "gk", 710000), ("Trần Thị B", "Đơn vị XA01", "gk", 710000),
        ("Lê Văn C", "Đơn vị PB01", "cn", 500000), ("Phạm Thị D", "Đơn vị XA03", "gk", 710000)]
    assert result.prize_total == 6000000 + 4000000 + 1530000 + 500000 + 3 * 710000


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


# An individual award carrying the prize, next to a ranked collective award that sets how many
# individuals each unit proposes (the user-trial case): both limits apply.
COLLECTIVE_WITH_QUOTAS = {"id": "gk", "form": "Giấy khen", "level": "xã", "groups": ["xa"],
                          "ranks": [{"name": "Hạng Nhất", "count": 1, "individuals": 2},
                                    {"name": "Hạng Nhì", "count": 1, "individuals": 1}]}
PAID_INDIVIDUALS = {"id": "cn", "form": "Giấy khen (cá nhân)", "level": "xã",
                    "recipients": "individual", "groups": ["xa", "pb"], "individuals": 4,
                    "ranks": [{"count": 4, "prize": 500000}]}
PB_COLLECTIVE = {"id": "gk-pb", "form": "Giấy khen khối phòng", "level": "xã",
                 "groups": ["pb"], "ranks": [{"count": 1}]}   # declares no individual quotas


def test_individual_award_also_respects_the_units_quotas(tmp_path):
    campaign = builders.campaign(groups={"pb": 2, "xa": 3},
                                 awards=[COLLECTIVE_WITH_QUOTAS, PB_COLLECTIVE, PAID_INDIVIDUALS])
    points = {"pb01": 60, "pb02": 50, "xa01": 90, "xa02": 80, "xa03": 70}
    sheet = nominations(tmp_path, [
        "Người Một,CV,xa01,x,cn",      # row 3: Hạng Nhất → 2 people
        "Người Hai,CV,xa01,x,cn",      # row 4
        "Người Ba,CV,xa02,x,cn",       # row 5: Hạng Nhì → 1 person
        "Người Bốn,CV,xa02,x,cn",      # row 6: a second person from a unit whose quota is 1
        "Người Năm,CV,xa03,x,cn",      # row 7: no collective award → quota 0
        "Người Sáu,CV,pb02,x,",        # row 8: group pb declares no quotas: only the total
    ])
    with pytest.raises(DataError) as info:
        score(campaign, points, nominations=sheet)
    file = str(tmp_path / "ca-nhan.csv")
    assert [(p.message, p.location) for p in info.value.problems] == [
        ("đơn vị 'Đơn vị XA02' chỉ được đề nghị 1 cá nhân; đây là người thứ 2",
         Location(file=file, row=6, column="C (ma_don_vi)")),
        ("đơn vị 'Đơn vị XA03' không được đề nghị cá nhân: chỉ tiêu cá nhân của đơn vị theo "
         "khen thưởng tập thể của đợt này là 0",
         Location(file=file, row=7, column="C (ma_don_vi)")),
    ]
    accepted = nominations(tmp_path, ["Người Một,CV,xa01,x,cn", "Người Hai,CV,xa01,x,cn",
                                      "Người Ba,CV,xa02,x,cn", "Người Sáu,CV,pb02,x,"])
    result = score(campaign, points, nominations=accepted)
    assert [(n.unit_id, n.award_id, n.prize) for n in result.nominations] == [
        ("xa01", "cn", 500000), ("xa01", "cn", 500000), ("xa02", "cn", 500000),
        ("pb02", "cn", 500000)]
    assert result.prize_total == 4 * 500000 + 3 * 1410000  # + three collective Giấy khen


def test_unit_quota_is_shared_between_the_collective_and_the_individual_award(tmp_path):
    campaign = builders.campaign(groups={"xa": 3},
                                 awards=[COLLECTIVE_WITH_QUOTAS, PAID_INDIVIDUALS])
    sheet = nominations(tmp_path, ["Người Một,CV,xa02,x,gk", "Người Hai,CV,xa02,x,cn"])
    with pytest.raises(DataError) as info:
        score(campaign, {"xa01": 90, "xa02": 80, "xa03": 70}, nominations=sheet)
    assert [(p.message, p.location.row) for p in info.value.problems] == [
        ("đơn vị 'Đơn vị XA02' chỉ được đề nghị 1 cá nhân; đây là người thứ 2", 4)]


def test_individual_award_total_still_applies_with_unit_quotas(tmp_path):
    small = dict(PAID_INDIVIDUALS, individuals=2, ranks=[{"count": 2, "prize": 500000}])
    campaign = builders.campaign(groups={"xa": 3}, awards=[COLLECTIVE_WITH_QUOTAS, small])
    sheet = nominations(tmp_path, ["A,CV,xa01,x,cn", "B,CV,xa01,x,cn", "C,CV,xa02,x,cn"])
    with pytest.raises(DataError) as info:
        score(campaign, {"xa01": 90, "xa02": 80, "xa03": 70}, nominations=sheet)
    assert [(p.message, p.location.row) for p in info.value.problems] == [
        ("hình thức 'cn' (Giấy khen (cá nhân)) chỉ được đề nghị 2 cá nhân; đây là người thứ 3",
         5)]


# Resolved ties leave a note documents can cite; `tie` stays for open ties only.

def _keyed(awards, **scoring):
    return builders.campaign(
        groups={"xa": 4}, awards=awards,
        metrics=[{"id": "diem", "label": "Điểm", "type": "points"}, {"id": "a", "label": "A"}],
        **scoring)


def test_tie_broken_by_a_tie_break_gets_a_note_and_no_tie_flag():
    campaign = _keyed([RANKED], tie_breaks=[{"label": "Chỉ số A cao hơn xếp trên",
                                             "metric": "a"}])
    rows = {"xa01": {"diem": 90, "a": 3}, "xa02": {"diem": 90, "a": 5},
            "xa03": {"diem": 70, "a": 1}, "xa04": {"diem": 60, "a": 1}}
    result = compute_period(campaign, "c", campaign.periods[0], builders.inputs(rows))
    xa01, xa02 = result.unit("xa01"), result.unit("xa02")
    assert (xa02.rank, xa02.award, xa01.rank, xa01.award) == (1, "Hạng Nhất", 2, "Hạng Nhì")
    assert xa02.tie_note == ("Bằng 90 điểm với Đơn vị XA01; xếp trên theo tiêu chí phụ: "
                             "chỉ số A cao hơn xếp trên")
    assert xa01.tie_note == ("Bằng 90 điểm với Đơn vị XA02; xếp dưới theo tiêu chí phụ: "
                             "chỉ số A cao hơn xếp trên")
    assert not xa01.tie and not xa02.tie and result.unit("xa03").tie_note is None
    assert [u["tie"] for u in result.to_json()["units"]] == [False] * 4


def test_tie_settled_by_the_council_file_names_the_file():
    campaign = _keyed([RANKED])
    rows = {u: {"diem": p, "a": 1} for u, p in (("xa01", 90), ("xa02", 90), ("xa03", 90),
                                                ("xa04", 50))}
    result = compute_period(campaign, "c", campaign.periods[0], builders.inputs(
        rows, council_order={"xa03": 1, "xa01": 2, "xa02": 2}))
    assert [u.unit_id for u in result.units[:2]] == ["xa03", "xa01"]
    assert result.unit("xa03").tie_note == (
        "Bằng 90 điểm với Đơn vị XA01, Đơn vị XA02; xếp trên Đơn vị XA01, Đơn vị XA02, thứ tự "
        "do Hội đồng quyết định (tệp data/dot-hoi-dong.csv)")
    # xa01 and xa02 stay level (both Hạng Nhì would need two slots: the council must decide)
    assert result.unit("xa01").tie and result.unit("xa01").tie_note.startswith(
        "cần Hội đồng quyết định: Đơn vị XA01, Đơn vị XA02")


def test_level_units_after_a_broken_tie_are_named():
    single = {"id": "gk", "form": "Giấy khen", "level": "xã", "ranks": [{"count": 1}]}
    campaign = _keyed([single], tie_breaks=[{"label": "Chỉ số A cao hơn", "metric": "a"}])
    rows = {"xa01": {"diem": 90, "a": 9}, "xa02": {"diem": 90, "a": 1},
            "xa03": {"diem": 90, "a": 1}, "xa04": {"diem": 10, "a": 1}}
    result = compute_period(campaign, "c", campaign.periods[0], builders.inputs(rows))
    assert result.pending_ties == ()  # xa02 and xa03 both get nothing
    assert result.unit("xa02").tie_note == (
        "Bằng 90 điểm với Đơn vị XA01, Đơn vị XA03; xếp dưới Đơn vị XA01 theo tiêu chí phụ: "
        "chỉ số A cao hơn; đồng hạng với Đơn vị XA03")


def test_pending_message_cites_a_council_tie_break_stated_in_words():
    council = "Hội đồng Thi đua - Khen thưởng xã xem xét, quyết định"
    campaign = _keyed([RANKED], tie_breaks=[{"label": council, "council": True}])
    rows = {"xa01": {"diem": 90, "a": 1}, "xa02": {"diem": 90, "a": 2},
            "xa03": {"diem": 10, "a": 1}, "xa04": {"diem": 5, "a": 1}}
    result = compute_period(campaign, "c", campaign.periods[0], builders.inputs(rows))
    (tie,) = result.pending_ties
    assert "kế hoạch không nêu tiêu chí phụ" not in tie.message
    assert tie.message.startswith("cần Hội đồng quyết định: Đơn vị XA01, Đơn vị XA02 cùng 90 "
                                  f"điểm, tiêu chí phụ của kế hoạch: {council}; thứ tự quyết "
                                  "định Hạng Nhất/Hạng Nhì")


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
