"""The normalisers, in one place: everything a comparison or a search index folds values with.

Import from here (``from caseweave.people.matching.normalise import fold``); the functions
live in small modules by subject.
"""

from functools import lru_cache

from caseweave.people.matching.dates import (
    DateLevel,
    DateParseError,
    PartialDate,
    date_similarity,
    parse_partial_date,
)
from caseweave.people.matching.identifiers import (
    IdentifierError,
    IdentifierType,
    identifier_type,
    identifier_types,
    luhn_valid,
    normalise_identifier,
    register_identifier_type,
)
from caseweave.people.matching.nicknames import (
    NicknameTable,
    NicknameTableError,
    configure_nicknames,
    default_nickname_table,
    given_name_variants,
)
from caseweave.people.matching.phones import normalise_phone
from caseweave.people.matching.text import PARTICLES, NameTokens, fold, name_tokens, phonetic

__all__ = [
    "PARTICLES",
    "DateLevel",
    "DateParseError",
    "IdentifierError",
    "IdentifierType",
    "NameTokens",
    "NicknameTable",
    "NicknameTableError",
    "PartialDate",
    "configure_nicknames",
    "date_similarity",
    "default_nickname_table",
    "fold",
    "given_name_variants",
    "identifier_type",
    "identifier_types",
    "luhn_valid",
    "name_tokens",
    "normalise_email",
    "normalise_identifier",
    "normalise_phone",
    "normalise_postcode",
    "parse_partial_date",
    "phonetic",
    "register_identifier_type",
]


def normalise_email(raw: str | None) -> str | None:
    """Lowercased, trimmed e-mail address, or ``None`` when it has no "@"."""
    value = (raw or "").strip().lower()
    return value if "@" in value else None


@lru_cache(maxsize=65_536)
def normalise_postcode(raw: str | None) -> str | None:
    """Postcode in capitals without spaces ("k1a 0b1" -> "K1A0B1"), or ``None`` if empty."""
    value = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    return value or None
