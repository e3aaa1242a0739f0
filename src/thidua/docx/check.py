"""Checks a .docx against Nghị định 30/2020: runs every rule; closing, page number, font rules."""

from __future__ import annotations

import re
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

from thidua.docx import nd30
from thidua.docx.blanks import is_marked_blank
from thidua.docx.fonts import MAX_REPORTED, Findings, Formatting, font_slots
from thidua.docx.header_rules import (
    check_date,
    check_header,
    check_kinh_gui,
    check_number,
    check_page,
    check_summary,
)
from thidua.docx.parts import DocumentParts, SignatureBlock, page_fields
from thidua.docx.text import (
    Line,
    Para,
    UnreadableDocumentError,
    loose,
    open_document,
    own_runs,
    pt,
    run_text,
    size_range,
)
from thidua.errors import Location, Problem

__all__ = ["UnreadableDocumentError", "check_document", "check_documents"]

DECREE = nd30.DECREE
ANY_SIZES, BODY_SIZES = nd30.FONT_SIZES_PT["any"], nd30.FONT_SIZES_PT["body"]
RULE_SUMMARIES = {
    "font": f"dùng phông khác {nd30.FONT_NAME}",
    "size": f"có cỡ chữ ngoài {size_range(*ANY_SIZES)} pt",
    "body_size": f"ở phần nội dung có cỡ chữ ngoài {size_range(*BODY_SIZES)} pt",
    "recipient": "trong danh sách nơi nhận sai quy cách",
}


def check_recipients(parts: DocumentParts, found: Findings) -> list[Line]:
    label, items = parts.recipients()
    rule = f"{DECREE} yêu cầu mỗi nơi nhận một dòng, bắt đầu bằng '- ', kết thúc bằng ';', "\
           "dòng cuối '- Lưu: VT, …' kết thúc bằng '.'"
    if label is None:
        if parts.kind.recipients_required:
            found.add(f"Không có phần 'Nơi nhận:'; {DECREE} yêu cầu 'Nơi nhận:' (cỡ 12, đậm, "
                      "nghiêng) bên trái, ngang dòng chức vụ người ký, các nơi nhận cỡ 11",
                      "cuối văn bản")
        return []
    if label.text != nd30.RECIPIENTS_LABEL:
        found.add(f"Viết '{label.text}'; {DECREE} yêu cầu đúng '{nd30.RECIPIENTS_LABEL}'",
                  label.key)
    found.check_part(label, "recipients_label", "'Nơi nhận:'", bold=True, italic=True)
    if not items:
        found.add(f"Danh sách nơi nhận trống; {rule}", label.key)
    for index, item in enumerate(items):
        last = index == len(items) - 1
        if not item.text.startswith("- "):
            found.add(f"Nơi nhận '{item.text}' không bắt đầu bằng '- '; {rule}", item.key,
                      "recipient")
        if not last and not item.text.endswith(";"):
            found.add(f"Nơi nhận '{item.text}' thiếu dấu ';' ở cuối; {rule}", item.key,
                      "recipient")
        if last and not item.text.endswith("."):
            found.add(f"Nơi nhận cuối '{item.text}' phải kết thúc bằng '.'; {rule}", item.key)
        if last and not item.text.startswith("- Lưu"):
            found.add(f"Nơi nhận cuối '{item.text}' không phải '- Lưu: VT, …'; {rule}", item.key)
        found.check_part(item, "recipients_item", "Dòng nơi nhận", rule="recipient")
    if items and parts.kinh_gui() is not None and not items[0].text.startswith("- Như trên"):
        found.add(f"Văn bản có 'Kính gửi' nhưng nơi nhận đầu tiên là '{items[0].text}'; "
                  f"{DECREE} yêu cầu bắt đầu bằng '- Như trên;'", items[0].key)
    return [label, *items]


