"""Search near a person: their home through the access policy (audited), never shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from caseweave.audit.models import AuditEvent
from caseweave.directory.person_place import geocode, person_place
from caseweave.directory.tests.factories import import_services, service_json
from caseweave.people.inputs import ResidenceInput
from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db

HOME_ADDRESS = "17 Secret Lane"


@pytest.fixture
def services(tmp_path: Path) -> None:
    import_services(
        tmp_path,
        [
            # 43.686,-79.310 is the shipped centre of M4C 1B5 (synthetic demo table).
            service_json("East food bank", latitude=43.687, longitude=-79.311),
            service_json("West legal clinic", latitude=43.637, longitude=-79.428),
        ],
    )


@pytest.fixture
def person(lazy_personas: Any) -> Any:
    return register(
        lazy_personas["caseworker"].actor,
        given_names="Ada",
        family_names="Testperson",
        residence=ResidenceInput(
            situation="housed", address=HOME_ADDRESS, locality="Eastbank", postal_code="M4C 1B5"
        ),
    )


def test_geocoding_prefers_the_directorys_places_then_the_shipped_tables(services: None) -> None:
    from_directory = geocode("M5V 1A1", "")  # the factories' places have this code
    assert from_directory is not None and from_directory[1] == "directory"
    assert geocode("M4C 1B5", "") == ((43.686, -79.31), "postcode table")
    assert geocode("X0X 0X0", "Westford") == ((43.65, -79.433), "locality table")
    assert geocode("X0X 0X0", "Atlantis") is None


def test_the_care_team_searches_near_the_person_without_seeing_the_address(
    services: None, person: Any, lazy_personas: Any, client_for: Any
) -> None:
    client = client_for(lazy_personas["caseworker"])
    page = client.get("/services/", {"person": str(person.id), "radius_km": "3"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "East food bank" in body and "West legal clinic" not in body
    assert "km away" in body
    assert HOME_ADDRESS not in body and "M4C" not in body
    event = AuditEvent.objects.filter(object_type="directory.search_near_person").last()
    assert event is not None and event.person_id == person.id and event.allowed is True


def test_someone_who_may_not_see_the_person_gets_no_results_and_no_hint(
    services: None, person: Any, lazy_personas: Any, client_for: Any
) -> None:
    client = client_for(lazy_personas["analyst"])  # directory access, no care relationship
    page = client.get("/services/", {"person": str(person.id), "radius_km": "3"})
    body = page.content.decode()
    assert "This person&#x27;s address is not available to you." in body
    assert "East food bank" not in body and HOME_ADDRESS not in body
    event = AuditEvent.objects.filter(object_type="directory.search_near_person").last()
    assert event is not None and event.allowed is False
    # An unknown person reads exactly the same.
    other = client.get(
        "/services/", {"person": "00000000-0000-4000-8000-000000000000", "radius_km": "3"}
    )
    assert "This person&#x27;s address is not available to you." in other.content.decode()


def test_the_api_refuses_a_hidden_person_with_404(
    services: None, person: Any, lazy_personas: Any, client_for: Any
) -> None:
    caseworker = client_for(lazy_personas["caseworker"])
    found = caseworker.get("/api/v1/directory/search", {"person_id": str(person.id)})
    assert found.status_code == 200, found.content
    assert [hit["name"] for hit in found.json()] == ["East food bank"]
    assert HOME_ADDRESS not in found.content.decode()
    hidden = client_for(lazy_personas["analyst"]).get(
        "/api/v1/directory/search", {"person_id": str(person.id)}
    )
    assert hidden.status_code == 404


def test_a_person_without_a_current_address_has_no_place(lazy_personas: Any) -> None:
    actor = lazy_personas["caseworker"].actor
    nowhere = register(actor, given_names="Bo", residence=ResidenceInput(situation="camp"))
    assert person_place(actor=actor, person_id=nowhere.id) is None
