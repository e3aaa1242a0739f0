"""Read CSV and XLSX tables into raw rows that remember their file, sheet, row and column."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from thidua.errors import DataError, Location, Problem
from thidua.zipguard import zip_file_problem

HEADER_SEARCH_ROWS = 20
_FALLBACK_ENCODINGS = ("cp1258", "cp1252")
_DELIMITERS = (",", ";", "\t")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97–2003 .xls, encrypted .xlsx
SAVE_AS_CSV_UTF8 = "Trong Excel: Lưu thành… → CSV UTF-8 (phân tách bằng dấu phẩy)"
NO_HEADER = "không tìm thấy dòng tiêu đề có cột mã đơn vị (ma_don_vi hoặc 'Mã đơn vị')"
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def normalize_header(text: Any) -> str:
    """Header text for matching: NFC, single spaces, case-folded."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def clean_text(value: Any) -> str:
    """A cell as stripped NFC text with single spaces ('' for blank)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\u00a0", " ")
    return " ".join(text.split())


@dataclass
class RawTable:
    """A header row and the data rows below it, each with its 1-based row number."""

    file: str
    sheet: str | None
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    warnings: list[Problem] = field(default_factory=list)  # severity "warning"

    def column_name(self, index: int) -> str:
        """'C (Số hồ sơ trực tuyến)': the letter users see in a spreadsheet, and the header."""
        letter = get_column_letter(index + 1)
        header = self.headers[index] if index < len(self.headers) else ""
        return f"{letter} ({header})" if header else letter

    def location(self, row: int | None = None, column: int | None = None) -> Location:
        return Location(file=self.file, sheet=self.sheet, row=row,
                        column=None if column is None else self.column_name(column))


def read_table(path: Path, is_key_header: Callable[[str], bool], sheet: str | None = None,
               what: str = "bảng số liệu", sheet_option: str | None = None) -> RawTable:
    """Read a CSV or XLSX file; the header is the first row holding a key column.
    sheet_option: the option picking a sheet ('--sheet'), suggested when another sheet fits."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DataError([Problem(f"không tìm thấy tệp {what}", Location(file=str(path)))])
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, is_key_header, sheet, sheet_option)
    if suffix in (".csv", ".txt"):
        return _read_csv(path, is_key_header)
    raise DataError([Problem(f"tệp {what} phải là .csv hoặc .xlsx (nhận được '{path.suffix}')",
                             Location(file=str(path)))])


