"""Set up a local virtual environment and run the demo or the tests (standard library only).

Usage (Windows: `py tools\\bootstrap.py demo`):
    python3 tools/bootstrap.py demo   # install, then generate the sample dossiers into output/
    python3 tools/bootstrap.py test   # install with test extras, then run the whole test suite
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    name = "python.exe" if os.name == "nt" else "python"
    return VENV / scripts / name


def ensure_environment(extras: str) -> Path:
    """Create .venv if needed and install thidua (editable) with the given extras."""
    if sys.version_info < (3, 11):
        sys.exit("thidua cần Python 3.11 trở lên (đang dùng %d.%d)." % sys.version_info[:2])
    python = venv_python()
    if not python.exists():
        print("Tạo môi trường ảo .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extras}]" if extras else "."
    print(f"Cài đặt thidua {target} …", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", target], cwd=ROOT, check=True)
    return python


def thidua(python: Path, *args: str) -> int:
    print("$ thidua " + " ".join(args), flush=True)
    return subprocess.run([str(python), "-m", "thidua", *args], cwd=ROOT).returncode


def demo() -> int:
    python = ensure_environment("")
    export = ["export", "--all", "--zip"]
    if shutil.which("soffice") or shutil.which("libreoffice") or os.environ.get("THIDUA_SOFFICE"):
        export.append("--pdf")  # PDFs need LibreOffice; without it Word files are still made
    steps = [("list",), tuple(export)]
    for step in steps:
        code = thidua(python, *step)
        if code != 0:
            return code
    print(f"Xong. Hồ sơ mẫu nằm trong {ROOT / 'output'}")
    return 0


def test() -> int:
    python = ensure_environment("test")
    return subprocess.run([str(python), "-m", "pytest", *sys.argv[2:]], cwd=ROOT).returncode


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "demo":
        return demo()
    if command == "test":
        return test()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
