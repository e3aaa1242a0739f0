"""Benchmark: score a synthetic campaign of 3.321 commune-level units (goal: under 2 s).

Run: python bench/bench_scoring.py
The campaign uses the rule kinds of seeds 001 and 003 (proportional with floor and full_at,
threshold with steps and none_points, a percentage threshold, yes/no, per-event deductions,
monthly report timeliness), group overrides, a tie-break ratio, ranks with caps.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

from thidua.campaign.loading import load_campaign
from thidua.scoring.pipeline import compute_period, load_inputs, select_period

UNITS = 3321  # xã, phường, đặc khu after 01/7/2025
GROUPS = {"phuong": 1100, "xa": UNITS - 1100}


def campaign_yaml() -> dict:
    groups = [{"id": g, "name": f"Nhóm {g}",
               "units": [{"id": f"{g}-{i:04d}", "name": f"UBND {g} {i:04d}"}
                         for i in range(1, n + 1)]} for g, n in GROUPS.items()]
    metrics = [
        {"id": "hs", "label": "Tổng số hồ sơ", "unit": "hồ sơ"},
        {"id": "hs_tt", "label": "Hồ sơ trực tuyến", "unit": "hồ sơ", "part_of": "hs"},
        {"id": "cccd", "label": "Người có CCCD", "unit": "người"},
        {"id": "dd", "label": "Tài khoản định danh", "unit": "tài khoản", "part_of": "cccd"},
        {"id": "tk", "label": "Tài khoản nộp hồ sơ", "unit": "tài khoản"},
        {"id": "tt", "label": "Thủ tục đăng ký", "unit": "thủ tục"},
        {"id": "gq", "label": "Hồ sơ đã giải quyết", "unit": "hồ sơ", "part_of": "hs_tt"},
        {"id": "kh", "label": "Kế hoạch", "type": "yes_no"},
        {"id": "sai", "label": "Báo cáo không trung thực", "unit": "lần"},
    ]
    criteria = [
        {"id": "c1", "title": "Hồ sơ trực tuyến", "max_points": 40,
         "rule": {"kind": "proportional", "numerator": "hs_tt", "denominator": "hs",
                  "floor": "70%"}},
        {"id": "c2", "title": "Định danh", "max_points": 20,
         "rule": {"kind": "proportional", "numerator": "dd", "denominator": "cccd",
                  "full_at": "90%"}},
        {"id": "c3", "title": "Kế hoạch", "max_points": 10,
         "rule": {"kind": "yes_no", "metric": "kh"}},
        {"id": "c4", "title": "Thủ tục", "max_points": 15,
         "rule": {"kind": "threshold", "metric": "tt", "target": 1, "step": 1,
                  "step_points": 5, "none_points": -5},
         "overrides": {"phuong": {"target": 2}}},
        {"id": "c5", "title": "Giải quyết", "max_points": 15,
         "rule": {"kind": "threshold", "numerator": "gq", "denominator": "hs_tt",
                  "target": 98, "step": 1, "step_points": 5, "percent_target": True}},
        {"id": "c6", "title": "Báo cáo đúng hạn", "max_points": 0,
         "rule": {"kind": "report_timeliness", "due_day": 25,
                  "tiers": [{"max_days_late": 3, "points": -2}, {"points": -5}],
                  "missing_points": -5}},
        {"id": "c7", "title": "Trung thực", "max_points": 0,
         "rule": {"kind": "per_event", "metric": "sai", "points_each": -2}},
    ]
    award = {"id": "gk", "form": "Giấy khen", "level": "tỉnh",
             "ranks": [{"name": "Hạng Nhất", "count": 10, "prize": 10000000},
                       {"name": "Hạng Nhì", "count": 20, "prize_coefficient": 2.5},
                       {"name": "Hạng Ba", "count": 30, "prize": 3000000}],
             "caps": {"phuong": 25, "xa": 40}, "other_units_individuals": 1}
    return {
        "title": "Phong trào thử tải", "issuer": {"name": "UBND tỉnh", "symbol": "UBND",
                                                  "place": "Thử"},
        "time": {"start": "01/01/2025", "end": "31/12/2025"}, "signer": {"title": "CHỦ TỊCH"},
        "participants": {"groups": groups}, "metrics": metrics,
        "scoring": {"criteria": criteria, "min_total": 60, "ranking": "overall",
                    "tie_breaks": [{"label": "Ít hồ sơ mỗi tài khoản", "numerator": "hs_tt",
                                    "denominator": "tk", "order": "asc"},
                                   {"label": "Hội đồng", "council": True}]},
        "periods": [{"id": "nam-2025", "name": "Năm 2025", "start": "01/01/2025",
                     "end": "31/12/2025", "awards": [award]}],
        "dossier": {"base_salary": 2340000},
    }


def write_data(folder: Path, ids: list[str]) -> None:
    rng = random.Random(2025)
    lines = ["ma_don_vi,hs,hs_tt,cccd,dd,tk,tt,gq,kh,sai"]
    log = ["ma_don_vi,ky,ngay_nop"]
    for unit in ids:
        hs = rng.randint(300, 5000)
        hs_tt = rng.randint(int(hs * 0.6), hs)
        cccd = rng.randint(3000, 30000)
        lines.append(f"{unit},{hs},{hs_tt},{cccd},{rng.randint(int(cccd * 0.6), cccd)},"
                     f"{rng.randint(50, 900)},{rng.randint(0, 8)},"
                     f"{rng.randint(int(hs_tt * 0.95), hs_tt)},{rng.choice(['có', 'không'])},"
                     f"{rng.choice([0, 0, 0, 1])}")
        for month in range(1, 13):
            day = rng.choice([None] + list(range(18, 32)))
            when = "" if day is None else f"{min(day, 28):02d}/{month:02d}/2025"
            log.append(f"{unit},{month:02d}/2025,{when}")
    (folder / "data").mkdir()
    (folder / "data" / "nam-2025.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "data" / "nam-2025-bao-cao.csv").write_text("\n".join(log) + "\n",
                                                          encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "thu-tai"
        folder.mkdir()
        data = campaign_yaml()
        (folder / "campaign.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                              encoding="utf-8")
        write_data(folder, [u["id"] for g in data["participants"]["groups"] for u in g["units"]])
        loaded = load_campaign(folder)
        period = select_period(loaded.campaign, "nam-2025")
        start = time.perf_counter()
        inputs = load_inputs(loaded, period)
        read = time.perf_counter()
        result = compute_period(loaded.campaign, loaded.id, period, inputs)
        done = time.perf_counter()
    total = done - start
    print(f"Đơn vị: {len(result.units)}; được khen: {len(result.awarded)}; "
          f"tổng tiền thưởng: {result.prize_total:,} đồng".replace(",", "."))
    print(f"Đọc số liệu + sổ báo cáo: {read - start:.3f} s; chấm điểm, xếp hạng, khen thưởng: "
          f"{done - read:.3f} s")
    print(f"Tổng: {total:.3f} s — {len(result.units) / total:,.0f} đơn vị/giây"
          .replace(",", "."))
    return 0 if total < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