def _decode(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """UTF-8 (BOM optional), UTF-16 with BOM (Excel's "Unicode text"), else cp1258/cp1252."""
    candidates = ("utf-16",) if raw.startswith(_UTF16_BOMS) else ("utf-8-sig", *_FALLBACK_ENCODINGS)
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # UTF-16 without a BOM, or not a text file at all
            break
        if encoding in _FALLBACK_ENCODINGS:
            return unicodedata.normalize("NFC", text), [Problem(
                f"tệp không phải UTF-8, đã đọc theo bảng mã {encoding}; hãy kiểm tra dấu tiếng "
                f"Việt và lưu lại tệp dạng CSV UTF-8. {SAVE_AS_CSV_UTF8}", Location(file=file),
                "warning")]
        return unicodedata.normalize("NFC", text), []
    raise DataError([Problem(
        "không đọc được bảng mã của tệp (không phải văn bản UTF-8, UTF-16 hay Windows-1258); "
        f"hãy lưu lại dạng CSV UTF-8. {SAVE_AS_CSV_UTF8}", Location(file=file))])


def _is_comment(cells: Iterable[Any]) -> bool:
    first = next((clean_text(c) for c in cells if clean_text(c)), "")
    return first.startswith("#")


def _read_csv(path: Path, is_key_header: Callable[[str], bool]) -> RawTable:
    file = str(path)
    text, warnings = _decode(path.read_bytes(), file)
    # Comment lines become blank lines so csv keeps counting physical lines.
    lines = ["\n" if line.lstrip().startswith("#") else line
             for line in text.splitlines(keepends=True)]
    body = "".join(lines)
    header_line = next((ln for ln in lines if ln.strip()), "")
    delimiter = _pick_delimiter(header_line, is_key_header)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    numbered: list[tuple[int, list[Any]]] = []
    start = 1
    for record in reader:
        if record and any(cell.strip() for cell in record):
            numbered.append((reader.line_num, list(record)))
        last_start, start = start, reader.line_num + 1
    if numbered and numbered[-1][0] > last_start and "\n" in numbered[-1][1][-1]:
        raise DataError(warnings + [Problem(  # csv reads on to the end: a quote left open
            f'dấu ngoặc kép (") mở ở dòng {last_start} không được đóng, nên mọi dòng từ '
            f"{last_start} đến cuối tệp (dòng {numbered[-1][0]}) bị gộp vào một ô; hãy xóa dấu "
            '" thừa hoặc thêm dấu " đóng', Location(file=file, row=last_start))])
    return _split_header(file, None, numbered, is_key_header, warnings, [])


def _pick_delimiter(line: str, is_key_header: Callable[[str], bool]) -> str:
    """',', ';' or tab: the one that splits the header line into recognisable columns."""
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        score = (sum(1 for c in cells if is_key_header(normalize_header(c))), len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_xlsx(path: Path, is_key_header: Callable[[str], bool], sheet: str | None,
               sheet_option: str | None) -> RawTable:
    import openpyxl  # imported here: CSV-only runs stay light

    file = str(path)
    too_large = zip_file_problem(path)  # before openpyxl inflates anything
    if too_large is not None:
        raise DataError([Problem(too_large, Location(file=file))])
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError([_not_xlsx_problem(path, exc)]) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            names = ", ".join(f"'{n}'" for n in workbook.sheetnames)
            raise DataError([Problem(f"không có trang tính '{sheet}' (có: {names})",
                                     Location(file=file, sheet=sheet))])
        worksheet, warnings = _pick_sheet(workbook, sheet, file, sheet_option)
        numbered = _sheet_rows(worksheet)
        advice = ("" if _header_position(_content(numbered), is_key_header) is not None
                  else _other_sheet_advice(workbook, worksheet.title, is_key_header, sheet_option))
        merged = _merged_ranges(worksheet)
        return _split_header(file, worksheet.title, numbered, is_key_header, warnings, merged,
                             advice)
    finally:
        workbook.close()


def _pick_sheet(workbook: Any, sheet: str | None, file: str,
                sheet_option: str | None) -> tuple[Any, list[Problem]]:
    """The named sheet, else the first one the user sees: a hidden first sheet is usually an
    old copy, and reading it silently would score stale figures."""
    if sheet is not None:
        return workbook[sheet], []
    first = workbook.worksheets[0]
    visible = [w for w in workbook.worksheets if getattr(w, "sheet_state", "visible") == "visible"]
    if not visible or visible[0] is first:
        return first, []
    chosen = visible[0]
    how = f"dùng {sheet_option} '{first.title}'" if sheet_option else "bỏ ẩn và đưa nó lên đầu"
    return chosen, [Problem(
        f"trang tính đầu tiên '{first.title}' đang bị ẩn nên không được đọc; đã đọc trang tính "
        f"'{chosen.title}' (trang đầu tiên đang hiện). Nếu cần đọc trang bị ẩn: {how}",
        Location(file=file, sheet=chosen.title), "warning")]


def _not_xlsx_problem(path: Path, exc: Exception) -> Problem:
    old_format = path.read_bytes().startswith(_OLE_MAGIC)
    kind = ("đây là tệp Excel 97–2003 (.xls) hoặc tệp có đặt mật khẩu" if old_format
            else "có thể là tệp .xls cũ hoặc tệp CSV được đổi đuôi, hoặc tệp bị hỏng")
    detail = "" if isinstance(exc, (zipfile.BadZipFile, InvalidFileException)) else f" ({exc})"
    return Problem(f"tệp không phải tệp Excel .xlsx hợp lệ ({kind}){detail}; hãy mở bằng Excel "
                   "và Lưu thành… → Sổ làm việc Excel (.xlsx)", Location(file=str(path)))


def _sheet_rows(worksheet: Any, limit: int | None = None) -> list[tuple[int, list[Any]]]:
    """Numbered non-blank rows; with a limit, stop after that many non-comment rows."""
    worksheet.reset_dimensions()  # trust the cells, not a possibly stale <dimension>
    numbered: list[tuple[int, list[Any]]] = []
    content = 0  # rows that are not comments
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        values = [_xlsx_value(c) for c in cells]
        if any(clean_text(v) for v in values):
            numbered.append((number, values))
            content += not _is_comment(values)
            if limit is not None and content >= limit:
                break
    return numbered


def _other_sheet_advice(workbook: Any, read: str, is_key_header: Callable[[str], bool],
                        sheet_option: str | None) -> str:
    """'; trang tính 'X' có cột này: dùng --sheet 'X'' when another sheet holds the header."""
    for worksheet in workbook.worksheets:
        if worksheet.title == read:
            continue
        rows = _sheet_rows(worksheet, HEADER_SEARCH_ROWS)
        if _header_position(_content(rows), is_key_header) is not None:
            name = worksheet.title
            how = f"dùng {sheet_option} '{name}'" if sheet_option else "đưa trang tính này lên đầu"
            return f"; trang tính '{name}' có cột này: {how}"
    return ""


def _xlsx_value(cell: Any) -> Any:
    """Cell value; a number shown as a percentage becomes text like '98,5%'."""
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", None) or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        percent = (Decimal(repr(value)) * 100).normalize()
        return f"{percent:f}".replace(".", ",") + "%"
    return value


def _merged_ranges(worksheet: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges (min_col, min_row, max_col, max_row); read-only sheets need the XML."""
    ranges = getattr(worksheet, "merged_cells", None)
    if ranges is not None:
        return [r.bounds for r in ranges.ranges]
    get_source = getattr(worksheet, "_get_source", None)
    if get_source is None:
        return []
    found = []
    with get_source() as source:
        for _event, element in ElementTree.iterparse(source):
            if element.tag == f"{_SHEET_NS}mergeCell" and element.get("ref"):
                found.append(range_boundaries(element.get("ref")))
            elif element.tag == f"{_SHEET_NS}row":
                element.clear()
    return found


def _content(numbered: list[tuple[int, list[Any]]]) -> list[tuple[int, list[Any]]]:
    return [(n, cells) for n, cells in numbered if not _is_comment(cells)]


def _header_position(content: list[tuple[int, list[Any]]],
                     is_key_header: Callable[[str], bool]) -> int | None:
    return next((position for position, (_, cells) in enumerate(content[:HEADER_SEARCH_ROWS])
                 if any(is_key_header(normalize_header(clean_text(c))) for c in cells)), None)


def _split_header(file: str, sheet: str | None, numbered: list[tuple[int, list[Any]]],
                  is_key_header: Callable[[str], bool], warnings: list[Problem],
                  merged: list[tuple[int, int, int, int]], advice: str = "") -> RawTable:
    """The table from its header row down; errors come with the reading warnings (encoding)."""
    content = _content(numbered)
    position = _header_position(content, is_key_header)
    if position is None:
        raise DataError(warnings + [Problem(NO_HEADER + advice, Location(file=file, sheet=sheet))])
    number, cells = content[position]
    headers = [clean_text(c) for c in cells]
    table = RawTable(file, sheet, number, headers, content[position + 1:], warnings)
    _check_header(table, merged)
    return table


def _check_header(table: RawTable, merged: list[tuple[int, int, int, int]]) -> None:
    problems = []
    for min_col, min_row, max_col, max_row in merged:
        if min_row <= table.header_row <= max_row and max_col > min_col:
            ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            problems.append(Problem(
                f"ô tiêu đề bị gộp ({ref}): mỗi cột cần một ô tiêu đề riêng; hãy bỏ gộp ô",
                table.location(table.header_row, min_col - 1)))
    width = max([len(table.headers)] + [len(cells) for _, cells in table.rows])
    for index in range(width):
        header = table.headers[index] if index < len(table.headers) else ""
        if header:
            continue
        has_data = any(index < len(cells) and clean_text(cells[index]) for _, cells in table.rows)
        covered = any(min_col <= index + 1 <= max_col and min_row <= table.header_row <= max_row
                      for min_col, min_row, max_col, max_row in merged)
        if has_data and not covered:
            problems.append(Problem("ô tiêu đề trống nhưng cột có số liệu: hãy ghi tên cột",
                                    table.location(table.header_row, index)))
    if problems:
        raise DataError(table.warnings + problems)


def find_column(table: RawTable, names: Iterable[str]) -> int | None:
    """Index of the first header equal (case-insensitively) to one of the names."""
    wanted = {normalize_header(n) for n in names}
    return next((i for i, h in enumerate(table.headers) if normalize_header(h) in wanted), None)


def cell(cells: list[Any], index: int | None) -> Any:
    """The value at index, None beyond the row's end or for a missing column."""
    return None if index is None or index >= len(cells) else cells[index]


UNIT_ID_HEADERS = ("ma_don_vi", "mã đơn vị", "mã đv", "ma don vi")
UNIT_NAME_HEADERS = ("ten_don_vi", "tên đơn vị", "ten don vi")


def is_unit_id_header(normalized: str) -> bool:
    return normalized in {normalize_header(n) for n in UNIT_ID_HEADERS}
