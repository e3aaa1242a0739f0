"""Context of the Kế hoạch: every section of the campaign definition as numbered blocks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from thidua.campaign.citation import cite
from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Campaign, LegalBasis
from thidua.documents.context_awards import award_lines, bonus_lines, period_award_data
from thidua.documents.context_common import (
    bonus_text,
    document_block,
    has_markers,
    letter,
    lettered,
    points,
    recipient_groups,
    recipient_lines,
    signer_block,
    two,
)
from thidua.documents.context_criteria import scoring_tables
from thidua.documents.context_outline import generated_deadline_lines, outline_blocks, time_text
from thidua.vietnamese.formatting import format_short_date, roman


def ended(text: str, mark: str) -> str:
    """The text ending with `mark` (";" or "."), replacing a trailing ; , . or :."""
    text = text.rstrip()
    while text and text[-1] in ";,.:":
        text = text[:-1].rstrip()
    return text + mark


def legal_basis_lines(bases: Sequence[str | LegalBasis]) -> list[str]:
    """Căn cứ lines, cited (decree dates): each ends with ";", the last with "."."""
    return [ended(cite(b), "." if i == len(bases) - 1 else ";") for i, b in enumerate(bases)]


class _Blocks:
    """Collects typed blocks and numbers sections (I., II.) and clauses (1., 2.) as it goes."""

    def __init__(self) -> None:
        self.blocks: list[dict[str, Any]] = []
        self.section = 0
        self.clause = 0

    def muc(self, title: str) -> None:
        self.section += 1
        self.clause = 0
        self.blocks.append({"loai": "muc", "tieu_de": f"{roman(self.section)}. {title}", "text": ""})

    def khoan(self, title: str, text: str = "") -> None:
        self.clause += 1
        self.blocks.append({"loai": "khoan", "tieu_de": f"{self.clause}. {title}", "text": text})

    def diem(self, title: str, text: str = "") -> None:
        self.blocks.append({"loai": "diem", "tieu_de": title, "text": text})

    def doan(self, *texts: str) -> None:
        self.blocks.extend({"loai": "doan", "tieu_de": "", "text": t} for t in texts)

    def bang(self, table: dict[str, Any]) -> None:
        self.blocks.append({"loai": "bang", "tieu_de": "", "text": "", "bang": table})

    def khoan_with(self, title: str, paragraphs: list[str]) -> None:
        """A clause whose single short paragraph goes on the clause line itself."""
        if len(paragraphs) == 1 and not has_markers(paragraphs):
            self.khoan(title + ":", paragraphs[0])
        else:
            self.khoan(title)
            self.doan(*paragraphs)


def _participants(b: _Blocks, campaign: Campaign) -> None:
    people = campaign.participants
    paragraphs = list(people.text)
    if not (people.collectives or people.individuals):
        b.khoan_with("Đối tượng thi đua", paragraphs or [""])
    else:
        b.khoan("Đối tượng thi đua")
        b.doan(*paragraphs)
        for i, (label, text) in enumerate(
                [(lbl, txt) for lbl, txt in (("Tập thể", people.collectives),
                                            ("Cá nhân", people.individuals)) if txt]):
            head = f"{'ab'[i]}) {label}:"
            if len(text) == 1:
                b.diem(head, text[0])
            else:
                b.diem(head)
                b.doan(*text)
    if people.groups:
        b.doan("Các đơn vị thi đua theo nhóm:")
        b.doan(*(f"- {g.name} ({two(len(g.units))} đơn vị): "
                 f"{', '.join(u.name for u in g.units)}." for g in people.groups if g.units))


def _scoring(b: _Blocks, campaign: Campaign) -> None:
    scoring = campaign.scoring
    tables = scoring_tables(campaign)
    if not (scoring.intro or tables or scoring.notes or scoring.ranking_text):
        return
    b.muc("TIÊU CHÍ THI ĐUA VÀ CÁCH CHẤM ĐIỂM")
    if scoring.intro:
        b.khoan_with("Tiêu chí chung", lettered(scoring.intro))
    if tables:
        total = f" (tổng điểm chuẩn {tables[0]['tong']} điểm)" if len(tables) == 1 else ""
        b.khoan(f"Bảng chấm điểm{total}")
        for i, table in enumerate(tables):
            if table["tieu_de"]:
                b.diem(f"{letter(i)}) {table['tieu_de']}:")
            b.bang(table)
    notes = list(scoring.notes)
    if scoring.min_total is not None and not any(
            points(scoring.min_total) + " điểm" in note for note in notes):
        notes.append(f"Các cơ quan, đơn vị phải đạt từ {points(scoring.min_total)} điểm "
                     "trở lên mới được xếp hạng thi đua.")
    if notes:
        b.khoan_with("Lưu ý", notes)
    ranking = list(scoring.ranking_text)
    if not ranking and tables:
        scope = "trong từng nhóm" if scoring.ranking == "group" else "chung các đơn vị"
        ranking = [f"Các đơn vị được xếp hạng theo tổng điểm từ cao đến thấp {scope}."]
    ties = [t.label for t in scoring.tie_breaks]
    if ties:
        ranking.append("Trường hợp bằng điểm: " + "; ".join(ties) + ".")
    if ranking:
        b.khoan_with("Cách xếp hạng", ranking)


def _awards(b: _Blocks, campaign: Campaign) -> None:
    dossier = campaign.dossier
    if not (campaign.standards or campaign.periods or dossier.required or campaign.deadlines):
        return
    b.muc("TIÊU CHUẨN, HÌNH THỨC VÀ CƠ CẤU KHEN THƯỞNG")
    if campaign.standards:
        b.khoan_with("Tiêu chuẩn khen thưởng", list(campaign.standards))
    for period in campaign.periods:
        title = ("Hình thức, cơ cấu khen thưởng" if len(campaign.periods) == 1
                 else period.name)
        b.khoan(title)
        b.doan(*period.text)
        verbatim = any(a.text for a in period.awards)
        seen = set(period.text)  # awards sharing a paragraph of the plan quote it each
        for i, award in enumerate(period.awards):
            if award.text:
                b.doan(*(t for t in award.text if t not in seen))
                seen.update(award.text)
            else:
                head, *rest = award_lines(campaign, award)
                b.diem(f"{letter(i)}) {head}")
                b.doan(*rest)
        bonus = bonus_lines(campaign, period)
        if bonus and not verbatim:
            b.khoan(f"Cộng {bonus_text('', dossier.bonus_points_label)} cho các đơn vị được "
                    "khen thưởng:")
            b.doan(*lettered(bonus))
    if dossier.required or dossier.text:
        b.khoan_with("Hồ sơ đề nghị khen thưởng", lettered(dossier.required) + list(dossier.text))
    deadlines = deadline_lines(campaign)
    if deadlines:
        b.khoan_with("Thời hạn, tuyến trình gửi hồ sơ", deadlines)


def deadline_lines(campaign: Campaign) -> list[str]:
    return list(campaign.deadlines_text) or generated_deadline_lines(campaign)


def _tasks(b: _Blocks, campaign: Campaign) -> None:
    if not campaign.tasks:
        return
    b.muc("TỔ CHỨC THỰC HIỆN")
    for i, task in enumerate(campaign.tasks, 1):
        b.doan(f"{i}. {task.text}")
        b.doan(*lettered(task.items))


def plan_blocks(campaign: Campaign) -> list[dict[str, Any]]:
    b = _Blocks()
    if campaign.purposes or campaign.requirements:
        b.muc("MỤC ĐÍCH, YÊU CẦU")
        if campaign.purposes and campaign.requirements:
            b.khoan("Mục đích")
            b.doan(*lettered(campaign.purposes))
            b.khoan("Yêu cầu")
            b.doan(*lettered(campaign.requirements))
        else:
            b.doan(*lettered(campaign.purposes or campaign.requirements))
    b.muc("ĐỐI TƯỢNG, THỜI GIAN VÀ NỘI DUNG THI ĐUA")
    _participants(b, campaign)
    b.khoan_with("Thời gian thi đua", time_text(campaign))
    if campaign.content:
        b.khoan_with("Nội dung thi đua", lettered(campaign.content))
    _scoring(b, campaign)
    _awards(b, campaign)
    _tasks(b, campaign)
    return b.blocks


def plan_context(loaded: LoadedCampaign) -> dict[str, Any]:
    """Everything ke-hoach.docx receives."""
    c = loaded.campaign
    van_ban = document_block(c.issuer, c.document, "KH", c.year)
    van_ban.update({
        "trich_yeu": c.title,
        "noi_nhan": recipient_lines(c.recipients),
        "noi_nhan_nhom": recipient_groups(c.recipients),
        "ky": signer_block(c.signer),
    })
    return {
        "van_ban": van_ban,
        "can_cu": legal_basis_lines(c.legal_bases),
        "mo_dau": list(c.preamble),
        "noi_dung": outline_blocks(c) if c.plan.outline else plan_blocks(c),
        "ket_thuc": list(c.closing),
        "ke_hoach": {
            "ten_phong_trao": c.short_name or "",
            "bang_diem": scoring_tables(c),
            "thoi_han": [{"ngay": format_short_date(d.date), "ngay_goc": d.date.isoformat(),
                          "noi_dung": d.what, "noi_gui": d.sender or "", "noi_nhan": d.to or "",
                          "muc_dich": d.purpose or "",
                          "lap_lai": "hằng tháng" if d.repeat == "monthly" else "",
                          "den_ngay_goc": d.until.isoformat() if d.until else ""}
                         for d in c.deadlines],
            "dot": [{"ma": p.id, "ten": p.name, "khen_thuong": period_award_data(c, p)}
                    for p in c.periods],
            "thoi_gian": {"tu_ngay_goc": c.time.start.isoformat() if c.time.start else "",
                          "den_ngay_goc": c.time.end.isoformat()},
        },
    }
