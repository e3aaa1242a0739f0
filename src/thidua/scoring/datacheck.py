"""Check every period's data files along with the campaign (used by `thidua validate`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.campaign.loading import LoadedCampaign
from thidua.errors import DataError, Problem
from thidua.scoring.pipeline import data_paths, score_period


@dataclass
class DataReport:
    """Per-period outcome of reading and scoring the sample/real data."""

    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def check_period_data(loaded: LoadedCampaign) -> DataReport:
    """Read and score each period that has a figures file; collect every problem."""
    report = DataReport()
    for period in loaded.campaign.periods:
        figures = data_paths(loaded, period).figures
        if not figures.exists():
            report.lines.append(f"Đợt {period.id}: chưa có tệp số liệu ({figures})")
            continue
        try:
            result = score_period(loaded, period.id)
        except DataError as exc:
            report.problems.extend(exc.problems)
            report.lines.append(f"Đợt {period.id}: số liệu có {len(exc.problems)} lỗi")
            continue
        awarded = len(result.awarded)
        report.lines.append(f"Đợt {period.id}: số liệu hợp lệ ({len(result.units)} đơn vị, "
                            f"{awarded} được khen)")
        report.lines.extend(f"  Cảnh báo: {w}" for w in result.warnings)
        report.lines.extend(f"  Cần Hội đồng quyết định: {t.message}" for t in result.pending_ties)
    return report
