"""A listing steward sees their organisation's stale listings and marks one verified."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from caseweave.directory import actions, readiness
from caseweave.directory.models import ServiceIndex
from caseweave.directory.tests.factories import ORGANIZATION_ID, import_services, service_json

pytestmark = pytest.mark.django_db


def test_the_stale_page_lists_own_listings_and_marks_one_verified(
    tmp_path: Path, lazy_personas: Any, client_for: Any, home_organisation: Any
) -> None:
    elsewhere = str(uuid.uuid5(readiness.NAMESPACE, "elsewhere"))
    own, foreign = (
        service_json("Night shelter"),
        service_json("Elsewhere clinic", organization_id=elsewhere),
    )
    import_services(tmp_path, [own, foreign])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    client = client_for(lazy_personas["receiving_agency_staff"])
    page = client.get("/services/stale/")
    assert page.status_code == 200
    assert b"Night shelter" in page.content and b"Elsewhere clinic" not in page.content

    response = client.post(f"/services/{own['id']}/verify/", {"back": "stale"})
    assert response.status_code == 302 and response["Location"] == "/services/stale/"
    assert ServiceIndex.objects.get(service_id=own["id"]).assured_date is not None
    page = client.get("/services/stale/")
    assert f"/services/{own['id']}/verify/" not in page.content.decode()
    assert b"checked recently" in page.content


def test_the_page_lists_every_own_listing_even_inactive_ones_for_editing(
    tmp_path: Path, lazy_personas: Any, client_for: Any, home_organisation: Any
) -> None:
    closed = {**service_json("Closed pantry"), "status": "inactive"}
    import_services(tmp_path, [closed])
    actions.organisation_link(
        actor=None, directory_organization_id=ORGANIZATION_ID, organisation_id=home_organisation.pk
    )
    page = client_for(lazy_personas["programme_coordinator"]).get("/services/stale/")
    body = page.content.decode()
    assert f"/services/{closed['id']}/edit/" in body and "inactive" in body
