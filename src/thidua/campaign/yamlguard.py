"""Bounds on what a YAML file may make us do, and finding the line a syntax slip starts on."""

from __future__ import annotations

import re

import yaml
from yaml.nodes import Node

MAX_FILE_BYTES = 1024 * 1024  # the sample campaign.yaml files are about 30 kB
MAX_DEPTH = 64  # real plans nest 6-8 levels deep
MAX_NODES = 100_000  # values after expanding aliases (&name / *name); the samples have ~600
MAX_DIGITS = 30  # digits of a number; no count, score or amount in a plan comes near

_NODES_TEXT = f"{MAX_NODES:,}".replace(",", ".")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class LimitExceeded(Exception):
    """A YAML file asked for more work than any campaign needs; carries the 1-based line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses nesting deeper than MAX_DEPTH (it recurses per level)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1
                raise LimitExceeded(
                    f"các khóa/danh sách lồng nhau quá {MAX_DEPTH} cấp; kiểm tra thụt lề hoặc "
                    "các dấu [ { thừa", line)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class NodeBudget:
    """Counts values built from the node tree, so that aliases cannot multiply them unbounded."""

    def __init__(self) -> None:
        self.used = 0

    def spend(self, node: Node) -> None:
        self.used += 1
        if self.used > MAX_NODES:
            raise LimitExceeded(
                f"tệp tạo ra quá {_NODES_TEXT} giá trị (thường do bí danh *tên lặp lại lồng "
                "nhau); hãy viết các giá trị ra trực tiếp", node.start_mark.line + 1)


def check_number_size(node: Node) -> None:
    """Refuse a number with more than MAX_DIGITS digits before Python converts it."""
    if node.tag not in _NUMBER_TAGS and not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", node.value):
        return
    digits = sum(ch.isdigit() for ch in node.value)
    if digits > MAX_DIGITS:
        raise LimitExceeded(
            f"số có {digits} chữ số, quá giới hạn {MAX_DIGITS} chữ số; nếu đây là mã hay văn "
            "bản, hãy đặt trong ngoặc kép", node.start_mark.line + 1)


_VALUE_START = re.compile(r"^(?:\s*-\s+)*\s*(?:[^\s#'\"\[{][^#]*?:\s+)?")


def _open_quote(line: str) -> tuple[str, int] | None:
    """(quote, index) of a quote a line opens for a value (also inside [ ] or { }) and leaves
    open."""
    quote, i, previous, at = "", 0, "", 0
    while i < len(line):
        ch = line[i]
        if quote:
            if quote == '"' and ch == "\\":
                i += 1
            elif ch == quote and quote == "'" and line[i + 1:i + 2] == "'":
                i += 1  # '' is an escaped quote
            elif ch == quote:
                quote, previous = "", ch
        elif ch in "\"'" and previous in ("", "-", ":", "[", "{", ",", "?"):
            quote, at = ch, i
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        elif not ch.isspace():
            previous = ch if ch in "-:[{,?" else "x"
        i += 1
    return (quote, at) if quote else None


def _open_bracket(line: str) -> tuple[str, int] | None:
    """('[' or '{', index) when a line starts a flow collection it does not close."""
    at = _VALUE_START.match(line).end()  # type: ignore[union-attr]
    rest = line[at:]
    if not rest or rest[0] not in "[{":
        return None
    depth, quote = 0, ""
    for ch in rest:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "#" and depth == 0:
            break
    return (rest[0], at) if depth > 0 else None


def unclosed_before(text: str, error_line: int) -> tuple[int, str] | None:
    """(line, message) of a value opened with a quote or bracket and left open before
    `error_line`: YAML only notices the slip where the next quote or line shape clashes.

    A candidate counts only if closing it on its own line makes the error go away or move
    further down, so a legitimate multi-line quoted text is never blamed.
    """
    lines = text.split("\n")
    tries = 0
    for number in range(min(error_line, len(lines)), 0, -1):
        line = lines[number - 1]
        found = _open_quote(line) or _open_bracket(line)
        opener = found[0] if found else ""
        if found and tries < 20 and _closing_helps(lines, number, found, error_line):
            if opener in "\"'":
                what = "dấu ngoặc kép" if opener == '"' else "dấu nháy đơn (')"
            else:
                what = f"dấu '{opener}'"
            where = f" (YAML chỉ phát hiện lỗi ở dòng {error_line})" if number < error_line else ""
            return number, f"{what} mở ở dòng này chưa được đóng{where}"
        tries += bool(found)
    return None


_CONTEXT_FIRST = ("while scanning a quoted scalar", "while scanning a simple key")


def error_mark(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where a person should look: where a quoted scalar or key starts, else the problem."""
    context = exc.context or ""
    if exc.context_mark is not None and context.startswith(_CONTEXT_FIRST):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


_CLOSERS = {'"': '"', "'": "'", "[": "]", "{": "}"}


def _closing_helps(lines: list[str], number: int, found: tuple[str, int],
                   error_line: int) -> bool:
    """Does the file parse, or fail only further down, once that line's opener is closed at
    the line's end or removed?"""
    opener, at = found
    line = lines[number - 1]
    return any(_parses_past(lines[:number - 1] + [fixed] + lines[number:], error_line)
               for fixed in (line + _CLOSERS[opener], line[:at] + line[at + 1:]))


def _parses_past(lines: list[str], error_line: int) -> bool:
    loader = BoundedLoader("\n".join(lines))
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = error_mark(exc)
        return mark is not None and mark.line + 1 > error_line
    except (yaml.YAMLError, LimitExceeded):
        return False
    finally:
        loader.dispose()
    return True
