"""Console entry point: imports the CLI lazily so even an early Ctrl-C shows no traceback."""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        from thidua.cli import cli
        from thidua.cli.common import STDOUT_CLOSED, prepare_console

        if not prepare_console():
            if sys.stderr is not None:
                print(STDOUT_CLOSED, file=sys.stderr)
            sys.exit(2)
        try:
            cli(prog_name="thidua")
        except SystemExit as exc:
            sys.exit(_flushed(exc.code))
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kết quả trước đó được giữ nguyên.", file=sys.stderr)
        sys.exit(130)


def _flushed(code: int | str | None) -> int | str | None:
    """The exit code, after the last output really reached stdout: a full disk or a closed
    file behind `> kq.txt` is an error in Vietnamese, not an English note after exit 0."""
    from thidua.atomic import os_error_text

    try:
        sys.stdout.flush()
    except BrokenPipeError:  # piped into `head`: not an error
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        print(f"Lỗi: {os_error_text(exc, 'ghi')} (kết quả in ra bị thiếu)", file=sys.stderr)
        return code if code not in (0, None) else 2
    return code


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
