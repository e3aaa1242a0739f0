"""A rendered .docx shown as simple HTML: paragraphs with alignment and emphasis, tables, breaks."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn
from markupsafe import Markup, escape

_ALIGN = {"center": "center", "right": "right", "end": "right", "both": "justify",
          "distribute": "justify"}


def docx_to_html(data: bytes) -> Markup:
    """The body of a .docx as HTML (text escaped; no styles beyond alignment and emphasis)."""
    document = docx.Document(io.BytesIO(data))
    return Markup("\n".join(_blocks(document.element.body)))


def _blocks(parent: Any) -> list[str]:
    out = []
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            out.append(_paragraph(child))
        elif child.tag == qn("w:tbl"):
            out.append(_table(child))
    return out


def _paragraph(p: Any) -> str:
    ppr = p.find(qn("w:pPr"))
    align = ""
    indent = False
    if ppr is not None:
        jc = ppr.find(qn("w:jc"))
        if jc is not None:
            align = _ALIGN.get(jc.get(qn("w:val"), ""), "")
        ind = ppr.find(qn("w:ind"))
        indent = ind is not None and int(ind.get(qn("w:firstLine"), "0") or 0) > 0
    parts: list[str] = []
    page_break = False
    for run in p.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        bold = _on(rpr, "w:b")
        italic = _on(rpr, "w:i")
        underline = rpr is not None and rpr.find(qn("w:u")) is not None and \
            rpr.find(qn("w:u")).get(qn("w:val")) not in (None, "none")
        for node in run.iterchildren():
            if node.tag == qn("w:t"):
                text = str(escape(node.text or ""))
                if bold:
                    text = f"<b>{text}</b>"
                if italic:
                    text = f"<i>{text}</i>"
                if underline:
                    text = f"<u>{text}</u>"
                parts.append(text)
            elif node.tag == qn("w:tab"):
                parts.append("&emsp;")
            elif node.tag == qn("w:br"):
                if node.get(qn("w:type")) == "page":
                    page_break = True
                else:
                    parts.append("<br>")
            elif node.tag == qn("w:fldChar") or node.tag == qn("w:instrText"):
                continue
    classes = [c for c in (f"a-{align}" if align else "", "indent" if indent else "") if c]
    cls = f' class="{" ".join(classes)}"' if classes else ""
    html = f"<p{cls}>{''.join(parts) or '&nbsp;'}</p>"
    return html + ('<hr class="page-break">' if page_break else "")


def _on(rpr: Any, tag: str) -> bool:
    if rpr is None:
        return False
    node = rpr.find(qn(tag))
    return node is not None and node.get(qn("w:val"), "true") not in ("0", "false", "none")


def _table(tbl: Any) -> str:
    rows = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = 1
            if tcpr is not None:
                merge = tcpr.find(qn("w:vMerge"))
                if merge is not None and merge.get(qn("w:val")) != "restart":
                    continue
                grid = tcpr.find(qn("w:gridSpan"))
                span = int(grid.get(qn("w:val"), "1")) if grid is not None else 1
            colspan = f' colspan="{span}"' if span > 1 else ""
            cells.append(f"<td{colspan}>{''.join(_blocks(tc))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    cls = "grid" if borders is not None and borders.find(qn("w:top")) is not None and \
        borders.find(qn("w:top")).get(qn("w:val")) not in ("nil", "none") else "plain"
    return f'<table class="docx {cls}">{"".join(rows)}</table>'
