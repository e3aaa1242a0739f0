"""campaign.yaml on disk for an editor: versions by hash, safe saves, validation by key path."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua.atomic import write_bytes_atomic
from thidua.campaign.editing import merge_texts
from thidua.campaign.loading import CAMPAIGN_FILE, check_source
from thidua.campaign.scaffold import create_campaign
from thidua.campaign.yamlsource import decode_text, load_yaml
from thidua.errors import CampaignError, Location, Problem, ThiduaError


def digest(raw: bytes) -> str:
    """The version stamp of a file's bytes, sent with a form and checked before saving."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Version:
    """campaign.yaml as read: its text (LF line ends) and the hash of its bytes on disk."""

    text: str
    digest: str
    crlf: bool = False


def read_version(path: Path) -> Version:
    raw = Path(path).read_bytes()
    return Version(decode_text(raw, Path(path)), digest(raw), b"\r\n" in raw)


class EditConflict(ThiduaError):
    """The file changed on disk since it was loaded and the two edits touch the same values."""

    def __init__(self, path: Path, mine: str, theirs: Version) -> None:
        super().__init__(f"Tệp {Path(path).name} đã được sửa ở nơi khác sau khi bạn mở; chưa "
                         "lưu. Hãy so sánh hai bản và chọn bản giữ lại.")
        self.path, self.mine, self.theirs = path, mine, theirs


@dataclass(frozen=True)
class Saved:
    """What a save did: written as is, or merged with a change made on disk meanwhile."""

    version: Version
    merged: bool = False


def save_text(path: Path, text: str, base_digest: str, base_text: str | None = None) -> Saved:
    """Write text atomically if the file is still the version loaded (base_digest).

    When the file changed meanwhile and base_text is known, changes to different values are
    merged; otherwise EditConflict carries both versions so the user can choose.
    """
    path = Path(path)
    current = read_version(path) if path.exists() else Version("", digest(b""))
    merged = False
    if current.digest != base_digest:
        result = merge_texts(base_text, text, current.text) if base_text is not None else None
        if result is None:
            raise EditConflict(path, text, current)
        text, merged = result, True
    data = (text.replace("\n", "\r\n") if current.crlf else text).encode("utf-8")
    write_bytes_atomic(path, data)
    return Saved(Version(text, digest(data), current.crlf), merged)


@dataclass
class Checked:
    """Validation of a text: every problem, keyed by its key path ('' when it has none)."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def by_key(self) -> dict[str, list[Problem]]:
        keyed: dict[str, list[Problem]] = {}
        for problem in self.problems:
            keyed.setdefault(problem.location.key or "", []).append(problem)
        return keyed


def check_text(text: str, folder: Path) -> Checked:
    """Validate text as the campaign.yaml of folder, with `thidua validate`'s own checks."""
    target = Path(folder) / CAMPAIGN_FILE
    with tempfile.TemporaryDirectory(prefix="thidua-edit-") as tmp:
        candidate = Path(tmp) / CAMPAIGN_FILE
        candidate.write_text(text, encoding="utf-8")
        try:
            source = load_yaml(candidate)
            source.path = target
            loaded = check_source(source, Path(folder))
        except CampaignError as exc:
            return Checked([_relocate(p, candidate, target) for p in exc.problems])
    return Checked(list(loaded.warnings))


def _relocate(problem: Problem, candidate: Path, target: Path) -> Problem:
    """Problems found in the temporary copy name the real file."""
    loc = problem.location
    if loc.file != str(candidate):
        return problem
    return Problem(problem.message, Location(str(target), loc.line, loc.key, loc.sheet, loc.row,
                                             loc.column), problem.severity)


def new_from_scaffold(folder: Path, year: int | None = None) -> Path:
    """A new campaign folder from the `thidua init` scaffold; never replaces an existing one."""
    _refuse_existing(folder)
    create_campaign(Path(folder), year or date.today().year)
    return Path(folder)


def new_from_copy(source: Path, folder: Path, with_data: bool = False) -> Path:
    """A new campaign folder copying another's campaign.yaml and templates (data if asked)."""
    _refuse_existing(folder)
    source, folder = Path(source), Path(folder)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        shutil.copy2(source / CAMPAIGN_FILE, staging / CAMPAIGN_FILE)
        parts = ["templates"] + (["data"] if with_data else [])
        for name in parts:
            if (source / name).is_dir():
                shutil.copytree(source / name, staging / name, symlinks=False)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def _refuse_existing(folder: Path) -> None:
    if Path(folder).exists():
        raise ThiduaError(f"Đã có thư mục {folder}; chọn mã phong trào khác.")
    Path(folder).parent.mkdir(parents=True, exist_ok=True)
