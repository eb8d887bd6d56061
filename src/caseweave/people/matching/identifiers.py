"""Identifier types (health cards, SIN, passports) with their formats and check digits.

The one implementation of identifier checks: the registry (``caseweave.people.identifiers``,
forms, API, imports) and the matcher (files, benchmarks) both validate through here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "REGISTRY_TYPES",
    "IdentifierError",
    "IdentifierType",
    "identifier_type",
    "identifier_types",
    "luhn_valid",
    "normalise_identifier",
    "register_identifier_type",
    "strip_separators",
]

_SEPARATORS = re.compile(r"[\s\-./]")


def strip_separators(value: str) -> str:
    """Upper case without spaces, hyphens, dots or slashes ("046 454 286" -> "046454286"):
    the form in which identifiers of any type are stored, indexed and compared."""
    return _SEPARATORS.sub("", value).upper()


class IdentifierError(ValueError):
    """An identifier is malformed. The message names the identifier type and the problem,
    never the value itself, so it can be logged and shown without leaking the number."""


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(digits: str) -> bool:
    """True if ``digits`` (only 0-9) passes the Luhn mod-10 check."""
    if not digits.isascii() or not digits.isdigit():
        return False
    odd = digits[-1::-2]  # check digit and every second digit from the right, as they are
    even = digits[-2::-1][::2]  # the others, doubled (digits of the product summed)
    return (sum(map(int, odd)) + sum(_DOUBLED[int(d)] for d in even)) % 10 == 0


@dataclass(frozen=True, slots=True)
class IdentifierType:
    """One kind of identifier: how to clean it, which shape it must have, its check digit."""

    code: str
    label: str
    pattern: str  # full-match regular expression on the cleaned value
    checksum: Callable[[str], bool] | None = None
    keep: str = r"[0-9A-Z]"  # characters kept when cleaning (spaces, dashes are dropped)
    format_hint: str = ""

    def clean(self, raw: str) -> str:
        return "".join(re.findall(self.keep, (raw or "").upper()))

    def problem(self, raw: str) -> str | None:
        """What is wrong with ``raw`` as this type ("fails its check digit"), without the
        value itself; ``None`` when it is valid."""
        value = self.clean(raw)
        if not value:
            return "is empty"
        if not re.fullmatch(self.pattern, value):
            return f"must have {self.format_hint}" if self.format_hint else "has a wrong format"
        if self.checksum is not None and not self.checksum(value):
            return "fails its check digit (probably a typo)"
        return None

    def normalise(self, raw: str) -> str:
        """Return the cleaned value, or raise :class:`IdentifierError` saying what is wrong."""
        problem = self.problem(raw)
        if problem is not None:
            raise IdentifierError(f"{self.label} {problem}")
        return self.clean(raw)


_REGISTRY: dict[str, IdentifierType] = {}


def register_identifier_type(kind: IdentifierType) -> None:
    """Add or replace an identifier type (an agency's own client number, a provincial card)."""
    _REGISTRY[kind.code] = kind


def identifier_type(code: str) -> IdentifierType:
    try:
        return _REGISTRY[code]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise IdentifierError(f"unknown identifier type {code!r}; known types: {known}") from None


def identifier_types() -> list[IdentifierType]:
    return sorted(_REGISTRY.values(), key=lambda kind: kind.code)


def normalise_identifier(code: str, raw: str) -> str:
    """Clean and validate ``raw`` as an identifier of type ``code``; see IdentifierType."""
    return identifier_type(code).normalise(raw)


def _ontario_health_card_valid(value: str) -> bool:
    return luhn_valid(value[:10])


for _kind in (
    # Any Luhn-valid 9 digits: the documented test number 046 454 286 must pass.
    IdentifierType("ca_sin", "Canadian Social Insurance Number", r"\d{9}", luhn_valid,
                   r"\d", "9 digits"),
    IdentifierType("ca_on_health", "Ontario health card number", r"\d{10}[A-Z]{0,2}",
                   _ontario_health_card_valid,
                   format_hint="10 digits and an optional version code"),
    # What the registry's forms accept as a health card: 10 digits, version letters allowed.
    IdentifierType("ca_health_card", "Health card number", r"\d{10}[A-Z]{0,2}", None,
                   format_hint="10 digits"),
    IdentifierType("health_card", "Health card number", r"\d{8,12}", luhn_valid, r"\d",
                   "8-12 digits with a Luhn check digit"),
    IdentifierType("us_ssn", "US Social Security Number",
                   r"(?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4}", None, r"\d", "9 digits"),
    IdentifierType("passport", "Passport number", r"[A-Z0-9]{5,12}", None,
                   format_hint="5-12 letters or digits"),
    IdentifierType("agency_client", "Agency client number", r"[A-Z0-9]{1,32}", None,
                   format_hint="up to 32 letters or digits"),
):  # fmt: skip
    register_identifier_type(_kind)

# The registry's identifier types (``people.choices.IdentifierType`` values) -> the types
# above; a registry type mapped to None has no format of its own (any non-empty value).
REGISTRY_TYPES: dict[str, str | None] = {
    "national_id": None,
    "health_card": "ca_health_card",
    "social_insurance": "ca_sin",
    "passport": None,
    "agency_case": None,
}
