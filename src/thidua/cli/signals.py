"""SIGTERM and SIGHUP (closing the terminal) stop thidua the way Ctrl-C does, cleanly."""

from __future__ import annotations

import signal
import sys
from types import FrameType

_stopping = False


def _stop(signum: int, frame: FrameType | None) -> None:
    """Raise KeyboardInterrupt in the main thread once: every `finally` and `except
    BaseException` on the way out then kills LibreOffice and drops staging folders."""
    global _stopping
    if _stopping:  # a second signal must not cut the clean-up short
        return
    _stopping = True
    raise KeyboardInterrupt


def stop_on_termination() -> None:
    """Install the handlers (POSIX; Windows has no SIGHUP and ends consoles its own way)."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and sys.platform != "win32":
            signal.signal(number, _stop)
