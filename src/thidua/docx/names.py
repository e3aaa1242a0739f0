"""Where the name of a body ("ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH A") may go to a new line."""

from __future__ import annotations

# Words that start a unit of an administrative name ("HUYỆN CHÂU THÀNH A", "XÃ HÒA AN"): a
# line may break before them, never inside the proper name that follows.
LEVELS = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN",
          "ĐẶC KHU")
NOT_LEVELS = ("XÃ HỘI",)  # "LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" is no commune
# The kind of body, when it opens the name: "HỘI ĐỒNG / THI ĐUA - KHEN THƯỞNG".
HEADS = ("ỦY BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG", "VĂN PHÒNG", "PHÒNG", "BAN", "SỞ",
         "TRUNG TÂM", "THANH TRA", "CÔNG AN", "TRƯỜNG")
JOINERS = ("VÀ",)


def _starts_level(rest: str) -> bool:
    if any(rest.startswith(n + " ") or rest == n for n in NOT_LEVELS):
        return False
    return any(rest.startswith(level + " ") for level in LEVELS)


def sensible_breaks(text: str) -> set[int]:
    """Word positions where the name may break: before "HUYỆN", "XÃ", "VÀ", after a comma, or
    after the kind of body that opens it ("HỘI ĐỒNG", "PHÒNG")."""
    words = text.split()
    upper = [w.upper() for w in words]
    allowed = set()
    for at in range(1, len(words)):
        rest = " ".join(upper[at:])
        if _starts_level(rest) or upper[at] in JOINERS or words[at - 1].endswith(","):
            allowed.add(at)
        elif " ".join(upper[:at]) in HEADS and not upper[at].startswith("-"):
            allowed.add(at)
    return allowed


def compose(text: str, fits) -> list[str] | None:
    """The fewest lines, broken only at sensible places, each passing `fits(line)`; None when
    some unit is too long for a line even on its own."""
    words = text.split()
    cuts = sorted(sensible_breaks(text)) + [len(words)]
    lines, start = [], 0
    while start < len(words):
        best = None
        for cut in cuts:
            if cut > start and fits(" ".join(words[start:cut])):
                best = cut
        if best is None:
            return None
        lines.append(" ".join(words[start:best]))
        start = best
    return lines
