"""CLI command `thidua check`: the decree's format, then the document as printed (by page)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from thidua.cli.common import reports_errors
from thidua.docx.check import UnreadableDocumentError, check_document
from thidua.errors import Problem
from thidua.proofing.gate import proof_documents


def _print(name: str, problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity == "error"]
    blanks = len(problems) - len(errors)
    said = [f"{len(errors)} lỗi"] if errors else ["Đạt"]
    click.echo(f"{name}: {', '.join(said + ([f'{blanks} chỗ trống cần điền'] if blanks else []))}")
    for problem in errors + [p for p in problems if p.severity != "error"]:
        where = f"{problem.location.key}: " if problem.location.key else ""
        label = "" if problem.severity == "error" else "(cần điền) "
        click.echo(f"  - {where}{label}{problem.message}")


@click.command("check")
@click.argument("files", nargs=-1, required=True, metavar="TỆP.docx...")
@click.option("--no-render", is_flag=True,
              help="Không in thử qua LibreOffice: chỉ kiểm tra thể thức và chỗ chưa điền.")
@reports_errors
def check_cmd(files: tuple[str, ...], no_render: bool) -> None:
    """Kiểm tra văn bản Word (.docx) trước khi trình ký.

    Thể thức theo Nghị định 30/2020/NĐ-CP: khổ giấy A4, lề, phông Times New Roman,
    cỡ chữ, Quốc hiệu, tiêu ngữ, số và ký hiệu, địa danh và ngày tháng, nơi nhận,
    chữ ký, số trang. Chỗ chưa điền: "[…]", "……", số lượng in "00", cột danh sách
    bỏ trống; chỗ trống tô vàng (dữ liệu chưa có) được liệt kê để điền, không tính là
    lỗi. Trình bày trang (in thử qua LibreOffice, nêu số trang): tên cơ quan
    bị ngắt dòng giữa tên, tiêu đề cột bị ngắt giữa một từ, khối chữ ký hay một
    hàng bảng đứng riêng đầu trang, đề mục nằm cuối trang. Với mỗi tệp in "Đạt"
    hoặc danh sách lỗi. Mã thoát: 0 khi mọi tệp đạt, 1 khi có lỗi, 2 khi có tệp
    không đọc được (không tồn tại, không phải .docx).
    """
    readable: list[str] = []
    static: dict[str, list[Problem]] = {}
    unreadable = 0
    for name in files:
        try:
            static[name] = check_document(name)
        except UnreadableDocumentError as exc:
            unreadable += 1
            click.echo(f"Lỗi: {exc.message}", err=True)
            continue
        readable.append(name)
    proof = proof_documents([Path(n) for n in readable], render=not no_render)
    if proof.note:
        click.echo(f"Lưu ý: {proof.note}", err=True)
    passed = failed = problem_count = blank_count = 0
    for name in readable:
        problems = static[name] + proof.problems.get(Path(name), [])
        errors = sum(p.severity == "error" for p in problems)
        passed, failed = passed + (not errors), failed + bool(errors)
        problem_count, blank_count = problem_count + errors, blank_count + len(problems) - errors
        if problems:
            _print(name, problems)
        else:
            click.echo(f"{name}: Đạt")
    summary = f"Đã kiểm tra {len(files)} tệp: {passed} đạt, {failed} có lỗi ({problem_count} lỗi)"
    if blank_count:
        summary += f"; {blank_count} chỗ tô vàng còn trống cần điền trước khi trình ký"
    click.echo(summary + (f", {unreadable} không đọc được." if unreadable else "."))
    sys.exit(2 if unreadable else 1 if failed else 0)


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    group.add_command(check_cmd)
