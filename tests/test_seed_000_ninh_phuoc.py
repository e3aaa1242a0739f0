"""Seed 000 (UBND huyện Ninh Phước): the campaign validates and keeps every figure of the plan."""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from thidua.campaign.loading import load_campaign

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "campaigns" / "000-ninh-phuoc"
SEED = Path(__file__).resolve().parent / "seeds" / "000_ebe93a888bfb79b3.txt"
SAMPLE_MARK = "# DỮ LIỆU MẪU – số liệu giả định, không phải số liệu thật"

# Numbers of the seed that are not content. The plan has no page numbers or other noise,
# so the list is empty; add an entry only with a comment saying why it is not content.
NOT_CONTENT: set[str] = set()

# Names of people, bodies, portals, award forms and documents printed in the plan.
PLAN_NAMES = (
    "Bạch Văn Nguyên",
    "Ủy ban nhân dân huyện Ninh Phước",
    "Ninh Thuận",
    "Kế hoạch số 4756/KH-UBND",
    "Văn phòng HĐND và UBND",
    "Phòng Nội vụ",
    "Sở Nội vụ",
    "Văn phòng UBND tỉnh",
    "TT Huyện ủy",
    "TT HĐND Huyện",
    "CT và các PCT UBND Huyện",
    "Các cơ quan, đơn vị trực thuộc UBND huyện",
    "UBND các xã, thị trấn",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Cổng Dịch vụ công quốc gia",
    "Cổng Dịch vụ công của tỉnh",
    "Bưu chính công ích",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
    "Bộ chỉ số đánh giá công tác",
)

_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_WORD_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*%?")


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def padded(day: str, month: str, year: str) -> str:
    return f"{int(day):02d}/{int(month):02d}/{year}"


def seed_figures(text: str) -> tuple[list[str], list[str]]:
    """The dates (dd/mm/yyyy) and the numbers with ≥ 2 digits or a dot separator of a text."""
    text = normalise(text)
    dates = [padded(*m.groups()) for m in _DATE.finditer(text)]
    dates += [padded(*m.groups()) for m in _WORD_DATE.finditer(text)]
    rest = _WORD_DATE.sub(" ", _DATE.sub(" ", text))
    numbers = [n for n in _NUMBER.findall(rest)
               if "." in n or sum(ch.isdigit() for ch in n) >= 2]
    return sorted(set(dates)), sorted(set(numbers) - NOT_CONTENT)


