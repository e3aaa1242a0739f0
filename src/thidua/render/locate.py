"""Jinja failures as Vietnamese messages that name the template, the problem and the place."""

from __future__ import annotations

import re
from types import TracebackType

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from thidua.errors import RenderError, TemplateError, ThiduaError
from thidua.render.limits import RenderLimitError
from thidua.render.structure import StructureProblem, describe_nesting
from thidua.render.xml_source import Element, PartSource

SNIPPET_LENGTH = 60
_UNDEFINED_NAME = re.compile(r"^'(.+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(.+?)(?: object)?' has no attribute '(.+)'$")
_NO_ELEMENT = re.compile(r"^'(.+?)(?: object)?' has no element (.+)$")
_UNSAFE_ATTRIBUTE = re.compile(r"access to attribute '([^']+)'")
_UNCLOSED_BLOCK = re.compile(r"innermost block that needs to be closed is '(\w+)'")
_UNKNOWN_TAG = re.compile(r"^Encountered unknown tag '(\w+)'")
_BLOCK_TAG = re.compile(r"{%[-+]?\s*(\w+)([^%]*)|\n")
_BLOCK_OPENERS = frozenset({"for", "if", "macro", "call", "filter", "block", "with",
                            "autoescape", "trans", "raw"})


def _snippet(text: str, focus: str | None = None) -> str:
    """The text's start, or the stretch around `focus` when that lies beyond the start."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    at = text.find(focus) if focus else -1
    if at + len(focus or "") <= SNIPPET_LENGTH - 1:
        return text[:SNIPPET_LENGTH - 1] + "…"
    start = max(0, at - SNIPPET_LENGTH // 3)
    window = text[start:start + SNIPPET_LENGTH - 2]
    return "…" + window + ("…" if start + len(window) < len(text) else "")


def describe_place(part: PartSource, element: Element | None, focus: str | None = None) -> str:
    """ "tại đoạn «…»", "tại bảng 2, dòng 3, cột 1, đoạn «…»", "tại đầu trang header1.xml, …"."""
    places = [part.label] if part.label else []
    if element is not None:
        if element.table:
            cell = f", cột {element.column}" if element.column else ""
            places.append(f"bảng {element.table}, dòng {element.row}{cell}")
        snippet = _snippet(element.text, focus)
        if element.kind == "p":
            places.append(f"đoạn «{snippet}»")
        elif snippet:
            places[-1] += f" «{snippet}»"
    return "tại " + ", ".join(places) if places else ""


def _element_mentioning(part: PartSource, name: str) -> Element | None:
    """The first paragraph whose tags mention `name`, when Jinja gave no line."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
    for element in part.elements:
        if element.kind == "p" and "{" in element.text and word.search(element.text):
            return element
    return None


def unclosed_block_line(source: str) -> int | None:
    """The line of the innermost block tag (for, if, …) that is never closed."""
    stack: list[int] = []
    line = 1
    for match in _BLOCK_TAG.finditer(source):
        word = match.group(1)
        if word is None:
            line += 1
        elif word in _BLOCK_OPENERS or (word == "set" and "=" not in match.group(2)):
            stack.append(line)
        elif word.startswith("end") and stack:
            stack.pop()
    return stack[-1] if stack else None


def _syntax_problem(exc: TemplateSyntaxError, part: PartSource) -> tuple[str, int | None]:
    detail = exc.message or ""
    if match := _UNCLOSED_BLOCK.search(detail):
        block = match.group(1)
        line = unclosed_block_line(part.source) or exc.lineno
        return f"khối '{block}' không có thẻ đóng {{% end{block} %}}", line
    if match := _UNKNOWN_TAG.match(detail):
        tag = match.group(1)
        return f"thẻ '{tag}' không hợp lệ hoặc không khớp với khối nào ({detail})", exc.lineno
    return f"lỗi cú pháp Jinja ({detail})", exc.lineno


