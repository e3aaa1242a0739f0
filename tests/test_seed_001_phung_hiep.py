"""Seed 001 (UBND huyện Phụng Hiệp, 2023): the campaign validates and keeps every figure of the plan."""

from __future__ import annotations

import csv
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from thidua.campaign.loading import load_campaign

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = ROOT / "campaigns" / "001-phung-hiep"
SEED = Path(__file__).parent / "seeds" / "001_73cbdf1851af83b2.txt"
SAMPLE_MARK = "# DỮ LIỆU MẪU – số liệu giả định, không phải số liệu thật"

# Numbers of the seed that are not content. The plan has no page numbers or footers, so the
# list is empty; section numbers (I., 1., a)) are single digits and never extracted.
NUMBER_ALLOW_LIST: set[str] = set()

# Runs of seed words that no verbatim field covers, in order: the national motto, the date line,
# headings and table headers the document template prints itself, item numbers and letters.
EXPECTED_UNCOVERED = [
    "cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc số", "ngày tháng", "kế hoạch",
    "i mục đích yêu cầu 1 mục đích a", "b", "2 yêu cầu a", "b",
    "ii đối tượng thời gian nội dung thi đua 1 đối tượng thi đua", "2 thời gian",
    "3 nội dung thi đua", "iii tiêu chí thi đua 1 tiêu chí chung", "2 chỉ tiêu cụ thể",
    "nội dung", "hướng dẫn chấm", "cơ sở chấm", "cơ sở chấm",
    "iv khen thưởng 1 cách xếp hạng", "2 cơ cấu khen thưởng", "3 hồ sơ đề nghị khen thưởng a",
    "b", "c", "v tổ chức thực hiện 1", "a", "b", "c", "d", "2", "3", "4", "5", "6",
    "nơi nhận", "tm",
]

# Names of people, bodies and programmes printed in the plan.
NAMES = [
    "Trần Không Dận", "UBND huyện Phụng Hiệp", "UBND tỉnh Hậu Giang",
    "Người dân Hậu Giang nộp dịch vụ công trực tuyến",
    "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến", "Ngày Chuyển số quốc gia",
    "Tổ Công nghệ số cộng đồng", "Phòng Văn hóa và Thông tin", "Phòng Nội vụ", "Công an huyện",
    "Hội đồng Thi đua - Khen thưởng", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
    "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện", "Cổng dịch vụ công",
    "Giấy khen của Chủ tịch UBND huyện Phụng Hiệp", "Sở Thông tin và Truyền thông tỉnh",
    "Ban TĐKT tỉnh", "TT: HU, HĐND, UBND huyện", "UBMTTQVN và các đoàn thể huyện",
    "Các Ban xây dựng Đảng", "Phòng ban, ngành huyện", "Các cơ quan Ngân hàng, doanh nghiệp",
    "UBND xã, thị trấn", "Lưu: VT.",
]
COMMUNES = {  # the 15 commune-level units of huyện Phụng Hiệp in 2023
    "tt-cay-duong": "Cây Dương", "tt-kinh-cung": "Kinh Cùng", "tt-bung-tau": "Búng Tàu",
    "xa-tan-long": "Tân Long", "xa-long-thanh": "Long Thạnh", "xa-hoa-an": "Hòa An",
    "xa-hoa-my": "Hòa Mỹ", "xa-phung-hiep": "Phụng Hiệp", "xa-phuong-binh": "Phương Bình",
    "xa-phuong-phu": "Phương Phú", "xa-tan-phuoc-hung": "Tân Phước Hưng",
    "xa-tan-binh": "Tân Bình", "xa-thanh-hoa": "Thạnh Hòa", "xa-binh-thanh": "Bình Thành",
    "xa-hiep-hung": "Hiệp Hưng",
}
# The designed outcome of data/nam-2023.csv (see the hand computation in expected_totals).
EXPECTED_TOTALS = {
    "xa-hoa-an": "100", "tt-cay-duong": "100", "xa-phuong-binh": "98.5", "xa-tan-long": "95.5",
    "tt-kinh-cung": "92.6", "tt-bung-tau": "90.8", "xa-long-thanh": "88", "xa-hoa-my": "87.4",
    "xa-phuong-phu": "85.8", "xa-phung-hiep": "84.8", "xa-tan-phuoc-hung": "80",
    "xa-thanh-hoa": "76", "xa-hiep-hung": "71",
}
EXCLUDED = {"xa-tan-binh", "xa-binh-thanh"}  # online ratio below the 70 % floor
EXPECTED_AWARDS = {"xa-hoa-an": "Hạng Nhất", "tt-cay-duong": "Hạng Nhì",
                   "xa-phuong-binh": "Hạng Ba", "xa-tan-long": "Hạng Khuyến khích",
                   "tt-kinh-cung": "Hạng Khuyến khích"}


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flatten(v)]
    if isinstance(value, list):
        return [s for v in value for s in _flatten(v)]
    if value is None:
        return []
    text = str(value)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return [f"{iso[3]}/{iso[2]}/{iso[1]}" if iso else text]


