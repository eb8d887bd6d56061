"""The people API: registration errors as problem+json, limited records, 404 for refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.people.tests.factories import register

pytestmark = pytest.mark.django_db


def test_it_registers_and_reads_back_a_person(personas, client_for) -> None:
    client = client_for(personas["outreach_worker"])
    response = client.post(
        reverse("api:person_register"),
        {
            "given_names": "Wong",
            "family_names": "Mei Ling",
            "name_order": "family_first",
            "birth_date": "1979-08",
            "contacts": [{"kind": "mobile", "value": "604 555 0199", "consent_to_contact": True}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_name"] == "Mei Ling Wong"
    assert body["birth_date"] == "1979-08"
    detail = client.get(reverse("api:person_detail", args=[body["id"]])).json()
    assert detail["contacts"][0]["value"] == "604 555 0199"


def test_it_lists_every_invalid_field_as_problem_json(personas, client_for) -> None:
    response = client_for(personas["outreach_worker"]).post(
        reverse("api:person_register"),
        {
            "given_names": "Li",
            "identifiers": [{"type": "social_insurance", "value": "046 454 287"}],
            "contacts": [{"kind": "email", "value": "nope"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"identifiers[0]", "contacts[0]"}


def test_match_candidates_give_reasons_and_limit_outsiders(
    personas, client_for, make_persona, other_organisation
) -> None:
    register(
        personas["caseworker"].actor,
        given_names="Aleksandar",
        family_names="Petrović",
        birth="1987-03-12",
    )
    payload = {"given_names": "Aco", "family_names": "Petrovic", "birth_date": "1987"}
    own = (
        client_for(personas["outreach_worker"])
        .post(reverse("api:match_candidates"), payload, content_type="application/json")
        .json()
    )
    assert own[0]["person"]["display_name"] == "Aleksandar Petrović"
    assert "name agrees allowing for nicknames" in own[0]["reasons"]
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker")
    limited = (
        client_for(outsider)
        .post(reverse("api:match_candidates"), payload, content_type="application/json")
        .json()
    )
    assert limited[0]["limited"] is True
    assert limited[0]["person"] is None and limited[0]["person_id"] is None
    assert limited[0]["contact_organisations"] == ["Home Agency"]


def test_a_refused_person_is_404(personas, client_for, make_persona, other_organisation) -> None:
    person = register(personas["caseworker"].actor, given_names="Ana", family_names="Krasniqi")
    outsider = make_persona("outsider", organisation=other_organisation, role="caseworker")
    response = client_for(outsider).get(reverse("api:person_detail", args=[person.id]))
    assert response.status_code == 404
    assert "Krasniqi" not in response.content.decode()
