"""The campaigns folder seen by the web app: safe lookup by id; loads and scores cached by file state."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from starlette.exceptions import HTTPException

from thidua.campaign.loading import CAMPAIGN_FILE, LoadedCampaign, discover, load_campaign
from thidua.scoring.pipeline import data_paths, score_period, select_period
from thidua.scoring.results import PeriodResult

T = TypeVar("T")
StatKey = tuple[tuple[str, int, int], ...]


def stat_key(paths: list[Path]) -> StatKey:
    """What identifies the state of some files: name, mtime and size (missing files count)."""
    key = []
    for path in paths:
        try:
            st = path.stat()
            key.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            key.append((str(path), -1, -1))
    return tuple(key)


def data_listing(folder: Path) -> tuple[str, ...]:
    """Names in the campaign's data/ folder: which input files exist (one directory read)."""
    try:
        return tuple(sorted(os.listdir(folder / "data")))
    except OSError:
        return ()


def tree_listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under folder as 'a/b.docx' → (mtime_ns, size), in one pass of scandir."""
    found: dict[str, tuple[int, int]] = {}
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False):
                st = entry.stat(follow_symlinks=False)
                found[f"{prefix}{entry.name}"] = (st.st_mtime_ns, st.st_size)
    return found


class CampaignStore:
    """Campaign folders directly under the root; ids never leave it (no '..', no '/')."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._cache: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._lock = threading.Lock()

    def ids(self) -> list[str]:
        return [p.name for p in discover(self.root)]

    def folder(self, campaign_id: str) -> Path:
        """The folder of a campaign id, or 404: only names listed in the root are accepted."""
        if campaign_id in ("", ".", "..") or "/" in campaign_id or "\\" in campaign_id:
            raise HTTPException(404, f"Không có phong trào '{campaign_id}'.")
        folder = self.root / campaign_id
        if not (folder / CAMPAIGN_FILE).is_file():
            raise HTTPException(404, f"Không có phong trào '{campaign_id}' trong {self.root}.")
        return folder

    def cached(self, kind: str, name: str, key: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            hit = self._cache.get((kind, name))
        if hit is not None and hit[0] == key:
            if isinstance(hit[1], Exception):
                raise hit[1]
            return hit[1]
        try:
            value: Any = compute()
        except Exception as exc:
            with self._lock:
                self._cache[(kind, name)] = (key, exc)
            raise
        with self._lock:
            self._cache[(kind, name)] = (key, value)
        return value

    def load(self, campaign_id: str) -> LoadedCampaign:
        """The validated campaign (CampaignError with every problem when it is broken)."""
        folder = self.folder(campaign_id)
        key = (stat_key([folder / CAMPAIGN_FILE]), data_listing(folder))
        return self.cached("load", campaign_id, key, lambda: load_campaign(folder))

    def score(self, loaded: LoadedCampaign, period_id: str | None = None) -> PeriodResult:
        """score_period of the library, recomputed only when campaign.yaml or data/ changed."""
        period = select_period(loaded.campaign, period_id)
        return self.of_period("score", loaded, period.id, lambda: score_period(loaded, period.id))

    def of_period(self, kind: str, loaded: LoadedCampaign, period_id: str,
                  compute: Callable[[], T]) -> T:
        """Anything computed from a period's inputs (its result, a page fragment of it),
        recomputed only when campaign.yaml or one of the period's data files changed. A
        campaign object older than the cached one (the file changed meanwhile) is computed
        from but never cached, so that no result of an old definition outlives it."""
        with self._lock:
            entry = self._cache.get(("load", loaded.id))
        if entry is None or entry[1] is not loaded:
            return compute()
        paths = data_paths(loaded, select_period(loaded.campaign, period_id))
        key = (entry[0], stat_key([paths.figures, paths.submissions, paths.nominations,
                                   paths.council_order]), data_listing(loaded.folder))
        return self.cached(kind, f"{loaded.id}/{period_id}", key, compute)