@pytest.fixture(scope="module")
def loaded():
    return load_campaign(CAMPAIGN)


@pytest.fixture(scope="module")
def dump_text(loaded) -> str:
    return normalise(" \n ".join(_flatten(loaded.campaign.model_dump(mode="json"))))


@pytest.fixture(scope="module")
def seed_text() -> str:
    return normalise(SEED.read_text(encoding="utf-8"))


def seed_numbers(text: str) -> list[str]:
    tokens = re.findall(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?%?", text)
    return sorted({t for t in tokens if "." in t or "/" in t or len(re.sub(r"\D", "", t)) >= 2})


def contains_number(text: str, token: str) -> bool:
    candidates = {token}
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        candidates.add(token.replace(".", ""))
    return any(re.search(rf"(?<![\d.,]){re.escape(c)}(?![\d%]|[.,]\d)", text) for c in candidates)


def test_campaign_validates_without_problems(loaded):
    assert loaded.warnings == []
    assert loaded.campaign.year == 2023


def test_every_number_of_the_plan_is_in_the_campaign(seed_text, dump_text):
    numbers = seed_numbers(seed_text)
    assert {"165", "08", "6.000.000", "1.500.000", "70%", "90%", "05"} <= set(numbers)
    missing = [n for n in numbers if n not in NUMBER_ALLOW_LIST and not contains_number(dump_text, n)]
    assert missing == []


def test_number_check_fails_when_a_figure_is_missing(dump_text):
    assert not contains_number(dump_text.replace("165/KH-UBND", "/KH-UBND"), "165")
    assert not contains_number(dump_text, "7.500.000")


def test_every_name_of_the_plan_is_in_the_campaign(seed_text, dump_text):
    for name in NAMES:
        assert name in seed_text, f"not in the seed: {name}"
        assert name in dump_text, f"missing from campaign.yaml: {name}"


def tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).lower())


def verbatim_paragraphs(c) -> list[str]:
    """Every field of campaign.yaml that carries the plan's own wording."""
    out = [c.title, *c.issuer.header, c.document.symbol, c.issuer.place, f"năm {c.year}",
           *c.legal_bases, *c.preamble,
           *c.purposes, *c.requirements, *c.participants.text, *c.time.text, *c.content,
           *c.scoring.intro, *c.scoring.notes, *c.scoring.ranking_text, *c.dossier.required,
           *c.closing, *c.recipients.items, c.recipients.archive, c.signer.on_behalf,
           c.signer.prefix, c.signer.for_title, c.signer.title, c.signer.name]
    for crit in c.scoring.criteria:
        out += [crit.title, f"{crit.max_points}", *crit.guidance, *crit.basis]
    for award in c.period("nam-2023").awards:
        out += [award.form, *award.text]
    for task in c.tasks:
        out += [task.text, *task.items]
    return out


def test_verbatim_fields_cover_the_whole_plan(loaded, seed_text):
    seed = tokens(seed_text)
    covered = [False] * len(seed)
    for paragraph in verbatim_paragraphs(loaded.campaign):
        words = tokens(paragraph)
        starts = [i for i in range(len(seed) - len(words) + 1) if seed[i:i + len(words)] == words]
        assert starts, f"not verbatim from the plan: {paragraph}"
        for i in starts:
            covered[i:i + len(words)] = [True] * len(words)
    runs, run = [], []
    for word, done in zip(seed, covered):
        if not done:
            run.append(word)
        elif run:
            runs.append(" ".join(run))
            run = []
    assert runs + ([" ".join(run)] if run else []) == EXPECTED_UNCOVERED


