"""Replace an output folder all at once, keeping user edits and surviving interruptions."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from thidua.manifest import Manifest, inspect_folder


def _sibling(final: Path, tag: str) -> Path:
    return final.parent / f".{final.name}.{tag}"


def recover(final: Path) -> None:
    """Undo a swap that was interrupted between its two renames; drop stale staging folders."""
    old = _sibling(final, "old")
    if old.is_dir():
        if final.is_dir():
            shutil.rmtree(old)
        else:
            os.replace(old, final)
    if final.parent.is_dir():
        for stale in final.parent.glob(f".{final.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)


@dataclass
class FolderUpdate:
    """A staging folder that becomes `final` only when `commit` runs."""

    final: Path
    force: bool = False
    preserved: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._carried_done = False
        recover(self.final)
        self.staging = _sibling(self.final, f"staging-{os.getpid()}")
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)

    def path(self, name: str) -> Path:
        return self.staging / name

    def carry_previous(self) -> set[str]:
        """Copy user-added and (unless forced) user-edited files of the previous output in."""
        if self._carried_done:
            return set(self.carried) | set(self.preserved)
        self._carried_done = True
        state = inspect_folder(self.final)
        for name in state.foreign:
            if not (self.staging / name).exists():
                self._carry(name)
                self.carried.append(name)
        if not self.force:
            for name in state.edited:
                self._carry(name)
                self.preserved.append(name)
        return set(self.carried) | set(self.preserved)

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

    def park(self, target: Path) -> Path:
        """Move the (incomplete) staging folder aside to target; the final folder is untouched."""
        if target.exists():
            shutil.rmtree(target)
        os.replace(self.staging, target)
        return target

    def abort(self) -> None:
        """Drop the staging folder; the previous output stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
