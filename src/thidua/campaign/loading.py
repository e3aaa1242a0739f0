"""Find campaign folders, load and validate campaign.yaml into a Campaign."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from thidua.campaign.model import Campaign, Deadline
from thidua.campaign.schema_errors import problems_from_validation
from thidua.campaign.validation import cross_check
from thidua.campaign.yamlsource import SourceDocument, load_yaml
from thidua.errors import CampaignError, Location, Problem

CAMPAIGN_FILE = "campaign.yaml"


@dataclass
class LoadedCampaign:
    """A validated campaign with the folder it came from and any warnings."""

    campaign: Campaign
    folder: Path
    source: SourceDocument
    warnings: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        name = self.folder.name
        # "." and ".." (`thidua export .`) name the folder they point at, not an empty id
        return name if name not in ("", ".", "..") else self.folder.resolve().name

    @property
    def file(self) -> Path:
        return self.folder / CAMPAIGN_FILE

    def path(self, relative: str) -> Path:
        return self.folder / relative


def campaigns_root() -> Path:
    """The folder holding campaigns: $THIDUA_CAMPAIGNS or ./campaigns."""
    return Path(os.environ.get("THIDUA_CAMPAIGNS", "campaigns"))


def resolve_campaign(ref: str | Path) -> Path:
    """Accept a campaign id, a folder or a campaign.yaml path; return the campaign folder."""
    path = Path(ref)
    if path.is_file():
        return path.parent
    if (path / CAMPAIGN_FILE).is_file():
        return path
    candidate = campaigns_root() / str(ref)
    if (candidate / CAMPAIGN_FILE).is_file():
        return candidate
    known = ", ".join(sorted(p.name for p in discover(campaigns_root()))) or "chưa có"
    raise CampaignError([Problem(
        f"Không tìm thấy phong trào '{ref}': cần một thư mục có tệp {CAMPAIGN_FILE} "
        f"(các phong trào trong {campaigns_root()}: {known}).", Location(str(ref)))])


def discover(root: Path) -> list[Path]:
    """Campaign folders directly under root, sorted by name."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / CAMPAIGN_FILE).is_file())


def load_campaign(ref: str | Path) -> LoadedCampaign:
    """Load, validate and cross-check a campaign; raise CampaignError with every problem."""
    folder = resolve_campaign(ref)
    _check_folder_name(folder)
    source = load_yaml(folder / CAMPAIGN_FILE)
    return check_source(source, folder)


def check_source(source: SourceDocument, folder: Path) -> LoadedCampaign:
    """Validate parsed campaign YAML (the checks of `thidua validate`); raise with every problem."""
    if not isinstance(source.data, dict):
        raise CampaignError([Problem(
            "Nội dung tệp phải là các khóa dạng 'tên_khóa: giá trị' (ví dụ title: …).",
            Location(str(source.path), 1))])
    try:
        campaign = Campaign.model_validate(source.data)
    except ValidationError as exc:
        raise CampaignError(problems_from_validation(exc, source, Campaign)) from None
    problems = cross_check(campaign, source)
    problems.extend(_missing_data_files(campaign, folder, source))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CampaignError(problems)
    return LoadedCampaign(campaign, folder, source, problems)


def _check_folder_name(folder: Path) -> None:
    """A campaign's id is its folder name, written into every output: it must be readable text
    and a usable folder name (a name unzipped from Windows may not be UTF-8)."""
    name = folder.name if folder.name not in ("", ".", "..") else folder.resolve().name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(name).decode("utf-8", "replace")
        raise CampaignError([Problem(
            f"tên thư mục phong trào '{shown}' không phải văn bản UTF-8 (thường do giải nén tệp "
            "ZIP tạo trên Windows); hãy đổi tên thư mục, ví dụ 'nam-2024-xa-a', rồi chạy lại",
            Location(os.fsencode(str(folder)).decode("utf-8", "replace")))]) from None
    if not name:
        raise CampaignError([Problem("không xác định được tên thư mục phong trào; hãy nêu "
                                     "thư mục của phong trào", Location(str(folder)))])


def _missing_data_files(campaign: Campaign, folder: Path, source: SourceDocument) -> list[Problem]:
    problems = []
    for pi, period in enumerate(campaign.periods):
        for key, rel in period.data.model_dump().items():
            if key == "sheet" or not rel:
                continue
            if not (folder / rel).exists():
                problems.append(Problem(f"không tìm thấy tệp dữ liệu '{rel}'",
                                        source.location(("periods", pi, "data", key)), "warning"))
    return problems


def next_deadline(campaign: Campaign, today: date) -> Deadline | None:
    """The first deadline on or after today."""
    upcoming = sorted((d for d in campaign.deadlines if d.date >= today), key=lambda d: d.date)
    return upcoming[0] if upcoming else None
