"""Is a Times New Roman-compatible font installed? (Otherwise PDFs reflow.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

SERIF_FONTS = ("Times New Roman", "Liberation Serif", "Tinos")
FONT_FILES = {"times": "Times New Roman", "times new roman": "Times New Roman",
              "liberationserif-regular": "Liberation Serif", "tinos-regular": "Tinos"}


def font_warnings() -> list[str]:
    """Vietnamese warnings when no Times New Roman-compatible font is installed."""
    return missing_font_warnings(installed_serif_fonts())


def missing_font_warnings(installed: Iterable[str]) -> list[str]:
    if set(installed) & set(SERIF_FONTS):
        return []
    return [
        "Cảnh báo: máy chưa có phông Times New Roman hoặc phông tương thích (Liberation Serif,"
        " Tinos); PDF sẽ dùng phông khác nên chữ có thể xuống dòng, sang trang khác bản Word."
        " Cách khắc phục: Debian/Ubuntu: sudo apt-get install fonts-liberation2;"
        r" Windows: kiểm tra có tệp times.ttf trong thư mục C:\Windows\Fonts."
    ]


def installed_serif_fonts() -> set[str]:
    """Which of SERIF_FONTS are installed: fc-list's families, else the font file names."""
    names: set[str] = set()
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            listing = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True,
                                     timeout=30, check=False).stdout
            names = {f.strip() for line in listing.splitlines() for f in line.split(",")}
        except (OSError, subprocess.SubprocessError):
            pass
    if not names:  # Windows has no fc-list: look at the files in the font folders
        names = {FONT_FILES.get(font.stem.casefold(), "") for folder in font_folders()
                 if folder.is_dir() for font in folder.rglob("*.tt[fc]")}
    return names & set(SERIF_FONTS)


def font_folders() -> list[Path]:
    if sys.platform == "win32":
        return [Path(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"),
                Path(os.environ.get("LOCALAPPDATA", ""), "Microsoft", "Windows", "Fonts")]
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local/share/fonts", Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"), home / "Library/Fonts"]
