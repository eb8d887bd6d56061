"""The content type of a document, read from its first bytes (never its name or claimed type).

A file named ``passport.pdf`` that starts with ``MZ`` is an executable and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentType:
    content_type: str
    extension: str
    label: str


PDF = DocumentType("application/pdf", "pdf", "PDF")
JPEG = DocumentType("image/jpeg", "jpg", "JPEG")
PNG = DocumentType("image/png", "png", "PNG")
TIFF = DocumentType("image/tiff", "tif", "TIFF")
HEIC = DocumentType("image/heic", "heic", "HEIC")

ALLOWED_TYPES = (PDF, JPEG, PNG, TIFF, HEIC)

# ISO base media "ftyp" brands of HEIF/HEIC images as phones write them.
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}

# How many leading bytes the sniffer needs.
SNIFF_BYTES = 32


def sniff_content_type(head: bytes) -> DocumentType | None:
    """The allowed type whose magic number ``head`` starts with, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    return None


def allowed_labels() -> str:
    return ", ".join(kind.label for kind in ALLOWED_TYPES)
