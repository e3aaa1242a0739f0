"""CLI command `thidua check`: verify .docx files against Nghị định 30/2020."""

from __future__ import annotations

import sys

import click

from thidua.cli.common import reports_errors
from thidua.docx.check import UnreadableDocumentError, check_document


@click.command("check")
@click.argument("files", nargs=-1, required=True, metavar="TỆP.docx...")
@reports_errors
def check_cmd(files: tuple[str, ...]) -> None:
    """Kiểm tra thể thức văn bản Word (.docx) theo Nghị định 30/2020/NĐ-CP.

    Kiểm tra khổ giấy A4, lề, phông Times New Roman, cỡ chữ, Quốc hiệu, tiêu ngữ,
    số và ký hiệu, địa danh và ngày tháng, nơi nhận, chữ ký, số trang. Với mỗi tệp
    in "Đạt" hoặc danh sách lỗi. Mã thoát: 0 khi mọi tệp đạt, 1 khi có lỗi thể
    thức, 2 khi có tệp không đọc được (không tồn tại, không phải .docx).
    """
    passed = failed = unreadable = problem_count = 0
    for name in files:
        try:
            problems = check_document(name)
        except UnreadableDocumentError as exc:
            unreadable += 1
            click.echo(f"Lỗi: {exc.message}", err=True)
            continue
        if not problems:
            passed += 1
            click.echo(f"{name}: Đạt")
            continue
        failed += 1
        problem_count += len(problems)
        click.echo(f"{name}: {len(problems)} lỗi")
        for problem in problems:
            where = f"{problem.location.key}: " if problem.location.key else ""
            click.echo(f"  - {where}{problem.message}")
    summary = f"Đã kiểm tra {len(files)} tệp: {passed} đạt, {failed} có lỗi ({problem_count} lỗi)"
    click.echo(summary + (f", {unreadable} không đọc được." if unreadable else "."))
    sys.exit(2 if unreadable else 1 if failed else 0)


def register(group: click.Group) -> None:
    """Add this module's commands to the main group."""
    group.add_command(check_cmd)
