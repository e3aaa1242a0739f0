"""Seed 003 (UBND huyện Châu Thành A, DVCTT 2021): the campaign validates, keeps every figure
and name of the plan, and its sample data has the designed properties (tie, winners, floors)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from thidua.campaign.loading import load_campaign

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN_DIR = ROOT / "campaigns" / "003-chau-thanh-a"
SEED = ROOT / "tests" / "seeds" / "003_3975828fea64a2c7.txt"
SAMPLE_MARK = "# DỮ LIỆU MẪU – số liệu giả định, không phải số liệu thật"

# Numbers of the seed that are not content. The only one (the page number "2") has a single
# digit and is never extracted, so the list is empty; add here with a comment if needed.
NOT_CONTENT: set[str] = set()

# Names of people, bodies and units the plan prints, and key phrases that must survive.
PLAN_NAMES = [
    "Võ Quốc Sử", "Châu Thành A", "Hậu Giang", "Ủy ban nhân dân tỉnh Hậu Giang",
    "Công văn số 90/UBND-NC", "Cổng dịch vụ công trực tuyến tỉnh", "Phòng Nội vụ",
    "Văn phòng HĐND và UBND huyện", "bộ phận tiếp nhận và trả kết quả huyện",
    "Đài Truyền thanh huyện", "Huyện ủy", "Ban TĐKT tỉnh", "Phòng CCHC (Sở Nội vụ tỉnh)",
    "TT: HU, HĐND, UBND huyện", "UBMTTQVN và các đoàn thể huyện", "Ban Dân vận Huyện ủy",
    "Phòng, ban, ngành huyện", "Bưu điện huyện", "UBND các xã, thị trấn", "Lưu: VT, PV02, TH.",
    "Giấy khen của Chủ tịch UBND huyện", "lễ chào cờ hàng tháng tại Huyện ủy",
    "thành tích KT-XH năm 2021", "Trưởng phòng Nội vụ", "Doanh nghiệp và người dân",
    "mức độ 3, mức độ 4", "30 – 40%", "1.000.000đ", "tiêu biểu nhất", "phúc tra",
    "cơ quan thường trực về cải cách hành chính của huyện", "Tờ trình đề nghị khen thưởng",
    "Biên bản họp xét khen thưởng", "Báo cáo thành tích của tập thể, cá nhân theo quy định",
]
# The district's communes and towns in 2021 (not printed in the plan, required as units).
DISTRICT_UNITS = [
    "Thị trấn Một Ngàn", "Thị trấn Bảy Ngàn", "Thị trấn Rạch Gòi", "Thị trấn Cái Tắc",
    "Xã Tân Hòa", "Xã Trường Long Tây", "Xã Trường Long A", "Xã Nhơn Nghĩa A",
    "Xã Thạnh Xuân", "Xã Tân Phú Thạnh",
]
SOURCE_TYPOS = ["trể", "nổi bậc", "dăng ký", "sổ điểm", "Tăng cường tăng cường"]

# Designed totals of the sample data (golden values for a scorer), per period.
EXPECTED = {
    "nam-2021": {
        "tt-mot-ngan": 220, "tt-rach-goi": 158, "xa-nhon-nghia-a": 158, "tt-cai-tac": 145,
        "tt-bay-ngan": 118, "xa-tan-phu-thanh": 105, "xa-thanh-xuan": 89, "xa-tan-hoa": 63,
        "xa-truong-long-a": 40, "xa-truong-long-tay": 15,
        "bo-phan-mot-cua-huyen": 225, "phong-tu-phap": 190, "phong-tai-nguyen-moi-truong": 165,
        "phong-lao-dong-tbxh": 155, "phong-kinh-te-ha-tang": 135,
        "phong-tai-chinh-ke-hoach": 125, "phong-noi-vu": 115, "van-phong-hdnd-ubnd": 110,
        "phong-y-te": 103, "phong-van-hoa-thong-tin": 98, "phong-giao-duc-dao-tao": 95,
        "phong-nong-nghiep-ptnt": 25, "thanh-tra-huyen": 5,
    },
    "thang-10-2021": {
        "tt-mot-ngan": 175, "tt-rach-goi": 135, "xa-nhon-nghia-a": 128, "tt-cai-tac": 125,
        "tt-bay-ngan": 110, "xa-tan-hoa": 70, "xa-thanh-xuan": 58, "xa-tan-phu-thanh": 35,
        "xa-truong-long-tay": 20, "xa-truong-long-a": 5,
        "bo-phan-mot-cua-huyen": 170, "phong-tu-phap": 165, "phong-tai-nguyen-moi-truong": 140,
        "phong-lao-dong-tbxh": 130, "phong-tai-chinh-ke-hoach": 115, "phong-noi-vu": 105,
        "phong-kinh-te-ha-tang": 85, "van-phong-hdnd-ubnd": 75, "phong-giao-duc-dao-tao": 40,
        "phong-y-te": 30, "phong-van-hoa-thong-tin": 25, "phong-nong-nghiep-ptnt": 15,
        "thanh-tra-huyen": -5,
    },
}


@pytest.fixture(scope="module")
def loaded():
    return load_campaign(CAMPAIGN_DIR)


# ---------------------------------------------------------------- validation and fidelity

def test_campaign_validates_without_errors_or_warnings(loaded):
    assert loaded.warnings == []
    campaign = loaded.campaign
    assert campaign.scoring.total_points == 100
    assert [g.id for g in campaign.participants.groups] == ["phong-ban-nganh", "xa-thi-tran"]
    assert len(campaign.group("xa-thi-tran").units) == 10


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_VN_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_SHORT_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d])|\d+")


def _dates_in(text: str) -> set[str]:
    found = {f"{int(d):02d}/{int(m):02d}/{y}" for d, m, y in _VN_DATE.findall(text)}
    return found | {f"{int(d):02d}/{int(m):02d}/{y}" for d, m, y in _SHORT_DATE.findall(text)}


def seed_figures(text: str) -> tuple[set[str], set[str]]:
    """Dates (dd/mm/yyyy) and numbers (≥ 2 digits or with a thousands dot) of the seed."""
    numbers = {n for n in _NUMBER.findall(text)
               if (len(n) >= 2 or "." in n) and n not in NOT_CONTENT}
    return _dates_in(text), numbers


class Corpus:
    """Everything a dumped campaign says: its text, its typed numbers and its dates."""

    def __init__(self, python_dump: Any, json_dump: Any) -> None:
        self.texts: list[str] = []
        self.numbers: set[Decimal] = set()
        self.dates: set[str] = set()
        self._walk(python_dump)
        self._walk(json_dump)
        joined = _nfc("\n".join(self.texts))
        self.dates |= _dates_in(joined)
        self.text = re.sub(r"(?<=\d)\.(?=\d{3}(?!\d))", "", joined)  # 1.500 → 1500

    def _walk(self, value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                self._walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                self._walk(item)
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, (int, Decimal)):
            self.numbers.add(Decimal(value))
        elif isinstance(value, date):
            self.dates.add(value.strftime("%d/%m/%Y"))
        elif isinstance(value, str):
            iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
            if iso:
                self.dates.add(f"{iso[3]}/{iso[2]}/{iso[1]}")
            self.texts.append(value)

    def has_number(self, token: str) -> bool:
        digits = token.replace(".", "")
        if Decimal(digits) in self.numbers:
            return True
        return re.search(rf"(?<![\d]){digits}(?![\d])", self.text) is not None


def missing_figures(seed_text: str, corpus: Corpus) -> list[str]:
    dates, numbers = seed_figures(seed_text)
    missing = sorted(d for d in dates if d not in corpus.dates)
    return missing + sorted(n for n in numbers if not corpus.has_number(n))


def _corpus(campaign) -> Corpus:
    return Corpus(campaign.model_dump(), campaign.model_dump(mode="json"))


def test_every_number_and_date_of_the_plan_is_in_the_campaign(loaded):
    seed_text = _nfc(SEED.read_text(encoding="utf-8"))
    dates, numbers = seed_figures(seed_text)
    assert {"20/01/2021", "18/12/2021"} <= dates
    assert {"1.500", "1.000.000", "10.000.000", "7.000.000", "5.000.000", "98", "05"} <= numbers
    assert missing_figures(seed_text, _corpus(loaded.campaign)) == []


def test_fidelity_check_fails_when_a_figure_is_missing(loaded):
    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [scrub(v) for v in value]
        if isinstance(value, str):
            for figure in ("7.000.000", "18/12/2021", "18 tháng 12 năm 2021", "2021-12-18"):
                value = value.replace(figure, "")
            return value
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value == 7000000:
            return 0
        if isinstance(value, date) and value == date(2021, 12, 18):
            return None
        return value
    python_dump = scrub(loaded.campaign.model_dump())
    json_dump = scrub(loaded.campaign.model_dump(mode="json"))
    missing = missing_figures(_nfc(SEED.read_text(encoding="utf-8")), Corpus(python_dump, json_dump))
    assert "7.000.000" in missing and "18/12/2021" in missing


def test_names_units_and_phrases_of_the_plan_are_kept(loaded):
    corpus = _nfc("\n".join(_corpus(loaded.campaign).texts))
    for name in PLAN_NAMES + DISTRICT_UNITS:
        assert _nfc(name) in corpus, name
    for typo in SOURCE_TYPOS:
        assert typo not in corpus, typo
    signer = loaded.campaign.signer
    assert (signer.on_behalf, signer.prefix, signer.title, signer.name) == (
        "ỦY BAN NHÂN DÂN", None, "CHỦ TỊCH", "Võ Quốc Sử")
    document = loaded.campaign.document
    assert (document.number, document.date, document.symbol, document.year) == (
        None, None, "KH-UBND", 2021)


def test_scoring_rules_per_group(loaded):
    campaign = loaded.campaign
    criteria = {c.id: c for c in campaign.scoring.criteria}
    assert [c.max_points for c in campaign.scoring.criteria] == [10, 15, 35, 30, 10, 0, 0]
    assert criteria["ho-so"].rule_for_group("phong-ban-nganh").target == 150
    assert criteria["ho-so"].rule_for_group("xa-thi-tran").target == 200
    assert criteria["thu-tuc"].rule.none_points == -5
    assert criteria["thu-tuc"].rule.max_bonus is None
    assert criteria["tai-khoan"].overrides["xa-thi-tran"]["title"].endswith("đạt 1.500 tài khoản.")
    assert campaign.scoring.min_total == 90
    assert [t.council for t in campaign.scoring.tie_breaks] == [True]
    ranks = campaign.period("nam-2021").awards[0].ranks
    assert [(r.prize, r.bonus_points, r.individuals) for r in ranks] == [
        (10_000_000, 15, 5), (7_000_000, 10, 4), (5_000_000, 5, 3)]


# ---------------------------------------------------------------- sample data

def _rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SAMPLE_MARK, path
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def _count(text: str) -> int:
    return int(text.replace(".", ""))


def _threshold(rule, value: Decimal | None) -> Decimal:
    if value is None:
        return Decimal(0)
    if value == 0 and rule.none_points is not None:
        return rule.none_points
    if value < rule.target:
        return rule.below_points
    bonus = ((value - rule.target) // rule.step) * rule.step_points if rule.step else Decimal(0)
    if rule.max_bonus is not None:
        bonus = min(bonus, rule.max_bonus)
    return rule.base_points + bonus


def _timeliness(rule, log: list[dict[str, str]]) -> Decimal:
    points = Decimal(0)
    for row in log:
        month, year = (int(x) for x in row["ky"].split("/"))
        if not row["ngay_nop"]:
            points += rule.missing_points
            continue
        day, m, y = (int(x) for x in row["ngay_nop"].split("/"))
        late = (date(y, m, day) - date(year, month, rule.due_day)).days
        points += next(t.points for t in rule.tiers
                       if t.max_days_late is None or late <= t.max_days_late)
    return points


def reference_totals(campaign, period_id: str) -> dict[str, Decimal]:
    """An independent reading of the plan's rules, to pin the designed sample totals."""
    data = campaign.period(period_id).data
    figures = {r["ma_don_vi"]: r for r in _rows(CAMPAIGN_DIR / data.figures)}
    log = _rows(CAMPAIGN_DIR / data.submissions)
    totals = {}
    for group, unit in campaign.units():
        row, total = figures[unit.id], Decimal(0)
        for crit in campaign.scoring.criteria:
            rule = crit.rule_for_group(group.id)
            if rule.kind == "yes_no":
                total += rule.yes_points if row[rule.metric] == "có" else rule.no_points
            elif rule.kind == "threshold" and rule.numerator:
                num, den = _count(row[rule.numerator]), _count(row[rule.denominator])
                total += _threshold(rule, Decimal(num) * 100 / den if den else None)
            elif rule.kind == "threshold":
                total += _threshold(rule, Decimal(_count(row[rule.metric])))
            elif rule.kind == "per_event":
                total += rule.points_each * _count(row[rule.metric])
            elif rule.kind == "report_timeliness":
                total += _timeliness(rule, [r for r in log if r["ma_don_vi"] == unit.id])
        totals[unit.id] = total
    return totals


