"""Console entry point: imports the CLI lazily so even an early Ctrl-C shows no traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from thidua.cli import cli

        cli(prog_name="thidua")
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kết quả trước đó được giữ nguyên.", file=sys.stderr)
        sys.exit(130)
