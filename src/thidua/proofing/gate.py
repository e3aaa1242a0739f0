"""`thidua check`'s gate before signing: print every document once, report faults by page."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from thidua.docx.text import UnreadableDocumentError, open_document
from thidua.errors import Location, PdfError, Problem
from thidua.pdf.convert import PdfConverter
from thidua.pdf.soffice import INSTALL_HINT, find_soffice
from thidua.proofing.content import CONTENT_RULES, Blank
from thidua.proofing.flow import FLOW_RULES, Fault
from thidua.proofing.placement import Placement, UnreadablePdfError, place
from thidua.proofing.structure import Structure, marked_copy, read_structure

NO_LIBREOFFICE = ("Không tìm thấy LibreOffice nên chưa kiểm tra được trình bày trang (ngắt trang, "
                  "ngắt dòng tên cơ quan, tiêu đề cột, chữ ký đứng riêng một trang); chỉ kiểm tra "
                  "thể thức và chỗ chưa điền.\n" + INSTALL_HINT)


@dataclass
class ProofReport:
    """Problems per document (same order as given), and whether pages were really rendered."""

    problems: dict[Path, list[Problem]] = field(default_factory=dict)
    rendered: bool = False
    note: str = ""


def _problems(path: Path, faults: Iterable[Fault]) -> list[Problem]:
    unique = sorted(set(faults), key=lambda f: (f[0] or 0, f[1]))
    return [Problem(message, Location(file=str(path), key=f"trang {page}" if page else None),
                    "warning" if isinstance(fault, Blank) else "error")
            for fault in unique for page, message in [fault]]


def analyse(structure: Structure, placed: Placement | None) -> list[Fault]:
    """Every fault of one document; the page-flow rules need its rendered placement."""
    rules = CONTENT_RULES + (FLOW_RULES if placed is not None else ())
    return [fault for rule in rules for fault in rule(structure, placed)]


def _static(paths: list[Path]) -> ProofReport:
    report = ProofReport()
    for path in paths:
        try:
            structure = read_structure(open_document(path))
        except UnreadableDocumentError:
            continue
        report.problems[path] = _problems(path, analyse(structure, None))
    return report


def proof_documents(paths: Iterable[Path | str], *, render: bool = True,
                    soffice: Path | None = None, timeout: float = 120.0) -> ProofReport:
    """Proof documents as printed: all through one LibreOffice, each analysed from its PDF.

    Without LibreOffice (or with render=False) only the text faults are reported, and the
    report's note says so. Unreadable files are left out (the format check reports them).
    """
    files = [Path(p) for p in paths]
    if not render:
        return _static(files)
    try:
        soffice = soffice or find_soffice()
    except PdfError:
        report = _static(files)
        report.note = NO_LIBREOFFICE
        return report
    workdir = Path(tempfile.mkdtemp(prefix="thidua-proof-"))
    try:
        return _rendered(files, workdir, soffice, timeout)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _rendered(files: list[Path], workdir: Path, soffice: Path, timeout: float) -> ProofReport:
    report = ProofReport(rendered=True)
    marked: dict[Path, tuple[Path, Structure]] = {}
    for number, path in enumerate(files):
        copy = workdir / f"{number:05d}.docx"  # own names: sources may share a stem
        try:
            open_document(path)
            marked[copy] = (path, marked_copy(path, copy))
        except UnreadableDocumentError:
            continue
    with PdfConverter(soffice, timeout=timeout) as converter:
        results = converter.convert(list(marked), workdir / "pdf")
    for result in results:
        path, structure = marked[result.source]
        if result.pdf is None:
            report.problems[path] = [Problem(
                f"Không chuyển được sang PDF để kiểm tra trình bày trang: {result.error}",
                Location(file=str(path)))]
            continue
        try:
            placed = place(result.pdf)
        except UnreadablePdfError as exc:
            report.problems[path] = [Problem(exc.message, Location(file=str(path)))]
            continue
        report.problems[path] = _problems(path, analyse(structure, placed))
    report.problems = {p: report.problems[p] for p in files if p in report.problems}
    return report