@pytest.mark.parametrize("period_id", ["thang-10-2021", "nam-2021"])
def test_sample_figures_match_the_designed_totals(loaded, period_id):
    campaign = loaded.campaign
    rows = _rows(CAMPAIGN_DIR / campaign.period(period_id).data.figures)
    assert sorted(r["ma_don_vi"] for r in rows) == sorted(u.id for _, u in campaign.units())
    assert all(_count(r["so_ho_so_giai_quyet"]) <= _count(r["so_ho_so_tiep_nhan"]) for r in rows)
    assert reference_totals(campaign, period_id) == EXPECTED[period_id]


def _ranked(totals: dict[str, int], units: list[str]) -> list[tuple[str, int]]:
    return sorted(((u, totals[u]) for u in units), key=lambda p: -p[1])


def test_monthly_sample_has_a_single_clear_winner(loaded):
    totals = EXPECTED["thang-10-2021"]
    xa = [u.id for u in loaded.campaign.group("xa-thi-tran").units]
    first, second = _ranked(totals, xa)[:2]
    assert first == ("tt-mot-ngan", 175) and second[1] < first[1]
    assert max(v for k, v in totals.items() if k != "tt-mot-ngan") < 175  # also overall
    assert any(v < 90 for v in totals.values())


def test_year_end_sample_has_one_council_tie_and_clean_boundaries(loaded):
    campaign = loaded.campaign
    totals = EXPECTED["nam-2021"]
    xa = _ranked(totals, [u.id for u in campaign.group("xa-thi-tran").units])
    assert xa[0][1] > xa[1][1] == xa[2][1] > xa[3][1]            # tie only at Nhì/Ba
    tied = {xa[1][0], xa[2][0]}
    order = _rows(CAMPAIGN_DIR / campaign.period("nam-2021").data.council_order)
    assert {r["ma_don_vi"] for r in order} == tied
    council = [r["ma_don_vi"] for r in sorted(order, key=lambda r: int(r["thu_tu"]))]
    nganh = _ranked(totals, [u.id for u in campaign.group("phong-ban-nganh").units])
    assert nganh[6][1] > nganh[7][1] >= 90                       # 07 tập thể, no tie at 7/8
    assert [u for u, v in xa if v < 90] and [u for u, v in nganh if v < 90]

    quota = {xa[0][0]: 5, council[0]: 4, council[1]: 3}
    nominations = _rows(CAMPAIGN_DIR / campaign.period("nam-2021").data.nominations)
    per_unit = Counter(r["ma_don_vi"] for r in nominations if r["hinh_thuc"] == "giay-khen-ca-nhan-xa")
    assert per_unit == quota
    nganh_awarded = {u for u, _ in nganh[:7]}
    nganh_noms = [r for r in nominations if r["hinh_thuc"] == "giay-khen-ca-nhan-nganh"]
    assert len(nganh_noms) == 15 and {r["ma_don_vi"] for r in nganh_noms} <= nganh_awarded
    for unit_id in set(quota) | nganh_awarded:
        assert (CAMPAIGN_DIR / "data" / "bao-cao-thanh-tich" / f"{unit_id}.txt").is_file()
    meeting = campaign.period("nam-2021").meeting
    assert campaign.period("nam-2021").end <= meeting.date <= campaign.deadlines[-1].date
