"""Campaign format: every kind of mistake is reported with its message and location."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from thidua.campaign.loading import load_campaign
from thidua.errors import CampaignError

VALID = """\
title: Phát động thi đua "Người dân nộp hồ sơ trực tuyến" năm 2023
issuer:
  name: Ủy ban nhân dân huyện Phụng Hiệp
  symbol: UBND
  place: Phụng Hiệp
time:
  end: 31/12/2023
metrics:
  - {id: truc_tuyen, label: Hồ sơ trực tuyến, part_of: tong}
  - {id: tong, label: Tổng số hồ sơ}
participants:
  groups:
    - id: xa
      name: Các xã, thị trấn
      units:
        - {id: tt-cay-duong, name: Thị trấn Cây Dương}
        - {id: xa-tan-long, name: Xã Tân Long}
scoring:
  total_points: 100
  criteria:
    - id: ty-le
      title: Tỷ lệ hồ sơ trực tuyến
      max_points: 100
      rule: {kind: proportional, numerator: truc_tuyen, denominator: tong, floor: 70%}
periods:
  - id: nam-2023
    name: Tổng kết năm 2023
    awards:
      - id: giay-khen
        form: Giấy khen của Chủ tịch UBND huyện
        level: huyện
        ranks:
          - {name: Hạng Nhất, count: 1, prize: 6000000}
deadlines:
  - {date: 15/12/2023, what: Hồ sơ đề nghị khen thưởng, from: Các xã, to: Phòng Nội vụ}
signer:
  title: CHỦ TỊCH
  name: Nguyễn Văn A
