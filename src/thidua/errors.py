"""The one exception hierarchy, and the Problem records that validation collects."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and a line/key path or a sheet/row/column inside it."""

    file: str | None = None
    line: int | None = None
    key: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(f"{self.file}:{self.line}" if self.line else self.file)
        elif self.line:
            parts.append(f"dòng {self.line}")
        if self.sheet:
            parts.append(f"trang tính '{self.sheet}'")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        text = ", ".join(parts)
        if self.key:
            text = f"{text} ({self.key})" if text else self.key
        return text


@dataclass(frozen=True)
class Problem:
    """One thing the user must fix (or, for a warning, should look at)."""

    message: str
    location: Location = field(default_factory=Location)
    severity: str = "error"

    def __str__(self) -> str:
        where = str(self.location)
        label = "Lỗi" if self.severity == "error" else "Cảnh báo"
        return f"{where}: {label}: {self.message}" if where else f"{label}: {self.message}"


class ThiduaError(Exception):
    """Base of every error thidua reports to the user; never shown as a traceback."""

    exit_code = 2

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """The user-facing lines describing this error."""
        return [self.message]


class ProblemsError(ThiduaError):
    """Validation found problems; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(summary or f"Có {len(errors)} lỗi cần sửa.")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems] + [self.message]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class CampaignError(ProblemsError):
    """The campaign definition (campaign.yaml) is invalid."""


class DataError(ProblemsError):
    """A unit data file (CSV/XLSX) or nomination sheet is invalid."""


class TemplateError(ThiduaError):
    """A Word template is broken or uses an unknown variable."""


class RenderError(ThiduaError):
    """A document could not be rendered."""


class ExportError(ThiduaError):
    """An export could not complete; earlier output is kept intact."""


class PdfError(ThiduaError):
    """LibreOffice is missing or failed to convert a document."""


class CouncilDecisionNeeded(ThiduaError):
    """A tie that matters for an award must be settled by the council."""


class PlanImportError(ThiduaError):
    """An existing Kế hoạch could not be imported (unreadable file, campaign already there)."""
