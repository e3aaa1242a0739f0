"""Console entry point: imports the CLI lazily so even an early Ctrl-C shows no traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from thidua.cli import cli
        from thidua.cli.common import STDOUT_CLOSED, flushed_exit_code, prepare_console
        from thidua.cli.signals import stop_on_termination

        stop_on_termination()
        if not prepare_console():
            if sys.stderr is not None:
                print(STDOUT_CLOSED, file=sys.stderr)
            sys.exit(2)
        try:
            cli(prog_name="thidua")
        except SystemExit as exc:
            sys.exit(flushed_exit_code(exc.code))
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kết quả trước đó được giữ nguyên.", file=sys.stderr)
        sys.exit(130)
