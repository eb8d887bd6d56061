"""The staff directory API: search with reasons, and readiness edits by the running organisation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from caseweave.directory import actions
from caseweave.directory.models import ServiceIndex
from tests.directory.seed import seed_small

pytestmark = pytest.mark.django_db


def client_for(persona: Any) -> Client:
    client = Client()
    client.force_login(persona.user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_search_by_need_near_a_point_says_why(personas: Any) -> None:
    ids = seed_small()
    response = client_for(personas["caseworker"]).get(
        "/api/v1/directory/search",
        {"need": "1102", "latitude": 43.651, "longitude": -79.38, "radius_km": 2},
    )
    assert response.status_code == 200
    hits = response.json()
    assert [hit["service_id"] for hit in hits] == [ids["service_id"]]
    assert hits[0]["distance_km"] == pytest.approx(0.111, abs=0.005)
    assert any(reason.startswith("meets need") for reason in hits[0]["reasons"])


def test_a_half_given_point_is_a_422_naming_the_field(personas: Any) -> None:
    response = client_for(personas["caseworker"]).get(
        "/api/v1/directory/search", {"latitude": 43.6}
    )
    assert response.status_code == 422
    assert "longitude" in json.dumps(response.json())


def test_the_running_organisation_changes_readiness(personas: Any) -> None:
    ids = seed_small()
    persona = personas["receiving_agency_staff"]
    actions.organisation_link(
        actor=None,
        directory_organization_id=ids["organization_id"],
        organisation_id=persona.membership.organisation_id,
    )
    response = client_for(persona).patch(
        f"/api/v1/directory/services/{ids['service_id']}/readiness",
        data=json.dumps({"accepting_referrals": "paused", "slots_available": 0}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert sorted(response.json()["changed"]) == ["accepting_referrals", "slots_available"]
    assert ServiceIndex.objects.get(service_id=ids["service_id"]).accepting_referrals is False
    bad = client_for(persona).patch(
        f"/api/v1/directory/services/{ids['service_id']}/readiness",
        data=json.dumps({"accepting_referrals": "maybe"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "accepting_referrals" in json.dumps(bad.json())
