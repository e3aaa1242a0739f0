"""Where each paragraph landed in the rendered PDF: its pages and its lines, read by colour."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from thidua.errors import ThiduaError
from thidua.proofing.structure import index_of

SAME_LINE = 0.5  # fragments whose baselines differ by less than this share of the size


class UnreadablePdfError(ThiduaError):
    """The PDF LibreOffice wrote could not be read back."""


@dataclass(frozen=True)
class Line:
    """One printed line of a paragraph: its page, baseline height (PDF units, up) and text."""

    page: int
    y: float
    x: float
    text: str


@dataclass
class Placement:
    """Every printed line of every paragraph, by paragraph index; pages counted from 1."""

    lines: dict[int, list[Line]]
    pages: int

    def pages_of(self, index: int) -> list[int]:
        return sorted({line.page for line in self.lines.get(index, [])})

    def first(self, index: int) -> Line | None:
        found = self.lines.get(index)
        return found[0] if found else None

    def last(self, index: int) -> Line | None:
        found = self.lines.get(index)
        return found[-1] if found else None


def _fragments(pdf: Path):
    """(page, paragraph index, x, y, size, text) for each piece of marked text, in order."""
    try:
        reader = PdfReader(str(pdf))
        pages = list(reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadablePdfError(f"{pdf}: không đọc được tệp PDF ({exc}).") from exc
    found = []
    for number, page in enumerate(pages, 1):
        colour: list[tuple[int, int, int] | None] = [None]

        def before(operator, operands, cm, tm, colour=colour):
            if operator == b"rg" and len(operands) == 3:
                colour[0] = tuple(round(float(v) * 255) for v in operands)
            elif operator in (b"g", b"k", b"sc", b"scn"):
                colour[0] = None

        def text(value, cm, tm, font, size, number=number, colour=colour):
            index = index_of(colour[0]) if colour[0] else None
            if index is not None and value.strip():
                scale = abs(cm[3]) or 1.0
                found.append((number, index, tm[4] * scale + cm[4], tm[5] * scale + cm[5],
                              size * scale, value))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found, len(pages)


def place(pdf: Path) -> Placement:
    """Read the marked PDF: the lines of each paragraph, top to bottom, page by page."""
    fragments, pages = _fragments(pdf)
    grouped: dict[int, list] = defaultdict(list)
    for fragment in fragments:
        grouped[fragment[1]].append(fragment)
    lines: dict[int, list[Line]] = {}
    for index, pieces in grouped.items():
        rows: list[list] = []
        for page, _, x, y, size, text in sorted(pieces, key=lambda f: (f[0], -f[3], f[2])):
            if rows and rows[-1][0] == page and abs(rows[-1][1] - y) < SAME_LINE * size:
                rows[-1][3].append((x, text))
            else:
                rows.append([page, y, x, [(x, text)]])
        lines[index] = [Line(page, y, min(p[0] for p in parts),
                             "".join(t for _, t in sorted(parts)).strip())
                        for page, y, _, parts in rows]
    return Placement(lines, pages)
