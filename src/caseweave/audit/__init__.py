"""audit: append-only, hash-chained event log of every read and write of personal data."""
