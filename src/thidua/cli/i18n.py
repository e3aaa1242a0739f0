"""Vietnamese wording for click's own messages (usage, options, usage errors)."""

from __future__ import annotations

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

_MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Aborted!": "Đã hủy!",
    "default: {default}": "mặc định: {default}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các lựa chọn {choices}.",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "file": "Tệp", "directory": "Thư mục", "path": "Đường dẫn",
    "Path": "Đường dẫn", "File": "Tệp", "Directory": "Thư mục",
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


def install() -> None:
    """Route click's gettext calls through the Vietnamese table (idempotent)."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting,
                   click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ntranslate  # type: ignore[attr-defined]


def _metavar(param: click.Parameter) -> str | None:
    kind = param.type
    if isinstance(kind, click.Choice):
        return None
    if isinstance(kind, click.Path):
        return "THƯ-MỤC" if not kind.file_okay else "TỆP"
    if isinstance(kind, (click.types.IntParamType, click.types.IntRange)):
        return "SỐ"
    if isinstance(kind, click.types.StringParamType):
        return "NGÀY" if param.name in ("today",) else "GIÁ-TRỊ"
    return None


def localise_commands(group: click.Group) -> None:
    """Vietnamese placeholders in usage lines: [TÙY-CHỌN], TỆP, THƯ-MỤC, SỐ."""
    group.options_metavar = "[TÙY-CHỌN]"
    group.subcommand_metavar = "LỆNH [THAM-SỐ]..."
    for command in group.commands.values():
        command.options_metavar = "[TÙY-CHỌN]"
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag and param.metavar is None:
                param.metavar = _metavar(param)
        if isinstance(command, click.Group):
            localise_commands(command)
