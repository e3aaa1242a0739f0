"""Bounded rendering: loop iterations, text, list and number sizes, and time per document.

A template from another office is code we run. The sandbox keeps it away from Python's
internals; these limits keep it from running for hours or filling memory. Sizes are checked
before the operation that would build them (`'x' * 3000000000`, `7 ** 1000000000`, a width
of a billion), loops and output are counted as they go, and the clock is read every few
hundred iterations, so no thread or signal is needed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

MAX_ITERATIONS = 1_000_000  # loop iterations per document; a 60-row table takes a few hundred
MAX_TEXT = 5_000_000  # characters of one value, items of one list
MAX_OUTPUT = 50_000_000  # characters written into one document
MAX_CREATED = 100_000_000  # characters of all texts built by operators and filters, per document
MAX_NUMBER_DIGITS = 100  # an amount of money has 15
MAX_RANGE = 100_000  # items of one range()
MAX_LIPSUM = 20  # paragraphs of placeholder text
SECONDS_PER_DOCUMENT = 30.0
_CLOCK_EVERY = 256  # iterations between two looks at the clock

_MAX_BITS = int(MAX_NUMBER_DIGITS * 3.33) + 1
_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")


class RenderLimitError(Exception):
    """A template asked for more work than any document needs (Vietnamese message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Budget:
    """What one document may still spend: loop iterations, output characters, time."""

    def __init__(self, seconds: float = SECONDS_PER_DOCUMENT) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.iterations = MAX_ITERATIONS
        self.output = MAX_OUTPUT
        self.created = MAX_CREATED

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimitError(
                f"tạo một văn bản mất quá {self.seconds:g} giây (vòng lặp hoặc biểu thức quá "
                "nặng); hãy đơn giản hóa mẫu")


_BUDGET: ContextVar[Budget | None] = ContextVar("thidua_render_budget", default=None)


@contextmanager
def document_budget(seconds: float = SECONDS_PER_DOCUMENT) -> Iterator[Budget]:
    """The budget of one document, active for the renders inside the `with` block."""
    budget = Budget(seconds)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def current_budget() -> Budget | None:
    return _BUDGET.get()


def bounded_loop(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every `{% for %}` iterates through this: it counts the items and watches the clock."""
    budget = _BUDGET.get()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.iterations -= 1
        if budget.iterations & (_CLOCK_EVERY - 1) == 0:
            if budget.iterations < 0:
                raise RenderLimitError(
                    f"các vòng lặp của mẫu chạy quá {_vn(MAX_ITERATIONS)} lượt cho một văn bản")
            budget.check_clock()
        yield item


def join_bounded(chunks: Iterable[str]) -> str:
    """The rendered text of one part, refused once the document passes MAX_OUTPUT characters
    (static text repeated by a loop is counted here; values also in check_size)."""
    budget = _BUDGET.get()
    if budget is None:
        return "".join(chunks)
    parts = []
    for chunk in chunks:
        budget.output -= len(chunk)
        if budget.output < 0:
            raise RenderLimitError(f"văn bản tạo ra dài quá {_vn(MAX_OUTPUT)} ký tự")
        parts.append(chunk)
    return "".join(parts)


def check_size(value: Any) -> Any:
    """`value`, unless it is a text or list longer than MAX_TEXT or a number too large."""
    if isinstance(value, (str, list, tuple)):
        if len(value) > MAX_TEXT:
            raise RenderLimitError(_too_long(len(value)))
        budget = _BUDGET.get()
        if budget is not None and value.__class__ is not tuple:
            budget.created -= len(value)
            if budget.created < 0:
                raise RenderLimitError(f"các biểu thức của mẫu tạo ra quá {_vn(MAX_CREATED)} "
                                       "ký tự cho một văn bản")
    elif isinstance(value, int) and value.bit_length() > _MAX_BITS:
        raise RenderLimitError(_too_big())
    return value


def _vn(number: int) -> str:
    """1000000 as Vietnamese writes it: 1.000.000."""
    return f"{number:,}".replace(",", ".")


def _too_long(size: int) -> str:
    return f"giá trị dài {_vn(size)} ký tự/phần tử, quá giới hạn {_vn(MAX_TEXT)}"


def _too_big() -> str:
    return f"số lớn quá {MAX_NUMBER_DIGITS} chữ số"


def check_width(width: Any) -> None:
    """Refuse building a text or list of `width` characters/items beyond MAX_TEXT."""
    if isinstance(width, int) and width > MAX_TEXT:
        raise RenderLimitError(_too_long(width))


def check_format_string(text: str, arguments: Any = ()) -> None:
    """Refuse printf- or format-style fields asking for a width beyond MAX_TEXT, written in
    the format (`%999999999s`) or taken from the arguments (`%*s`, `{0:{1}}`)."""
    if ("%" in text and "*" in text) or re.search(r"\{[^{}]*\{", text):
        values = arguments.values() if isinstance(arguments, dict) else (
            arguments if isinstance(arguments, (tuple, list)) else (arguments,))
        for value in values:
            check_width(value)
    if "%" in text:
        for match in _PRINTF_WIDTH.finditer(text):
            for digits in match.groups():
                if digits:
                    check_width(int(digits[:10]))
    if "{" in text:
        for field in _FORMAT_FIELD.findall(text):
            for digits in re.findall(r"\d+", field):
                check_width(int(digits[:10]))


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `*`, `**` and `%` whose result would be too large, before computing it."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.check_clock()
    if operator == "*":
        for sized, count in ((left, right), (right, left)):
            if isinstance(sized, (str, list, tuple)) and isinstance(count, int):
                check_width((len(sized) if isinstance(sized, str) else rendered_size(sized))
                             * count)
        if isinstance(left, int) and isinstance(right, int) and (
                left.bit_length() + right.bit_length() > _MAX_BITS):
            raise RenderLimitError(_too_big())
    elif operator == "**":
        if (isinstance(left, int) and isinstance(right, int) and abs(left) > 1
                and right > 0 and right * left.bit_length() > _MAX_BITS):
            raise RenderLimitError(_too_big())
    elif operator == "%" and isinstance(left, str):
        check_format_string(left, right)


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def check_call(function: Any, args: tuple, kwargs: dict) -> None:
    """Refuse a call of a text method that would build a huge text (widths, replace, format)."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.check_clock()
    target = getattr(function, "__wrapped__", function)  # the sandbox wraps str.format
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(target, "__name__", "")
    if name in _WIDTH_METHODS:
        for value in (*args, *kwargs.values()):
            check_width(value)
    elif name == "replace" and len(args) >= 2 and isinstance(args[1], str):
        old, new = args[0], args[1]
        count = owner.count(old) if isinstance(old, str) else 0
        check_width(len(owner) + count * max(0, len(new) - len(old)))
    elif name in ("format", "format_map"):
        check_format_string(owner, (*args, *kwargs.values()))


def bounded_range(*args: int) -> range:
    """range() of at most MAX_RANGE items."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise RenderLimitError(f"range() tạo {_vn(len(numbers))} số, quá giới hạn "
                               f"{_vn(MAX_RANGE)}")
    return numbers


def rendered_size(value: Any) -> int:
    """About how many characters str(value) has; stops counting past MAX_TEXT."""
    total, stack = 0, [value]
    while stack and total <= MAX_TEXT:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 4
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 8
    return total


def check_rendered(value: Any) -> Any:
    """`value`, unless writing it out as text (a list repeating a long text) is too long."""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        check_width(rendered_size(value))
    return value
