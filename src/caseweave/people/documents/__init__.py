"""Checks every uploaded document passes before it is stored: size, content type, virus scan."""

from caseweave.people.documents.content import ALLOWED_TYPES, sniff_content_type
from caseweave.people.documents.scanning import (
    ClamdScanner,
    Scanner,
    ScanResult,
    SignatureScanner,
    configured_scanner,
)

__all__ = [
    "ALLOWED_TYPES",
    "ClamdScanner",
    "ScanResult",
    "Scanner",
    "SignatureScanner",
    "configured_scanner",
    "sniff_content_type",
]
