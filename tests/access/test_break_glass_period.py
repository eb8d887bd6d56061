"""A data steward sets how long their organisation's emergency access lasts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseweave.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _form(organisation, **changes):
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "version": organisation.version,
        **changes,
    }


def test_a_steward_sets_the_break_glass_period(personas, client_for) -> None:
    organisation = personas["data_steward"].membership.organisation
    client = client_for(personas["data_steward"])
    url = reverse("web:core:organisation_edit", args=[organisation.pk])
    assert b'name="break_glass_hours"' in client.get(url).content
    response = client.post(url, _form(organisation, break_glass_hours="8"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.break_glass_hours == 8
    event = AuditEvent.objects.filter(event_type="organisation.updated").latest("id")
    assert "break_glass_hours" in event.payload["fields"]
    # The break-glass page tells staff of this organisation the period that applies.
    page = client_for(personas["caseworker"]).get(
        reverse("web:access:break_glass", args=["00000000-0000-4000-8000-000000000001"])
    )
    assert b"Access lasts 8 hours" in page.content


def test_a_period_beyond_a_day_is_refused_beside_the_field(personas, client_for) -> None:
    organisation = personas["data_steward"].membership.organisation
    client = client_for(personas["data_steward"])
    response = client.post(
        reverse("web:core:organisation_edit", args=[organisation.pk]),
        _form(organisation, break_glass_hours="48"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["break_glass_hours"]
    organisation.refresh_from_db()
    assert organisation.break_glass_hours is None
