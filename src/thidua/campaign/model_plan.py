"""The plan as its author wrote it: the outline of headings and text, typed legal bases."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BeforeValidator, Field
from typing_extensions import Annotated

from thidua.campaign.model_types import Base, Text, VNDate, parse_text

# Typed data an outline node may show where the author placed it (after the node's own text).
PLACEMENTS = ("criteria_table", "awards", "bonus_points", "deadlines", "tasks", "participants",
              "units", "time", "dossier")
Placement = Literal["criteria_table", "awards", "bonus_points", "deadlines", "tasks",
                    "participants", "units", "time", "dossier"]

Column = Literal["stt", "title", "label", "points", "guidance"]


def _one_or_many(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class OutlineNode(Base):
    """One heading or numbered item of the plan, its text, what typed data it shows, its children."""

    number: str | None = Field(None, description="Số/ký hiệu của tác giả: I., 1., 1.1., a), -, +, *")
    heading: str | None = Field(None, description="Tiêu đề (in đậm); bỏ trống nếu là đoạn đánh số")
    text: Text = Field((), description="Các đoạn văn dưới tiêu đề, nguyên văn")
    show: Annotated[tuple[Placement, ...], BeforeValidator(_one_or_many)] = Field(
        (), description="Dữ liệu có cấu trúc in tại đây, sau các đoạn văn: criteria_table, awards, …")
    columns: dict[Column, str] = Field(
        {}, description="Cột của bảng tiêu chí theo thứ tự của tác giả: {stt: STT, guidance: Nội "
        "dung, label: Tiêu chí, points: Điểm chuẩn} (title, label, points, guidance, stt)")
    table: tuple[tuple[str, ...], ...] = Field(
        (), description="Một bảng của tác giả, nguyên văn: các dòng, mỗi dòng là danh sách ô; "
        "dòng đầu là tiêu đề cột")
    children: tuple[OutlineNode, ...] = ()


class Plan(Base):
    """The Kế hoạch's body in the author's own order and words."""

    outline: tuple[OutlineNode, ...] = Field(
        (), description="Dàn ý của Kế hoạch: các mục, khoản, điểm theo đúng văn bản gốc")


class LegalBasis(Base):
    """A legal basis stored typed, so it is cited with decree-correct dates everywhere."""

    lead: str = Field("Căn cứ", description="Từ mở đầu: Căn cứ, Thực hiện, …")
    kind: str = Field(description="Loại văn bản: Luật, Nghị định, Kế hoạch, Công văn, …")
    number: str | None = Field(None, description="Số và ký hiệu, ví dụ 165/KH-UBND")
    date: VNDate | None = Field(None, description="Ngày ban hành")
    issuer: str | None = Field(None, description="Cơ quan ban hành, ví dụ UBND tỉnh Hậu Giang")
    subject: str | None = Field(None, description="Trích yếu, kể cả từ nối (về, về việc, …)")


def parse_legal_bases(value: Any) -> Any:
    """A string or list of lines (each one basis, as free text) or typed mappings."""
    if isinstance(value, (list, tuple)):
        return tuple(parse_text([item])[0] if isinstance(item, str) else item
                     for item in value if not (isinstance(item, str) and not item.strip()))
    return parse_text(value)


LegalBases = Annotated[tuple[str | LegalBasis, ...], BeforeValidator(parse_legal_bases)]
