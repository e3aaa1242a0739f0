"""Atomic file writes (temp file, fsync, rename) and OS errors told in Vietnamese."""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from pathlib import Path


def _default_mode() -> int:
    """Mode a plain open() would give a new file (0o666 minus the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write data to path so that readers see either the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _FILE_MODE)  # mkstemp creates 0600; generated files are shared documents
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            raise OSError(exc.errno, exc.strerror, str(path)) from None  # the user's name, not .tmp
        raise
    return path


def _record_of(path: Path) -> Path:
    """Where thidua notes the hash of the file it wrote (next to it, hidden)."""
    return path.with_name(f".{path.name}.thidua-sha256")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_unless_edited(path: Path, data: bytes, force: bool = False) -> str:
    """Write a generated file unless the one already there differs from what thidua last wrote
    (a form the user has filled in): 'written', 'unchanged', 'overwritten' (force) or 'kept'."""
    path = Path(path)
    record = _record_of(path)
    new_hash = _sha256(data)
    if path.exists() or path.is_symlink():
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        current = _sha256(path.read_bytes()) if path.is_file() else ""
        try:
            written = record.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            written = ""
        if current == new_hash:
            status = "unchanged"
        elif current != written or path.is_symlink():
            if not force:
                return "kept"
            status = "overwritten"
        else:
            status = "written"
    else:
        status = "written"
    if status != "unchanged":
        write_bytes_atomic(path, data)
    write_bytes_atomic(record, (new_hash + "\n").encode("ascii"))
    return status


def write_text_atomic(path: Path, text: str) -> Path:
    """UTF-8 text, with '\\n' line endings, written atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


# The cause of an OS error in words a user can act on; the English strerror is left out.
_CAUSES = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.EACCES: "không có quyền truy cập (tệp đang mở trong Word/Excel, hoặc thư mục không "
                  "cho phép ghi)",
    errno.EPERM: "không được phép thao tác trên tệp này (tệp đang mở hoặc bị khóa)",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc (ví dụ USB khóa ghi, đĩa CD)",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EEXIST: "đã có tệp hoặc thư mục trùng tên",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EIO: "lỗi đọc/ghi của ổ đĩa (ổ đĩa hỏng hoặc bị rút ra)",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.EBADF: "đầu ra đã bị đóng",
    errno.EPIPE: "đầu ra đã bị đóng",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
    errno.ELOOP: "đường dẫn chứa liên kết vòng",
    errno.ENOEXEC: "tệp không phải là chương trình chạy được",
}


def os_error_text(exc: OSError, action: str = "đọc/ghi") -> str:
    """'không ghi được tệp out/a.docx: ổ đĩa đã đầy; …' — the file and the cause in Vietnamese."""
    name = exc.filename if exc.filename is not None else ""
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    cause = _CAUSES.get(exc.errno or 0) or (
        f"lỗi hệ điều hành số {exc.errno}" if exc.errno else "lỗi hệ điều hành")
    where = name if name.startswith("đầu ra") else f"tệp {name}" if name else "tệp"
    if exc.filename2 is not None:
        where += f" (→ {exc.filename2})"
    return f"không {action} được {where}: {cause}"
