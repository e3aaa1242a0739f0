"""Reading a .docx for the checker: paragraphs and printed lines in order, with where they are."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from thidua.errors import ThiduaError
from thidua.zipguard import zip_file_problem


class UnreadableDocumentError(ThiduaError):
    """The file is missing, not a .docx, or too damaged to read."""

    exit_code = 2


def clean(text: str) -> str:
    """NFC text with non-breaking spaces as spaces and whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def loose(text: str) -> str:
    """Text without diacritics, case or dash variants: finds near-misses of fixed strings."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return clean(stripped.replace("–", "-").replace("—", "-")).casefold()


def snippet(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mm(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def size_range(low: float, high: float) -> str:
    return pt(low) if low == high else f"{pt(low)}–{pt(high)}"


def run_text(run) -> str:
    parts = []
    for child in run:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif child.tag == qn("w:noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def own_runs(paragraph) -> list:
    """The runs of this paragraph (also inside hyperlinks, fields, insertions), not text boxes'."""
    return [r for r in paragraph.iter(qn("w:r")) if next(r.iterancestors(qn("w:p"))) is paragraph]


def paragraph_text(paragraph) -> str:
    return "".join(run_text(r) for r in own_runs(paragraph))


@dataclass(frozen=True, eq=False)
class Para:
    """One paragraph of the body, with where it is (for messages) and its container."""

    element: Any
    text: str  # NFC, whitespace collapsed
    where: str  # "đoạn 12" or "bảng 1, ô (1,2)"
    container: tuple  # ("body",) or ("cell", table, row, column)
    table_style: str | None = None
    section: int = 1  # the section (1, 2, …) the paragraph is printed in

    @property
    def key(self) -> str:
        return self.where + (f": '{snippet(self.text)}'" if self.text else "")


@dataclass(frozen=True, eq=False)
class Line:
    """One printed line of a paragraph (paragraphs split at line breaks) and its runs."""

    para: Para
    text: str
    runs: tuple

    @property
    def key(self) -> str:
        return self.para.where + (f": '{snippet(self.text)}'" if self.text else "")


def lines_of(para: Para) -> list[Line]:
    lines: list[list] = [["", []]]
    for run in own_runs(para.element):
        for index, chunk in enumerate(run_text(run).split("\n")):
            if index:
                lines.append(["", []])
            lines[-1][0] += chunk
            if chunk.strip():
                lines[-1][1].append(run)
    return [Line(para, clean(text), tuple(runs)) for text, runs in lines]


def _ends_section(paragraph) -> bool:
    properties = paragraph.find(qn("w:pPr"))
    return properties is not None and properties.find(qn("w:sectPr")) is not None


def walk(blocks, counters: dict, container: tuple | None = None, key: str | None = None,
         table_style: str | None = None):
    """Yield Para for every paragraph, in document order, numbering body paragraphs and tables.

    counters: "p" (body paragraphs), "t" (body tables), "s" (current section, from 1),
    "default_table" (the default table style id).
    """
    for block in blocks:
        if block.tag == qn("w:p"):
            text = clean(paragraph_text(block))
            if container is None:
                counters["p"] += 1
                yield Para(block, text, f"đoạn {counters['p']}", ("body",), None, counters["s"])
                if _ends_section(block):
                    counters["s"] += 1
            else:
                yield Para(block, text, key, container, table_style, counters["s"])
        elif block.tag == qn("w:tbl"):
            if container is None:
                counters["t"] += 1
            style = block.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
            style_id = style.get(qn("w:val")) if style is not None else counters["default_table"]
            for r, row in enumerate(block.iter(qn("w:tr")), 1):
                if next(row.iterancestors(qn("w:tbl"))) is not block:
                    continue
                column = 1
                for cell in row.findall(qn("w:tc")):
                    where = key or f"bảng {counters['t']}, ô ({r},{column})"
                    inner = container or ("cell", counters["t"], r, column)
                    yield from walk(cell, counters, inner, where, style_id)
                    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                    column += int(span.get(qn("w:val"))) if span is not None else 1
        elif block.tag == qn("w:sdt"):
            content = block.find(qn("w:sdtContent"))
            if content is not None:
                yield from walk(content, counters, container, key, table_style)


def open_document(path: Path):
    """The python-docx Document at `path`; UnreadableDocumentError when it cannot be read."""
    if not path.exists():
        raise UnreadableDocumentError(f"{path}: không tìm thấy tệp.")
    if path.is_dir():
        raise UnreadableDocumentError(f"{path}: là thư mục, không phải tệp .docx.")
    too_large = zip_file_problem(path)
    if too_large is not None:
        raise UnreadableDocumentError(f"{path}: {too_large}.")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError,
            OSError) as exc:
        hint = " (tệp .doc Word 97–2003: hãy mở bằng Word và lưu lại dạng .docx)" \
            if path.suffix.lower() == ".doc" else ""
        raise UnreadableDocumentError(f"{path}: không phải tệp Word .docx hợp lệ{hint}.") from exc
