"""Shared CLI plumbing: error reporting without tracebacks, campaign argument, output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from thidua.errors import ThiduaError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

period_option = click.option(
    "--period", "period_id", default=None, metavar="ĐỢT",
    help="Mã đợt khen thưởng (periods[].id); mặc định: đợt cuối cùng trong campaign.yaml.")
data_option = click.option(
    "--data", "data_path", default=None, metavar="TỆP",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp số liệu CSV/XLSX; mặc định: số liệu trong thư mục data/ của phong trào "
         "(periods[].data.figures hoặc data/<đợt>.csv).")


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ThiduaError (and unexpected I/O errors) into Vietnamese messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ThiduaError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu; kết quả trước đó được giữ nguyên.", err=True)
            sys.exit(130)
        except BrokenPipeError:  # output piped into `head` or a closed pager: not an error
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:
            name = getattr(exc, "filename", None) or ""
            click.echo(f"Lỗi: không đọc/ghi được tệp {name}: {exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:  # last resort: never show a traceback to the user
            if os.environ.get("THIDUA_DEBUG") == "1":
                raise
            click.echo(f"Lỗi nội bộ của thidua ({type(exc).__name__}: {exc}). Kết quả trước đó "
                       "được giữ nguyên. Hãy gửi lệnh đã chạy và thông báo này cho người phát "
                       "triển; đặt THIDUA_DEBUG=1 để xem chi tiết kỹ thuật.", err=True)
            sys.exit(3)

    return wrapper
