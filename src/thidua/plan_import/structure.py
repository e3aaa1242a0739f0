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
_PLACE_DATE = re.compile(r"(?P<place>[^,\n]*?),\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*"
                         r"(?P<y>\d{0,4})")
_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Theo|Triển khai)\b")
_CLOSING = re.compile(r"^(Trên đây|Trong quá trình|Yêu cầu các|Đề nghị các|Ủy ban nhân dân .{0,40}"
                      r"yêu cầu)")


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
    annex: list[Block] = field(default_factory=list)


def split_plan(blocks: list[Block]) -> Draft:
    """Header | KẾ HOẠCH, title | căn cứ | preamble | outline | closing | nơi nhận, signer | annex."""
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
    end = next((j for j in range(i, len(rest))
                if re.match(r"^Nơi\s+nhận", _first_text(rest[j]))), len(rest))
    body = rest[i:end]
    closing_at = next((j for j in range(len(body) - 1, -1, -1) if not body[j].is_table
                       and _CLOSING.match(body[j].text.strip())
                       and all(not b.is_table and not NUMBER.match(b.text) for b in body[j:])),
                      len(body))
    draft.closing = [b.text.strip() for b in body[closing_at:]]
    draft.outline = build_outline(body[:closing_at], draft)
    annex_at = next((j for j in range(end + 1, len(rest)) if re.match(
        r"^(PHỤ LỤC|Phụ lục|BẢNG|Bảng)\b", _first_text(rest[j]))), len(rest))
    _tail(draft, rest[end:annex_at])
    draft.annex = rest[annex_at:]
    draft.tables.extend(b.rows for b in draft.annex if b.is_table)
    return draft


def _first_text(block: Block) -> str:
    """A paragraph's text, or a table's first cell (Word puts nơi nhận and signer in a table)."""
    return (block.rows[0][0] if block.is_table and block.rows[0] else block.text).strip()


def _header(draft: Draft, blocks: list[Block]) -> None:
    lines: list[str] = []
    for block in blocks:
        cells = [c for row in block.rows for c in row] if block.is_table else [block.text]
        for cell in cells:
            lines.extend(cell.split("\n"))
    left: list[str] = []
    for line in lines:
        line = _NATIONAL.sub("\n", line)
        date = _PLACE_DATE.search(line)  # "Tân Lập, ngày      tháng 3 năm 2024": gaps inside
        if date:
            place = re.split(r"\s{3,}|:", date["place"])[-1]
            draft.place = re.sub(r"^.*/[A-ZĐ0-9-]+\s+", "", place).strip()
            draft.date = (date["d"], date["m"], date["y"])
            start = line.rfind(draft.place, date.start("place"), date.end("place"))
            line = line[:max(start, date.start("place"))] + "\n" + line[date.end():]
        number = re.search(r"Số\s*:[^\n]*", line)
        if number:
            match = _NUMBER_LINE.match(re.sub(r"\s+", " ", number.group()))
            if match:
                draft.number, draft.symbol = match["no"].strip(), match["sym"]
            line = line[:number.start()] + "\n" + line[number.end():]
        for part in re.split(r"\n|\s{3,}", line):
            part = part.strip()
            if part and re.sub(r"[\s-]", "", part).isupper():
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
        if block.is_table:  # the table, then a place for the paragraphs that follow it
            draft.tables.append(block.rows)
            draft.body.extend(c.replace("\n", " ") for row in block.rows for c in row if c)
            siblings = stack[-1][1].setdefault("children", []) if stack else roots
            after: dict[str, Any] = {}
            siblings.extend([{"_table": len(draft.tables) - 1}, after])
            stack.append(("after-table", after))
            continue
        text = block.text.strip()
        draft.body.append(text)
        match = NUMBER.match(text)
        if match and any(int(n) > 50 for n in re.findall(r"\d+", match["num"])):
            match = None  # "1.500 hồ sơ …", "2024. …": a figure, not a list number
        if not match:
            target = stack[-1][1] if stack else _loose(roots)
            target.setdefault("text", []).append(text)
            continue
        while stack and stack[-1][0] == "after-table":
            stack.pop()
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
    for line in lines:  # two columns on one line: "- Sở Nội vụ;      (Báo cáo)", "…   GIÁM ĐỐC"
        line = re.sub(r"^\s*Nơi\s+nhận\s*:?", "", line.rstrip())
        recipient_line = False
        for part in re.split(r"\s{3,}|\t+", line):
            part = part.strip()
            if not part:
                continue
            if part.startswith(("-", "–", "+")):
                name = part.lstrip("-–+ ").strip()
                if re.match(r"^Lưu\b", name):
                    draft.archive = name
                else:
                    name = name.rstrip(" ;.,")
                    noted = re.match(r"^(.*?)\s*(\((?:để\s+)?(?:báo cáo|b/c|biết|thực hiện|"
                                     r"phối hợp)[^)]*\))$", name, re.IGNORECASE)
                    items.append((noted.group(1), noted.group(2)) if noted else (name, ""))
                recipient_line = True
            elif re.fullmatch(r"\(.*\)", part) and items and (recipient_line or not signer):
                items[-1] = (items[-1][0], part)
            else:
                signer.append(" ".join(part.split()))
    draft.signer = signer
    draft.recipients = _group_notes(items)


def _group_notes(items: list[tuple[str, str]]) -> list[Any]:
    """Lines sharing a note ("(Báo cáo)") written on each are one group; a note written beside
    one line brackets the lines around it, the brace centred on that line."""
    out: list[Any] = []
    i = 0
    while i < len(items):
        following = [j for j in range(i, len(items)) if items[j][1]]
        if not following:
            out.extend(name for name, _ in items[i:])
            break
        j = following[0]
        same = j
        while same + 1 < len(items) and items[same + 1][1] == items[j][1]:
            same += 1
        if same > j:  # the note written on each line: those lines are the group
            out.extend(name for name, _ in items[i:j])
            out.append({"items": [name for name, _ in items[j:same + 1]], "note": items[j][1]})
            i = same + 1
            continue
        reach = j - i
        stop = min(len(items), j + reach + 1)
        out.extend(name for name, _ in items[i:j - reach] if j - reach > i)
        group = [name for name, _ in items[max(i, j - reach):stop]]
        out.append({"items": group, "note": items[j][1]})
        i = stop
    return out
