"""Generate every Word template in templates/ with thidua.docx.build, so they are reproducible.

Usage: python tools/build_templates.py [OUT_DIR]   (default: templates/ of the repository)

The .docx files are ordinary Word documents holding docxtpl tags ({{ … }}, {%p … %},
{%tr … %}, {%tc … %}); users may restyle them in Word, or copy one into
campaigns/<id>/templates/ to override it for one campaign. The variables each template
receives are listed in docs/TEMPLATE_VARIABLES.md (`thidua context` prints them).
The layout of each template lives in src/thidua/documents/templates_*.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from thidua.documents.templates import build_all

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "templates"
    for path in build_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
