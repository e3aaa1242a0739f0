"""Award forms named once, list sections per award and group, and the articles of a decision."""

from __future__ import annotations

from typing import Any

from thidua.campaign.legal_frame import fold, is_honour, own_award_ids
from thidua.campaign.model import Campaign, Period
from thidua.documents.context_common import money, two

NO_RANK = "–"  # the rank column of a row without a named rank


def _key(form: str) -> list[str]:
    """Words of a form name with 'UBND' and 'Ủy ban nhân dân' made equal."""
    return fold(form).replace("uy ban nhan dan", "ubnd").split()


def canonical_forms(forms: list[str]) -> dict[str, str]:
    """Each form name → the one name printed for it: the longest of the names it begins
    ('Giấy khen của Chủ tịch UBND huyện' and '… huyện Phụng Hiệp' are one form)."""
    out = {}
    for form in forms:
        words = _key(form)
        longer = [f for f in forms if _key(f)[:len(words)] == words]
        out[form] = max(longer, key=lambda f: (len(_key(f)), f))
    return out


def in_phrase(name: str) -> str:
    """A group's name inside a phrase: 'Các xã, thị trấn' → 'các xã, thị trấn', but an acronym
    stays: 'UBND các xã' is not 'uBND các xã'."""
    first = name.split(" ", 1)[0]
    return name if len(first) > 1 and first.isupper() else name[:1].lower() + name[1:]


def _scope(campaign: Campaign, group_ids: list[str]) -> str:
    every = [g.id for g in campaign.participants.groups]
    if len(every) < 2 or set(every) <= set(group_ids):
        return ""
    names = [g.name for g in campaign.participants.groups if g.id in group_ids]
    return "; ".join(in_phrase(n) for n in names)


