"""How search reaches the database: a fixed number of statements, trigram names on
PostgreSQL, the blocking-key widening on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseweave.people import scoring
from caseweave.people.choices import ContactKind
from caseweave.people.inputs import ContactInput
from caseweave.people.selectors import SearchQuery, person_search
from caseweave.people.selectors.search_candidates import similar_names
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm exists only on PostgreSQL"
)


def _statements(actor, text: str, limit: int = 20) -> tuple[int, int]:
    scoring.forget_registry_model()
    scoring.registry_model()  # looked up once a minute, outside what is counted here
    with CaptureQueriesContext(connection) as queries:
        hits = person_search(actor, SearchQuery.from_text(text), limit=limit)
    return len(queries.captured_queries), len(hits)


def test_the_number_of_statements_does_not_grow_with_the_candidates(personas) -> None:
    actor = personas["outreach_worker"].actor
    for day in range(1, 4):
        register(actor, given_names="Marko", family_names="Jovanović", birth=f"1990-04-0{day}")
    few_statements, few_hits = _statements(actor, "Marko Jovanovic 1990", limit=3)
    for day in range(1, 28):
        PersonFactory(
            given_names="Marko", family_names="Jovanović", birth_date=dt.date(1990, 5, day)
        )
    many_statements, many_hits = _statements(actor, "Marko Jovanovic 1990", limit=3)
    assert (few_hits, many_hits) == (3, 3)
    # candidates, their details, one access decision per person shown, the audit event
    assert many_statements == few_statements <= 2 + 3 + 5
    assert _statements(actor, "Marko Jovanovic 1990")[1] == 20  # strangers' limited records


def test_limited_records_carry_no_details_in_any_backend(
    personas, other_organisation, make_persona
) -> None:
    register(
        personas["outreach_worker"].actor,
        given_names="Dragana",
        family_names="Đorđević",
        birth="1979-11-30",
        contacts=(ContactInput(ContactKind.MOBILE, "604-555-0199"),),
    )
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker")
    hits = person_search(outsider.actor, SearchQuery.from_text("Dragana Djordjevic 1979"))
    assert len(hits) == 1
    assert hits[0].person is None
    assert hits[0].contact_organisations == ["Home Agency"]


def test_a_typo_in_both_names_is_found_when_the_keys_miss_on_postgresql_only(personas) -> None:
    actor = personas["outreach_worker"].actor
    person = register(actor, given_names="Aleksandar", family_names="Petrović")
    hits = person_search(actor, SearchQuery.from_text("Alexsandar Petrocic"))
    if connection.vendor == "postgresql":
        assert [hit.person_id for hit in hits] == [person.id]
    else:  # no key shares a code with either misspelled token
        assert hits == []


def test_one_misspelled_token_is_found_by_the_other_on_both_backends(personas) -> None:
    actor = personas["outreach_worker"].actor
    person = register(actor, given_names="Aleksandar", family_names="Petrović-Jones")
    hits = person_search(actor, SearchQuery.from_text("Aleksandar Petrocic"))
    assert [hit.person_id for hit in hits] == [person.id]


@postgresql_only
def test_similar_names_uses_trigram_similarity_of_folded_spellings(personas) -> None:
    actor = personas["outreach_worker"].actor
    near = register(actor, given_names="Şükrü", family_names="Yılmaz-Öztürk")
    register(actor, given_names="Nguyen", family_names="Van An")
    found = similar_names(["sukru yilmaz ozturc"], exclude=())
    assert [person.id for person in found] == [near.id]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'people_searchspelling_trgm'"
        )
        definition = cursor.fetchone()[0]
        assert "gin_trgm_ops" in definition
        assert "fastupdate=off" in definition  # no pending list for searches to scan
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'people_searchname_trgm'")
        assert cursor.fetchone() is None  # moved onto the spellings by migration 0006


@postgresql_only
def test_a_name_stored_often_fills_the_candidates_before_similar_spellings(
    personas, monkeypatch
) -> None:
    actor = personas["outreach_worker"].actor
    monkeypatch.setattr("caseweave.people.selectors.search_candidates.TRIGRAM_CANDIDATES", 2)
    same = {register(actor, given_names="Dragan", family_names="Ilić").id for _ in range(3)}
    typo = register(actor, given_names="Dragan", family_names="Ilica")
    found = {person.id for person in similar_names(["dragan ilic"], exclude=())}
    assert len(found) == 2
    assert found <= same
    fewer = {person.id for person in similar_names(["dragan ilica"], exclude=())}
    assert typo.id in fewer  # the exact spelling first, then the next most similar
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'people_searchname_folded'"
        )
        assert "(folded)" in cursor.fetchone()[0]