def test_structure_of_the_plan(loaded):
    c = loaded.campaign
    assert c.issuer.header == ("ỦY BAN NHÂN DÂN", "HUYỆN PHỤNG HIỆP") and c.issuer.place == "Phụng Hiệp"
    assert (c.document.number, c.document.symbol, c.document.date) == (None, "KH-UBND", None)
    assert (c.signer.on_behalf, c.signer.prefix, c.signer.for_title, c.signer.title) == (
        "ỦY BAN NHÂN DÂN", "KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert len(c.recipients.items) == 8 and c.recipients.archive == "Lưu: VT."
    xa = c.group("xa-thi-tran")
    assert {u.id: u.name for u in xa.units} == {
        k: ("UBND thị trấn " if k.startswith("tt-") else "UBND xã ") + v for k, v in COMMUNES.items()}
    assert len(c.group("ban-nganh-doan-the").units) >= 12
    online, eid = c.scoring.criteria
    assert (online.max_points, online.rule.full_at, online.rule.floor) == (60, 1, Decimal("0.7"))
    assert (eid.max_points, eid.rule.full_at, eid.rule.floor) == (40, Decimal("0.9"), None)
    tie = c.scoring.tie_breaks[0]
    assert (tie.numerator, tie.denominator, tie.order) == ("ho_so_truc_tuyen", "tai_khoan_nop_ho_so", "asc")
    collective, _, district = c.period("nam-2023").awards
    assert [(r.count, r.prize, r.bonus_points, r.individuals) for r in collective.ranks] == [
        (1, 6000000, 3, 5), (1, 4000000, 2, 4), (1, 2000000, 1, 3), (2, 1500000, None, 2)]
    assert collective.other_units_individuals == 1 and district.individuals == 4
    assert len(c.tasks) == 6 and len(c.tasks[0].items) == 4 and len(c.dossier.required) == 3


def read_csv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SAMPLE_MARK
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def expected_totals(rows: list[dict[str, str]]) -> dict[str, tuple[Decimal | None, Decimal]]:
    """Hand computation of the plan's rules: (total or None when excluded, dossiers per account)."""
    out = {}
    for row in rows:
        n = {k: Decimal(v.replace(".", "")) for k, v in row.items() if k not in ("ma_don_vi", "ten_don_vi")}
        online = n["ho_so_truc_tuyen"] / n["ho_so_phat_sinh"]
        eid = n["tai_khoan_dinh_danh"] / n["nguoi_dan_co_cccd"]
        points = (60 if online >= 1 else online * 60) + (40 if eid >= Decimal("0.9") else eid * 40)
        per_account = n["ho_so_truc_tuyen"] / n["tai_khoan_nop_ho_so"]
        out[row["ma_don_vi"]] = (None if online < Decimal("0.7") else points, per_account)
    return out


def test_sample_figures_exercise_the_rules(loaded):
    rows = read_csv(CAMPAIGN / "data" / "nam-2023.csv")
    assert {r["ma_don_vi"] for r in rows} == set(COMMUNES)
    totals = expected_totals(rows)
    assert {u for u, (t, _) in totals.items() if t is None} == EXCLUDED
    assert {u: t for u, (t, _) in totals.items() if t is not None} == {
        u: Decimal(t) for u, t in EXPECTED_TOTALS.items()}
    ranked = sorted((u for u in totals if totals[u][0] is not None),
                    key=lambda u: (-totals[u][0], totals[u][1]))
    assert ranked[:5] == list(EXPECTED_AWARDS)
    # the deliberate tie at 100 points is broken by dossiers per submitting account
    assert totals["xa-hoa-an"][0] == totals["tt-cay-duong"][0]
    assert totals["xa-hoa-an"][1] < totals["tt-cay-duong"][1]
    assert totals[ranked[4]][0] > totals[ranked[5]][0]  # no tie on the last award boundary


def test_sample_nominations_respect_the_quotas(loaded):
    rows = read_csv(CAMPAIGN / "data" / "nam-2023-ca-nhan.csv")
    award = loaded.campaign.period("nam-2023").awards[0]
    quota = {r.name: r.individuals for r in award.ranks}
    per_unit: dict[str, int] = {}
    for row in rows:
        per_unit[row["ma_don_vi"]] = per_unit.get(row["ma_don_vi"], 0) + 1
        expected_award = "ca-nhan-cap-xa" if row["ma_don_vi"] in COMMUNES else "ca-nhan-cap-huyen"
        assert row["hinh_thuc"] == expected_award and row["ho_ten"] and row["thanh_tich"]
    for unit, count in per_unit.items():
        if unit in COMMUNES:
            limit = quota[EXPECTED_AWARDS[unit]] if unit in EXPECTED_AWARDS else award.other_units_individuals
            assert count <= limit and unit not in EXCLUDED
    offices = {u.id for u in loaded.campaign.group("ban-nganh-doan-the").units}
    assert sum(n for u, n in per_unit.items() if u not in COMMUNES) == 4
    assert set(per_unit) <= offices | set(COMMUNES)
    assert all(per_unit[u] == quota[name] for u, name in EXPECTED_AWARDS.items())
    meeting = loaded.campaign.period("nam-2023").meeting
    assert f"{len(EXPECTED_AWARDS):02d} tập thể và {len(rows)} cá nhân" in meeting.conclusion[0]
    for unit in EXPECTED_AWARDS:
        assert (CAMPAIGN / "data" / "bao-cao-thanh-tich" / f"{unit}.txt").is_file()
