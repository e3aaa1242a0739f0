"""manifest.json of an output folder: what was generated, from what, and what the user edited."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua import __version__
from thidua.atomic import write_text_atomic

MANIFEST_NAME = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Manifest:
    """Files generated into one folder (name → sha256) and the sources they came from."""

    files: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    campaign: str = ""
    period: str = ""
    version: str = __version__
    preserved: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "thidua_version": self.version,
            "campaign": self.campaign,
            "period": self.period,
            "sources": dict(sorted(self.sources.items())),
            "files": [{"name": n, "sha256": h} for n, h in sorted(self.files.items())],
            "preserved_user_edits": sorted(self.preserved),
        }

    def write(self, folder: Path) -> Path:
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        return write_text_atomic(folder / MANIFEST_NAME, text)

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The folder's manifest, or None when absent or unreadable (treated as no manifest)."""
        path = folder / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(files={f["name"]: f["sha256"] for f in data.get("files", [])},
                       sources=dict(data.get("sources", {})), campaign=data.get("campaign", ""),
                       period=data.get("period", ""), version=data.get("thidua_version", ""),
                       preserved=list(data.get("preserved_user_edits", [])))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # `[]`, garbage or a hand-edited manifest: treated as absent


@dataclass(frozen=True)
class FolderState:
    """What is in an existing output folder compared with its manifest."""

    edited: tuple[str, ...]          # generated files whose content changed since generation
    foreign: tuple[str, ...]         # files the user added (not in the manifest)


def inspect_folder(folder: Path) -> FolderState:
    """Find edited and user-added files in a previous output folder."""
    if not folder.is_dir():
        return FolderState((), ())
    manifest = Manifest.read(folder)
    known = manifest.files if manifest else {}
    edited, foreign = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name == MANIFEST_NAME:
            continue
        if name not in known:
            foreign.append(name)
        elif sha256_file(path) != known[name]:
            edited.append(name)
    return FolderState(tuple(edited), tuple(foreign))
