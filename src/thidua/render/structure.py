"""Static check that every Jinja block keeps the Word XML well formed, whatever the data.

A block ({% if %}, {% for %}, …) may be skipped or repeated, so the XML it encloses must
leave the element nesting exactly as it found it: each branch must end with the same open
elements it started with. A {%p if %} outside a table closed by a {%p endif %} inside a cell
breaks that rule and would produce a corrupt document only for some data; this check finds
it once, when the template is prepared, and names both places.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|\{\{.*?\}\}|\{#.*?#\}"
    r"|\{%[-+]?\s*(?P<word>\w+)(?P<rest>.*?)[-+]?%\}"
    r"|<(?P<close>/)?(?P<name>[A-Za-z_][\w.:-]*)[^>]*?(?P<empty>/)?>",
    re.DOTALL,
)
_OPENERS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "autoescape"})
_BRANCHES = frozenset({"elif", "else"})


@dataclass(frozen=True)
class StructureProblem:
    """A block whose branch changes the XML nesting: what, and the lines where it opens/ends."""

    block: str
    open_line: int
    close_line: int
    opened_inside: tuple[str, ...]
    closed_inside: tuple[str, ...]


@dataclass
class _Block:
    word: str
    line: int
    stack: tuple[str, ...]


def _line_of(newlines: list[int], position: int) -> int:
    return bisect.bisect_right(newlines, position) + 1


def check_structure(source: str) -> StructureProblem | None:
    """The first block in `source` (patched part XML) whose branches unbalance the XML."""
    newlines = [match.start() for match in re.finditer("\n", source)]
    elements: list[str] = []
    blocks: list[_Block] = []
    for token in _TOKEN.finditer(source):
        word, name = token.group("word"), token.group("name")
        if name is not None:
            if token.group("close"):
                if elements and elements[-1] == name:
                    elements.pop()
                elif name in elements:  # tolerate what lxml itself would have rejected
                    del elements[len(elements) - 1 - elements[::-1].index(name):]
            elif not token.group("empty"):
                elements.append(name)
            continue
        if word is None:
            continue
        line = _line_of(newlines, token.start())
        if word in _OPENERS or (word == "set" and "=" not in token.group("rest")):
            blocks.append(_Block(word, line, tuple(elements)))
        elif (word in _BRANCHES or word.startswith("end")) and blocks:
            block = blocks[-1]
            if tuple(elements) != block.stack:
                return StructureProblem(block.word, block.line, line, block.stack,
                                        tuple(elements))
            if word.startswith("end"):
                blocks.pop()
    return None


def describe_nesting(stack: tuple[str, ...]) -> str:
    """Where an element stack is, in words: "trong ô bảng", "ngoài bảng", …"""
    if "w:tc" in stack:
        return "trong một ô bảng"
    if "w:tr" in stack:
        return "trong một dòng bảng"
    if "w:tbl" in stack:
        return "trong bảng"
    if "w:p" in stack:
        return "giữa một đoạn"
    return "ngoài bảng"
