"""Word → PDF through LibreOffice: batched, per-worker instances, timeouts, retries, fonts.

Design. Each worker (one PdfConverter) owns one LibreOffice with its own profile folder
(-env:UserInstallation), so instances never fight over a profile lock. Preferred backend,
"uno": a small bridge script (thidua.pdf.soffice.SERVER_SCRIPT) runs under the Python that can
`import uno` (Debian's /usr/bin/python3 with python3-uno; LibreOffice's bundled python on
Windows/macOS), starts one soffice listening on a private pipe and converts file after file
on request over JSON lines. Start-up is paid once per worker, and each file gets a true
timeout: a file that hangs or crashes LibreOffice has its process group killed, the profile
wiped, the instance restarted and the file retried. Without a uno-capable Python (or if the
server cannot start) the "cli" backend runs one `soffice --convert-to pdf` per chunk of files,
timeout proportional to the chunk; after a hang/crash it keeps the PDFs already produced and
retries the rest one file per process. Throughput of both is similar (bench/bench_pdf.py:
~0.15-0.2 s/document vs ~1.3-1.7 s for one soffice per file); uno wins on per-file timeouts
and on not re-converting a whole chunk's tail one by one after a hang.
Files are loaded with an explicit import filter, so a corrupt .docx fails instead of being
imported as plain text. PDFs go to a private staging folder and are then published atomically
as out_dir/<source stem>.pdf; results are sorted by source path. (PDF bytes themselves carry
LibreOffice's creation date, so only names and order are deterministic.)
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from thidua.atomic import write_bytes_atomic
from thidua.errors import PdfError
from thidua.pdf.fonts import font_warnings
from thidua.pdf.normalise import normalise_pdf
from thidua.pdf.processes import kill_all, remove_on_death
from thidua.pdf.run import PdfRun, hung_reason
from thidua.pdf.soffice import (
    Outcome,
    UnoServer,
    find_soffice,
    find_uno_python,
    private_env,
    run_cli_batch,
)

__all__ = ["PdfConverter", "PdfResult", "PdfRun", "convert_many", "find_soffice",
           "font_warnings"]


INPUT_FILTERS = {".docx": "MS Word 2007 XML", ".doc": "MS Word 97", ".odt": "writer8",
                 ".rtf": "Rich Text Format"}


@dataclass(frozen=True)
class PdfResult:
    """The outcome for one source document: the PDF written, or why not."""

    source: Path
    pdf: Path | None
    error: str | None
    attempts: int

    @property
    def ok(self) -> bool:
        return self.pdf is not None


@dataclass(frozen=True)
class _Job:
    source: Path  # as given by the caller, reported back unchanged
    absolute: Path

    @property
    def input_filter(self) -> str:
        return INPUT_FILTERS.get(self.absolute.suffix.lower(), "")


def _plan(paths: Iterable[Path | str]) -> tuple[list[_Job], list[PdfResult]]:
    """Sorted, de-duplicated jobs; files that cannot be converted get their result now."""
    jobs: list[_Job] = []
    refused: list[PdfResult] = []
    owners: dict[str, Path] = {}
    for source in sorted({Path(p) for p in paths}):
        absolute = source.resolve()
        stem_key = absolute.stem.casefold()  # case-insensitive: out_dir may be on Windows
        if not absolute.is_file():
            refused.append(PdfResult(source, None, "Không tìm thấy tệp nguồn.", 0))
        elif stem_key in owners:
            refused.append(PdfResult(source, None, f"Trùng tên PDF với tệp {owners[stem_key]};"
                                     " hãy đổi tên một trong hai tệp.", 0))
        else:
            owners[stem_key] = source
            jobs.append(_Job(source, absolute))
    return jobs, refused


def _describe(outcome: Outcome, timeout: float) -> str:
    if outcome.kind == "timeout":
        return f"Quá thời gian chờ ({timeout:g} giây) khi LibreOffice chuyển tệp sang PDF."
    if outcome.kind == "crash":
        return "LibreOffice dừng đột ngột khi chuyển tệp này sang PDF."
    return "LibreOffice không mở được tệp (tệp hỏng hoặc không đúng định dạng Word)."


def _why_no_pdf(staged: Path, outcome: Outcome, timeout: float) -> str:
    """A PDF that exists but is cut short is not the Word file's fault (full disk, killed)."""
    if outcome.kind == "ok" and staged.exists():
        return ("LibreOffice đã chuyển tệp nhưng tệp PDF ghi ra bị cắt cụt (thường do ổ đĩa đầy "
                "hoặc LibreOffice bị dừng giữa chừng); tệp Word không có lỗi, hãy chạy lại.")
    return _describe(outcome, timeout)


def _is_complete_pdf(path: Path) -> bool:
    """A killed LibreOffice can leave a truncated file; a finished PDF ends with %%EOF."""
    try:
        with open(path, "rb") as pdf:
            head = pdf.read(5)
            pdf.seek(max(0, path.stat().st_size - 1024))
            return head == b"%PDF-" and b"%%EOF" in pdf.read()
    except OSError:
        return False


