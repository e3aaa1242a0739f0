"""The Word templates: reproducible from code, ordinary Word files, fed by documented contexts."""

from __future__ import annotations

import re
import subprocess
import sys

import docx
import pytest
from test_documents import ROOT, SEEDS, make_campaign

from thidua.campaign.loading import load_campaign
from thidua.documents import DOCUMENTS, document_context, variables
from thidua.documents.rendering import DEFAULT_TEMPLATE_DIR
from thidua.documents.templates import BUILDERS, build_all
from thidua.render import PreparedTemplate, make_environment
from thidua.vietnamese.formatting import JINJA_FILTERS

TEMPLATES = sorted(DEFAULT_TEMPLATE_DIR.glob("*.docx"))


def test_templates_folder_holds_exactly_the_built_templates():
    assert sorted(p.name for p in TEMPLATES) == sorted(BUILDERS)
    assert {d.template for d in DOCUMENTS.values()} == set(BUILDERS)


def test_committed_templates_are_what_the_build_script_writes(tmp_path):
    script = ROOT / "tools" / "build_templates.py"
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True,
                          text=True, check=True)
    assert len(done.stdout.splitlines()) == len(BUILDERS)
    stale = [p.name for p in TEMPLATES if (tmp_path / p.name).read_bytes() != p.read_bytes()]
    assert stale == [], "run: python tools/build_templates.py"


def test_building_twice_gives_identical_bytes(tmp_path):
    first = {p.name: p.read_bytes() for p in build_all(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in build_all(tmp_path / "b")}
    assert first == second


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_is_an_ordinary_a4_word_file_in_times_new_roman(path):
    document = docx.Document(str(path))
    first = document.sections[0]
    assert round(first.page_width.mm) in (210, 297) and round(first.page_height.mm) in (210, 297)
    assert 30 <= round(first.left_margin.mm) <= 35 and 15 <= round(first.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert any("{{" in p.text for p in document.paragraphs) or any(
        "{{" in c.text for t in document.tables for r in t.rows for c in r.cells)
    PreparedTemplate.from_file(path, make_environment())  # compiles: tags are well formed


def test_templates_format_values_with_the_vietnamese_filters():
    used = set()
    for path in TEMPLATES:
        xml = "".join(p.text for p in docx.Document(str(path)).element.body.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        used |= set(re.findall(r"\|\s*(\w+)", xml))
    assert {"tien", "tien_chu", "so", "la_ma", "hoa"} <= used
    assert used <= set(JINJA_FILTERS)


def contexts():
    """(label, document, context) for every document of the seeds present."""
    for campaign_id in sorted(SEEDS):
        folder = ROOT / "campaigns" / campaign_id
        if not folder.is_dir():
            continue
        loaded = load_campaign(folder)
        for name in DOCUMENTS:
            periods = [None] if name == "ke-hoach" else [p.id for p in loaded.campaign.periods]
            for period in periods:
                try:
                    yield f"{campaign_id}/{period}", name, document_context(loaded, name, period)
                except Exception as exc:  # a period without nominees has no personal report
                    if "cá nhân" not in str(exc):
                        raise


@pytest.fixture(scope="module")
def all_contexts(tmp_path_factory):
    found = list(contexts())
    loaded = load_campaign(make_campaign(tmp_path_factory.mktemp("syn") / "thu-nghiem"))
    found += [("thu-nghiem", n, document_context(loaded, n)) for n in DOCUMENTS]
    return found


def test_every_variable_a_template_reads_is_in_its_context(all_contexts):
    environment = make_environment()
    reads = {p.name: PreparedTemplate.from_file(p, environment).variables for p in TEMPLATES}
    for label, name, context in all_contexts:
        missing = reads[DOCUMENTS[name].template] - set(context)
        assert missing == set(), f"{label} {name}"


def test_every_context_key_is_documented(all_contexts):
    assert {(label, name): variables.undocumented(ctx) for label, name, ctx in all_contexts
            if variables.undocumented(ctx)} == {}


def test_undocumented_key_is_detected(all_contexts, monkeypatch):
    _, _, context = next(c for c in all_contexts if c[1] == "phieu-ket-qua")
    fewer = {k: v for k, v in variables.DESCRIPTIONS.items() if k != "<đơn vị>.xep_hang_text"}
    monkeypatch.setattr(variables, "DESCRIPTIONS", fewer)
    assert variables.undocumented(context) == ["<đơn vị>.xep_hang_text"]


def test_variables_document_is_up_to_date():
    committed = (ROOT / "docs" / "TEMPLATE_VARIABLES.md").read_text(encoding="utf-8")
    assert committed == variables.markdown(), "run: python -m thidua.documents.variables"
    for template in BUILDERS:
        assert f"`{template}`" in committed
    assert "| `<tiền>.chu` |" in committed and "`_goc`" in committed
