"""LibreOffice processes: finding soffice, the per-worker UNO server, batched CLI runs, killing."""

from __future__ import annotations

import functools
import glob
import hashlib
import json
import os
import queue
import secrets
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from thidua.errors import PdfError
from thidua.pdf.processes import kill_tree, start_group

WINDOWS_SOFFICE = r"C:\Program Files\LibreOffice\program\soffice.exe"

INSTALL_HINT = (
    "Cách cài đặt:\n"
    "  - Windows: tải và cài LibreOffice từ https://www.libreoffice.org/download/ ,"
    f' rồi kiểm tra có tệp "{WINDOWS_SOFFICE}".\n'
    "  - Debian/Ubuntu: sudo apt-get install libreoffice-writer\n"
    "  - Hoặc đặt biến môi trường THIDUA_SOFFICE trỏ tới tệp soffice (soffice.exe)."
)

# Common flags: private profile, no UI, no recovery or first-start dialogs that could block.
QUIET_FLAGS = (
    "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
    "--nofirststartwizard", "--norestore", "--nolockcheck",
)

# Runs under LibreOffice's Python (the one that can `import uno`), never under ours.
# Protocol: one JSON object per line on stdin/stdout; kept Python-3.7 compatible.
SERVER_SCRIPT = r'''
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def props(**values):
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())

def reply(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()

def connect(proc, pipe, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("soffice did not start (exit code %s)" % proc.poll())
            time.sleep(0.05)

def convert(desktop, job):
    load = dict(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0)
    if job["filter"]:
        load["FilterName"] = job["filter"]
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["src"]), "_blank", 0,
                                       props(**load))
    if doc is None:
        raise ValueError("document could not be loaded")
    try:
        doc.storeToURL(uno.systemPathToFileUrl(job["dst"]), props(FilterName="writer_pdf_Export"))
    finally:
        doc.close(True)

def main():
    soffice, profile_url, pipe, startup = sys.argv[1:5]
    proc = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + profile_url] + sys.argv[5:]
        + ["--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = connect(proc, pipe, time.monotonic() + float(startup))
    except Exception as exc:
        reply(ready=False, error=str(exc))
        proc.kill()
        return 1
    reply(ready=True)
    for line in iter(sys.stdin.readline, ""):
        try:
            convert(desktop, json.loads(line))
            reply(ok=True)
        except Exception as exc:
            try:  # a document error leaves LibreOffice answering; a crash does not
                alive = proc.poll() is None and desktop.getComponents() is not None
            except Exception:
                alive = False
            detail = getattr(exc, "Message", "") or str(exc)
            reply(ok=False, kind="document" if alive else "crash",
                  error="%s: %s" % (type(exc).__name__, detail))
            if not alive:
                return 1
    try:
        desktop.terminate()
        proc.wait(15)
    except Exception:
        proc.kill()
    return 0

sys.exit(main())
'''


def find_soffice() -> Path:
    """The LibreOffice binary: $THIDUA_SOFFICE, then PATH, then the usual install folders."""
    override = os.environ.get("THIDUA_SOFFICE")
    if override:
        path = Path(override).expanduser()
        if path.is_file() and sys.platform != "win32" and not os.access(path, os.X_OK):
            raise PdfError(
                f"Biến môi trường THIDUA_SOFFICE trỏ tới '{override}', nhưng tệp đó không phải "
                "chương trình chạy được (không có quyền thực thi), nên không xuất được PDF; hãy "
                f"trỏ THIDUA_SOFFICE tới chương trình soffice của LibreOffice.\n{INSTALL_HINT}")
        if path.is_file():
            return path
        raise PdfError(
            f"Biến môi trường THIDUA_SOFFICE trỏ tới '{override}' nhưng không có tệp soffice"
            f" ở đó, nên không xuất được PDF.\n{INSTALL_HINT}"
        )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _install_locations():
        if candidate.is_file():
            return candidate
    raise PdfError(f"Không tìm thấy LibreOffice (soffice), cần có để xuất PDF.\n{INSTALL_HINT}")


def _install_locations() -> list[Path]:
    if sys.platform == "win32":
        variables = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
        roots = sorted({os.environ.get(v, "") for v in variables} - {""})
        found = [Path(r, "LibreOffice", "program", "soffice.exe") for r in roots]
        return found + [Path(WINDOWS_SOFFICE)]
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return [Path("/usr/lib/libreoffice/program/soffice")] + [
        Path(p) for p in sorted(glob.glob("/opt/libreoffice*/program/soffice"))
    ]


def find_uno_python(soffice: Path) -> Path | None:
    """A Python interpreter that can `import uno` for this LibreOffice, or None."""
    override = os.environ.get("THIDUA_UNO_PYTHON")
    program = soffice.resolve().parent
    candidates = [Path(override)] if override else [
        program / "python.exe", program / "python",
        program.parent / "Resources" / "python", Path("/usr/bin/python3"),
    ]
    for candidate in candidates:
        if candidate.is_file() and _imports_uno(str(candidate)):
            return candidate
    return None


