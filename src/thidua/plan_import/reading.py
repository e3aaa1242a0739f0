"""Reading a plan file (.txt or .docx) into paragraphs and tables, in document order."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from thidua.errors import PlanImportError
from thidua.vietnamese.formatting import nfc

_MARKER = re.compile(r"^\s*([IVXLC]+\.|\d+\.(?:\d+\.)*|\d+(?:\.\d+)+\s|[a-zđ][).]|[-+*•–])\s")
_SENTENCE_END = re.compile(r"([.:;!?]|/\.|\.\))\s*$")
_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Nơi nhận|TM\.|KT\.|Q\.|TL\.|TUQ\.|KẾ HOẠCH\s*$)")


@dataclass
class Block:
    """A paragraph (its text, with the number Word's auto-numbering gave it) or a table."""

    text: str = ""
    rows: list[list[str]] = field(default_factory=list)

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def read_plan(source: Path) -> list[Block]:
    """The blocks of a .txt or .docx plan; a PlanImportError if it cannot be read."""
    suffix = source.suffix.lower()
    if not source.is_file():
        raise PlanImportError(f"Không tìm thấy tệp '{source}'.")
    if suffix == ".docx":
        return _read_docx(source)
    if suffix in (".txt", ".text", ".md"):
        return _read_txt(source)
    raise PlanImportError(f"Tệp '{source.name}' không phải .docx hay .txt; hãy lưu Kế hoạch "
                          "dưới dạng Word (.docx) hoặc văn bản (.txt) rồi nhập lại.")


def _read_txt(source: Path) -> list[Block]:
    raw = source.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything
        raise PlanImportError(f"Không đọc được '{source.name}': hãy lưu tệp với mã UTF-8.")
    return [Block(p) for p in join_lines(nfc(text).splitlines())]


def join_lines(lines: list[str]) -> list[str]:
    """Paragraphs from hard-broken lines: a line continues the previous one unless the previous
    ended a sentence, or this one starts a list item or a known opener."""
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = raw.replace("\t", "    ").rstrip()
        if not line.strip() or re.fullmatch(r"\s*(-\s*)?\d{1,3}(\s*-)?\s*", line):
            continue  # blank lines and page numbers
        starts_new = (not current or _MARKER.match(line) or _OPENERS.match(line.strip())
                      or _SENTENCE_END.search(current) or _is_caps(current) != _is_caps(line)
                      or _short_heading(current))
        if starts_new:
            if current:
                paragraphs.append(current)
            current = line.strip() if not _wide_gap(line) else line.lstrip()
        else:
            current = f"{current} {line.strip()}"
    if current:
        paragraphs.append(current)
    return paragraphs


def _short_heading(text: str) -> bool:
    """A numbered line of a few words without final punctuation is a heading on its own."""
    return bool(_MARKER.match(text)) and len(text.split()) <= 7 and not _SENTENCE_END.search(text) \
        and text.split()[0] not in "-+*•–"


def _wide_gap(line: str) -> bool:
    return bool(re.search(r"\S\s{3,}\S", line))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _read_docx(source: Path) -> list[Block]:
    try:
        import docx  # python-docx: reading only
        document = docx.Document(str(source))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanImportError(f"Không mở được '{source.name}' như một tệp Word (.docx): {exc}. "
                              "Hãy mở tệp bằng Word và lưu lại dạng .docx.") from None
    from thidua.plan_import.docx_numbering import Numbering
    numbering = Numbering(document)
    blocks: list[Block] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.extend(_paragraph_blocks(child, numbering))
        elif tag == "tbl":
            rows = _table_rows(child)
            if rows:
                blocks.append(Block(rows=rows))
    return blocks


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _text_of(p) -> str:
    """A paragraph's text: runs' text, tabs and line breaks as spaces, text boxes left out."""
    parts: list[str] = []
    for node in p.iter(_w("t"), _w("tab"), _w("br"), _w("txbxContent")):
        if any(a.tag == _w("txbxContent") for a in node.iterancestors()):
            continue
        if node.tag == _w("t"):
            parts.append(node.text or "")
        elif node.tag == _w("tab"):
            parts.append("    ")
        elif node.tag == _w("br"):
            parts.append(" ")
    return nfc("".join(parts))


def _paragraph_blocks(p, numbering) -> list[Block]:
    blocks = []
    seen: set[str] = set()
    for box in p.iter(_w("txbxContent")):  # text boxes (often the header's columns)
        if any(a.tag.endswith("}Fallback") for a in box.iterancestors()):
            continue  # the VML copy of a text box already read from its DrawingML twin
        for inner in box.iter(_w("p")):
            text = _text_of(inner).strip()
            if text and text not in seen:
                seen.add(text)
                blocks.append(Block(text))
    text = _text_of(p)
    label = numbering.label(p)
    if text.strip() and not re.fullmatch(r"\s*(Trang\s*)?\d{1,3}\s*", text):
        stripped = " ".join(text.split()) if not _wide_gap(text.strip()) else text.strip()
        blocks.append(Block(f"{label} {stripped}" if label else stripped))
    return blocks


def _table_rows(tbl) -> list[list[str]]:
    rows = []
    for tr in tbl.iter(_w("tr")):
        cells = []
        for tc in tr.iter(_w("tc")):
            paragraphs = [" ".join(_text_of(p).split()) for p in tc.iter(_w("p"))]
            cells.append("\n".join(t for t in paragraphs if t))
        if any(cells):
            rows.append(cells)
    return rows
