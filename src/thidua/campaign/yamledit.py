"""Edit YAML text in place: replace, insert or delete one value, leaving every other byte alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from thidua.campaign.yamlemit import Raw, is_plain_safe, reindent, scalar_text, to_raw
from thidua.campaign.yamlsource import KeyPath
from thidua.errors import CampaignError, Location, Problem

WRAP_WIDTH = 100
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_key_path(text: str) -> KeyPath:
    """'scoring.criteria[2].max_points' → ('scoring', 'criteria', 2, 'max_points')."""
    parts: list[str | int] = []
    for index, key in _PATH_PART.findall(text.strip()):
        parts.append(int(index) if index else key)
    return tuple(parts)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: 50× faster


def compose(text: str) -> Node | None:
    """The node tree of a YAML text (the position of every value), or CampaignError."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CampaignError([Problem(f"cú pháp YAML sai: {getattr(exc, 'problem', exc)}",
                                     Location(line=mark.line + 1 if mark else None))]) from None


@dataclass
class Slot:
    """Where a value sits: its node, the collection holding it, and its key node in a mapping."""

    node: Node
    parent: Node | None
    key: Node | None


def is_flow(node: Node) -> bool:
    return isinstance(node, (MappingNode, SequenceNode)) and bool(node.flow_style)