"""


def write(tmp_path: Path, text: str | bytes) -> Path:
    folder = tmp_path / "camp"
    folder.mkdir(exist_ok=True)
    target = folder / "campaign.yaml"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return folder


def problems(tmp_path: Path, text: str | bytes) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(CampaignError) as info:
        load_campaign(write(tmp_path, text))
    return [(p.location.line, p.location.key, p.message) for p in info.value.problems]


def test_valid_campaign_loads_with_typed_values(tmp_path):
    loaded = load_campaign(write(tmp_path, VALID))
    campaign = loaded.campaign
    assert campaign.scoring.criteria[0].rule.floor == Decimal("0.7")
    assert campaign.periods[0].awards[0].ranks[0].prize == 6_000_000
    assert campaign.deadlines[0].sender == "Các xã"
    assert campaign.time.end.isoformat() == "2023-12-31"
    assert [u.id for _, u in campaign.units()] == ["tt-cay-duong", "xa-tan-long"]


def test_yaml_syntax_error_names_line(tmp_path):
    text = VALID.replace("  symbol: UBND", "  symbol: UBND: PNV")
    assert problems(tmp_path, text) == [
        (4, None, "cú pháp YAML sai: dấu ':' đặt sai chỗ (dòng thụt lề sâu hơn dòng trên, "
                  "thiếu dấu cách sau ':', hoặc giá trị có dấu ':' cần đặt trong ngoặc kép)")]


def test_missing_key(tmp_path):
    text = VALID.replace("  place: Phụng Hiệp\n", "")
    assert problems(tmp_path, text) == [(2, "issuer.place", "thiếu khóa bắt buộc 'place'")]


def test_wrong_type(tmp_path):
    text = VALID.replace("max_points: 100", "max_points: nhiều")
    assert problems(tmp_path, text) == [
        (23, "scoring.criteria[0].max_points", "'nhiều' không phải là số")]


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = VALID.replace("  symbol: UBND", "  symbl: UBND")
    found = problems(tmp_path, text)
    assert (4, "issuer.symbl",
            "khóa 'symbl' không có trong định dạng; có phải ý bạn là 'symbol'?") in found
    assert (2, "issuer.symbol", "thiếu khóa bắt buộc 'symbol'") in found


def test_unknown_rule_kind_suggests(tmp_path):
    text = VALID.replace("kind: proportional", "kind: proportionel")
    assert problems(tmp_path, text) == [
        (24, "scoring.criteria[0].rule",
         "loại quy tắc 'proportionel' không tồn tại; có phải ý bạn là 'proportional'?")]


def test_bad_date(tmp_path):
    text = VALID.replace("end: 31/12/2023", "end: 31/13/2023")
    assert problems(tmp_path, text) == [
        (7, "time.end", "ngày '31/13/2023' không tồn tại trong lịch")]


def test_negative_prize(tmp_path):
    text = VALID.replace("prize: 6000000", "prize: -6000000")
    assert problems(tmp_path, text) == [
        (33, "periods[0].awards[0].ranks[0].prize", "không được là số âm")]


def test_inconsistent_counts_and_totals_all_reported(tmp_path):
    text = (VALID.replace("count: 1,", "count: 3,").replace("total_points: 100", "total_points: 90")
            .replace("id: xa-tan-long", "id: tt-cay-duong"))
    assert problems(tmp_path, text) == [
        (17, "participants.groups[0].units[1].id",
         "mã đơn vị 'tt-cay-duong' bị trùng (đã dùng trong nhóm 'xa')"),
        (19, "scoring.total_points",
         "tổng điểm chuẩn các tiêu chí của nhóm 'xa' là 100, khác tổng điểm đã nêu 90"),
        (32, "periods[0].awards[0].ranks",
         "tổng số đơn vị được khen (3) vượt số đơn vị được xét (2)"),
    ]


def test_undefined_references(tmp_path):
    text = VALID.replace("denominator: tong", "denominator: tong_so").replace(
        "        level: huyện\n", "        level: huyện\n        groups: [phong-ban]\n")
    found = problems(tmp_path, text)
    assert (24, "scoring.criteria[0].rule.denominator",
            "chỉ số 'tong_so' chưa được khai báo trong metrics") in found
    assert (32, "periods[0].awards[0].groups[0]",
            "nhóm 'phong-ban' chưa được khai báo trong participants.groups (có: xa)") in found


def test_deadline_outside_period(tmp_path):
    text = VALID.replace("date: 15/12/2023", "date: 15/12/2025")
    assert problems(tmp_path, text) == [
        (35, "deadlines[0].date", "thời hạn 15/12/2025 sau khi kết thúc phong trào (31/12/2023) "
                                  "hơn một năm; kiểm tra lại năm")]


def test_duplicate_key(tmp_path):
    text = VALID.replace("  place: Phụng Hiệp\n", "  place: Phụng Hiệp\n  place: Hậu Giang\n")
    assert problems(tmp_path, text) == [
        (6, "issuer.place", "Khóa 'place' bị lặp lại; mỗi khóa chỉ được khai báo một lần.")]


def test_empty_file(tmp_path):
    assert problems(tmp_path, "  \n# chỉ có chú thích\n") == [
        (1, None, "Tệp trống: chưa có nội dung định nghĩa phong trào.")]


def test_binary_file(tmp_path):
    found = problems(tmp_path, b"PK\x03\x04\x00\x00binary")
    assert found[0][2].startswith("Tệp không phải văn bản YAML (có vẻ là tệp nhị phân)")


def test_not_utf8(tmp_path):
    found = problems(tmp_path, VALID.encode("cp1258", errors="replace"))
    assert found[0][2].startswith("Tệp không được mã hóa UTF-8")


def test_all_problems_collected_not_just_first(tmp_path):
    text = VALID.replace("  symbol: UBND", "  symbl: UBND").replace("end: 31/12/2023", "end: x")
    assert len(problems(tmp_path, text)) == 3


def test_bom_and_crlf_accepted(tmp_path):
    data = b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8")
    campaign = load_campaign(write(tmp_path, data)).campaign
    assert campaign.issuer.place == "Phụng Hiệp"


def test_nfd_text_is_normalised_to_nfc(tmp_path):
    campaign = load_campaign(write(tmp_path, unicodedata.normalize("NFD", VALID))).campaign
    assert campaign.issuer.name == unicodedata.normalize("NFC", "Ủy ban nhân dân huyện Phụng Hiệp")
    assert unicodedata.is_normalized("NFC", campaign.participants.groups[0].units[0].name)


def test_money_and_percent_forms(tmp_path):
    text = VALID.replace("prize: 6000000", 'prize: "6.000.000 đồng"').replace("floor: 70%",
                                                                           "floor: 0.7")
    campaign = load_campaign(write(tmp_path, text)).campaign
    assert campaign.periods[0].awards[0].ranks[0].prize == 6_000_000
    assert campaign.scoring.criteria[0].rule.floor == Decimal("0.7")


def test_per_group_override_is_validated(tmp_path):
    text = VALID.replace("      rule: {kind: proportional,",
                         "      overrides: {xa: {full_at: nhiều, floorr: 1}}\n"
                         "      rule: {kind: proportional,")
    found = problems(tmp_path, text)
    assert len(found) == 2
    assert (24, "scoring.criteria[0].overrides.xa.floorr",
            "tham số 'floorr' không thuộc quy tắc 'proportional'") in found
    assert (24, "scoring.criteria[0].overrides.xa.full_at", "'nhiều' không phải là số") in found


def test_vietnamese_thousands_are_not_decimals(tmp_path):
    text = VALID.replace("prize: 6000000", "prize: 500.000").replace(
        "rule: {kind: proportional, numerator: truc_tuyen, denominator: tong, floor: 70%}",
        "rule: {kind: threshold, metric: truc_tuyen, target: 1.500, step: 100, step_points: 5}")
    campaign = load_campaign(write(tmp_path, text)).campaign
    assert campaign.periods[0].awards[0].ranks[0].prize == 500_000
    assert campaign.scoring.criteria[0].rule.target == Decimal(1500)


def test_money_with_decimals_explains_how_to_write_it(tmp_path):
    text = VALID.replace("prize: 6000000", "prize: 1.5")
    assert problems(tmp_path, text) == [
        (33, "periods[0].awards[0].ranks[0].prize",
         'số tiền 1.5 có phần thập phân; viết số nguyên đồng không dấu chấm (500000) hoặc đặt '
         'trong ngoặc kép ("500.000")')]


def test_choice_message_is_vietnamese(tmp_path):
    text = VALID.replace("    name: Tổng kết năm 2023\n", "    name: Tổng kết năm 2023\n    kind: yearly\n")
    assert problems(tmp_path, text) == [
        (28, "periods[0].kind", "giá trị 'yearly' không hợp lệ; chọn một trong: 'monthly', "
                                "'interim', 'year_end' hoặc 'once'")]


def test_problems_error_str_lists_every_problem(tmp_path):
    with pytest.raises(CampaignError) as info:
        load_campaign(write(tmp_path, VALID.replace("  symbol: UBND", "  symbl: UBND")))
    assert "khóa 'symbl' không có trong định dạng" in str(info.value)


def test_leading_zero_numbers_are_decimal_not_octal(tmp_path):
    text = VALID.replace("time:\n", "document: {number: 010}\ntime:\n").replace(
        "count: 1,", "count: 01,")
    text = text.replace("id: tt-cay-duong", "id: '01'").replace("{id: xa-tan-long", "{id: 02")
    campaign = load_campaign(write(tmp_path, text)).campaign
    assert campaign.document.number == "010"  # as typed, not octal 8
    assert campaign.periods[0].awards[0].ranks[0].count == 1
    assert [u.id for _, u in campaign.units()] == ["01", "02"]


@pytest.mark.parametrize("broken, line, message", [
    ('  name: "Ủy ban nhân dân huyện Phụng Hiệp\n', 3,
     "cú pháp YAML sai: dấu ngoặc kép mở ở dòng này chưa được đóng"),
    ("  place Phụng Hiệp\n", 5, "cú pháp YAML sai: thiếu dấu ':' sau tên khóa"),
    ("   place: Phụng Hiệp\n", 5, "cú pháp YAML sai: dấu ':' đặt sai chỗ (dòng thụt lề sâu "
                                 "hơn dòng trên, thiếu dấu cách sau ':', hoặc giá trị có dấu ':' "
                                 "cần đặt trong ngoặc kép)"),
])
def test_yaml_syntax_errors_point_at_the_line_to_fix(tmp_path, broken, line, message):
    lines = VALID.splitlines(keepends=True)
    lines[line - 1] = broken
    assert problems(tmp_path, "".join(lines)) == [(line, None, message)]


def test_utf16_file_from_notepad_is_read(tmp_path):
    campaign = load_campaign(write(tmp_path, VALID.encode("utf-16"))).campaign
    assert campaign.issuer.place == "Phụng Hiệp"


def test_paragraph_ending_with_colon_gets_a_quoting_hint(tmp_path):
    text = VALID.replace("time:\n", "purposes:\n  - Mục đích như sau:\ntime:\n")
    assert problems(tmp_path, text) == [
        (6, "purposes", "đoạn thứ 1 ('Mục đích như sau:') kết thúc bằng dấu ':' nên bị hiểu "
                        "thành tên khóa; hãy đặt cả đoạn trong ngoặc kép")]


def test_meeting_votes_cannot_exceed_attendance(tmp_path):
    text = VALID.replace("    name: Tổng kết năm 2023\n", "    name: Tổng kết năm 2023\n"
                         "    meeting: {votes: {present: 9, agree: 12, disagree: 3}}\n")
    assert problems(tmp_path, text) == [
        (28, "periods[0].meeting.votes", "số phiếu tán thành, không tán thành, không ý kiến (15) "
                                         "vượt số thành viên có mặt (9)")]