def list_sections(campaign: Campaign, period: Period, units: list[dict[str, Any]],
                  people: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Collectives in one table per award and participant group, individuals in one table per
    award (with the groups it covers); each with its own STT, heading and money subtotal."""
    names = canonical_forms([a.form for a in period.awards])
    collectives: list[dict[str, Any]] = []
    for award in period.awards:
        for group in campaign.participants.groups:
            rows = [u for u in units if u["ma_khen_thuong"] == award.id and u["ma_nhom"] == group.id]
            if rows:
                section = _section(names[award.form], group.name, rows, award.id)
                section["co_diem"] = section["co_diem"] and bool(campaign.scoring.criteria)
                collectives.append(section)
    persons: list[dict[str, Any]] = []
    for award in period.awards:
        rows = [p for p in people if p["ma_khen_thuong"] == award.id]
        if rows:
            scope = _scope(campaign, list(award.groups or ()))
            persons.append(_section(names[award.form], scope, rows, award.id))
    for i, section in enumerate(collectives + persons, 1):
        section["so"] = str(i)
    return {"tap_the": collectives, "ca_nhan": persons}


def _section(form: str, group: str, rows: list[dict[str, Any]], award_id: str) -> dict[str, Any]:
    prize = sum(r["tien_thuong_goc"] or 0 for r in rows)
    numbered = [dict(r, stt=str(i)) for i, r in enumerate(rows, 1)]
    return {"hinh_thuc": form, "nhom": group, "ma_khen_thuong": award_id, "dong": numbered,
            "so_dong": two(len(rows)), "tien_thuong": money(prize),
            "co_hang": any(r.get("hang") for r in rows),
            "co_diem": any(r.get("tong_diem") for r in rows),
            "co_diem_cong": any(r.get("diem_cong") for r in rows),
            "tieu_de": form + (f" ({in_phrase(group)})" if group else "")}


def award_lines(campaign: Campaign, period: Period, units: list[dict[str, Any]],
                people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per award form (canonical name), in plan order: who receives it, the money
    attached, and whether it is a hình thức (a prize-only 'award' is not)."""
    names = canonical_forms([a.form for a in period.awards])
    own = own_award_ids(campaign, period)
    out = []
    for form in dict.fromkeys(names[a.form] for a in period.awards):
        awards = [a for a in period.awards if names[a.form] == form]
        ids = {a.id for a in awards}
        mine = [u for u in units if u["ma_khen_thuong"] in ids]
        persons = [p for p in people if p["ma_khen_thuong"] in ids]
        if not (mine or persons):
            continue
        groups = [g for a in awards for g in (a.groups or [x.id for x in
                                                           campaign.participants.groups])]
        prize = sum(u["tien_thuong_goc"] or 0 for u in mine) + \
            sum(p["tien_thuong_goc"] or 0 for p in persons)
        whom = " và ".join(x for x in (f"{two(len(mine))} tập thể" if mine else "",
                                       f"{two(len(persons))} cá nhân" if persons else "") if x)
        out.append({"hinh_thuc": form, "la_hinh_thuc": is_honour(form), "doi_tuong": whom,
                    "cap_tren": not any(a.id in own for a in awards),
                    "nhom": _scope(campaign, list(dict.fromkeys(groups))),
                    "tien_thuong": money(prize), "so_tap_the": len(mine),
                    "so_ca_nhan": len(persons),
                    "nguon_kinh_phi": next((a.funding for a in awards if a.funding), "")})
    return out


def proposal_text(line: dict[str, Any]) -> str:
    """'Tặng Giấy khen … cho 05 tập thể và 28 cá nhân (các xã, thị trấn), kèm theo tiền thưởng
    tổng cộng 30.120.000 đồng' — a prize-only line says 'Thưởng …' instead of 'Tặng'."""
    scope = f" ({line['nhom']})" if line["nhom"] else ""
    amount = line["tien_thuong"]
    if not line["la_hinh_thuc"]:
        text = f"Thưởng cho {line['doi_tuong']}{scope} theo kết quả xếp hạng"
        return text + (f", tổng cộng {amount['so']} đồng" if amount["goc"] else "")
    if line.get("cap_tren"):  # proposed upward: the higher level decides it and its money
        giver = line["hinh_thuc"].partition(" của ")[2] or "cấp trên"
        return f"Trình {giver} tặng {line['hinh_thuc']} cho {line['doi_tuong']}{scope}"
    text = f"Tặng {line['hinh_thuc']} cho {line['doi_tuong']}{scope}"
    if amount["goc"]:
        text += f", kèm theo tiền thưởng tổng cộng {amount['so']} đồng"
    return text


def proposal_sentences(lines: list[dict[str, Any]]) -> list[str]:
    """The proposal as list items: '- Tặng …;' per award form, the last ending with '.'."""
    out = [f"- {proposal_text(line)};" for line in lines]
    if out:
        out[-1] = out[-1][:-1] + "."
    return out


def bonus_lines(units: list[dict[str, Any]]) -> list[str]:
    """'UBND xã Hòa An: 03 điểm' for each unit with bonus points."""
    return [f"{u['ten']}: {u['diem_cong']} điểm" for u in units if u.get("diem_cong")]


def decision_articles(lines: list[dict[str, Any]], bonus: list[str], label: str,
                      total: dict[str, Any], funding: str, executors: str,
                      campaign_phrase: str) -> list[dict[str, str]]:
    """Điều 1…n of a decision: one per award form, bonus points and money in their own
    articles, the executing offices last."""
    articles = []
    for line in lines:
        scope = f" ({line['nhom']})" if line["nhom"] else ""
        money_part = ", kèm theo tiền thưởng theo danh sách" if line["tien_thuong"]["goc"] else ""
        if line["la_hinh_thuc"]:
            articles.append(f"Tặng {line['hinh_thuc']} cho {line['doi_tuong']}{scope} đã có "
                            f"thành tích xuất sắc trong {campaign_phrase}{money_part} (có danh "
                            "sách kèm theo).")
        else:
            articles.append(f"Thưởng cho {line['doi_tuong']}{scope} theo kết quả xếp hạng trong "
                            f"{campaign_phrase}, mức thưởng theo danh sách kèm theo.")
    if bonus:
        articles.append(f"Cộng {label} cho các đơn vị: " + "; ".join(bonus) + ".")
    if total["goc"]:
        articles.append(f"Tổng số tiền thưởng là {total['so']} đồng (Bằng chữ: {total['chu']}), "
                        f"chi từ {funding}.")
    named = ", ".join(str(i) for i in range(1, len(lines) + 1))
    articles.append(f"Quyết định này có hiệu lực kể từ ngày ký. {executors} và các tập thể, cá "
                    f"nhân có tên tại Điều {named} chịu trách nhiệm thi hành Quyết định này./.")
    return [{"so": f"Điều {i}.", "text": " " + text} for i, text in enumerate(articles, 1)]
