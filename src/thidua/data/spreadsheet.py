"""Excel cells and workbooks shared by the collection form and the score table: safe text, fixed bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

from openpyxl import Workbook

FONT_NAME = "Times New Roman"
FIXED_TIME = datetime(2000, 1, 1)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_formula(text: str) -> str:
    """For CSV: text that a spreadsheet would read as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def xml_safe(text: str) -> str:
    """Text without the control characters XML (hence .xlsx) cannot hold; tabs and line
    breaks stay. validation warns, at the YAML key, about the characters dropped here."""
    return _ILLEGAL_XML.sub("", text)


def put_text(cell: Any, text: str) -> None:
    """A text cell that Excel never evaluates: string type, and for text starting with
    = + - @ the quote prefix (Excel's own hidden apostrophe), so the value stays intact."""
    text = xml_safe(text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes with fixed timestamps, so the same input gives identical bytes."""
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w",
                                                          zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + stamp.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, data)
    return out.getvalue()
