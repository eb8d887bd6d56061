"""Identifier normalisation and checksums, per identifier type."""

from __future__ import annotations

import re

from caseweave.people.choices import IdentifierType

_SEPARATORS = re.compile(r"[\s\-./]")


def normalise_identifier(value: str) -> str:
    """Upper case without spaces, hyphens, dots or slashes ("046 454 286" -> "046454286")."""
    return _SEPARATORS.sub("", value).upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def identifier_problem(type_: str, value: str) -> str | None:
    """Why ``value`` cannot be an identifier of ``type_``, or None when it can.

    Social insurance numbers are 9 digits with a Luhn check digit (as in Canada); health
    cards 10 digits (the version code letters, if typed, are separated by the normaliser
    and ignored here); other types have no public checksum and only need characters.
    """
    normalised = normalise_identifier(value)
    if type_ not in IdentifierType.values:
        return f"unknown identifier type {type_!r}"
    if not normalised:
        return "the number is empty"
    if len(normalised) > 64:
        return "the number is longer than 64 characters"
    if type_ == IdentifierType.SOCIAL_INSURANCE:
        if not normalised.isdigit() or len(normalised) != 9:
            return f"social insurance number {value!r} must have 9 digits"
        if not luhn_valid(normalised):
            return f"social insurance number {value!r} fails its check digit"
    if type_ == IdentifierType.HEALTH_CARD:
        digits = normalised.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if not digits.isdigit() or len(digits) != 10:
            return f"health card number {value!r} must have 10 digits"
    return None
