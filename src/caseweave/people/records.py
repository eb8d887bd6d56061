"""The adapter from the registry to the matching engine: Person rows -> ``PersonRecord``."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from caseweave.people.choices import ContactKind, IdentifierType
from caseweave.people.dates import partial_date_of
from caseweave.people.matching import PersonRecord
from caseweave.people.matching.nicknames import NicknameTableError, configure_nicknames
from caseweave.people.models import ContactMethod, Person, PersonIdentifier, PersonName

# Registry identifier types -> the engine's type codes (types without one are not compared).
ENGINE_IDENTIFIER_TYPES = {
    IdentifierType.SOCIAL_INSURANCE: "ca_sin",
    IdentifierType.PASSPORT: "passport",
    IdentifierType.AGENCY_CASE: "agency_client",
}


def person_records(reason: str, person_ids: Sequence[UUID] | None = None) -> list[PersonRecord]:
    """Records of current (not merged-away) people, for a system task that states ``reason``."""
    people = Person.objects.for_system(reason).filter(merged_into__isnull=True)
    if person_ids is not None:
        people = people.filter(id__in=person_ids)
    people = people.only(
        "id", "given_names", "family_names", "preferred_name", "birth_date",
        "birth_date_precision", "sex",
    )  # fmt: skip
    other_names: dict[UUID, list[str]] = {}
    for person_id, text in (
        PersonName.objects.for_system(reason).filter(ended_at__isnull=True)
        .values_list("person_id", "text")
    ):  # fmt: skip
        other_names.setdefault(person_id, []).append(text)
    phones: dict[UUID, str] = {}
    emails: dict[UUID, str] = {}
    for person_id, kind, value in (
        ContactMethod.objects.for_system(reason).filter(ended_at__isnull=True)
        .values_list("person_id", "kind", "value")
    ):  # fmt: skip
        if kind == ContactKind.EMAIL:
            emails.setdefault(person_id, value)
        elif kind in {ContactKind.MOBILE, ContactKind.PHONE}:
            phones.setdefault(person_id, value)
    identifiers: dict[UUID, dict[str, str]] = {}
    for person_id, type_, value in (
        PersonIdentifier.objects.for_system(reason).filter(ended_at__isnull=True)
        .values_list("person_id", "type", "value")
    ):  # fmt: skip
        code = ENGINE_IDENTIFIER_TYPES.get(type_)
        if code:
            identifiers.setdefault(person_id, {})[code] = value
    return [
        PersonRecord.build(
            person.id,
            given_names=person.given_names,
            family_names=person.family_names,
            other_names=[n for n in [person.preferred_name, *other_names.get(person.id, [])] if n],
            birth_date=partial_date_of(person.birth_date, person.birth_date_precision),
            sex=person.sex if person.sex in {"female", "male"} else None,
            phone=phones.get(person.id),
            email=emails.get(person.id),
            identifiers=identifiers.get(person.id),
        )
        for person in people.iterator(chunk_size=5000)
    ]


def configure_matching() -> None:
    """Load the agency's nickname table (``CASEWEAVE_PEOPLE_NICKNAMES``, a CSV of
    ``canonical,variant`` rows extending the shipped table); called once at start-up, so a
    bad file stops the server with the file and line named instead of matching silently
    without it."""
    path = getattr(settings, "CASEWEAVE_PEOPLE_NICKNAMES", "") or None
    try:
        configure_nicknames(path)
    except NicknameTableError as error:
        raise ImproperlyConfigured(f"CASEWEAVE_PEOPLE_NICKNAMES: {error}") from None
