"""Blanks to fill by hand ("……"): highlighted in yellow where a fact is missing, and found."""

from __future__ import annotations

import copy
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from thidua.docx import nd30
from thidua.docx.text import clean, paragraph_text, run_text

# Two or more ellipses, or four dots and more: a place where a value still has to be written.
BLANK_RE = re.compile(r"…{2,}|\.{4,}|…\.+|\.+…")
HIGHLIGHT = "yellow"


def is_highlighted(run) -> bool:
    """A run (w:r) marked with a highlight colour (any but "none")."""
    mark = run.find(f"{qn('w:rPr')}/{qn('w:highlight')}")
    return mark is not None and mark.get(qn("w:val")) not in (None, "none")


def _text_runs(paragraph) -> list:
    return [r for r in paragraph.iter(qn("w:r")) if run_text(r)]


def highlighted_text(paragraph) -> str:
    """The text of a paragraph's highlighted runs, each piece separated by a space."""
    return clean(" ".join(run_text(r) for r in _text_runs(paragraph) if is_highlighted(r)))


def plain_text(paragraph) -> str:
    """The text of a paragraph without its highlighted runs (what is not marked to be filled)."""
    return clean(" ".join(run_text(r) for r in _text_runs(paragraph) if not is_highlighted(r)))


def is_marked_blank(paragraph) -> bool:
    """A paragraph whose only text is highlighted blanks (e.g. a signer's name still unknown)."""
    return bool(highlighted_text(paragraph)) and not plain_text(paragraph) and \
        not BLANK_RE.sub("", highlighted_text(paragraph)).strip()


def _highlight(run) -> None:
    properties = run.get_or_add_rPr()
    mark = properties.find(qn("w:highlight"))
    if mark is None:
        mark = OxmlElement("w:highlight")
        properties.append(mark)
    mark.set(qn("w:val"), HIGHLIGHT)


def _split(run, text: str) -> None:
    """Replace a plain-text run by runs of its pieces, the blanks among them highlighted."""
    pieces, at = [], 0
    for match in BLANK_RE.finditer(text):
        pieces += [(text[at:match.start()], False), (match.group(), True)]
        at = match.end()
    pieces.append((text[at:], False))
    for piece, blank in pieces:
        if not piece:
            continue
        new = copy.deepcopy(run)
        for child in [c for c in new if c.tag != qn("w:rPr")]:
            new.remove(child)
        t = OxmlElement("w:t")
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        new.append(t)
        if blank:
            _highlight(new)
        run.addprevious(new)
    run.getparent().remove(run)


def _in_header(paragraph) -> bool:
    """Inside the table holding the quốc hiệu (the number, place and date lines)."""
    return any(clean(paragraph_text(p)) == nd30.QUOC_HIEU
               for table in paragraph.iterancestors(qn("w:tbl")) for p in table.iter(qn("w:p")))


def highlight_blanks(document) -> int:
    """Highlight every "……" blank of the body, outside the header (whose number and date dots
    are filled when the text is registered, as the decree's forms show). Returns how many."""
    count = 0
    for paragraph in document.element.body.iter(qn("w:p")):
        if not BLANK_RE.search(paragraph_text(paragraph)) or _in_header(paragraph):
            continue
        for run in list(paragraph.iter(qn("w:r"))):
            text = run_text(run)
            if is_highlighted(run) or not BLANK_RE.search(text):
                continue
            count += len(BLANK_RE.findall(text))
            only_text = all(c.tag in (qn("w:rPr"), qn("w:t")) for c in run)
            if only_text:
                _split(run, text)
            else:  # tabs or breaks inside: keep the run whole, mark it all
                _highlight(run)
    return count
