"""Audit event types of client-list imports (payloads hold ids and counts only)."""

REJECTED_ROWS_DOWNLOADED = "people_import.rejected_rows_downloaded"
