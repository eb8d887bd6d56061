"""A data steward creates an API client, issues a token that works, then revokes it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from caseweave.audit.models import AuditEvent
from caseweave.core.choices import Role
from caseweave.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_steward_issues_a_working_token_and_revokes_it(personas, client_for) -> None:
    steward = personas["data_steward"]
    service = MembershipFactory(organisation=steward.membership.organisation, role=Role.ANALYST)
    browser = client_for(steward)

    created = browser.post(
        "/api-clients/",
        {"name": "Bed board", "acting_membership": service.pk, "scopes": ["platform:read"]},
    )
    assert created.status_code == 302
    detail_url = created["Location"]

    issued = browser.post(f"{detail_url}tokens/", {"label": "prod", "expires": "90"})
    assert issued.status_code == 200
    assert issued["Cache-Control"].startswith("max-age=0")
    secret = re.search(r'value="(cw_[0-9a-f]{12}_[A-Za-z0-9_-]{43})"', issued.content.decode())
    assert secret is not None
    token = secret.group(1)

    api = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    assert api.json()["acting_membership_id"] == service.pk

    # Shown once: the detail page never shows the secret again.
    assert token not in browser.get(detail_url).content.decode()

    token_id = re.search(r"/tokens/(\d+)/revoke/", browser.get(detail_url).content.decode())
    assert token_id is not None
    revoked = browser.post(f"{detail_url}tokens/{token_id.group(1)}/revoke/")
    assert revoked.status_code == 302
    assert (
        Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    )

    events = AuditEvent.objects.filter(event_type__startswith="api.").order_by("id")
    assert list(events.values_list("event_type", flat=True)) == [
        "api.client_created",
        "api.token_issued",
        "api.token_revoked",
    ]


def test_the_create_form_names_every_invalid_field(personas, client_for) -> None:
    response = client_for(personas["data_steward"]).post(
        "/api-clients/", {"name": "", "scopes": ["people:read", "made:up"]}
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"name", "acting_membership", "scopes"}


def test_another_organisations_client_looks_missing(personas, client_for) -> None:
    from caseweave.api.tests.factories import ApiClientFactory

    foreign = ApiClientFactory()
    browser = client_for(personas["data_steward"])
    assert browser.get(f"/api-clients/{foreign.pk}/").status_code == 404
    assert browser.post(f"/api-clients/{foreign.pk}/tokens/", {"expires": "30"}).status_code == 404
