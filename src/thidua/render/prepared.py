"""A Word template read, patched and compiled once, then rendered to .docx bytes many times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from thidua.atomic import os_error_text
from thidua.errors import RenderError, TemplateError, ThiduaError
from thidua.render.docx_package import (
    DYNAMIC_COMPRESS_LEVEL,
    XML_DECLARATION,
    ZipEntry,
    build_zip,
    document_timestamp,
    make_entry,
    normalised_core_properties,
    read_package,
    static_entries,
)
from thidua.render.jinja_env import unsafe_accesses
from thidua.render.limits import (
    SECONDS_PER_DOCUMENT,
    RenderLimitError,
    document_budget,
    join_bounded,
)
from thidua.render.locate import (
    describe_place,
    structure_error,
    translate_error,
    unsafe_error,
)
from thidua.render.structure import check_structure
from thidua.render.xml_source import PartSource, finish_xml, part_source
from thidua.zipguard import file_size_problem

DOCUMENT_DATE_KEY = "_document_date"
_CORE_CACHE_SIZE = 1024  # distinct document dates kept compressed


@dataclass
class _CompiledPart:
    source: PartSource
    template: Template
    filename: str  # the compiled code's file name, to find its frames in a traceback
    checked: bool = field(default=False)  # output once parsed as XML


class _CoreProperties:
    """docProps/core.xml: fixed timestamps, or the context's document date."""

    _PLACEHOLDER = "0000-00-00T00:00:00Z"

    def __init__(self, name: str, xml: bytes) -> None:
        self.name = name
        self._xml = normalised_core_properties(xml, self._PLACEHOLDER)
        self._entries: dict[str, ZipEntry] = {}

    def entry(self, document_date: Any) -> ZipEntry:
        timestamp = document_timestamp(document_date)
        found = self._entries.get(timestamp)
        if found is None:
            if len(self._entries) >= _CORE_CACHE_SIZE:
                self._entries.clear()
            content = self._xml.replace(self._PLACEHOLDER.encode(), timestamp.encode())
            found = self._entries[timestamp] = make_entry(self.name, content)
        return found


class PreparedTemplate:
    """The parts of one template: compiled Jinja for tagged parts, compressed bytes for the rest.

    Rendering touches only the tagged parts (main document, headers, footers, notes); every
    other part is copied as precompressed bytes, in the template's order, with 1980-01-01
    timestamps, so equal contexts give byte-identical documents.
    """

    def __init__(self, name: str, data: bytes, environment: SandboxedEnvironment,
                 compress_level: int = DYNAMIC_COMPRESS_LEVEL) -> None:
        self.name = name
        self.compress_level = compress_level
        self.seconds = SECONDS_PER_DOCUMENT  # render time allowed per document
        self._over_limit: ThiduaError | None = None  # a limit hit once fails every document
        self._environment = environment
        package = read_package(data, name)
        self._parts: list[_CompiledPart] = []
        static_names = []
        layout: list[ZipEntry | _CompiledPart | _CoreProperties | str] = []
        for part_name, content in package.parts.items():
            if part_name in package.rendered and b"{" in content:
                source = self._patch(part_name, package.rendered[part_name], content)
                compiled = self._compile(source)
                self._parts.append(compiled)
                layout.append(compiled)
            elif part_name == package.core_properties:
                layout.append(_CoreProperties(part_name, content))
            else:
                static_names.append(part_name)
                layout.append(part_name)
        entries = static_entries(package.parts, static_names)
        self._layout = [entries[item] if isinstance(item, str) else item for item in layout]

    @classmethod
    def from_file(cls, path: Path, environment: SandboxedEnvironment,
                  name: str | None = None) -> PreparedTemplate:
        """Read and prepare the template at `path` (named `name` in messages)."""
        too_large = file_size_problem(Path(path))
        if too_large is not None:
            raise TemplateError(f"Mẫu {name or Path(path).name}: {too_large}.")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise TemplateError(f"Mẫu {name or Path(path).name}: "
                                f"{os_error_text(exc, 'đọc')}.") from None
        return cls(name or Path(path).name, data, environment)

    def _patch(self, part_name: str, label: str, content: bytes) -> PartSource:
        try:
            return part_source(part_name, label, content)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"Mẫu {self.name}: phần {part_name} không phải XML hợp lệ "
                                f"({exc}).") from None

    def _compile(self, source: PartSource) -> _CompiledPart:
        environment = self._environment
        filename = f"{self.name}:{source.part_name}"
        try:
            ast = environment.parse(source.source, self.name, filename)
            unsafe = unsafe_accesses(ast)
            if unsafe:
                raise unsafe_error(self.name, source, unsafe)
            code = environment.compile(ast, self.name, filename)
        except TemplateSyntaxError as exc:
            raise translate_error(self.name, source, exc, filename) from None
        problem = check_structure(source.source)
        if problem is not None:
            raise structure_error(self.name, source, problem)
        template = environment.template_class.from_code(
            environment, code, environment.make_globals(None), None)
        return _CompiledPart(source, template, filename)

    @property
    def variables(self) -> frozenset[str]:
        """Names the template reads from the context (loop variables excluded)."""
        names: set[str] = set()
        for part in self._parts:
            names |= meta.find_undeclared_variables(self._environment.parse(part.source.source))
        return frozenset(names - set(self._environment.globals))

    def _render_part(self, part: _CompiledPart, context: dict[str, Any]) -> bytes:
        try:
            rendered = join_bounded(part.template.generate(context))
        except Exception as exc:  # noqa: BLE001 - every template failure becomes a message
            error = translate_error(self.name, part.source, exc, part.filename)
            if isinstance(exc, (RenderLimitError, RecursionError, MemoryError)):
                self._over_limit = error  # do not spend the time again on the next document
            raise error from None
        xml = finish_xml(part.source, rendered)
        if not part.checked:
            self._check_xml(part, xml)
        return (XML_DECLARATION + xml).encode("utf-8")

    def _check_xml(self, part: _CompiledPart, xml: str) -> None:
        """Parse the first output of each part: misplaced {%p %}/{%tr %} tags break the XML."""
        try:
            etree.fromstring(xml)
        except etree.XMLSyntaxError as exc:
            where = describe_place(part.source, None)
            raise TemplateError(
                f"Mẫu {self.name}: thẻ mẫu đặt sai chỗ làm hỏng cấu trúc văn bản Word "
                f"({exc})" + (f", {where}" if where else "")) from None
        part.checked = True

    def render_bytes(self, context: Mapping[str, Any]) -> bytes:
        """The .docx bytes for `context`; raises TemplateError or RenderError, never half a file."""
        if self._over_limit is not None:
            raise type(self._over_limit)(self._over_limit.message)
        values = dict(context)
        with document_budget(self.seconds):
            return build_zip(self._entries(values))

    def _entries(self, values: dict[str, Any]) -> list[ZipEntry]:
        entries: list[ZipEntry] = []
        for item in self._layout:
            if isinstance(item, ZipEntry):
                entries.append(item)
            elif isinstance(item, _CompiledPart):
                content = self._render_part(item, values)
                entries.append(make_entry(item.source.part_name, content, self.compress_level))
            else:
                try:
                    entries.append(item.entry(values.get(DOCUMENT_DATE_KEY)))
                except ThiduaError as exc:
                    raise RenderError(f"Mẫu {self.name}: {exc.message}") from None
        return entries
