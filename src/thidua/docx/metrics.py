"""Printed width of a line of text in Times New Roman, for composing lines and sizing columns."""

from __future__ import annotations

import unicodedata

# Advance widths (1/1000 em) of ASCII 32–126 in Times Roman and Times Bold (the Adobe core
# font metrics; Times New Roman and Liberation Serif match them closely). A Vietnamese letter
# is as wide as its base letter: the marks sit above or below it.
_ROMAN = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
    722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
    722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
    444, 480, 200, 480, 541)
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
    722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
    722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
    556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
    444, 394, 220, 394, 520)
_OTHER = {"Đ": "D", "đ": "d", "…": "...", "–": "-", "—": "--", "“": '"', "”": '"', "‘": "'",
          "’": "'", "\u00a0": " "}
MM_PER_PT = 25.4 / 72
SAFETY = 1.03  # the renderer's font is close to, not exactly, these metrics


def _base(char: str) -> str:
    if char in _OTHER:
        return _OTHER[char]
    return unicodedata.normalize("NFD", char)[0]


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` on one line at `size` pt, with a small safety margin."""
    table = _BOLD if bold else _ROMAN
    units = 0
    for char in text:
        for base in _base(char):
            code = ord(base)
            units += table[code - 32] if 32 <= code <= 126 else 500
    return units / 1000 * size * MM_PER_PT * SAFETY


def widest_word_mm(text: str, size: float, bold: bool = False) -> float:
    return max((text_width_mm(word, size, bold) for word in text.split()), default=0.0)
