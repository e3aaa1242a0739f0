"""The variables templates receive, described for Word authors (docs/TEMPLATE_VARIABLES.md).

Run `python -m thidua.documents.variables` to rewrite the Markdown file; a test keeps the file,
this table and the real contexts in step (every key a context has must be described here).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from thidua.documents.variables_text import DESCRIPTIONS, INTRO, SHAPES

# Parts of a context that share one shape are described once, under the shape's name.
ALIASES = (
    (re.compile(r"^danh_sach\.tap_the\[\]\.dong\[\]\."), "<đơn vị>."),
    (re.compile(r"^danh_sach\.ca_nhan\[\]\.dong\[\]\."), "<cá nhân>."),
    (re.compile(r"^(danh_sach\.(tap_the|ca_nhan)\[\]|hinh_thuc_khen\[\])\.tien_thuong\."),
     "<tiền>."),
    (re.compile(r"^danh_sach\.ca_nhan\[\]\."), "danh_sach.tap_the[]."),
    (re.compile(r"^bao_cao\.(dac_diem|chuc_nang|thanh_tich|khen_thuong)\[\]\."), "bao_cao.<phần>[]."),
    (re.compile(r"^(tap_the\[\]|khen_thuong\[\]\.tap_the\[\]|bang\[\]\.dong\[\]|don_vi)\."),
     "<đơn vị>."),
    (re.compile(r"^(ca_nhan\[\]|khen_thuong\[\]\.ca_nhan\[\])\."), "<cá nhân>."),
    (re.compile(r"^(tong_tien|tien_tap_the|tien_ca_nhan|khen_thuong\[\]\.tien_thuong)\."),
     "<tiền>."),
    (re.compile(r"^hop\.(chu_toa|thu_ky|thanh_vien\[\]|vang_mat\[\])\."), "<người>."),
    (re.compile(r"^(noi_dung\[\]\.bang|ke_hoach\.bang_diem\[\])\."), "<bảng điểm>."),
    (re.compile(r"^van_ban\."), "<văn bản>."),
)
DOC_FILE = Path(__file__).resolve().parents[3] / "docs" / "TEMPLATE_VARIABLES.md"


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Every key path of a context: "a.b", lists as "a[]" and "a[].c"."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found.add(path)
            found |= key_paths(item, path)
    elif isinstance(value, list):
        found.add(f"{prefix}[]")
        for item in value:
            found |= key_paths(item, f"{prefix}[]")
    return {p for p in found if p}


def normalise(path: str) -> str:
    """The documented name of a key path (shared shapes folded, see ALIASES)."""
    for pattern, shape in ALIASES:
        if pattern.match(path):
            return shape + pattern.sub("", path, count=1)
    return path


def undocumented(context: dict[str, Any]) -> list[str]:
    """Key paths of `context` that DESCRIPTIONS does not explain."""
    names = {normalise(p) for p in key_paths(context)}
    names -= {shape for shape, _ in SHAPES}
    return sorted(n for n in names if n not in DESCRIPTIONS and not n.endswith("[]")
                  and n.rstrip("[]") not in DESCRIPTIONS)


def template_variables() -> dict[str, list[str]]:
    """Top-level names each template of templates/ reads."""
    from thidua.documents.rendering import DEFAULT_TEMPLATE_DIR
    from thidua.render import PreparedTemplate, make_environment
    environment = make_environment()
    out = {}
    for path in sorted(DEFAULT_TEMPLATE_DIR.glob("*.docx")):
        prepared = PreparedTemplate.from_file(path, environment)
        out[path.name] = sorted(prepared.variables)
    return out


def _row(name: str, text: str) -> str:
    return f"| `{name}` | {text} |"


def markdown() -> str:
    """The whole docs/TEMPLATE_VARIABLES.md."""
    lines = [INTRO.strip(), "", "## Mẫu và các biến gốc mỗi mẫu dùng", "",
             "| mẫu | biến gốc |", "|---|---|"]
    for template, names in template_variables().items():
        lines.append(f"| `{template}` | {', '.join(f'`{n}`' for n in names)} |")
    lines += ["", "## Các khối dùng chung", ""]
    for shape, text in SHAPES:
        lines += [f"### `{shape}`", "", text, "", "| biến | ý nghĩa |", "|---|---|"]
        lines += [_row(k, v) for k, v in DESCRIPTIONS.items() if k.startswith(shape + ".")]
        lines.append("")
    lines += ["## Các biến khác", "", "| biến | ý nghĩa |", "|---|---|"]
    lines += [_row(k, v) for k, v in DESCRIPTIONS.items() if not k.startswith("<")]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else DOC_FILE
    from thidua.atomic import write_text_atomic
    write_text_atomic(target, markdown())
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
