"""Audit event types the directory emits. Payloads hold ids, tables and counts only."""

DIRECTORY_IMPORTED = "directory.imported"
DIRECTORY_EXPORTED = "directory.exported"
LISTING_UPDATED = "directory.listing_updated"
LISTING_VERIFIED = "directory.listing_verified"
ORGANISATION_LINKED = "directory.organisation_linked"
TAXONOMY_INSTALLED = "directory.taxonomy_installed"
STALE_REMINDER_SENT = "directory.stale_reminder_sent"
