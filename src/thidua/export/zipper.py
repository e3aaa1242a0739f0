"""Deterministic ZIP archives whose Vietnamese names open correctly on Windows and elsewhere."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from thidua.atomic import write_bytes_atomic

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_UNICODE_PATH_EXTRA = 0x7075


def _unicode_path_extra(name: str) -> bytes:
    """Info-ZIP Unicode Path extra field: read by 7-Zip, WinRAR and older unzip tools."""
    encoded = name.encode("utf-8")
    legacy = name.encode("cp437", errors="replace")
    body = struct.pack("<BI", 1, zlib.crc32(legacy)) + encoded
    return struct.pack("<HH", _UNICODE_PATH_EXTRA, len(body)) + body


def build_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A ZIP of (archive name, data) in name order, fixed timestamps, UTF-8 flagged names."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries, key=lambda e: e[0]):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0  # MS-DOS: no Unix owner bits that vary between machines
            if not name.isascii():
                info.extra = _unicode_path_extra(name)
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def zip_folder(folder: Path, target: Path, root_name: str, names: list[str]) -> Path:
    """Zip the named files of folder under the top-level directory root_name, atomically."""
    entries = [(f"{root_name}/{name}", (folder / name).read_bytes()) for name in sorted(names)]
    return write_bytes_atomic(target, build_zip(entries))
