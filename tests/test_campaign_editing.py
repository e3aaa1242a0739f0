"""Round-trip editing of campaign.yaml: values by key path, comments kept, saves never lose edits."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.campaign.editing import (
    Edit,
    apply_edits,
    delete_value,
    insert_value,
    merge_texts,
    read_value,
    set_value,
)
from thidua.campaign.editstore import (
    EditConflict,
    check_text,
    new_from_copy,
    new_from_scaffold,
    read_version,
    save_text,
)
from thidua.campaign.loading import load_campaign
from thidua.campaign.yamlemit import Raw

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "campaigns").glob("*/campaign.yaml"))

COMMENTED = """\
# Đầu tệp: ghi chú của văn phòng
title: Phong trào A   # trích yếu
issuer:
  name: UBND xã A      # tên cơ quan
  header: [ỦY BAN NHÂN DÂN, XÃ A]
# trước danh sách
legal_bases:
  - Căn cứ Luật Thi đua, khen thưởng;
  - >-
    Căn cứ dài được gấp
    thành hai dòng.
scoring:
  criteria:
    - id: a
      max_points: 60    # điểm chuẩn
    - {id: b, max_points: 40}
signer:
  name: null
"""


def lines_without(text: str, *changed: str) -> list[str]:
    return [line for line in text.splitlines() if not any(c in line for c in changed)]


def test_set_changes_only_that_value_and_keeps_comments():
    edited = set_value(COMMENTED, "scoring.criteria[0].max_points", Raw("70"))
    assert read_value(edited, "scoring.criteria[0].max_points") == "70"
    assert "      max_points: 70    # điểm chuẩn" in edited
    assert lines_without(edited, "max_points: 70") == lines_without(COMMENTED, "max_points: 60")


def test_values_inside_flow_collections_and_empty_values():
    edited = set_value(COMMENTED, "scoring.criteria[1].max_points", Raw("45"))
    edited = set_value(edited, "signer.name", "Nguyễn Văn A")
    edited = set_value(edited, "issuer.header[1]", "XÃ B, HUYỆN C")
    assert "    - {id: b, max_points: 45}" in edited
    assert "  name: Nguyễn Văn A" in edited
    assert yaml.safe_load(edited)["issuer"]["header"] == ["ỦY BAN NHÂN DÂN", "XÃ B, HUYỆN C"]


def test_insert_delete_and_new_keys_keep_the_rest():
    edited = insert_value(COMMENTED, "legal_bases[1]", "Căn cứ mới: Nghị định 152;")
    edited = delete_value(edited, "legal_bases[0]")
    edited = set_value(edited, "signer.title", "CHỦ TỊCH")
    edited = set_value(edited, "dossier.required", ["Tờ trình.", "Biên bản."])
    data = yaml.safe_load(edited)
    assert data["legal_bases"][0] == "Căn cứ mới: Nghị định 152;"
    assert data["legal_bases"][1] == "Căn cứ dài được gấp thành hai dòng."
    assert data["signer"] == {"name": None, "title": "CHỦ TỊCH"}
    assert data["dossier"] == {"required": ["Tờ trình.", "Biên bản."]}
    for comment in ("# Đầu tệp", "# trích yếu", "# tên cơ quan", "# trước danh sách",
                    "# điểm chuẩn"):
        assert comment in edited


def test_setting_a_list_edits_item_by_item():
    edited = set_value(COMMENTED, "legal_bases", ["Căn cứ Luật Thi đua, khen thưởng;", "Mới."])
    assert edited.splitlines()[:7] == COMMENTED.splitlines()[:7]
    assert yaml.safe_load(edited)["legal_bases"] == ["Căn cứ Luật Thi đua, khen thưởng;", "Mới."]


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(
    list(":#,-[]{}'\"\n ")), max_size=40)
values = texts | st.integers(-10**6, 10**6) | st.booleans() | st.none() | st.sampled_from(
    ["yes", "no", "1.500", "010", "null", "~", "- a", "a: b", "Lưu: VT."])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(["title", "issuer.name", "issuer.header[0]", "legal_bases[1]",
                             "scoring.criteria[1].id", "signer.name", "signer.new_key",
                             "scoring.criteria[0].max_points"]), value=values)
def test_any_value_set_reads_back_and_comments_survive(path, value):
    edited = set_value(COMMENTED, path, value)
    data = yaml.safe_load(edited)
    node = data
    for part in path.replace("[", ".").replace("]", "").split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    assert node == value
    for comment in ("# Đầu tệp", "# tên cơ quan", "# trước danh sách"):
        assert comment in edited


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.parent.name)
def test_samples_round_trip_byte_identical_and_edit_locally(sample):
    text = sample.read_text(encoding="utf-8")
    assert apply_edits(text, []) == text
    assert set_value(text, "title", read_value(text, "title")) == text
    edited = set_value(text, "signer.name", "Trần Thị <script>B</script>")
    assert yaml.safe_load(edited)["signer"]["name"] == "Trần Thị <script>B</script>"
    diff = [a for a, b in zip(text.splitlines(), edited.splitlines()) if a != b]
    assert len(diff) == 1 and len(text.splitlines()) == len(edited.splitlines())


def test_merge_of_different_values_keeps_both_edits():
    mine = set_value(COMMENTED, "title", "Phong trào B")
    theirs = set_value(COMMENTED, "scoring.criteria[0].max_points", Raw("55"))
    merged = merge_texts(COMMENTED, mine, theirs)
    assert merged is not None
    data = yaml.safe_load(merged)
    assert data["title"] == "Phong trào B" and data["scoring"]["criteria"][0]["max_points"] == 55
    assert "# điểm chuẩn" in merged and "# trích yếu" in merged


def test_merge_of_the_same_value_is_refused():
    mine = set_value(COMMENTED, "title", "B")
    theirs = set_value(COMMENTED, "title", "C")
    assert merge_texts(COMMENTED, mine, theirs) is None


def test_save_checks_the_version_and_merges_or_raises(tmp_path):
    path = tmp_path / "campaign.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    loaded = read_version(path)
    saved = save_text(path, set_value(loaded.text, "title", "Một"), loaded.digest, loaded.text)
    assert not saved.merged and read_value(path.read_text(), "title") == "Một"
    # Another tab (or a text editor) saved meanwhile: a different value merges...
    path.write_text(set_value(saved.version.text, "signer.name", "Bà C"), encoding="utf-8")
    mine = set_value(saved.version.text, "issuer.name", "UBND xã D")
    merged = save_text(path, mine, saved.version.digest, saved.version.text)
    assert merged.merged
    assert read_value(path.read_text(), "signer.name") == "Bà C"
    assert read_value(path.read_text(), "issuer.name") == "UBND xã D"
    # ...the same value is never overwritten silently.
    path.write_text(set_value(merged.version.text, "title", "Trên đĩa"), encoding="utf-8")
    with pytest.raises(EditConflict) as caught:
        save_text(path, set_value(merged.version.text, "title", "Trong trình duyệt"),
                  merged.version.digest, merged.version.text)
    assert read_value(path.read_text(), "title") == "Trên đĩa"
    assert read_value(caught.value.mine, "title") == "Trong trình duyệt"
    assert read_value(caught.value.theirs.text, "title") == "Trên đĩa"


def test_save_keeps_windows_line_ends(tmp_path):
    path = tmp_path / "campaign.yaml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode())
    loaded = read_version(path)
    save_text(path, set_value(loaded.text, "title", "X"), loaded.digest)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == COMMENTED.count("\n") and b"title: X   # tr" in raw


def test_check_text_gives_validate_problems_by_key_path(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(ROOT / "campaigns" / "001-phung-hiep", folder)
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert check_text(text, folder).errors == []
    broken = set_value(text, "scoring.criteria[0].max_points", Raw("-5"))
    keyed = check_text(broken, folder).by_key()
    assert "scoring.criteria[0].max_points" in keyed
    assert str(folder / "campaign.yaml") in str(keyed["scoring.criteria[0].max_points"][0])
    syntax = check_text(text + "\nbad: [unclosed\n", folder)
    assert syntax.errors and syntax.errors[0].location.file == str(folder / "campaign.yaml")


def test_new_campaigns_from_scaffold_and_copy(tmp_path):
    blank = new_from_scaffold(tmp_path / "moi", 2027)
    assert load_campaign(blank).campaign.document.year == 2027
    copy = new_from_copy(ROOT / "campaigns" / "003-chau-thanh-a", tmp_path / "ban-sao")
    assert (copy / "campaign.yaml").read_bytes() == \
        (ROOT / "campaigns" / "003-chau-thanh-a" / "campaign.yaml").read_bytes()
    assert not (copy / "data").exists()
    with_data = new_from_copy(ROOT / "campaigns" / "003-chau-thanh-a", tmp_path / "du-lieu",
                              with_data=True)
    assert sorted(p.name for p in (with_data / "data").iterdir())
    with pytest.raises(Exception, match="Đã có thư mục"):
        new_from_scaffold(tmp_path / "moi")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_edits_as_a_list():
    edited = apply_edits(COMMENTED, [Edit("set", ("title",), "X"),
                                     Edit("delete", ("scoring", "criteria", 1))])
    assert yaml.safe_load(edited)["scoring"]["criteria"] == [{"id": "a", "max_points": 60}]


def scalar_paths(data, path=()):
    """Every key path of a scalar value in plain YAML data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from scalar_paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from scalar_paths(value, path + (i,))
    else:
        yield path


SAMPLE_TEXTS = {p.parent.name: p.read_text(encoding="utf-8") for p in SAMPLES}
SAMPLE_PATHS = [(name, path) for name, text in SAMPLE_TEXTS.items()
                for path in scalar_paths(yaml.safe_load(text))]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(SAMPLE_PATHS), value=st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
        lambda s: s.strip() == s))
def test_any_sample_value_reads_back_and_nothing_else_moves(where, value):
    name, path = where
    text = SAMPLE_TEXTS[name]
    expected = yaml.safe_load(text)
    node = expected
    for part in path[:-1]:
        node = node[part]
    if isinstance(node[path[-1]], str) and not re.fullmatch(r"[\d.,%-]+", node[path[-1]]):
        assert set_value(text, path, node[path[-1]]) == text  # the same value: not one byte moves
    edited = set_value(text, path, value)
    node[path[-1]] = value
    assert yaml.safe_load(edited) == expected
    assert [l for l in edited.splitlines() if l.lstrip().startswith("#")] == \
        [l for l in text.splitlines() if l.lstrip().startswith("#")]
