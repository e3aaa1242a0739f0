"""Finding the parts of a plan: header, title, legal bases, the numbered outline, nơi nhận, signer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from thidua.plan_import.reading import Block

NUMBER = re.compile(r"^(?P<num>[IVXLC]+\.|\d+\.(?:\d+\.)*|\d+(?:\.\d+)+|[a-zđ][).])\s+(?P<rest>.*)$")
_NATIONAL = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do"
                       r"\s*[-–]\s*Hạnh\s+phúc")
_NUMBER_LINE = re.compile(r"^Số\s*:\s*(?P<no>[^/]*?)\s*/\s*(?P<sym>[A-ZĐ0-9-]+)\s*(?P<rest>.*)$")
_PLACE_DATE = re.compile(r"(?P<place>[^,]*?),\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*"
                         r"(?P<y>\d{0,4})")
_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Theo|Triển khai)\b")
_CLOSING = re.compile(r"^(Trên đây|Trong quá trình|Yêu cầu các|Đề nghị các|Ủy ban nhân dân .{0,40}"
                      r"yêu cầu)")
_SIGNER_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$")


@dataclass
class Draft:
    """What the reader found, as plain values the YAML writer turns into a campaign."""

    header: list[str] = field(default_factory=list)
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: tuple[str, str, str] = ("", "", "")
    title: str = ""
    legal_bases: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    outline: list[dict[str, Any]] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    recipients: list[Any] = field(default_factory=list)
    archive: str = ""
    signer: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def split_plan(blocks: list[Block]) -> Draft:
    draft = Draft()
    title_at = next((i for i, b in enumerate(blocks)
                     if not b.is_table and re.fullmatch(r"KẾ\s*HOẠCH", b.text.strip())), None)
    start = 0
    if title_at is not None:
        _header(draft, blocks[:title_at])
        start = title_at + 1
    rest = blocks[start:]
    i = 0
    title: list[str] = []
    while i < len(rest) and not rest[i].is_table and not _BASIS.match(rest[i].text) \
            and not NUMBER.match(rest[i].text) and title_at is not None and len(title) < 4 \
            and not rest[i].text.rstrip().endswith((".", ":", ";")):
        title.append(rest[i].text.strip())
        i += 1
    draft.title = " ".join(title)
    while i < len(rest) and not rest[i].is_table and _BASIS.match(rest[i].text):
        draft.legal_bases.append(rest[i].text.strip())
        i += 1
    while i < len(rest) and not rest[i].is_table and not NUMBER.match(rest[i].text) \
            and not rest[i].text.startswith("Nơi nhận"):
        draft.preamble.append(rest[i].text.strip())
        i += 1
    end = next((j for j in range(i, len(rest)) if not rest[j].is_table
                and re.match(r"^Nơi\s+nhận", rest[j].text.strip())), len(rest))
    body = rest[i:end]
    closing_at = next((j for j in range(len(body) - 1, -1, -1) if not body[j].is_table
                       and _CLOSING.match(body[j].text.strip())
                       and all(not b.is_table and not NUMBER.match(b.text) for b in body[j:])),
                      len(body))
    draft.closing = [b.text.strip() for b in body[closing_at:]]
    draft.outline = build_outline(body[:closing_at], draft)
    _tail(draft, rest[end:])
    return draft


def _header(draft: Draft, blocks: list[Block]) -> None:
    lines: list[str] = []
    for block in blocks:
        cells = [c for row in block.rows for c in row] if block.is_table else [block.text]
        for cell in cells:
            lines.extend(cell.split("\n"))
    left: list[str] = []
    for line in lines:
        line = _NATIONAL.sub("\n", line)
        number = re.search(r"Số\s*:.*", line)
        if number:
            line = line[:number.start()] + "\n" + re.sub(r"\s+", " ", number.group())
        for part in re.split(r"\n|\s{3,}", line):
            part = part.strip()
            if not part:
                continue
            match = _NUMBER_LINE.match(part)
            date = _PLACE_DATE.search(part)
            if match:
                draft.number, draft.symbol = match["no"].strip(), match["sym"]
                date = _PLACE_DATE.search(match["rest"])
            if date:
                draft.place = date["place"].strip()
                draft.date = (date["d"], date["m"], date["y"])
            elif not match and re.sub(r"[\s-]", "", part).isupper() and not part.startswith("Số"):
                left.append(part)
    draft.header = left


def _number_style(number: str) -> str:
    if re.fullmatch(r"[IVXLC]+\.", number):
        return "roman"
    if re.fullmatch(r"[a-zđ][).]", number):
        return "letter" + number[-1]
    return f"arabic{number.rstrip('.').count('.')}"


def build_outline(blocks: list[Block], draft: Draft) -> list[dict[str, Any]]:
    """The tree of numbered items: a number style already open closes back to its level."""
    roots: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, Any]]] = []
    for block in blocks:
        if block.is_table:
            draft.tables.append(block.rows)
            node = stack[-1][1] if stack else None
            target = node if node is not None else _loose(roots)
            target.setdefault("text", []).extend(
                cell.replace("\n", " ") for row in block.rows for cell in row if cell.strip())
            target.setdefault("_tables", []).append(len(draft.tables) - 1)
            continue
        text = block.text.strip()
        draft.body.append(text)
        match = NUMBER.match(text)
        if not match:
            target = stack[-1][1] if stack else _loose(roots)
            target.setdefault("text", []).append(text)
            continue
        style = _number_style(match["num"])
        node = _node(match["num"], match["rest"].strip())
        styles = [s for s, _ in stack]
        if style in styles:
            del stack[styles.index(style):]
        (stack[-1][1].setdefault("children", []) if stack else roots).append(node)
        stack.append((style, node))
    return roots


def _loose(roots: list[dict[str, Any]]) -> dict[str, Any]:
    if not roots or roots[-1].get("number") or roots[-1].get("children"):
        roots.append({})
    return roots[-1]


def _node(number: str, rest: str) -> dict[str, Any]:
    """A heading when short and unpunctuated (or 'Heading: text'), else a numbered paragraph."""
    words = rest.split()
    if len(words) <= 14 and not rest.endswith((".", ";", ",")):
        return {"number": number, "heading": rest}
    head, colon, tail = rest.partition(":")
    if colon and tail.strip() and len(head.split()) <= 6 and "“" not in head:
        return {"number": number, "heading": head + ":", "text": [tail.strip()]}
    return {"number": number, "text": [rest]}


def _tail(draft: Draft, blocks: list[Block]) -> None:
    """Nơi nhận lines (with '(Báo cáo)' notes), the archive line, then the signer block."""
    lines: list[str] = []
    for block in blocks:
        cells = [c for row in block.rows for c in row] if block.is_table else [block.text]
        for cell in cells:
            lines.extend(x for x in cell.split("\n") if x.strip())
    items: list[tuple[str, str]] = []
    signer: list[str] = []
    for line in lines:
        line = re.sub(r"^Nơi\s+nhận\s*:?", "", line.strip()).strip()
        if not line:
            continue
        if line.startswith(("-", "–", "+")) and not signer:
            parts = re.split(r"\s{3,}", line.lstrip("-–+ ").strip())
            name, note = parts[0], " ".join(parts[1:])
            name = name.rstrip(" ;.,")
            if re.match(r"^Lưu\b", name):
                draft.archive = line.lstrip("-–+ ").strip()
            else:
                items.append((name, note.strip()))
        elif re.match(r"^\(.*\)$", line) and items and not signer:
            items[-1] = (items[-1][0], line)
        else:
            signer.append(" ".join(line.split()))
    draft.signer = signer
    draft.recipients = _group_notes(items)


def _group_notes(items: list[tuple[str, str]]) -> list[Any]:
    """A note written beside one line brackets the lines around it: the brace is centred on it."""
    out: list[Any] = []
    i = 0
    while i < len(items):
        following = [j for j in range(i, len(items)) if items[j][1]]
        if not following:
            out.extend(name for name, _ in items[i:])
            break
        j = following[0]
        reach = j - i
        stop = min(len(items), j + reach + 1)
        out.extend(name for name, _ in items[i:j - reach] if j - reach > i)
        group = [name for name, _ in items[max(i, j - reach):stop]]
        out.append({"items": group, "note": items[j][1]})
        i = stop
    return out
