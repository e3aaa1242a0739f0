"""One template part (document, header, footer) turned into Jinja source with docxtpl's patching.

Before patching, every <w:p>, <w:tc> and <w:tr> start tag gets a numbered XML comment marker;
after patching each surviving marker becomes a newline. A Jinja line number therefore leads
back to the paragraph, cell or row it came from, even when docxtpl has replaced a whole
{%p %}/{%tr %}/{%tc %} element by its bare tag. Raw newlines of the template itself are
written as &#10; first (the same XML), so every newline in the output is one of ours and a
single str.replace removes them all after rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docxtpl import DocxTemplate
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TC, _TR, _TBL, _T = (f"{{{W_NS}}}{tag}" for tag in ("p", "tc", "tr", "tbl", "t"))
_ELEMENT_START = re.compile(r"<w:(?:p|tc|tr)(?=[ >/])")
_MARKER = re.compile(r"<!--thidua:(\d+)-->")
# Tags whose rendering changes the number of cells in a row (docxtpl then fixes tblGrid).
_TABLE_SHAPE_TAGS = re.compile(r"{%-?\s*(?:tc\s|colspan\s|hm\s*%)")
_BRACE_ESCAPES = ("{_{", "}_}", "{_%", "%_}")
_TAG_BODY = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})")
# XML escapes that docxtpl leaves inside tags: `{{ "A & B" }}` must not become "A &amp; B".
_TAG_ENTITIES = (("&amp;", "&"), ("&quot;", '"'), ("&apos;", "'"), ("&#10;", " "))

_DOCXTPL = DocxTemplate(None)  # only its XML patching methods are used, they keep no state


@dataclass(frozen=True)
class Element:
    """Where a paragraph, cell or row sits, and its text (tags included) for messages."""

    kind: str  # "p", "tc" or "tr"
    text: str
    table: int | None = None
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class PartSource:
    """The Jinja source of one part and the map from its lines back to the elements."""

    part_name: str
    label: str  # "" for the main document, else e.g. "đầu trang header1.xml"
    source: str
    line_elements: tuple[int | None, ...]  # Jinja line (1-based) - 1 → index in elements
    elements: tuple[Element, ...]
    fixes_tables: bool
    has_brace_escapes: bool

    def element_at(self, lineno: int | None) -> Element | None:
        if lineno is None or not 1 <= lineno <= len(self.line_elements):
            return None
        index = self.line_elements[lineno - 1]
        return None if index is None else self.elements[index]


def _text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _describe_elements(root: etree._Element) -> list[Element]:
    """Element records for every w:p/w:tc/w:tr in document order, with table coordinates."""
    table_numbers: dict[etree._Element, int] = {}
    row_numbers: dict[etree._Element, tuple[int, int]] = {}
    cell_numbers: dict[etree._Element, tuple[int, int, int]] = {}
    rows_seen: dict[etree._Element, int] = {}
    cells_seen: dict[etree._Element, int] = {}
    described: list[Element] = []
    for element in root.iter(_P, _TC, _TR, _TBL):
        tag = element.tag
        if tag == _TBL:
            table_numbers[element] = len(table_numbers) + 1
            continue
        if tag == _TR:
            table = next(element.iterancestors(_TBL), None)
            rows_seen[table] = rows_seen.get(table, 0) + 1
            row_numbers[element] = (table_numbers.get(table, 0), rows_seen[table])
            cells = [text for tc in element.iterchildren(_TC) if (text := _text_of(tc).strip())]
            described.append(Element("tr", " | ".join(cells), *row_numbers[element]))
            continue
        cell = element if tag == _TC else next(element.iterancestors(_TC), None)
        if tag == _TC:
            row = next(element.iterancestors(_TR), None)
            cells_seen[row] = cells_seen.get(row, 0) + 1
            cell_numbers[element] = (*row_numbers.get(row, (0, 0)), cells_seen[row])
        where = cell_numbers.get(cell, (None, None, None)) if cell is not None else (None,) * 3
        described.append(Element("p" if tag == _P else "tc", _text_of(element), *where))
    return described


def _insert_markers(xml: str) -> str:
    counter = iter(range(1 << 30))
    return _ELEMENT_START.sub(lambda m: f"<!--thidua:{next(counter)}-->{m.group(0)}", xml)


def _markers_to_lines(patched: str) -> tuple[str, tuple[int | None, ...]]:
    """Replace each marker by a newline; for each line, the element index it starts in."""
    pieces = _MARKER.split(patched)  # text, index, text, index, …, text
    line_elements: list[int | None] = [None]
    for position, piece in enumerate(pieces):
        if position % 2:
            line_elements.append(int(piece))
            pieces[position] = "\n"
        elif "\n" in piece:  # never from serialisation (escaped); kept for safety
            line_elements.extend([line_elements[-1]] * piece.count("\n"))
    return "".join(pieces), tuple(line_elements)


def _unescape_tag(match: re.Match[str]) -> str:
    body = match.group(0)
    for entity, char in _TAG_ENTITIES:
        body = body.replace(entity, char)
    return body


def part_source(part_name: str, label: str, xml: bytes) -> PartSource:
    """Patch one part's XML the way docxtpl does and keep the line → element map."""
    root = etree.fromstring(xml)
    elements = _describe_elements(root)
    serialised = etree.tostring(root, encoding="unicode").replace("\n", "&#10;")
    marked = _insert_markers(serialised)
    patched = _TAG_BODY.sub(_unescape_tag, _DOCXTPL.patch_xml(marked))
    source, line_elements = _markers_to_lines(patched)
    if len(elements) != marked.count("<!--thidua:"):  # a prefix other than w: (never from Word)
        elements, line_elements = [], (None,) * len(line_elements)
    return PartSource(
        part_name=part_name,
        label=label,
        source=source,
        line_elements=line_elements,
        elements=tuple(elements),
        fixes_tables=any(_TABLE_SHAPE_TAGS.search(e.text) for e in elements if e.kind == "p"),
        has_brace_escapes=any(escape in source for escape in _BRACE_ESCAPES),
    )


def finish_xml(part: PartSource, rendered: str) -> str:
    """Rendered Jinja output → the part's XML: our newlines out, docxtpl's fix-ups applied."""
    xml = rendered.replace("\n", "")
    if part.has_brace_escapes:
        for escape, brace in zip(_BRACE_ESCAPES, ("{{", "}}", "{%", "%}")):
            xml = xml.replace(escape, brace)
    if part.fixes_tables:
        xml = etree.tostring(_DOCXTPL.fix_tables(xml), encoding="unicode")
    return xml
