"""Uploaded files: size and type checked, sanitised names, saved inside a campaign folder only."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile

from thidua.atomic import write_bytes_atomic
from thidua.errors import ThiduaError
from thidua.vietnamese.formatting import slugify

UPLOAD_LIMIT = 10 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_SIGNATURES = {".xlsx": (_ZIP_MAGIC,), ".xlsm": (_ZIP_MAGIC,), ".docx": (_ZIP_MAGIC,),
               ".ods": (_ZIP_MAGIC,), ".xls": (_OLE_MAGIC,)}
_TEXT_SUFFIXES = {".csv", ".txt"}


class UploadRefused(ThiduaError):
    """An uploaded file that thidua will not save (too large, wrong type, bad name)."""


@dataclass(frozen=True)
class SavedUpload:
    path: Path
    renamed_from: str | None = None  # the name asked for, when a file of that name existed


def safe_name(filename: str, allowed: tuple[str, ...]) -> str:
    """A Windows-valid, path-free file name: '../../x.xlsx' → 'x.xlsx', 'Báo cáo.CSV' →
    'bao-cao.csv'; refuses suffixes not in allowed."""
    base = PureWindowsPath(PurePosixPath(filename or "").name).name
    base = unicodedata.normalize("NFC", base).strip().strip(".")
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in allowed:
        shown = filename or "(không tên)"
        raise UploadRefused(f"Tệp '{shown}' không đúng loại: chỉ nhận {', '.join(allowed)}.")
    return f"{slugify(stem or 'tep')}{suffix}"


def check_content(data: bytes, suffix: str, shown: str) -> None:
    """Refuse content that is not what the suffix says (a renamed .exe, a binary .csv)."""
    if suffix in _SIGNATURES:
        if not data.startswith(_SIGNATURES[suffix]):
            raise UploadRefused(f"Tệp '{shown}' không phải tệp {suffix} hợp lệ (nội dung không "
                                f"đúng định dạng); hãy lưu lại bằng Excel/Word rồi tải lên.")
        return
    if suffix in _TEXT_SUFFIXES:
        if b"\x00" in data[:4096]:
            raise UploadRefused(f"Tệp '{shown}' không phải tệp văn bản {suffix}.")
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                data.decode(encoding)
                return
            except UnicodeDecodeError:
                continue
        raise UploadRefused(f"Tệp '{shown}' không đọc được (cần mã hóa UTF-8).")


async def read_upload(upload: UploadFile, allowed: tuple[str, ...],
                      limit: int = UPLOAD_LIMIT) -> tuple[str, bytes]:
    """(sanitised name, content) of an uploaded file, read at most limit + 1 bytes."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UploadRefused("Chưa chọn tệp để tải lên.")
    name = safe_name(upload.filename, allowed)
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(f"Tệp '{upload.filename}' quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    if not data:
        raise UploadRefused(f"Tệp '{upload.filename}' rỗng.")
    check_content(data, Path(name).suffix, upload.filename)
    return name, data


def inside(folder: Path, target: Path) -> Path:
    """target resolved, refused unless it is inside folder (no traversal, no symlink escape)."""
    base, resolved = folder.resolve(), target.resolve()
    if resolved != base and base not in resolved.parents:
        raise UploadRefused(f"Không được ghi ra ngoài thư mục phong trào: {target.name}")
    return resolved


def reserve_name(folder: Path, name: str) -> Path:
    """Create folder/name, or folder/name-2, -3… when taken (exclusively, so two tabs
    uploading at once get two files): an upload never replaces a file."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 1000):
        target = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return target
        except FileExistsError:
            continue
    raise UploadRefused(f"Quá nhiều tệp trùng tên '{name}' trong {folder.name}.")


def save_upload(campaign_folder: Path, subfolder: str, name: str, data: bytes) -> SavedUpload:
    """Write an upload under campaign_folder/subfolder atomically, never over an existing file."""
    if re.search(r"(^|[\\/])\.\.([\\/]|$)", subfolder):
        raise UploadRefused("Thư mục lưu tệp không hợp lệ.")
    folder = inside(campaign_folder, campaign_folder / subfolder)
    folder.mkdir(parents=True, exist_ok=True)
    target = inside(campaign_folder, reserve_name(folder, name))
    write_bytes_atomic(target, data)
    return SavedUpload(target, None if target.name == name else name)


def backup_path(campaign_folder: Path, current: Path, stamp: str) -> Path:
    """Where a replaced data file is kept: data/cu/<name>-<stamp><suffix>, never reused."""
    folder = campaign_folder / "data" / "cu"
    folder.mkdir(parents=True, exist_ok=True)
    return reserve_name(folder, f"{current.stem}-{stamp}{current.suffix}")


def replace_keeping_backup(campaign_folder: Path, target: Path, data: bytes,
                           also_move: tuple[Path, ...] = ()) -> list[Path]:
    """Put data at target; the file it replaces (and also_move, files that would shadow it)
    is moved to data/cu/ first. Returns the backups made."""
    inside(campaign_folder, target)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backups = []
    for current in (target, *also_move):
        inside(campaign_folder, current)
        if current.exists():
            kept = backup_path(campaign_folder, current, stamp)
            os.replace(current, kept)
            backups.append(kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, data)
    return backups
