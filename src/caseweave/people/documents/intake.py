"""The steps every uploaded file passes, whatever it becomes (a document, a photo): read
within the size limit, then the virus scan, which fails closed.

Each step raises ``Unaccepted`` with the audit reason code and a message naming the upload
(``noun``: "file", "photo"); the caller audits the refusal under its own event and raises
its own error, so the person's field is named where the user made the upload.
"""

from __future__ import annotations

from typing import IO

from django.conf import settings

from caseweave.people.documents.scanning import ScannerUnavailable, configured_scanner

READ_CHUNK = 256 * 1024


class Unaccepted(Exception):
    """The upload may not be stored: ``reason`` for the audit log, ``message`` for people."""

    def __init__(self, reason: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.reason, self.message, self.detail = reason, message, detail


class TooLarge(Unaccepted):
    """Over ``limit`` bytes; callers word the message (``size_text(limit)``)."""

    def __init__(self, limit: int) -> None:
        super().__init__("too_large", f"larger than {size_text(limit)}")
        self.limit = limit


def size_limit() -> int:
    return int(settings.CASEWEAVE_DOCUMENT_MAX_BYTES)


def size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def read_within(file: IO[bytes], limit: int) -> bytes:
    """The file's bytes, read in chunks; ``TooLarge`` as soon as they pass ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := file.read(READ_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
    return b"".join(chunks)


def scan_clean(content: bytes, noun: str) -> None:
    """Pass only content the configured scanner checked and found clean."""
    try:
        result = configured_scanner()(content)
    except ScannerUnavailable as error:
        raise Unaccepted(
            "scanner_unavailable",
            f"the virus scanner could not check the {noun}, so it was not stored; "
            "try again later or tell your administrator",
            str(error),
        ) from error
    if not result.clean:
        raise Unaccepted(
            "infected",
            f"the virus scanner found {result.signature}; the {noun} was not stored",
            result.signature,
        )
