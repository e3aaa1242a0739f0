"""Write a folder of documents through staging: manifest, kept user edits, atomic swap."""

from __future__ import annotations

from pathlib import Path

from thidua.campaign.loading import LoadedCampaign
from thidua.documents.rendering import template_dirs
from thidua.export.manifest import Manifest, sha256_file
from thidua.export.staging import FolderUpdate


class FolderOutcome(list[Path]):
    """The files a run wrote (a list of paths), plus the user edits it kept or replaced."""

    def __init__(self, paths: list[Path], preserved: list[Path], overwritten: list[Path]):
        super().__init__(paths)
        self.preserved = preserved      # user edits kept
        self.overwritten = overwritten  # user edits replaced (force)
        self.missing: list[str] = []    # facts still blank in the reports, per awardee

    @property
    def paths(self) -> list[Path]:
        return list(self)


def campaign_sources(loaded: LoadedCampaign) -> dict[str, str]:
    """sha256 of the campaign file, its data files and the templates its documents use."""
    found = {loaded.file}
    data = loaded.folder / "data"
    if data.is_dir():
        found.update(p for p in data.rglob("*") if p.is_file())
    for folder in template_dirs(loaded):
        if folder.is_dir():
            found.update(folder.glob("*.docx"))
    return {p.as_posix(): sha256_file(p) for p in sorted(found)}


def staged_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_file(p)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_folder(final: Path, files: list[tuple[str, bytes]], manifest: Manifest,
                 force: bool = False) -> FolderOutcome:
    """Replace `final` with these files; edits the user made since the last run are kept
    (unless force) and files the user added stay; an interruption leaves the old folder."""
    update = FolderUpdate(final, force=force)
    try:
        for name, data in files:
            update.path(name).write_bytes(data)
        manifest.files = staged_hashes(update.staging)
        update.commit(manifest)
    except BaseException:
        update.abort()
        raise
    kept = set(update.preserved)
    return FolderOutcome([final / name for name, _ in files if name not in kept],
                         [final / n for n in update.preserved],
                         [final / n for n in update.overwritten])