def _check_block(found: Findings, block: list[Line], name: Line | None) -> None:
    for line in block:
        found.check_part(line, "signer", "Chức vụ người ký", bold=True)
    if name is None:
        found.add(f"Không thấy họ tên người ký dưới '{block[-1].text}'; {DECREE} yêu cầu họ tên "
                  "chữ thường, in đậm dưới chỗ ký", block[-1].key)
        return
    # a name not known yet is a highlighted blank ("………"), written by hand before signing
    blank = is_marked_blank(name.para.element)
    if not blank and name.text == name.text.upper():
        found.add(f"Họ tên người ký '{name.text}' viết in hoa; {DECREE} yêu cầu họ tên chữ "
                  "thường (chữ đầu viết hoa), in đậm", name.key)
    if not blank and name.text.split()[0] in nd30.ACADEMIC_TITLES:
        found.add(f"Họ tên người ký '{name.text}' có học hàm, học vị; {DECREE} yêu cầu không "
                  "ghi học hàm, học vị trước họ tên", name.key)
    found.check_part(name, "signer_name", "Họ tên người ký", bold=True)


def _minutes_blocks(found: Findings, blocks: list[SignatureBlock]) -> list[SignatureBlock]:
    """The THƯ KÝ and CHỦ TỌA blocks of a biên bản (secretary left, chair right)."""
    roles = {}
    for role in (nd30.MINUTES_SECRETARY, nd30.MINUTES_CHAIR):
        match = [b for b in blocks if any(loose(ln.text) == loose(role) for ln in b[0])]
        if not match:
            found.add(f"Biên bản thiếu chữ ký của {role}; {DECREE} yêu cầu chữ ký của "
                      "THƯ KÝ (bên trái) và CHỦ TỌA (bên phải)", "cuối văn bản")
        else:
            roles[role] = match[0]
    if len(roles) == 2:
        secretary, chair = (roles[r][0][0].para.container for r in roles)
        same_row = secretary[0] == "cell" and secretary[:3] == chair[:3]
        if same_row and secretary[3] > chair[3]:
            found.add(f"THƯ KÝ ký bên phải, CHỦ TỌA bên trái; {DECREE} yêu cầu THƯ KÝ bên "
                      "trái, CHỦ TỌA bên phải", roles[nd30.MINUTES_SECRETARY][0][0].key)
    return list(roles.values())


def check_signatures(parts: DocumentParts, found: Findings, recipients: list[Line]) -> None:
    blocks = parts.signature_blocks(recipients)
    if parts.kind.minutes_signatures:
        blocks = _minutes_blocks(found, blocks)
    elif not blocks:
        found.add(f"Không thấy phần chữ ký; {DECREE} yêu cầu chức vụ người ký in hoa, đậm (ví "
                  "dụ 'CHỦ TỊCH', 'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN') và họ tên in đậm bên "
                  "dưới", "cuối văn bản")
    for block, name in blocks:
        _check_block(found, block, name)


def check_page_numbers(parts: DocumentParts, found: Findings) -> None:
    section = parts.doc.sections[0]
    key = "đầu trang, phần 1"
    rule = f"{DECREE} yêu cầu số trang bằng chữ số Ả Rập, cỡ 13–14, căn giữa lề trên, không "\
           "hiển thị ở trang thứ nhất"
    header = section.header
    fields = [] if header.is_linked_to_previous else page_fields(header._element)
    if not fields:
        found.add(f"Đầu trang không có số trang (trường PAGE); {rule}", key)
        return
    if not section.different_first_page_header_footer:
        found.add(f"Trang 1 hiển thị số trang (chưa chọn 'Trang đầu khác', w:titlePg); {rule}",
                  key)
    elif not section.first_page_header.is_linked_to_previous \
            and page_fields(section.first_page_header._element):
        found.add(f"Đầu trang của trang 1 có số trang; {rule}", "đầu trang trang 1, phần 1")
    paragraph, run, instruction = fields[0]
    numbering = section._sectPr.find(qn("w:pgNumType"))
    roman = re.search(r"\\\*\s*(roman|alphabetic)", instruction, re.IGNORECASE)
    if roman or (numbering is not None and numbering.get(qn("w:fmt"), "decimal") != "decimal"):
        found.add(f"Số trang không dùng chữ số Ả Rập; {rule}", key)
    para = Para(paragraph, "", key, ("header",))
    line = Line(para, "", (run,) if run is not None else ())
    found.check_part(line, "page_number", "Số trang", centred=True)
    fmt = found.fmt
    name = fmt.font(fmt.run_levels(para, run), "ascii") if run is not None else None
    if run is not None and name != nd30.FONT_NAME:
        found.add(f"Số trang dùng phông {name or '(không khai báo)'}; {DECREE} yêu cầu phông "
                  f"{nd30.FONT_NAME}", key)


