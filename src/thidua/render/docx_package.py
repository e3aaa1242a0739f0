"""The .docx zip package: its parts in order, the parts to render, and deterministic zip output."""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from lxml import etree

from thidua.errors import TemplateError
from thidua.vietnamese.formatting import VnFormatError, parse_date
from thidua.zipguard import archive_problem

DYNAMIC_COMPRESS_LEVEL = 6  # rendered parts; see bench/bench_render.py for the trade-off
STATIC_COMPRESS_LEVEL = 9  # untouched parts are compressed once per run, so squeeze them
FIXED_TIMESTAMP = "1980-01-01T00:00:00Z"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_DOCUMENT_REL = _OFFICE_REL + "officeDocument"
_CORE_PROPERTIES_REL = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
# Parts of the main document that may hold template tags, with the label used in messages.
RENDERED_RELATIONSHIPS = {
    _OFFICE_REL + "header": "đầu trang",
    _OFFICE_REL + "footer": "chân trang",
    _OFFICE_REL + "footnotes": "chú thích cuối trang",
    _OFFICE_REL + "endnotes": "chú thích cuối văn bản",
}
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

# A zip entry for a DOS date of 1980-01-01 00:00:00, the earliest a zip can express.
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_VERSION = 20  # 2.0: deflate
_UTF8_FLAG = 0x800
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class ZipEntry:
    """One compressed zip member, ready to be laid out: header fields and deflated data."""

    name: bytes
    flags: int
    crc: int
    size: int
    data: bytes  # raw deflate stream

    @cached_property
    def local_block(self) -> bytes:
        """Local header + data; cached, so an unchanged part costs nothing per document."""
        header = _LOCAL_HEADER.pack(
            b"PK\x03\x04", _VERSION, 0, self.flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
            self.crc, len(self.data), self.size, len(self.name), 0)
        return header + self.name + self.data

    def central_record(self, offset: int) -> bytes:
        header = _CENTRAL_HEADER.pack(
            b"PK\x01\x02", _VERSION, 0, _VERSION, 0, self.flags, zipfile.ZIP_DEFLATED,
            _DOS_TIME, _DOS_DATE, self.crc, len(self.data), self.size, len(self.name),
            0, 0, 0, 0, 0, offset)
        return header + self.name


def make_entry(name: str, content: bytes, level: int = DYNAMIC_COMPRESS_LEVEL) -> ZipEntry:
    """Deflate `content` as the zip member `name` (fixed 1980-01-01 timestamp)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    flags = 0 if name.isascii() else _UTF8_FLAG
    return ZipEntry(name.encode("utf-8"), flags, zlib.crc32(content), len(content), data)


def build_zip(entries: Iterable[ZipEntry]) -> bytes:
    """The zip file holding `entries` in the given order."""
    blocks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry in entries:
        block = entry.local_block
        central.append(entry.central_record(offset))
        blocks.append(block)
        offset += len(block)
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory),
                           offset, 0)
    return b"".join(blocks) + directory + end


def raw_entries(data: bytes) -> list[ZipEntry]:
    """The members of a zip as ZipEntry, their deflated data taken as it is (no inflate, no
    recompression); stored members are deflated."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_DEFLATED:
                entries.append(make_entry(info.filename, archive.read(info)))
                continue
            header = _LOCAL_HEADER.unpack_from(data, info.header_offset)
            start = info.header_offset + _LOCAL_HEADER.size + header[-2] + header[-1]
            entries.append(ZipEntry(info.filename.encode("utf-8"), info.flag_bits & _UTF8_FLAG,
                                    info.CRC, info.file_size,
                                    data[start:start + info.compress_size]))
    return entries


@dataclass(frozen=True)
class Package:
    """The parts of a .docx in zip order, and which of them are templates or core properties."""

    parts: dict[str, bytes]
    rendered: dict[str, str]  # part name → label ("" for the main document)
    core_properties: str | None


def _relationships(parts: dict[str, bytes], source: str) -> list[tuple[str, str]]:
    """(type, target part name) of the internal relationships of part `source` ("" = package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name not in parts:
        return []
    root = etree.fromstring(parts[rels_name])
    found = []
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        found.append((rel.get("Type", ""), name))
    return found


def read_package(data: bytes, template_name: str) -> Package:
    """Parse a .docx: parts in zip order, the main document and its headers/footers/notes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            too_large = archive_problem(archive)
            if too_large is not None:
                raise TemplateError(f"Mẫu {template_name}: {too_large}; hãy dùng mẫu nhẹ hơn "
                                    "(nén hoặc bỏ bớt ảnh).")
            parts = {info.filename: archive.read(info) for info in archive.infolist()
                     if not info.is_dir()}
        package_rels = _relationships(parts, "")
        main = next((name for kind, name in package_rels if kind == _MAIN_DOCUMENT_REL), None)
        main_rels = _relationships(parts, main) if main in parts else []
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise TemplateError(f"Mẫu {template_name}: không đọc được tệp Word ({exc}).") from None
    if main is None or main not in parts:
        raise TemplateError(f"Mẫu {template_name}: không phải tệp Word .docx (thiếu phần nội dung "
                            "chính).")
    rendered = {main: ""}
    for kind, name in main_rels:
        if kind in RENDERED_RELATIONSHIPS and name in parts:
            rendered[name] = f"{RENDERED_RELATIONSHIPS[kind]} {posixpath.basename(name)}"
    core = next((name for kind, name in package_rels if kind == _CORE_PROPERTIES_REL), None)
    return Package(parts, rendered, core if core in parts else None)


def document_timestamp(value: object) -> str:
    """W3CDTF timestamp for docProps/core.xml from a context `_document_date` value."""
    if value is None or value == "":
        return FIXED_TIMESTAMP
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        day = value if isinstance(value, date) else parse_date(value)  # type: ignore[arg-type]
    except VnFormatError as exc:
        raise VnFormatError(f"_document_date: {exc.message}") from None
    return f"{day.isoformat()}T00:00:00Z"


def normalised_core_properties(xml: bytes, timestamp: str) -> bytes:
    """core.xml with dcterms:created/modified set to `timestamp` (added if missing)."""
    root = etree.fromstring(xml)
    for field in ("created", "modified"):
        element = root.find(f"{{{_DCTERMS}}}{field}")
        if element is None:
            element = etree.SubElement(root, f"{{{_DCTERMS}}}{field}")
        element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
        element.text = timestamp
    return XML_DECLARATION.encode() + etree.tostring(root, encoding="utf-8")


def static_entries(parts: dict[str, bytes], names: Sequence[str]) -> dict[str, ZipEntry]:
    """Precompressed zip entries for the parts copied unchanged into every document."""
    return {name: make_entry(name, parts[name], STATIC_COMPRESS_LEVEL) for name in names}
