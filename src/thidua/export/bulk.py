"""Bulk export: gather every campaign's documents, render in parallel, then swap folders in."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua.campaign.deadlines import occurrences
from thidua.campaign.loading import (
    LoadedCampaign,
    campaigns_root,
    discover,
    load_campaign,
)
from thidua.documents.planning import (
    PLAN_FOLDER,
    PlannedDocument,
    missing_facts,
    plan_dossier,
    plan_plan,
)
from thidua.documents.rendering import template_dirs
from thidua.errors import ExportError, ThiduaError
from thidua.export.folder_output import campaign_sources, staged_hashes
from thidua.export.manifest import Manifest
from thidua.export.staging import FolderUpdate, occupied
from thidua.export.worker import render_batch, reset_cache
from thidua.export.zipper import zip_folder
from thidua.pdf.processes import exit_with_parent
from thidua.pdf.run import DEFAULT_RUN_SECONDS, PdfRun
from thidua.vietnamese.formatting import format_number, slugify

Progress = Callable[[int, int, str], None]
JobsOf = Callable[[LoadedCampaign, "ExportSummary"], list["FolderJob"]]


@dataclass
class FolderJob:
    """One output folder: the plan or a period's dossier, fully computed, not yet rendered."""

    loaded: LoadedCampaign
    name: str                       # folder name: "ke-hoach" or the period id
    title: str                      # Vietnamese label, used for the ZIP's top folder
    documents: list[PlannedDocument]
    sources: dict[str, str]

    @property
    def final(self) -> Path:
        return Path(self.loaded.id) / self.name


@dataclass
class ExportSummary:
    """What an export did, for the closing report."""

    documents: int = 0
    missing: list[str] = field(default_factory=list)  # facts still blank in the reports
    pdfs: int = 0
    zips: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    preserved: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    without_pdf: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def select_campaigns(refs: list[str], all_campaigns: bool, due_within: int | None,
                     today: date) -> tuple[list[LoadedCampaign], list[str]]:
    """The valid campaigns named (or all), optionally only those with a deadline in the next
    N days, and the problems of the ones that could not be loaded (they are skipped)."""
    if not refs and not all_campaigns:
        raise ExportError("Hãy nêu mã phong trào cần xuất, hoặc dùng --all để xuất mọi phong trào.")
    paths = all_campaign_refs() if all_campaigns else refs
    loaded, failures = [], []
    for ref in dict.fromkeys(paths):
        try:
            loaded.append(load_campaign(ref))
        except ThiduaError as exc:
            failures.append(f"{ref}: không xuất được, định nghĩa có lỗi (chạy thidua validate "
                            f"{ref}):\n    " + "\n    ".join(exc.lines()))
    if due_within is not None:
        loaded = [c for c in loaded if any(0 <= (when - today).days <= due_within
                                           for d in c.campaign.deadlines
                                           for when in occurrences(d))]
    return loaded, failures


def all_campaign_refs() -> list[str]:
    """Every campaign folder of the campaigns root; none at all is an error, not 'nothing due'."""
    root = campaigns_root()
    where = f"thư mục phong trào '{root}' (biến THIDUA_CAMPAIGNS hoặc ./campaigns)"
    if root.exists() and not root.is_dir():
        raise ExportError(f"Lỗi: {where} là một tệp, không phải thư mục.")
    if not root.is_dir():
        raise ExportError(f"Lỗi: không tìm thấy {where}; hãy chạy thidua trong thư mục chứa "
                          "'campaigns', hoặc đặt THIDUA_CAMPAIGNS.")
    found = [str(p) for p in discover(root)]
    if not found:
        raise ExportError(f"Lỗi: {where} không có phong trào nào (cần các thư mục con có tệp "
                          "campaign.yaml; tạo mới bằng thidua init).")
    return found


def plan_jobs(loaded: LoadedCampaign, summary: ExportSummary,
              periods: tuple[str, ...] | None = None) -> list[FolderJob]:
    """Score every period (or those named) and plan every document; a period that cannot be
    built is a failure."""
    sources = campaign_sources(loaded)
    jobs = [FolderJob(loaded, PLAN_FOLDER, "Kế hoạch", [plan_plan(loaded)], sources)]
    for period in loaded.campaign.periods:
        if periods is not None and period.id not in periods:
            continue
        try:
            documents = plan_dossier(loaded, period.id)
        except ThiduaError as exc:
            summary.failures.append(f"{loaded.id}/{period.id}: " + "\n".join(exc.lines()))
            continue
        summary.missing.extend(f"{loaded.id}/{period.id}: {line}"
                               for line in missing_facts(documents))
        jobs.append(FolderJob(loaded, period.id, f"Hồ sơ {period.name}", documents, sources))
    return jobs