def check_fonts_and_sizes(parts: DocumentParts, found: Findings) -> None:
    """Times New Roman everywhere; sizes 13–14 in the body text, 11–14 elsewhere (tables …).

    Parts with their own range (header, title, nơi nhận, signer) were judged by their rules.
    """
    fmt = found.fmt
    zone = {id(line.para.element) for line in parts.zone}
    for para in parts.paras:
        body = para.container == ("body",) and id(para.element) not in zone
        low, high = BODY_SIZES if body else ANY_SIZES
        bad_font = bad_size = None
        for run in own_runs(para.element):
            text = run_text(run)
            if not text.strip():
                continue
            levels = fmt.run_levels(para, run)
            for slot in sorted(font_slots(run, text)):
                name = fmt.font(levels, slot)
                if name != nd30.FONT_NAME and bad_font is None:
                    bad_font = name or "(không khai báo)"
            size = fmt.size(levels)
            if not low <= size <= high and bad_size is None:
                bad_size = size
        if bad_font:
            found.add(f"Phông chữ {bad_font}; {DECREE} yêu cầu phông {nd30.FONT_NAME}",
                      para.key, "font")
        if bad_size is None or id(para.element) in found.size_checked:
            continue
        where = "phần nội dung cỡ chữ" if body else "cỡ chữ"
        found.add(f"Cỡ chữ {pt(bad_size)} pt; {DECREE} yêu cầu {where} từ {pt(low)} đến "
                  f"{pt(high)} pt", para.key, "body_size" if body else "size")


def _run_rules(path: Path, document) -> list[Problem]:
    fmt = Formatting(document)
    parts, found = DocumentParts(document, fmt), Findings(str(path), fmt)
    check_header(parts, found)
    check_page(parts, found)
    check_number(parts, found)
    check_date(parts, found)
    check_summary(parts, found)
    check_kinh_gui(parts, found)
    check_signatures(parts, found, check_recipients(parts, found))
    check_page_numbers(parts, found)
    check_fonts_and_sizes(parts, found)
    for rule, count in found.counts.items():
        if count > MAX_REPORTED:
            found.add(f"Còn {count - MAX_REPORTED} đoạn khác {RULE_SUMMARIES[rule]}",
                      "toàn văn bản")
    return found.problems


def check_document(path: str | Path) -> list[Problem]:
    """Every way the document at `path` departs from Nghị định 30/2020 (empty list: compliant)."""
    path = Path(path)
    document = open_document(path)
    try:
        return _run_rules(path, document)
    except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
        raise UnreadableDocumentError(
            f"{path}: cấu trúc tệp .docx bị hỏng, không kiểm tra được ({exc})."
        ) from exc


def check_documents(paths) -> dict[str, list[Problem]]:
    """check_document for each path; an unreadable file gets one problem instead of an error."""
    results: dict[str, list[Problem]] = {}
    for path in paths:
        try:
            results[str(path)] = check_document(path)
        except UnreadableDocumentError as exc:
            results[str(path)] = [Problem(exc.message, Location(file=str(path), key="tệp"))]
    return results
