"""Effective formatting of runs and paragraphs (direct, styles, defaults, theme) and its checks."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from thidua.docx import nd30
from thidua.docx.text import Line, Para, pt, size_range
from thidua.errors import Location, Problem

A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FALSE_VALUES = {"0", "false", "off"}
THEME_SLOTS = (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",)))
MAX_REPORTED = 3  # offending paragraphs reported per rule; the rest are counted
DECREE = nd30.DECREE


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


def _is_east_asian(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF \
        or 0xFF00 <= code <= 0xFFEF


def font_slots(run, text: str) -> set[str]:
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


class Findings:
    """The problems found in one file, in reading order; repetitive rules are capped."""

    def __init__(self, file: str, fmt: Formatting) -> None:
        self.file = file
        self.fmt = fmt
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}
        self.size_checked: set[int] = set()  # paragraphs whose size a part rule has judged

    def add(self, message: str, key: str, rule: str | None = None) -> None:
        if rule:
            self.counts[rule] = self.counts.get(rule, 0) + 1
            if self.counts[rule] > MAX_REPORTED:
                return
        self.problems.append(Problem(message, Location(file=self.file, key=key)))

    def check_part(self, line: Line, part: str, label: str, *, bold: bool = False,
                   italic: bool = False, centred: bool = False, rule: str | None = None) -> None:
        """Size range of `part` (nd30.FONT_SIZES_PT) and the required emphasis, in one message."""
        self.size_checked.add(id(line.para.element))
        low, high = nd30.FONT_SIZES_PT[part]
        levels = [self.fmt.run_levels(line.para, run) for run in line.runs]
        issues = []
        wrong = sorted({size for size in map(self.fmt.size, levels) if not low <= size <= high})
        if wrong:
            issues.append(f"cỡ chữ {', '.join(pt(s) for s in wrong)} pt")
        if bold and not all(self.fmt.toggle(lv, "w:b") for lv in levels):
            issues.append("chưa in đậm")
        if italic and not all(self.fmt.toggle(lv, "w:i") for lv in levels):
            issues.append("chưa in nghiêng")
        if centred and self.fmt.alignment(line.para) != "center":
            issues.append("chưa căn giữa")
        if issues:
            wanted = [f"cỡ {size_range(low, high)}"] + ["in đậm"] * bold + ["in nghiêng"] * italic \
                + ["căn giữa"] * centred
            self.add(f"{label} {', '.join(issues)}; {DECREE} yêu cầu {', '.join(wanted)}",
                     line.key, rule)
