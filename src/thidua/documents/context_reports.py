"""Báo cáo thành tích from profiles: own header, results in sentences, missing facts marked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thidua.campaign.legal_frame import decree_name, report_form, report_form_kind
from thidua.campaign.model import Award, Campaign, Issuer, Period
from thidua.documents.award_sections import in_phrase
from thidua.documents.context_common import parent_line, points
from thidua.documents.context_results import figure_text
from thidua.documents.offices import reference_date
from thidua.scoring.results import Nomination, UnitResult
from thidua.vietnamese.formatting import format_money, format_number, upper_vi

ORDINALS = {1: "nhất", 2: "nhì", 3: "ba", 4: "tư"}
LOCAL_BODIES = ("xã ", "phường ", "thị trấn ", "đặc khu ", "huyện ", "quận ", "thị xã ",
                "thành phố ")
PERSON_FIELDS = (  # (profile key, label in the individual form)
    ("ngay_sinh", "Ngày, tháng, năm sinh"), ("gioi_tinh", "Giới tính"),
    ("que_quan", "Quê quán"), ("dan_toc", "Dân tộc"),
    ("trinh_do_chuyen_mon", "Trình độ chuyên môn, nghiệp vụ"),
    ("ly_luan_chinh_tri", "Trình độ lý luận chính trị"),
)
SECTION_NAMES = {"dac_diem": "đặc điểm, tình hình", "chuc_nang": "chức năng, nhiệm vụ",
                 "thanh_tich": "thành tích đạt được", "khen_thuong": "khen thưởng đã nhận",
                 "nhiem_vu": "nhiệm vụ được giao"}


def local_body(name: str) -> str:
    """'UBND xã Hòa An' / 'Ủy ban nhân dân xã Hòa An' → 'xã Hòa An'; '' for other bodies."""
    for prefix in ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        rest = name[len(prefix):] if name.startswith(prefix) else ""
        if rest.lower().startswith(LOCAL_BODIES):
            return rest[:1].lower() + rest[1:]
    if name.lower().startswith(LOCAL_BODIES):
        return name[:1].lower() + name[1:]
    return ""


def in_sentence(name: str) -> str:
    """'Xã Nhơn Nghĩa A' → 'xã Nhơn Nghĩa A' inside a sentence; other names unchanged."""
    return name[:1].lower() + name[1:] if name.lower().startswith(LOCAL_BODIES) else name


def report_issuer(campaign: Campaign, name: str) -> Issuer:
    """The unit issuing its own report: a xã/phường/thị trấn under its own name and place
    ('ỦY BAN NHÂN DÂN / XÃ HÒA AN', dated 'Hòa An'), other units under the campaign's body."""
    body = local_body(name)
    if body:
        place = next((body[len(p):] for p in LOCAL_BODIES if body.lower().startswith(p)), body)
        return Issuer(name=f"Ủy ban nhân dân {body}", header=("ỦY BAN NHÂN DÂN", upper_vi(body)),
                      symbol="UBND", place=place)
    return Issuer(parent=parent_line(campaign.issuer), name=name, symbol="",
                  place=campaign.issuer.place)


def form_note(campaign: Campaign, period: Period, award: Award | None, individual: bool) -> str:
    """'(Mẫu số 08 – Báo cáo thành tích … ban hành kèm theo Nghị định số …)': the award's own
    form, the campaign's setting, else the decree in force on the dossier's date."""
    on = reference_date(campaign, period)
    kind = (award.report_form if award and award.report_form else
            report_form_kind(award.form if award else "", individual))
    number, title = report_form(kind, on)
    decree = decree_name(on)
    custom = campaign.dossier.report_forms.get(kind)
    if custom is not None:
        number, title, decree = custom.number, custom.title or title, custom.decree or decree
    return f"({number}: {title}, ban hành kèm theo {decree})"


def ordinal(rank: int) -> str:
    return ORDINALS.get(rank, str(rank))


def scope_words(group_name: str) -> str:
    """'Các xã, thị trấn' → 'xã, thị trấn' (after a count)."""
    words = group_name.strip()
    if words.lower().startswith("các "):
        words = words[4:]
    return in_phrase(words)