def find(root: Node | None, path: KeyPath) -> Slot | None:
    """The slot at a key path, or None when some part of the path does not exist."""
    slot = Slot(root, None, None) if root is not None else None
    for part in path:
        if slot is None:
            return None
        node = slot.node
        if isinstance(node, MappingNode) and isinstance(part, str):
            slot = next((Slot(v, node, k) for k, v in node.value if k.value == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            slot = Slot(node.value[part], node, None)
        else:
            return None
    return slot


class TextEditor:
    """One YAML text and its node tree; each operation returns the edited text."""

    def __init__(self, text: str, parse: bool = True) -> None:
        """parse=False for callers that only measure spans of nodes they already have."""
        self.text = text
        self.root = compose(text) if parse else None

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def colon_after(self, key: Node) -> int:
        """Index just after the ':' that follows a mapping key."""
        return self.text.index(":", key.end_mark.index) + 1

    def content_end(self, node: Node, key: Node | None = None) -> int:
        """Where a value's own text ends (block collections' marks run into later comments)."""
        if isinstance(node, ScalarNode):
            if node.start_mark.index == node.end_mark.index and key is not None:
                return self.colon_after(key)
            end = node.end_mark.index
            if node.style in ("|", ">"):
                while end > node.start_mark.index and self.text[end - 1] in " \n":
                    end -= 1
            return end
        if is_flow(node) or not node.value:
            return node.end_mark.index
        if isinstance(node, MappingNode):
            last_key, last_value = node.value[-1]
            return self.content_end(last_value, last_key)
        return self.content_end(node.value[-1])

    def child_indent(self, slot: Slot) -> int:
        """The column where block content of the slot's value starts."""
        if slot.key is not None:
            return slot.key.start_mark.column + 2
        if slot.parent is not None:
            return slot.node.start_mark.column if not is_flow(slot.parent) else 0
        return 0

    def splice_value(self, start: int, end: int, text: str) -> str:
        """Replace a value; a comment after it moves up to the first line of a multi-line one."""
        rest = self.text[end:self.line_end(end)]
        if "\n" not in text or not rest.strip().startswith("#"):
            return self.splice(start, end, text)
        first, more = text.split("\n", 1)
        return self.text[:start] + first + rest + "\n" + more + self.text[end + len(rest):]

    def splice(self, start: int, end: int, text: str) -> str:
        return self.text[:start] + text + self.text[end:]

    def replace(self, path: KeyPath, value: Any) -> str:
        """Replace the value at an existing path with a new value's text."""
        slot = find(self.root, path)
        if slot is None:
            raise KeyError(path)
        if isinstance(slot.node, ScalarNode) and isinstance(value, str):
            if self.unchanged(slot.node, value):
                return self.text
            folded = self.refold(slot, value)
            if folded is not None:
                return folded
        in_flow = slot.parent is not None and is_flow(slot.parent)
        block_value = isinstance(slot.node, (MappingNode, SequenceNode)) and not is_flow(slot.node)
        indent = slot.node.start_mark.column if block_value else self.child_indent(slot)
        raw = to_raw(value, indent, flow=in_flow)
        if is_flow(slot.node) and not in_flow and raw.block:
            flow = to_raw(value, indent, flow=True)  # keep a one-line [a, b] one line if it fits
            if len(flow.text) + slot.node.start_mark.column <= WRAP_WIDTH:
                raw = flow
        body = reindent(raw, indent)
        start, end = slot.node.start_mark.index, self.content_end(slot.node, slot.key)
        empty = isinstance(slot.node, ScalarNode) and start == slot.node.end_mark.index
        if slot.key is not None and (empty or block_value or raw.block):
            colon = self.colon_after(slot.key)
            if empty or "#" not in self.text[colon:start]:
                lead = f"\n{' ' * indent}" if raw.block else " "
                return self.splice_value(colon, end, lead + body)
        return self.splice_value(start, end, body)

    def unchanged(self, node: ScalarNode, value: str) -> bool:
        if node.value != value:
            return False
        return bool(node.style) or is_plain_safe(value)

    def refold(self, slot: Slot, value: str) -> str | None:
        """A long text in place of a folded or wrapped one, wrapped the same way."""
        node = slot.node
        start, end = node.start_mark.index, self.content_end(node, slot.key)
        plain = not node.style  # libyaml says '' for plain scalars, PyYAML None
        if "\n" not in self.text[start:end] or not (plain or node.style == ">") or "\n" in value:
            return None
        if plain and not is_plain_safe(value):
            return None
        second = self.text[self.line_start(self.text.index("\n", start) + 1):]
        indent = len(second) - len(second.lstrip(" "))
        first_column = node.start_mark.column if plain else indent
        old_lines = self.text[self.line_start(start):end].split("\n")
        width = max(60, min(WRAP_WIDTH, max(len(line) for line in old_lines)))
        lines = wrap_words(value, width - indent, width - first_column)
        if lines is None:
            return None
        pad = "\n" + " " * indent
        body = pad.join(lines)
        text = (">-" + pad + body) if node.style == ">" else body
        return self.splice(start, end, text)

    def add_key(self, path: KeyPath, key: str, value: Any) -> str:
        """Add key: value at the end of the mapping at path."""
        slot = find(self.root, path)
        if slot is None or not isinstance(slot.node, MappingNode):
            raise KeyError(path)
        node = slot.node
        if is_flow(node):
            raw = to_raw(value, 0, flow=True)
            at = self.text.rindex("}", 0, node.end_mark.index)
            sep = ", " if node.value else ""
            return self.splice(at, at, f"{sep}{scalar_text(key, True)}: {raw.text}")
        if not node.value:
            return self.replace(path, {key: _plain(value)})
        column = node.value[0][0].start_mark.column
        raw = to_raw(value, column + 2)
        body = reindent(raw, column + 2)
        line = f"{' ' * column}{scalar_text(key)}:" + (
            f"\n{' ' * (column + 2)}{body}" if raw.block else f" {body}")
        at = self.line_end(self.content_end(node, slot.key))
        return self.splice(at, at, "\n" + line)

    def insert_item(self, path: KeyPath, index: int, value: Any) -> str:
        """Insert value at index of the sequence at path (index == length appends)."""
        slot = find(self.root, path)
        if slot is None or not isinstance(slot.node, SequenceNode):
            raise KeyError(path)
        node = slot.node
        items = node.value
        if is_flow(node) or not items:
            if not items:
                return self.replace(path, [_plain(value)] if not is_flow(node) else [value])
            raw = to_raw(value, 0, flow=True)
            if index >= len(items):
                at = self.text.rindex("]", 0, node.end_mark.index)
                return self.splice(at, at, f", {raw.text}")
            at = items[index].start_mark.index
            return self.splice(at, at, f"{raw.text}, ")
        dash = node.start_mark.column
        sibling = items[min(index, len(items) - 1)]
        raw = to_raw(value, dash + 2, flow=is_flow(sibling))
        line = f"{' ' * dash}- {reindent(raw, dash + 2)}"
        if index >= len(items):
            at = self.line_end(self.content_end(node))
            return self.splice(at, at, "\n" + line)
        at = self.line_start(items[index].start_mark.index)
        return self.splice(at, at, line + "\n")

    def delete(self, path: KeyPath) -> str:
        """Remove the entry at path (a mapping key with its value, or a sequence item)."""
        slot = find(self.root, path)
        if slot is None or slot.parent is None:
            raise KeyError(path)
        parent = slot.parent
        if len(parent.value) == 1:
            return self.replace(path[:-1], {} if isinstance(parent, MappingNode) else [])
        first = slot.key if slot.key is not None else slot.node
        end = self.content_end(slot.node, slot.key)
        if is_flow(parent):
            start = first.start_mark.index
            following = self.text[end:]
            comma = re.match(r"\s*,\s*", following)
            if comma:
                return self.splice(start, end + comma.end(), "")
            before = re.search(r",\s*$", self.text[:start])
            return self.splice(before.start() if before else start, end, "")
        start = self.line_start(first.start_mark.index)
        stop = self.line_end(end)
        return self.splice(start, min(stop + 1, len(self.text)), "")


def _plain(value: Any) -> Any:
    """A Raw value has no Python form to nest; callers pass Python values when nesting."""
    if isinstance(value, Raw):
        raise TypeError("a raw YAML value cannot be nested into a new collection")
    return value


def wrap_words(text: str, width: int, first_width: int) -> list[str] | None:
    """Lines of at most width characters, broken only at single spaces (None if impossible)."""
    if not text or text != text.strip() or "  " in text or "\t" in text:
        return None
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        limit = first_width if not lines else width
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines
