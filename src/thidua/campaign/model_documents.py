"""Sections of the format about issuing bodies and documents: header, signer, recipients, dossier."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from thidua.campaign.model_types import Base, Count, Money, Percent, Text, VNDate


class Issuer(Base):
    """A body that issues documents: header lines, symbol and place name (địa danh)."""

    parent: str | None = Field(None, description="Cơ quan chủ quản (dòng trên), ví dụ UBND TỈNH HẬU GIANG")
    name: str = Field(description="Tên cơ quan ban hành, ví dụ Ủy ban nhân dân huyện Phụng Hiệp")
    header: tuple[str, ...] = Field((), description="Các dòng tên cơ quan ở đầu văn bản (CHỮ HOA); "
                                    "mặc định tách từ name")
    symbol: str = Field(description="Chữ viết tắt tên cơ quan trong ký hiệu văn bản: UBND, PNV, …")
    place: str = Field(description="Địa danh ghi ở dòng ngày tháng, ví dụ Phụng Hiệp")
    short_name: str | None = Field(None, description="Tên ngắn dùng trong câu, ví dụ UBND huyện")


class DocumentNumber(Base):
    """Number, symbol and date of a document; blanks when not yet numbered."""

    number: int | str | None = Field(None, description="Số văn bản; bỏ trống khi chưa vào số")
    symbol: str | None = Field(None, description="Ký hiệu, ví dụ KH-UBND (mặc định theo loại văn bản)")
    date: VNDate | None = Field(None, description="Ngày ban hành; bỏ trống khi chưa ký")
    year: int | None = Field(None, ge=1945, le=2100, description="Năm, khi ngày còn để trống")
    month: int | None = Field(None, ge=1, le=12,
                              description="Tháng, khi đã biết tháng mà ngày còn để trống")


class Signer(Base):
    """Signature block: TM./KT./Q./TL./TUQ. prefix lines, position, name."""

    on_behalf: str | None = Field(None, description="Tập thể lãnh đạo sau 'TM.', ví dụ ỦY BAN NHÂN DÂN")
    prefix: Literal["KT.", "Q.", "TL.", "TUQ."] | None = Field(None, description="KT., Q., TL., TUQ.")
    for_title: str | None = Field(None, description="Chức vụ sau tiền tố, ví dụ CHỦ TỊCH (KT. CHỦ TỊCH)")
    title: str = Field(description="Chức vụ người ký, ví dụ PHÓ CHỦ TỊCH")
    name: str | None = Field(None, description="Họ và tên người ký")


class RecipientGroup(Base):
    """Several recipients bracketed with a note such as '(Báo cáo)'."""

    items: tuple[str, ...]
    note: str


class Recipients(Base):
    """Nơi nhận: the recipients one per line, and the archive line."""

    items: tuple[str | RecipientGroup, ...] = ()
    archive: str = Field("Lưu: VT.", description="Dòng lưu, ví dụ 'Lưu: VT, PNV.'")


class Person(Base):
    name: str
    title: str | None = None
    role: str | None = Field(None, description="Vai trò trong Hội đồng: Chủ tịch, Phó Chủ tịch, "
                             "Ủy viên, Thư ký")


class Votes(Base):
    present: Count | None = None
    agree: Count | None = None
    disagree: Count | None = None
    abstain: Count | None = None


class Ballot(Base):
    """The council's vote on one nominee (unit id or person's name) or one award's list."""

    subject: str = Field(description="Mã đơn vị, họ tên cá nhân hoặc mã hình thức khen thưởng "
                         "được biểu quyết")
    agree: Count = Field(description="Số thành viên đồng ý")
    disagree: Count = Field(0, description="Số thành viên không đồng ý")
    abstain: Count = Field(0, description="Số thành viên không biểu quyết")


class Meeting(Base):
    """Facts of the council meeting recorded in the biên bản."""

    date: VNDate | None = None
    start: str | None = Field(None, description="Giờ bắt đầu, ví dụ 14 giờ 00")
    end: str | None = None
    place: str | None = None
    chair: Person | None = None
    secretary: Person | None = None
    attendees: tuple[Person, ...] = ()
    absent: tuple[Person, ...] = ()
    votes: Votes | None = None
    conclusion: Text = ()
    members: Count | None = Field(None, description="Tổng số thành viên Hội đồng (mặc định: "
                                  "số thành viên trong dossier.council.members, hoặc có mặt + vắng)")
    ballots: tuple[Ballot, ...] = Field((), description="Biểu quyết theo từng người, đơn vị hoặc "
                                        "danh sách")
    discussion: Text = Field((), description="Ý kiến thảo luận tại cuộc họp")
    ties: Text = Field((), description="Trường hợp bằng điểm và cách Hội đồng quyết định")


class Council(Base):
    """The council: its members and the share of all members a proposal needs."""

    members: tuple[Person, ...] = Field((), description="Thành viên Hội đồng (họ tên, chức vụ, "
                                        "vai trò)")
    approval_threshold: Percent = Field(Decimal("0.5"), description="Tỷ lệ đồng ý tối thiểu trên "
                                        "tổng số thành viên Hội đồng, ví dụ 50%, 80%, 90%")
    quorum: Percent | None = Field(None, description="Tỷ lệ thành viên có mặt tối thiểu để họp, "
                                   "ví dụ 2/3 viết 67%")


class ReportForm(Base):
    """The báo cáo thành tích form printed under the title (its number must be confirmed)."""

    number: str = Field(description="Mẫu số, ví dụ Mẫu số 08")
    title: str | None = Field(None, description="Tên mẫu")
    decree: str | None = Field(None, description="Văn bản ban hành mẫu")


class OfficeDocument(Base):
    """Settings of one generated document type (issuer, number, signer, recipients)."""

    issuer: Issuer | None = None
    number: DocumentNumber = DocumentNumber()
    signer: Signer | None = None
    recipients: Recipients | None = None
    addressee: str | None = Field(None, description="Kính gửi")
    legal_bases: Text = Field((), description="Căn cứ riêng của văn bản này (ví dụ của Quyết định)")


class Dossier(Base):
    """Hồ sơ đề nghị khen thưởng and the offices that produce it."""

    required: Text = Field((), description="Thành phần hồ sơ, mỗi dòng một loại")
    text: Text = ()
    council_name: str = "Hội đồng Thi đua - Khen thưởng"
    submission: OfficeDocument = Field(OfficeDocument(), description="Tờ trình")
    decision: OfficeDocument = Field(OfficeDocument(), description="Quyết định")
    minutes: OfficeDocument = Field(OfficeDocument(), description="Biên bản")
    base_salary: Money | None = Field(None, description="Lương cơ sở để tính tiền thưởng theo hệ "
                                      "số (mặc định: mức lương cơ sở hiện hành vào ngày quyết định)")
    council: Council = Field(Council(), description="Hội đồng Thi đua - Khen thưởng")
    funding: str | None = Field(None, description="Nguồn kinh phí khen thưởng")
    executing_offices: tuple[str, ...] = Field(
        (), description="Người, cơ quan thi hành ở Điều cuối của Quyết định")
    report_forms: dict[Literal["chuyen_de", "tap_the", "ca_nhan"], ReportForm] = Field(
        {}, description="Mẫu báo cáo thành tích (chuyen_de, tap_the, ca_nhan)")
    bonus_points_label: str = "điểm thi đua phát triển kinh tế - xã hội"
