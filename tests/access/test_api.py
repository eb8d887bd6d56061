"""The access API: consent capture names every missing part, withdrawal, the access report."""

from __future__ import annotations

import uuid

import pytest

from caseweave.access.types import PersonId
from caseweave.core.tests.factories import OrganisationFactory
from tests.authz.relationships import OWN_ORGANISATION_CLIENT, establish

pytestmark = pytest.mark.django_db


def test_consent_lifecycle_through_the_api(personas, client_for) -> None:
    caseworker = personas["caseworker"]
    person_id = PersonId(uuid.uuid4())
    establish(OWN_ORGANISATION_CLIENT, caseworker, person_id)
    client = client_for(caseworker)
    url = f"/api/v1/access/people/{person_id}/consents"

    refused = client.post(url, data={}, content_type="application/json")
    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    fields = {error["field"] for error in refused.json()["errors"]}
    assert fields == {"categories", "purposes", "recipients", "evidence_kind"}

    police = OrganisationFactory(name="Police")
    created = client.post(
        url,
        data={
            "categories": ["identity", "mental_health"],
            "purposes": ["case_conference"],
            "recipient_organisation_ids": [police.pk],
            "evidence_kind": "electronic",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    consent = created.json()
    assert consent["status"] == "active" and consent["recipient_organisation_ids"] == [police.pk]

    listed = client.get(url)
    assert [row["id"] for row in listed.json()] == [consent["id"]]

    withdrawn = client.post(
        f"/api/v1/access/consents/{consent['id']}/withdraw",
        data={"reason": "The person asked"},
        content_type="application/json",
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"

    report = client_for(personas["supervisor"]).get(
        f"/api/v1/access/people/{person_id}/access-report"
    )
    assert report.status_code == 200
    kinds = [row["event_type"] for row in report.json()]
    assert "consent.captured" in kinds and "consent.withdrawn" in kinds
    assert all("Sam" not in str(row) for row in report.json())


def test_a_person_the_caller_may_not_see_is_not_found(personas, client_for) -> None:
    person_id = uuid.uuid4()
    response = client_for(personas["caseworker"]).get(f"/api/v1/access/people/{person_id}/consents")
    assert response.status_code == 404
