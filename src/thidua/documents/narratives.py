"""The narrative a unit (or person) writes for its báo cáo thành tích, read from a text file.

data/bao-cao-thanh-tich/<unit-id>.txt (or the period's `data.narratives` folder) holds plain
paragraphs separated by blank lines. Optional headings "# Đặc điểm, tình hình",
"# Chức năng, nhiệm vụ", "# Thành tích đạt được", "# Khen thưởng" put the paragraphs that
follow into that part of the report; text before any heading is the achievements part.
An individual's narrative is <unit-id>_<slug of the name>.txt in the same folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from thidua.campaigns import LoadedCampaign
from thidua.errors import DataError, Location, Problem
from thidua.model import Period
from thidua.vnformat import nfc, slugify

DEFAULT_FOLDER = "data/bao-cao-thanh-tich"
PARTS = ("dac_diem", "chuc_nang", "thanh_tich", "khen_thuong")
_HEADINGS = {
    "dac_diem": ("đặc điểm", "tình hình", "sơ lược"),
    "chuc_nang": ("chức năng", "nhiệm vụ"),
    "khen_thuong": ("khen thưởng", "hình thức"),
    "thanh_tich": ("thành tích", "kết quả"),
}


def narrative_folder(loaded: LoadedCampaign, period: Period) -> Path:
    return loaded.path(period.data.narratives or DEFAULT_FOLDER)


def _part_for(heading: str) -> str | None:
    lowered = heading.lower()
    for part, words in _HEADINGS.items():
        if any(word in lowered for word in words):
            return part
    return None


def parse_narrative(text: str) -> dict[str, list[str]]:
    """Paragraphs per part of the report (see the module docstring)."""
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    current = "thanh_tich"
    for block in re.split(r"\n\s*\n", nfc(text).replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        while lines and lines[0].startswith("#"):
            current = _part_for(lines[0].lstrip("#").strip()) or current
            lines = lines[1:]
        if lines:
            parts[current].append(" ".join(lines))
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
    return parse_narrative(text), str(path)


def person_stem(unit_id: str, full_name: str) -> str:
    return f"{unit_id}_{slugify(full_name)}"
