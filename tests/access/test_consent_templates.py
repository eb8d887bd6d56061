"""Consent templates offered in the capture form (web, HTMX) and the API: a template
pre-fills the scope, staff may change it, and the consent keeps the template's version
and wording for the person's receipt."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.urls import reverse

from caseweave.access import actions
from caseweave.access.models import Consent
from caseweave.access.types import PersonId
from caseweave.audit.models import AuditEvent
from caseweave.core.tests.factories import OrganisationFactory
from tests.authz.relationships import OWN_ORGANISATION_CLIENT, establish

pytestmark = pytest.mark.django_db

WORDING = "You agree that the shelter and the police may see where you live and who you are."
NOW = dt.datetime(2026, 1, 31, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Police")


@pytest.fixture
def template(personas, police):
    return actions.consent_template_save(
        actor=personas["data_steward"].actor,
        name="Housing first",
        plain_language_text=WORDING,
        categories=["identity", "housing"],
        purposes=["service_coordination"],
        recipient_organisation_ids=[police.pk],
        default_months=1,
    )


@pytest.fixture
def person_id(personas):
    person_id = PersonId(uuid.uuid4())
    establish(OWN_ORGANISATION_CLIENT, personas["caseworker"], person_id)
    return person_id


def test_choosing_a_template_prefills_the_form_over_htmx(
    personas, client_for, template, police, person_id
) -> None:
    client = client_for(personas["caseworker"])
    url = reverse("web:access:consent_create", args=[person_id])
    blank = client.get(url)
    assert "Housing first" in blank.content.decode()  # offered in the picker
    assert WORDING not in blank.content.decode()
    with time_machine.travel(NOW, tick=False):
        response = client.get(url, {"template": template.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["categories"] == ["housing", "identity"]
    assert form.initial["purposes"] == ["service_coordination"]
    assert form.initial["recipient_organisations"] == [police.pk]
    assert form.initial["valid_until"] == dt.date(2026, 2, 28)  # one month, end of February
    html = response.content.decode()
    assert WORDING in html and 'id="consent-form"' in html
    assert f'name="template" value="{template.pk}"' in html


def test_a_template_of_another_organisation_is_not_offered(
    personas, client_for, police, person_id, make_persona
) -> None:
    other_steward = make_persona("other_steward", organisation=police, role="data_steward")
    foreign = actions.consent_template_save(
        actor=other_steward.actor,
        name="Police only",
        plain_language_text="Police wording",
        categories=["justice"],
        purposes=["referral"],
        recipient_organisation_ids=[police.pk],
    )
    client = client_for(personas["caseworker"])
    url = reverse("web:access:consent_create", args=[person_id])
    picked = client.get(url, {"template": foreign.pk})
    assert "Police wording" not in picked.content.decode()
    assert picked.context["picker"].errors["template"]
    posted = client.post(
        url,
        {
            "template": foreign.pk,
            "categories": ["justice"],
            "purposes": ["referral"],
            "recipient_organisations": [police.pk],
            "evidence_kind": "electronic",
        },
    )
    assert posted.status_code == 422
    assert posted.context["form"].errors["template"]
    assert not Consent.objects.exists()


def test_staff_adjust_the_scope_and_the_consent_keeps_template_version_and_wording(
    personas, client_for, template, police, person_id
) -> None:
    client = client_for(personas["caseworker"])
    response = client.post(
        reverse("web:access:consent_create", args=[person_id]),
        {
            "template": template.pk,
            "categories": ["identity"],  # the person agreed to less than the template
            "purposes": ["service_coordination"],
            "recipient_organisations": [police.pk],
            "evidence_kind": "electronic",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    consent = Consent.objects.get()
    assert consent.category_list == ["identity"]
    assert (consent.template_id, consent.template_version) == (template.pk, 1)
    assert consent.plain_language_text == WORDING
    captured = AuditEvent.objects.get(event_type="consent.captured")
    assert captured.payload["template_id"] == template.pk
    assert captured.payload["template_version"] == 1
    # The steward rewords the template: the receipt keeps what the person was told.
    actions.consent_template_save(
        actor=personas["data_steward"].actor,
        template_id=template.pk,
        name="Housing first",
        plain_language_text="New wording",
        categories=["identity", "housing"],
        purposes=["service_coordination"],
    )
    receipt = client.get(reverse("web:access:consent_receipt", args=[consent.pk])).content.decode()
    assert WORDING in receipt and "New wording" not in receipt
    assert "version 1" in receipt


def test_the_api_fills_what_the_request_leaves_out_from_the_template(
    personas, client_for, template, police, person_id
) -> None:
    client = client_for(personas["caseworker"])
    offered = client.get("/api/v1/access/consent-templates").json()
    assert [(row["id"], row["version"], row["name"]) for row in offered] == [
        (template.pk, 1, "Housing first")
    ]
    assert offered[0]["recipient_organisation_ids"] == [police.pk]
    url = f"/api/v1/access/people/{person_id}/consents"
    unknown = client.post(
        url,
        data={"template_id": template.pk + 999, "evidence_kind": "electronic"},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert {error["field"] for error in unknown.json()["errors"]} == {"template_id"}
    # The session stays valid only forward in time: travel for the last request only.
    with time_machine.travel(NOW, tick=False):
        created = client.post(
            url,
            data={
                "template_id": template.pk,
                "purposes": ["referral"],
                "evidence_kind": "electronic",
            },
            content_type="application/json",
        )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["categories"] == ["housing", "identity"]
    assert body["purposes"] == ["referral"]  # given explicitly: wins over the template
    assert body["recipient_organisation_ids"] == [police.pk]
    assert body["valid_until"].startswith("2026-02-28")
    assert (body["template_id"], body["template_version"]) == (template.pk, 1)
    assert body["plain_language_text"] == WORDING
