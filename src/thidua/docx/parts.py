"""Where the decree's parts are in a document: header zone, title, kind, recipients, signatures."""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from thidua.docx import nd30
from thidua.docx.fonts import Formatting
from thidua.docx.text import Line, lines_of, walk

HEADING_NUMBER_RE = re.compile(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ])[.)]\s")
PAGE_FIELD_RE = re.compile(r"^\s*PAGE\b")
RUNNING_TEXT_WORDS = 8  # a longer line is text, not a signer's name
SUMMARY_MAX_LINES = 4

SignatureBlock = tuple[list[Line], Line | None]  # position lines, the name under them


def is_position(text: str) -> bool:
    """An all-caps signer position line: "KT. CHỦ TỊCH", "TRƯỞNG PHÒNG", "THƯ KÝ"."""
    if not text or text != text.upper() or not any(c.isalpha() for c in text) or len(text) > 80:
        return False
    if HEADING_NUMBER_RE.match(text):
        return False
    return text.startswith(nd30.AUTHORITY_PREFIXES) or any(w in text for w in nd30.POSITION_WORDS)


def is_running_text(text: str) -> bool:
    """A sentence of the body (not a position, name, note in brackets or short label)."""
    if not text or is_position(text) or text.startswith("("):
        return False
    return len(text.split()) > RUNNING_TEXT_WORDS or text[-1] in ".;:!?"


class DocumentParts:
    """The lines of one document and the parts found in them (computed once, read by rules)."""

    def __init__(self, document, fmt: Formatting) -> None:
        self.doc = document
        counters = {"p": 0, "t": 0, "s": 1, "default_table": fmt.default_style.get("table")}
        self.paras = list(walk(document.element.body, counters))
        self.lines = [line for para in self.paras for line in lines_of(para)]
        self.title = self._find_title()
        self.zone = self._header_zone()
        self.after_title = self.lines[self.lines.index(self.title) + 1:] if self.title else [
            line for line in self.lines if line not in self.zone]
        self.kind = self._kind()

    def _find_title(self) -> Line | None:
        body = [line for line in self.lines if line.para.container == ("body",) and line.text]
        return next((line for line in body[:20] if nd30.kind_for_title(line.text)), None)

    def _header_zone(self) -> list[Line]:
        if self.title:
            before = self.lines[: self.lines.index(self.title)]
            return [ln for ln in before if ln.para.container[:2] in (("body",), ("cell", 1))]
        body = [ln for ln in self.lines if ln.para.container == ("body",)][:10]
        first_table = [ln for ln in self.lines if ln.para.container[:2] == ("cell", 1)]
        return first_table + body

    def _kind(self) -> nd30.DocumentKind:
        if self.title:
            return nd30.kind_for_title(self.title.text)
        if any(line.text.startswith(nd30.CONG_VAN_SUMMARY_PREFIX) for line in self.zone):
            return nd30.CONG_VAN
        return nd30.UNKNOWN_KIND

    @property
    def kind_name(self) -> str:
        return "văn bản" if self.kind is nd30.UNKNOWN_KIND else self.kind.title

    def summary(self) -> list[Line]:
        """The trích yếu: the lines right under the tên loại, up to an empty line or the text.

        Stops at "Kính gửi", a căn cứ, a numbered heading, a position line (a decision's
        authority) or a sentence (ends with punctuation); at most SUMMARY_MAX_LINES lines.
        """
        if self.title is None:
            return []
        found = []
        for line in self.lines[self.lines.index(self.title) + 1:]:
            text = line.text
            if line.para.container != ("body",) or not text or len(found) == SUMMARY_MAX_LINES \
                    or text.startswith((nd30.KINH_GUI_PREFIX, "Căn cứ", "(")) \
                    or HEADING_NUMBER_RE.match(text) or is_position(text) or text[-1] in ".;:!?":
                break
            found.append(line)
        return found

    def kinh_gui(self) -> Line | None:
        return next((ln for ln in self.lines if ln.text.startswith(nd30.KINH_GUI_PREFIX)), None)

    def recipients(self) -> tuple[Line | None, list[Line]]:
        """The "Nơi nhận:" line and the item lines under it in the same container.

        The list ends at an empty line, another container or, in a one-column layout, the
        signer's position line ("TRƯỞNG PHÒNG") that follows it.
        """
        label = next((ln for ln in self.after_title if ln.text.startswith("Nơi nhận")), None)
        if label is None:
            return None, []
        items, start = [], self.lines.index(label) + 1
        for line in self.lines[start:]:
            if line.para.container != label.para.container or not line.text \
                    or is_position(line.text):
                break
            items.append(line)
        return label, items

    def _closing_starts(self, skip: list[Line]) -> dict[int, int]:
        """Per section, the index in `lines` after its last line of running body text."""
        starts: dict[int, int] = {}
        for index, line in enumerate(self.lines):
            if line.para.container == ("body",) and line not in skip and is_running_text(line.text):
                starts[line.para.section] = index + 1
        return starts

    def signature_blocks(self, skip: list[Line]) -> list[SignatureBlock]:
        """Runs of position lines (e.g. "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") and the name below.

        Only the closing is searched: a position line followed by running body text in its
        section (e.g. a decision's authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN …" above the căn
        cứ, or a table in the middle) is not a signature. `skip`: the recipient lines.
        """
        starts = self._closing_starts(skip)
        position = {id(line): index for index, line in enumerate(self.lines)}
        lines = [ln for ln in self.after_title if ln not in skip]
        blocks, index = [], 0
        while index < len(lines):
            line = lines[index]
            if not is_position(line.text) or \
                    position[id(line)] < starts.get(line.para.section, 0):
                index += 1
                continue
            block, name, index = [lines[index]], None, index + 1
            while index < len(lines) and lines[index].para.container == block[0].para.container:
                line = lines[index]
                index += 1
                if not line.text or line.text.startswith("("):
                    continue
                if is_position(line.text):
                    block.append(line)
                    continue
                name = line
                break
            blocks.append((block, name))
        return blocks


def page_fields(root) -> list[tuple[Any, Any, str]]:
    """(paragraph, run carrying the formatting, instruction) of each PAGE field under `root`."""
    found = []
    for simple in root.iter(qn("w:fldSimple")):
        instruction = simple.get(qn("w:instr"), "")
        if PAGE_FIELD_RE.match(instruction):
            paragraph = next(simple.iterancestors(qn("w:p")))
            found.append((paragraph, simple.find(qn("w:r")), instruction))
    for instr in root.iter(qn("w:instrText")):
        if PAGE_FIELD_RE.match(instr.text or ""):
            run = instr.getparent()
            found.append((next(run.iterancestors(qn("w:p"))), run, instr.text))
    return found
