"""Editing a person's identity fields, under optimistic locking.

Every edit of a person's record (here and in ``person_details``) names the ``version`` the
editor read. Someone else's change in between bumps it, and the edit is refused with
``StaleVersion`` before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from caseweave.access import gate
from caseweave.access.types import Action, Actor, Category, PersonId
from caseweave.audit import recorder
from caseweave.people import events
from caseweave.people.choices import NameKind
from caseweave.people.errors import InvalidPerson, Problem, StaleVersion
from caseweave.people.inputs import PersonInput
from caseweave.people.models import Person, PersonName
from caseweave.people.search_index import index_people
from caseweave.people.validation import control_character_problems, validate_person

LOCK_REASON = "edit of a person the actor may update"

IDENTITY_FIELDS = (
    "given_names",
    "family_names",
    "name_order",
    "preferred_name",
    "birth_date",
    "birth_date_precision",
    "sex",
    "gender",
    "languages",
    "interpreter_needed",
    "is_deceased",
    "deceased_on",
)
# A change of any of these changes the person's search keys.
SEARCHED_FIELDS = {"given_names", "family_names", "preferred_name", "birth_date"}
MAX_LANGUAGES = 20


@dataclass
class EditSession:
    person: Person
    unchanged: bool = False  # set when the edit turned out to change nothing: no new version


@contextmanager
def person_editing(
    actor: Actor, person_id: PersonId, version: int, category: Category
) -> Iterator[EditSession]:
    """Check UPDATE on ``category`` (a denial is audited and raises ``NotFound``), lock the
    person, compare versions, and on success bump the version, all in one transaction."""
    gate.authorise(actor, person_id, category, Action.UPDATE, object_type="person")
    with transaction.atomic():
        person: Person = (
            Person.objects.for_system(LOCK_REASON).select_for_update().get(pk=person_id)
        )
        if person.version != version:
            raise StaleVersion(
                "Someone else changed this person since you opened the page "
                f"(version {person.version}, yours {version}). Nothing was saved: "
                "reload to see their changes, then make yours again."
            )
        if person.merged_into_id is not None:
            raise InvalidPerson(
                [Problem("person", "this record was merged into another person; edit that one")]
            )
        session = EditSession(person)
        yield session
        if session.unchanged:
            return
        person.version += 1
        person.updated_at = timezone.now()
        person.save(update_fields=["version", "updated_at"])


def audit_edit(
    actor: Actor,
    person: Person,
    category: Category,
    *,
    section: str,
    change: str,
    object_type: str,
    object_id: str | int,
    fields: list[str] | None = None,
) -> None:
    payload: dict[str, Any] = {"section": section, "change": change, "version": person.version + 1}
    if fields is not None:
        payload["fields"] = fields
    recorder.record(
        actor,
        events.PERSON_UPDATED,
        action="update",
        person_id=person.id,
        categories=[category],
        object_type=object_type,
        object_id=object_id,
        payload=payload,
    )


def person_update(
    *, actor: Actor, person_id: PersonId, version: int, changes: Mapping[str, Any]
) -> Person:
    """Change identity fields (any subset of ``IDENTITY_FIELDS``). Needs UPDATE on IDENTITY.

    Raises ``InvalidPerson`` listing every problem, ``StaleVersion`` on a stale version,
    ``NotFound`` when refused; nothing is written then. Audits ``person.updated`` with the
    names of the fields that changed (never their values).
    """
    unknown = sorted(set(changes) - set(IDENTITY_FIELDS))
    if unknown:
        raise InvalidPerson(
            [Problem(name, "this field cannot be changed here") for name in unknown]
        )
    if problems := control_character_problems(changes):
        raise InvalidPerson(problems)
    with person_editing(actor, person_id, version, Category.IDENTITY) as session:
        person = session.person
        changed = [
            name
            for name in IDENTITY_FIELDS
            if name in changes and getattr(person, name) != changes[name]
        ]
        for name in changed:
            setattr(person, name, changes[name])
        if not person.is_deceased:
            person.deceased_on = None
        _validate_identity(person)
        if not changed:
            session.unchanged = True
            return person
        person.save(update_fields=changed + (["deceased_on"] if "is_deceased" in changed else []))
        if SEARCHED_FIELDS & set(changed):
            index_people([person.id])
        audit_edit(
            actor,
            person,
            Category.IDENTITY,
            section="identity",
            change="updated",
            object_type="person",
            object_id=str(person.id),
            fields=changed,
        )
    return person


def _validate_identity(person: Person) -> None:
    aliases = tuple(
        PersonName.objects.for_system(LOCK_REASON)
        .filter(person_id=person.id, ended_at__isnull=True)
        .exclude(kind=NameKind.PREVIOUS)
        .values_list("text", flat=True)
    )
    languages = person.languages if isinstance(person.languages, list) else []
    problems = validate_person(
        PersonInput(
            given_names=person.given_names,
            family_names=person.family_names,
            name_order=person.name_order,
            preferred_name=person.preferred_name,
            aliases=aliases,
            birth_date=person.birth_date,
            birth_date_precision=person.birth_date_precision,
            sex=person.sex,
            gender=person.gender,
            languages=tuple(languages),
        )
    )
    if not isinstance(person.languages, list) or not all(
        isinstance(language, str) and 0 < len(language.strip()) <= 50
        for language in person.languages
    ):
        problems.append(Problem("languages", "a list of language names, each 1 to 50 characters"))
    elif len(person.languages) > MAX_LANGUAGES:
        problems.append(Problem("languages", f"at most {MAX_LANGUAGES} languages"))
    problems += _deceased_problems(person)
    if problems:
        raise InvalidPerson(problems)


def _deceased_problems(person: Person) -> list[Problem]:
    if person.deceased_on is None:
        return []
    if person.deceased_on > dt.date.today():
        return [Problem("deceased_on", "the date of death is in the future")]
    if person.birth_date is not None and person.deceased_on < person.birth_date:
        return [Problem("deceased_on", "the date of death is before the date of birth")]
    return []
