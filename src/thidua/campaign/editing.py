"""Round-trip editing of campaign.yaml: read and change values by key path, keeping comments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from thidua.campaign.yamledit import Raw, TextEditor, compose, find, is_flow, parse_key_path
from thidua.campaign.yamlsource import KeyPath

KeyPathLike = KeyPath | str  # a tuple, or the text `validate` prints


@dataclass(frozen=True)
class Edit:
    """One change: set a value at a path (adding missing keys), insert into a list, or delete."""

    op: str  # "set", "insert" or "delete"
    path: KeyPath
    value: Any = None


def _path(path: KeyPathLike) -> KeyPath:
    return parse_key_path(path) if isinstance(path, str) else tuple(path)


def node_data(node: Node | None) -> Any:
    """Plain data of a node: dicts, lists and scalar source values (strings) as written."""
    if node is None:
        return None
    if isinstance(node, MappingNode):
        return {k.value: node_data(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [node_data(v) for v in node.value]
    return node.value


def read_value(text: str, path: KeyPathLike) -> Any:
    """The value at a key path as written (scalars as their text), or None when absent."""
    slot = find(compose(text), _path(path))
    return node_data(slot.node) if slot else None


def set_value(text: str, path: KeyPathLike, value: Any) -> str:
    """The text with the value at path replaced (or added, creating missing mappings)."""
    return apply_edits(text, [Edit("set", _path(path), value)])


def insert_value(text: str, path: KeyPathLike, value: Any) -> str:
    """The text with value inserted in a list; the path ends with the new item's index."""
    return apply_edits(text, [Edit("insert", _path(path), value)])


def delete_value(text: str, path: KeyPathLike) -> str:
    """The text without the entry at path."""
    return apply_edits(text, [Edit("delete", _path(path))])


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply each edit in turn, touching only the text of the values it changes."""
    for edit in edits:
        text = _apply(text, edit)
    return text


def _apply(text: str, edit: Edit) -> str:
    editor = TextEditor(text)
    path = edit.path
    if edit.op == "delete":
        return editor.delete(path) if find(editor.root, path) else text
    if edit.op == "insert":
        return editor.insert_item(path[:-1], int(path[-1]), edit.value)
    slot = find(editor.root, path)
    if slot is not None:
        if _same_shape(slot.node, edit.value):
            return apply_edits(text, diff_values(node_data(slot.node), edit.value, path))
        return editor.replace(path, edit.value)
    depth = len(path) - 1
    while depth > 0 and find(editor.root, path[:depth]) is None:
        depth -= 1
    value = edit.value
    for part in reversed(path[depth + 1:]):
        value = _nest(part, value)
    key, parent = path[depth], find(editor.root, path[:depth])
    if isinstance(parent.node, MappingNode) and isinstance(key, str):
        return editor.add_key(path[:depth], key, value)
    if isinstance(parent.node, SequenceNode) and isinstance(key, int):
        return editor.insert_item(path[:depth], len(parent.node.value), value)
    return editor.replace(path[:depth], _nest(key, value))


def _nest(part: str | int, value: Any) -> Any:
    return {part: value} if isinstance(part, str) else [value]


def _same_shape(node: Node, value: Any) -> bool:
    """A block collection given a Python collection of the same kind is edited entry by entry."""
    if is_flow(node):
        return False
    return (isinstance(node, MappingNode) and isinstance(value, dict)) or (
        isinstance(node, SequenceNode) and isinstance(value, (list, tuple)))


def diff_values(old: Any, new: Any, path: KeyPath = ()) -> list[Edit]:
    """The smallest edits turning old data into new (both as node_data gives them)."""
    if isinstance(old, dict) and isinstance(new, dict):
        edits = [Edit("delete", path + (k,)) for k in old if k not in new]
        for key, value in new.items():
            if key in old:
                edits += diff_values(old[key], value, path + (key,))
            else:
                edits.append(Edit("set", path + (key,), value))
        return edits
    if isinstance(old, list) and isinstance(new, (list, tuple)) and old and new:
        edits = []
        for i, value in enumerate(new[: len(old)]):
            edits += diff_values(old[i], value, path + (i,))
        edits += [Edit("set", path + (i,), v) for i, v in enumerate(new) if i >= len(old)]
        edits += [Edit("delete", path + (i,)) for i in reversed(range(len(new), len(old)))]
        return edits
    if _scalar_equal(old, new):
        return []
    return [Edit("set", path, new)]


def _scalar_equal(old: Any, new: Any) -> bool:
    if isinstance(new, Raw):
        return False
    if isinstance(old, (dict, list)) or isinstance(new, (dict, list, tuple)):
        return old == new
    return old == new or (old is not None and new is not None and str(old) == str(new)
                          and not isinstance(new, bool))


def text_edits(base: str, changed: str) -> list[Edit]:
    """Edits that carry changed's own text for each value that differs from base."""
    base_root, new_root = compose(base), compose(changed)
    edits = []
    for edit in diff_values(node_data(base_root), node_data(new_root)):
        if edit.op == "set":
            slot = find(new_root, edit.path)
            edit = Edit("set", edit.path, _raw_of(changed, slot))
        edits.append(edit)
    return edits


def _raw_of(text: str, slot: Any) -> Raw:
    """The exact source text of a value, for copying it into another version of the file."""
    editor = TextEditor(text, parse=False)
    node = slot.node
    end = editor.content_end(node, slot.key)
    if isinstance(node, ScalarNode) and node.start_mark.index == node.end_mark.index:
        return Raw("null", node.start_mark.column)
    block = isinstance(node, (MappingNode, SequenceNode)) and not is_flow(node)
    return Raw(text[node.start_mark.index:end], node.start_mark.column, block)


def overlapping(a: list[Edit], b: list[Edit]) -> list[KeyPath]:
    """Paths edited on both sides (one path equal to, or inside, the other)."""
    clashes = []
    for x in a:
        for y in b:
            shorter = min(len(x.path), len(y.path))
            if x.path[:shorter] == y.path[:shorter]:
                clashes.append(x.path if len(x.path) >= len(y.path) else y.path)
    return clashes


def merge_texts(base: str, mine: str, theirs: str) -> str | None:
    """Three-way merge when mine and theirs changed different values; None when they clash."""
    mine_edits, their_edits = text_edits(base, mine), text_edits(base, theirs)
    reorders = [e for e in mine_edits + their_edits if e.op == "delete" and
                isinstance(e.path[-1], int)]  # a removed list item shifts the others' indexes
    if reorders or overlapping(mine_edits, their_edits):
        return None
    try:
        merged = apply_edits(theirs, mine_edits)
    except (KeyError, ValueError, TypeError):
        return None
    expected = _replay(node_data(compose(theirs)), mine, mine_edits)
    return merged if node_data(compose(merged)) == expected else None


def _replay(data: Any, mine: str, edits: list[Edit]) -> Any:
    """What the merged data must be: theirs with each of mine's changed values put in."""
    mine_data = node_data(compose(mine))
    for edit in edits:
        data = _put(data, edit.path, _get(mine_data, edit.path) if edit.op == "set" else _GONE)
    return data


_GONE = object()


def _get(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _put(data: Any, path: KeyPath, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if value is _GONE and not rest:
            copy.pop(head, None)
        else:
            empty: Any = {} if rest and isinstance(rest[0], str) else []
            copy[head] = _put(copy.get(head, empty), rest, value)
        return copy
    copy = list(data or [])
    if value is _GONE and not rest:
        del copy[head]
    elif head < len(copy):
        copy[head] = _put(copy[head], rest, value)
    else:
        copy.append(_put({}, rest, value) if rest else value)
    return copy
