"""Why an upload was refused; the message names the file field and what to do."""

from __future__ import annotations

from caseweave.people.errors import InvalidPerson, Problem


class DocumentRefused(InvalidPerson):
    """The file was not stored. ``reason`` is a code for the audit log: ``too_large``,
    ``content_type``, ``infected`` or ``scanner_unavailable``."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__([Problem("file", message)])
