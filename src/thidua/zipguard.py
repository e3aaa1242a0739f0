"""Size limits for the zip packages users give us (.docx, .xlsx), checked before reading them.

A Word or Excel file is a zip; a part of 1 GiB, or a "zip bomb" that inflates a few kB into
gigabytes, would be read into memory and copied into every output. The sizes a zip declares
in its directory bound what zipfile will inflate (it stops at the declared size and then
fails the CRC check), so checking them first is enough.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024  # the file on disk
MAX_PART_BYTES = 100 * 1024 * 1024  # one part once inflated (a large photo is ~20 MB)
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all parts once inflated
MAX_PARTS = 10_000
MAX_RATIO = 200  # inflated/compressed for parts over RATIO_FROM; real XML stays under ~50
RATIO_FROM = 10 * 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB".replace(",", ".")


def file_size_problem(path: Path) -> str | None:
    """Vietnamese reason to refuse the file at `path` for its size on disk, or None."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return None  # the caller's own reading reports a missing or unreadable file
    if size > MAX_FILE_BYTES:
        return f"tệp nặng {_mb(size)}, quá giới hạn {_mb(MAX_FILE_BYTES)}"
    return None


def archive_problem(archive: zipfile.ZipFile) -> str | None:
    """Vietnamese reason to refuse an opened zip for the sizes it declares, or None."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        return f"tệp có {len(infos)} phần bên trong, quá giới hạn {MAX_PARTS}"
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            return (f"phần {info.filename} bên trong tệp giải nén ra {_mb(info.file_size)}, "
                    f"quá giới hạn {_mb(MAX_PART_BYTES)} cho một phần")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size):
            return (f"phần {info.filename} bên trong tệp nén bất thường ({_mb(info.file_size)} "
                    "từ một phần rất nhỏ, kiểu \"bom zip\")")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        return (f"các phần bên trong tệp giải nén ra {_mb(total)}, quá giới hạn "
                f"{_mb(MAX_TOTAL_BYTES)}")
    return None


def zip_file_problem(path: Path) -> str | None:
    """Vietnamese reason to refuse the .docx/.xlsx at `path` before a library reads it, or None
    (also None when it is no zip at all: the library's own error says so better)."""
    problem = file_size_problem(path)
    if problem is not None:
        return problem
    try:
        with zipfile.ZipFile(path) as archive:
            return archive_problem(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
