"""Who issues, numbers, signs and receives each dossier document (settings or defaults)."""

from __future__ import annotations

from datetime import date
from typing import Any

from thidua.campaign.legal_frame import dossier_date, fold
from thidua.campaign.model import (
    Campaign,
    Issuer,
    OfficeDocument,
    Period,
    Recipients,
    Signer,
)
from thidua.documents.context_common import (
    FILL_BLANK,
    document_block,
    parent_line,
    recipient_groups,
    recipient_lines,
    signer_block,
)
from thidua.documents.context_plan import ended
from thidua.vietnamese.formatting import nfc, upper_vi

NAME_BLANK = FILL_BLANK  # a signer's name still to be written: highlighted when rendered


def initials(name: str) -> str:
    """'Hội đồng Thi đua - Khen thưởng' → 'HĐTĐKT' (symbol of a body in document numbers)."""
    return "".join(upper_vi(w[0]) for w in nfc(name).split() if w[0].isalpha())


def council_issuer(campaign: Campaign) -> Issuer:
    name = campaign.dossier.council_name
    return Issuer(parent=parent_line(campaign.issuer), name=name,
                  header=(upper_vi(name),), symbol=initials(name), place=campaign.issuer.place)


def reference_date(campaign: Campaign, period: Period) -> date:
    """The day the dossier is about (legal_frame.dossier_date): the law in force on it applies."""
    return dossier_date(campaign, period)


def fallback_year(campaign: Campaign, period: Period) -> int:
    return reference_date(campaign, period).year


def _office_title(title: str, body: str) -> str:
    """'TRƯỞNG PHÒNG' of 'Phòng Nội vụ' → 'truong phong noi vu', 'Chủ tịch UBND xã' of 'UBND xã
    Hòa An' → 'chu tich ubnd xa hoa an' (folded, the words they share said once)."""
    said, named = fold(title).split(), fold(body).split()
    shared = next((n for n in range(min(len(said), len(named)), 0, -1)
                   if said[-n:] == named[:n]), 0)
    return " ".join(said + named[shared:])


def _people(campaign: Campaign, period: Period) -> list:
    """Everyone the definition names with an office: the council, then this period's meeting,
    then the other periods' meetings (the same office holders within one campaign)."""
    meetings = [period.meeting] + [p.meeting for p in campaign.periods if p.id != period.id]
    people = list(campaign.dossier.council.members)
    for meeting in meetings:
        if meeting:
            people += [p for p in (meeting.chair, meeting.secretary) if p] + list(meeting.attendees)
    return people


def office_holder(campaign: Campaign, period: Period, title: str, body: str) -> str:
    """The name of whoever the definition says holds `title` of `body` ("" when nobody)."""
    office = _office_title(title, body)
    return next((p.name for p in _people(campaign, period)
                 if p.name and p.title and fold(p.title).startswith(office)), "")


def known_name(campaign: Campaign, period: Period, signer: Signer | None, issuer: Issuer,
               fallback: Signer | None) -> str:
    """A signer's name the definition knows: the fallback signer's (the plan's) when the title
    is the same, else the council member or attendee holding that office ("Trưởng phòng Nội
    vụ" for TRƯỞNG PHÒNG of Phòng Nội vụ)."""
    if signer is None or signer.name:
        return ""
    if fallback is not None and fallback.name and upper_vi(fallback.title) == upper_vi(signer.title):
        return fallback.name
    return office_holder(campaign, period, signer.title, issuer.name)


def office_block(campaign: Campaign, period: Period, office: OfficeDocument, kind: str,
                 issuer: Issuer, *, first_recipient: str | None = None,
                 signer_fallback: Any = None, signed: bool = True) -> dict[str, Any]:
    """The `van_ban` block of a dossier document."""
    block = document_block(issuer, office.number, kind, fallback_year(campaign, period))
    signer = office.signer or signer_fallback
    sign = signer_block(signer, known_name(campaign, period, signer, issuer, signer_fallback))
    if signed and not sign["ho_ten"]:
        sign["ho_ten"] = NAME_BLANK
    block.update({"can_cu": [ended(line, ";") for line in office.legal_bases],
                  "noi_nhan": recipient_lines(office.recipients, first_recipient),
                  "noi_nhan_nhom": recipient_groups(office.recipients), "ky": sign,
                  "kinh_gui": office.addressee or ""})
    return block


def submission_block(campaign: Campaign, period: Period) -> dict[str, Any]:
    office = campaign.dossier.submission
    block = office_block(campaign, period, office, "TTr", office.issuer or campaign.issuer,
                         first_recipient="Như trên", signer_fallback=campaign.signer)
    block["kinh_gui"] = office.addressee or f"Chủ tịch {campaign.issuer.name}"
    return block


def decision_block(campaign: Campaign, period: Period) -> dict[str, Any]:
    office = campaign.dossier.decision
    issuer = office.issuer or campaign.issuer
    fallback = campaign.signer.model_copy(update={"on_behalf": None})
    block = office_block(campaign, period, office, "QĐ", issuer, first_recipient="Như Điều 3",
                         signer_fallback=fallback)
    signer = office.signer or fallback
    block["tham_quyen"] = f"{upper_vi(signer.for_title or signer.title)} {upper_vi(issuer.name)}"
    block["tham_quyen_thuong"] = f"{(signer.for_title or signer.title).capitalize()} {issuer.name}"
    return block


def minutes_block(campaign: Campaign, period: Period) -> dict[str, Any]:
    office = campaign.dossier.minutes
    issuer = office.issuer or council_issuer(campaign)
    number = office.number
    if number.date is None and period.meeting and period.meeting.date:
        number = number.model_copy(update={"date": period.meeting.date})
    return office_block(campaign, period, office.model_copy(update={"number": number}), "BB",
                        issuer, signed=False)


def standing_office_block(campaign: Campaign, period: Period, kind: str,
                          first_recipient: str | None = None) -> dict[str, Any]:
    """The standing office (the submission's issuer) writing a phiếu or a báo cáo."""
    office = campaign.dossier.submission
    archive = office.recipients.archive if office.recipients else Recipients().archive
    plain = OfficeDocument(issuer=office.issuer, signer=office.signer,
                           number=office.number.model_copy(update={"number": None, "symbol": None}),
                           recipients=Recipients(archive=archive))
    issuer = office.issuer or campaign.issuer
    return office_block(campaign, period, plain, kind, issuer, first_recipient=first_recipient,
                        signer_fallback=campaign.signer)
