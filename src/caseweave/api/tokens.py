"""Token strings: ``cw_<prefix>_<secret>``; generation, parsing and hashing."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_PATTERN = re.compile(r"^cw_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


def generate() -> tuple[str, str]:
    """A fresh (prefix, token). The prefix is public; the whole token is the secret."""
    prefix = secrets.token_hex(6)
    return prefix, f"cw_{prefix}_{secrets.token_urlsafe(32)}"


def parse_prefix(token: str) -> str | None:
    match = TOKEN_PATTERN.match(token)
    return match.group(1) if match else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def matches(token: str, secret_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), secret_hash)
