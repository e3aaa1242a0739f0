"""The campaign editor's form, derived from the pydantic model and the values written in the file."""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from thidua.campaign.model import Campaign
from thidua.campaign.model_rules import RULE_KINDS
from thidua.campaign.model_types import parse_text
from thidua.campaign.yamlemit import block_lines, is_scalar
from thidua.campaign.yamlsource import KeyPath, format_key_path

# The plan's order: each editor section and the top-level keys it holds.
SECTIONS = [
    ("Cơ quan ban hành và văn bản", ("title", "short_name", "issuer", "document")),
    ("Căn cứ và mở đầu", ("legal_bases", "preamble")),
    ("I. Mục đích, yêu cầu", ("purposes", "requirements")),
    ("II. Đối tượng, thời gian, nội dung thi đua", ("participants", "time", "content",
                                                   "standards")),
    ("Chỉ số các đơn vị báo cáo", ("metrics",)),
    ("III. Tiêu chí và cách chấm điểm", ("scoring",)),
    ("IV. Các đợt và hình thức khen thưởng", ("periods",)),
    ("Hồ sơ đề nghị khen thưởng", ("dossier",)),
    ("Thời hạn", ("deadlines", "deadlines_text")),
    ("V. Tổ chức thực hiện", ("tasks", "closing")),
    ("Nơi nhận và người ký", ("recipients", "signer")),
]
LABELS = {
    "id": "Mã", "name": "Tên", "title": "Tiêu đề", "text": "Nội dung", "kind": "Loại",
    "start": "Từ ngày", "end": "Đến ngày", "date": "Ngày", "what": "Việc", "to": "Gửi về",
    "from": "Ai gửi", "label": "Nhãn", "unit": "Đơn vị tính", "type": "Kiểu", "groups": "Nhóm",
    "units": "Đơn vị", "head": "Thủ trưởng", "head_title": "Chức vụ thủ trưởng",
    "address": "Địa chỉ", "description": "Mô tả", "awards": "Hình thức khen thưởng",
    "ranks": "Hạng", "criteria": "Tiêu chí", "tie_breaks": "Tiêu chí phụ khi bằng điểm",
    "rule": "Quy tắc chấm điểm", "metric": "Chỉ số", "numerator": "Tử số (chỉ số)",
    "denominator": "Mẫu số (chỉ số)", "items": "Các mục", "note": "Ghi chú", "period": "Đợt",
    "repeat": "Lặp lại", "office": "Cơ quan", "schema_version": "Phiên bản định dạng",
    "count": "Số lượng", "order": "Thứ tự", "council": "Hội đồng quyết định",
    "issuer": "Cơ quan ban hành", "document": "Số, ký hiệu, ngày của Kế hoạch",
    "participants": "Đối tượng thi đua", "time": "Thời gian thi đua", "scoring": "Chấm điểm",
    "dossier": "Hồ sơ đề nghị khen thưởng", "recipients": "Nơi nhận", "signer": "Người ký",
    "rounding": "Làm tròn điểm", "data": "Tệp số liệu của đợt", "meeting": "Cuộc họp xét khen thưởng",
    "votes": "Kết quả biểu quyết", "chair": "Chủ trì", "secretary": "Thư ký",
    "attendees": "Thành phần dự họp", "absent": "Vắng mặt", "tasks": "Nhiệm vụ",
    "deadlines": "Thời hạn", "metrics": "Chỉ số", "periods": "Đợt khen thưởng",
    "tiers": "Mức trừ điểm", "decimals": "Số chữ số thập phân", "mode": "Cách làm tròn",
}
COLLAPSE_OVER = 30  # a list with more items is shown as a summary line, its items loaded on demand
SHORT = ("Unit", "Metric", "Rank", "Deadline", "TieBreak", "Person", "LateTier")


@dataclass
class FormField:
    """One input: a value at a key path, how to edit it, and the problems found there."""

    path: KeyPath
    label: str
    kind: str  # text, number, prose (paragraphs), lines, choice, ids, yaml
    value: str
    options: tuple[str, ...] = ()
    required: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return "f:" + json.dumps(list(self.path), ensure_ascii=False)

    @property
    def key(self) -> str:
        return format_key_path(self.path)

    @property
    def anchor(self) -> str:
        return anchor_of(self.path)


