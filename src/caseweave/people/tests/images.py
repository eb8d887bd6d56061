"""Tiny images built in the test, never real photos: a PNG any browser shows, a JPEG shaped
like a phone's (JFIF, EXIF with a GPS tag, a comment, then the picture) for the stripper."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (200, 30, 60)) -> bytes:
    """A solid-colour PNG carrying a text chunk and an EXIF chunk (both to be stripped)."""
    row = b"\x00" + bytes(rgb) * width  # filter byte "none", then the pixels
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _chunk(b"tEXt", b"Comment\x00taken at 51.5007N 0.1246W")
        + _chunk(b"eXIf", b"MM\x00*\x00\x00\x00\x08GPSLatitude")
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


JPEG_PICTURE = b"\x12\x34\xff\x00\x56"  # entropy-coded bytes, with a stuffed 0xFF


def jpeg() -> bytes:
    return (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + _segment(0xE1, b"Exif\x00\x00MM\x00*GPSLatitude 51.5007")
        + _segment(0xFE, b"Taken outside the shelter")
        + _segment(0xDB, b"\x00" + bytes(range(64)))
        + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + JPEG_PICTURE
        + b"\xff\xd9"
    )