def _check_targets(finals: list[Path]) -> None:
    """Refuse, before writing anything, output folders that a user's file or a link occupies
    (replacing them would move the user's file away), or that only differ in case."""
    problems, seen = [], {}
    for final in finals:
        first = seen.setdefault(str(final).casefold(), final)
        if first != final:
            problems.append(f"{final}: chỉ khác {first} ở chữ hoa/chữ thường; trên Windows hai "
                            "thư mục này là một. Hãy đổi tên một trong hai thư mục phong trào.")
        if problem := occupied(final):
            problems.append(problem)
    if problems:
        raise ExportError("Lỗi: không xuất được, chưa ghi tệp nào:\n  "
                          + "\n  ".join(dict.fromkeys(problems)))


def dossier_jobs(period_id: str) -> JobsOf:
    """jobs_of for export(): only one period's dossier folder (the web app's Hồ sơ page)."""
    def jobs_of(loaded: LoadedCampaign, summary: ExportSummary) -> list[FolderJob]:
        return [job for job in plan_jobs(loaded, summary, periods=(period_id,))
                if job.name == period_id]
    return jobs_of


def _render_stream(jobs: list[FolderJob], workers: int, progress: Progress | None
                   ) -> Iterator[tuple[int, str, bytes | str]]:
    """Render every document (in a process pool when there is enough work), as they finish."""
    tasks = [(ji, [str(p) for p in template_dirs(job.loaded)], doc)
             for ji, job in enumerate(jobs) for doc in job.documents]
    tasks.sort(key=lambda task: not task[2].fit)  # slow wide tables first, not last alone
    total, done = len(tasks), 0
    size = max(1, min(50, total // (workers * 4) or 1))
    batches = [tasks[i:i + size] for i in range(0, total, size)]
    if workers <= 1 or total < 40:
        reset_cache()
        outputs: Iterable[list[tuple[int, str, bytes | str]]] = map(render_batch, batches)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent,
                                   initargs=(os.getpid(),))
        outputs = pool.map(render_batch, batches)
    try:
        for batch_out in outputs:
            for item in batch_out:
                done += 1
                if progress:
                    progress(done, total, item[1])
                yield item
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def _convert_pdfs(folder: Path, final: Path, skip: set[str], summary: ExportSummary,
                  run: PdfRun) -> None:
    from thidua.pdf.convert import convert_many

    sources = [p for p in sorted(folder.glob("*.docx")) if f"{p.stem}.pdf" not in skip]
    for result in convert_many(sources, folder, run=run):
        if result.error:
            summary.failures.append(f"PDF {result.source.name}: {result.error}")
            summary.without_pdf.append(final / result.source.name)
        else:
            summary.pdfs += 1


def export(loaded_campaigns: list[LoadedCampaign], out_root: Path, *, pdf: bool = False,
           make_zip: bool = False, force: bool = False, workers: int | None = None,
           progress: Progress | None = None,
           pdf_timeout: float | None = DEFAULT_RUN_SECONDS,
           jobs_of: JobsOf | None = None) -> ExportSummary:
    """Export plans and dossiers; each folder is replaced only when all its files are ready.
    pdf_timeout bounds the time of all PDF conversions together (None: no bound); jobs_of
    chooses the folders of a campaign (default plan_jobs: the plan and every period)."""
    started = time.perf_counter()
    summary = ExportSummary()
    if pdf:
        from thidua.pdf.convert import find_soffice, font_warnings

        find_soffice()
        summary.warnings.extend(font_warnings())
    jobs = [job for loaded in loaded_campaigns for job in (jobs_of or plan_jobs)(loaded, summary)]
    _check_targets([out_root / job.final for job in jobs])
    updates = [FolderUpdate(out_root / job.final, force=force) for job in jobs]
    failed: dict[int, list[str]] = {}
    run = PdfRun(pdf_timeout)
    finished = 0
    try:
        for ji, filename, data in _render_stream(jobs, workers or os.cpu_count() or 1, progress):
            if isinstance(data, str):
                failed.setdefault(ji, []).append(f"{jobs[ji].final / filename}: {data}")
            else:
                updates[ji].path(filename).write_bytes(data)  # staged; swapped in later
                summary.documents += 1
        for ji, job in enumerate(jobs):
            _finish_folder(job, updates[ji], failed.get(ji, []), summary, pdf=pdf,
                           make_zip=make_zip, run=run)
            finished = ji + 1
    except BaseException:  # Ctrl-C, SIGTERM, an error: no staging folder is left behind
        for update in updates[finished:]:
            update.abort()
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _finish_folder(job: FolderJob, update: FolderUpdate, failed: list[str],
                   summary: ExportSummary, *, pdf: bool, make_zip: bool, run: PdfRun) -> None:
    """Swap a complete folder in (PDF, manifest, ZIP), or park an incomplete one aside."""
    final = update.final
    manifest = Manifest(campaign=job.loaded.id, period=job.name, sources=job.sources)
    manifest.files = staged_hashes(update.staging)
    if failed:
        summary.failures.extend(failed)
        incomplete = final.parent / f"{final.name}.chua-hoan-chinh"
        update.park(incomplete, manifest)
        kept = "giữ nguyên bản trước" if final.exists() else "chưa được tạo"
        summary.warnings.append(f"Thư mục {final} {kept}; các văn bản tạo được của lần này nằm "
                                f"tạm trong {incomplete}.")
        return
    carried = update.carry_previous()
    if pdf:
        before = set(staged_hashes(update.staging))
        _convert_pdfs(update.staging, final, {Path(n).name for n in carried}, summary, run)
        manifest.files.update({n: h for n, h in staged_hashes(update.staging).items()
                               if n not in before})
    update.commit(manifest)
    summary.folders.append(final)
    summary.preserved.extend(final / n for n in update.preserved)
    summary.overwritten.extend(final / n for n in update.overwritten)
    if make_zip:
        target = final.parent / f"{job.loaded.id}_{slugify(job.name)}.zip"
        summary.zips.append(zip_folder(final, target, _zip_root(job), sorted(manifest.files)))


def _zip_root(job: FolderJob) -> str:
    """A Vietnamese folder name inside the ZIP, stripped of characters Windows forbids."""
    name = f"{job.title} - {job.loaded.campaign.short_name or job.loaded.id}"
    cleaned = "".join(" " if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name)
    return " ".join(cleaned.split()).rstrip(". ")[:120]


def summary_lines(summary: ExportSummary) -> list[str]:
    """The closing report of an export, in Vietnamese."""
    seconds = format_number(round(summary.seconds, 1))
    lines = [f"Xong trong {seconds} giây: {summary.documents} văn bản Word, {summary.pdfs} PDF, "
             f"{len(summary.zips)} tệp ZIP, {len(summary.folders)} thư mục."]
    lines += [f"  {folder}" for folder in summary.folders]
    if summary.preserved:
        lines.append(f"Giữ nguyên {len(summary.preserved)} tệp đã được sửa tay (dùng --force để "
                     "ghi đè):")
        lines += [f"  {path}" for path in summary.preserved]
    if summary.overwritten:
        lines.append(f"Đã ghi đè {len(summary.overwritten)} tệp đã được sửa tay (--force):")
        lines += [f"  {path}" for path in summary.overwritten]
    lines += [f"Cảnh báo: {w}" for w in summary.warnings]
    if summary.missing:
        lines.append(f"Hồ sơ còn thiếu thông tin phải điền tay ({len(summary.missing)} văn bản; "
                     "chỗ trống được tô vàng trong văn bản):")
        lines += [f"  {line}" for line in summary.missing]
    if summary.failures:
        lines.append(f"Lỗi: {len(summary.failures)} văn bản/đợt không tạo được:")
        lines += [f"  {f}" for f in _grouped(summary.failures)]
    if summary.without_pdf:
        lines.append(f"Các văn bản chưa có PDF ({len(summary.without_pdf)}):")
        lines += [f"  {path}" for path in summary.without_pdf]
    return lines


def _grouped(failures: list[str]) -> list[str]:
    """One line per distinct cause: a broken template fails every document that uses it."""
    by_cause: dict[str, list[str]] = {}
    for failure in failures:
        where, sep, cause = failure.partition(": ")
        if sep and where.endswith((".docx", ".pdf")):
            by_cause.setdefault(cause, []).append(Path(where).name)
        else:
            by_cause.setdefault(failure, [])
    lines = []
    for cause, names in by_cause.items():
        if len(names) <= 1:
            lines.append(f"{names[0]}: {cause}" if names else cause)
        else:
            shown = ", ".join(names[:3]) + (f" và {len(names) - 3} văn bản khác"
                                            if len(names) > 3 else "")
            lines.append(f"{cause} ({len(names)} văn bản: {shown})")
    return lines
