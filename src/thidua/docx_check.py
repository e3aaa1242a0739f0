"""Checks a .docx against Nghị định 30/2020: page, fonts, header, number, date, closing, pages."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from thidua import nd30
from thidua.errors import Location, Problem, ThiduaError

MAX_REPORTED = 3  # offending paragraphs reported per rule; the rest are counted
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
HEADING_NUMBER_RE = re.compile(r"^([IVXLC]+|\d+(\.\d+)*|[a-zđ])[.)]\s")
PAGE_FIELD_RE = re.compile(r"^\s*PAGE\b")
FALSE_VALUES = {"0", "false", "off"}
THEME_SLOTS = (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",)))
EMU_PER_MM = 36000
DECREE = nd30.DECREE


class UnreadableDocumentError(ThiduaError):
    """The file is missing, not a .docx, or too damaged to read."""

    exit_code = 2


@dataclass(frozen=True, eq=False)
class Para:
    """One paragraph of the body, with where it is (for messages) and its container."""

    element: Any
    text: str  # NFC, whitespace collapsed
    where: str  # "đoạn 12" or "bảng 1, ô (1,2)"
    container: tuple  # ("body",) or ("cell", table, row, column)
    table_style: str | None = None

    @property
    def key(self) -> str:
        return self.where + (f": '{_snippet(self.text)}'" if self.text else "")


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def _loose(text: str) -> str:
    """Text without diacritics, case or dash variants: finds near-misses of fixed strings."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _clean(stripped.replace("–", "-").replace("—", "-")).casefold()


