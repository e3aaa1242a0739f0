"""Size checks for the Jinja filters that can build huge texts from small arguments.

Each check looks at the value and arguments before the filter runs (widths, separators,
replacement texts) and returns the value to filter; bounded_filter wraps a Jinja filter with
its check and counts what it built (see thidua.render.limits).
"""

from __future__ import annotations

from typing import Any

from thidua.render.limits import check_format_string, check_size, check_width, rendered_size


def _ints(args: tuple, kwargs: dict) -> None:
    for argument in (*args, *kwargs.values()):
        check_width(argument)


def _argument(args: tuple, kwargs: dict, index: int, name: str, default: Any) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _check_indent(value: Any, args: tuple, kwargs: dict) -> Any:
    width = _argument(args, kwargs, 0, "width", 4)
    lines = str(value).count("\n") + 1
    check_width(lines * (len(width) if isinstance(width, str) else width))
    return value


def _check_join(value: Any, args: tuple, kwargs: dict) -> Any:
    items = value if isinstance(value, (list, tuple)) else list(value)
    separator = str(_argument(args, kwargs, 0, "d", ""))
    check_width(rendered_size(items) + len(separator) * max(0, len(items) - 1))
    return items


def _check_replace(value: Any, args: tuple, kwargs: dict) -> Any:
    old, new = str(_argument(args, kwargs, 0, "old", "")), str(_argument(args, kwargs, 1, "new", ""))
    text = str(value)
    check_width(len(text) + (text.count(old) if old else len(text) + 1) * len(new))
    return value


def _check_wordwrap(value: Any, args: tuple, kwargs: dict) -> Any:
    width = _argument(args, kwargs, 0, "width", 79)
    wrap = _argument(args, kwargs, 2, "wrapstring", None) or "\n"
    if isinstance(width, int):
        check_width(len(str(value)) * (1 + len(str(wrap)) // max(1, width)))
    return value


def _check_format(value: Any, args: tuple, kwargs: dict) -> Any:
    _ints(args, kwargs)
    if isinstance(value, str):
        check_format_string(value, (*args, *kwargs.values()))
    return value


def _check_center(value: Any, args: tuple, kwargs: dict) -> Any:
    _ints(args, kwargs)
    return value


def _check_serialised(value: Any, args: tuple, kwargs: dict) -> Any:
    indent = _argument(args, kwargs, 0, "indent", None)
    check_width(rendered_size(value) * (1 + (indent if isinstance(indent, int) else 0)))
    return value


FILTER_CHECKS = {"center": _check_center, "format": _check_format, "indent": _check_indent,
                 "join": _check_join, "replace": _check_replace, "wordwrap": _check_wordwrap,
                 "string": _check_serialised, "pprint": _check_serialised,
                 "tojson": _check_serialised}


def bounded_filter(function: Any, precheck: Any) -> Any:
    """A Jinja filter that checks the size of what it would build before building it."""
    passes = getattr(function, "jinja_pass_arg", None)
    first = 0 if passes is None else 1  # eval context or environment comes before the value

    def checked(*args: Any, **kwargs: Any) -> Any:
        value = precheck(args[first], args[first + 1:], kwargs)
        return check_size(function(*args[:first], value, *args[first + 1:], **kwargs))

    checked.__name__ = function.__name__
    if passes is not None:
        checked.jinja_pass_arg = passes  # type: ignore[attr-defined]
    return checked
