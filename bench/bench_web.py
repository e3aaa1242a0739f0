"""Benchmark: server time of every page of `thidua web` for a 1.000-unit campaign (goal < 200 ms).

Run: python bench/bench_web.py [--units 1000] [--runs 5] [--no-export]
Builds the synthetic province of bench/synthetic.py in a temporary folder, serves it with the
app's ASGI TestClient (no network), and times each page: the first request (cold: campaign
loaded, period scored, data file checked) and the median of the following ones (warm: the
app's caches keyed by file size/mtime). Unless --no-export, the period's dossier is exported
first (as `thidua export` would) so that the dossier and home pages list ~1.160 documents.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from starlette.testclient import TestClient  # noqa: E402
from synthetic import PERIOD, build_campaign  # noqa: E402

from thidua.campaign.loading import load_campaign  # noqa: E402
from thidua.export.bulk import dossier_jobs, export  # noqa: E402
from thidua.web.app import create_app  # noqa: E402

CAMPAIGN = "tinh-dong-thap"


def pages(unit_id: str) -> list[tuple[str, str, dict]]:
    base = f"/p/{CAMPAIGN}"
    return [
        ("Trang chủ", "/", {}),
        ("Tổng quan phong trào", base, {}),
        ("Số liệu", f"{base}/so-lieu", {}),
        ("Biểu mẫu Excel", f"{base}/so-lieu/bieu-mau", {}),
        ("Kết quả", f"{base}/ket-qua", {}),
        ("Diễn giải một đơn vị (htmx)", f"{base}/ket-qua/don-vi/{unit_id}?dot={PERIOD}",
         {"HX-Request": "true"}),
        ("Hồ sơ", f"{base}/ho-so", {}),
        ("Soạn thảo (biểu mẫu)", f"{base}/sua", {}),
        ("Soạn thảo (YAML)", f"{base}/sua/yaml", {}),
        ("Xem trước Kế hoạch", f"{base}/ke-hoach", {}),
        ("Thời hạn", "/thoi-han", {}),
        ("Lịch .ics", "/thoi-han.ics", {}),
    ]


def timed(client: TestClient, url: str, headers: dict) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url, headers=headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code, response.text[:500])
    return elapsed * 1000, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "campaigns"
        synthetic = build_campaign(root / CAMPAIGN, args.units)
        output = Path(tmp) / "output"
        loaded = load_campaign(root / CAMPAIGN)
        if not args.no_export:
            started = time.perf_counter()
            summary = export([loaded], output, workers=2, jobs_of=dossier_jobs(PERIOD))
            print(f"Xuất hồ sơ trước khi đo: {summary.documents} văn bản trong "
                  f"{time.perf_counter() - started:.0f} s")
        unit_id = loaded.campaign.participants.groups[-1].units[0].id
        app = create_app(root, output_root=output, warm=False)  # "lần đầu" measures a cold cache
        print(f"Phong trào: {synthetic.units} đơn vị; {args.runs} lần đo mỗi trang\n")
        print(f"{'Trang':<30} {'lần đầu (ms)':>13} {'trung vị (ms)':>14} {'tối đa (ms)':>12} "
              f"{'kích thước':>11}")
        worst = 0.0
        with TestClient(app, base_url="http://127.0.0.1") as client:
            for name, url, headers in pages(unit_id):
                cold, size = timed(client, url, headers)
                warm = [timed(client, url, headers)[0] for _ in range(args.runs)]
                worst = max(worst, max(warm))
                print(f"{name:<30} {cold:>13.0f} {statistics.median(warm):>14.0f} "
                      f"{max(warm):>12.0f} {size / 1024:>9.0f} KB")
        print(f"\nChậm nhất (khi đã có bộ nhớ đệm): {worst:.0f} ms; mục tiêu < 200 ms.")


if __name__ == "__main__":
    main()
