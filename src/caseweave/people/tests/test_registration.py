from __future__ import annotations

import datetime as dt

import pytest

from caseweave.access.models import CareTeamMember
from caseweave.audit.models import AuditEvent
from caseweave.people.actions import person_register
from caseweave.people.choices import ContactKind, IdentifierType, LivingSituation
from caseweave.people.errors import InvalidPerson
from caseweave.people.inputs import ContactInput, IdentifierInput, PersonInput, ResidenceInput
from caseweave.people.models import Person, PersonIdentifier, PersonSearchKey

pytestmark = pytest.mark.django_db


def test_it_registers_a_person_with_care_team_and_audit(personas) -> None:
    actor = personas["outreach_worker"].actor
    person = person_register(
        actor=actor,
        data=PersonInput(
            given_names="Aleksandar",
            family_names="Petrović",
            aliases=("Aco",),
            birth_date=dt.date(1987, 3, 12),
            birth_date_precision="exact",
            identifiers=(IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 286"),),
            contacts=(ContactInput(ContactKind.MOBILE, "(604) 555-0142", consent_to_contact=True),),
            residence=ResidenceInput(LivingSituation.SHELTER, place_note="Harbour shelter"),
        ),
    )
    team = CareTeamMember.objects.get(person_id=person.id)
    assert (team.organisation_id, team.membership_id, team.is_lead) == (
        actor.organisation_id,
        actor.membership_id,
        True,
    )
    registered = AuditEvent.objects.get(event_type="person.registered")
    assert registered.person_id == person.id
    assert registered.payload["fields"] == [
        "given_names",
        "family_names",
        "aliases",
        "birth_date",
        "identifiers",
        "contacts",
        "residence",
    ]
    assert "Petrović" not in str(registered.payload)
    assert AuditEvent.objects.filter(event_type="care_team.joined", person_id=person.id).exists()
    assert PersonSearchKey.objects.for_system("test").filter(person_id=person.id).count() > 3


def test_it_lists_every_problem_and_writes_nothing(personas) -> None:
    actor = personas["outreach_worker"].actor
    with pytest.raises(InvalidPerson) as raised:
        person_register(
            actor=actor,
            data=PersonInput(
                identifiers=(
                    IdentifierInput(IdentifierType.SOCIAL_INSURANCE, "046 454 287"),
                    IdentifierInput(IdentifierType.HEALTH_CARD, "12345"),
                ),
                contacts=(ContactInput(ContactKind.EMAIL, "not-an-address"),),
            ),
        )
    fields = raised.value.by_field()
    assert set(fields) == {"given_names", "identifiers[0]", "identifiers[1]", "contacts[0]"}
    assert "fails its check digit" in fields["identifiers[0]"][0]
    assert "046 454 287" in fields["identifiers[0]"][0]
    assert not Person.objects.for_system("test").exists()
    assert not AuditEvent.objects.filter(event_type="person.registered").exists()


def test_it_refuses_an_identifier_already_registered_without_saying_to_whom(personas) -> None:
    actor = personas["outreach_worker"].actor
    identifier = IdentifierInput(IdentifierType.NATIONAL_ID, "AB-1234")
    person_register(
        actor=actor, data=PersonInput(given_names="Mei Ling", identifiers=(identifier,))
    )
    with pytest.raises(InvalidPerson) as raised:
        person_register(
            actor=personas["caseworker"].actor,
            data=PersonInput(
                given_names="Someone",
                identifiers=(IdentifierInput(IdentifierType.NATIONAL_ID, "ab 1234"),),
            ),
        )
    message = raised.value.by_field()["identifiers[0]"][0]
    assert "already registered" in message
    assert "Mei Ling" not in message
    assert PersonIdentifier.objects.for_system("test").count() == 1


def test_a_street_name_alone_is_enough(personas) -> None:
    person = person_register(
        actor=personas["outreach_worker"].actor, data=PersonInput(aliases=("Tiny",))
    )
    assert person.display_name == "Unnamed person"


def test_control_characters_in_a_name_are_refused_naming_the_field(personas) -> None:
    actor = personas["outreach_worker"].actor
    with pytest.raises(InvalidPerson) as refused:
        person_register(actor=actor, data=PersonInput(given_names="Ana\x00", family_names="Kos"))
    assert [problem.field for problem in refused.value.problems] == ["given_names"]
    assert not Person.objects.for_system("test").filter(family_names="Kos").exists()


def test_a_note_with_a_nul_is_refused_naming_the_text(personas) -> None:
    from caseweave.access.types import Category, PersonId
    from caseweave.people.actions.notes import person_note_add

    actor = personas["outreach_worker"].actor
    person = person_register(actor=actor, data=PersonInput(given_names="Ana", family_names="Kos"))
    with pytest.raises(InvalidPerson) as refused:
        person_note_add(
            actor=actor, person_id=PersonId(person.id), category=Category.CASE_NOTES, text="a\x00b"
        )
    assert [problem.field for problem in refused.value.problems] == ["text"]
