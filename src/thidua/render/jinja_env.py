"""The sandboxed Jinja environment for Word templates: XML escaping, line breaks, safety checks."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

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
        if hasattr(value, "__html__"):
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


def make_environment() -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed environment: XML autoescape, StrictUndefined, Vietnamese filters."""
    environment = ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=finalize_value,
        auto_reload=False,
    )
    environment.filters.update(JINJA_FILTERS)
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
