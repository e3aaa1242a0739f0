"""Load YAML into plain Python data while remembering the line of every key path."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from thidua.campaign.yamlguard import (
    MAX_FILE_BYTES,
    BoundedLoader,
    LimitExceeded,
    NodeBudget,
    check_number_size,
    error_mark,
    unclosed_before,
)
from thidua.errors import CampaignError, Location, Problem

KeyPath = tuple[str | int, ...]
_VN_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
_LEADING_ZERO = re.compile(r"0\d+")


def format_key_path(path: KeyPath) -> str:
    """Render ('criteria', 2, 'max_points') as 'criteria[2].max_points'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass
class SourceDocument:
    """Parsed YAML data plus the 1-based line of each key path."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int | None:
        """The line of the key path, or of its nearest ancestor that has one."""
        path = tuple(key_path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def location(self, key_path: KeyPath) -> Location:
        return Location(file=str(self.path), line=self.line_of(key_path),
                        key=format_key_path(key_path) or None)


class _Converter:
    """Turn a composed node tree into Python data, recording lines and duplicate keys."""

    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.constructor = SafeConstructor()
        self.problems: list[Problem] = []
        self.budget = NodeBudget()

    def convert(self, node: Node, path: KeyPath) -> Any:
        self.budget.spend(node)
        self.source.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            self.constructor.flatten_mapping(node)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise LimitExceeded("tên khóa phải là một chữ/từ, không phải danh sách hay "
                                        "nhóm khóa", key_node.start_mark.line + 1)
                key = self.constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                key = unicodedata.normalize("NFC", key)
                child = path + (key,)
                if key in result:
                    self.problems.append(Problem(
                        f"Khóa '{key}' bị lặp lại; mỗi khóa chỉ được khai báo một lần.",
                        Location(str(self.source.path), key_node.start_mark.line + 1,
                                 format_key_path(child))))
                self.source.lines[child] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, child)
            return result
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.style is None:
            check_number_size(node)
        if node.style is None and _VN_THOUSANDS.fullmatch(node.value):
            # Vietnamese writes 1.500 for one thousand five hundred; YAML would read 1.5.
            return int(node.value.replace(".", ""))
        if node.style is None and _LEADING_ZERO.fullmatch(node.value):
            # "05", "010": kept as typed (a code, or a decimal number for numeric keys),
            # never YAML 1.1 octal (010 would become 8).
            return unicodedata.normalize("NFC", node.value)
        value = self.constructor.construct_object(node, deep=True)
        if isinstance(value, float) and not math.isfinite(value):
            raise LimitExceeded(f"'{node.value}' không phải một số hữu hạn (quá lớn, .inf hoặc "
                                ".nan)", node.start_mark.line + 1)
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
        return value


def decode_text(raw: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; reject binary files."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        raw = raw.decode("utf-16").encode("utf-8")
    if b"\x00" in raw[:4096]:
        raise CampaignError([Problem(
            "Tệp không phải văn bản YAML (có vẻ là tệp nhị phân). Hãy mở bằng trình soạn "
            "thảo văn bản và lưu dưới dạng UTF-8.", Location(str(path)))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CampaignError([Problem(
            "Tệp không được mã hóa UTF-8. Trong Notepad/Word chọn Lưu thành… → Mã hóa UTF-8.",
            Location(str(path), line))]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def load_yaml(path: Path) -> SourceDocument:
    """Read a YAML file; raise CampaignError naming file and line on any syntax problem."""
    path = Path(path)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise CampaignError([Problem(
            f"Tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB, quá lớn cho một định nghĩa "
            "phong trào; có lẽ chọn nhầm tệp.", Location(str(path)))])
    text = decode_text(raw, path)
    source = SourceDocument(path=path, data=None)
    if not text.strip():
        raise CampaignError([Problem("Tệp trống: chưa có nội dung định nghĩa phong trào.",
                                     Location(str(path), 1))])
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
    except LimitExceeded as exc:
        raise CampaignError([Problem(f"Tệp vượt giới hạn: {exc.message}.",
                                     Location(str(path), exc.line))]) from None
    except yaml.MarkedYAMLError as exc:
        line, detail = _locate_syntax_error(exc)
        slip = unclosed_before(text, line) if line else None
        if slip is not None:
            line, detail = slip
        raise CampaignError([Problem(f"cú pháp YAML sai: {detail}", Location(str(path), line))]) \
            from None
    except yaml.YAMLError as exc:
        raise CampaignError([Problem(f"cú pháp YAML sai: {exc}", Location(str(path)))]) from None
    finally:
        loader.dispose()
    if node is None:
        raise CampaignError([Problem("Tệp trống: chưa có nội dung định nghĩa phong trào.",
                                     Location(str(path), 1))])
    converter = _Converter(source)
    try:
        source.data = converter.convert(node, ())
    except LimitExceeded as exc:
        raise CampaignError([Problem(f"Tệp vượt giới hạn: {exc.message}.",
                                     Location(str(path), exc.line))]) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise CampaignError([Problem(f"Giá trị không đọc được: {exc.problem}",
                                     Location(str(path), mark.line + 1 if mark else None))]) \
            from None
    if converter.problems:
        raise CampaignError(converter.problems)
    return source


_YAML_PROBLEMS = {
    "mapping values are not allowed here":
        "dấu ':' đặt sai chỗ (dòng thụt lề sâu hơn dòng trên, thiếu dấu cách sau ':', hoặc "
        "giá trị có dấu ':' cần đặt trong ngoặc kép)",
    "could not find expected ':'": "thiếu dấu ':' sau tên khóa",
    "found character '\\t' that cannot start any token":
        "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề",
    "did not find expected key": "thụt lề không thẳng hàng với các khóa cùng cấp",
    "did not find expected '-' indicator": "thụt lề của danh sách ('- ') không thẳng hàng",
    "found unexpected end of stream": "thiếu dấu ngoặc kép đóng",
    "expected <block end>, but found '-'": "thụt lề của danh sách ('- ') không thẳng hàng",
    "expected <block end>, but found":
        "thụt lề không thẳng hàng: dòng này thụt vào ít hoặc nhiều hơn các khóa cùng cấp",
    "expected ',' or '}'": "trong {…} các cặp khóa: giá trị phải cách nhau bằng dấu phẩy; giá trị "
                           "có dấu phẩy thì đặt trong ngoặc kép",
    "expected ',' or ']'": "trong […] các phần tử phải cách nhau bằng dấu phẩy; phần tử có dấu "
                           "phẩy thì đặt trong ngoặc kép",
    "sequence entries are not allowed here": "dấu '- ' đặt sai chỗ hoặc thụt lề sai",
    "found undefined alias": "dấu '*' ở đầu giá trị; hãy đặt giá trị trong ngoặc kép",
    "found character '@' that cannot start any token": "giá trị bắt đầu bằng '@'; hãy đặt trong "
                                                        "ngoặc kép",
    "found character '`' that cannot start any token": "giá trị bắt đầu bằng '`'; hãy đặt trong "
                                                        "ngoặc kép",
}


def _locate_syntax_error(exc: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line a person should look at, and a Vietnamese explanation."""
    problem = exc.problem or ""
    detail = _translate_yaml_problem(problem)
    mark = error_mark(exc)
    line = mark.line + 1 if mark else None
    if (exc.context or "").startswith("while scanning a quoted scalar"):
        detail = "dấu ngoặc kép mở ở dòng này chưa được đóng"
    return line, detail


def _translate_yaml_problem(problem: str) -> str:
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return f"không đọc được ({problem})" if problem else "không đọc được"
