"""The sandboxed Jinja environment for Word templates: XML escaping, line breaks, safety checks."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.filters import FILTERS
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from thidua.render.filter_limits import FILTER_CHECKS, bounded_filter
from thidua.render.limits import (
    MAX_LIPSUM,
    RenderLimitError,
    bounded_loop,
    bounded_range,
    check_binop,
    check_call,
    check_rendered,
    check_size,
)
from thidua.vietnamese.formatting import JINJA_FILTERS

# Inside a <w:t> element: close the text, put the break, reopen the text in the same run
# so that the run's formatting carries on after the break.
LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
PAGE_BREAK = '</w:t><w:br w:type="page"/><w:t xml:space="preserve">'
TAB = '</w:t><w:tab/><w:t xml:space="preserve">'

# Characters a value may not carry into WordprocessingML as they are: control characters
# are illegal in XML 1.0; \n, \t and \f become a line break, a tab and a page break.
_SPECIAL_CHARS = re.compile(r"\r\n?|[\x00-\x1f\x7f]")
_REPLACEMENTS = {"\n": LINE_BREAK, "\r\n": LINE_BREAK, "\r": LINE_BREAK, "\t": TAB,
                 "\x0b": LINE_BREAK, "\f": PAGE_BREAK}


_EMPTY = Markup("")


def _replace_special(match: re.Match[str]) -> str:
    return _REPLACEMENTS.get(match.group(0), "")


def finalize_value(value: Any) -> Any:
    """Turn one `{{ … }}` result into XML-safe markup: escaped text, breaks as Word elements.

    None prints as nothing (an optional field left empty), text is NFC as every document is,
    and Markup (e.g. `page_break`, docxtpl RichText/Listing) is trusted but still gets its
    breaks. Escaping here, not only in Jinja, keeps values escaped under {% autoescape false %}.
    """
    if value.__class__ is not str:
        if value is None:
            return _EMPTY
        if isinstance(value, (list, tuple, dict, set, frozenset)):
            check_rendered(value)
        elif hasattr(value, "__html__"):
            text = str(value.__html__())
            if _SPECIAL_CHARS.search(text) is None:
                return Markup(text)
            return Markup(_SPECIAL_CHARS.sub(_replace_special, text))
        value = str(value)
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    markup = escape(value)  # escaping neither adds nor removes control characters
    if _SPECIAL_CHARS.search(value) is None:
        return markup
    return Markup(_SPECIAL_CHARS.sub(_replace_special, markup))


_LOOP_FILTER, _SIZE_FILTER, _TEXT_FILTER = "thidua_loop", "thidua_size", "thidua_text"


class _BoundLoops(NodeTransformer):
    """Route every for-loop's items through bounded_loop and every `~` through check_size."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _LOOP_FILTER, [], [], None, None,
                                 lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        node = self.generic_visit(node)
        node.nodes = [nodes.Filter(part, _TEXT_FILTER, [], [], None, None, lineno=part.lineno)
                      for part in node.nodes]  # a list is made text by `~`: size it first
        return nodes.Filter(node, _SIZE_FILTER, [], [], None, None, lineno=node.lineno)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox plus limits on loops, sizes and time (see thidua.render.limits)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _BoundLoops().visit(super()._parse(source, name, filename))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805 - as Jinja's
             **kwargs: Any) -> Any:
        check_call(__obj, args, kwargs)
        return check_size(super().call(__context, __obj, *args, **kwargs))


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """Jinja's placeholder text, at most MAX_LIPSUM paragraphs of at most 100 words."""
    if n > MAX_LIPSUM or max > 100:
        raise RenderLimitError(f"lipsum() chỉ tạo tối đa {MAX_LIPSUM} đoạn, mỗi đoạn 100 từ")
    return generate_lorem_ipsum(n, html, min, max)


def make_environment() -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed environment: XML autoescape, StrictUndefined, Vietnamese filters,
    bounded work (thidua.render.limits)."""
    environment = BoundedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=finalize_value,
        auto_reload=False,
    )
    environment.filters.update(JINJA_FILTERS)
    environment.filters.update({name: bounded_filter(FILTERS[name], check)
                                for name, check in FILTER_CHECKS.items()})
    environment.filters[_LOOP_FILTER] = bounded_loop
    environment.filters[_SIZE_FILTER] = check_size
    environment.filters[_TEXT_FILTER] = check_rendered
    environment.globals["range"] = bounded_range
    environment.globals["lipsum"] = _lipsum
    environment.globals["page_break"] = Markup(PAGE_BREAK)
    environment.globals["line_break"] = Markup(LINE_BREAK)
    return environment


def unsafe_accesses(ast: nodes.Template) -> list[tuple[str, int]]:
    """(attribute, line) of every constant access to a private/dunder attribute in `ast`.

    The sandbox refuses these at render time too; finding them when the template is prepared
    reports the template as unsafe before a single document is written.
    """
    found: list[tuple[str, int]] = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name: object = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value
        elif (isinstance(node, nodes.Filter) and node.name == "attr" and node.args
              and isinstance(node.args[0], nodes.Const)):
            name = node.args[0].value
        if isinstance(name, str) and name.startswith("_"):
            found.append((name, node.lineno))
    return found
