"""Shared CLI plumbing: error reporting without tracebacks, campaign argument, output."""

from __future__ import annotations

import functools
import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from thidua.atomic import os_error_text
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
            click.echo(f"Lỗi: {os_error_text(exc)}", err=True)
            sys.exit(2)
        except Exception as exc:  # last resort: never show a traceback to the user
            if os.environ.get("THIDUA_DEBUG") == "1":
                raise
            click.echo(f"Lỗi nội bộ của thidua ({type(exc).__name__}: {exc}). Kết quả trước đó "
                       "được giữ nguyên. Hãy gửi lệnh đã chạy và thông báo này cho người phát "
                       "triển; đặt THIDUA_DEBUG=1 để xem chi tiết kỹ thuật.", err=True)
            sys.exit(3)

    return wrapper


# Colours (SGR) and showing/hiding the cursor (click's progress bar) are harmless; any other
# control character or escape sequence from a data file could move the cursor, retitle the
# window or hide text, so it is replaced.
_SGR = r"\x1b\[[0-9;]*m|\x1b\[\?25[lh]"
_UNSAFE = re.compile(rf"({_SGR})|\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                     r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b")


def terminal_safe(text: str) -> str:
    """Text with control characters and escape sequences (except colours) shown as '?'."""
    return _UNSAFE.sub(lambda m: m.group(1) or "?", text)


class SafeConsole(io.TextIOBase):
    """A text stream that writes UTF-8 (whatever the console code page) and never passes a
    terminal control sequence through."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.label = name

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.stream.errors

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:  # type: ignore[override]
        if not isinstance(text, str):
            raise TypeError("SafeConsole writes text only")
        carriage = "\r" if text.startswith("\r") else ""  # a progress bar redrawing its line
        try:
            self.stream.write(carriage + terminal_safe(text[len(carriage):]))
        except OSError as exc:
            raise self._named(exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise self._named(exc) from None

    def _named(self, exc: OSError) -> OSError:
        """The error with the stream's name, so the message says where output failed."""
        return exc if exc.filename else OSError(exc.errno, exc.strerror, self.label)

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def console_stream(stream: TextIO, name: str = "đầu ra chuẩn (stdout)") -> TextIO:
    """The stream re-encoded as UTF-8 (output redirected to a file or pipe on a Windows code
    page such as cp1258 cannot encode Vietnamese; a console shows UTF-8 through Python's
    Windows console layer), else unencodable characters as '?'; terminal-safe either way."""
    for change in ({"encoding": "utf-8", "errors": "replace"}, {"errors": "replace"}):
        try:
            stream.reconfigure(**change)  # type: ignore[attr-defined]
            break
        except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
            continue
    return SafeConsole(stream, name)  # type: ignore[return-value]


STDOUT_CLOSED = ("Lỗi: đầu ra chuẩn (stdout) đã bị đóng nên thidua không thể in kết quả; hãy "
                 "chạy lại lệnh không kèm '>&-', hoặc ghi kết quả vào tệp: thidua … > ket-qua.txt")


def prepare_console() -> bool:
    """Make stdout/stderr safe for Vietnamese text; False when stdout is closed."""
    if sys.stderr is not None:
        sys.stderr = console_stream(sys.stderr, "đầu ra lỗi (stderr)")
    if sys.stdout is None:
        return False
    sys.stdout = console_stream(sys.stdout)
    return True


def flushed_exit_code(code: int | str | None) -> int | str | None:
    """The exit code, after the last output really reached stdout: a full disk or a closed
    file behind `> kq.txt` is an error in Vietnamese, not an English note after exit 0."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # piped into `head`: not an error
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        click.echo(f"Lỗi: {os_error_text(exc, 'ghi')} (kết quả in ra bị thiếu)", err=True)
        return code if code not in (0, None) else 2
    return code


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until exit
