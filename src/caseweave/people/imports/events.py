"""Audit event types of client-list imports (payloads hold ids and counts only)."""

REJECTED_ROWS_DOWNLOADED = "people_import.rejected_rows_downloaded"
UPLOADED = "people_import.uploaded"
APPLY_REQUESTED = "people_import.apply_requested"
EXPIRED = "people_import.expired"
