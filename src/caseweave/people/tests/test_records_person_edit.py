"""Editing a person: identity fields, other names, contacts, identifiers, living situations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseweave.access.errors import NotFound
from caseweave.access.types import PersonId
from caseweave.audit.models import AuditEvent
from caseweave.people import selectors
from caseweave.people.actions.person_details import (
    contact_add,
    contact_end,
    identifier_add,
    identifier_end,
    person_name_add,
    person_name_end,
    residence_add,
)
from caseweave.people.actions.person_edit import person_update
from caseweave.people.choices import LivingSituation, NameKind
from caseweave.people.errors import InvalidPerson, StaleVersion
from caseweave.people.inputs import ContactInput, IdentifierInput, ResidenceInput
from caseweave.people.models import ContactMethod, Person, PersonIdentifier, Residence
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


def _reload(person: Person) -> Person:
    reloaded: Person = Person.objects.for_system("test").get(pk=person.pk)
    return reloaded


def _events_after(last_id: int) -> list[str]:
    return list(AuditEvent.objects.filter(id__gt=last_id).values_list("event_type", flat=True))


def _last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def worker(personas):
    return personas["outreach_worker"].actor


@pytest.fixture
def person(worker):
    return register(worker, given_names="Mira", family_names="Kovač", birth="1990-04-02")


def test_identity_change_bumps_version_audits_field_names_and_reindexes(worker, person) -> None:
    last = _last_event_id()
    updated = person_update(
        actor=worker,
        person_id=PersonId(person.id),
        version=person.version,
        changes={"family_names": "Horvat", "interpreter_needed": True, "languages": ["hr"]},
    )
    assert updated.version == person.version + 1
    stored = _reload(person)
    assert (stored.family_names, stored.interpreter_needed, stored.languages) == (
        "Horvat",
        True,
        ["hr"],
    )
    event = AuditEvent.objects.filter(id__gt=last).get()
    assert event.event_type == "person.updated"
    assert event.payload["fields"] == ["family_names", "languages", "interpreter_needed"]
    assert "Horvat" not in str(event.payload)
    found = selectors.person_search(worker, selectors.SearchQuery.from_text("Mira Horvat"))
    assert person.id in [hit.person_id for hit in found]


def test_a_stale_version_is_refused_and_nothing_is_written(worker, person) -> None:
    person_update(
        actor=worker, person_id=PersonId(person.id), version=1, changes={"gender": "woman"}
    )
    with pytest.raises(StaleVersion, match="Someone else changed this person"):
        person_update(
            actor=worker, person_id=PersonId(person.id), version=1, changes={"gender": "other"}
        )
    with pytest.raises(StaleVersion):
        contact_add(
            actor=worker,
            person_id=PersonId(person.id),
            version=1,
            contact=ContactInput(kind="mobile", value="604 555 0101"),
        )
    stored = _reload(person)
    assert (stored.gender, stored.version) == ("woman", 2)
    assert not ContactMethod.objects.for_system("test").filter(person_id=person.id).exists()


def test_a_refused_edit_writes_nothing_but_the_denial(personas, worker) -> None:
    stranger = PersonFactory(given_names="Ana")
    last = _last_event_id()
    with pytest.raises(NotFound):
        person_update(
            actor=worker, person_id=PersonId(stranger.id), version=1, changes={"gender": "x"}
        )
    assert _reload(stranger).gender == ""
    assert _events_after(last) == ["access.denied"]


def test_invalid_identity_changes_name_every_field(worker, person) -> None:
    with pytest.raises(InvalidPerson) as error:
        person_update(
            actor=worker,
            person_id=PersonId(person.id),
            version=person.version,
            changes={
                "given_names": "",
                "family_names": "",
                "sex": "dragon",
                "is_deceased": True,
                "deceased_on": dt.date(1980, 1, 1),
            },
        )
    assert set(error.value.by_field()) == {"given_names", "sex", "deceased_on"}
    with pytest.raises(InvalidPerson, match="version: this field cannot be changed here"):
        person_update(
            actor=worker,
            person_id=PersonId(person.id),
            version=person.version,
            changes={"version": 9},
        )
    assert _reload(person).version == person.version


def test_identifier_checksum_and_uniqueness_errors_name_the_identifier(worker, person) -> None:
    other = register(worker, given_names="Other", family_names="Person")
    identifier_add(
        actor=worker,
        person_id=PersonId(other.id),
        version=other.version,
        identifier=IdentifierInput(type="social_insurance", value="046 454 286"),
    )
    with pytest.raises(InvalidPerson, match="'046 454 287' fails its check digit"):
        identifier_add(
            actor=worker,
            person_id=PersonId(person.id),
            version=person.version,
            identifier=IdentifierInput(type="social_insurance", value="046 454 287"),
        )
    with pytest.raises(InvalidPerson) as taken:
        identifier_add(
            actor=worker,
            person_id=PersonId(person.id),
            version=person.version,
            identifier=IdentifierInput(type="social_insurance", value="046-454-286"),
        )
    message = str(taken.value)
    assert "Social insurance number '046-454-286' is already registered to another person" in (
        message
    )
    assert "Other" not in message
    assert _reload(person).version == person.version


def test_identifiers_contacts_and_names_are_ended_not_deleted(worker, person) -> None:
    version = person.version
    row = identifier_add(
        actor=worker,
        person_id=PersonId(person.id),
        version=version,
        identifier=IdentifierInput(type="agency_case", value="C-1042", issuer="Home"),
    )
    identifier_end(
        actor=worker, person_id=PersonId(person.id), version=version + 1, identifier_id=row.pk
    )
    contact = contact_add(
        actor=worker,
        person_id=PersonId(person.id),
        version=version + 2,
        contact=ContactInput(kind="mobile", value="604 555 0142", safe_to_leave_message=True),
    )
    contact_end(
        actor=worker, person_id=PersonId(person.id), version=version + 3, contact_id=contact.pk
    )
    name = person_name_add(
        actor=worker,
        person_id=PersonId(person.id),
        version=version + 4,
        kind=NameKind.STREET,
        text="Mimi",
    )
    person_name_end(
        actor=worker, person_id=PersonId(person.id), version=version + 5, name_id=name.pk
    )
    assert PersonIdentifier.objects.for_system("test").get(pk=row.pk).ended_at is not None
    assert ContactMethod.objects.for_system("test").get(pk=contact.pk).ended_at is not None
    assert _reload(person).version == version + 6
    # The same case number can be given again once the old one has ended.
    identifier_add(
        actor=worker,
        person_id=PersonId(person.id),
        version=version + 6,
        identifier=IdentifierInput(type="agency_case", value="C-1042", issuer="Home"),
    )
    with pytest.raises(InvalidPerson, match="no current contact"):
        contact_end(
            actor=worker, person_id=PersonId(person.id), version=version + 7, contact_id=contact.pk
        )


def test_a_new_living_situation_ends_the_previous_one(worker) -> None:
    person = register(
        worker,
        given_names="Tomas",
        residence=ResidenceInput(situation=LivingSituation.SHELTER, place_note="Harbour Light"),
    )
    today = dt.date.today()
    residence_add(
        actor=worker,
        person_id=PersonId(person.id),
        version=person.version,
        residence=ResidenceInput(situation=LivingSituation.TRANSITIONAL, locality="Toronto"),
        started_on=today,
    )
    rows = list(Residence.objects.for_system("test").filter(person_id=person.id).order_by("pk"))
    assert [(row.situation, row.ended_on) for row in rows] == [
        (LivingSituation.SHELTER, today),
        (LivingSituation.TRANSITIONAL, None),
    ]


names = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x17F),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    given=names,
    family=names,
    interpreter=st.booleans(),
    gender=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
)
def test_what_is_saved_reads_back(worker, person, given, family, interpreter, gender) -> None:
    current = _reload(person)
    person_update(
        actor=worker,
        person_id=PersonId(person.id),
        version=current.version,
        changes={
            "given_names": given,
            "family_names": family,
            "interpreter_needed": interpreter,
            "gender": gender,
        },
    )
    stored = _reload(person)
    assert (stored.given_names, stored.family_names) == (given, family)
    assert (stored.interpreter_needed, stored.gender) == (interpreter, gender)


changes = st.fixed_dictionaries(
    {},
    optional={
        "given_names": st.text(max_size=210) | st.just("Nul\x00Byte"),
        "family_names": st.text(max_size=10),
        "sex": st.sampled_from(["female", "male", "unknown", "dragon"]),
        "languages": st.lists(st.text(max_size=60), max_size=3),
        "deceased_on": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
        "is_deceased": st.booleans(),
    },
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(change=changes, refused=st.booleans())
def test_a_refused_or_invalid_edit_writes_nothing(worker, person, change, refused) -> None:
    stranger = PersonFactory(given_names="Unseen")
    target = stranger if refused else person
    before = Person.objects.for_system("test").filter(pk=target.pk).values().get()
    last = _last_event_id()
    try:
        person_update(
            actor=worker, person_id=PersonId(target.id), version=before["version"], changes=change
        )
    except NotFound:
        assert refused
        assert _events_after(last) == ["access.denied"]
    except InvalidPerson:
        assert _events_after(last) == []
    else:
        assert not refused
        return
    assert Person.objects.for_system("test").filter(pk=target.pk).values().get() == before


def test_nul_characters_are_refused_naming_the_field(worker, person) -> None:
    with pytest.raises(InvalidPerson) as error:
        person_update(
            actor=worker,
            person_id=PersonId(person.id),
            version=person.version,
            changes={"given_names": "Mi\x00ra", "languages": ["hr\x00"]},
        )
    assert set(error.value.by_field()) == {"given_names", "languages"}
    with pytest.raises(InvalidPerson, match="value: contains a control character"):
        contact_add(
            actor=worker,
            person_id=PersonId(person.id),
            version=person.version,
            contact=ContactInput(kind="email", value="a\x00@example.test"),
        )
    assert _reload(person).version == person.version
