"""Drafting a campaign from an existing Kế hoạch (.docx or .txt): `thidua import`."""

from thidua.plan_import.importing import ImportReport, default_target, import_plan

__all__ = ["ImportReport", "default_target", "import_plan"]
