"""Typed input of the registry's actions, filled by web forms, the API and imports alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from caseweave.people.choices import DatePrecision, NameOrder, Sex


@dataclass(frozen=True)
class IdentifierInput:
    type: str
    value: str
    issuer: str = ""


@dataclass(frozen=True)
class ContactInput:
    kind: str
    value: str
    consent_to_contact: bool = False
    safe_to_leave_message: bool = False


@dataclass(frozen=True)
class ResidenceInput:
    situation: str
    address: str = ""
    locality: str = ""
    postal_code: str = ""
    place_note: str = ""


@dataclass(frozen=True)
class PersonInput:
    """Everything known about a person at registration; only a name or alias is required."""

    given_names: str = ""
    family_names: str = ""
    name_order: str = NameOrder.GIVEN_FIRST
    preferred_name: str = ""
    aliases: tuple[str, ...] = ()
    birth_date: dt.date | None = None
    birth_date_precision: str = DatePrecision.UNKNOWN
    sex: str = Sex.UNKNOWN
    gender: str = ""
    languages: tuple[str, ...] = ()
    interpreter_needed: bool = False
    identifiers: tuple[IdentifierInput, ...] = ()
    contacts: tuple[ContactInput, ...] = field(default_factory=tuple)
    residence: ResidenceInput | None = None
