"""Translate pydantic validation errors into Vietnamese Problems with file:line and key path."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from thidua.campaign.yamlsource import KeyPath, SourceDocument
from thidua.errors import Problem

_TYPE_WORDS = {
    "int_type": "cần một số nguyên", "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên (không có phần thập phân)",
    "decimal_type": "cần một số", "decimal_parsing": "cần một số",
    "string_type": "cần một chuỗi ký tự", "bool_type": "cần true hoặc false",
    "bool_parsing": "cần true hoặc false", "dict_type": "cần một nhóm khóa (dạng khóa: giá trị)",
    "model_type": "cần một nhóm khóa (dạng khóa: giá trị)", "model_attributes_type":
    "cần một nhóm khóa (dạng khóa: giá trị)", "tuple_type": "cần một danh sách (mỗi mục bắt đầu bằng '- ')",
    "list_type": "cần một danh sách (mỗi mục bắt đầu bằng '- ')",
    "date_type": "cần một ngày, ví dụ 30/11/2023", "date_parsing": "cần một ngày, ví dụ 30/11/2023",
    "string_too_long": "chuỗi quá dài",
}


def problems_from_validation(exc: ValidationError, source: SourceDocument,
                             model: type[BaseModel], prefix: KeyPath = ()) -> list[Problem]:
    """One Vietnamese Problem per distinct location, in file order."""
    seen: dict[KeyPath, Problem] = {}
    for error in exc.errors(include_url=False):
        path = prefix + _data_path(source.data, prefix, error)
        if path in seen:
            continue
        message = _message(error, source, model, path)
        seen[path] = Problem(message, source.location(path))
    return sorted(seen.values(), key=lambda p: (p.location.line or 0, p.location.key or ""))


def _data_path(data: Any, prefix: KeyPath, error: dict[str, Any]) -> KeyPath:
    """Drop union/tag markers from a pydantic loc so it follows the YAML data."""
    node = data
    for part in prefix:
        node = node[part] if isinstance(node, (dict, list)) else None
    loc = list(error["loc"])
    path: list[str | int] = []
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and last and error["type"] == "missing":
            path.append(part)
        elif isinstance(node, dict) and part in ("from",) and "from" in node:
            path.append(part)
            node = node[part]
    return tuple(path)


def _message(error: dict[str, Any], source: SourceDocument, model: type[BaseModel],
             path: KeyPath) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    key = path[-1] if path else ""
    if kind == "missing":
        return f"thiếu khóa bắt buộc '{key}'"
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, source.data, path[:-1])
        hint = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        text = f"khóa '{key}' không có trong định dạng"
        if error.get("input") is None and (" " in str(key) or not str(key).isascii()):
            # "{id: tc, name: Phòng Tài chính, Kế hoạch}": the words after the comma became a key
            return (f"{text}: có lẽ đây là phần sau dấu phẩy của giá trị đứng trước. Trong "
                    "{…} dấu phẩy ngăn cách các cặp khóa: giá trị; giá trị có dấu phẩy (hoặc "
                    "dấu ':') phải đặt trong ngoặc kép, ví dụ name: \"Phòng Tài chính, Kế "
                    "hoạch\"")
        if " " in str(key) or not str(key).isascii():
            text += ("; nếu đây là chữ của giá trị trước có dấu ':' hoặc ',' thì đặt cả giá trị "
                     "trong ngoặc kép")
        if hint:
            return f"{text}; có phải ý bạn là '{hint[0]}'?"
        return f"{text}; các khóa hợp lệ: {', '.join(allowed)}" if allowed else text
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " hoặc ")
        return f"giá trị '{error.get('input')}' không hợp lệ; chọn một trong: {expected}"
    if kind == "union_tag_invalid":
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        hint = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1, cutoff=0.6)
        text = f"loại quy tắc '{ctx.get('tag')}' không tồn tại"
        if hint:
            return f"{text}; có phải ý bạn là '{hint[0]}'?"
        return f"{text}; chọn một trong: {', '.join(tags)}"
    if kind == "union_tag_not_found":
        return "thiếu khóa 'kind' (loại quy tắc chấm điểm)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"giá trị {error.get('input')} phải {'≥' if kind.endswith('equal') else '>'} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"giá trị {error.get('input')} phải {'≤' if kind.endswith('equal') else '<'} {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_pattern_mismatch":
        return (f"mã '{error.get('input')}' chỉ được gồm chữ cái không dấu, chữ số và các dấu "
                "'-', '_', '.'")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in _TYPE_WORDS:
        return f"{_TYPE_WORDS[kind]} (đang là '{_short(error.get('input'))}')"
    return f"giá trị không hợp lệ: {error['msg']}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def allowed_keys(model: type[BaseModel], data: Any, path: KeyPath) -> list[str]:
    """The keys the format accepts at a path, following the data for union members."""
    target = _model_at(model, data, path)
    if target is None:
        return []
    keys = []
    for name, info in target.model_fields.items():
        keys.append(info.alias or name)
    return keys


def _model_at(model: type[BaseModel], data: Any, path: KeyPath) -> type[BaseModel] | None:
    current: Any = model
    node = data
    for part in path:
        node = node[part] if isinstance(node, (dict, list)) else None
        if isinstance(part, int):
            current = _element_type(current)
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None)
            if field is None:
                return None
            current = field.annotation
        else:
            current = _element_type(current, mapping=True)
        current = _resolve(current, node)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _element_type(annotation: Any, mapping: bool = False) -> Any:
    args = [a for a in get_args(annotation) if a is not Ellipsis]
    return args[-1] if args else None


def _resolve(annotation: Any, node: Any) -> Any:
    """Unwrap Annotated/Optional/Union, picking the member that matches the data."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        models = [m for m in (_resolve(a, node) for a in members)
                  if isinstance(m, type) and issubclass(m, BaseModel)]
        if isinstance(node, dict) and "kind" in node:
            for m in models:
                kind_field = m.model_fields.get("kind")
                if kind_field and node["kind"] in get_args(kind_field.annotation):
                    return m
        if models and isinstance(node, dict):
            return models[0]
        return members[0] if len(members) == 1 else annotation
    return annotation
