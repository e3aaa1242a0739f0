"""Write Python values as YAML text the way a person would: plain when safe, quoted otherwise."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import yaml

_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,?\[\]{}]")
_NUMBER_LIKE = re.compile(r"-?\d{1,3}(\.\d{3})+|0\d+")


@dataclass(frozen=True)
class Raw:
    """YAML source text to splice verbatim; `column` is where its first line started."""

    text: str
    column: int = 0
    block: bool = False  # a block collection: must start on its own line after 'key:'


def is_plain_safe(text: str, flow: bool = False) -> bool:
    """True when the string can be written without quotes and still read back as this string."""
    if not text or text != text.strip() or "\n" in text or text.startswith(_INDICATORS):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and _FLOW_UNSAFE.search(text):
        return False
    if _NUMBER_LIKE.fullmatch(text):
        return False
    try:
        if flow and yaml.safe_load(f"k: [{text}, {{v: {text}}}]") != {"k": [text, {"v": text}]}:
            return False
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


def scalar_text(value: Any, flow: bool = False) -> str:
    """One-line YAML for a scalar value."""
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if is_plain_safe(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list, tuple))


def inline_text(value: Any) -> str:
    """A value on one line: a scalar, or a flow collection such as [a, b] or {id: x, name: y}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar_text(k, True)}: {inline_text(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inline_text(v) for v in value) + "]"
    return scalar_text(value, flow=True)


def literal_lines(text: str, indent: int) -> list[str] | None:
    """A literal block scalar (|- or |) for text with line breaks, when it reads back unchanged."""
    if "\n" not in text or text[:1] in " \t" or any(l != l.rstrip() for l in text.split("\n")):
        return None
    if text.endswith("\n\n") or text.startswith("\n"):
        return None
    head, body = ("|", text[:-1]) if text.endswith("\n") else ("|-", text)
    return [head] + [(" " * indent + line) if line else "" for line in body.split("\n")]


def scalar_lines(value: Any, indent: int) -> list[str]:
    """A scalar after 'key: ' or '- ': one line, or a literal block indented at `indent`."""
    if isinstance(value, str):
        literal = literal_lines(value, indent)
        if literal:
            return literal
    return [inline_text(value) if not is_scalar(value) else scalar_text(value)]


def block_lines(value: Any, indent: int) -> list[str]:
    """Full lines of a non-empty collection in block style, its entries at column `indent`."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{scalar_text(key)}:"
            if is_scalar(item) or not item:
                first, *rest = scalar_lines(item, indent + 2)
                lines += [f"{head} {first}", *rest]
            else:
                lines += [head, *block_lines(item, indent + 2)]
        return lines
    for item in value:
        if is_scalar(item) or not item:
            first, *rest = scalar_lines(item, indent + 2)
            lines += [f"{pad}- {first}", *rest]
        else:
            first, *rest = block_lines(item, indent + 2)
            lines += [f"{pad}- {first[indent + 2:]}", *rest]
    return lines


def to_raw(value: Any, indent: int, flow: bool = False) -> Raw:
    """The YAML text of a value whose block content would sit at column `indent`."""
    if isinstance(value, Raw):
        return value
    if flow:
        return Raw(inline_text(value), indent)
    if is_scalar(value) or not value:
        return Raw("\n".join(scalar_lines(value, indent)), indent)
    lines = block_lines(value, indent)
    return Raw("\n".join([lines[0][indent:]] + lines[1:]), indent, block=True)


def reindent(raw: Raw, column: int) -> str:
    """The raw text moved so that its first line starts at `column`."""
    shift = column - raw.column
    if shift == 0 or "\n" not in raw.text:
        return raw.text
    first, *rest = raw.text.split("\n")
    moved = []
    for line in rest:
        if not line.strip():
            moved.append(line)
        elif shift > 0:
            moved.append(" " * shift + line)
        else:
            cut = min(-shift, len(line) - len(line.lstrip(" ")))
            moved.append(line[cut:])
    return "\n".join([first] + moved)
