"""Sections of the format about issuing bodies and documents: header, signer, recipients, dossier."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from thidua.campaign.model_types import Base, Count, Money, Text, VNDate


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


class Votes(Base):
    present: Count | None = None
    agree: Count | None = None
    disagree: Count | None = None
    abstain: Count | None = None


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
    base_salary: Money | None = Field(None, description="Lương cơ sở để tính tiền thưởng theo hệ số")
    bonus_points_label: str = "điểm thi đua phát triển kinh tế - xã hội"
