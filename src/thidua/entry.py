"""Console entry point: imports the CLI lazily so even an early Ctrl-C shows no traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from thidua.cli import cli
        from thidua.cli.signals import stop_on_termination

        stop_on_termination()
        cli(prog_name="thidua")
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kết quả trước đó được giữ nguyên.", file=sys.stderr)
        sys.exit(130)
