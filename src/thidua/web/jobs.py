"""Long work (dossier export, PDF) off the request thread, with progress pages poll."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from thidua.errors import ThiduaError

Work = Callable[["Job"], list[str]]


@dataclass
class Job:
    """One background task: its progress, and its report lines or error once finished."""

    id: str
    key: str
    title: str
    state: str = "running"          # running, done, failed
    done: int = 0
    total: int = 0
    phase: str = "Đang chuẩn bị…"
    lines: list[str] = field(default_factory=list)
    error: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def progress(self, done: int, total: int, name: str) -> None:
        """export()'s progress callback: documents rendered so far."""
        self.done, self.total = done, total
        self.phase = (f"Đã tạo {done}/{total} văn bản" if done < total else
                      "Đang hoàn tất (PDF, ZIP, manifest)…")

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started


class JobBoard:
    """The app's background jobs; one running job per key (a period is never exported twice
    at once: a second click joins the running export)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self, key: str, title: str, work: Work) -> Job:
        with self._lock:
            running = next((j for j in self._jobs.values() if j.key == key and j.running), None)
            if running:
                return running
            job = Job(secrets.token_urlsafe(12), key, title)
            self._jobs[job.id] = job
            thread = threading.Thread(target=self._run, args=(job, work), daemon=True,
                                      name=f"thidua-job-{job.id}")
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def latest(self, key: str) -> Job | None:
        jobs = [j for j in self._jobs.values() if j.key == key]
        return max(jobs, key=lambda j: j.started) if jobs else None

    def wait(self, timeout: float) -> bool:
        """Wait for running jobs (server shutdown); True when none is left running."""
        deadline = time.monotonic() + timeout
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        try:
            job.lines = work(job)
            job.state = "done"
        except ThiduaError as exc:
            job.error, job.state = exc.lines(), "failed"
        except Exception as exc:  # reported on the page, never a traceback
            job.error = [f"Lỗi nội bộ của thidua ({type(exc).__name__}: {exc})."]
            job.state = "failed"
        finally:
            job.finished = time.monotonic()


class JobFailed(ThiduaError):
    """Work that finished with failures: its report lines are the job's error."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0] if lines else "")
        self.report = lines

    def lines(self) -> list[str]:
        return self.report
