"""The generated Kế hoạch reproduces the real plans word for word (bench/bench_plan_fidelity.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_plan_fidelity",
                                               ROOT / "bench" / "bench_plan_fidelity.py")
fidelity = importlib.util.module_from_spec(_spec)
sys.modules["bench_plan_fidelity"] = fidelity
_spec.loader.exec_module(fidelity)


@pytest.mark.parametrize("campaign_id", sorted(fidelity.SAMPLES))
def test_sample_plan_keeps_the_seed_word_for_word(campaign_id):
    result = fidelity.sample_fidelity(campaign_id)
    assert result.kept >= 0.99, result
    assert result.added <= 0.05, result
    assert result.twice == 0, result


@pytest.mark.parametrize("campaign_id", sorted(fidelity.SAMPLES))
def test_imported_then_generated_plan_keeps_the_seed(campaign_id, tmp_path):
    result = fidelity.imported_fidelity(campaign_id, tmp_path)
    assert result.kept >= 0.97, result
    assert result.added <= 0.08, result
    assert result.twice == 0, result


def test_the_measure_sees_text_left_out_added_or_printed_twice():
    seed = ("I. MỤC ĐÍCH Tuyên truyền phổ biến mục tiêu trong việc sử dụng dịch vụ công. "
            "Nâng cao trách nhiệm của tập thể, cá nhân trong việc thực hiện nhiệm vụ. ")
    assert fidelity.measure(seed, seed) == fidelity.Fidelity(1.0, 0.0, 0.0)
    twice = fidelity.measure(seed, seed + "Nâng cao trách nhiệm của tập thể, cá nhân trong việc "
                             "thực hiện nhiệm vụ.")
    assert twice.twice > 0.3 and twice.added > 0.3
    short = fidelity.measure(seed, seed.split(". ")[0])
    assert short.kept < 0.6 and short.added == 0
    invented = fidelity.measure(seed, seed + " Lưu ý: trường hợp bằng điểm do Hội đồng xét.")
    assert invented.added > 0.2 and invented.twice == 0