def anchor_of(path: KeyPath) -> str:
    """The HTML id of a field or fieldset: f-scoring-criteria-0-max_points."""
    return "f-" + "-".join(str(part) for part in path)


@dataclass
class FormGroup:
    """A fieldset: a sub-model, or a list of them (items, with add and delete buttons)."""

    path: KeyPath
    label: str
    children: list[Any] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    is_list: bool = False
    is_item: bool = False
    table: bool = False
    new_item: dict[str, Any] = field(default_factory=dict)
    collapsed: bool = False  # a long list: its items are not built (loaded with htmx on demand)
    count: int = 0  # the number of items of a list

    @property
    def key(self) -> str:
        return format_key_path(self.path)

    @property
    def anchor(self) -> str:
        return anchor_of(self.path)

    @property
    def json_path(self) -> str:
        return json.dumps(list(self.path), ensure_ascii=False)


def unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """(inner type, optional?, Annotated metadata) of a field annotation."""
    optional, metadata = False, []
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = get_args(annotation)
            metadata += extra
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return annotation, optional, metadata
            annotation = members[0]
        else:
            return annotation, optional, metadata


def _holds_text(annotation: Any) -> bool:
    """A list item type that is a string, or a union with a string (typed legal bases)."""
    inner, _, metadata = unwrap(annotation)
    if inner is str:
        return True
    return get_origin(inner) in (Union, types.UnionType) and any(
        unwrap(a)[0] is str for a in get_args(inner))


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def item_model(annotation: Any) -> Any:
    """The model of a tuple[Model, ...] annotation, else None."""
    if get_origin(annotation) is tuple:
        inner, _, _ = unwrap(get_args(annotation)[0])
        return inner if is_model(inner) else None
    return None


