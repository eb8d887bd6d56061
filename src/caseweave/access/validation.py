"""Checks shared by the consent, agreement and break-glass actions; each lists every error."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from caseweave.access.types import Category, Purpose

SCAN_TYPES = {
    "application/pdf": b"%PDF",
    "image/png": b"\x89PNG",
    "image/jpeg": b"\xff\xd8\xff",
}
SCAN_MAX_BYTES = 10 * 1024 * 1024


class Errors(dict[str, list[str]]):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def enum_values(
    errors: Errors, field: str, values: Iterable[str], kind: type[Category] | type[Purpose]
) -> list[str]:
    valid = {str(member) for member in kind}
    chosen = [str(value) for value in values]
    unknown = sorted(set(chosen) - valid)
    if unknown:
        errors.add(field, _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)})
    return [value for value in chosen if value in valid]


def category_values(errors: Errors, field: str, values: Iterable[str]) -> list[str]:
    """The chosen categories that exist and are in use: fixed, or configured and active."""
    from caseweave.access import categories

    valid = {str(category) for category in categories.all_categories()}
    chosen = [str(value) for value in values]
    unknown = sorted(set(chosen) - valid)
    if unknown:
        errors.add(field, _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)})
    return [value for value in chosen if value in valid]


def period(errors: Errors, valid_from: datetime, valid_until: datetime | None) -> None:
    if valid_until is not None and valid_until <= valid_from:
        errors.add("valid_until", _("The end must come after the start."))


def scan(errors: Errors, upload: UploadedFile | None) -> None:
    if upload is None:
        errors.add("evidence_scan", _("Upload the scan of the signed form."))
        return
    if upload.size is not None and upload.size > SCAN_MAX_BYTES:
        errors.add("evidence_scan", _("The scan is larger than 10 MB."))
    magic = SCAN_TYPES.get(upload.content_type or "")
    head = upload.read(8)
    upload.seek(0)
    if magic is None or not head.startswith(magic):
        errors.add("evidence_scan", _("The scan must be a PDF, PNG or JPEG file."))
