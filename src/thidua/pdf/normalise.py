"""Make LibreOffice's PDFs byte-identical for identical input (dates, /ID, checksum)."""

from __future__ import annotations

import hashlib
import re

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{4,14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


def normalise_pdf(data: bytes) -> bytes:
    """Fixed dates and a content-derived /ID, same lengths so xref offsets stay valid."""
    def fixed_date(match: re.Match[bytes]) -> bytes:
        digits = match.group(2)
        stamp = b"19800101000000"[: len(digits)]
        return match.group(0)[: -len(digits)] + stamp

    data = _PDF_DATE.sub(fixed_date, data)
    blank = _PDF_ID.sub(lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1)))
                        .replace(m.group(2), b"0" * len(m.group(2))), data)
    blank = _PDF_CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1))),
                              blank)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    blank = _PDF_CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), digest[: len(m.group(1))]),
                              blank)

    def content_id(match: re.Match[bytes]) -> bytes:
        first, second = match.group(1), match.group(2)
        ident = (digest * 4)[: len(first)]
        return match.group(0).replace(first, ident).replace(second, (digest * 4)[: len(second)])

    return _PDF_ID.sub(content_id, blank)
