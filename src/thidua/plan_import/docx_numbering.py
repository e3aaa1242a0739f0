"""Word's automatic numbering (numPr): the label ("I.", "1.", "a)", "-") each paragraph shows."""

from __future__ import annotations

from thidua.vietnamese.formatting import ITEM_LETTERS, roman

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BULLETS = {"": "-", "-": "-", "–": "-", "+": "+", "*": "*", "": "-", "•": "-", "o": "+",
            "": "-", "": "+", "": "-"}


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "lowerLetter":
        return ITEM_LETTERS[(value - 1) % len(ITEM_LETTERS)]
    if fmt == "upperLetter":
        return ITEM_LETTERS[(value - 1) % len(ITEM_LETTERS)].upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class Numbering:
    """Counters per list, reconstructing the numbers Word would display."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numpr: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for a in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = int(_val(lvl.find(f"{_W}start")) or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[_val_attr(a, "abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            num_id = _val_attr(num, "numId")
            levels = abstract.get(_val(num.find(f"{_W}abstractNumId")), {})
            for ilvl, level in levels.items():
                self.levels[(num_id, ilvl)] = level
        for style in document.styles.element.findall(f"{_W}style"):
            pr = style.find(f"{_W}pPr/{_W}numPr")
            if pr is not None:
                num_id = _val(pr.find(f"{_W}numId"))
                ilvl = int(_val(pr.find(f"{_W}ilvl")) or "0")
                if num_id:
                    self.style_numpr[_val_attr(style, "styleId")] = (num_id, ilvl)

    def label(self, p) -> str:
        """The number Word shows before paragraph p, or "" if it has none."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return _BULLETS.get(text, "-")
        label = text
        for level in range(ilvl, -1, -1):
            lvl_fmt, _, lvl_start = self.levels.get((num_id, level), ("decimal", "", 1))
            value = counters.get(level, lvl_start)
            label = label.replace(f"%{level + 1}", _format(value, lvl_fmt))
        return label.strip()

    def _numpr(self, p) -> tuple[str, int]:
        pr = p.find(f"{_W}pPr/{_W}numPr")
        if pr is not None:
            return _val(pr.find(f"{_W}numId")) or "", int(_val(pr.find(f"{_W}ilvl")) or "0")
        style = p.find(f"{_W}pPr/{_W}pStyle")
        if style is not None:
            return self.style_numpr.get(_val(style) or "", ("", 0))
        return "", 0


def _val(node) -> str | None:
    return None if node is None else node.get(f"{_W}val")


def _val_attr(node, name: str) -> str:
    return node.get(f"{_W}{name}", "")