def _ratio_sentence(campaign: Campaign, unit: UnitResult, numerator: str,
                    denominator: str | None) -> str:
    top = unit.figures.get(numerator)
    if top is None:
        return ""
    if denominator is None:
        return figure_text(campaign, numerator, top)
    bottom = unit.figures.get(denominator)
    if not bottom:
        return ""
    share = (Decimal(str(top)) * 100 / Decimal(str(bottom))).quantize(Decimal("0.01"))
    metric = campaign.metric(denominator)
    unit_word = f" {metric.unit}" if metric and metric.unit else ""
    return (f"đạt {format_number(share.normalize())}% ({format_number(Decimal(str(top)))}/"
            f"{format_number(Decimal(str(bottom)))}{unit_word})")


def result_sentences(campaign: Campaign, unit: UnitResult, scope_size: int,
                     total: str = "") -> list[str]:
    """The unit's results as a person writes them, one sentence per criterion of its own group,
    then the total and the rank: never a formula."""
    criteria = {c.id: c for c in campaign.scoring.criteria}
    out = []
    for score in unit.criteria:
        criterion = criteria.get(score.criterion_id)
        if criterion is not None and criterion.groups is not None \
                and unit.group_id not in criterion.groups:
            continue
        name = score.title.rstrip(". ")
        rule = criterion.rule_for_group(unit.group_id) if criterion else None
        fact = ""
        numerator = getattr(rule, "numerator", None)
        if numerator:
            fact = _ratio_sentence(campaign, unit, numerator, getattr(rule, "denominator", None))
        if score.met is not None and score.max_points == 0:
            out.append(f"{name}: {fact + ', ' if fact else ''}"
                       f"{'đạt' if score.met else 'không đạt'} chỉ tiêu.")
            continue
        said = f"{name}: {fact}, " if fact else f"{name}: "
        out.append(f"{said}{points_words(score.points, score.max_points)}.")
    if unit.rank:  # place names inside a sentence keep "xã", "thị trấn" in lower case
        out.append(f"Tổng điểm đạt {total or points(unit.total) + ' điểm'}, xếp thứ "
                   f"{ordinal(unit.rank)} trong {scope_size:02d} {scope_words(unit.group_name)}.")
    return out


def points_words(got: Decimal, standard: Decimal) -> str:
    """'được 60/60 điểm'; a deduction item 'không bị trừ điểm' / 'bị trừ 5 điểm'; above the
    standard (bonus steps) 'được 40 điểm (điểm chuẩn 15, gồm điểm thưởng)'."""
    if standard == 0:
        return "không bị trừ điểm" if got == 0 else f"bị trừ {points(abs(got))} điểm"
    if got > standard:
        return f"được {points(got)} điểm (điểm chuẩn {points(standard)}, gồm điểm thưởng)"
    return f"được {points(got)}/{points(standard)} điểm"


def award_words(unit: UnitResult, honour: bool) -> str:
    """'tặng Giấy khen …, Hạng Nhất' or, for a prize-only award, 'khen thưởng Hạng Nhất, tiền
    thưởng 10.000.000 đồng'."""
    rank = unit.award if unit.award and unit.award != unit.award_form else ""
    money = f", tiền thưởng {format_money(unit.prize)} đồng" if unit.prize else ""
    if honour:
        return f"tặng {unit.award_form}{', ' + rank if rank else ''}{money}"
    return f"khen thưởng {rank or 'theo kết quả xếp hạng'}{money}"


def fact_items(values: list[str], missing: bool) -> list[dict[str, Any]]:
    """Paragraphs of a section; a missing section is one highlighted blank."""
    if missing:
        return [{"text": "", "thieu": True}]
    return [{"text": v, "thieu": False} for v in values]


def person_fields(person: Nomination) -> list[dict[str, Any]]:
    """The individual's profile lines, each filled or left as a highlighted blank."""
    profile = dict(person.profile)
    rows = [{"nhan": "Họ và tên", "gia_tri": person.full_name, "thieu": False}]
    for key, label in PERSON_FIELDS:
        rows.append({"nhan": label, "gia_tri": profile.get(key, ""), "thieu": key not in profile})
    rows.append({"nhan": "Chức vụ, đơn vị công tác",
                 "gia_tri": ", ".join(x for x in (person.position, person.unit_name) if x),
                 "thieu": not person.position})
    return rows


def missing_of_person(person: Nomination, sections: dict[str, list[dict[str, Any]]]) -> list[str]:
    labels = [r["nhan"].lower() for r in person_fields(person) if r["thieu"]]
    return labels + [SECTION_NAMES[k] for k, items in sections.items()
                     if items and items[0]["thieu"]]


def missing_of_unit(sections: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [SECTION_NAMES[k] for k, items in sections.items() if items and items[0]["thieu"]]