def _publish(staged: Path, out_dir: Path, stem: str) -> Path | None:
    """Move a finished PDF into out_dir atomically; None if LibreOffice left no valid PDF."""
    if not _is_complete_pdf(staged):
        return None
    final = write_bytes_atomic(out_dir / f"{stem}.pdf", normalise_pdf(staged.read_bytes()))
    staged.unlink()
    return final


class PdfConverter:
    """One worker: one LibreOffice instance with a private profile, reused for every file.

    timeout: seconds per file; retries: extra attempts after a hang or crash; backend: "auto"
    (uno when possible, else cli), "uno" or "cli"; chunk_size: files per soffice run (cli);
    recycle_after: files before the uno instance is restarted to bound its memory;
    on_result: called with each PdfResult as soon as it is known (progress reporting).
    """

    def __init__(self, soffice: Path | None = None, *, timeout: float = 120.0, retries: int = 1,
                 backend: str = "auto", chunk_size: int = 10, startup_timeout: float = 60.0,
                 recycle_after: int = 200,
                 on_result: Callable[[PdfResult], None] | None = None,
                 run: PdfRun | None = None) -> None:
        if backend not in ("auto", "uno", "cli"):
            raise ValueError(f"unknown backend {backend!r}")
        self.soffice = Path(soffice) if soffice else find_soffice()
        self.timeout, self.retries, self.chunk_size = timeout, retries, max(1, chunk_size)
        self.startup_timeout, self.recycle_after, self.on_result = (
            startup_timeout, recycle_after, on_result)
        self._python = find_uno_python(self.soffice) if backend != "cli" else None
        if backend == "uno" and self._python is None:
            raise PdfError("Không dùng được cầu nối UNO của LibreOffice (thiếu gói python3-uno"
                           " hoặc biến THIDUA_UNO_PYTHON chưa đúng).")
        self.backend = "uno" if self._python else "cli"
        self._fallback_allowed = backend == "auto"
        self.run = run if run is not None else PdfRun(None)
        self.run.begin()
        self._workdir = Path(tempfile.mkdtemp(prefix="thidua-soffice-"))
        remove_on_death(self._workdir)  # even if thidua is killed mid-way
        self._staging, self._profile = self._workdir / "staging", self._workdir / "profile"
        self._staging.mkdir()
        self._log = self._workdir / "soffice.log"
        self._server: UnoServer | None = None
        self._served = 0
        self.restarts = 0

    def __enter__(self) -> PdfConverter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        shutil.rmtree(self._workdir, ignore_errors=True)
        remove_on_death(self._workdir, registered=False)

    @property
    def server_pid(self) -> int | None:
        """Process group of the running UNO server (LibreOffice runs inside it), if any."""
        return self._server.proc.pid if self._server and self._server.proc else None

    def convert(self, docx_paths: Iterable[Path | str], out_dir: Path) -> list[PdfResult]:
        """Convert every file into out_dir/<stem>.pdf; one result per file, sorted by source."""
        jobs, results = _plan(docx_paths)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        for refused in results:
            self._emit(refused, [])
        done: list[PdfResult] = []
        if self.backend == "uno":
            jobs = self._convert_uno(jobs, out_dir, done)
        if jobs:
            self._convert_cli(jobs, out_dir, done)
        return sorted(results + done, key=lambda r: r.source)

    def _emit(self, result: PdfResult, done: list[PdfResult]) -> None:
        done.append(result)
        if self.on_result is not None:
            self.on_result(result)

    def _discard_instance(self) -> None:
        """Kill LibreOffice and wipe its profile: a killed instance may leave it corrupt."""
        if self._server is not None:
            self._server.kill()
            self._server = None
        shutil.rmtree(self._profile, ignore_errors=True)
        shutil.rmtree(self._workdir / "tmp", ignore_errors=True)
        self.restarts += 1

    def _give_up(self, jobs: list[_Job], reason: str, done: list[PdfResult]) -> None:
        for job in jobs:
            self._emit(PdfResult(job.source, None, reason, 0), done)

    def _running_server(self) -> UnoServer:
        if self._server is not None and self._served >= self.recycle_after:
            self._server.stop()  # long-lived soffice grows; recycle it now and then
            self._server = None
        if self._server is None:
            assert self._python is not None
            server = UnoServer(self._python, self.soffice, self._profile, self._log,
                               private_env(self._workdir / "tmp"))
            startup = self.run.cut(self.startup_timeout)
            try:
                server.start(startup)
            except PdfError:
                if server.hung and not self.run.cancelled:
                    self.run.hung = hung_reason(self.soffice, startup, self.run)
                raise
            self._server, self._served = server, 0
        return self._server

    def _convert_uno(self, jobs: list[_Job], out_dir: Path, done: list[PdfResult]) -> list[_Job]:
        """Convert through the UNO server; returns the jobs left for the CLI fallback."""
        for index, job in enumerate(jobs):
            staged = self._staging / f"{job.absolute.stem}.pdf"
            attempts, error, pdf = 0, "", None
            while pdf is None and attempts <= self.retries:
                if self.run.stop_reason():
                    self._give_up(jobs[index:], self.run.stop_reason() or "", done)
                    return []
                try:
                    server = self._running_server()
                except PdfError:
                    if self.run.stop_reason():
                        continue
                    if not self._fallback_allowed:
                        raise
                    self._discard_instance()
                    self.backend = "cli"
                    return jobs[index:]
                attempts += 1
                self._served += 1
                staged.unlink(missing_ok=True)
                timeout = self.run.cut(self.timeout)
                outcome = server.convert(job.absolute, staged, job.input_filter, timeout)
                pdf = _publish(staged, out_dir, job.absolute.stem) if outcome.kind == "ok" else None
                if pdf is None:
                    error = self._failure(staged, outcome, timeout)
                    if outcome.kind in ("ok", "document"):
                        break  # the file itself is bad: retrying cannot help
                    self._discard_instance()
            self._emit(PdfResult(job.source, pdf, None if pdf else error, attempts), done)
        return []

    def _convert_cli(self, jobs: list[_Job], out_dir: Path, done: list[PdfResult]) -> None:
        """Batched `soffice --convert-to pdf`, one chunk of same-format files per process."""
        ordered = sorted(jobs, key=lambda j: (j.input_filter, j.source))
        for _, group in itertools.groupby(ordered, key=lambda j: j.input_filter):
            same_format = list(group)
            for start in range(0, len(same_format), self.chunk_size):
                chunk = same_format[start:start + self.chunk_size]
                if self.run.stop_reason():
                    self._give_up(chunk, self.run.stop_reason() or "", done)
                    continue
                for job in self._run_chunk(chunk, out_dir, done, attempt=1):
                    self._retry_alone(job, out_dir, done)

    def _run_chunk(self, chunk: list[_Job], out_dir: Path, done: list[PdfResult],
                   attempt: int) -> list[_Job]:
        """Run one CLI process; returns the files to retry (those missing after a hang/crash)."""
        for stale in self._staging.iterdir():
            stale.unlink()
        budget = self.run.cut(self.startup_timeout + self.timeout * len(chunk))
        outcome = run_cli_batch(self.soffice, self._profile, [j.absolute for j in chunk],
                                self._staging, chunk[0].input_filter, budget, self._log,
                                private_env(self._workdir / "tmp"))
        missing = []
        for job in chunk:
            pdf = _publish(self._staging / f"{job.absolute.stem}.pdf", out_dir, job.absolute.stem)
            if pdf is not None:
                self._emit(PdfResult(job.source, pdf, None, attempt), done)
            else:
                missing.append(job)
        if outcome.kind == "ok":
            for job in missing:
                staged = self._staging / f"{job.absolute.stem}.pdf"
                self._emit(PdfResult(job.source, None, _why_no_pdf(staged, outcome, 0), attempt),
                           done)
            return []
        self._discard_instance()
        if attempt > self.retries or self.run.stop_reason():
            reason = self.run.stop_reason() or _describe(outcome, self.timeout)
            for job in missing:
                self._emit(PdfResult(job.source, None, reason, attempt), done)
            return []
        return missing

    def _failure(self, staged: Path, outcome: Outcome, timeout: float) -> str:
        """The message for a failed attempt; a timeout cut short by the run's bound says so."""
        if outcome.kind == "timeout" and self.run.stop_reason():
            return self.run.stop_reason() or ""
        return _why_no_pdf(staged, outcome, timeout)

    def _retry_alone(self, job: _Job, out_dir: Path, done: list[PdfResult]) -> None:
        attempt = 2
        while self._run_chunk([job], out_dir, done, attempt):
            attempt += 1


def convert_many(paths: Iterable[Path | str], out_dir: Path, workers: int | None = None,
                 **options) -> list[PdfResult]:
    """Split the files over `workers` PdfConverters in parallel (each its own LibreOffice,
    ~200 MB of memory); options are passed to PdfConverter (run: the PdfRun shared by every
    conversion of this run). Interrupted (Ctrl-C, SIGTERM), it kills every LibreOffice first,
    so the worker threads end at once. Results sorted by source."""
    run = options.setdefault("run", PdfRun(None))
    run.begin()
    jobs, results = _plan(paths)
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    soffice = options.pop("soffice", None) or find_soffice()
    shares = [[j.source for j in jobs[i::workers]] for i in range(workers)]

    def convert_share(share: list[Path]) -> list[PdfResult]:
        with PdfConverter(soffice, **options) as converter:
            return converter.convert(share, out_dir)

    if jobs:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            try:
                for share_results in pool.map(convert_share, shares):
                    results.extend(share_results)
            except BaseException:
                run.cancelled = True
                kill_all()
                raise
    return sorted(results, key=lambda r: r.source)