class FormBuilder:
    """Walks the model and the data together; problems are attached by key path."""

    def __init__(self, data: dict[str, Any], problems: dict[str, list[str]],
                 collapse_over: int | None = None, expand: KeyPath | None = None) -> None:
        """collapse_over: lists with more items are collapsed (None: every list is built);
        expand: a list built in full even when long (the one an htmx fragment asks for)."""
        self.data = data
        self.problems = problems
        self.placed: set[str] = set()
        self.collapse_over = collapse_over
        self.expand = expand

    def take(self, path: KeyPath) -> list[str]:
        key = format_key_path(path)
        self.placed.add(key)
        return self.problems.get(key, [])

    def sections(self) -> list[FormGroup]:
        fields = Campaign.model_fields
        listed = {key for _, keys in SECTIONS for key in keys}
        extra = tuple(k for k in fields if k not in listed and k != "schema_version")
        result = []
        for title, keys in SECTIONS + ([("Mục khác", extra)] if extra else []):
            group = FormGroup((), title)
            group.children = [self.entry(fields[k], k, (k,), self.data.get(k)) for k in keys
                              if k in fields]
            result.append(group)
        return result

    def entry(self, info: FieldInfo, name: str, path: KeyPath, value: Any) -> Any:
        inner, optional, metadata = unwrap(info.annotation)
        metadata = list(info.metadata) + metadata
        label = LABELS.get(name, name) if not info.description else info.description
        required = info.is_required()
        if is_model(inner):
            return self.model_group(inner, path, value if isinstance(value, dict) else {},
                                    label)
        model = item_model(inner)
        if model is not None and (value is None or isinstance(value, list)):
            return self.list_group(model, path, value or [], label)
        if name == "rule" and isinstance(value, dict) and value.get("kind") in RULE_KINDS:
            return self.model_group(RULE_KINDS[value["kind"]], path, value, label)
        kind, options = self.classify(inner, metadata, value)
        if optional and options:
            options = ("",) + options
        return FormField(path, label, kind, self.shown(kind, value), options, required,
                         self.take(path))

    def classify(self, inner: Any, metadata: list[Any], value: Any) -> tuple[str, tuple[str, ...]]:
        if any(getattr(m, "func", None) is parse_text for m in metadata):
            plain = value is None or isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(v, str) for v in value))
            return ("prose" if plain else "yaml"), ()
        if get_origin(inner) is Literal:
            return "choice", tuple(str(a) for a in get_args(inner))
        if inner is bool:
            return "choice", ("true", "false")
        if inner is str:
            return ("text" if value is None or isinstance(value, str) else "yaml"), ()
        if get_origin(inner) is tuple and _holds_text(get_args(inner)[0]):
            ok = value is None or (isinstance(value, list) and all(isinstance(v, str)
                                                                   for v in value))
            item, _, item_meta = unwrap(get_args(inner)[0])
            is_id = item is str and any(getattr(m, "pattern", None) for m in item_meta)
            return (("ids" if is_id else "lines") if ok else "yaml"), ()
        if value is None or isinstance(value, str):
            return "number", ()
        return "yaml", ()

    @staticmethod
    def shown(kind: str, value: Any) -> str:
        if value is None:
            return ""
        if kind == "prose":
            return value if isinstance(value, str) else "\n\n".join(value)
        if kind == "ids":
            return ", ".join(value)
        if kind == "lines":
            return "\n".join(value)
        if kind == "yaml":
            return str(value) if is_scalar(value) or not value else "\n".join(
                block_lines(value, 0))
        return str(value)

    def model_group(self, model: type[BaseModel], path: KeyPath, value: dict[str, Any],
                    label: str, is_item: bool = False) -> FormGroup:
        group = FormGroup(path, label, problems=self.take(path), is_item=is_item)
        for name, info in model.model_fields.items():
            key = info.alias or name
            if name == "schema_version":
                continue
            group.children.append(self.entry(info, key, path + (key,), value.get(key)))
        return group

    def list_group(self, model: type[BaseModel], path: KeyPath, items: list[Any],
                   label: str) -> FormGroup:
        group = FormGroup(path, label, problems=self.take(path), is_list=True,
                          table=model.__name__ in SHORT, new_item=blank(model), count=len(items))
        if self.collapses(path, items):
            group.collapsed = True
            return group
        for i, item in enumerate(items):
            group.children.append(self.model_group(model, path + (i,), item
                                                   if isinstance(item, dict) else {},
                                                   f"{label} {i + 1}", is_item=True))
        return group

    def collapses(self, path: KeyPath, items: list[Any]) -> bool:
        """A long list is collapsed unless asked for, or a problem lies inside it (then it is
        shown in full, each problem beside its field)."""
        if self.collapse_over is None or len(items) <= self.collapse_over:
            return False
        if self.expand is not None and self.expand[:len(path)] == path:
            return False  # the list asked for, or one holding it
        prefix = format_key_path(path) + "["
        return not any(key.startswith(prefix) for key in self.problems)

    def find(self, path: KeyPath) -> FormGroup | None:
        """The list group at path among the built sections (None when there is none)."""
        def walk(node: Any) -> FormGroup | None:
            if not isinstance(node, FormGroup):
                return None
            if node.is_list and node.path == path:
                return node
            if node.path and node.path != path[:len(node.path)]:
                return None
            for child in node.children:
                found = walk(child)
                if found is not None:
                    return found
            return None

        for section in self.sections():
            found = walk(section)
            if found is not None:
                return found
        return None

    def unplaced(self) -> dict[str, list[str]]:
        """Problems whose key path has no field of its own (shown at the top of the page)."""
        return {k: v for k, v in self.problems.items() if k not in self.placed}


def blank(model: type[BaseModel]) -> dict[str, Any]:
    """A new list item: its required keys, empty, for the user to fill (validation says which)."""
    item: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        inner, _, _ = unwrap(info.annotation)
        if name == "rule" or get_origin(inner) in (Union, types.UnionType):
            kind = next(iter(RULE_KINDS))
            item[info.alias or name] = {"kind": kind} | blank(RULE_KINDS[kind])
        elif get_origin(inner) is Literal:
            item[info.alias or name] = str(get_args(inner)[0])
        elif not is_model(inner):
            item[info.alias or name] = ""
    return item
