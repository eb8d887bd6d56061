"""The distinct folded spellings (``PersonSearchSpelling``) stay a superset of the folded
names stored, through registration, edits, merge and unmerge; the trigram search over them
finds the same people as ranking every stored name."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from caseweave.access.types import PersonId
from caseweave.people.actions import person_merge, person_unmerge
from caseweave.people.actions.person_details import person_name_add, person_name_end
from caseweave.people.actions.person_edit import person_update
from caseweave.people.choices import NameKind
from caseweave.people.models import Person, PersonSearchName, PersonSearchSpelling
from caseweave.people.search_index import spellings_prune, spellings_store
from caseweave.people.selectors.search_candidates import (
    _THRESHOLD_SET,
    TRIGRAM_CANDIDATES,
    similar_names,
)
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm exists only on PostgreSQL"
)


def _names() -> set[str]:
    return set(PersonSearchName.objects.for_system("test").values_list("folded", flat=True))


def _spellings() -> set[str]:
    return set(PersonSearchSpelling.objects.values_list("folded", flat=True))


def _version(person_id: object) -> int:
    version: int = Person.objects.for_system("test").get(pk=person_id).version
    return version


@pytest.fixture
def worker(personas):
    return personas["outreach_worker"].actor


def test_registration_stores_each_spelling_once(worker) -> None:
    register(worker, given_names="Mira", family_names="Kovač", aliases=("Mirka",))
    register(worker, given_names="Mira", family_names="Kovac")
    assert _spellings() == _names() == {"mira kovac", "mirka"}
    assert PersonSearchSpelling.objects.count() == 2


def test_edits_add_new_spellings_and_keep_old_ones_until_pruned(worker) -> None:
    person = register(worker, given_names="Mira", family_names="Kovač")
    person_update(
        actor=worker,
        person_id=PersonId(person.id),
        version=person.version,
        changes={"family_names": "Horvat"},
    )
    name = person_name_add(
        actor=worker,
        person_id=PersonId(person.id),
        version=_version(person.id),
        kind=NameKind.STREET,
        text="Mimi Đurić",
    )
    assert _names() == {"mira horvat", "mimi djuric"}
    assert _spellings() == {"mira kovac", "mira horvat", "mimi djuric"}
    person_name_end(
        actor=worker, person_id=PersonId(person.id), version=_version(person.id), name_id=name.pk
    )
    assert _names() == {"mira horvat"}
    assert spellings_prune() == 2
    assert _spellings() == {"mira horvat"}
    assert spellings_prune() == 0


def test_merge_and_unmerge_leave_every_stored_name_with_its_spelling(personas) -> None:
    actor = personas["supervisor"].actor
    survivor = register(actor, given_names="Ana", family_names="Babić")
    merged = register(actor, given_names="Anna", family_names="Babic", aliases=("Ancica",))
    before = _spellings()
    merge = person_merge(
        actor=actor, survivor_id=PersonId(survivor.id), merged_id=PersonId(merged.id)
    )
    assert _names() <= _spellings() == before
    person_unmerge(actor=actor, merge_id=merge.pk)
    assert _names() <= _spellings() == before == {"ana babic", "anna babic", "ancica"}


def test_storing_known_spellings_adds_nothing() -> None:
    spellings_store(["ana babic", "ana babic"])
    spellings_store(["ana babic", "marko markovic"])
    assert _spellings() == {"ana babic", "marko markovic"}


def test_the_migration_fills_the_spellings_from_the_stored_names(worker) -> None:
    register(worker, given_names="Mira", family_names="Kovač")
    register(worker, given_names="Mira", family_names="Kovac", aliases=("Mirka",))
    PersonSearchSpelling.objects.all().delete()
    migration = importlib.import_module("caseweave.people.migrations.0006_search_spellings")
    with connection.cursor() as cursor:
        migration.fill_spellings(None, SimpleNamespace(execute=cursor.execute))
    assert _spellings() == {"mira kovac", "mirka"}


@postgresql_only
def test_similar_spellings_find_the_people_ranking_every_name_would(worker) -> None:
    families = ["Petrović", "Petrovic-Jones", "Petrovski", "Petrov", "Pavlović", "Jovanović"]
    for family in families:
        for given in ("Aleksandar", "Aleksandra", "Aleks"):
            register(worker, given_names=given, family_names=family)
    for query in ("aleksandar petrovic", "aleksandra petrovic jones", "aleks pavlovic"):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT person_id FROM people_personsearchname "
                "WHERE similarity(folded, %s) >= 0.5",
                [query],
            )
            every_name = {row[0] for row in cursor.fetchall()}
        assert len(every_name) < TRIGRAM_CANDIDATES  # so no tie is cut by the limit
        found = {person.id for person in similar_names([query], exclude=())}
        assert found == every_name


@postgresql_only
def test_a_session_whose_threshold_was_lost_finds_the_same_people(worker) -> None:
    near = register(worker, given_names="Aleksandar", family_names="Petrovski")  # 0.71
    register(worker, given_names="Marko", family_names="Petrović")  # 0.35: below 0.5
    register(worker, given_names="Petrović")  # 0.45
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_limit(0.3)")  # as after a rolled-back transaction
    _THRESHOLD_SET.add(connection.connection)  # believed set
    found = similar_names(["aleksandar petrovic"], exclude=())
    assert [person.id for person in found] == [near.id]
