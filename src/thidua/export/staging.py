"""Replace an output folder all at once, keeping user edits and surviving interruptions."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from thidua.errors import ExportError
from thidua.export.manifest import Manifest, inspect_folder, sha256_file


def _sibling(final: Path, tag: str) -> Path:
    return final.parent / f".{final.name}.{tag}"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists but not ours, or the platform cannot tell: leave it alone
    return True


def recover(final: Path) -> None:
    """Undo a swap interrupted between its two renames; drop staging folders of dead runs."""
    old = _sibling(final, "old")
    if old.is_dir():
        if final.is_dir():
            shutil.rmtree(old)
        else:
            os.replace(old, final)
    if final.parent.is_dir():
        for stale in final.parent.glob(f".{final.name}.staging-*"):
            pid = stale.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or not _process_alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)


def occupied(final: Path) -> str | None:
    """Why an output folder cannot be replaced without moving a user's file away: a file or a
    link (symlink) in its place or its parent's; None when it is free or a real folder."""
    for path in (final.parent, final):
        if path.is_symlink():
            return (f"{path}: đây là một liên kết (symlink); thidua không ghi qua liên kết. Hãy "
                    "xóa liên kết hoặc chọn thư mục khác bằng -o.")
        if path.exists() and not path.is_dir():
            return (f"{path}: đã có một tệp trùng tên với thư mục kết quả; hãy đổi tên hoặc "
                    "chuyển tệp đó đi, hoặc chọn thư mục khác bằng -o.")
    return None


def has_user_files(folder: Path) -> bool:
    """Does a folder hold files the user edited or added since thidua wrote it?"""
    state = inspect_folder(folder)
    return bool(state.edited or state.foreign)


@dataclass
class FolderUpdate:
    """A staging folder that becomes `final` only when `commit` runs."""

    final: Path
    force: bool = False
    preserved: list[str] = field(default_factory=list)     # user edits kept
    carried: list[str] = field(default_factory=list)       # user-added files kept
    overwritten: list[str] = field(default_factory=list)   # user edits replaced (--force)

    def __post_init__(self) -> None:
        self._carried_done = False
        if problem := occupied(self.final):
            raise ExportError(f"Lỗi: không ghi được, chưa ghi tệp nào: {problem}")
        recover(self.final)
        self.staging = _sibling(self.final, f"staging-{os.getpid()}")
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)

    def path(self, name: str) -> Path:
        return self.staging / name

    def carry_previous(self) -> set[str]:
        """Copy user-added and (unless forced) user-edited files of the previous output in.

        A file the previous manifest does not know (no manifest, a corrupt one, or a file the
        user put there) is the user's: it is kept unless thidua generates the same name with
        the very same content, and a differing one is replaced only with --force.
        """
        if not self._carried_done:
            self._carried_done = True
            state = inspect_folder(self.final)
            for name in state.foreign:
                new = self.staging / name
                if not new.exists():
                    self._carry(name)
                    self.carried.append(name)
                elif sha256_file(new) != sha256_file(self.final / name):
                    self._keep_or_overwrite(name)
            for name in state.edited:
                self._keep_or_overwrite(name)
        return set(self.carried) | set(self.preserved)

    def _keep_or_overwrite(self, name: str) -> None:
        if self.force:
            self.overwritten.append(name)
        else:
            self._carry(name)
            self.preserved.append(name)

    def commit(self, manifest: Manifest) -> Path:
        """Keep edited/added files of the previous output, write the manifest, swap folders."""
        previous = Manifest.read(self.final) if self.final.is_dir() else None
        self.carry_previous()
        for name in self.preserved:
            if previous and name in previous.files:
                manifest.files[name] = previous.files[name]
        manifest.preserved = sorted(self.preserved)
        manifest.write(self.staging)
        old = _sibling(self.final, "old")
        if self.final.exists():
            os.replace(self.final, old)
        os.replace(self.staging, self.final)
        if old.exists():
            shutil.rmtree(old)
        return self.final

    def _carry(self, name: str) -> None:
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(self.final / name, target)

    def park(self, target: Path, manifest: Manifest) -> Path:
        """Move the incomplete staging folder to target; the final folder is untouched.

        An earlier incomplete folder is replaced only if the user changed nothing in it;
        otherwise it is renamed aside (…-2, …-3) so no hand-made change is lost.
        """
        if target.exists():
            if has_user_files(target):
                n = 2
                while target.with_name(f"{target.name}-{n}").exists():
                    n += 1
                os.replace(target, target.with_name(f"{target.name}-{n}"))
            else:
                shutil.rmtree(target)
        manifest.write(self.staging)
        os.replace(self.staging, target)
        return target

    def abort(self) -> None:
        """Drop the staging folder; the previous output stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
