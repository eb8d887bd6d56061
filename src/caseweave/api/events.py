"""Audit event types the api module emits. Payloads hold ids and scope names only."""

API_CLIENT_CREATED = "api.client_created"
API_CLIENT_DEACTIVATED = "api.client_deactivated"
# Event names, not secrets (ruff's S105 flags any name containing "token").
API_TOKEN_ISSUED = "api.token_issued"  # noqa: S105
API_TOKEN_REVOKED = "api.token_revoked"  # noqa: S105
API_TOKENS_EXPIRED_PURGED = "api.tokens_expired_purged"