def _undefined_problem(message: str) -> tuple[str, str | None]:
    """The Vietnamese problem text and, if known, the missing variable name."""
    if match := _UNDEFINED_NAME.match(message):
        name = match.group(1)
        return f"biến '{name}' chưa được định nghĩa", name
    if match := _NO_ATTRIBUTE.match(message):
        owner, name = match.groups()
        return f"không có trường '{name}' (trong giá trị kiểu {owner})", name
    if match := _NO_ELEMENT.match(message):
        owner, index = match.groups()
        return f"không có phần tử {index} (trong giá trị kiểu {owner})", None
    return f"giá trị chưa được định nghĩa ({message})", None


def template_line(traceback: TracebackType | None, filename: str) -> int | None:
    """The template line of the innermost frame of the compiled template `filename`."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _message(template_name: str, problem: str, place: str) -> str:
    return f"Mẫu {template_name}: {problem}" + (f", {place}" if place else "")


def unsafe_error(template_name: str, part: PartSource,
                 accesses: list[tuple[str, int | None]]) -> TemplateError:
    """The error for a template touching Python internals: (attribute, line) pairs, first wins."""
    line = accesses[0][1]
    source_line = part.source.split("\n")[line - 1] if line else ""
    names = sorted({name for name, at in accesses if at == line},
                   key=lambda name: (source_line.find(name), name))
    listed = ", ".join(f"'{name}'" for name in names)
    problem = (f"không được truy cập thuộc tính nội bộ {listed} của Python "
               "(mẫu không an toàn, không tạo văn bản nào)")
    return TemplateError(_message(template_name, problem,
                                  describe_place(part, part.element_at(line))))


def structure_error(template_name: str, part: PartSource,
                    problem: StructureProblem) -> TemplateError:
    """A block that opens at one nesting level and ends at another (see render.structure)."""
    opened = describe_place(part, part.element_at(problem.open_line))
    closed = describe_place(part, part.element_at(problem.close_line))
    text = (f"khối '{problem.block}' mở {opened} ({describe_nesting(problem.opened_inside)}) "
            f"nhưng kết thúc hoặc rẽ nhánh {closed} ({describe_nesting(problem.closed_inside)}); "
            "thẻ mở và thẻ đóng phải cùng cấp: cùng là đoạn {%p %} ngoài bảng, cùng trong "
            "một ô, hoặc cùng là dòng {%tr %} của một bảng")
    return TemplateError(_message(template_name, text, ""))


def translate_error(template_name: str, part: PartSource, exc: BaseException,
                    filename: str) -> ThiduaError:
    """The TemplateError (template at fault) or RenderError (data at fault) for `exc`."""
    if isinstance(exc, TemplateSyntaxError):
        problem, line = _syntax_problem(exc, part)
        return TemplateError(_message(template_name, problem,
                                      describe_place(part, part.element_at(line))))
    line = template_line(exc.__traceback__, filename)
    element = part.element_at(line)
    if isinstance(exc, SecurityError):
        match = _UNSAFE_ATTRIBUTE.search(str(exc))
        return unsafe_error(template_name, part, [(match.group(1) if match else str(exc), line)])
    if isinstance(exc, UndefinedError):
        problem, name = _undefined_problem(exc.message or "")
        if element is None and name:
            element = _element_mentioning(part, name)
        return TemplateError(_message(template_name, problem, describe_place(part, element, name)))
    if isinstance(exc, RenderLimitError):
        return TemplateError(_message(template_name, f"mẫu vượt giới hạn: {exc.message}",
                                      describe_place(part, element)))
    if isinstance(exc, (RecursionError, MemoryError)):
        problem = ("mẫu vượt giới hạn: macro gọi lại chính nó quá sâu" if isinstance(
            exc, RecursionError) else "mẫu vượt giới hạn: không đủ bộ nhớ để tính biểu thức")
        return TemplateError(_message(template_name, problem, describe_place(part, element)))
    if isinstance(exc, ThiduaError):  # e.g. VnFormatError from a formatting filter
        problem = f"không định dạng được giá trị: {exc.message.rstrip('.')}"
    else:
        problem = f"không tính được biểu thức ({type(exc).__name__}: {exc})"
    return RenderError(_message(template_name, problem, describe_place(part, element)))