@functools.lru_cache(maxsize=None)
def _imports_uno(python: str) -> bool:
    try:
        probe = subprocess.run([python, "-c", "import uno"], env=_clean_env(), timeout=30,
                               stdin=subprocess.DEVNULL, capture_output=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def _clean_env() -> dict[str, str]:
    """Our interpreter's settings must not leak into LibreOffice's Python."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "PYTHONPATH")}


def private_env(scratch: Path) -> dict[str, str]:
    """Keep LibreOffice's temp files in scratch, so a killed instance leaves no trash behind."""
    scratch.mkdir(parents=True, exist_ok=True)
    return {**_clean_env(), "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}


def profile_url(profile_dir: Path) -> str:
    return profile_dir.resolve().as_uri()


def remove_stale_pipes(profile_dir: Path, pipe: str = "") -> None:
    """A killed soffice leaves its unix sockets in /tmp; remove the two that were ours."""
    if sys.platform == "win32":
        return
    # LibreOffice names its single-instance pipe after the MD5 of the UTF-16 profile URL,
    # written as unpadded hex.
    digest = hashlib.md5(profile_url(profile_dir).encode("utf-16-le")).digest()
    names = ["SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)]
    names += [pipe] if pipe else []
    for folder in ("/tmp", "/var/tmp"):
        for name in names:
            Path(folder, f"OSL_PIPE_{os.getuid()}_{name}").unlink(missing_ok=True)


@dataclass(frozen=True)
class Outcome:
    """What happened to one conversion request: ok, document, timeout or crash."""

    kind: str
    detail: str = ""


class UnoServer:
    """One long-lived LibreOffice plus its UNO bridge script, driven over JSON lines."""

    def __init__(self, python: Path, soffice: Path, profile_dir: Path, log: Path,
                 env: dict[str, str]) -> None:
        self.python, self.soffice, self.profile_dir, self.log = python, soffice, profile_dir, log
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.pipe = ""
        self.hung = False  # start() failed because LibreOffice did not answer in time
        self._lines: queue.Queue[str | None] = queue.Queue()

    def start(self, timeout: float) -> None:
        """Start LibreOffice and wait until it accepts work; raises PdfError otherwise."""
        self.pipe = pipe = f"thidua_{os.getpid()}_{secrets.token_hex(6)}"
        args = [str(self.python), "-c", SERVER_SCRIPT, str(self.soffice),
                profile_url(self.profile_dir), pipe, str(timeout), *QUIET_FLAGS]
        with open(self.log, "ab") as log:
            self.proc = start_group(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=log, env=self.env)
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()
        ready = self._reply(timeout + 10)
        if not ready or not ready.get("ready"):
            self.kill()
            reason = (ready or {}).get("error", "không phản hồi")
            self.hung = ready is None or "exit code None" in reason
            raise PdfError(f"Không khởi động được LibreOffice ({self.soffice}): {reason}")

    def _read(self, stream) -> None:
        for raw in stream:
            self._lines.put(raw.decode("utf-8", "replace"))
        self._lines.put(None)

    def _reply(self, timeout: float) -> dict | None:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        return json.loads(line) if line else {"ok": False, "kind": "crash", "error": "EOF"}

    def convert(self, src: Path, dst: Path, input_filter: str, timeout: float) -> Outcome:
        assert self.proc and self.proc.stdin
        job = {"src": str(src), "dst": str(dst), "filter": input_filter}
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode("ascii"))
            self.proc.stdin.flush()
        except OSError as exc:
            return Outcome("crash", str(exc))
        answer = self._reply(timeout)
        if answer is None:
            return Outcome("timeout")
        if answer.get("ok"):
            return Outcome("ok")
        return Outcome(answer.get("kind", "crash"), answer.get("error", ""))

    def stop(self) -> None:
        """Ask LibreOffice to quit; kill it if it does not within a few seconds."""
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def kill(self) -> None:
        if self.proc is not None:
            kill_tree(self.proc)
            try:
                self.proc.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass
            self.proc = None
            remove_stale_pipes(self.profile_dir, self.pipe)


def run_cli_batch(soffice: Path, profile_dir: Path, sources: list[Path], out_dir: Path,
                  input_filter: str, timeout: float, log: Path, env: dict[str, str]) -> Outcome:
    """One `soffice --convert-to pdf` process for many files; PDFs land in out_dir by stem."""
    args = [str(soffice), f"-env:UserInstallation={profile_url(profile_dir)}", *QUIET_FLAGS]
    if input_filter:
        args.append(f"--infilter={input_filter}")
    args += ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir)]
    args += [str(s) for s in sources]
    with open(log, "ab") as log_file:
        proc = start_group(args, stdin=subprocess.DEVNULL, stdout=log_file,
                           stderr=subprocess.STDOUT, env=env)
    try:
        code = proc.wait(timeout)
    except subprocess.TimeoutExpired:
        code = None
    kill_tree(proc)  # also when it exited: no stray soffice.bin may keep the profile locked
    if code == 0:
        return Outcome("ok")
    remove_stale_pipes(profile_dir)
    return Outcome("timeout") if code is None else Outcome("crash", f"exit code {code}")
