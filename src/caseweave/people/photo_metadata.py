"""Taking the metadata out of a photo's bytes before it is stored, without an image library.

A phone photo carries where and when it was taken (EXIF GPS), the device, sometimes a
thumbnail of the uncropped picture. None of it is needed to recognise the person, and the
place can endanger them. JPEG keeps the segments needed to decode the picture (JFIF, ICC
colour profile, Adobe colour transform) and drops every other application segment and
comments; PNG drops EXIF, text and time chunks. The picture data is copied unchanged.

HEIC is refused as a photo (``people.actions.photo``): its metadata sits in the ISO box
structure's item tables, which cannot be rewritten safely without an image library (Pillow
is not a dependency).

EXIF also holds the orientation flag, so a phone photo stored without it may show rotated.
"""

from __future__ import annotations

import struct

JPEG_SOI = b"\xff\xd8"
JPEG_START_OF_SCAN = 0xDA
JPEG_END_OF_IMAGE = 0xD9
# APP0 (JFIF), APP2 (ICC profile), APP14 (Adobe colour transform): needed to show colours right.
JPEG_KEPT_APP_MARKERS = frozenset({0xE0, 0xE2, 0xEE})
JPEG_COMMENT = 0xFE
# Markers without a length field: TEM and the restart markers.
JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_DROPPED_CHUNKS = frozenset({b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"})


class DamagedImage(ValueError):
    """The bytes start like the image type but do not follow its structure."""


def strip_metadata(content: bytes, content_type: str) -> bytes:
    """``content`` without its metadata, for ``image/jpeg`` and ``image/png``; other types
    come back unchanged. Raises ``DamagedImage`` when the structure cannot be followed."""
    if content_type == "image/jpeg":
        return _strip_jpeg(content)
    if content_type == "image/png":
        return _strip_png(content)
    return content


def _strip_jpeg(content: bytes) -> bytes:
    if not content.startswith(JPEG_SOI):
        raise DamagedImage("not a JPEG stream")
    kept = [JPEG_SOI]
    position = 2
    while position < len(content):
        if content[position] != 0xFF:
            raise DamagedImage(f"expected a JPEG marker at byte {position}")
        while position < len(content) and content[position] == 0xFF:
            position += 1  # fill bytes before a marker
        if position >= len(content):
            raise DamagedImage("the JPEG stream ends inside a marker")
        marker = content[position]
        position += 1
        if marker == JPEG_END_OF_IMAGE:
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        if marker in JPEG_STANDALONE:
            kept.append(bytes((0xFF, marker)))
            continue
        if position + 2 > len(content):
            raise DamagedImage("the JPEG stream ends inside a segment header")
        (length,) = struct.unpack(">H", content[position : position + 2])
        end = position + length
        if length < 2 or end > len(content):
            raise DamagedImage(f"a JPEG segment at byte {position} runs past the end")
        if marker == JPEG_START_OF_SCAN:
            # The compressed picture follows up to the end: copied as it is.
            kept.append(bytes((0xFF, marker)) + content[position:])
            return b"".join(kept)
        dropped = marker == JPEG_COMMENT or (
            0xE0 <= marker <= 0xEF and marker not in JPEG_KEPT_APP_MARKERS
        )
        if not dropped:
            kept.append(bytes((0xFF, marker)) + content[position:end])
        position = end
    raise DamagedImage("the JPEG stream has no picture data")


def _strip_png(content: bytes) -> bytes:
    if not content.startswith(PNG_SIGNATURE):
        raise DamagedImage("not a PNG stream")
    kept = [PNG_SIGNATURE]
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        end = position + 12 + length  # length, type, data, CRC
        if end > len(content):
            raise DamagedImage(f"a PNG chunk at byte {position} runs past the end")
        if kind not in PNG_DROPPED_CHUNKS:
            kept.append(content[position:end])
        position = end
        if kind == b"IEND":
            return b"".join(kept)
    raise DamagedImage("the PNG stream has no end chunk")
