from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseweave.audit.models import AuditEvent
from caseweave.people import scoring
from caseweave.people.selectors import SearchQuery, person_search
from caseweave.people.selectors.search import Hit
from caseweave.people.tests.factories import PersonFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def aleksandar(personas):
    return register(
        personas["outreach_worker"].actor,
        given_names="Aleksandar",
        family_names="Petrović",
        birth="1987-03-12",
        contacts=(),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Aco Petrovic 1987",
        "aleksandar petrovic",
        "Petrovich Aleksandar",  # order swapped, -vich spelling
        "Alexander Petrović 1987-12-03",  # day and month swapped
        "Petrovic",
        "Aleksandar Petrović 1978",  # year digits swapped
    ],
)
def test_it_finds_a_person_despite_spelling_order_nicknames_and_typos(
    aleksandar, personas, text
) -> None:
    hits = person_search(personas["outreach_worker"].actor, SearchQuery.from_text(text))
    assert [hit.person_id for hit in hits][:1] == [aleksandar.id]
    assert hits[0].person is not None


def test_it_ranks_the_closer_match_first(personas) -> None:
    actor = personas["outreach_worker"].actor
    far = register(actor, given_names="Aleksandra", family_names="Petrović", birth="1987-05-20")
    near = register(actor, given_names="Aleksandar", family_names="Petrović", birth="1987-03-12")
    hits = person_search(actor, SearchQuery.from_text("Aco Petrovic 1987-03-12"))
    assert [hit.person_id for hit in hits] == [near.id, far.id]
    assert "birth date agrees" in hits[0].reasons


def test_it_shows_a_limited_record_of_people_the_searcher_may_not_see(
    aleksandar, personas, other_organisation, make_persona
) -> None:
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker")
    hits = person_search(outsider.actor, SearchQuery.from_text("Aleksandar Petrovic"))
    assert len(hits) == 1
    assert hits[0].is_limited
    assert hits[0].person is None
    assert hits[0].contact_organisations == ["Home Agency"]
    event = AuditEvent.objects.get(event_type="person_search.listed")
    assert event.person_ids == [str(aleksandar.id)]
    assert event.payload["limited"] == [str(aleksandar.id)]


def test_it_audits_each_search_with_the_ids_returned(aleksandar, personas) -> None:
    PersonFactory(given_names="Unrelated", family_names="Okafor")
    person_search(personas["outreach_worker"].actor, SearchQuery.from_text("Petrovic"))
    event = AuditEvent.objects.get(event_type="person_search.listed")
    assert event.person_ids == [str(aleksandar.id)]
    assert event.actor_membership_id == personas["outreach_worker"].membership.pk


def test_it_finds_by_phone_in_any_format(personas) -> None:
    from caseweave.people.choices import ContactKind
    from caseweave.people.inputs import ContactInput

    person = register(
        personas["outreach_worker"].actor,
        given_names="Siti",
        family_names="binti Abdullah",
        contacts=(ContactInput(ContactKind.MOBILE, "604-555-0142"),),
    )
    hits = person_search(
        personas["outreach_worker"].actor, SearchQuery.from_text("+1 604 555 0142")
    )
    assert [hit.person_id for hit in hits] == [person.id]
    assert "same phone number" in hits[0].reasons


def test_the_number_of_statements_does_not_grow_with_the_people_shown(personas) -> None:
    actor = personas["outreach_worker"].actor
    for day in range(1, 6):
        register(actor, given_names="Marko", family_names="Jovanović", birth=f"1990-04-0{day}")
    for day in range(1, 16):
        PersonFactory(
            given_names="Marko", family_names="Jovanović", birth_date=dt.date(1990, 5, day)
        )
    scoring.forget_registry_model()
    scoring.registry_model()  # looked up once a minute, outside what is counted here

    def statements_and_hits(limit: int) -> tuple[int, list[Hit]]:
        with CaptureQueriesContext(connection) as queries:
            hits = person_search(actor, SearchQuery.from_text("Marko Jovanovic 1990"), limit=limit)
        return len(queries.captured_queries), hits

    one_statements, one = statements_and_hits(1)
    all_statements, shown = statements_and_hits(20)
    assert (len(one), len(shown)) == (1, 20)
    assert sum(not hit.is_limited for hit in shown) == 5  # the searcher's own registrations
    assert all(hit.person is None for hit in shown if hit.is_limited)
    assert all_statements == one_statements
