"""Hostile inputs meet bounded work: YAML, templates, zip parts, PDF time and processes.

Every case runs the real CLI in a subprocess with a wall-clock bound and checks for a located
Vietnamese message, no traceback or internal error, and nothing left running or half-written.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLE = ROOT / "campaigns" / "000-ninh-phuoc"


def run_thidua(*args: str, cwd: Path, timeout: float = 60, env: dict | None = None
               ) -> tuple[subprocess.CompletedProcess, float]:
    """Run `thidua ARGS`; fail (instead of hanging) when it takes longer than `timeout`."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "thidua", *args], cwd=cwd, timeout=timeout,
                            capture_output=True, text=True, env={**os.environ, **(env or {})})
    return result, time.monotonic() - started


def assert_clean_failure(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit code 1/2, the expected words in the message, no traceback or internal error."""
    output = result.stdout + result.stderr
    assert result.returncode in (1, 2), output
    assert "Traceback" not in output and "Lỗi nội bộ" not in output, output
    for words in expected:
        assert words in output, output
    return output


def campaign_with(tmp_path: Path, text: str, name: str = "c") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    return folder


SAMPLE_YAML = (SAMPLE / "campaign.yaml").read_text(encoding="utf-8")


# --- YAML -------------------------------------------------------------------------------

def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text, line, words", [
    (_alias_bomb() + SAMPLE_YAML, 1, "bí danh"),
    ("x: " + "[" * 20_000 + "]" * 20_000 + "\n" + SAMPLE_YAML, 1, "lồng nhau quá 64 cấp"),
    ("".join(" " * i + f"k{i}:\n" for i in range(500)) + " " * 500 + "v: 1\n", 64,
     "lồng nhau quá 64 cấp"),
    (SAMPLE_YAML.replace("year: 2022", "year: " + "9" * 5000), None, "số có 5000 chữ số"),
    (SAMPLE_YAML.replace("year: 2022", "year: 1" + ".000" * 2000), None, "6001 chữ số"),
    ("title: x\n? [a, b]\n: c\n", 2, "tên khóa phải là một chữ"),
], ids=["alias-bomb", "flow-nesting", "block-nesting", "long-integer", "long-vn-integer",
        "complex-key"])
def test_yaml_over_a_limit_fails_fast_and_located(tmp_path, text, line, words):
    folder = campaign_with(tmp_path, text)
    result, seconds = run_thidua("validate", str(folder), cwd=tmp_path)
    output = assert_clean_failure(result, words, "Tệp vượt giới hạn")
    if line is None:
        line = text.split("\n").index(next(x for x in text.split("\n") if "year: " in x)) + 1
    assert f"campaign.yaml:{line}:" in output
    assert seconds < 20


def test_a_huge_yaml_file_is_refused_without_reading_it_all(tmp_path):
    folder = campaign_with(tmp_path, SAMPLE_YAML + "# " + "x" * (6 * 1024 * 1024) + "\n")
    result, _ = run_thidua("validate", str(folder), cwd=tmp_path)
    assert_clean_failure(result, "lớn hơn 5 MB")


def _break_line(text: str, old: str, new: str) -> tuple[str, int]:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip() == old)
    lines[index] = lines[index].replace(old, new)
    return "\n".join(lines), index + 1


@pytest.mark.parametrize("old, new, words", [
    ("symbol: UBND", 'symbol: "UBND', "dấu ngoặc kép mở ở dòng này chưa được đóng"),
    ("symbol: UBND", "symbol: 'UBND", "dấu nháy đơn (') mở ở dòng này chưa được đóng"),
    ("symbol: UBND", "symbol: [UBND, x", "dấu '[' mở ở dòng này chưa được đóng"),
    ("symbol: UBND", "symbol: {a: UBND", "dấu '{' mở ở dòng này chưa được đóng"),
])
def test_yaml_slip_is_reported_where_it_starts(tmp_path, old, new, words):
    text, line = _break_line(SAMPLE_YAML, old, new)
    result, _ = run_thidua("validate", str(campaign_with(tmp_path, text)), cwd=tmp_path)
    output = assert_clean_failure(result, words)
    assert f"campaign.yaml:{line}: Lỗi: cú pháp YAML sai" in output


def test_a_legitimate_multiline_quote_is_not_blamed(tmp_path):
    text = SAMPLE_YAML.replace("  symbol: UBND\n", '  symbol: "UB\n    ND"\n', 1)
    text, line = _break_line(text, "place: Ninh Phước", "place Ninh Phước")
    result, _ = run_thidua("validate", str(campaign_with(tmp_path, text)), cwd=tmp_path)
    output = assert_clean_failure(result, "thiếu dấu ':' sau tên khóa")
    assert f"campaign.yaml:{line}:" in output
