"""The house: pipeline packages, the layer contract over the import graph, module conventions."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "thidua"

# What each top-level part of thidua may import (besides itself). Lower layers never import
# higher ones: vietnamese/errors ← campaign ← data ← scoring ← documents ← export ← cli/web,
# with docx, render and pdf as tools below documents and export.
SHARED = {"errors", "atomic"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "atomic": set(),
    "vietnamese": {"errors"},
    "campaign": SHARED | {"vietnamese"},
    "data": SHARED | {"vietnamese", "campaign"},
    "scoring": SHARED | {"vietnamese", "campaign", "data"},
    "docx": SHARED | {"vietnamese"},
    "render": SHARED | {"vietnamese"},
    "pdf": SHARED,
    "documents": SHARED | {"vietnamese", "campaign", "data", "scoring", "docx", "render"},
    "plan_import": SHARED | {"vietnamese", "campaign"},
    "export": SHARED | {"vietnamese", "campaign", "data", "scoring", "docx", "render", "pdf",
                        "documents", "thidua"},
    "web": SHARED | {"vietnamese", "campaign", "data", "scoring", "docx", "render", "pdf",
                     "documents", "export", "thidua", "plan_import"},
    "cli": SHARED | {"vietnamese", "campaign", "data", "scoring", "docx", "render", "pdf",
                     "documents", "export", "web", "thidua", "plan_import"},
    "entry": {"cli"},
    "__main__": {"entry"},
    "thidua": set(),
}
ROOT_MODULES = {"__init__", "__main__", "entry", "errors", "atomic"}


def part(module: str) -> str:
    """'thidua.scoring.rules' → 'scoring'; the package itself → 'thidua'."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else pieces[0]


def layer_violations(graph: grimp.ImportGraph) -> list[str]:
    """Every import from one part of thidua into a part it may not use, with file line."""
    found = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            a, b = part(importer), part(imported)
            if a == b or not imported.startswith("thidua"):
                continue
            if b not in ALLOWED.get(a, set()):
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    found.append(f"{importer}:{detail['line_number']} imports {imported} "
                                 f"({a} may not import {b}): {detail['line_contents']}")
    return found


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("thidua", exclude_type_checking_imports=True)


def test_lower_layers_never_import_higher_ones(graph):
    assert layer_violations(graph) == []


def test_the_contract_names_a_wrong_import():
    wrong = grimp.ImportGraph()
    wrong.add_import(importer="thidua.campaign.model", imported="thidua.scoring.rules",
                     line_number=7, line_contents="from thidua.scoring.rules import evaluate")
    wrong.add_import(importer="thidua.scoring.rules", imported="thidua.campaign.model",
                     line_number=3, line_contents="from thidua.campaign.model import Campaign")
    assert layer_violations(wrong) == [
        "thidua.campaign.model:7 imports thidua.scoring.rules (campaign may not import scoring): "
        "from thidua.scoring.rules import evaluate"]


def test_every_part_is_in_the_contract(graph):
    assert {part(m) for m in graph.modules} <= set(ALLOWED)


def test_root_keeps_only_shared_modules():
    root = {p.stem for p in PACKAGE.glob("*.py")}
    assert root == ROOT_MODULES
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert {"campaign", "data", "scoring", "documents", "render", "docx", "export", "pdf",
            "vietnamese", "cli"} <= packages


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_has_a_one_line_docstring_and_stays_small(path):
    source = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(source))
    assert doc and "\n" not in doc.strip().split("\n\n")[0], f"{path}: no one-line docstring"
    assert len(source.splitlines()) <= 400, f"{path}: over 400 lines"
