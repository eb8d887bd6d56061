"""PersonRecord: the one shape the matcher compares, whatever the source (registry, file)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from caseweave.people.matching.dates import PartialDate, parse_partial_date
from caseweave.people.matching.identifiers import normalise_identifier
from caseweave.people.matching.normalise import (
    normalise_email,
    normalise_phone,
    normalise_postcode,
)
from caseweave.people.matching.text import fold

__all__ = ["PersonRecord", "normalise_sex"]


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person as the matcher sees them. Values are stored as given; comparisons fold them.

    ``other_names`` holds aliases and street names; ``locality`` is the town or suburb;
    ``identifiers`` maps an identifier type code (see identifiers.py) to its value.
    ``phone`` is normalised by :meth:`build`.
    """

    record_id: str
    given_names: str = ""
    family_names: str = ""
    other_names: tuple[str, ...] = ()
    birth_date: PartialDate | None = None
    sex: str | None = None
    phone: str | None = None
    email: str | None = None
    postcode: str | None = None
    address: str | None = None
    locality: str | None = None
    identifiers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        record_id: Any,
        *,
        given_names: str | None = "",
        family_names: str | None = "",
        other_names: tuple[str, ...] | list[str] = (),
        birth_date: Any = None,
        sex: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        postcode: str | None = None,
        address: str | None = None,
        locality: str | None = None,
        identifiers: Mapping[str, str] | None = None,
        default_country: str = "1",
        strict_identifiers: bool = False,
    ) -> PersonRecord:
        """Build a record from raw values, normalising phone, e-mail, postcode, date and sex.

        Unreadable dates raise DateParseError. Identifiers that fail their check are dropped
        unless ``strict_identifiers`` (then IdentifierError is raised), because a mistyped
        number must not count as evidence of a match.
        """
        clean_ids: dict[str, str] = {}
        for code, value in (identifiers or {}).items():
            if not value:
                continue
            try:
                clean_ids[code] = normalise_identifier(code, value)
            except ValueError:
                if strict_identifiers:
                    raise
        return cls(
            record_id=str(record_id),
            given_names=given_names or "",
            family_names=family_names or "",
            other_names=tuple(n for n in other_names if n),
            birth_date=parse_partial_date(birth_date),
            sex=normalise_sex(sex),
            phone=normalise_phone(phone, default_country),
            email=normalise_email(email),
            postcode=normalise_postcode(postcode),
            address=fold(address) or None,
            locality=fold(locality) or None,
            identifiers=clean_ids,
        )


def normalise_sex(raw: str | None) -> str | None:
    """ "m", "f" or "x" (any other stated sex), or None when not stated."""
    value = fold(raw)
    if not value:
        return None
    return {"m": "m", "male": "m", "man": "m", "f": "f", "female": "f", "woman": "f"}.get(
        value, "x"
    )
