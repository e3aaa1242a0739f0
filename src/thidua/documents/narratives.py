"""The narrative a unit (or person) writes for its báo cáo thành tích, read from a text file.

data/bao-cao-thanh-tich/<unit-id>.txt (or the period's `data.narratives` folder), UTF-8:
paragraphs separated by blank lines (lines of one paragraph are joined). A line "## <heading>"
puts the paragraphs after it into that section of the report form (NĐ 98/2023, NĐ 152/2025):

    ## Đặc điểm, tình hình              → I.1  (person: "## Sơ lược lý lịch")
    ## Chức năng, nhiệm vụ              → I.2  (person: "## Nhiệm vụ được giao")
    ## Thành tích đạt được              → II
    ## Hình thức khen thưởng đã đạt được → III

Text before any heading (a file without headings) is the achievements section. A line starting
with a single "#" is a note for the writer, never printed (e.g. "# DỮ LIỆU MẪU"); "# <heading>"
of the list above is still read as a heading. An unknown "## …" heading is an error, so that no
text is silently put in the wrong section. An individual's narrative is
<unit-id>_<slug of the name>.txt in the same folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from thidua.campaign.loading import LoadedCampaign
from thidua.campaign.model import Period
from thidua.errors import DataError, Location, Problem
from thidua.vietnamese.formatting import nfc, slugify

DEFAULT_FOLDER = "data/bao-cao-thanh-tich"
PARTS = ("dac_diem", "chuc_nang", "thanh_tich", "khen_thuong")
HEADINGS: dict[str, tuple[str, ...]] = {  # the first of each is the one documented
    "dac_diem": ("Đặc điểm, tình hình", "Sơ lược đặc điểm, tình hình", "Sơ lược lý lịch"),
    "chuc_nang": ("Chức năng, nhiệm vụ", "Nhiệm vụ được giao"),
    "thanh_tich": ("Thành tích đạt được", "Thành tích", "Giải pháp, thành tích nổi bật"),
    "khen_thuong": ("Hình thức khen thưởng đã đạt được", "Các hình thức khen thưởng đã đạt được",
                    "Khen thưởng đã đạt được", "Khen thưởng đã nhận", "Khen thưởng"),
}
_MARK = re.compile(r"^(#+)\s*(.*)$")


def _key(heading: str) -> str:
    return " ".join(nfc(heading).replace(" ,", ",").split()).rstrip(":. ").casefold()


_PART_OF = {_key(h): part for part, names in HEADINGS.items() for h in names}


def narrative_folder(loaded: LoadedCampaign, period: Period) -> Path:
    return loaded.path(period.data.narratives or DEFAULT_FOLDER)


def known_headings() -> str:
    """The headings a narrative may use, as the error message lists them."""
    return ", ".join(f"'## {names[0]}'" for names in HEADINGS.values())


def parse_narrative(text: str, source: str = "") -> dict[str, list[str]]:
    """Paragraphs per part of the report (see the module docstring)."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    problems: list[Problem] = []
    current, paragraph = "thanh_tich", []

    def flush() -> None:
        if paragraph:
            parts[current].append(" ".join(paragraph))
            paragraph.clear()

    for number, raw in enumerate(nfc(text).replace("\r\n", "\n").split("\n"), 1):
        line = raw.strip()
        mark = _MARK.match(line)
        if mark:
            flush()
            part = _PART_OF.get(_key(mark.group(2)))
            if part:
                current = part
            elif len(mark.group(1)) > 1:
                problems.append(Problem(
                    f"tiêu đề '{line}' không thuộc mẫu báo cáo thành tích; dùng một trong "
                    f"{known_headings()} (dòng bắt đầu bằng một dấu # là ghi chú, không in ra)",
                    Location(file=source or None, line=number)))
        elif line:
            paragraph.append(line)
        else:
            flush()
    flush()
    if problems:
        raise DataError(problems)
    return parts


def read_narrative(folder: Path, stem: str) -> tuple[dict[str, list[str]], str]:
    """The parsed narrative of `stem` and the file it came from ("" when there is none)."""
    path = folder / f"{stem}.txt"
    if not path.is_file():
        return {part: [] for part in PARTS}, ""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([Problem("tệp báo cáo thành tích phải lưu dạng UTF-8",
                                 Location(file=str(path)))]) from None
    return parse_narrative(text, str(path)), str(path)


def person_stem(unit_id: str, full_name: str) -> str:
    return f"{unit_id}_{slugify(full_name)}"
