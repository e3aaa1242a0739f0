"""Prove a refactor changed no output: export the sample campaigns at a git commit and at the
work tree, then compare every file byte for byte (manifest.json: every field but the version).

Usage:  python tools/compare_exports.py [COMMIT] [--pdf]     (COMMIT defaults to HEAD)
Exit code 0 when identical, 1 with the list of differing files otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(source: Path, out: Path, pdf: bool) -> None:
    """Run `thidua export --all --zip` from the source tree's own src/ into out."""
    args = [sys.executable, "-c", "import sys; sys.path.insert(0, 'src'); "
            "from thidua.entry import main; sys.exit(main())",
            "export", "--all", "--zip", "-o", str(out), "--workers", "1"]
    if pdf:
        args.append("--pdf")
    # Relative folders, so the manifests of both trees name their sources alike.
    env = {"THIDUA_CAMPAIGNS": "campaigns", "THIDUA_TEMPLATES": "templates",
           "PATH": os.environ.get("PATH", "")}
    subprocess.run(args, cwd=source, check=True, env=env, capture_output=True)


def digests(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "manifest.json":
            manifest = json.loads(data)
            manifest.pop("thidua_version", None)
            manifest.pop("version", None)
            data = json.dumps(manifest, sort_keys=True).encode()
        found[str(path.relative_to(folder))] = hashlib.sha256(data).hexdigest()
    return found


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    pdf = "--pdf" in sys.argv
    commit = args[0] if args else "HEAD"
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        before_tree = tmp_path / "before"
        subprocess.run(["git", "worktree", "add", "--detach", str(before_tree), commit],
                       cwd=ROOT, check=True, capture_output=True)
        try:
            export(before_tree, tmp_path / "out-before", pdf)
            export(ROOT, tmp_path / "out-after", pdf)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before_tree)], cwd=ROOT,
                           capture_output=True)
        before, after = digests(tmp_path / "out-before"), digests(tmp_path / "out-after")
    differing = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    print(f"{len(before)} tệp tại {commit}, {len(after)} tệp trong cây làm việc, "
          f"{len(differing)} tệp khác nhau")
    for name in differing:
        print("  khác:", name)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
