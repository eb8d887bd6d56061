"""Adding and ending a person's other names, contact methods and identifiers, and moving
them to a new living situation. Nothing is overwritten: an ended row keeps its history.

Each action takes the person's ``version`` (see ``person_edit.person_editing``), needs UPDATE
on the category of the row, and audits ``person.updated`` naming the section and row id.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from caseweave.access.types import Actor, Category, PersonId
from caseweave.people.actions.person_edit import (
    LOCK_REASON,
    audit_edit,
    person_editing,
)
from caseweave.people.choices import IdentifierType, NameKind
from caseweave.people.errors import InvalidPerson, Problem
from caseweave.people.identifiers import identifier_problem, normalise_identifier
from caseweave.people.inputs import ContactInput, IdentifierInput, PersonInput, ResidenceInput
from caseweave.people.models import ContactMethod, PersonIdentifier, PersonName, Residence
from caseweave.people.search_index import index_people, normalise_contact
from caseweave.people.validation import control_character_problems, validate_person

# Kinds of other names staff add here; legal and preferred names are identity fields.
OTHER_NAME_KINDS = (NameKind.ALIAS, NameKind.STREET, NameKind.PREVIOUS)


def person_name_add(
    *, actor: Actor, person_id: PersonId, version: int, kind: str, text: str
) -> PersonName:
    text = text.strip()
    problems = control_character_problems({"text": text})
    if kind not in OTHER_NAME_KINDS:
        problems.append(Problem("kind", f"unknown kind of name {kind!r}"))
    if not text:
        problems.append(Problem("text", "the name is empty"))
    elif len(text) > 200:
        problems.append(Problem("text", "at most 200 characters"))
    if problems:
        raise InvalidPerson(problems)
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        name = PersonName.objects.create(person_id=person_id, kind=kind, text=text)
        index_people([person_id])
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="names",
            change="added",
            object_type="person_name",
            object_id=name.pk,
        )
    return name


def person_name_end(*, actor: Actor, person_id: PersonId, version: int, name_id: int) -> None:
    """The name is no longer used; the row stays on record with its end date."""
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        ended = _end_rows(PersonName, person_id, name_id, "name")
        index_people([person_id])
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="names",
            change="ended",
            object_type="person_name",
            object_id=ended,
        )


def contact_add(
    *, actor: Actor, person_id: PersonId, version: int, contact: ContactInput
) -> ContactMethod:
    problems = control_character_problems({"value": contact.value})
    problems += validate_person(PersonInput(given_names="-", contacts=(contact,)))
    if problems:
        raise InvalidPerson(
            [Problem(_field(p.field, "contacts[0]", "value"), p.message) for p in problems]
        )
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        method = ContactMethod.objects.create(
            person_id=person_id,
            kind=contact.kind,
            value=contact.value.strip(),
            normalised=normalise_contact(contact.kind, contact.value),
            consent_to_contact=contact.consent_to_contact,
            safe_to_leave_message=contact.safe_to_leave_message,
        )
        index_people([person_id])
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="contacts",
            change="added",
            object_type="contact_method",
            object_id=method.pk,
            fields=["consent_to_contact", "safe_to_leave_message"],
        )
    return method


def contact_end(*, actor: Actor, person_id: PersonId, version: int, contact_id: int) -> None:
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        ended = _end_rows(ContactMethod, person_id, contact_id, "contact")
        index_people([person_id])
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="contacts",
            change="ended",
            object_type="contact_method",
            object_id=ended,
        )


CONTACT_FLAGS = ("consent_to_contact", "safe_to_leave_message")


def contact_flags_update(
    *, actor: Actor, person_id: PersonId, version: int, contact_id: int, flags: dict[str, bool]
) -> tuple[ContactMethod, list[str]]:
    """Change what the person agreed to on a current contact method, in place: whether they
    may be contacted there and whether a message may be left (the number or address itself
    is changed by ending the method and adding another, so its history stays).

    Needs UPDATE on IDENTITY (a refusal raises ``NotFound``); raises ``StaleVersion`` when
    the person changed since ``version`` was read, ``InvalidPerson`` naming the field for an
    unknown flag or a contact method that is not current on this person. Audits
    ``person.updated`` naming the flags that changed, never their values; a request that
    changes nothing writes nothing and keeps the version. Returns the contact method and
    the names of the flags that changed.
    """
    unknown = sorted(set(flags) - set(CONTACT_FLAGS))
    problems = [Problem(name, "this field cannot be changed here") for name in unknown]
    problems += [
        Problem(name, "expected true or false")
        for name, value in flags.items()
        if name in CONTACT_FLAGS and not isinstance(value, bool)
    ]
    if problems:
        raise InvalidPerson(problems)
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        method = (
            ContactMethod.objects.for_system(LOCK_REASON)
            .filter(pk=contact_id, person_id=person_id, ended_at__isnull=True)
            .first()
        )
        if method is None:
            raise InvalidPerson(
                [Problem("contact", f"no current contact #{contact_id} on this person's record")]
            )
        changed = [
            name for name in CONTACT_FLAGS if name in flags and getattr(method, name) != flags[name]
        ]
        if not changed:
            session.unchanged = True
            return method, []
        for name in changed:
            setattr(method, name, flags[name])
        method.save(update_fields=changed)
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="contacts",
            change="updated",
            object_type="contact_method",
            object_id=method.pk,
            fields=changed,
        )
    return method, changed


def identifier_add(
    *, actor: Actor, person_id: PersonId, version: int, identifier: IdentifierInput
) -> PersonIdentifier:
    """Checksum-validated and unique per type (and issuer) among current identifiers; an
    identifier held by someone else is refused naming the identifier, never the holder."""
    values = {"identifier": identifier.value, "issuer": identifier.issuer}
    if problems := control_character_problems(values):
        raise InvalidPerson(problems)
    label = _identifier_label(identifier)
    problem = identifier_problem(identifier.type, identifier.value)
    if problem:
        raise InvalidPerson([Problem("identifier", problem)])
    if len(identifier.issuer) > 120:
        raise InvalidPerson([Problem("issuer", "at most 120 characters")])
    normalised = normalise_identifier(identifier.value)
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        holder = (
            PersonIdentifier.objects.for_system("identifier uniqueness check")
            .filter(
                type=identifier.type,
                issuer=identifier.issuer,
                normalised=normalised,
                ended_at__isnull=True,
            )
            .values_list("person_id", flat=True)
            .first()
        )
        if holder == person_id:
            raise InvalidPerson(
                [Problem("identifier", f"{label} is already recorded for this person")]
            )
        if holder is not None:
            raise InvalidPerson(
                [
                    Problem(
                        "identifier",
                        f"{label} is already registered to another person; "
                        "search for them: this may be a duplicate record",
                    )
                ]
            )
        try:
            with transaction.atomic():
                row = PersonIdentifier.objects.create(
                    person_id=person_id,
                    type=identifier.type,
                    issuer=identifier.issuer.strip(),
                    value=identifier.value.strip(),
                    normalised=normalised,
                )
        except IntegrityError as error:  # registered elsewhere at this very moment
            raise InvalidPerson(
                [Problem("identifier", f"{label} is already registered to another person")]
            ) from error
        index_people([person_id])
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="identifiers",
            change="added",
            object_type="person_identifier",
            object_id=row.pk,
            fields=[identifier.type],
        )
    return row


def identifier_end(*, actor: Actor, person_id: PersonId, version: int, identifier_id: int) -> None:
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        ended = _end_rows(PersonIdentifier, person_id, identifier_id, "identifier")
        index_people([person_id])
        audit_edit(
            actor,
            session.person,
            Category.IDENTITY,
            section="identifiers",
            change="ended",
            object_type="person_identifier",
            object_id=ended,
        )


def residence_add(
    *,
    actor: Actor,
    person_id: PersonId,
    version: int,
    residence: ResidenceInput,
    started_on: dt.date | None = None,
) -> Residence:
    """A new living situation from ``started_on`` (today by default). The current one ends
    that day; earlier ones are never changed. Needs UPDATE on HOUSING."""
    started_on = started_on or timezone.localdate()
    problems = validate_person(PersonInput(given_names="-", residence=residence))
    problems = [Problem("situation", p.message) for p in problems]
    problems += control_character_problems(
        {
            "address": residence.address,
            "locality": residence.locality,
            "postal_code": residence.postal_code,
            "place_note": residence.place_note,
        }
    )
    for name, value, limit in [
        ("address", residence.address, 300),
        ("locality", residence.locality, 120),
        ("postal_code", residence.postal_code, 16),
        ("place_note", residence.place_note, 200),
    ]:
        if len(value) > limit:
            problems.append(Problem(name, f"at most {limit} characters"))
    if started_on > timezone.localdate():
        problems.append(Problem("started_on", "the move is in the future"))
    if problems:
        raise InvalidPerson(problems)
    with person_editing(actor, person_id, version, Category.HOUSING) as session:
        current = list(
            Residence.objects.for_system(LOCK_REASON).filter(
                person_id=person_id, ended_on__isnull=True
            )
        )
        for previous in current:
            if previous.started_on > started_on:
                raise InvalidPerson(
                    [
                        Problem(
                            "started_on",
                            "the current living situation started after "
                            f"{started_on.isoformat()} ({previous.started_on.isoformat()})",
                        )
                    ]
                )
            previous.ended_on = started_on
            previous.save(update_fields=["ended_on"])
        row = Residence.objects.create(
            person_id=person_id,
            situation=residence.situation,
            address=residence.address.strip(),
            locality=residence.locality.strip(),
            postal_code=residence.postal_code.strip(),
            place_note=residence.place_note.strip(),
            started_on=started_on,
        )
        audit_edit(
            actor,
            session.person,
            Category.HOUSING,
            section="residences",
            change="added",
            object_type="residence",
            object_id=row.pk,
        )
    return row


def _end_rows(
    model: type[PersonName] | type[ContactMethod] | type[PersonIdentifier],
    person_id: PersonId,
    row_id: int,
    field: str,
) -> int:
    ended = (
        model.objects.for_system(LOCK_REASON)
        .filter(pk=row_id, person_id=person_id, ended_at__isnull=True)
        .update(ended_at=timezone.now())
    )
    if not ended:
        raise InvalidPerson(
            [Problem(field, f"no current {field} #{row_id} on this person's record")]
        )
    return row_id


def _field(field: str, old: str, new: str) -> str:
    return new if field == old else field


def _identifier_label(identifier: IdentifierInput) -> str:
    type_label = (
        IdentifierType(identifier.type).label
        if identifier.type in IdentifierType.values
        else identifier.type
    )
    return f"{type_label} {identifier.value.strip()!r}"
