"""Processes thidua starts end with thidua: own process groups, a watchdog, parent-death exit.

Every LibreOffice (and its bridge script) runs in a process group of its own, so that one
kill ends it and everything it spawned. Each group is registered with a small watchdog
process, started once per thidua process, that holds the read end of a pipe from us: when
thidua ends in any way — normally, on an error, on a signal, or killed with kill -9 — the
pipe closes and the watchdog kills the groups still registered and deletes their scratch
folders. Worker processes of a pool call `exit_with_parent` so they do not outlive us either.
On Windows there is no watchdog: each group is put in a Job Object that kills its processes
when its last handle closes, which Windows does when thidua ends in any way (see _windows_job).
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

# Runs under our own interpreter; reads "+PGID", "-PGID", "dPATH", "uPATH" lines until EOF.
WATCHDOG_SCRIPT = r'''
import os, shutil, signal, sys
for name in ("SIGINT", "SIGHUP", "SIGTERM"):
    if hasattr(signal, name):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
groups, folders = set(), set()
for raw in sys.stdin.buffer:
    line = raw.decode("utf-8", "surrogateescape").rstrip("\n")
    kind, value = line[:1], line[1:]
    if kind in "+-":
        (groups.add if kind == "+" else groups.discard)(int(value))
    elif kind in "du":
        (folders.add if kind == "d" else folders.discard)(value)
for group in groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass
for folder in folders:
    shutil.rmtree(folder, ignore_errors=True)
'''

_lock = threading.Lock()
_watchdog: subprocess.Popen | None = None
_groups: set[int] = set()


def _tell_watchdog(line: str) -> None:
    """Send one line to the watchdog, starting it first if needed (POSIX only)."""
    global _watchdog
    if sys.platform == "win32":
        return
    with _lock:
        if _watchdog is None or _watchdog.poll() is not None:
            _watchdog = subprocess.Popen(
                [sys.executable, "-c", WATCHDOG_SCRIPT], stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            replay = "".join(f"+{group}\n" for group in _groups)
            line = replay + line
        pipe = _watchdog.stdin
        assert pipe is not None
        try:
            pipe.write(line.encode("utf-8", "surrogateescape") + b"\n")
            pipe.flush()
        except OSError:
            pass


def own_group() -> dict:
    """Popen arguments that put the child (and its children) in a group we can kill at once."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def start_group(args: list[str], **popen: object) -> subprocess.Popen:
    """Start `args` in its own process group, killed by the watchdog if thidua dies first."""
    proc = subprocess.Popen(args, **own_group(), **popen)  # type: ignore[call-overload]
    if sys.platform == "win32":
        _windows_job(proc)
    with _lock:
        _groups.add(proc.pid)
    _tell_watchdog(f"+{proc.pid}")
    return proc


_JOBS: list[int] = []  # Job Object handles, kept open for thidua's lifetime


def _windows_job(proc: subprocess.Popen) -> None:
    """Put `proc` (and what it starts later) in a kill-on-close Job Object; best effort."""
    import ctypes
    from ctypes import wintypes

    class _Limits(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64),
                    ("PerJobUserTimeLimit", ctypes.c_int64), ("LimitFlags", wintypes.DWORD),
                    ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t),
                    ("ActiveProcessLimit", wintypes.DWORD), ("Affinity", ctypes.c_size_t),
                    ("PriorityClass", wintypes.DWORD), ("SchedulingClass", wintypes.DWORD),
                    ("IoCounters", ctypes.c_uint64 * 6),
                    ("ProcessMemoryLimit", ctypes.c_size_t),
                    ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t),
                    ("PeakJobMemoryUsed", ctypes.c_size_t)]

    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        job = kernel32.CreateJobObjectW(None, None)
        limits = _Limits()
        limits.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        extended_limit_information = 9
        handle = wintypes.HANDLE(int(proc._handle))  # type: ignore[attr-defined]
        if job and kernel32.SetInformationJobObject(
                wintypes.HANDLE(job), extended_limit_information, ctypes.byref(limits),
                ctypes.sizeof(limits)) and kernel32.AssignProcessToJobObject(
                wintypes.HANDLE(job), handle):
            _JOBS.append(job)
    except (OSError, AttributeError, ValueError):
        pass  # taskkill /T in kill_tree still ends the group while thidua runs


def kill_tree(proc: subprocess.Popen) -> None:
    """Kill a process started with start_group() and everything it spawned."""
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                       capture_output=True, check=False)
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass
    with _lock:
        known = proc.pid in _groups
        _groups.discard(proc.pid)
    if known:
        _tell_watchdog(f"-{proc.pid}")


def remove_on_death(folder: Path, registered: bool = True) -> None:
    """Have the watchdog delete `folder` if thidua dies before removing it itself."""
    _tell_watchdog(("d" if registered else "u") + str(folder))


def kill_all() -> None:
    """Kill every group still registered (last resort at exit or on a signal)."""
    with _lock:
        groups = list(_groups)
        _groups.clear()
    for group in groups:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(group)], capture_output=True,
                           check=False)
            continue
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _stop_watchdog() -> None:
    kill_all()
    global _watchdog
    if _watchdog is not None:
        try:
            _watchdog.stdin.close()  # type: ignore[union-attr]
            _watchdog.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        _watchdog = None


atexit.register(_stop_watchdog)


def exit_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as its parent process is gone."""
    global _watchdog
    if _watchdog is not None:  # a forked child must not keep the parent's watchdog pipe open
        try:
            os.close(_watchdog.stdin.fileno())  # type: ignore[union-attr]
        except OSError:
            pass
        _watchdog = None
    _groups.clear()

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(0.5)

    threading.Thread(target=watch, daemon=True, name="thidua-exit-with-parent").start()