def _snippet(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mm(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _range(low: float, high: float) -> str:
    return _pt(low) if low == high else f"{_pt(low)}–{_pt(high)}"


def _run_text(run) -> str:
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


def _own_runs(paragraph) -> list:
    """The runs of this paragraph (also inside hyperlinks, fields, insertions), not text boxes'."""
    return [r for r in paragraph.iter(qn("w:r")) if next(r.iterancestors(qn("w:p"))) is paragraph]


def _paragraph_text(paragraph) -> str:
    return "".join(_run_text(r) for r in _own_runs(paragraph))


class Formatting:
    """Effective run and paragraph properties: direct → styles → document defaults → theme."""

    def __init__(self, document) -> None:
        root = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in root.iter(qn("w:style"))}
        self.default_style = {
            s.get(qn("w:type")): s.get(qn("w:styleId"))
            for s in root.iter(qn("w:style")) if s.get(qn("w:default")) in ("1", "true", "on")
        }
        self.default_rpr = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_ppr = root.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
        self.theme = _theme_fonts(document)
        self._chains: dict[tuple, list] = {}

    def _chain(self, style_id: str | None, tag: str) -> list:
        """The `tag` property elements (w:rPr/w:pPr) of a style and the styles it is based on."""
        cache_key = (style_id, tag)
        if cache_key not in self._chains:
            found, seen = [], set()
            while style_id and style_id in self.styles and style_id not in seen:
                seen.add(style_id)
                style = self.styles[style_id]
                if style.find(qn(tag)) is not None:
                    found.append(style.find(qn(tag)))
                based = style.find(qn("w:basedOn"))
                style_id = based.get(qn("w:val")) if based is not None else None
            self._chains[cache_key] = found
        return self._chains[cache_key]

    def _paragraph_style(self, para: Para) -> str | None:
        ppr = para.element.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return style.get(qn("w:val")) if style is not None else self.default_style.get("paragraph")

    def _levels(self, para: Para, own, tag: str) -> list:
        """Property elements from the most specific (direct) to the least (document defaults)."""
        levels = [own] if own is not None else []
        if tag == "w:rPr" and own is not None and own.find(qn("w:rStyle")) is not None:
            levels += self._chain(own.find(qn("w:rStyle")).get(qn("w:val")), "w:rPr")
        levels += self._chain(self._paragraph_style(para), tag)
        if para.table_style is not None:
            levels += self._chain(para.table_style, tag)
        default = self.default_rpr if tag == "w:rPr" else self.default_ppr
        return levels + ([default] if default is not None else [])

    def run_levels(self, para: Para, run) -> list:
        return self._levels(para, run.find(qn("w:rPr")), "w:rPr")

    def paragraph_levels(self, para: Para) -> list:
        return self._levels(para, para.element.find(qn("w:pPr")), "w:pPr")

    def font(self, levels: list, slot: str) -> str | None:
        theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"
        for rpr in levels:
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                continue
            if fonts.get(qn(f"w:{theme_attr}")):
                return self.theme.get(fonts.get(qn(f"w:{theme_attr}")))
            if fonts.get(qn(f"w:{slot}")):
                return fonts.get(qn(f"w:{slot}"))
        return None

    @staticmethod
    def first(levels: list, tag: str):
        for props in levels:
            found = props.find(qn(tag))
            if found is not None:
                return found
        return None

    def size(self, levels: list) -> float:
        found = self.first(levels, "w:sz")
        return int(found.get(qn("w:val"))) / 2 if found is not None else 10.0

    def toggle(self, levels: list, tag: str) -> bool:
        found = self.first(levels, tag)
        return found is not None and found.get(qn("w:val"), "1").lower() not in FALSE_VALUES

    def alignment(self, para: Para) -> str:
        found = self.first(self.paragraph_levels(para), "w:jc")
        return found.get(qn("w:val")) if found is not None else "left"


def _theme_fonts(document) -> dict[str, str]:
    try:
        root = etree.fromstring(document.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    fonts = {}
    for group, prefix in (("majorFont", "major"), ("minorFont", "minor")):
        element = root.find(f".//{A_NS}{group}")
        if element is None:
            continue
        for script, suffixes in THEME_SLOTS:
            face = element.find(f"{A_NS}{script}")
            for suffix in suffixes:
                if face is not None and face.get("typeface"):
                    fonts[prefix + suffix] = face.get("typeface")
    return fonts


def _walk(blocks, counters: dict, container: tuple | None = None, key: str | None = None,
          table_style: str | None = None):
    """Yield Para for every paragraph, in document order, numbering body paragraphs and tables."""
    for block in blocks:
        if block.tag == qn("w:p"):
            text = _clean(_paragraph_text(block))
            if container is None:
                counters["p"] += 1
                yield Para(block, text, f"đoạn {counters['p']}", ("body",))
            else:
                yield Para(block, text, key, container, table_style)
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
                    yield from _walk(cell, counters, inner, where, style_id)
                    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                    column += int(span.get(qn("w:val"))) if span is not None else 1
        elif block.tag == qn("w:sdt"):
            content = block.find(qn("w:sdtContent"))
            if content is not None:
                yield from _walk(content, counters, container, key, table_style)


def _open(path: Path):
    if not path.exists():
        raise UnreadableDocumentError(f"{path}: không tìm thấy tệp.")
    if path.is_dir():
        raise UnreadableDocumentError(f"{path}: là thư mục, không phải tệp .docx.")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError,
            OSError) as exc:
        hint = " (tệp .doc Word 97–2003: hãy mở bằng Word và lưu lại dạng .docx)" \
            if path.suffix.lower() == ".doc" else ""
        raise UnreadableDocumentError(f"{path}: không phải tệp Word .docx hợp lệ{hint}.") from exc


@dataclass(frozen=True, eq=False)
class Line:
    """One printed line of a paragraph (paragraphs split at line breaks) and its runs."""

    para: Para
    text: str
    runs: tuple

    @property
    def key(self) -> str:
        return self.para.where + (f": '{_snippet(self.text)}'" if self.text else "")


def _lines(para: Para) -> list[Line]:
    lines: list[list] = [["", []]]
    for run in _own_runs(para.element):
        for index, chunk in enumerate(_run_text(run).split("\n")):
            if index:
                lines.append(["", []])
            lines[-1][0] += chunk
            if chunk.strip():
                lines[-1][1].append(run)
    return [Line(para, _clean(text), tuple(runs)) for text, runs in lines]


def _is_east_asian(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF \
        or 0xFF00 <= code <= 0xFFEF


def _font_slots(run, text: str) -> set[str]:
    """Which rFonts slots Word uses to draw `text` in this run."""
    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        for tag in ("w:rtl", "w:cs"):
            flag = rpr.find(qn(tag))
            if flag is not None and flag.get(qn("w:val"), "1").lower() not in FALSE_VALUES:
                return {"cs"}
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    hint = fonts.get(qn("w:hint")) if fonts is not None else None
    slots = set()
    for char in text:
        if char.isspace():
            continue
        if ord(char) < 0x80:
            slots.add("ascii")
        elif _is_east_asian(char) or hint == "eastAsia":
            slots.add("eastAsia")
        else:
            slots.add("hAnsi")
    return slots


def _is_position(text: str) -> bool:
    """An all-caps signer position line: "KT. CHỦ TỊCH", "TRƯỞNG PHÒNG", "THƯ KÝ"."""
    if not text or text != text.upper() or not any(c.isalpha() for c in text) or len(text) > 80:
        return False
    if HEADING_NUMBER_RE.match(text):
        return False
    return text.startswith(nd30.AUTHORITY_PREFIXES) or any(w in text for w in nd30.POSITION_WORDS)


def _number_reason(text: str) -> str:
    """Why a "Số: …" line does not match the decree's pattern."""
    if not re.match(r"^Số\s*:", text):
        return "thiếu dấu ':' sau 'Số'"
    value = text.split(":", 1)[1].strip()
    if re.search(r"\s[/-]|[/-]\s", value):
        return "có khoảng trắng quanh dấu '/' hoặc '-'"
    if re.match(r"^[1-9]/", value):
        return "số dưới 10 phải có số 0 phía trước"
    symbol = value.rsplit("/", 1)[-1]
    if "/" not in value or "-" not in symbol:
        return "thiếu ký hiệu dạng 'KH-UBND' sau dấu '/'"
    if symbol.split("-", 1)[1] != symbol.split("-", 1)[1].upper():
        return "ký hiệu cơ quan ban hành phải viết in hoa"
    return "không đúng dạng"


def _date_reasons(text: str) -> list[str]:
    match = nd30.LOOSE_DATE_LINE_RE.match(text)
    if not match:
        return ["không đúng dạng"]
    reasons = []
    if not match["place"].strip():
        reasons.append("thiếu địa danh")
    elif ", ngày" not in text:
        reasons.append("thiếu dấu ',' sau địa danh")
    day, month, year = match["day"], match["month"], match["year"]
    if bool(day) != bool(month):
        reasons.append("ngày và tháng phải cùng ghi số hoặc cùng để trống")
    if day and (not day.isdigit() or not 1 <= int(day) <= 31 or len(day) > 2):
        reasons.append(f"ngày '{day}' không hợp lệ")
    elif day and len(day) == 1:
        reasons.append(f"ngày 1–9 phải có số 0 phía trước (0{day})")
    if month and (not month.isdigit() or not 1 <= int(month) <= 12 or len(month) > 2):
        reasons.append(f"tháng '{month}' không hợp lệ")
    elif month and int(month) <= 2 and len(month) == 1:
        reasons.append(f"tháng 1 và 2 phải có số 0 phía trước (0{month})")
    elif month and int(month) >= 3 and month.startswith("0"):
        reasons.append(f"tháng {int(month)} không viết số 0 phía trước")
    if not re.fullmatch(r"[0-9]{4}", year):
        reasons.append("năm phải ghi đủ 4 chữ số")
    return reasons or ["sai khoảng trắng hoặc dấu câu"]


class _Checker:
    """Runs every rule over one opened document, collecting problems in reading order."""

    RULE_SUMMARIES = {
        "font": f"dùng phông khác {nd30.FONT_NAME}",
        "size": "có cỡ chữ ngoài {low}–{high} pt",
        "recipient": "trong danh sách nơi nhận sai quy cách",
    }

    def __init__(self, path: Path, document) -> None:
        self.file = str(path)
        self.doc = document
        self.fmt = Formatting(document)
        counters = {"p": 0, "t": 0, "default_table": self.fmt.default_style.get("table")}
        self.paras = list(_walk(document.element.body, counters))
        self.lines = [line for para in self.paras for line in _lines(para)]
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}
        self.size_checked: set[int] = set()
        self.title = self._find_title()
        self.zone = self._header_zone()
        self.after_title = self.lines[self.lines.index(self.title) + 1:] if self.title else [
            line for line in self.lines if line not in self.zone]
        self.kind = self._kind()

    def add(self, message: str, key: str, rule: str | None = None) -> None:
        if rule:
            self.counts[rule] = self.counts.get(rule, 0) + 1
            if self.counts[rule] > MAX_REPORTED:
                return
        self.problems.append(Problem(message, Location(file=self.file, key=key)))

    def _check_part(self, line: Line, part: str, label: str, *, bold: bool = False,
                    italic: bool = False, centred: bool = False, rule: str | None = None) -> None:
        """Size range of `part` (nd30.FONT_SIZES_PT) and the required emphasis, in one message."""
        self.size_checked.add(id(line.para.element))
        low, high = nd30.FONT_SIZES_PT[part]
        levels = [self.fmt.run_levels(line.para, run) for run in line.runs]
        issues = []
        wrong = sorted({size for size in map(self.fmt.size, levels) if not low <= size <= high})
        if wrong:
            issues.append(f"cỡ chữ {', '.join(_pt(s) for s in wrong)} pt")
        if bold and not all(self.fmt.toggle(lv, "w:b") for lv in levels):
            issues.append("chưa in đậm")
        if italic and not all(self.fmt.toggle(lv, "w:i") for lv in levels):
            issues.append("chưa in nghiêng")
        if centred and self.fmt.alignment(line.para) != "center":
            issues.append("chưa căn giữa")
        if issues:
            wanted = [f"cỡ {_range(low, high)}"] + ["in đậm"] * bold + ["in nghiêng"] * italic \
                + ["căn giữa"] * centred
            self.add(f"{label} {', '.join(issues)}; {DECREE} yêu cầu {', '.join(wanted)}",
                     line.key, rule)

    # --- structure -------------------------------------------------------------------------

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

    # --- rules ---------------------------------------------------------------------------

    def check_page(self) -> None:
        tolerance = nd30.MARGIN_TOLERANCE_MM
        for number, section in enumerate(self.doc.sections, 1):
            key = f"section {number}"
            if section.page_width is None or section.page_height is None:
                self.add(f"Không khai báo khổ giấy; {DECREE} yêu cầu khổ A4 (210 × 297 mm)", key)
            else:
                width, height = section.page_width / EMU_PER_MM, section.page_height / EMU_PER_MM
                short, long_ = sorted((width, height))
                if (abs(short - nd30.A4_WIDTH_MM) > nd30.PAGE_SIZE_TOLERANCE_MM
                        or abs(long_ - nd30.A4_HEIGHT_MM) > nd30.PAGE_SIZE_TOLERANCE_MM):
                    self.add(f"Khổ giấy {_mm(width)} × {_mm(height)} mm; {DECREE} yêu cầu khổ A4 "
                             "(210 × 297 mm)", key)
                if width > height and number == 1:
                    self.add(f"Trang nằm ngang; {DECREE} yêu cầu trình bày theo chiều dọc (chỉ "
                             "phụ lục có bảng rộng, ở section sau, mới được nằm ngang)", key)
            for side, (low, high) in nd30.MARGIN_RANGES_MM.items():
                value = getattr(section, f"{side}_margin")
                value_mm = abs(value) / EMU_PER_MM if value is not None else 0.0
                if not low - tolerance <= value_mm <= high + tolerance:
                    self.add(f"{nd30.MARGIN_NAMES_VI[side]} {_mm(value_mm)} mm; {DECREE} yêu cầu "
                             f"{_range(low, high)} mm", key)

    def _fixed_line(self, expected: str, label: str, part: str) -> None:
        exact = next((line for line in self.zone if line.text == expected), None)
        if exact:
            self._check_part(exact, part, label, bold=True)
            return
        near = next((line for line in self.zone if _loose(line.text) == _loose(expected)), None)
        if near:
            self.add(f"{label} viết '{near.text}'; {DECREE} yêu cầu đúng '{expected}'", near.key)
            return
        low, high = nd30.FONT_SIZES_PT[part]
        self.add(f"Không có {label} '{expected}'; {DECREE} yêu cầu {label} in đậm, cỡ "
                 f"{_range(low, high)} ở ô bên phải phần đầu văn bản", "phần đầu văn bản")

    def check_header(self) -> None:
        if self.kind is nd30.UNKNOWN_KIND:
            names = ", ".join(kind.title for kind in nd30.DOCUMENT_KINDS[:6])
            self.add(f"Không xác định được tên loại văn bản; {DECREE} yêu cầu tên loại ({names}…) "
                     "in hoa, đậm, căn giữa dưới phần đầu văn bản", "phần đầu văn bản")
        self._fixed_line(nd30.QUOC_HIEU, "Quốc hiệu", "quoc_hieu")
        self._fixed_line(nd30.TIEU_NGU, "Tiêu ngữ", "tieu_ngu")
        if self.title:
            self._check_part(self.title, "title", "Tên loại văn bản", bold=True, centred=True)

    def check_number(self) -> None:
        line = next((ln for ln in self.zone if nd30.NUMBER_LINE_START_RE.match(ln.text)), None)
        if line is None:
            if self.kind.number_required:
                self.add(f"Không có dòng số, ký hiệu ('Số: …'); {DECREE} yêu cầu "
                         f"{self.kind_name} có dòng 'Số: 15/KH-UBND' dưới tên cơ quan ban hành",
                         "phần đầu văn bản")
            return
        match = nd30.NUMBER_LINE_RE.match(line.text) or nd30.BLANK_NUMBER_LINE_RE.match(line.text)
        if not match:
            self.add(f"Số, ký hiệu '{line.text}' sai quy cách ({_number_reason(line.text)}); "
                     f"{DECREE} yêu cầu dạng 'Số: 15/KH-UBND' (chưa vào số: 'Số:      /KH-UBND'),"
                     " số dưới 10 có số 0 phía trước, không có khoảng trắng quanh '/' và '-'",
                     line.key)
        elif self.kind.symbol and match["type"] != self.kind.symbol:
            self.add(f"Ký hiệu '{match['type']}' không khớp tên loại {self.kind.title}; {DECREE} "
                     f"(Phụ lục III) quy định chữ viết tắt '{self.kind.symbol}'", line.key)
        self._check_part(line, "number_line", "Số, ký hiệu")

    def check_date(self) -> None:
        words = ("ngày", "tháng", "năm")
        line = next((ln for ln in self.zone if all(w in ln.text for w in words)), None)
        if line is None:
            self.add(f"Không có dòng địa danh, ngày tháng năm; {DECREE} yêu cầu dòng dạng "
                     "'Phụng Hiệp, ngày 05 tháng 02 năm 2024' bên phải, dưới Quốc hiệu",
                     "phần đầu văn bản")
            return
        filled = nd30.DATE_LINE_RE.match(line.text)
        rule = (f"{DECREE} yêu cầu dạng '<Địa danh>, ngày 05 tháng 02 năm 2024' (số 0 phía "
                "trước chỉ cho ngày 1–9 và tháng 1, 2; chưa ký: 'ngày     tháng     năm 2025')")
        if filled:
            try:
                date(int(filled["year"]), int(filled["month"]), int(filled["day"]))
            except ValueError:
                self.add(f"Ngày tháng '{line.text}' không có thật; {rule}", line.key)
        elif not nd30.BLANK_DATE_LINE_RE.match(line.text):
            reasons = "; ".join(_date_reasons(line.text))
            self.add(f"Địa danh, ngày tháng '{line.text}' sai quy cách: {reasons}; {rule}",
                     line.key)
        self._check_part(line, "place_date", "Địa danh, ngày tháng", italic=True)

    def _kinh_gui(self) -> Line | None:
        return next((ln for ln in self.lines if ln.text.startswith(nd30.KINH_GUI_PREFIX)), None)

    def check_kinh_gui(self) -> None:
        if self.kind.kinh_gui_required and self._kinh_gui() is None:
            self.add(f"Không có dòng 'Kính gửi: …'; {DECREE} yêu cầu {self.kind.title} ghi nơi gửi "
                     "('Kính gửi: …') dưới tên loại và trích yếu", "dưới tên loại văn bản")

    def _recipients(self) -> tuple[Line | None, list[Line]]:
        label = next((ln for ln in self.after_title if ln.text.startswith("Nơi nhận")), None)
        if label is None:
            return None, []
        items, start = [], self.lines.index(label) + 1
        for line in self.lines[start:]:
            if line.para.container != label.para.container or not line.text:
                break
            items.append(line)
        return label, items

    def check_recipients(self) -> list[Line]:
        label, items = self._recipients()
        rule = f"{DECREE} yêu cầu mỗi nơi nhận một dòng, bắt đầu bằng '- ', kết thúc bằng ';', "\
               "dòng cuối '- Lưu: VT, …' kết thúc bằng '.'"
        if label is None:
            if self.kind.recipients_required:
                self.add(f"Không có phần 'Nơi nhận:'; {DECREE} yêu cầu 'Nơi nhận:' (cỡ 12, đậm, "
                         "nghiêng) bên trái, ngang dòng chức vụ người ký, các nơi nhận cỡ 11",
                         "cuối văn bản")
            return []
        if label.text != nd30.RECIPIENTS_LABEL:
            self.add(f"Viết '{label.text}'; {DECREE} yêu cầu đúng '{nd30.RECIPIENTS_LABEL}'",
                     label.key)
        self._check_part(label, "recipients_label", "'Nơi nhận:'", bold=True, italic=True)
        if not items:
            self.add(f"Danh sách nơi nhận trống; {rule}", label.key)
        for index, item in enumerate(items):
            last = index == len(items) - 1
            if not item.text.startswith("- "):
                self.add(f"Nơi nhận '{item.text}' không bắt đầu bằng '- '; {rule}", item.key,
                         "recipient")
            if not last and not item.text.endswith(";"):
                self.add(f"Nơi nhận '{item.text}' thiếu dấu ';' ở cuối; {rule}", item.key,
                         "recipient")
            if last and not item.text.endswith("."):
                self.add(f"Nơi nhận cuối '{item.text}' phải kết thúc bằng '.'; {rule}", item.key)
            if last and not item.text.startswith("- Lưu"):
                self.add(f"Nơi nhận cuối '{item.text}' không phải '- Lưu: VT, …'; {rule}", item.key)
            self._check_part(item, "recipients_item", "Dòng nơi nhận", rule="recipient")
        if items and self._kinh_gui() is not None and not items[0].text.startswith("- Như trên"):
            self.add(f"Văn bản có 'Kính gửi' nhưng nơi nhận đầu tiên là '{items[0].text}'; "
                     f"{DECREE} yêu cầu bắt đầu bằng '- Như trên;'", items[0].key)
        return [label, *items]

    def _signature_blocks(self, skip: list[Line]) -> list[tuple[list[Line], Line | None]]:
        lines = [ln for ln in self.after_title if ln not in skip]
        blocks, index = [], 0
        while index < len(lines):
            if not _is_position(lines[index].text):
                index += 1
                continue
            block, name, index = [lines[index]], None, index + 1
            while index < len(lines) and lines[index].para.container == block[0].para.container:
                line = lines[index]
                index += 1
                if not line.text or line.text.startswith("("):
                    continue
                if _is_position(line.text):
                    block.append(line)
                    continue
                name = line
                break
            blocks.append((block, name))
        return blocks

    def _check_block(self, block: list[Line], name: Line | None) -> None:
        for line in block:
            self._check_part(line, "signer", "Chức vụ người ký", bold=True)
        if name is None:
            self.add(f"Không thấy họ tên người ký dưới '{block[-1].text}'; {DECREE} yêu cầu họ tên "
                     "chữ thường, in đậm dưới chỗ ký", block[-1].key)
            return
        if name.text == name.text.upper():
            self.add(f"Họ tên người ký '{name.text}' viết in hoa; {DECREE} yêu cầu họ tên chữ "
                     "thường (chữ đầu viết hoa), in đậm", name.key)
        if name.text.split()[0] in nd30.ACADEMIC_TITLES:
            self.add(f"Họ tên người ký '{name.text}' có học hàm, học vị; {DECREE} yêu cầu không "
                     "ghi học hàm, học vị trước họ tên", name.key)
        self._check_part(name, "signer_name", "Họ tên người ký", bold=True)

    def check_signatures(self, recipients: list[Line]) -> None:
        blocks = self._signature_blocks(recipients)
        if self.kind.minutes_signatures:
            roles = {}
            for role in (nd30.MINUTES_SECRETARY, nd30.MINUTES_CHAIR):
                found = [b for b in blocks if any(_loose(ln.text) == _loose(role) for ln in b[0])]
                if not found:
                    self.add(f"Biên bản thiếu chữ ký của {role}; {DECREE} yêu cầu chữ ký của "
                             "THƯ KÝ (bên trái) và CHỦ TỌA (bên phải)", "cuối văn bản")
                else:
                    roles[role] = found[0]
            blocks = list(roles.values())
            if len(roles) == 2:
                secretary, chair = (roles[r][0][0].para.container for r in roles)
                same_row = secretary[0] == "cell" and secretary[:3] == chair[:3]
                if same_row and secretary[3] > chair[3]:
                    self.add(f"THƯ KÝ ký bên phải, CHỦ TỌA bên trái; {DECREE} yêu cầu THƯ KÝ bên "
                             "trái, CHỦ TỌA bên phải", roles[nd30.MINUTES_SECRETARY][0][0].key)
        elif not blocks:
            self.add(f"Không thấy phần chữ ký; {DECREE} yêu cầu chức vụ người ký in hoa, đậm (ví "
                     "dụ 'CHỦ TỊCH', 'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN') và họ tên in đậm bên "
                     "dưới", "cuối văn bản")
        for block, name in blocks:
            self._check_block(block, name)

    def check_page_numbers(self) -> None:
        section = self.doc.sections[0]
        key = "đầu trang, section 1"
        rule = f"{DECREE} yêu cầu số trang bằng chữ số Ả Rập, cỡ 13–14, căn giữa lề trên, không "\
               "hiển thị ở trang thứ nhất"
        header = section.header
        fields = [] if header.is_linked_to_previous else _page_fields(header._element)
        if not fields:
            self.add(f"Đầu trang không có số trang (trường PAGE); {rule}", key)
            return
        if not section.different_first_page_header_footer:
            self.add(f"Trang 1 hiển thị số trang (chưa chọn 'Trang đầu khác', w:titlePg); {rule}",
                     key)
        elif not section.first_page_header.is_linked_to_previous \
                and _page_fields(section.first_page_header._element):
            self.add(f"Đầu trang của trang 1 có số trang; {rule}", "đầu trang trang 1, section 1")
        paragraph, run, instruction = fields[0]
        numbering = section._sectPr.find(qn("w:pgNumType"))
        roman = re.search(r"\\\*\s*(roman|alphabetic)", instruction, re.IGNORECASE)
        if roman or (numbering is not None and numbering.get(qn("w:fmt"), "decimal") != "decimal"):
            self.add(f"Số trang không dùng chữ số Ả Rập; {rule}", key)
        para = Para(paragraph, "", key, ("header",))
        line = Line(para, "", (run,) if run is not None else ())
        self._check_part(line, "page_number", "Số trang", centred=True)
        name = self.fmt.font(self.fmt.run_levels(para, run), "ascii") if run is not None else None
        if run is not None and name != nd30.FONT_NAME:
            self.add(f"Số trang dùng phông {name or '(không khai báo)'}; {DECREE} yêu cầu phông "
                     f"{nd30.FONT_NAME}", key)

    def check_fonts_and_sizes(self) -> None:
        low, high = nd30.FONT_SIZES_PT["any"]
        for para in self.paras:
            bad_font = bad_size = None
            for run in _own_runs(para.element):
                text = _run_text(run)
                if not text.strip():
                    continue
                levels = self.fmt.run_levels(para, run)
                for slot in sorted(_font_slots(run, text)):
                    name = self.fmt.font(levels, slot)
                    if name != nd30.FONT_NAME and bad_font is None:
                        bad_font = name or "(không khai báo)"
                size = self.fmt.size(levels)
                if not low <= size <= high and bad_size is None:
                    bad_size = size
            if bad_font:
                self.add(f"Phông chữ {bad_font}; {DECREE} yêu cầu phông {nd30.FONT_NAME}",
                         para.key, "font")
            if bad_size is not None and id(para.element) not in self.size_checked:
                self.add(f"Cỡ chữ {_pt(bad_size)} pt; {DECREE} yêu cầu cỡ chữ từ {_pt(low)} đến "
                         f"{_pt(high)} pt", para.key, "size")

    def run(self) -> list[Problem]:
        self.check_header()
        self.check_page()
        self.check_number()
        self.check_date()
        self.check_kinh_gui()
        self.check_signatures(self.check_recipients())
        self.check_page_numbers()
        self.check_fonts_and_sizes()
        low, high = nd30.FONT_SIZES_PT["any"]
        for rule, count in self.counts.items():
            if count > MAX_REPORTED:
                what = self.RULE_SUMMARIES[rule].format(low=_pt(low), high=_pt(high))
                self.add(f"Còn {count - MAX_REPORTED} đoạn khác {what}", "toàn văn bản")
        return self.problems


def _page_fields(root) -> list[tuple[Any, Any, str]]:
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


def check_document(path: str | Path) -> list[Problem]:
    """Every way the document at `path` departs from Nghị định 30/2020 (empty list: compliant)."""
    path = Path(path)
    document = _open(path)
    try:
        return _Checker(path, document).run()
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
