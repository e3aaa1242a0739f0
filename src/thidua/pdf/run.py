"""The time bound shared by every PDF conversion of one run, and the LibreOffice-hangs verdict."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RUN_SECONDS = 1800.0  # all PDF conversions of one run (thidua export --pdf-timeout)


@dataclass
class PdfRun:
    """What every conversion of one run shares: an overall time bound (its clock starts at
    the first conversion), whether LibreOffice hangs, and whether the run was interrupted."""

    seconds: float | None = DEFAULT_RUN_SECONDS
    deadline: float | None = None
    hung: str = ""
    cancelled: bool = False

    def begin(self) -> None:
        if self.deadline is None and self.seconds is not None:
            self.deadline = time.monotonic() + self.seconds

    def cut(self, timeout: float) -> float:
        """`timeout`, shortened to what is left of the run's time (at least a moment)."""
        if self.deadline is None:
            return timeout
        return max(0.1, min(timeout, self.deadline - time.monotonic()))

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline - 0.1

    def stop_reason(self) -> str | None:
        """Why no more files are converted in this run, or None to go on."""
        if self.cancelled:
            return "Chưa có PDF: lần chạy đã bị dừng."
        if self.hung:
            return self.hung
        if self.out_of_time():
            return self.deadline_message()
        return None

    def deadline_message(self) -> str:
        return (f"Chưa có PDF: đã hết thời gian dành cho việc chuyển PDF của lần chạy này "
                f"({self.seconds:g} giây; đổi bằng --pdf-timeout).")


def hung_reason(soffice: Path, waited: float, run: PdfRun) -> str:
    """Why no PDF: LibreOffice started but never answered within `waited` seconds."""
    if run.out_of_time():  # the run's bound cut the start-up short: say both
        return (f"{run.deadline_message()} LibreOffice ({soffice}) chưa phản hồi sau {waited:.0f} "
                "giây khởi động.")
    return (f"Chưa có PDF: LibreOffice ({soffice}) không phản hồi khi khởi động (đã chờ "
            f"{waited:.0f} giây). Hãy đóng mọi cửa sổ LibreOffice, kiểm tra bản cài đặt rồi chạy "
            "lại.")
