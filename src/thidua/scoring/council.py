"""Writing the council's order for tied units into the council-order file the scoring reads."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from thidua.atomic import write_text_atomic
from thidua.data.tables import clean_text
from thidua.errors import DataError, Location, Problem
from thidua.scoring.ranking import read_council_order
from thidua.scoring.results import PendingTie

HEADER = ("ma_don_vi", "thu_tu")


def check_settlement(tie: PendingTie, order: Mapping[str, int]) -> list[Problem]:
    """The council's order must give every tied unit a position from 1 to the number tied."""
    problems = []
    size = len(tie.unit_ids)
    for unit_id in tie.unit_ids:
        position = order.get(unit_id)
        if position is None or not 1 <= position <= size:
            problems.append(Problem(f"thứ tự của đơn vị '{unit_id}' phải từ 1 đến {size}",
                                    Location(key=f"thu_tu[{unit_id}]")))
    extra = sorted(set(order) - set(tie.unit_ids))
    if extra:
        problems.append(Problem(f"đơn vị không thuộc nhóm bằng điểm: {', '.join(extra)}"))
    return problems


def council_order_text(existing: str | None, order: Mapping[str, int]) -> str:
    """The council-order CSV with `order` recorded: comment lines and rows of other units kept,
    rows of the units in `order` replaced (docs/DATA_FORMAT.md, section 6)."""
    comments, kept = [], []
    if existing:
        lines = existing.lstrip("\ufeff").splitlines()
        comments = [line for line in lines if line.startswith("#")]
        rows = [line for line in lines if line.strip() and not line.startswith("#")]
        for record in list(csv.reader(rows))[1:]:
            if record and clean_text(record[0]) and clean_text(record[0]) not in order:
                kept.append(record[:2])
    out = io.StringIO()
    for line in comments:
        out.write(line + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(kept)
    for unit_id, position in sorted(order.items(), key=lambda item: (item[1], item[0])):
        writer.writerow((unit_id, position))
    return out.getvalue()


def record_council_order(path: Path, tie: PendingTie, order: Mapping[str, int],
                         known: list[str]) -> Path:
    """Write the council's order of a tie into the council-order file (CSV), checking it reads
    back as scoring will read it; DataError says what to fix."""
    problems = check_settlement(tie, order)
    if path.suffix.lower() not in (".csv", ".txt"):
        problems.append(Problem(f"tệp thứ tự Hội đồng {path.name} không phải CSV: hãy ghi thứ tự "
                                f"vào tệp đó bằng Excel (cột ma_don_vi, thu_tu)", Location(str(path))))
    if problems:
        raise DataError(problems)
    try:
        existing = path.read_text(encoding="utf-8-sig") if path.exists() else None
    except UnicodeDecodeError:
        raise DataError([Problem("tệp thứ tự Hội đồng không phải UTF-8: hãy lưu lại dạng CSV "
                                 "UTF-8 rồi thử lại", Location(str(path)))]) from None
    text = council_order_text(existing, order)
    staged = path.with_name(f".{path.name}.kiem-tra.csv")
    try:
        write_text_atomic(staged, text)
        read_council_order(staged, known)
    finally:
        staged.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(path, text)
