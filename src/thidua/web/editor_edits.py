"""Turn a posted editor form into edits of campaign.yaml (only the values the user changed)."""

from __future__ import annotations

import json
import re
from typing import Any

from thidua.campaign.editing import Edit, node_data
from thidua.campaign.model_rules import RULE_KINDS
from thidua.campaign.yamledit import compose, is_flow
from thidua.campaign.yamlemit import Raw, is_plain_safe
from thidua.campaign.yamlsource import KeyPath
from thidua.errors import CampaignError, Location, Problem
from thidua.web.editor_form import FormBuilder, FormField, FormGroup


def form_index(text: str) -> tuple[dict[KeyPath, FormField], dict[KeyPath, FormGroup]]:
    """Every field and list of the form built from text, by key path."""
    data = node_data(compose(text))
    fields: dict[KeyPath, FormField] = {}
    lists: dict[KeyPath, FormGroup] = {}

    def walk(node: Any) -> None:
        if isinstance(node, FormField):
            fields[node.path] = node
            return
        if node.is_list:
            lists[node.path] = node
        for child in node.children:
            walk(child)

    # every list in full (no collapse_over): the items of a list loaded on demand are accepted
    for section in FormBuilder(data if isinstance(data, dict) else {}, {}).sections():
        walk(section)
    return fields, lists


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each on one line (as the format reads them)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def field_edit(spec: FormField, posted: str, current: Any) -> Edit | None:
    """The edit a posted value makes, or None when it says the same as the file."""
    posted = posted.replace("\r\n", "\n")
    path = spec.path
    if spec.kind == "prose":
        new = paragraphs(posted)
        old = paragraphs(current) if isinstance(current, str) else [
            " ".join(str(p).split()) for p in current or []]
        if new == old:
            return None
        if not new:
            return Edit("delete", path)
        if isinstance(current, str) or (current is None and len(new) == 1):
            return Edit("set", path, "\n\n".join(new) if len(new) > 1 else new[0])
        return Edit("set", path, new)
    if spec.kind in ("ids", "lines"):
        sep = "," if spec.kind == "ids" else "\n"
        ids = [part.strip() for part in posted.split(sep) if part.strip()]
        if ids == (current or []):
            return None
        return Edit("set", path, ids) if ids else Edit("delete", path)
    if spec.kind == "yaml":
        return _yaml_edit(spec, posted, current)
    value = posted.strip()
    if value == ("" if current is None else str(current)):
        return None
    if not value:
        return Edit("set", path, "") if spec.required else Edit("set", path, None)
    if spec.kind == "text":
        return Edit("set", path, value)
    if spec.kind == "choice" and value not in ("true", "false"):
        return Edit("set", path, value)
    # numbers, dates, money, yes/no: written as typed, read by the format's own parsers
    return Edit("set", path, Raw(value) if is_plain_safe(value) or _number_like(value)
                else value)


def _number_like(value: str) -> bool:
    return bool(re.fullmatch(r"-?[\d.,]+%?", value))


def _yaml_edit(spec: FormField, posted: str, current: Any) -> Edit | None:
    if posted.strip() == spec.value.strip():
        return None
    if not posted.strip():
        return Edit("delete", spec.path)
    try:
        node = compose(posted)
    except CampaignError as exc:
        raise CampaignError([Problem(f"{p.message} (ô '{spec.label}', dòng {p.location.line})",
                                     Location(key=spec.key)) for p in exc.problems]) from None
    block = node is not None and not is_flow(node) and not hasattr(node.value, "strip")
    return Edit("set", spec.path, Raw(posted.strip("\n"), 0, block))


def form_to_edits(text: str, form: Any) -> list[Edit]:
    """Edits of every changed field, then the add/delete the pressed button asked for."""
    fields, lists = form_index(text)
    data = node_data(compose(text))
    edits = []
    for name, posted in form.multi_items():
        if not name.startswith("f:") or not isinstance(posted, str):
            continue
        path = tuple(json.loads(name[2:]))
        spec = fields.get(path)
        if spec is None:
            continue  # only values the form offers can be written
        edit = field_edit(spec, posted, _at(data, path))
        if edit:
            edits.append(edit)
    edits += _rule_kind_changes(edits, data)
    action = form.get("action", "")
    if isinstance(action, str) and action.startswith(("add:", "del:")):
        path = tuple(json.loads(action[4:]))
        if action.startswith("add:") and path in lists:
            count = len(_at(data, path) or [])
            edits.append(Edit("set", path + (count,), lists[path].new_item))
        elif action.startswith("del:") and path[:-1] in lists:
            edits.append(Edit("delete", path))
    return edits


def _rule_kind_changes(edits: list[Edit], data: Any) -> list[Edit]:
    """A rule given another kind drops the parameters the new kind does not have."""
    extra = []
    for edit in edits:
        if edit.path[-2:-1] != ("rule",) or edit.path[-1] != "kind" or edit.value not in RULE_KINDS:
            continue
        model = RULE_KINDS[edit.value]
        keys = {info.alias or name for name, info in model.model_fields.items()}
        rule = _at(data, edit.path[:-1]) or {}
        extra += [Edit("delete", edit.path[:-1] + (key,)) for key in rule if key not in keys]
    return extra


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data
