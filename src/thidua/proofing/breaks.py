"""Line breaks inside a paragraph: a word cut in two, a name cut outside a sensible place."""

from __future__ import annotations

from thidua.docx.names import sensible_breaks

def break_offsets(text: str, lines: list[str]) -> list[int] | None:
    """Character offsets in `text` where each printed line after the first begins.

    Lines are matched on their non-space characters, so spacing differences do not matter;
    None when the printed lines are not the text (hyphenation added, text changed).
    """
    offsets, position = [], 0
    for number, line in enumerate(lines):
        wanted = "".join(line.split())
        while position < len(text) and text[position].isspace():
            position += 1
        if number:
            offsets.append(position)
        for char in wanted:
            while position < len(text) and text[position].isspace():
                position += 1
            if position >= len(text) or text[position] != char:
                return None
            position += 1
    return offsets


def split_words(text: str, lines: list[str]) -> list[tuple[str, str]]:
    """(before, after) for every line break that falls inside a word: "HẠN" / "G"."""
    offsets = break_offsets(text, lines)
    if offsets is None:
        return []
    cut = []
    for at in offsets:
        if 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace():
            start = text.rfind(" ", 0, at) + 1
            end = text.find(" ", at)
            end = len(text) if end < 0 else end
            cut.append((text[start:at], text[at:end]))
    return cut


def bad_name_breaks(text: str, lines: list[str]) -> list[tuple[str, str]]:
    """(line before, line after) for each break of a name line outside a sensible place."""
    offsets = break_offsets(text, lines)
    if offsets is None:
        return []
    allowed = sensible_breaks(text)
    bad = []
    for number, at in enumerate(offsets):
        words_before = len(text[:at].split())
        if text[at - 1].isspace() and words_before in allowed:
            continue
        bad.append((lines[number], lines[number + 1]))
    return bad