def dump_text(value: Any) -> str:
    """Every string and number of a model dump, ISO dates also written dd/mm/yyyy."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                parts.append(str(key))
                walk(child)
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif node is not None:
            text = str(node)
            iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
            parts.append(f"{iso[3]}/{iso[2]}/{iso[1]}" if iso else text)

    walk(value)
    text = normalise(" \n ".join(parts))
    return _DATE.sub(lambda m: padded(*m.groups()), text)


def missing_figures(seed: str, haystack: str) -> list[str]:
    """Figures of the seed not found in the normalised dump text."""
    dates, numbers = seed_figures(seed)
    missing = [d for d in dates if d not in haystack]
    for number in numbers:
        forms = {number, number.replace(".", "")}
        if not any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", haystack)
                   for f in forms):
            missing.append(number)
    return missing


@pytest.fixture(scope="module")
def loaded():
    return load_campaign(CAMPAIGN)


@pytest.fixture(scope="module")
def haystack(loaded) -> str:
    return dump_text(loaded.campaign.model_dump(mode="json"))


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_campaign_validates_without_problems(loaded):
    assert loaded.id == "000-ninh-phuoc"
    assert [str(w) for w in loaded.warnings] == []


def test_seed_figures_are_extracted(seed):
    dates, numbers = seed_figures(seed)
    assert dates == sorted(["01/11/2022", "22/11/2022", "30/11/2023", "03/12/2023",
                            "05/12/2023", "15/12/2023", "20/12/2023", "31/12/2023"])
    assert {"4756", "01", "02", "04", "07", "11"} <= set(numbers)


def test_every_figure_of_the_plan_is_in_the_campaign(seed, haystack):
    assert missing_figures(seed, haystack) == []


def test_fidelity_check_detects_a_missing_figure(seed, haystack):
    assert missing_figures(seed, haystack.replace("4756", "")) == ["4756"]
    assert "05/12/2023" in missing_figures(seed, haystack.replace("05/12/2023", "x"))


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_every_name_of_the_plan_is_in_the_campaign(name, seed, haystack):
    assert normalise(name) in normalise(seed), "tên không có trong Kế hoạch"
    assert normalise(name) in haystack


def test_structure_matches_the_plan(loaded):
    c = loaded.campaign
    assert (c.issuer.name, c.issuer.symbol, c.issuer.place) == (
        "Ủy ban nhân dân huyện Ninh Phước", "UBND", "Ninh Phước")
    assert c.document.number is None and c.document.date is None and c.year == 2022
    assert (c.signer.on_behalf, c.signer.prefix, c.signer.title, c.signer.name) == (
        None, None, "CHỦ TỊCH", "Bạch Văn Nguyên")
    assert c.time.start is None and c.time.end == date(2023, 12, 31)
    assert [len(g.units) for g in c.participants.groups] == [13, 9]
    communes = {u.name for u in c.group("xa-thi-tran").units}
    assert communes == {"UBND thị trấn Phước Dân"} | {
        f"UBND xã {n}" for n in ("Phước Hậu", "Phước Thuận", "Phước Sơn", "Phước Thái",
                                 "Phước Hữu", "Phước Vinh", "Phước Hải", "An Hải")}
    (criterion,) = c.scoring.criteria
    assert criterion.rule.kind == "council" and criterion.max_points == Decimal(100)
    assert c.scoring.total_points == Decimal(100) and c.scoring.tie_breaks[0].council
    (period,) = c.periods
    bang_khen, giay_khen = period.awards
    assert (bang_khen.level, bang_khen.max_units, dict(bang_khen.caps),
            bang_khen.individuals_per_unit) == ("tỉnh", 2, {"phong-ban": 1, "xa-thi-tran": 1}, 1)
    assert (giay_khen.level, giay_khen.max_units, dict(giay_khen.caps),
            giay_khen.individuals_per_unit) == ("huyện", 11, {"phong-ban": 4, "xa-thi-tran": 7}, 1)
    hops = [(d.date.strftime("%d/%m/%Y"), d.to) for d in c.deadlines]
    assert hops == [
        ("22/11/2022", "Văn phòng HĐND và UBND Huyện và Phòng Nội vụ"),
        ("30/11/2023", "Văn phòng HĐND và UBND huyện"),
        ("03/12/2023", "Phòng Nội vụ"),
        ("05/12/2023", "UBND tỉnh (qua Trung tâm Phục vụ hành chính công tỉnh)"),
        ("15/12/2023", "Văn phòng HĐND và UBND Huyện"),
        ("20/12/2023", "Phòng Nội vụ"),
    ]
    assert [t.office for t in c.tasks] == [
        "Các cơ quan, đơn vị trực thuộc UBND Huyện, UBND các xã, thị trấn",
        "Văn phòng HĐND và UBND Huyện", "Phòng Nội vụ"]
    group, *others = c.recipients.items
    assert group.note == "(Báo cáo)" and group.items[:2] == ("Văn phòng UBND tỉnh", "Sở Nội vụ")
    assert c.recipients.archive == "Lưu: VT. TT"


def read_csv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SAMPLE_MARK
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def points(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


# The designed outcome: per group, ranked by council points; the 96,50 tie in phong-ban is
# broken by the council order file. A collective receives one form only (the higher one).
EXPECTED_ORDER = {
    "phong-ban": ["phong-tai-nguyen-moi-truong", "van-phong-hdnd-ubnd", "phong-tu-phap",
                  "phong-lao-dong-tbxh", "phong-kinh-te-ha-tang", "phong-noi-vu",
                  "phong-nong-nghiep-ptnt", "phong-tai-chinh-ke-hoach", "phong-van-hoa-thong-tin",
                  "phong-giao-duc-dao-tao", "phong-y-te", "thanh-tra-huyen", "phong-dan-toc"],
    "xa-thi-tran": ["xa-phuoc-thuan", "tt-phuoc-dan", "xa-phuoc-hau", "xa-an-hai", "xa-phuoc-hai",
                    "xa-phuoc-vinh", "xa-phuoc-huu", "xa-phuoc-son", "xa-phuoc-thai"],
}


def test_sample_data_produces_the_designed_ranking(loaded):
    c = loaded.campaign
    figures = {r["ma_don_vi"]: r for r in read_csv(CAMPAIGN / "data" / "nam-2023.csv")}
    assert set(figures) == {u.id for _, u in c.units()}
    for row in figures.values():
        assert int(row["ho_so_truc_tuyen"]) + 0 <= int(row["tong_ho_so"])
        assert int(row["ho_so_buu_chinh"]) <= int(row["tong_ho_so"])
        assert int(row["ho_so_tre_han"]) <= int(row["tong_ho_so"])
        assert Decimal(0) <= points(row["diem_bo_chi_so"]) <= Decimal(100)
    council = {r["ma_don_vi"]: int(r["thu_tu"])
               for r in read_csv(CAMPAIGN / "data" / "nam-2023-hoi-dong.csv")}
    for group in c.participants.groups:
        ids = [u.id for u in group.units]
        ranked = sorted(ids, key=lambda u: (-points(figures[u]["diem_bo_chi_so"]),
                                            council.get(u, 0)))
        assert ranked == EXPECTED_ORDER[group.id]
        scores = [points(figures[u]["diem_bo_chi_so"]) for u in ranked]
        bang_khen_cut, giay_khen_cut = 1, 1 + {"phong-ban": 4, "xa-thi-tran": 7}[group.id]
        for cut in (bang_khen_cut, giay_khen_cut):
            tied = scores[cut - 1] == scores[cut]
            assert tied == (group.id == "phong-ban" and cut == 1), (group.id, cut)


def test_nominations_respect_the_quotas(loaded):
    rows = read_csv(CAMPAIGN / "data" / "nam-2023-ca-nhan.csv")
    by_award: dict[str, list[str]] = {}
    for row in rows:
        assert row["ho_ten"] and row["chuc_vu"] and row["thanh_tich"]
        by_award.setdefault(row["hinh_thuc"], []).append(row["ma_don_vi"])
    assert sorted(by_award["bang-khen-tinh"]) == ["phong-tai-nguyen-moi-truong", "xa-phuoc-thuan"]
    assert sorted(by_award["giay-khen-huyen"]) == sorted(
        EXPECTED_ORDER["phong-ban"][1:5] + EXPECTED_ORDER["xa-thi-tran"][1:8])
    awarded = [u for units in by_award.values() for u in units]
    assert len(awarded) == len(set(awarded)) == 13
    for unit_id in awarded:
        narrative = CAMPAIGN / "data" / "bao-cao-thanh-tich" / f"{unit_id}.txt"
        assert "Bộ chỉ số đánh giá" in narrative.read_text(encoding="utf-8")


def test_meeting_falls_between_the_province_hops(loaded):
    (period,) = loaded.campaign.periods
    meeting = period.meeting
    assert date(2023, 12, 3) < meeting.date < date(2023, 12, 5)
    assert meeting.votes.present == 1 + len(meeting.attendees) == meeting.votes.agree
