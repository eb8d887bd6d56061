"""Identifier checks for the registry's identifier types.

A thin layer over :mod:`caseweave.people.matching.identifiers`, which holds the one
implementation of formats and check digits; this module adds the registry's own types
(``people.choices.IdentifierType``) and messages that quote the value the user typed.
"""

from __future__ import annotations

from caseweave.people.choices import IdentifierType
from caseweave.people.matching.identifiers import (
    REGISTRY_TYPES,
    identifier_type,
    luhn_valid,
    strip_separators,
)

__all__ = ["identifier_problem", "luhn_valid", "normalise_identifier"]

_MAX_LENGTH = 64


def normalise_identifier(value: str) -> str:
    """Upper case without spaces, hyphens, dots or slashes ("046 454 286" -> "046454286")."""
    return strip_separators(value)


def identifier_problem(type_: str, value: str) -> str | None:
    """Why ``value`` cannot be an identifier of ``type_``, or None when it can.

    Social insurance numbers are 9 digits with a Luhn check digit (as in Canada); health
    cards 10 digits (version code letters, if typed, are allowed); other types have no
    public checksum and only need characters.
    """
    if type_ not in IdentifierType.values:
        return f"unknown identifier type {type_!r}"
    normalised = normalise_identifier(value)
    if not normalised:
        return "the number is empty"
    if len(normalised) > _MAX_LENGTH:
        return f"the number is longer than {_MAX_LENGTH} characters"
    code = REGISTRY_TYPES.get(type_)
    if code is None:
        return None
    problem = identifier_type(code).problem(value)
    if problem is None:
        return None
    return f"{IdentifierType(type_).label.lower()} {value!r} {problem}"
