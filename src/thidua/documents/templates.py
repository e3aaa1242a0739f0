"""The set of Word templates and how each is built (tools/build_templates.py runs build_all)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from thidua.documents import templates_council as council
from thidua.documents import templates_units as units

BUILDERS: dict[str, Callable[[Path], Path]] = {
    "ke-hoach.docx": units.ke_hoach,
    "to-trinh.docx": council.to_trinh,
    "danh-sach.docx": council.danh_sach,
    "bien-ban.docx": council.bien_ban,
    "quyet-dinh.docx": council.quyet_dinh,
    "quyet-dinh-danh-sach.docx": council.quyet_dinh_danh_sach,
    "bao-cao-thanh-tich-tap-the.docx": units.bao_cao_tap_the,
    "bao-cao-thanh-tich-ca-nhan.docx": units.bao_cao_ca_nhan,
    "phieu-ket-qua.docx": units.phieu_ket_qua,
    "bang-tong-hop.docx": units.bang_tong_hop,
}


def build_all(out_dir: Path) -> list[Path]:
    """Write every template into out_dir; returns the paths in name order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [BUILDERS[name](out_dir) for name in sorted(BUILDERS)]
