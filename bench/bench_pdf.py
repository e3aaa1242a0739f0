"""Benchmark: thidua's PDF conversion vs one naive `soffice --convert-to pdf` per document.

Usage: python bench/bench_pdf.py [--n 40] [--workers N] [--backend auto|uno|cli]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

from thidua.errors import ThiduaError
from thidua.pdf.convert import PdfConverter, convert_many, find_soffice


def make_documents(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        document = docx.Document()
        document.add_heading("ỦY BAN NHÂN DÂN XÃ PHƯỚC HẬU", level=1)
        document.add_paragraph(f"Tờ trình số {index + 1}/TTr-UBND về việc khen thưởng"
                               " cá nhân có thành tích xuất sắc — Nguyễn Thị Ánh.")
        table = document.add_table(rows=4, cols=3)
        for row, cells in enumerate(table.rows):
            for column, cell in enumerate(cells.cells):
                cell.text = f"Ô {row}.{column}: Lao động tiên tiến"
        path = folder / f"to_trinh_{index:03d}.docx"
        document.save(path)
        paths.append(path)
    return paths


def naive(soffice: Path, paths: list[Path], out_dir: Path, scratch: Path) -> float:
    """What a user would script: one fresh soffice (and fresh profile) per document."""
    start = time.perf_counter()
    for index, path in enumerate(paths):
        profile = (scratch / f"profile_{index}").as_uri()
        subprocess.run([str(soffice), f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_dir), str(path)],
                       check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def report(label: str, seconds: float, count: int, produced: int) -> None:
    print(f"{label:<44} {seconds:8.2f} s tổng   {seconds / count:6.3f} s/tài liệu"
          f"   ({produced}/{count} PDF)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="số tài liệu (mặc định 40)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="số LibreOffice chạy song song (mặc định: số CPU)")
    parser.add_argument("--backend", choices=("auto", "uno", "cli"), default="auto",
                        help="cách điều khiển LibreOffice (mặc định: auto)")
    args = parser.parse_args()
    try:
        soffice = find_soffice()
    except ThiduaError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as temp:
        root = Path(temp)
        (root / "docx").mkdir()
        paths = make_documents(root / "docx", args.n)
        print(f"{args.n} tài liệu, {args.workers} worker, soffice = {soffice}")

        start = time.perf_counter()
        with PdfConverter(soffice, backend=args.backend) as converter:
            single = converter.convert(paths, root / "one")
            backend = converter.backend
        one_worker = time.perf_counter() - start

        start = time.perf_counter()
        many = convert_many(paths, root / "many", workers=args.workers, soffice=soffice,
                            backend=args.backend)
        parallel = time.perf_counter() - start

        baseline = naive(soffice, paths, root / "naive", root / "profiles")
        produced = len(list((root / "naive").glob("*.pdf")))

    report(f"PdfConverter, 1 worker ({backend})", one_worker, args.n,
           sum(r.ok for r in single))
    report(f"convert_many, {args.workers} worker ({backend})", parallel, args.n,
           sum(r.ok for r in many))
    report("naive: 1 soffice + profile mới mỗi tệp", baseline, args.n, produced)
    print(f"Tỉ lệ naive / convert_many: {baseline / parallel:5.1f}×   "
          f"naive / 1 worker: {baseline / one_worker:5.1f}×   (mục tiêu ≥ 5×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
